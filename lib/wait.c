/* Waiting for the server: the loop synchronous calls wait in, and
 * nbd_poll and nbd_poll2 for callers without an event loop.
 *
 * A synchronous command waits without holding the handle's lock, so
 * that other threads can use the handle meanwhile.  One waiter at a
 * time polls the socket and runs the state machine (the driver); each
 * of the others sleeps until a poll has done its work, or until the
 * driver leaves and one of them must take over.  Any other thread that
 * runs the machine meanwhile (an aio call, nbd_poll) wakes the driver
 * through an eventfd, since its poll cannot see what changed.  The
 * waits of the handshake, option calls and shutdown keep the lock as
 * they drive (internal.h says why), and so need no eventfd.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <assert.h>
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

static short
poll_events (unsigned direction)
{
  short events = 0;

  if (direction & LIBNBD_AIO_DIRECTION_READ)
    events |= POLLIN;
  if (direction & LIBNBD_AIO_DIRECTION_WRITE)
    events |= POLLOUT;
  return events;
}

/* How long to look at the socket before sleeping in poll.  A sleep
 * is dear here: on the benchmark's 2-core virtual machine, a wait in
 * poll for a reply took 40 to 80 microseconds however soon the reply
 * came, since both sides' CPUs went idle and had to be woken.
 *
 * Every wait sleeps in poll, the handshake's too.  A recv blocking on
 * a Unix socket also wakes each time the server reads what this side
 * sent (the kernel announces the room that frees on the same wait
 * queue), finds nothing, and sleeps again: handshakes that waited so
 * took 7.0 context switches each, and 4.9 in poll, which wakes only
 * for input (as many as libnbd 1.22's), and made 4% to 7% more per
 * second.
 *
 * With one command in flight, the reply is a turn of the server's
 * away, and the server often runs on this CPU: handing it the CPU
 * (sched_yield) and looking again costs two system calls, where
 * sleeping costs a switch each way and the wakeup's latency.  That
 * took writes at depth 1 from 24k to 36k per second, for less CPU.
 * Looking for longer bought nothing there, for 14% to 31% more CPU
 * per command: the server must first wake for the command just sent.
 *
 * That yield pays only while the server answers on this CPU, as it
 * does for a caller that sends its next command as soon as a reply
 * is in: there the look after the yield found the reply in 88-97% of
 * waits.  Under fio's nbd engine, which spends 10-15 microseconds of
 * its own between commands, it found it in 4-17%, and 4 KiB random
 * writes at depth 1 made 4% more per second without yielding, for 7%
 * less CPU per write (ten runs side by side), random reads as many
 * for 5% less.  So a yield that finds nothing counts a miss and one
 * that finds the reply takes one off; at YIELD_MISSES_MAX the handle
 * sleeps at once for YIELD_REST_WAITS waits, then yields once more,
 * and a miss then starts another rest.  A server that answers within
 * the yield more often than not never builds the misses up.
 *
 * With two in flight, the other reply is already on its way, and
 * looking for it for BRIEF_SPIN_USECS without yielding first took 4
 * KiB reads at depth 2 from 32k to 50k per second (six runs side by
 * side; libnbd 1.22 made 38k), at a fifth less CPU per read.  The
 * yield cost all of that; on another machine the yield won, so the
 * two are timed against each other (wait-contest.c).  The answer to
 * an option is as near, since nbdkit answers options in the thread
 * that read them: looking for it the same way took handshakes against
 * one nbdkit thread from 0.96x libnbd 1.22's rate to 1.14x at 0.91x
 * its CPU per handshake in twelve runs side by side, and from 0.90x
 * to 1.07x at 0.95x in ten more.  On another machine the same look
 * cost handshakes a tenth of their rate, so it is timed against
 * sleeping at once (wait-contest.c).
 *
 * The greeting comes tens of microseconds after connect, and a look
 * for it never finds it; yet it changes where and when the server's
 * threads run.  Against one nbdkit thread a look for the greeting took
 * handshakes from 6070 a second to 7208 (libnbd 1.22: 6608) at 0.91x
 * the CPU per handshake, each option's answer then coming about 5
 * microseconds sooner; each of eight runs side by side beat every run
 * of the other two (on the machine of the runs above, a look for the
 * greeting had cost a tenth more CPU for no more handshakes).  Against
 * nbdkit's sixteen threads per connection it cost 12% of the rate: the
 * server's thread more often waited while the threads of its previous
 * connection were joined, and NBD_OPT_GO's answer took 103-152
 * microseconds on average instead of 39-44.
 * Neither shows in the greeting's wait, so that look is timed against
 * sleeping over the whole handshake, up to the ready (or, in option
 * mode, negotiating) state (wait-contest.c).  Looking for every
 * option's answer as well made 6514 handshakes a second at 77 us of
 * CPU each, where the greeting's look alone made 7246 at 60.
 *
 * With three to eight in flight, the next reply is due within a few
 * microseconds, and looking again for up to SPIN_USECS finds it: 4 KiB
 * reads at depth 4 went from 0.7-0.9x libnbd 1.22's rate to 1.4-1.5x,
 * at the same CPU per read.  Spinning that long at depth 2 cost a
 * third more CPU per read.  A spin or look that finds nothing counts
 * against spinning, and after SPIN_MISSES_MAX such in a row the handle
 * sleeps at once, until a sleep ends sooner than a spin would have (a
 * slow remote server never gets one; a local one soon does).
 *
 * With more in flight replies keep coming, and the look would mostly
 * find nothing new; with other synchronous callers asleep on the
 * handle, one of them would take the CPU instead of the server (4
 * threads lost a tenth).
 *
 * At any depth, though, a large reply partly read is a server still
 * sending it, held up only by the socket's buffer until this side
 * reads: the rest follows at once, and a sleep for it cost a switch
 * each way.  Looking for BRIEF_SPIN_USECS first made 256 KiB reads at
 * depth 16 10-28% faster in four runs side by side with the build
 * before, 1 MiB reads 14-34%, for up to 8% more CPU per read; fio's
 * 1 MiB random reads gained in two runs of three.  Spins of 15 and 50
 * microseconds gained no more, and cost up to a tenth more CPU.
 *
 * With GATHER_DEPTH or more in flight, an nbd_poll caller sleeps
 * briefly before polling, so that replies gather in the socket: the
 * server has plenty queued meanwhile, and one round of the loop then
 * reads a dozen replies instead of one or two.  Without it, the poll
 * found data at once nearly every time, and the handle went round its
 * loop as fast as the server answered, its CPU busy throughout: 4 KiB
 * reads at depth 64 and 128 took 8.5 us of CPU each here, and 4.2 to
 * 5.5 us with the sleep, at rates within the noise of each other (the
 * server was the bound); writes and fio's nbd engine at depth 64 the
 * same.  The sleep asks for a microsecond, and the kernel's timer
 * slack (50 us unless the caller changed it) makes it about 70 us.
 *
 * Two kinds of round stop the gathering for a while, since the server
 * would soon be waiting on the handle.  One brings in more than three
 * quarters of what was in flight: the server is about to run out of
 * work, and will be again next time, as its pipeline is too short for
 * the sleep.  4 KiB writes at depth 32 brought 20 to 27 of their 32
 * replies a round, and lost a sixth of their rate when such rounds
 * went on gathering, an eighth with a pause of 8 polls instead of
 * GATHER_DRY_PAUSE (4 KiB reads at depth 32 a fifth).  The other
 * brings more than GATHER_BYTES_MAX: a server's replies stay in its
 * socket's buffer until this side reads them (Linux gives a Unix
 * socket about 200 KiB, overheads included), and once it is full the
 * server's threads block.  4 KiB reads at depth 64 that went on
 * gathering read some 30 replies a round, while the server's CPU per
 * read rose from 3.9 to 6.5 us and the rate fell by a third.  That
 * passes once the socket is drained, so the pause is short
 * (GATHER_FULL_PAUSE): against 64 polls, 4 KiB reads at depth 64 made
 * 7-8% more a second at 0.86-0.91x the CPU per read, at depth 128 as
 * many at 0.84x, fio's at depth 64 as many or more at 0.92-0.98x, TLS
 * reads and reads at depth 32 the same (two sets of five or six runs
 * side by side); 4 polls gained no more.
 *
 * Writes' replies are small, and a round of theirs at depth 64 brings
 * about half of what was in flight: a single rule of a third, which
 * stood for both before, stopped most of their gathering.  With the
 * two rules, 4 KiB writes at depth 64 made 13% more a second at 0.69x
 * the CPU per write, at depth 128 5% more at 0.87x, and fio's random
 * writes at depth 64 as many at 0.80x (eight runs side by side each);
 * reads and writes at depth 32 were as before.
 *
 * The waits of synchronous calls never gather: each caller waits for
 * its own command, and the driver must answer the other threads'
 * wakeups at once.
 */
