/* Write a local file to the start of an NBD export with synchronous
 * writes, then make the data durable with a flush (or, if the server
 * has no flush, with FUA on the final write).  A file bigger than the
 * export is refused before anything is written.
 *
 *   nbdkit -U - memory 16M --run './file-to-export "$unixsocket" disk.img'
 *
 * The first argument is an NBD URI if it contains "://", else a Unix
 * socket; the second is the input file.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libnbd.h>

#define PROGRAM "file-to-export"
#include "consumer.h"

#define CHUNK (256 * 1024)

int
main (int argc, char *argv[])
{
  static char buf[CHUNK];
  struct nbd_handle *nbd;
  struct stat st;
  uint64_t offset = 0;
  int64_t size;
  int flush, fua;
  FILE *in;

  usage_unless (argc == 3, "SOCKET|URI INPUT");

  in = fopen (argv[2], "r");
  if (in == NULL || fstat (fileno (in), &st) == -1) {
    perror (argv[2]);
    exit (EXIT_FAILURE);
  }

  nbd = open_connection (argv[1]);

  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");
  if (st.st_size > size) {
    fprintf (stderr, "file-to-export: %s (%jd bytes) does not fit in "
             "the export (%" PRIi64 " bytes)\n",
             argv[2], (intmax_t) st.st_size, size);
    exit (EXIT_FAILURE);
  }
  flush = nbd_can_flush (nbd);
  if (flush == -1)
    die ("nbd_can_flush");
  fua = nbd_can_fua (nbd);
  if (fua == -1)
    die ("nbd_can_fua");

  for (;;) {
    size_t n = fread (buf, 1, sizeof buf, in);
    uint32_t flags = 0;

    if (n == 0)
      break;
    if (!flush && fua && offset + n == (uint64_t) st.st_size)
      flags = LIBNBD_CMD_FLAG_FUA;
    if (nbd_pwrite (nbd, buf, n, offset, flags) == -1)
      die ("nbd_pwrite");
    offset += n;
  }
  if (ferror (in)) {
    perror (argv[2]);
    exit (EXIT_FAILURE);
  }
  fclose (in);

  if (flush) {
    if (nbd_flush (nbd, 0) == -1)
      die ("nbd_flush");
    printf ("flushed: yes\n");
  }
  else
    printf ("flushed: no (%s)\n", fua ? "used FUA" : "server cannot flush");
  printf ("wrote: %" PRIu64 " bytes\n", offset);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
