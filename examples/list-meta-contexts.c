/* List the meta contexts an NBD server supports for one export.
 *
 *   nbdkit -U - memory 64M --run './list-meta-contexts "$uri"'
 *   nbdkit -U - memory 64M --run './list-meta-contexts "$uri" base:'
 *
 * The export is the one the URI names.  With no further arguments the
 * server is asked for every context it supports.  Each further argument
 * is a query: a full context name such as "base:allocation", or just a
 * namespace such as "qemu:", which stands for all the contexts in it.
 * The server then answers with the supported contexts that match.
 *
 * Meta contexts are what nbd_block_status reports on; listing them first
 * tells you which names are worth passing to nbd_add_meta_context before
 * you connect for real.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <libnbd.h>

static void
die (void)
{
  fprintf (stderr, "list-meta-contexts: %s\n", nbd_get_error ());
  exit (EXIT_FAILURE);
}

/* Called once for each context in the server's answer.  The name is
 * only valid until this returns.  The callback must not call back into
 * the handle, so a program that wants to request these contexts has to
 * copy the names and call nbd_add_meta_context after the listing.
 */
static int
print_context (void *user_data, const char *name)
{
  (void) user_data;
  printf ("%s\n", name);
  return 0;
}

int
main (int argc, char *argv[])
{
  nbd_context_callback context = { .callback = print_context };
  struct nbd_handle *nbd;
  int count;

  if (argc < 2) {
    fprintf (stderr, "Usage: list-meta-contexts URI [QUERY...]\n");
    return EXIT_FAILURE;
  }

  nbd = nbd_create ();
  if (nbd == NULL)
    die ();
  if (nbd_set_opt_mode (nbd, true) == -1)
    die ();
  if (nbd_connect_uri (nbd, argv[1]) == -1)
    die ();

  /* nbd_opt_list_meta_context sends the handle's own list of contexts,
   * the one nbd_add_meta_context fills and nbd_opt_go will request.
   * Nothing has been added to it yet, and an empty query list asks the
   * server for everything.  Queries from the command line go straight
   * to the server instead, leaving that list alone; argv, like the
   * queries argument, ends with a NULL pointer.
   */
  if (argc == 2)
    count = nbd_opt_list_meta_context (nbd, context);
  else
    count = nbd_opt_list_meta_context_queries (nbd, &argv[2], context);
  if (count == -1)
    die ();
  printf ("%d meta context%s\n", count, count == 1 ? "" : "s");

  if (nbd_opt_abort (nbd) == -1)
    die ();
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