#define YIELD_DEPTH 8
#define YIELD_MISSES_MAX 16
#define YIELD_REST_WAITS 64
#define SPIN_MIN_DEPTH 3
#define SPIN_USECS 50
#define BRIEF_SPIN_USECS 5
#define SPIN_MISSES_MAX 8
#define GATHER_DEPTH 32
#define GATHER_SLEEP_NSECS 1000
#define GATHER_SHARE_DEN 4
#define GATHER_BYTES_MAX (64 * 1024)
#define GATHER_DRY_PAUSE 64
#define GATHER_FULL_PAUSE 8

enum patience {
  PATIENCE_NONE,                /* sleep in poll at once */
  PATIENCE_YIELD,               /* yield, look, then sleep */
  PATIENCE_SPIN,                /* yield, look for SPIN_USECS, then sleep */
  PATIENCE_BRIEF,               /* the same for BRIEF_SPIN_USECS */
  PATIENCE_LOOK,                /* the same, without yielding first */
  PATIENCE_TIMED,               /* sleep, timed to see if a spin would do */
  PATIENCE_GATHER,              /* sleep a moment, then poll (see above) */
};

/* Who polls decides whether the lock is let go meanwhile, and whether
 * the wait may gather replies.
 */
enum poller {
  POLLER_CALLER,                /* nbd_poll, nbd_poll2 */
  POLLER_DRIVER,                /* the driver of a synchronous wait */
  POLLER_HOLDER,                /* a wait that keeps the lock */
};

