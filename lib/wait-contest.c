/* Contests between two ways of waiting, decided by how long waits took
 * each way, across every handle of the process: looking at the socket
 * for BRIEF_SPIN_USECS before sleeping (wait.c says what a look is),
 * against sleeping at once for an option's answer and for the
 * greeting, and against yielding the CPU first for the second of two
 * replies.  The greeting's contest is timed over the whole handshake,
 * not over its wait alone, as the look pays (or costs) in the waits
 * after it (wait.c); a wait or a handshake is each a contest's sample.
 *
 * Which way pays depends on the machine, not the handle.  On one
 * 2-core virtual machine the look took handshakes against one nbdkit
 * thread from 0.96x libnbd 1.22's rate to 1.14x, and 4 KiB reads at
 * depth 2 from 32k to 50k a second, where the yield cost all of that.
 * On another, whose handshakes were four times as fast, the look
 * found the option's answer in 1% of looks (the server's thread ran
 * on the looking CPU, which the look kept from it) and took
 * handshakes from 0.95x to 0.88x at 1.3x the CPU; at depth 2 it made
 * 47k reads a second at 10.8 us of CPU each where the yield made 55k
 * at 5.1 us.  A handle makes a few option waits in its life, too few
 * to learn from, so the process learns: most waits go the way whose
 * waits have been shorter on average, and one in EXPLORE_EVERY the
 * other, so that both averages stay current.  Trying the look on one
 * option wait in 8 still cost handshakes 4% of their rate and 5% more
 * CPU against never looking; one in 32 cost 1-2%.  Until both ways
 * have been timed, the look is taken, so that a program making a
 * single connection waits as it did before this was measured.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <stdbool.h>
#include <stdint.h>

#include "internal.h"

#define EXPLORE_EVERY 32
/* A look that finds nothing has spent its 5 microseconds of CPU, which
 * the process could have used: against nbdkit's one thread on the
 * second machine above, waits that looked took as long on average as
 * those that slept (25 us), yet the handshakes used a sixth more CPU
 * and came a tenth slower.  So the look must save at least that much
 * per sample.
 */
#define LOOK_MARGIN_USECS 5
/* Past this many samples, a way's totals are halved, so that the
 * average follows the machine as its load changes.
 */
#define WAITS_KEPT 512

/* The samples that went the other way ([0]) and those that looked
 * ([1]), and how long they took in all.  Relaxed atomics: a count a
 * racing thread gets slightly wrong only shifts an average a little.
 */
struct tally {
  uint64_t waits[2];
  uint64_t usecs[2];
  unsigned choices;
};

static struct tally tallies[NR_CONTESTS];

static uint64_t
load (const uint64_t *p)
{
  return __atomic_load_n (p, __ATOMIC_RELAXED);
}

/* Whether waits that looked took LOOK_MARGIN_USECS less on average;
 * until both ways have been timed, looking counts as paying.
 */
static bool
looking_pays (const struct tally *c)
{
  uint64_t other = load (&c->waits[0]), looked = load (&c->waits[1]);

  if (other == 0 || looked == 0)
    return true;
  return (load (&c->usecs[1]) + LOOK_MARGIN_USECS * looked) * other <
    load (&c->usecs[0]) * looked;
}

bool
nbd_internal_contest_look (enum contest which)
{
  struct tally *c = &tallies[which];
  unsigned n = __atomic_fetch_add (&c->choices, 1, __ATOMIC_RELAXED);
  bool pays = looking_pays (c);

  return n % EXPLORE_EVERY == EXPLORE_EVERY - 1 ? !pays : pays;
}

void
nbd_internal_contest_took (enum contest which, bool looked,
                           uint64_t elapsed_usecs)
{
  struct tally *c = &tallies[which];
  uint64_t n;

  __atomic_add_fetch (&c->usecs[looked], elapsed_usecs, __ATOMIC_RELAXED);
  n = __atomic_add_fetch (&c->waits[looked], 1, __ATOMIC_RELAXED);
  if (n < WAITS_KEPT)
    return;
  __atomic_store_n (&c->usecs[looked], load (&c->usecs[looked]) / 2,
                    __ATOMIC_RELAXED);
  __atomic_store_n (&c->waits[looked], n / 2, __ATOMIC_RELAXED);
}
