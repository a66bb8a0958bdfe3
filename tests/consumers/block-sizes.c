/* Show the block size constraints a server advertises (minimum,
 * preferred and maximum request sizes, plus the largest write payload
 * libnbd will send), then read an arbitrary byte range the careful
 * way: widened to the minimum block size on both ends and cut into
 * pieces no larger than the maximum.
 *
 *   nbdkit -U - --filter=blocksize-policy pattern 16M \
 *     blocksize-minimum=4096 blocksize-preferred=65536 \
 *     blocksize-maximum=1M --run './block-sizes "$unixsocket" 1000 5000'
 *
 * The arguments are an NBD URI (if it contains "://") or a Unix
 * socket, then the offset and length to read; the program prints the
 * first and last 8-byte words of the range actually read.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "block-sizes"
#include "consumer.h"

static int64_t
block_size (struct nbd_handle *nbd, int which, const char *name)
{
  int64_t r = nbd_get_block_size (nbd, which);

  if (r == -1)
    die ("nbd_get_block_size");
  if (r == 0)
    printf ("%s: not advertised\n", name);
  else
    printf ("%s: %" PRIi64 "\n", name, r);
  return r;
}

static void
print_word (const char *label, const unsigned char *p)
{
  int i;

  printf ("%s:", label);
  for (i = 0; i < 8; i++)
    printf (" %02x", p[i]);
  printf ("\n");
}

int
main (int argc, char *argv[])
{
  int64_t minimum, maximum, size;
  uint64_t offset, length, start, end, pos;
  unsigned requests = 0;
  unsigned char *buf;
  struct nbd_handle *nbd;

  usage_unless (argc == 4, "SOCKET|URI OFFSET LENGTH");
  offset = strtoull (argv[2], NULL, 0);
  length = strtoull (argv[3], NULL, 0);
  if (length < 8) {
    fprintf (stderr, "block-sizes: LENGTH must be at least 8\n");
    exit (EXIT_FAILURE);
  }

  nbd = create_handle ();
  /* Asking is the default; say so for the reader of this program. */
  if (nbd_set_request_block_size (nbd, true) == -1)
    die ("nbd_set_request_block_size");
  connect_to (nbd, argv[1]);

  minimum = block_size (nbd, LIBNBD_SIZE_MINIMUM, "minimum");
  block_size (nbd, LIBNBD_SIZE_PREFERRED, "preferred");
  maximum = block_size (nbd, LIBNBD_SIZE_MAXIMUM, "maximum");
  block_size (nbd, LIBNBD_SIZE_PAYLOAD, "payload");
  if (minimum == 0)
    minimum = 1;
  if (maximum == 0)
    maximum = 32 * 1024 * 1024;

  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");
  if (offset > (uint64_t) size || length > (uint64_t) size - offset) {
    fprintf (stderr, "block-sizes: range is beyond the export (%" PRIi64
             " bytes)\n", size);
    exit (EXIT_FAILURE);
  }

  start = offset / minimum * minimum;
  end = (offset + length + minimum - 1) / minimum * minimum;
  if (end > (uint64_t) size)
    end = size;
  buf = malloc (end - start);
  if (buf == NULL) {
    perror ("malloc");
    exit (EXIT_FAILURE);
  }
  for (pos = start; pos < end; pos += maximum) {
    uint64_t n = end - pos < (uint64_t) maximum ? end - pos
                                                : (uint64_t) maximum;

    if (nbd_pread (nbd, buf + (pos - start), n, pos, 0) == -1)
      die ("nbd_pread");
    requests++;
  }
  printf ("aligned: %" PRIu64 "-%" PRIu64 " in %u request(s)\n",
          start, end, requests);
  print_word ("first", buf + (offset - start));
  print_word ("last", buf + (offset + length - 8 - start));

  free (buf);
  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