static uint64_t
now_usecs (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * UINT64_C (1000000) + ts.tv_nsec / 1000;
}

/* Whether looks have found nothing SPIN_MISSES_MAX times in a row,
 * so that waits sleep at once, timed (see above).
 */
static bool
spins_missing (const struct nbd_handle *h)
{
  return h->spin_misses >= SPIN_MISSES_MAX;
}

static enum patience
spin_unless_missing (const struct nbd_handle *h, enum patience spin)
{
  return spins_missing (h) ? PATIENCE_TIMED : spin;
}

/* The yield at depth 1, unless it has been finding nothing lately. */
static enum patience
yield_unless_missing (struct nbd_handle *h)
{
  if (h->yield_rest == 0)
    return PATIENCE_YIELD;
  h->yield_rest--;
  return PATIENCE_NONE;
}

/* Whether an nbd_poll caller waiting only for replies gathers them,
 * unless a recent round showed the server close to running dry or to
 * filling its socket.
 */
static bool
may_gather (struct nbd_handle *h, enum poller who, unsigned direction)
{
  if (who != POLLER_CALLER || direction != LIBNBD_AIO_DIRECTION_READ)
    return false;
  if (h->gather_pause == 0)
    return true;
  h->gather_pause--;
  return false;
}

/* The wait for the greeting, which starts the handshake's timing for
 * its contest (see above, and time_handshake).
 */
static enum patience
greeting_patience (struct nbd_handle *h)
{
  /* A greeting may come in pieces: the first wait decides. */
  if (h->handshake_start == 0) {
    h->greeting_looked = nbd_internal_contest_look (CONTEST_GREETING);
    h->handshake_start = now_usecs ();
  }
  return h->greeting_looked ? PATIENCE_LOOK : PATIENCE_NONE;
}

