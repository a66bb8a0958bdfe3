/* The read and write cases that nbd-bench and protocol-floor share:
 * their names, and where each command of one goes, so that the bare
 * client repeats the libraries' workload exactly.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef BENCH_WORKLOAD_H
#define BENCH_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAX_DEPTH 256
#define MAX_THREADS 64

struct workload {
  bool write;
  bool sequential;              /* large commands one after the other */
  size_t size;                  /* bytes per command */
  unsigned depth;               /* commands in flight (aio) */
  unsigned threads;             /* synchronous callers, or 0 for aio */
};

/* Where a stream of commands has got to. */
struct offsets {
  uint64_t cursor;              /* the next slot, when sequential */
  uint64_t rng;                 /* any seed but 0, when random */
};

/* read-4k-qd64, write-1m-qd16, read-4k-sync4, ...: false if name is
 * none of those.
 */
extern bool parse_io_case (const char *name, struct workload *w);

/* Where the next command goes: aligned to its size, within the export. */
extern uint64_t next_offset (const struct workload *w, struct offsets *o,
                             uint64_t export_size);

#endif /* BENCH_WORKLOAD_H */
