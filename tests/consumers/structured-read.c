/* Read with nbd_pread_structured, which reports each piece of the
 * server's reply to a chunk callback as it arrives: data chunks with
 * their bytes, hole chunks that stand for zeroes.  The callback
 * checks every data chunk against nbdkit's pattern plugin (each
 * 8-byte word holds its own offset, big-endian), checks that hole
 * chunks really read as zeroes, and keeps a tally, so the program
 * shows how the server split its answers.
 *
 *   nbdkit -U - pattern 4M --run './structured-read "$unixsocket"'
 *
 * The argument is an NBD URI if it contains "://", else a Unix socket.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "structured-read"
#include "consumer.h"

#define READ_SIZE (256 * 1024)

struct tally {
  unsigned data_chunks, hole_chunks, error_chunks;
  uint64_t covered;
  uint64_t bad_words;
};

static int
chunk (void *user_data, const void *subbuf, size_t count, uint64_t offset,
       unsigned status, int *error)
{
  struct tally *t = user_data;
  const unsigned char *p = subbuf;
  size_t i;

  switch (status) {
  case LIBNBD_READ_DATA:
    t->data_chunks++;
    t->bad_words += pattern_mismatches (p, count, offset);
    break;
  case LIBNBD_READ_HOLE:
    t->hole_chunks++;
    for (i = 0; i < count; i++)
      if (p[i] != 0) {
        t->bad_words++;
        break;
      }
    break;
  case LIBNBD_READ_ERROR:
    t->error_chunks++;
    fprintf (stderr, "structured-read: error chunk at %" PRIu64
             ": %s\n", offset, strerror (*error));
    return 0;
  default:
    fprintf (stderr, "structured-read: unknown chunk status %u\n", status);
    *error = EPROTO;
    return -1;
  }
  t->covered += count;
  return 0;
}

int
main (int argc, char *argv[])
{
  static unsigned char buf[READ_SIZE];
  struct tally t = { .data_chunks = 0 };
  nbd_chunk_callback cb = { .callback = chunk, .user_data = &t };
  struct nbd_handle *nbd;
  unsigned reads = 0;
  uint64_t offset;
  int64_t size;
  int sr;

  usage_unless (argc == 2, "SOCKET|URI");

  nbd = open_connection (argv[1]);
  sr = nbd_get_structured_replies_negotiated (nbd);
  if (sr == -1)
    die ("nbd_get_structured_replies_negotiated");
  printf ("structured replies: %s\n", sr ? "yes" : "no");
  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");

  for (offset = 0; offset < (uint64_t) size; offset += READ_SIZE) {
    size_t n = size - offset < READ_SIZE ? size - offset : READ_SIZE;

    if (nbd_pread_structured (nbd, buf, n, offset, cb, 0) == -1)
      die ("nbd_pread_structured");
    reads++;
  }

  printf ("reads: %u\n", reads);
  printf ("chunks: %u data, %u hole, %u error\n",
          t.data_chunks, t.hole_chunks, t.error_chunks);
  printf ("covered: %" PRIu64 " of %" PRIi64 "\n", t.covered, size);
  printf ("bad words: %" PRIu64 "\n", t.bad_words);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return t.bad_words || t.covered != (uint64_t) size ? EXIT_FAILURE
                                                      : EXIT_SUCCESS;
}
