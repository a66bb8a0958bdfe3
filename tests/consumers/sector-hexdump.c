/* Hexdump the first sector (512 bytes, or the whole export if it is
 * smaller) in the canonical "offset, sixteen bytes, ASCII" layout.
 * Like hexdump -C, a run of lines identical to the one above is
 * shown as a single "*".
 *
 *   nbdkit -U - pattern 1M --run './sector-hexdump "$unixsocket"'
 *
 * The argument is an NBD URI if it contains "://", else a Unix socket.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <ctype.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "sector-hexdump"
#include "consumer.h"

#define SECTOR 512
#define WIDTH 16

static void
dump_line (const unsigned char *p, size_t offset, size_t len)
{
  size_t i;

  printf ("%08zx ", offset);
  for (i = 0; i < WIDTH; i++) {
    if (i == WIDTH / 2)
      putchar (' ');
    if (i < len)
      printf (" %02x", p[i]);
    else
      printf ("   ");
  }
  printf ("  |");
  for (i = 0; i < len; i++)
    putchar (isprint (p[i]) ? p[i] : '.');
  printf ("|\n");
}

static void
dump (const unsigned char *buf, size_t len)
{
  bool starred = false;
  size_t off;

  for (off = 0; off < len; off += WIDTH) {
    size_t n = len - off < WIDTH ? len - off : WIDTH;

    if (off > 0 && n == WIDTH &&
        memcmp (buf + off, buf + off - WIDTH, WIDTH) == 0) {
      if (!starred)
        printf ("*\n");
      starred = true;
      continue;
    }
    starred = false;
    dump_line (buf + off, off, n);
  }
  printf ("%08zx\n", len);
}

int
main (int argc, char *argv[])
{
  unsigned char buf[SECTOR];
  struct nbd_handle *nbd;
  int64_t size;
  size_t len;

  usage_unless (argc == 2, "SOCKET|URI");

  nbd = open_connection (argv[1]);

  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");
  len = size < SECTOR ? (size_t) size : SECTOR;
  if (len > 0 && nbd_pread (nbd, buf, len, 0, 0) == -1)
    die ("nbd_pread");
  dump (buf, len);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
