/* Threads that keep reads and writes going on a shared handle: see
 * traffic.h.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"
#include "traffic.h"

/* How long a thread's nbd_poll waits.  Another thread may complete this
 * thread's commands at any time, so no poll may wait for ever.
 */
#define POLL_MS 100

struct traffic_slot {
  uint64_t offset;
  char expected[TRAFFIC_SLOT_SIZE];   /* what the disk holds */
  char buf[TRAFFIC_SLOT_SIZE];        /* what the command carries */
  bool busy;                          /* a command is in flight */
  bool is_read;
  uint32_t start, length;             /* within the slot */
  int done;                           /* set by the completion callback */
  int error;                          /* ... with its error */
};

static uint32_t
next_random (unsigned *state)
{
  /* xorshift32: cheap, and good enough to scatter data and offsets. */
  uint32_t x = *state ? *state : 1;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

static void
setup_slots (struct traffic *t)
{
  unsigned i;

  t->slot = calloc (t->slots, sizeof *t->slot);
  CHECK (t->slot != NULL);
  for (i = 0; i < t->slots; i++)
    t->slot[i].offset = t->offset + (uint64_t) i * TRAFFIC_SLOT_SIZE;
}

/* Choose the slot's next command, a read or a write of a random part of
 * it.  A write's data is what the slot expects from then on.
 */
static void
choose_command (struct traffic *t, struct traffic_slot *s)
{
  uint32_t i, bits = 0;

  s->is_read = next_random (&t->seed) & 1;
  s->start = next_random (&t->seed) % TRAFFIC_SLOT_SIZE;
  s->length = 1 + next_random (&t->seed) % (TRAFFIC_SLOT_SIZE - s->start);
  if (!s->is_read) {
    for (i = 0; i < s->length; i++) {
      if (i % 4 == 0)
        bits = next_random (&t->seed);
      s->buf[s->start + i] = bits >> (i % 4 * 8);
    }
    memcpy (s->expected + s->start, s->buf + s->start, s->length);
  }
}

/* Keep the first failure only: it is the one that says what happened. */
static void
note_failure (struct traffic *t, int error, bool from_call)
{
  if (t->failed)
    return;
  t->failed = true;
  t->error = error;
  if (from_call) {
    t->message = strdup (nbd_get_error () ? nbd_get_error () : "");
    CHECK (t->message != NULL);
  }
}

/* The command in slot s succeeded: count it, and check a read. */
static void
succeeded (struct traffic *t, struct traffic_slot *s)
{
  if (s->is_read) {
    if (memcmp (s->buf + s->start, s->expected + s->start, s->length)) {
      fprintf (stderr, "read of %u bytes at %llu returned data that was "
               "never written there\n", (unsigned) s->length,
               (unsigned long long) (s->offset + s->start));
      exit (EXIT_FAILURE);
    }
    t->reads++;
  }
  else
    t->writes++;
  t->bytes += s->length;
}

static bool
stopping (const struct traffic *t)
{
  return t->failed || __atomic_load_n (t->stop, __ATOMIC_ACQUIRE);
}

static int
slot_completed (void *user_data, int *error)
{
  struct traffic_slot *s = user_data;

  s->error = *error;
  __atomic_store_n (&s->done, 1, __ATOMIC_RELEASE);
  return 1;
}

static void
issue (struct traffic *t, struct traffic_slot *s)
{
  nbd_completion_callback cb = { .callback = slot_completed,
                                 .user_data = s };
  int64_t cookie;

  choose_command (t, s);
  s->done = 0;
  if (s->is_read)
    cookie = nbd_aio_pread (t->nbd, s->buf + s->start, s->length,
                            s->offset + s->start, cb, 0);
  else
    cookie = nbd_aio_pwrite (t->nbd, s->buf + s->start, s->length,
                             s->offset + s->start, cb, 0);
  if (cookie == -1)
    note_failure (t, nbd_get_errno (), true);
  else
    s->busy = true;
}

/* Retire what completed and refill the free slots.  Returns the number
 * of commands still in flight.
 */
static unsigned
tend_slots (struct traffic *t)
{
  unsigned i, busy = 0;

  for (i = 0; i < t->slots; i++) {
    struct traffic_slot *s = &t->slot[i];

    if (s->busy && __atomic_load_n (&s->done, __ATOMIC_ACQUIRE)) {
      s->busy = false;
      if (s->error)
        note_failure (t, s->error, false);
      else
        succeeded (t, s);
    }
    if (!s->busy && !stopping (t))
      issue (t, s);
    busy += s->busy;
  }
  return busy;
}

void *
traffic_aio (void *arg)
{
  struct traffic *t = arg;

  setup_slots (t);
  while (tend_slots (t) > 0) {
    /* A poll fails once the connection is gone, which also completes
     * every command in flight: the loop ends when the slots see that.
     */
    if (nbd_poll (t->nbd, POLL_MS) == -1)
      note_failure (t, nbd_get_errno (), true);
  }
  return NULL;
}

void *
traffic_sync (void *arg)
{
  struct traffic *t = arg;

  setup_slots (t);
  while (!stopping (t)) {
    struct traffic_slot *s = &t->slot[next_random (&t->seed) % t->slots];
    int r;

    choose_command (t, s);
    if (s->is_read)
      r = nbd_pread (t->nbd, s->buf + s->start, s->length,
                     s->offset + s->start, 0);
    else
      r = nbd_pwrite (t->nbd, s->buf + s->start, s->length,
                      s->offset + s->start, 0);
    if (r == -1)
      note_failure (t, nbd_get_errno (), true);
    else
      succeeded (t, s);
  }
  return NULL;
}

void
traffic_free (struct traffic *t)
{
  free (t->slot);
  free (t->message);
  t->slot = NULL;
  t->message = NULL;
}
