/* Read a whole export with many asynchronous reads in flight at once.
 * Each read carries its own buffer and a completion callback that
 * checks the data as soon as it arrives; the callback returns 1 so
 * that libnbd retires the command itself.  The main loop keeps the
 * pipeline full and lets nbd_poll do the waiting.
 *
 * The data is checked against nbdkit's pattern plugin, where every
 * 8-byte word holds its own offset, big-endian:
 *
 *   nbdkit -U - pattern 16M --run './aio-pipeline "$unixsocket"'
 *
 * The argument is an NBD URI if it contains "://", else a Unix socket.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "aio-pipeline"
#include "consumer.h"

#define READ_SIZE (64 * 1024)
#define MAX_IN_FLIGHT 32

struct totals {
  unsigned completed;
  unsigned failed;
  uint64_t bad_words;
  uint64_t bytes;
};

struct read_op {
  struct totals *totals;
  uint64_t offset;
  size_t count;
  unsigned char buf[READ_SIZE];
};

/* Runs from inside nbd_poll once the reply has been read. */
static int
read_done (void *user_data, int *error)
{
  struct read_op *op = user_data;
  struct totals *t = op->totals;

  t->completed++;
  if (*error != 0) {
    fprintf (stderr, "aio-pipeline: read at %" PRIu64 " failed: %s\n",
             op->offset, strerror (*error));
    t->failed++;
  }
  else {
    t->bad_words += pattern_mismatches (op->buf, op->count, op->offset);
    t->bytes += op->count;
  }
  free (op);
  return 1;
}

int
main (int argc, char *argv[])
{
  struct totals totals = { .completed = 0 };
  struct nbd_handle *nbd;
  uint64_t next = 0;
  unsigned issued = 0;
  int64_t size, in_flight, most = 0;

  usage_unless (argc == 2, "SOCKET|URI");

  nbd = open_connection (argv[1]);
  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");

  for (;;) {
    /* Top up the pipeline.  Replies that have already arrived may be
     * handled while a read is being issued, so ask the handle how
     * many are still outstanding rather than counting them here.
     */
    while (next < (uint64_t) size) {
      struct read_op *op;
      nbd_completion_callback cb = { .callback = read_done };
      size_t count;

      in_flight = nbd_aio_in_flight (nbd);
      if (in_flight == -1)
        die ("nbd_aio_in_flight");
      if (in_flight >= MAX_IN_FLIGHT)
        break;
      op = malloc (sizeof *op);
      if (op == NULL) {
        perror ("malloc");
        exit (EXIT_FAILURE);
      }
      count = size - next < READ_SIZE ? size - next : READ_SIZE;
      op->totals = &totals;
      op->offset = next;
      op->count = count;
      cb.user_data = op;
      /* From here on the callback may run, and free op, at any time
       * (even before nbd_aio_pread returns), so op is not used again.
       */
      if (nbd_aio_pread (nbd, op->buf, count, next, cb, 0) == -1)
        die ("nbd_aio_pread");
      next += count;
      issued++;
      if (in_flight + 1 > most)
        most = in_flight + 1;
    }

    in_flight = nbd_aio_in_flight (nbd);
    if (in_flight == -1)
      die ("nbd_aio_in_flight");
    if (in_flight == 0) {
      if (next >= (uint64_t) size)
        break;
      continue;
    }
    if (nbd_poll (nbd, -1) == -1)
      die ("nbd_poll");
  }

  printf ("reads: %u issued, %u completed, %u failed\n",
          issued, totals.completed, totals.failed);
  printf ("most in flight: %" PRIi64 "\n", most);
  printf ("bytes: %" PRIu64 "\n", totals.bytes);
  printf ("bad words: %" PRIu64 "\n", totals.bad_words);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return totals.failed || totals.bad_words ? EXIT_FAILURE : EXIT_SUCCESS;
}
