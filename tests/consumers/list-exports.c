/* List the exports an NBD server offers, with their descriptions, and
 * then finish the handshake on one of them (the one named as the
 * second argument, or else the first listed) to print its size.
 *
 *   nbdkit -U - --filter=exportname memory 1M \
 *     exportname-list=explicit exportname=a exportname=b \
 *     --run './list-exports "$unixsocket" b'
 *
 * It uses option mode: the handle stops after the greeting, so the
 * program can ask for the list before choosing an export.  The first
 * argument is an NBD URI if it contains "://", else a Unix socket.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "list-exports"
#include "consumer.h"

struct listing {
  int count;
  char *first;
};

/* Called once for each export in the server's reply.  The strings
 * belong to libnbd and are gone after we return, hence the strdup.
 */
static int
got_export (void *user_data, const char *name, const char *description)
{
  struct listing *l = user_data;

  l->count++;
  if (*description)
    printf ("export: \"%s\" (%s)\n", name, description);
  else
    printf ("export: \"%s\"\n", name);
  if (l->first == NULL) {
    l->first = strdup (name);
    if (l->first == NULL) {
      perror ("strdup");
      exit (EXIT_FAILURE);
    }
  }
  return 0;
}

int
main (int argc, char *argv[])
{
  struct listing listing = { .count = 0, .first = NULL };
  nbd_list_callback cb = { .callback = got_export, .user_data = &listing };
  struct nbd_handle *nbd;
  const char *chosen;
  int64_t size;
  int r;

  usage_unless (argc == 2 || argc == 3, "SOCKET|URI [EXPORT]");

  nbd = create_handle ();
  if (nbd_set_opt_mode (nbd, true) == -1)
    die ("nbd_set_opt_mode");
  connect_to (nbd, argv[1]);

  r = nbd_opt_list (nbd, cb);
  if (r == -1)
    die ("nbd_opt_list");
  printf ("exports: %d\n", listing.count);

  chosen = argc == 3 ? argv[2] : listing.first;
  if (chosen == NULL) {
    fprintf (stderr, "list-exports: the server listed no exports\n");
    exit (EXIT_FAILURE);
  }
  if (nbd_set_export_name (nbd, chosen) == -1)
    die ("nbd_set_export_name");
  if (nbd_opt_go (nbd) == -1)
    die ("nbd_opt_go");
  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");
  printf ("chosen: \"%s\", size %" PRIi64 "\n", chosen, size);

  free (listing.first);
  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