/* A contest's look, or its other way (wait-contest.c); *entered says
 * which contest the wait is timed for.
 */
static enum patience
contest_patience (enum contest which, enum patience other,
                  enum contest *entered)
{
  *entered = which;
  return nbd_internal_contest_look (which) ? PATIENCE_LOOK : other;
}

static enum patience
choose_patience (struct nbd_handle *h, enum poller who, unsigned direction,
                 int timeout, enum contest *entered)
{
  unsigned n = h->nr_unfinished;

  *entered = NR_CONTESTS;

  if (timeout == 0 || h->waiters != NULL)
    return PATIENCE_NONE;
  if (h->state == STATE_RECV_GREETING)
    return greeting_patience (h);
  if (h->state == STATE_RECV_OPTION_REPLY)
    return contest_patience (CONTEST_OPTION_ANSWER, PATIENCE_NONE, entered);
  if (n == 0)
    return PATIENCE_NONE;
  if (nbd_internal_large_reply_under_way (h))
    return spin_unless_missing (h, PATIENCE_BRIEF);
  if (n >= GATHER_DEPTH && may_gather (h, who, direction))
    return PATIENCE_GATHER;
  if (n > YIELD_DEPTH)
    return PATIENCE_NONE;
  if (n == 1)
    return yield_unless_missing (h);
  /* The contest is entered only by waits that may look. */
  if (n < SPIN_MIN_DEPTH)
    return spins_missing (h) ? PATIENCE_TIMED :
      contest_patience (CONTEST_SECOND_REPLY, PATIENCE_YIELD, entered);
  return spin_unless_missing (h, PATIENCE_SPIN);
}

/* How long a patience looks at the socket after yielding. */
static uint64_t
spin_usecs (enum patience patience)
{
  switch (patience) {
  case PATIENCE_SPIN: return SPIN_USECS;
  case PATIENCE_BRIEF:
  case PATIENCE_LOOK:
    return BRIEF_SPIN_USECS;
  default: return 0;
  }
}

/* Whether a patience hands the CPU over before it looks (see above). */
static bool
yields_first (enum patience patience)
{
  switch (patience) {
  case PATIENCE_YIELD:
  case PATIENCE_SPIN:
  case PATIENCE_BRIEF:
    return true;
  default:
    return false;
  }
}

/* poll, with the patience chosen.  *quick says whether the socket or
 * the other descriptor became ready soon enough for a spin to catch.
 */
static int
poll_patiently (struct pollfd *fds, nfds_t n, int timeout,
                enum patience patience, bool *quick)
{
  uint64_t start = 0, window = spin_usecs (patience);
  bool yield = yields_first (patience);
  int r;

  if (yield || window > 0) {
    if (yield)
      sched_yield ();
    if (window > 0)
      start = now_usecs ();
    while ((r = poll (fds, n, 0)) == 0 && window > 0 &&
           now_usecs () - start < window)
      ;
    if (r != 0) {
      *quick = r > 0;
      return r;
    }
  }
  if (patience == PATIENCE_TIMED)
    start = now_usecs ();
  if (patience == PATIENCE_GATHER)
    nanosleep (&(struct timespec) { .tv_nsec = GATHER_SLEEP_NSECS }, NULL);
  r = poll (fds, n, timeout);
  *quick = patience == PATIENCE_TIMED && r > 0 &&
    now_usecs () - start < SPIN_USECS;
  return r;
}

/* Learn whether the yield at depth 1 finds replies (see above). */
static void
learn_yield (struct nbd_handle *h, bool found)
{
  if (found) {
    if (h->yield_misses > 0)
      h->yield_misses--;
    return;
  }
  if (++h->yield_misses < YIELD_MISSES_MAX)
    return;
  h->yield_rest = YIELD_REST_WAITS;
  /* Left one short, so that a miss after the rest starts another. */
  h->yield_misses--;
}

/* Learn from a patient wait, made with in_flight commands unfinished,
 * whether spinning and the yield at depth 1 pay (see above).  The
 * yield at depth 2 is judged by its timing instead (wait-contest.c).
 */
