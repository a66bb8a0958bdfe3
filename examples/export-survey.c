/* Probe an NBD server in option mode: what the handshake settled (TLS,
 * structured replies, extended headers), the exports the server offers,
 * the meta contexts each export supports, and each export's size and
 * flags.  This is the example to start from when a program needs to
 * find out what a server can do before it commits to one export.
 *
 *   nbdkit -U - memory 64M --run './export-survey "$unixsocket"'
 *
 * Option mode stops the handshake at the point where the client may
 * send options, so the program can ask several questions in turn:
 * NBD_OPT_LIST for the exports, then for each export
 * NBD_OPT_LIST_META_CONTEXT (through the asynchronous call, driving the
 * handle with nbd_poll until the completion callback has run) and
 * NBD_OPT_INFO for the details.  nbd_opt_abort then leaves without
 * selecting any export.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

struct exports {
  char **names;
  size_t count;
};

static void
die (void)
{
  fprintf (stderr, "export-survey: %s\n", nbd_get_error ());
  exit (EXIT_FAILURE);
}

/* The name is only valid during the callback, and the callback may not
 * use the handle, so keep a copy and ask about the export afterwards.
 * The protocol puts no limit on the number of exports.
 */
static int
remember_export (void *user_data, const char *name, const char *description)
{
  struct exports *e = user_data;
  char **names;

  (void) description;
  names = realloc (e->names, (e->count + 1) * sizeof *names);
  if (names == NULL) {
    perror ("realloc");
    exit (EXIT_FAILURE);
  }
  e->names = names;
  e->names[e->count] = strdup (name);
  if (e->names[e->count] == NULL) {
    perror ("strdup");
    exit (EXIT_FAILURE);
  }
  e->count++;
  return 0;
}

static int
print_context (void *user_data, const char *name)
{
  (void) user_data;
  printf ("    meta context: %s\n", name);
  return 0;
}

/* The server's verdict on the list request, read once it has arrived. */
static int
list_done (void *user_data, int *error)
{
  int *result = user_data;

  *result = *error;
  return 1;
}

static void
list_contexts (struct nbd_handle *nbd)
{
  int result = -1;
  nbd_context_callback context = { .callback = print_context };
  nbd_completion_callback done = { .callback = list_done,
                                   .user_data = &result };

  if (nbd_aio_opt_list_meta_context (nbd, context, done) == -1)
    die ();
  while (result == -1)
    if (nbd_poll (nbd, -1) == -1)
      die ();
  if (result != 0)
    printf ("    meta contexts: the server would not list them (%s)\n",
            strerror (result));
}

static void
show_yes_no (const char *label, int value)
{
  if (value == -1)
    die ();
  printf ("%s: %s\n", label, value ? "yes" : "no");
}

/* The flags NBD_OPT_INFO reports, in the order they are printed. */
static const struct {
  const char *name;
  int (*test) (struct nbd_handle *);
} export_flags[] = {
  { "read-only", nbd_is_read_only },
  { "flush", nbd_can_flush },
  { "fua", nbd_can_fua },
  { "trim", nbd_can_trim },
  { "zero", nbd_can_zero },
  { "fast-zero", nbd_can_fast_zero },
  { "cache", nbd_can_cache },
  { "df", nbd_can_df },
  { "multi-conn", nbd_can_multi_conn },
  { "rotational", nbd_is_rotational },
};

static void
describe_export (struct nbd_handle *nbd, const char *name)
{
  int64_t size;
  size_t i;

  printf ("export \"%s\":\n", name);
  if (nbd_set_export_name (nbd, name) == -1)
    die ();
  list_contexts (nbd);

  /* A server may refuse the details of one export and still answer for
   * the others, so this is not fatal.
   */
  if (nbd_opt_info (nbd) == -1) {
    printf ("    no details: %s\n", nbd_get_error ());
    return;
  }
  size = nbd_get_size (nbd);
  if (size == -1)
    die ();
  printf ("    size: %" PRIi64 " bytes\n", size);
  printf ("    flags:");
  for (i = 0; i < sizeof export_flags / sizeof export_flags[0]; i++) {
    int value = export_flags[i].test (nbd);

    if (value == -1)
      die ();
    if (value)
      printf (" %s", export_flags[i].name);
  }
  printf ("\n");
}

int
main (int argc, char *argv[])
{
  struct exports exports = { .names = NULL, .count = 0 };
  nbd_list_callback list = { .callback = remember_export,
                             .user_data = &exports };
  struct nbd_handle *nbd;
  const char *protocol;
  size_t i;

  if (argc != 2) {
    fprintf (stderr, "Usage: export-survey UNIX-SOCKET\n");
    return EXIT_FAILURE;
  }
  nbd = nbd_create ();
  if (nbd == NULL)
    die ();
  if (nbd_set_opt_mode (nbd, true) == -1)
    die ();
  if (nbd_connect_unix (nbd, argv[1]) == -1)
    die ();

  /* Before handing over in option mode, the library has already asked
   * for what it requests by default (see nbd_set_tls,
   * nbd_set_request_structured_replies and
   * nbd_set_request_extended_headers), so these report what the server
   * agreed to.
   */
  protocol = nbd_get_protocol (nbd);
  if (protocol == NULL)
    die ();
  printf ("protocol: %s\n", protocol);
  show_yes_no ("tls", nbd_get_tls_negotiated (nbd));
  show_yes_no ("structured replies",
               nbd_get_structured_replies_negotiated (nbd));
  show_yes_no ("extended headers", nbd_get_extended_headers_negotiated (nbd));

  if (nbd_opt_list (nbd, list) == -1)
    die ();
  printf ("exports: %zu\n", exports.count);
  for (i = 0; i < exports.count; i++) {
    describe_export (nbd, exports.names[i]);
    free (exports.names[i]);
  }
  free (exports.names);

  if (nbd_opt_abort (nbd) == -1)
    die ();
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
