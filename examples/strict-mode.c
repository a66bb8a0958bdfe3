/* How calls report errors, and which mistakes strict mode catches
 * before anything reaches the server.
 *
 *   nbdkit -U - --filter=blocksize-policy eval \
 *     blocksize-minimum=512 blocksize-error-policy=error \
 *     get_size='echo 1M' \
 *     pread='test $4 -lt 1048064 || { echo EIO bad block >&2; exit 1; }
 *            head -c $3 /dev/zero' \
 *     --run './strict-mode "$uri"'
 *
 * That server has a minimum block size of 512 bytes, refuses unaligned
 * requests, and fails reads of its last 512 bytes with EIO.  The
 * program makes a series of calls that fail in different ways and
 * prints, for each, the return value, nbd_get_errno and nbd_get_error.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define BLOCK 512

/* The message from nbd_get_error already starts with the failed call. */
static void
die (void)
{
  fprintf (stderr, "strict-mode: %s\n", nbd_get_error ());
  exit (EXIT_FAILURE);
}

/* Every call returns -1 (or NULL) on failure.  The details are kept per
 * thread until the next failing call in the same thread, so read them
 * straight away.  The message starts with the name of the call.
 */
static void
report (const char *what, int r)
{
  int errnum;

  printf ("%s: returned %d\n", what, r);
  if (r != -1)
    return;
  errnum = nbd_get_errno ();
  printf ("  errno: %d (%s)\n", errnum, strerror (errnum));
  printf ("  message: %s\n", nbd_get_error ());
}

int
main (int argc, char *argv[])
{
  int64_t size, minimum;
  uint32_t strict;
  char buf[BLOCK];
  struct nbd_handle *nbd;

  if (argc != 2) {
    fprintf (stderr, "usage: strict-mode URI\n");
    return EXIT_FAILURE;
  }
  nbd = nbd_create ();
  if (nbd == NULL)
    die ();

  /* A data command before connecting is refused with ENOTCONN. */
  report ("read before connecting", nbd_pread (nbd, buf, BLOCK, 0, 0));

  if (nbd_connect_uri (nbd, argv[1]) == -1)
    die ();
  size = nbd_get_size (nbd);
  if (size == -1)
    die ();
  /* The library asks for the server's block sizes by default (see
   * nbd_set_request_block_size); 0 means the server announced none.
   */
  minimum = nbd_get_block_size (nbd, LIBNBD_SIZE_MINIMUM);
  if (minimum == -1)
    die ();
  printf ("export size: %" PRIi64 ", minimum block size: %" PRIi64 "\n",
          size, minimum);

  report ("aligned read at 0", nbd_pread (nbd, buf, BLOCK, 0, 0));

  /* LIBNBD_STRICT_BOUNDS: the library knows the size of the export and
   * refuses the request itself, without asking the server.
   */
  report ("read past the end", nbd_pread (nbd, buf, BLOCK, size, 0));

  /* LIBNBD_STRICT_ALIGN: the same for requests that are not multiples of
   * the minimum block size.
   */
  report ("unaligned read", nbd_pread (nbd, buf, 100, 1, 0));

  /* Clear only the alignment check, keeping any others this version of
   * the library has, so that the request goes to the server, and the
   * error that comes back is the server's own.
   */
  strict = nbd_get_strict_mode (nbd);
  if (nbd_set_strict_mode (nbd, strict & ~LIBNBD_STRICT_ALIGN) == -1)
    die ();
  report ("unaligned read, not strict", nbd_pread (nbd, buf, 100, 1, 0));
  if (nbd_set_strict_mode (nbd, strict) == -1)
    die ();

  /* A valid request that the server fails: its errno comes through.
   * The connection survives and can be used for further commands.
   */
  report ("read of the last block",
          nbd_pread (nbd, buf, BLOCK, size - BLOCK, 0));
  report ("aligned read at 0 again", nbd_pread (nbd, buf, BLOCK, 0, 0));

  /* Settings of the handshake cannot be changed once it is over. */
  report ("set export name when connected",
          nbd_set_export_name (nbd, "other"));

  if (nbd_shutdown (nbd, 0) == -1)
    die ();
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
