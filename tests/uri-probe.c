/* What a libnbd library makes of NBD URIs, one line of outcome per URI,
 * for uri-compare.sh to set ours beside libnbd's.  The library is
 * loaded by path, so there is no doubt which one answered.
 *
 *   uri-probe LIBRARY < CASES
 *
 * Each line of CASES is SETUP URI, SETUP being "-" or a comma-separated
 * list of: local-files (nbd_set_uri_allow_local_file), tcp-only
 * (nbd_set_uri_allow_transports), uri-tls-require and uri-tls-disable
 * (nbd_set_uri_allow_tls), tls-require and tls-allow (nbd_set_tls),
 * lax (strict mode off).  Blank lines and lines starting with # are
 * skipped.  For each case the URI is connected to (nothing listens
 * where the cases point, so a URI that parses fails to connect) and
 * the outcome printed: errno, handle state, and what the handle then
 * says of the export name, TLS setting, TLS user and the URI.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

/* The calls the probe makes, looked up in the library under test. */
struct api {
  struct nbd_handle *(*create) (void);
  void (*close) (struct nbd_handle *);
  int (*connect_uri) (struct nbd_handle *, const char *);
  int (*get_errno) (void);
  int (*aio_is_created) (struct nbd_handle *);
  char *(*get_export_name) (struct nbd_handle *);
  char *(*get_uri) (struct nbd_handle *);
  char *(*get_tls_username) (struct nbd_handle *);
  int (*get_tls) (struct nbd_handle *);
  int (*set_tls) (struct nbd_handle *, int);
  int (*set_strict_mode) (struct nbd_handle *, uint32_t);
  int (*set_uri_allow_local_file) (struct nbd_handle *, bool);
  int (*set_uri_allow_transports) (struct nbd_handle *, uint32_t);
  int (*set_uri_allow_tls) (struct nbd_handle *, int);
};

static void *
lookup (void *lib, const char *name)
{
  void *sym = dlsym (lib, name);

  if (sym == NULL) {
    fprintf (stderr, "uri-probe: %s\n", dlerror ());
    exit (EXIT_FAILURE);
  }
  return sym;
}

#define LOOKUP(api, lib, field) \
  (*(void **) &(api)->field = lookup ((lib), "nbd_" #field))

/* The file the loader took nbd_create from is the one asked for. */
static void
check_loaded (void *create, const char *path)
{
  char want[PATH_MAX], got[PATH_MAX];
  Dl_info info;

  if (dladdr (create, &info) == 0 || info.dli_fname == NULL ||
      realpath (path, want) == NULL || realpath (info.dli_fname, got) == NULL ||
      strcmp (want, got) != 0) {
    fprintf (stderr, "uri-probe: nbd_create does not come from %s\n", path);
    exit (EXIT_FAILURE);
  }
}

static void
load (struct api *api, const char *path)
{
  void *lib = dlopen (path, RTLD_NOW | RTLD_LOCAL);

  if (lib == NULL) {
    fprintf (stderr, "uri-probe: %s\n", dlerror ());
    exit (EXIT_FAILURE);
  }
  LOOKUP (api, lib, create);
  check_loaded (*(void **) &api->create, path);
  LOOKUP (api, lib, close);
  LOOKUP (api, lib, connect_uri);
  LOOKUP (api, lib, get_errno);
  LOOKUP (api, lib, aio_is_created);
  LOOKUP (api, lib, get_export_name);
  LOOKUP (api, lib, get_uri);
  LOOKUP (api, lib, get_tls_username);
  LOOKUP (api, lib, get_tls);
  LOOKUP (api, lib, set_tls);
  LOOKUP (api, lib, set_strict_mode);
  LOOKUP (api, lib, set_uri_allow_local_file);
  LOOKUP (api, lib, set_uri_allow_transports);
  LOOKUP (api, lib, set_uri_allow_tls);
}

static int
apply_setup (const struct api *api, struct nbd_handle *h, char *setup)
{
  char *word, *save;
  int r = 0;

  if (strcmp (setup, "-") == 0)
    return 0;
  for (word = strtok_r (setup, ",", &save); word && r == 0;
       word = strtok_r (NULL, ",", &save)) {
    if (strcmp (word, "local-files") == 0)
      r = api->set_uri_allow_local_file (h, true);
    else if (strcmp (word, "tcp-only") == 0)
      r = api->set_uri_allow_transports (h, LIBNBD_ALLOW_TRANSPORT_TCP);
    else if (strcmp (word, "uri-tls-require") == 0)
      r = api->set_uri_allow_tls (h, LIBNBD_TLS_REQUIRE);
    else if (strcmp (word, "uri-tls-disable") == 0)
      r = api->set_uri_allow_tls (h, LIBNBD_TLS_DISABLE);
    else if (strcmp (word, "tls-require") == 0)
      r = api->set_tls (h, LIBNBD_TLS_REQUIRE);
    else if (strcmp (word, "tls-allow") == 0)
      r = api->set_tls (h, LIBNBD_TLS_ALLOW);
    else if (strcmp (word, "lax") == 0)
      r = api->set_strict_mode (h, 0);
    else {
      fprintf (stderr, "uri-probe: unknown setup %s\n", word);
      exit (EXIT_FAILURE);
    }
  }
  return r;
}

/* A string the library returned, printed and freed; "-" for none. */
static void
print_string (const char *what, char *s)
{
  printf (" %s=%s", what, s ? s : "-");
  free (s);
}

static void
probe (const struct api *api, char *setup, const char *uri)
{
  struct nbd_handle *h = api->create ();
  int r;

  if (h == NULL || apply_setup (api, h, setup) == -1) {
    fprintf (stderr, "uri-probe: cannot set up a handle for %s\n", uri);
    exit (EXIT_FAILURE);
  }
  r = api->connect_uri (h, uri);
  printf ("%s:", uri);
  if (r == 0)
    printf (" connected");
  else
    printf (" errno=%s %s", strerrorname_np (api->get_errno ()) ?: "0",
            api->aio_is_created (h) ? "unused" : "tried");
  print_string ("export", api->get_export_name (h));
  printf (" tls=%d", api->get_tls (h));
  print_string ("user", api->get_tls_username (h));
  print_string ("uri", api->get_uri (h));
  printf ("\n");
  fflush (stdout);
  api->close (h);
}

int
main (int argc, char *argv[])
{
  struct api api;
  char line[8192];

  if (argc != 2) {
    fprintf (stderr, "usage: uri-probe LIBRARY < CASES\n");
    exit (EXIT_FAILURE);
  }
  load (&api, argv[1]);
  while (fgets (line, sizeof line, stdin)) {
    char *setup, *uri;

    line[strcspn (line, "\n")] = '\0';
    if (line[0] == '\0' || line[0] == '#')
      continue;
    setup = line;
    uri = strchr (line, ' ');
    if (uri == NULL) {
      fprintf (stderr, "uri-probe: no URI in: %s\n", line);
      exit (EXIT_FAILURE);
    }
    *uri++ = '\0';
    probe (&api, setup, uri);
  }
  return EXIT_SUCCESS;
}