static void
learn_patience (struct nbd_handle *h, enum patience patience, bool quick,
                unsigned in_flight)
{
  if (quick)
    h->spin_misses = 0;
  else if (spin_usecs (patience) > 0)
    h->spin_misses++;
  if (patience == PATIENCE_YIELD && in_flight == 1)
    learn_yield (h, quick);
}

/* After a round that gathered: would a longer sleep have left the
 * server idle, or blocked on its full socket (see above)?
 */
static void
learn_gathering (struct nbd_handle *h, uint64_t chunks_before,
                 uint64_t bytes_before, unsigned in_flight)
{
  uint64_t chunks = h->chunks_received - chunks_before;

  if (chunks * GATHER_SHARE_DEN > (GATHER_SHARE_DEN - 1) * in_flight)
    h->gather_pause = GATHER_DRY_PAUSE;
  else if (h->bytes_received - bytes_before > GATHER_BYTES_MAX)
    h->gather_pause = GATHER_FULL_PAUSE;
}

/* poll, with the lock let go unless the poller holds on to it.
 *
 * The driver of a synchronous wait is marked as driving only while it
 * sits in poll: that is when other threads can see the mark, and its
 * own runs of the machine then have no driver to wake.
 */
static int
poll_as (struct nbd_handle *h, enum poller who, struct pollfd *fds,
         nfds_t n, int timeout, enum patience patience, bool *quick)
{
  int r;

  if (who == POLLER_HOLDER)
    return poll_patiently (fds, n, timeout, patience, quick);
  h->pollers++;
  if (who == POLLER_DRIVER)
    h->driving = true;
  pthread_mutex_unlock (&h->lock);
  r = poll_patiently (fds, n, timeout, patience, quick);
  pthread_mutex_lock (&h->lock);
  if (who == POLLER_DRIVER)
    h->driving = false;
  h->pollers--;
  return r;
}

/* Once a timed handshake is over (in option mode, once the server
 * waits for the caller's next option), its time goes to its contest,
 * unless it failed, which says nothing of how long its way takes.
 */
static void
time_handshake (struct nbd_handle *h)
{
  if (nbd_internal_is_state_connecting (h->state))
    return;
  if (nbd_internal_is_state_ready (h->state) ||
      nbd_internal_is_state_negotiating (h->state))
    nbd_internal_contest_took (CONTEST_GREETING, h->greeting_looked,
                               now_usecs () - h->handshake_start);
  h->handshake_start = 0;
}

/* Run the state machine, in which a timed handshake may end. */
static int
run_timing_handshake (struct nbd_handle *h, enum event event)
{
  if (nbd_internal_run (h, event) == -1)
    return -1;
  if (h->handshake_start != 0)
    time_handshake (h);
  return 0;
}

/* Poll the socket and extra_fd, then run the state machine if the
 * socket is ready.  Returns 1 if the socket or extra_fd was ready, 0
 * on timeout, -1 on error; *extra_ready says whether extra_fd was.
 */
