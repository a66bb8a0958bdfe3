/* Several threads reading one export through a single shared handle.
 * libnbd handles are thread-safe: each thread calls the synchronous
 * nbd_pread, and their requests share the one connection, several
 * outstanding at once.  The export is split into one stripe per
 * thread and every thread checks what it reads against nbdkit's
 * pattern plugin (each 8-byte word holds its own offset, big-endian).
 *
 *   nbdkit -U - pattern 16M --run './threaded-reader "$unixsocket" 8'
 *
 * The first argument is an NBD URI if it contains "://", else a Unix
 * socket; the optional second one is the number of threads.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "threaded-reader"
#include "consumer.h"

#define MAX_THREADS 64
#define READ_SIZE (32 * 1024)

struct worker {
  pthread_t thread;
  struct nbd_handle *nbd;
  uint64_t start, end;          /* this thread's stripe */
  uint64_t bytes, bad_words;
  unsigned reads;
  int failed;                   /* errno of a failed read, or 0 */
  char message[256];            /* and libnbd's message for it */
};

static void *
read_stripe (void *arg)
{
  struct worker *w = arg;
  unsigned char buf[READ_SIZE];
  uint64_t off;

  for (off = w->start; off < w->end; off += READ_SIZE) {
    size_t n = w->end - off < READ_SIZE ? w->end - off : READ_SIZE;

    if (nbd_pread (w->nbd, buf, n, off, 0) == -1) {
      /* The error belongs to this thread: save it for main. */
      w->failed = nbd_get_errno () ? nbd_get_errno () : -1;
      snprintf (w->message, sizeof w->message, "%s", nbd_get_error ());
      return NULL;
    }
    w->bad_words += pattern_mismatches (buf, n, off);
    w->bytes += n;
    w->reads++;
  }
  return NULL;
}

int
main (int argc, char *argv[])
{
  struct worker workers[MAX_THREADS];
  struct nbd_handle *nbd;
  uint64_t stripe, bytes = 0, bad = 0;
  unsigned reads = 0;
  int64_t size;
  int i, n = 4, err, failed = 0;

  usage_unless (argc == 2 || argc == 3, "SOCKET|URI [THREADS]");
  if (argc == 3) {
    n = atoi (argv[2]);
    if (n < 1 || n > MAX_THREADS) {
      fprintf (stderr, "threaded-reader: threads must be 1 to %d\n",
               MAX_THREADS);
      exit (EXIT_FAILURE);
    }
  }

  nbd = open_connection (argv[1]);
  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");

  /* Stripes are multiples of 8 bytes so words never straddle two. */
  stripe = ((size / n) + 7) & ~UINT64_C (7);
  for (i = 0; i < n; i++) {
    struct worker *w = &workers[i];

    memset (w, 0, sizeof *w);
    w->nbd = nbd;
    w->start = i * stripe < (uint64_t) size ? i * stripe : (uint64_t) size;
    w->end = w->start + stripe < (uint64_t) size ? w->start + stripe
                                                 : (uint64_t) size;
    err = pthread_create (&w->thread, NULL, read_stripe, w);
    if (err != 0) {
      fprintf (stderr, "pthread_create: %s\n", strerror (err));
      exit (EXIT_FAILURE);
    }
  }
  for (i = 0; i < n; i++) {
    struct worker *w = &workers[i];

    err = pthread_join (w->thread, NULL);
    if (err != 0) {
      fprintf (stderr, "pthread_join: %s\n", strerror (err));
      exit (EXIT_FAILURE);
    }
    if (w->failed) {
      fprintf (stderr, "threaded-reader: thread %d: nbd_pread: %s\n",
               i, w->message);
      failed++;
    }
    bytes += w->bytes;
    bad += w->bad_words;
    reads += w->reads;
  }

  printf ("threads: %d\n", n);
  printf ("reads: %u\n", reads);
  printf ("bytes: %" PRIu64 "\n", bytes);
  printf ("bad words: %" PRIu64 "\n", bad);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return failed || bad ? EXIT_FAILURE : EXIT_SUCCESS;
}
