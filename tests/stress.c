/* Eight threads share one handle, each keeping 64 reads and writes in
 * flight in its own part of the disk, for STRESS_DURATION seconds (20
 * by default); every read must return what its thread wrote.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: stress SOCKET
 * stress.sh starts nbdkit serving DISK_SIZE of memory on SOCKET.
 */

#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"
#include "traffic.h"

#define THREADS 8
#define IN_FLIGHT 64
#define DISK_SIZE ((uint64_t) THREADS * IN_FLIGHT * TRAFFIC_SLOT_SIZE)
#define SAMPLE_MS 100
/* Beyond the run itself, time enough for the threads to finish what is
 * in flight; after that the program is hung.
 */
#define GRACE_SECONDS 120

static unsigned
duration (void)
{
  const char *env = getenv ("STRESS_DURATION");
  int seconds = env ? atoi (env) : 20;

  CHECK (seconds > 0);
  return seconds;
}

static double
seconds_since (const struct timespec *start)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  return now.tv_sec - start->tv_sec + (now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Until the run is over, count how many commands are in flight. */
static void
sample_in_flight (struct nbd_handle *nbd, const struct timespec *start,
                  unsigned seconds, unsigned *max, double *mean)
{
  struct timespec tick = { .tv_nsec = SAMPLE_MS * 1000 * 1000 };
  uint64_t sum = 0, samples = 0;

  *max = 0;
  while (seconds_since (start) < seconds) {
    int n;

    nanosleep (&tick, NULL);
    n = nbd_aio_in_flight (nbd);
    CHECK (n >= 0);
    if ((unsigned) n > *max)
      *max = n;
    sum += n;
    samples++;
  }
  *mean = samples ? (double) sum / samples : 0;
}

int
main (int argc, char *argv[])
{
  struct traffic t[THREADS];
  pthread_t thread[THREADS];
  uint64_t reads = 0, writes = 0, bytes = 0;
  unsigned seconds = duration (), seed = time (NULL), max, i;
  struct timespec start;
  struct nbd_handle *nbd;
  double mean, elapsed;
  int stop = 0;

  alarm (seconds + GRACE_SECONDS);
  nbd = connect_to_argument (argc, argv);
  CHECK (nbd_get_size (nbd) == (int64_t) DISK_SIZE);

  printf ("stress: %d threads, %d commands in flight each, %u seconds, "
          "seed %u\n", THREADS, IN_FLIGHT, seconds, seed);
  clock_gettime (CLOCK_MONOTONIC, &start);
  for (i = 0; i < THREADS; i++) {
    t[i] = (struct traffic) {
      .nbd = nbd, .offset = (uint64_t) i * IN_FLIGHT * TRAFFIC_SLOT_SIZE,
      .slots = IN_FLIGHT, .seed = seed + i, .stop = &stop,
    };
    CHECK (pthread_create (&thread[i], NULL, traffic_aio, &t[i]) == 0);
  }
  sample_in_flight (nbd, &start, seconds, &max, &mean);
  __atomic_store_n (&stop, 1, __ATOMIC_RELEASE);
  for (i = 0; i < THREADS; i++) {
    CHECK (pthread_join (thread[i], NULL) == 0);
    if (t[i].failed)
      fprintf (stderr, "thread %u: %s\n", i,
               t[i].message ? t[i].message : strerror (t[i].error));
    CHECK (!t[i].failed);
    reads += t[i].reads;
    writes += t[i].writes;
    bytes += t[i].bytes;
    traffic_free (&t[i]);
  }
  elapsed = seconds_since (&start);

  CHECK (nbd_aio_in_flight (nbd) == 0);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);
  printf ("stress: %llu reads and %llu writes verified, %.1f MiB, "
          "in %.1f s: %.0f commands/s, %.1f MiB/s\n",
          (unsigned long long) reads, (unsigned long long) writes,
          bytes / 1048576.0, elapsed, (reads + writes) / elapsed,
          bytes / 1048576.0 / elapsed);
  printf ("stress: commands in flight: %.1f on average, at most %u\n",
          mean, max);
  CHECK (reads > 0 && writes > 0);
  return EXIT_SUCCESS;
}