static int
poll_once (struct nbd_handle *h, int extra_fd, int timeout,
           bool *extra_ready, enum poller who)
{
  struct pollfd fds[2];
  unsigned direction;
  enum event event = EVENT_WRITABLE;
  enum patience patience;
  enum contest contest;
  uint64_t chunks_before, bytes_before, start = 0;
  unsigned in_flight;
  bool quick;
  int r;

  *extra_ready = false;
  /* Requests held back (nbd_internal_issue) go before their replies
   * are waited for.  Sending them may bring in replies too, and once
   * those complete the caller's work, nothing may be left to wait for.
   */
  if (nbd_internal_requests_held (h)) {
    unsigned unfinished = h->nr_unfinished;

    if (nbd_internal_run (h, EVENT_NONE) == -1)
      return -1;
    if (h->nr_unfinished != unfinished)
      return 1;
  }
  direction = nbd_internal_state_direction (h, h->state);
  if (h->fd < 0 || direction == 0) {
    set_error (EINVAL, "there is nothing to wait for in state %s",
               nbd_internal_state_short_string (h->state));
    return -1;
  }
  /* Data already read from the socket would never wake poll. */
  if (nbd_internal_input_pending (h))
    return run_timing_handshake (h, EVENT_READABLE) == -1 ? -1 : 1;
  fds[0] = (struct pollfd) { .fd = h->fd, .events = poll_events (direction) };
  fds[1] = (struct pollfd) { .fd = extra_fd, .events = POLLIN };
  patience = choose_patience (h, who, direction, timeout, &contest);
  chunks_before = h->chunks_received;
  bytes_before = h->bytes_received;
  in_flight = h->nr_unfinished;
  if (contest != NR_CONTESTS)
    start = now_usecs ();
  r = poll_as (h, who, fds, extra_fd >= 0 ? 2 : 1, timeout, patience,
               &quick);
  learn_patience (h, patience, quick, in_flight);
  if (contest != NR_CONTESTS && r > 0)
    nbd_internal_contest_took (contest, patience == PATIENCE_LOOK,
                               now_usecs () - start);
  *extra_ready = r > 0 && extra_fd >= 0 && fds[1].revents != 0;
  if (r == -1) {
    if (errno == EINTR)
      return 0;
    set_error (errno, "poll");
    return -1;
  }
  if (r == 0)
    return 0;
  if (h->fd < 0 || fds[0].revents == 0)
    return 1;
  if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
    h->recv_drained = false;
    event = EVENT_READABLE;
  }
  if (run_timing_handshake (h, event) == -1)
    return -1;
  if (patience == PATIENCE_GATHER)
    learn_gathering (h, chunks_before, bytes_before, in_flight);
  return 1;
}

/* A synchronous caller asleep while another drives, with a condition
 * variable of its own: a poll that completes one command wakes only
 * the caller waiting for it, not every caller on the handle.
 *
 * Waiters belong to the handle (h->idle_waiters keeps those not in
 * use) rather than to the caller's stack, so that the driver can
 * signal one after letting go of the lock, when the caller may already
 * have left: a caller signalled while the driver still held the lock
 * woke only to block on it, which cost 4 synchronous threads about a
 * tenth of their reads and each read a context switch in three.
 */
struct waiter {
  struct waiter *next;
  pthread_cond_t cond;
  bool (*done) (struct nbd_handle *h, void *arg);
  void *arg;
};

/* Enough for the callers one poll finishes, bar many threads. */
#define WAKE_BATCH 16

static struct waiter *
enlist_waiter (struct nbd_handle *h,
               bool (*done) (struct nbd_handle *, void *), void *arg)
{
  struct waiter *w = h->idle_waiters;

  if (w != NULL)
    h->idle_waiters = w->next;
  else {
    w = malloc (sizeof *w);
    if (w == NULL) {
      set_error (errno, "malloc");
      return NULL;
    }
    errno = pthread_cond_init (&w->cond, NULL);
    if (errno != 0) {
      set_error (errno, "pthread_cond_init");
      free (w);
      return NULL;
    }
  }
  w->done = done;
  w->arg = arg;
  w->next = h->waiters;
  h->waiters = w;
  return w;
}

static void
retire_waiter (struct nbd_handle *h, struct waiter *w)
{
  struct waiter **link;

  for (link = &h->waiters; *link != w; link = &(*link)->next)
    assert (*link != NULL);
  *link = w->next;
  w->next = h->idle_waiters;
  h->idle_waiters = w;
}

void
nbd_internal_free_waiters (struct nbd_handle *h)
{
  struct waiter *w;

  assert (h->waiters == NULL);
  while ((w = h->idle_waiters) != NULL) {
    h->idle_waiters = w->next;
    pthread_cond_destroy (&w->cond);
    free (w);
  }
}

/* The condition variables of the callers whose work is done, for the
 * caller to signal; any beyond WAKE_BATCH are signalled at once.
 */
static unsigned
collect_finished (struct nbd_handle *h, pthread_cond_t **finished)
{
  unsigned n = 0;
  struct waiter *w;

  for (w = h->waiters; w; w = w->next) {
    if (!w->done (h, w->arg))
      continue;
    if (n < WAKE_BATCH)
      finished[n++] = &w->cond;
    else
      pthread_cond_signal (&w->cond);
  }
  return n;
}

