/* Copy a whole NBD export into a local file with synchronous reads,
 * one chunk at a time, then print how many bytes were copied.  The
 * chunk is 1 MiB unless the server advertises a smaller maximum
 * request size.
 *
 *   nbdkit -U - file disk.img --run './export-to-file "$unixsocket" copy.img'
 *
 * The first argument is an NBD URI if it contains "://", else a Unix
 * socket; the second is the output file, created or truncated.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "export-to-file"
#include "consumer.h"

#define CHUNK (1024 * 1024)

int
main (int argc, char *argv[])
{
  int64_t size, max;
  uint64_t offset;
  size_t chunk = CHUNK;
  char *buf;
  FILE *out;
  struct nbd_handle *nbd;

  usage_unless (argc == 3, "SOCKET|URI OUTPUT");

  nbd = open_connection (argv[1]);

  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");
  max = nbd_get_block_size (nbd, LIBNBD_SIZE_MAXIMUM);
  if (max == -1)
    die ("nbd_get_block_size");
  if (max > 0 && (uint64_t) max < chunk)
    chunk = max;

  buf = malloc (chunk);
  if (buf == NULL) {
    perror ("malloc");
    exit (EXIT_FAILURE);
  }
  out = fopen (argv[2], "w");
  if (out == NULL) {
    perror (argv[2]);
    exit (EXIT_FAILURE);
  }

  for (offset = 0; offset < (uint64_t) size; offset += chunk) {
    size_t n = chunk;

    if (size - offset < n)
      n = size - offset;
    if (nbd_pread (nbd, buf, n, offset, 0) == -1)
      die ("nbd_pread");
    if (fwrite (buf, 1, n, out) != n) {
      perror (argv[2]);
      exit (EXIT_FAILURE);
    }
  }
  if (fclose (out) == EOF) {
    perror (argv[2]);
    exit (EXIT_FAILURE);
  }
  free (buf);

  printf ("chunk: %zu\n", chunk);
  printf ("copied: %" PRIi64 " bytes to %s\n", size, argv[2]);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
