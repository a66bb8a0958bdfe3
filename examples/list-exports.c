/* List the exports an NBD server offers, with their descriptions.
 *
 *   nbdkit -U - --filter=exportname memory 64M \
 *     exportname-list=explicit exportname=alpha exportname=beta \
 *     --run './list-exports "$uri"'
 *
 * Asking for the list is an option (NBD_OPT_LIST), so it can only be
 * done while the handshake is still going on.  Option mode makes the
 * connection stop there instead of going straight on to the data phase,
 * and nbd_opt_abort ends the negotiation cleanly without ever selecting
 * an export.  The export named in the URI, if any, plays no part.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <libnbd.h>

static void
die (void)
{
  fprintf (stderr, "list-exports: %s\n", nbd_get_error ());
  exit (EXIT_FAILURE);
}

/* Called once for each export in the server's answer.  Both strings
 * belong to the library and are gone once this returns, so print them
 * now (or copy them).  A server that has no description sends none, and
 * the library passes an empty string.
 */
static int
print_export (void *user_data, const char *name, const char *description)
{
  (void) user_data;
  printf ("\"%s\"", name);
  if (description[0] != '\0')
    printf (": %s", description);
  printf ("\n");
  return 0;
}

int
main (int argc, char *argv[])
{
  nbd_list_callback list = { .callback = print_export };
  struct nbd_handle *nbd;
  int count;

  if (argc != 2) {
    fprintf (stderr, "Usage: list-exports URI\n");
    return EXIT_FAILURE;
  }

  nbd = nbd_create ();
  if (nbd == NULL)
    die ();
  if (nbd_set_opt_mode (nbd, true) == -1)
    die ();
  if (nbd_connect_uri (nbd, argv[1]) == -1)
    die ();

  /* A server may refuse to list its exports at all, or send an empty
   * list so as not to reveal them; only the first is an error.
   */
  count = nbd_opt_list (nbd, list);
  if (count == -1)
    die ();
  printf ("%d export%s\n", count, count == 1 ? "" : "s");

  if (nbd_opt_abort (nbd) == -1)
    die ();
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