static void
signal_all (pthread_cond_t **conds, unsigned n)
{
  while (n > 0)
    pthread_cond_signal (conds[--n]);
}

/* Wake the callers whose work is done, the lock held throughout. */
static void
wake_finished (struct nbd_handle *h)
{
  pthread_cond_t *finished[WAKE_BATCH];

  signal_all (finished, collect_finished (h, finished));
}

/* Wake the callers whose work is done, with the lock let go for the
 * signals (see struct waiter).  Another thread may take over driving
 * meanwhile; the caller looks again when it has the lock back.
 */
static void
wake_finished_unlocked (struct nbd_handle *h)
{
  pthread_cond_t *finished[WAKE_BATCH];
  unsigned n = collect_finished (h, finished);

  if (n == 0)
    return;
  pthread_mutex_unlock (&h->lock);
  signal_all (finished, n);
  pthread_mutex_lock (&h->lock);
}

/* The driver is leaving: wake the callers whose work is done (a run
 * without a driver, such as another thread's nbd_poll, may have done
 * it), and one other, which takes over, if any still waits.  Waking
 * them all would cost every one a wakeup for each driver that leaves.
 */
static void
hand_over (struct nbd_handle *h)
{
  struct waiter *w;

  if (h->driving)
    return;
  wake_finished (h);
  for (w = h->waiters; w; w = w->next) {
    if (!w->done (h, w->arg)) {
      pthread_cond_signal (&w->cond);
      return;
    }
  }
}

/* Be the driver for one poll. */
static int
drive (struct nbd_handle *h, int extra_fd, enum poller who, bool *woken)
{
  int r = poll_once (h, extra_fd, -1, woken, who);

  wake_finished_unlocked (h);
  return r;
}

static int
wait_or_drive (struct nbd_handle *h,
               bool (*done) (struct nbd_handle *, void *), void *arg,
               enum poller who, struct waiter **w)
{
  while (!done (h, arg)) {
    uint64_t count;
    bool woken;
    int extra;

    if (h->driving) {
      if (*w == NULL && (*w = enlist_waiter (h, done, arg)) == NULL)
        return -1;
      pthread_cond_wait (&(*w)->cond, &h->lock);
      continue;
    }
    if (nbd_internal_is_state_dead (h->state)) {
      set_error (ENOTCONN, "the connection died while waiting");
      return -1;
    }
    /* Nothing can change behind the back of a driver that keeps the
     * lock, so it needs no wakeup.
     */
    extra = who == POLLER_HOLDER ? -1 : nbd_internal_wakeup_fd (h);
    if (drive (h, extra, who, &woken) == -1)
      return -1;
    /* Clear the wakeup only when it came: a read of an empty eventfd
     * would cost every synchronous call a system call for nothing.
     */
    if (woken && read (extra, &count, sizeof count) == -1 &&
        errno != EAGAIN)
      debug (h, "cannot clear the wakeup event");
  }
  return 0;
}

static int
wait_as (struct nbd_handle *h, enum poller who,
         bool (*done) (struct nbd_handle *, void *), void *arg)
{
  struct waiter *w = NULL;
  int r = wait_or_drive (h, done, arg, who, &w);

  if (w != NULL)
    retire_waiter (h, w);
  hand_over (h);
  return r;
}

int
nbd_internal_wait (struct nbd_handle *h,
                   bool (*done) (struct nbd_handle *, void *), void *arg)
{
  return wait_as (h, POLLER_DRIVER, done, arg);
}

int
nbd_internal_wait_holding_lock (struct nbd_handle *h,
                                bool (*done) (struct nbd_handle *, void *),
                                void *arg)
{
  return wait_as (h, POLLER_HOLDER, done, arg);
}

int
nbd_unlocked_poll2 (struct nbd_handle *h, int fd, int timeout)
{
  bool fd_ready;

  return poll_once (h, fd, timeout, &fd_ready, POLLER_CALLER);
}

int
nbd_unlocked_poll (struct nbd_handle *h, int timeout)
{
  return nbd_unlocked_poll2 (h, -1, timeout);
}
