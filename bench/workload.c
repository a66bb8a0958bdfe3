/* The benchmark's read and write cases (see workload.h).
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include "workload.h"

static bool
parse_size (const char *s, size_t *size)
{
  if (strcmp (s, "4k") == 0)
    *size = 4096;
  else if (strcmp (s, "256k") == 0)
    *size = 256 * 1024;
  else if (strcmp (s, "1m") == 0)
    *size = 1024 * 1024;
  else
    return false;
  return true;
}

bool
parse_io_case (const char *name, struct workload *w)
{
  char op[8], size[8], mode[8];
  unsigned n;

  if (sscanf (name, "%7[a-z]-%7[0-9km]-%7[a-z]%u", op, size, mode, &n) != 4 ||
      !parse_size (size, &w->size) || n == 0)
    return false;
  if (strcmp (op, "read") != 0 && strcmp (op, "write") != 0)
    return false;
  w->write = op[0] == 'w';
  w->sequential = w->size > 4096;
  if (strcmp (mode, "qd") == 0 && n <= MAX_DEPTH)
    w->depth = n;
  else if (strcmp (mode, "sync") == 0 && n <= MAX_THREADS && !w->write)
    w->threads = n;
  else
    return false;
  return true;
}

/* A cheap generator: the benchmark needs spread, not quality. */
static uint64_t
next_random (uint64_t *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

uint64_t
next_offset (const struct workload *w, struct offsets *o,
             uint64_t export_size)
{
  uint64_t slots = export_size / w->size, slot;

  if (w->sequential)
    slot = o->cursor++ % slots;
  else
    slot = next_random (&o->rng) % slots;
  return slot * w->size;
}
