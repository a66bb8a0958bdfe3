/* How a poll waits with a few commands in flight (wait.c): it looks at
 * the socket for a while before sleeping (with one in flight, after
 * yielding the CPU; with two, instead of yielding where that has been
 * faster), and looks that keep finding nothing make it sleep at once
 * until replies come quickly again.  None of that may lose a reply or
 * a timeout: with commands the server answers quickly (reads), then
 * slowly (trims, delayed), then quickly again, on one handle, one, two
 * and then four at a time, every nbd_poll without a timeout returns 1,
 * one with a timeout the server cannot meet returns 0, and every
 * command completes once, with the data written.  With one slow
 * command at a time, the yields must stop: the test counts them by
 * providing sched_yield itself.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: poll-patience SOCKET
 * poll-patience.sh starts nbdkit serving 1M of memory on SOCKET, with
 * every trim delayed by 50 milliseconds.
 */

#include <config.h>

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

/* The depths at which the handle looks before it sleeps: a brief look
 * at 2, a longer one after a yield at 4 (which passes through 3 to 1
 * as its replies come in).
 */
#define SHALLOW 2
#define DEPTH 4
/* More slow rounds than the looks that may find nothing in a row. */
#define SLOW_ROUNDS 12
/* With one command at a time, more than the yields that may find
 * nothing before the handle stops yielding.
 */
#define LONE_SLOW_ROUNDS 30
#define FAST_ROUNDS 2000
#define BLOCK 4096
/* Reads go to the first half of the export, trims to the second. */
#define HALF (512 * 1024)

/* The library's calls of sched_yield come here, and are counted. */
static unsigned yields;

int
sched_yield (void)
{
  yields++;
  return syscall (SYS_sched_yield);
}

/* The byte written at offset: different in every block. */
static char
byte_at (uint64_t offset)
{
  return (char) (offset / BLOCK * 7 + offset % 251);
}

static void
fill (struct nbd_handle *nbd)
{
  static char data[HALF];
  uint64_t i;

  for (i = 0; i < HALF; i++)
    data[i] = byte_at (i);
  CHECK (nbd_pwrite (nbd, data, HALF, 0, 0) == 0);
}

/* Poll until nothing is in flight; every poll must bring something. */
static void
poll_until_done (struct nbd_handle *nbd)
{
  while (nbd_aio_in_flight (nbd) > 0)
    CHECK (nbd_poll (nbd, -1) == 1);
}

static void
check_completions (const struct completion *done, unsigned n)
{
  unsigned i;

  for (i = 0; i < n; i++)
    CHECK (done[i].calls == 1 && done[i].error == 0 && done[i].frees == 1);
}

/* Rounds of depth trims, each answered after the server's delay: the
 * first poll of a round, with a timeout far shorter than the delay,
 * must time out.
 */
static void
slow_rounds (struct nbd_handle *nbd, unsigned depth, unsigned rounds)
{
  struct completion done[DEPTH];
  unsigned round, i;

  assert (depth <= DEPTH);
  for (round = 0; round < rounds; round++) {
    memset (done, 0, sizeof done);
    for (i = 0; i < depth; i++)
      CHECK (nbd_aio_trim (nbd, BLOCK, HALF + i * BLOCK,
                           COMPLETION_CALLBACK (&done[i]), 0) > 0);
    CHECK (nbd_poll (nbd, 1) == 0);
    CHECK (nbd_aio_in_flight (nbd) == (int) depth);
    poll_until_done (nbd);
    check_completions (done, depth);
  }
}

/* Slow rounds of one trim at a time: a yield finds nothing in any
 * of their two waits (the poll that times out and the one the reply
 * ends), so the handle must soon stop yielding.  Without that, every
 * wait would yield.
 */
static void
lone_slow_rounds (struct nbd_handle *nbd)
{
  unsigned before = yields;

  slow_rounds (nbd, 1, LONE_SLOW_ROUNDS);
  CHECK (yields - before <= LONE_SLOW_ROUNDS);
}

/* Rounds of depth reads, answered at once, each checked. */
static void
fast_rounds (struct nbd_handle *nbd, unsigned depth)
{
  static char buf[DEPTH][BLOCK];
  struct completion done[DEPTH];
  unsigned round, i, j;
  uint64_t offset;

  assert (depth <= DEPTH);
  for (round = 0; round < FAST_ROUNDS; round++) {
    memset (done, 0, sizeof done);
    memset (buf, 0, sizeof buf);
    for (i = 0; i < depth; i++) {
      offset = (round * depth + i) % (HALF / BLOCK) * BLOCK;
      CHECK (nbd_aio_pread (nbd, buf[i], BLOCK, offset,
                            COMPLETION_CALLBACK (&done[i]), 0) > 0);
    }
    poll_until_done (nbd);
    check_completions (done, depth);
    for (i = 0; i < depth; i++) {
      offset = (round * depth + i) % (HALF / BLOCK) * BLOCK;
      for (j = 0; j < BLOCK; j++)
        CHECK (buf[i][j] == byte_at (offset + j));
    }
  }
}

int
main (int argc, char *argv[])
{
  struct nbd_handle *nbd;
  const unsigned depths[] = { SHALLOW, DEPTH };
  unsigned i;

  nbd = connect_to_argument (argc, argv);
  fill (nbd);
  fast_rounds (nbd, 1);
  lone_slow_rounds (nbd);
  fast_rounds (nbd, 1);
  for (i = 0; i < sizeof depths / sizeof depths[0]; i++) {
    fast_rounds (nbd, depths[i]);
    slow_rounds (nbd, depths[i], SLOW_ROUNDS);
    fast_rounds (nbd, depths[i]);
  }
  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
