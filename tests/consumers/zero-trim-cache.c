/* Exercise the optional data-management commands, each only if the
 * server advertises it: write some data, zero it (trying a fast zero
 * first, which a server may turn down), check that it reads back as
 * zeroes, trim it, ask the server to cache a range, and flush.  Each
 * command gets one line of output saying whether it ran or why not.
 *
 *   nbdkit -U - memory 16M --run './zero-trim-cache "$unixsocket"'
 *
 * The argument is an NBD URI if it contains "://", else a Unix socket.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "zero-trim-cache"
#include "consumer.h"

#define LEN (64 * 1024)

/* Read one of the can_* / is_* flags, printing it as we go. */
static bool
flag (struct nbd_handle *nbd, int (*get) (struct nbd_handle *),
      const char *name)
{
  int r = get (nbd);

  if (r == -1)
    die (name);
  printf ("%s: %s\n", name, r ? "yes" : "no");
  return r;
}

static void
do_zero (struct nbd_handle *nbd, bool fast, unsigned char *buf)
{
  size_t i;

  if (fast) {
    if (nbd_zero (nbd, LEN, 0, LIBNBD_CMD_FLAG_FAST_ZERO) == 0)
      printf ("zero: done (fast)\n");
    else if (nbd_get_errno () == ENOTSUP) {
      /* Zeroing would be slow here; a real tool might now decide
       * that writing its own zeroes is no worse.  We go ahead.
       */
      fast = false;
    }
    else
      die ("nbd_zero (fast)");
  }
  if (!fast) {
    if (nbd_zero (nbd, LEN, 0, 0) == -1)
      die ("nbd_zero");
    printf ("zero: done\n");
  }

  if (nbd_pread (nbd, buf, LEN, 0, 0) == -1)
    die ("nbd_pread");
  for (i = 0; i < LEN; i++)
    if (buf[i] != 0) {
      fprintf (stderr, "zero-trim-cache: byte %zu is %#x after zeroing\n",
               i, buf[i]);
      exit (EXIT_FAILURE);
    }
  printf ("zero: reads back as zeroes\n");
}

int
main (int argc, char *argv[])
{
  static unsigned char buf[LEN];
  struct nbd_handle *nbd;
  bool ro, zero, fast_zero, trim, cache, flush;
  int64_t size;

  usage_unless (argc == 2, "SOCKET|URI");

  nbd = open_connection (argv[1]);
  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");
  if (size < LEN) {
    fprintf (stderr, "zero-trim-cache: the export is smaller than %d\n",
             LEN);
    exit (EXIT_FAILURE);
  }

  ro = flag (nbd, nbd_is_read_only, "read_only");
  zero = flag (nbd, nbd_can_zero, "can_zero");
  fast_zero = flag (nbd, nbd_can_fast_zero, "can_fast_zero");
  trim = flag (nbd, nbd_can_trim, "can_trim");
  cache = flag (nbd, nbd_can_cache, "can_cache");
  flush = flag (nbd, nbd_can_flush, "can_flush");

  if (ro)
    printf ("write: skipped (read-only)\n");
  else {
    memset (buf, 0xa5, LEN);
    if (nbd_pwrite (nbd, buf, LEN, 0, 0) == -1)
      die ("nbd_pwrite");
    printf ("write: done\n");
  }

  if (zero)
    do_zero (nbd, fast_zero, buf);
  else
    printf ("zero: skipped (not supported)\n");

  /* After a trim the contents are unspecified, so nothing to check. */
  if (trim) {
    if (nbd_trim (nbd, LEN, 0, 0) == -1)
      die ("nbd_trim");
    printf ("trim: done\n");
  }
  else
    printf ("trim: skipped (not supported)\n");

  if (cache) {
    if (nbd_cache (nbd, LEN, 0, 0) == -1)
      die ("nbd_cache");
    printf ("cache: done\n");
  }
  else
    printf ("cache: skipped (not supported)\n");

  if (flush) {
    if (nbd_flush (nbd, 0) == -1)
      die ("nbd_flush");
    printf ("flush: done\n");
  }
  else
    printf ("flush: skipped (not supported)\n");

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
