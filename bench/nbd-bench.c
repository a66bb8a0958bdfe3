/* Measure one libnbd workload and print what it cost.  Written only
 * against the public API of libnbd 1.14, so that the same binary runs
 * on this library or, through LD_LIBRARY_PATH, on Debian's libnbd0.
 *
 *   nbd-bench CASE URI SECONDS
 *
 * CASE is one of:
 *   read-4k-qdN, write-4k-qdN   random 4 KiB commands, N in flight (aio)
 *   read-4k-syncT               random 4 KiB synchronous reads from T
 *                               threads sharing the handle
 *   read-SIZE-qd16, write-SIZE-qd16   sequential, SIZE 256k or 1m
 *   handshake                   create, connect, shut down, close
 *   block-status                map the whole export, 64 MiB at a time
 *
 * It prints one line:  CASE OPS/S MIB/S CPU-US/OP LIBRARY
 * where CPU is the user and system time of this process, so it counts
 * the client alone.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <dlfcn.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "timing.h"
#include "workload.h"

#define STATUS_CHUNK (64 * 1024 * 1024)

struct result {
  uint64_t ops, bytes;
};

static const char *uri;
static double seconds;

static void
die (const char *what)
{
  fprintf (stderr, "nbd-bench: %s: %s\n", what, nbd_get_error ());
  exit (EXIT_FAILURE);
}

static struct nbd_handle *
open_handle (void)
{
  struct nbd_handle *nbd = nbd_create ();

  if (nbd == NULL)
    die ("nbd_create");
  if (nbd_set_uri_allow_local_file (nbd, true) == -1)
    die ("nbd_set_uri_allow_local_file");
  if (nbd_connect_uri (nbd, uri) == -1)
    die ("nbd_connect_uri");
  return nbd;
}

static void
close_handle (struct nbd_handle *nbd)
{
  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
}

/* ------------------------------------------------------------- aio */

struct aio_run {
  struct nbd_handle *nbd;
  const struct workload *w;
  int64_t export_size;
  struct offsets offsets;
  uint64_t completed;
  char *buf;
};

static int
command_done (void *user_data, int *error)
{
  struct aio_run *r = user_data;

  if (*error) {
    fprintf (stderr, "nbd-bench: a command failed: %s\n", strerror (*error));
    exit (EXIT_FAILURE);
  }
  r->completed++;
  return 1;
}

static void
issue (struct aio_run *r)
{
  nbd_completion_callback done = { .callback = command_done, .user_data = r };
  uint64_t offset = next_offset (r->w, &r->offsets, r->export_size);
  int64_t cookie;

  /* Every command shares one buffer: the data is not looked at. */
  if (r->w->write)
    cookie = nbd_aio_pwrite (r->nbd, r->buf, r->w->size, offset, done, 0);
  else
    cookie = nbd_aio_pread (r->nbd, r->buf, r->w->size, offset, done, 0);
  if (cookie == -1)
    die ("issuing a command");
}

static struct result
run_aio (const struct workload *w)
{
  struct aio_run r = { .w = w,
                       .offsets.rng = 88172645463325252ULL };
  double end = now () + seconds;

  r.nbd = open_handle ();
  r.export_size = nbd_get_size (r.nbd);
  r.buf = calloc (1, w->size);
  if (r.export_size == -1 || r.buf == NULL)
    die ("setting up");
  while (now () < end) {
    while (nbd_aio_in_flight (r.nbd) < (int) w->depth)
      issue (&r);
    if (nbd_poll (r.nbd, -1) == -1)
      die ("nbd_poll");
  }
  while (nbd_aio_in_flight (r.nbd) > 0)
    if (nbd_poll (r.nbd, -1) == -1)
      die ("nbd_poll");
  close_handle (r.nbd);
  free (r.buf);
  return (struct result) { r.completed, r.completed * w->size };
}

/* ------------------------------------------------------------- sync */

struct sync_thread {
  pthread_t thread;
  struct nbd_handle *nbd;
  const struct workload *w;
  int64_t export_size;
  double end;
  uint64_t ops;
  struct offsets offsets;
};

