/* Read an export from several threads that share one handle, and check
 * every byte against the known content of nbdkit's pattern plugin.
 *
 *   nbdkit -U - pattern 64M --run './threaded-reads "$uri"'
 *
 * A handle is thread safe: any thread may call the library on it.  A
 * synchronous call such as nbd_pread holds the handle's lock only while
 * it queues its request and while it handles replies, not while it
 * waits for the server, so the requests of all the threads are in
 * flight at the same time and the server can work on them together.
 *
 * Each thread reads its own part of the export, 64 KiB at a time.
 * The pattern plugin fills the export with 8-byte big-endian words,
 * each holding its own offset, so the expected data is known anywhere.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define NR_THREADS 4
#define CHUNK_SIZE (64 * 1024)  /* a multiple of 8, to keep words whole */

struct worker {
  pthread_t thread;
  struct nbd_handle *nbd;
  uint64_t start, end;          /* the part of the export to read */
  uint64_t bytes_read;
  uint64_t bad_words;
  char *error;                  /* why the thread stopped early, or NULL */
};

static void
die (const char *what)
{
  fprintf (stderr, "threaded-reads: %s: %s\n", what, nbd_get_error ());
  exit (EXIT_FAILURE);
}

/* Count the words in buf, read from offset, that differ from the
 * pattern.  The last word of the export may be cut short.
 */
static uint64_t
count_bad_words (const unsigned char *buf, size_t count, uint64_t offset)
{
  unsigned char expected[8];
  uint64_t bad = 0, word;
  size_t i, j, len;

  for (i = 0; i < count; i += 8) {
    word = offset + i;
    for (j = 0; j < 8; j++)
      expected[j] = word >> (56 - 8 * j);
    len = count - i < 8 ? count - i : 8;
    if (memcmp (buf + i, expected, len) != 0)
      bad++;
  }
  return bad;
}

static void *
read_part (void *arg)
{
  struct worker *w = arg;
  unsigned char *buf = malloc (CHUNK_SIZE);
  uint64_t offset;
  size_t count;

  if (!buf) {
    w->error = strdup ("out of memory");
    return NULL;
  }
  for (offset = w->start; offset < w->end; offset += count) {
    count = w->end - offset < CHUNK_SIZE ? w->end - offset : CHUNK_SIZE;
    if (nbd_pread (w->nbd, buf, count, offset, 0) == -1) {
      /* The message belongs to this thread and is replaced by its next
       * call, so it is copied for main to print.
       */
      w->error = strdup (nbd_get_error ());
      break;
    }
    w->bytes_read += count;
    w->bad_words += count_bad_words (buf, count, offset);
  }
  free (buf);
  return NULL;
}

int
main (int argc, char *argv[])
{
  struct nbd_handle *nbd;
  struct worker workers[NR_THREADS];
  uint64_t size, part, bytes_read = 0, bad_words = 0;
  int64_t r;
  int i, err, failed = 0;

  if (argc != 2) {
    fputs ("usage: threaded-reads URI\n", stderr);
    exit (EXIT_FAILURE);
  }
  nbd = nbd_create ();
  if (!nbd)
    die ("nbd_create");
  if (nbd_connect_uri (nbd, argv[1]) == -1)
    die ("nbd_connect_uri");
  r = nbd_get_size (nbd);
  if (r == -1)
    die ("nbd_get_size");
  size = r;

  /* Whole chunks per thread, so that only the last part ends oddly. */
  part = (size / NR_THREADS + CHUNK_SIZE - 1) / CHUNK_SIZE * CHUNK_SIZE;
  for (i = 0; i < NR_THREADS; i++) {
    workers[i] = (struct worker) { .nbd = nbd };
    workers[i].start = i * part < size ? i * part : size;
    workers[i].end = (i + 1) * part < size ? (i + 1) * part : size;
    err = pthread_create (&workers[i].thread, NULL, read_part, &workers[i]);
    if (err != 0) {
      fprintf (stderr, "threaded-reads: pthread_create: %s\n",
               strerror (err));
      exit (EXIT_FAILURE);
    }
  }
  for (i = 0; i < NR_THREADS; i++) {
    err = pthread_join (workers[i].thread, NULL);
    if (err != 0) {
      fprintf (stderr, "threaded-reads: pthread_join: %s\n", strerror (err));
      exit (EXIT_FAILURE);
    }
    if (workers[i].error) {
      fprintf (stderr, "threaded-reads: thread %d: %s\n",
               i, workers[i].error);
      free (workers[i].error);
      failed = 1;
    }
    bytes_read += workers[i].bytes_read;
    bad_words += workers[i].bad_words;
  }

  printf ("threads: %d\n", NR_THREADS);
  printf ("bytes read: %" PRIu64 " of %" PRIu64 "\n", bytes_read, size);
  printf ("words that differ from the pattern: %" PRIu64 "\n", bad_words);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return failed || bad_words > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
