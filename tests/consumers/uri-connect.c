/* Connect with an NBD URI and show what the handle learned from it.
 * A plain socket path is first turned into an nbd+unix:// URI (with
 * the export name from the optional second argument), percent-encoding
 * anything unsafe.  The program accepts only plaintext Unix and TCP
 * transports, as a cautious tool might, so other URIs are refused
 * before any connection is attempted.
 *
 *   nbdkit -U - memory 1M --run './uri-connect "$unixsocket" disk'
 *   ./uri-connect 'nbd://localhost:10809/disk'
 *
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "uri-connect"
#include "consumer.h"

/* Append s to out, escaping all but RFC 3986 unreserved characters
 * and any listed in keep.
 */
static char *
encode (char *out, const char *s, const char *keep)
{
  static const char hex[] = "0123456789ABCDEF";

  for (; *s; s++) {
    unsigned char c = *s;

    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || strchr ("-._~", c) || strchr (keep, c))
      *out++ = c;
    else {
      *out++ = '%';
      *out++ = hex[c >> 4];
      *out++ = hex[c & 15];
    }
  }
  *out = '\0';
  return out;
}

static char *
socket_uri (const char *path, const char *export)
{
  char *uri = malloc (32 + 3 * (strlen (path) + strlen (export)));
  char *p;

  if (uri == NULL) {
    perror ("malloc");
    exit (EXIT_FAILURE);
  }
  p = uri + sprintf (uri, "nbd+unix:///");
  p = encode (p, export, "");
  p += sprintf (p, "?socket=");
  encode (p, path, "/");
  return uri;
}

static const char *
yes_no (int r, const char *what)
{
  if (r == -1)
    die (what);
  return r ? "yes" : "no";
}

int
main (int argc, char *argv[])
{
  struct nbd_handle *nbd;
  const char *protocol;
  char *uri, *s;
  int64_t size;

  if (argc < 2 || argc > 3) {
    fprintf (stderr, "usage: %s URI | %s SOCKET [EXPORT]\n",
             argv[0], argv[0]);
    exit (EXIT_FAILURE);
  }
  if (strstr (argv[1], "://") != NULL)
    uri = strdup (argv[1]);
  else
    uri = socket_uri (argv[1], argc == 3 ? argv[2] : "");
  if (uri == NULL) {
    perror ("strdup");
    exit (EXIT_FAILURE);
  }

  nbd = create_handle ();
  if (!nbd_supports_uri (nbd)) {
    fprintf (stderr, "uri-connect: this libnbd was built without URIs\n");
    exit (EXIT_FAILURE);
  }
  if (nbd_set_uri_allow_transports (nbd, LIBNBD_ALLOW_TRANSPORT_UNIX |
                                    LIBNBD_ALLOW_TRANSPORT_TCP) == -1)
    die ("nbd_set_uri_allow_transports");
  if (nbd_set_uri_allow_tls (nbd, LIBNBD_TLS_DISABLE) == -1)
    die ("nbd_set_uri_allow_tls");

  printf ("connecting to: %s\n", uri);
  if (nbd_connect_uri (nbd, uri) == -1)
    die ("nbd_connect_uri");
  free (uri);

  s = nbd_get_uri (nbd);
  if (s == NULL)
    die ("nbd_get_uri");
  printf ("handle uri: %s\n", s);
  free (s);
  s = nbd_get_export_name (nbd);
  if (s == NULL)
    die ("nbd_get_export_name");
  printf ("export: \"%s\"\n", s);
  free (s);
  protocol = nbd_get_protocol (nbd);
  if (protocol == NULL)
    die ("nbd_get_protocol");
  printf ("protocol: %s\n", protocol);
  printf ("structured replies: %s\n",
          yes_no (nbd_get_structured_replies_negotiated (nbd),
                  "nbd_get_structured_replies_negotiated"));
  printf ("tls: %s\n",
          yes_no (nbd_get_tls_negotiated (nbd), "nbd_get_tls_negotiated"));
  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");
  printf ("size: %" PRIi64 "\n", size);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