static void *
sync_reader (void *arg)
{
  struct sync_thread *t = arg;
  char *buf = malloc (t->w->size);

  if (buf == NULL)
    abort ();
  while (now () < t->end) {
    if (nbd_pread (t->nbd, buf, t->w->size,
                   next_offset (t->w, &t->offsets, t->export_size),
                   0) == -1)
      die ("nbd_pread");
    t->ops++;
  }
  free (buf);
  return NULL;
}

static struct result
run_sync (const struct workload *w)
{
  struct sync_thread t[MAX_THREADS];
  struct nbd_handle *nbd = open_handle ();
  int64_t size = nbd_get_size (nbd);
  double end = now () + seconds;
  uint64_t ops = 0;
  unsigned i;

  if (size == -1)
    die ("nbd_get_size");
  for (i = 0; i < w->threads; i++) {
    t[i] = (struct sync_thread) { .nbd = nbd, .w = w, .export_size = size,
                                  .end = end,
                                  .offsets.rng = 2463534242ULL + i };
    if (pthread_create (&t[i].thread, NULL, sync_reader, &t[i]) != 0)
      abort ();
  }
  for (i = 0; i < w->threads; i++) {
    pthread_join (t[i].thread, NULL);
    ops += t[i].ops;
  }
  close_handle (nbd);
  return (struct result) { ops, ops * w->size };
}

/* ------------------------------------------------------- the others */

static struct result
run_handshakes (void)
{
  double end = now () + seconds;
  uint64_t ops = 0;

  while (now () < end) {
    close_handle (open_handle ());
    ops++;
  }
  return (struct result) { ops, 0 };
}

/* Block status is timed, not checked: the extents are not looked at. */
static int
ignore_extents (void *user_data, const char *metacontext, uint64_t offset,
                uint32_t *entries, size_t nr_entries, int *error)
{
  (void) user_data;
  (void) metacontext;
  (void) offset;
  (void) entries;
  (void) nr_entries;
  (void) error;
  return 0;
}

static struct result
run_block_status (void)
{
  struct nbd_handle *nbd = nbd_create ();
  uint64_t ops = 0, offset = 0;
  nbd_extent_callback cb = { .callback = ignore_extents };
  double end = now () + seconds;
  int64_t size;

  if (nbd == NULL ||
      nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == -1 ||
      nbd_connect_uri (nbd, uri) == -1 || (size = nbd_get_size (nbd)) <= 0)
    die ("connecting for block status");
  while (now () < end) {
    uint64_t len = size - offset < STATUS_CHUNK ? size - offset :
      STATUS_CHUNK;

    if (nbd_block_status (nbd, len, offset, cb, 0) == -1)
      die ("nbd_block_status");
    ops++;
    offset = (offset + len) % size;
  }
  close_handle (nbd);
  return (struct result) { ops, ops * STATUS_CHUNK };
}

/* ------------------------------------------------------------ cases */

static struct result
run_case (const char *name)
{
  struct workload w = { .size = 0 };

  if (strcmp (name, "handshake") == 0)
    return run_handshakes ();
  if (strcmp (name, "block-status") == 0)
    return run_block_status ();
  if (!parse_io_case (name, &w)) {
    fprintf (stderr, "nbd-bench: unknown case %s\n", name);
    exit (EXIT_FAILURE);
  }
  return w.threads ? run_sync (&w) : run_aio (&w);
}

/* Which libnbd this process is using: the point of the comparison. */
static const char *
library_path (void)
{
  Dl_info info;

  if (dladdr ((void *) nbd_create, &info) == 0 || info.dli_fname == NULL)
    return "unknown";
  return info.dli_fname;
}

int
main (int argc, char *argv[])
{
  struct result r;
  double start, cpu, elapsed;

  if (argc != 4 || (seconds = atof (argv[3])) <= 0) {
    fprintf (stderr, "usage: %s CASE URI SECONDS\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  uri = argv[2];
  start = now ();
  cpu = cpu_seconds ();
  r = run_case (argv[1]);
  elapsed = now () - start;
  cpu = cpu_seconds () - cpu;
  if (r.ops == 0) {
    fprintf (stderr, "nbd-bench: %s: nothing completed\n", argv[1]);
    exit (EXIT_FAILURE);
  }
  printf ("%s %.0f %.1f %.2f %s\n", argv[1], r.ops / elapsed,
          r.bytes / elapsed / (1024 * 1024), cpu * 1e6 / r.ops,
          library_path ());
  return EXIT_SUCCESS;
}
