/* Survey an NBD server: the exports it offers, the meta contexts each
 * export supports, and each export's size and flags.
 *
 *   nbdkit -U - memory 64M --run './export-survey $unixsocket'
 *
 * It connects in option mode, asks NBD_OPT_LIST for the exports, then
 * for each export asks NBD_OPT_LIST_META_CONTEXT through the
 * asynchronous call (driving the handle with nbd_poll until the
 * completion callback has run) and NBD_OPT_INFO for the details.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define MAX_EXPORTS 64

struct exports {
  char *names[MAX_EXPORTS];
  int count;
};

static int
remember_export (void *user_data, const char *name, const char *description)
{
  struct exports *e = user_data;

  (void) description;
  if (e->count < MAX_EXPORTS)
    e->names[e->count++] = strdup (name);
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
die (const char *what)
{
  fprintf (stderr, "export-survey: %s: %s\n", what, nbd_get_error ());
  exit (EXIT_FAILURE);
}

static void
list_contexts (struct nbd_handle *nbd)
{
  int result = -1;
  nbd_context_callback context = { .callback = print_context };
  nbd_completion_callback done = { .callback = list_done,
                                   .user_data = &result };

  if (nbd_aio_opt_list_meta_context (nbd, context, done) == -1)
    die ("nbd_aio_opt_list_meta_context");
  while (result == -1)
    if (nbd_poll (nbd, -1) == -1)
      die ("nbd_poll");
  if (result != 0)
    printf ("    meta contexts: the server would not list them (%s)\n",
            strerror (result));
}

static void
show_flag (const char *name, int value)
{
  if (value == 1)
    printf (" %s", name);
}

static void
describe_export (struct nbd_handle *nbd, const char *name)
{
  printf ("export \"%s\":\n", name);
  if (nbd_set_export_name (nbd, name) == -1)
    die ("nbd_set_export_name");
  list_contexts (nbd);
  if (nbd_opt_info (nbd) == -1) {
    printf ("    no details: %s\n", nbd_get_error ());
    return;
  }
  printf ("    size: %" PRIi64 " bytes\n", nbd_get_size (nbd));
  printf ("    flags:");
  show_flag ("read-only", nbd_is_read_only (nbd));
  show_flag ("flush", nbd_can_flush (nbd));
  show_flag ("fua", nbd_can_fua (nbd));
  show_flag ("trim", nbd_can_trim (nbd));
  show_flag ("zero", nbd_can_zero (nbd));
  show_flag ("fast-zero", nbd_can_fast_zero (nbd));
  show_flag ("cache", nbd_can_cache (nbd));
  show_flag ("multi-conn", nbd_can_multi_conn (nbd));
  show_flag ("rotational", nbd_is_rotational (nbd));
  printf ("\n");
}

int
main (int argc, char *argv[])
{
  struct exports exports = { .count = 0 };
  nbd_list_callback list = { .callback = remember_export,
                             .user_data = &exports };
  struct nbd_handle *nbd;
  int i;

  if (argc != 2) {
    fprintf (stderr, "usage: %s UNIX-SOCKET\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  nbd = nbd_create ();
  if (!nbd)
    die ("nbd_create");
  if (nbd_set_opt_mode (nbd, true) == -1)
    die ("nbd_set_opt_mode");
  if (nbd_connect_unix (nbd, argv[1]) == -1)
    die ("nbd_connect_unix");
  printf ("server protocol: %s\n", nbd_get_protocol (nbd));
  if (nbd_opt_list (nbd, list) == -1)
    die ("nbd_opt_list");
  printf ("exports: %d\n", exports.count);
  for (i = 0; i < exports.count; i++) {
    describe_export (nbd, exports.names[i]);
    free (exports.names[i]);
  }
  if (nbd_opt_abort (nbd) == -1)
    die ("nbd_opt_abort");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
