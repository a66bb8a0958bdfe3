/* Fetch what the server says about an export: its description, its
 * canonical name, its size and its block size constraints.
 *
 *   nbdkit -U - --filter=exportname memory 64M \
 *     default-export=scratch exportdesc=fixed:'a scratch disk' \
 *     --run './export-description "$uri"'
 *
 * The description and the canonical name are optional extras that most
 * servers send only when asked, so the program asks with
 * nbd_set_full_info before connecting.  Even then a server may leave
 * either out; the call reading it then fails with ENOTSUP, which is
 * worth telling apart from a real error.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <libnbd.h>

static void
die (void)
{
  fprintf (stderr, "export-description: %s\n", nbd_get_error ());
  exit (EXIT_FAILURE);
}

/* Print a string the server may or may not have sent.  The string was
 * allocated for us, so it is ours to free.
 */
static void
print_optional (const char *label, char *value)
{
  if (value == NULL) {
    if (nbd_get_errno () != ENOTSUP)
      die ();
    printf ("%s: not reported\n", label);
    return;
  }
  printf ("%s: \"%s\"\n", label, value);
  free (value);
}

static void
print_block_size (struct nbd_handle *nbd, const char *label, int which)
{
  int64_t size = nbd_get_block_size (nbd, which);

  if (size == -1)
    die ();
  /* 0 means the server gave no value, not that the size is zero. */
  if (size == 0)
    printf ("%s block size: not reported\n", label);
  else
    printf ("%s block size: %" PRIi64 "\n", label, size);
}

int
main (int argc, char *argv[])
{
  int64_t size;
  struct nbd_handle *nbd;

  if (argc != 2) {
    fprintf (stderr, "Usage: export-description URI\n");
    return EXIT_FAILURE;
  }

  nbd = nbd_create ();
  if (nbd == NULL)
    die ();
  if (nbd_set_full_info (nbd, true) == -1)
    die ();
  if (nbd_connect_uri (nbd, argv[1]) == -1)
    die ();

  /* A URI without an export name selects the server's default export;
   * the canonical name says which export that really is.
   */
  print_optional ("name", nbd_get_canonical_export_name (nbd));
  print_optional ("description", nbd_get_export_description (nbd));
  size = nbd_get_size (nbd);
  if (size == -1)
    die ();
  printf ("size: %" PRIi64 "\n", size);
  print_block_size (nbd, "minimum", LIBNBD_SIZE_MINIMUM);
  print_block_size (nbd, "preferred", LIBNBD_SIZE_PREFERRED);
  print_block_size (nbd, "maximum", LIBNBD_SIZE_MAXIMUM);

  if (nbd_shutdown (nbd, 0) == -1)
    die ();
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
