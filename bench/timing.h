/* The two clocks the benchmark programs read: wall time, and the CPU
 * time (user and system) of the calling process.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

extern double now (void);
extern double cpu_seconds (void);

#endif /* BENCH_TIMING_H */
