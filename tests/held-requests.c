/* Requests issued while others wait for replies are held back and sent
 * together: check that every way of driving the handle sends them, and
 * that a synchronous caller in another thread never leaves them
 * waiting behind a slow command.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: held-requests SOCKET
 * held-requests.sh starts nbdkit serving 1M of memory on SOCKET, with
 * every trim delayed by 3 seconds.
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

#define READS 3
#define BLOCK 512
/* Longer than any poll here can need; only a lost request waits it. */
#define POLL_MS 10000

static const char *socket_path;

struct reads {
  char buf[READS][BLOCK];
  struct completion done[READS];
};

/* Block i of the export holds the byte 'a' + i. */
static struct nbd_handle *
connect_and_fill (void)
{
  struct nbd_handle *nbd = create_handle ();
  char block[BLOCK];
  unsigned i;

  CHECK (nbd_connect_unix (nbd, socket_path) == 0);
  for (i = 0; i < READS; i++) {
    memset (block, 'a' + i, sizeof block);
    CHECK (nbd_pwrite (nbd, block, sizeof block, i * BLOCK, 0) == 0);
  }
  return nbd;
}

/* Issue READS reads: the first goes out at once, the rest are held. */
static void
issue_reads (struct nbd_handle *nbd, struct reads *r)
{
  uint64_t sent = nbd_stats_chunks_sent (nbd);
  unsigned i;

  memset (r, 0, sizeof *r);
  for (i = 0; i < READS; i++)
    CHECK (nbd_aio_pread (nbd, r->buf[i], BLOCK, i * BLOCK,
                          COMPLETION_CALLBACK (&r->done[i]), 0) > 0);
  CHECK (nbd_stats_chunks_sent (nbd) == sent + 1);
  CHECK (nbd_aio_in_flight (nbd) == READS);
}

static void
check_reads (const struct reads *r)
{
  unsigned i, j;

  for (i = 0; i < READS; i++) {
    CHECK (r->done[i].calls == 1 && r->done[i].error == 0);
    CHECK (r->done[i].frees == 1);
    for (j = 0; j < BLOCK; j++)
      CHECK (r->buf[i][j] == 'a' + (char) i);
  }
}

static void
close_handle (struct nbd_handle *nbd)
{
  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);
}

/* Poll until every read has completed, check them, and close. */
static void
finish_reads (struct nbd_handle *nbd, const struct reads *r)
{
  while (nbd_aio_in_flight (nbd) > 0)
    CHECK (nbd_poll (nbd, POLL_MS) == 1);
  check_reads (r);
  close_handle (nbd);
}

/* A loop that asks nbd_aio_get_direction before every wait is told to
 * wait for writing, and the notify call sends the held requests.
 */
static void
test_event_loop (void)
{
  struct nbd_handle *nbd = connect_and_fill ();
  struct pollfd pfd = { .fd = nbd_aio_get_fd (nbd), .events = POLLOUT };
  uint64_t sent;
  struct reads r;

  issue_reads (nbd, &r);
  sent = nbd_stats_chunks_sent (nbd);
  CHECK (nbd_aio_get_direction (nbd) == LIBNBD_AIO_DIRECTION_BOTH);
  CHECK (poll (&pfd, 1, POLL_MS) == 1 && (pfd.revents & POLLOUT));
  CHECK (nbd_aio_notify_write (nbd) == 0);
  CHECK (nbd_stats_chunks_sent (nbd) == sent + READS - 1);
  while (nbd_aio_in_flight (nbd) > 0) {
    unsigned dir = nbd_aio_get_direction (nbd);

    pfd.events = (dir & LIBNBD_AIO_DIRECTION_READ ? POLLIN : 0) |
      (dir & LIBNBD_AIO_DIRECTION_WRITE ? POLLOUT : 0);
    CHECK (poll (&pfd, 1, POLL_MS) == 1);
    if (pfd.revents & (POLLIN | POLLHUP))
      CHECK (nbd_aio_notify_read (nbd) == 0);
    else
      CHECK (nbd_aio_notify_write (nbd) == 0);
  }
  finish_reads (nbd, &r);
}

/* A loop that was told the handle wants both, and saw both events,
 * may notify both: the first sends what was held, and the second finds
 * nothing to do, which is no error.
 */
static void
test_both_notifications (void)
{
  struct nbd_handle *nbd = connect_and_fill ();
  uint64_t sent;
  struct reads r;

  issue_reads (nbd, &r);
  sent = nbd_stats_chunks_sent (nbd);
  CHECK (nbd_aio_get_direction (nbd) == LIBNBD_AIO_DIRECTION_BOTH);
  CHECK (nbd_aio_notify_read (nbd) == 0);
  CHECK (nbd_stats_chunks_sent (nbd) == sent + READS - 1);
  CHECK (nbd_aio_notify_write (nbd) == 0);
  finish_reads (nbd, &r);
}

/* A loop that only ever waits to read still gets every reply: the held
 * requests go out when the first reply is read.
 */
static void
test_read_only_loop (void)
{
  struct nbd_handle *nbd = connect_and_fill ();
  struct pollfd pfd = { .fd = nbd_aio_get_fd (nbd), .events = POLLIN };
  struct reads r;

  issue_reads (nbd, &r);
  while (nbd_aio_in_flight (nbd) > 0) {
    CHECK (poll (&pfd, 1, POLL_MS) == 1);
    CHECK (nbd_aio_notify_read (nbd) == 0);
  }
  finish_reads (nbd, &r);
}

/* A synchronous call sends what is held before it waits. */
static void
test_synchronous_call (void)
{
  struct nbd_handle *nbd = connect_and_fill ();
  char block[BLOCK];
  struct reads r;

  issue_reads (nbd, &r);
  CHECK (nbd_pread (nbd, block, sizeof block, 0, 0) == 0);
  CHECK (block[0] == 'a');
  finish_reads (nbd, &r);
}

/* Held requests were never sent, so a shutdown that abandons pending
 * commands fails them with ENOTCONN, as libnbd does, and sends nothing
 * but NBD_CMD_DISC.  The read that was sent completes: nbdkit may
 * answer it with ESHUTDOWN if the disconnect reaches it first.
 */
static void
test_shutdown_abandons (void)
{
  struct nbd_handle *nbd = connect_and_fill ();
  uint64_t sent;
  struct reads r;
  unsigned i;

  issue_reads (nbd, &r);
  sent = nbd_stats_chunks_sent (nbd);
  CHECK (nbd_shutdown (nbd, LIBNBD_SHUTDOWN_ABANDON_PENDING) == 0);
  CHECK (nbd_stats_chunks_sent (nbd) == sent + 1);
  CHECK (r.done[0].calls == 1);
  CHECK (r.done[0].error == 0 || r.done[0].error == ESHUTDOWN);
  for (i = 1; i < READS; i++)
    CHECK (r.done[i].calls == 1 && r.done[i].error == ENOTCONN);
  nbd_close (nbd);
}

struct slow_trim {
  struct nbd_handle *nbd;
  int finished;
};

static void *
trim_slowly (void *arg)
{
  struct slow_trim *t = arg;

  CHECK (nbd_trim (t->nbd, BLOCK, 4 * BLOCK, 0) == 0);
  __atomic_store_n (&t->finished, 1, __ATOMIC_RELEASE);
  return NULL;
}

/* A thread polls with nbd_poll2 while the server delays trims; a read
 * issued meanwhile from another thread goes out at once, and the
 * poller completes it long before the trims.  The poller's wait ends
 * only on the socket or when the pipe says stop.  With GATHERING_TRIMS
 * in flight, nbd_poll2 sleeps a moment before it polls, so that
 * replies gather (lib/wait.c): the read must not wait for that either.
 */
#define GATHERING_TRIMS 40

struct poller {
  struct nbd_handle *nbd;
  int pipe[2];
};

static void *
poll_until_stopped (void *arg)
{
  struct poller *p = arg;
  int r;

  while ((r = nbd_poll2 (p->nbd, p->pipe[0], POLL_MS)) == 1) {
    struct pollfd pfd = { .fd = p->pipe[0], .events = POLLIN };

    if (poll (&pfd, 1, 0) == 1)
      break;
  }
  CHECK (r == 1);
  return NULL;
}

static unsigned
trims_completed (const struct completion *trims, unsigned n)
{
  unsigned i, done = 0;

  for (i = 0; i < n; i++)
    done += __atomic_load_n (&trims[i].calls, __ATOMIC_ACQUIRE);
  return done;
}

static void
test_polling_thread (unsigned n)
{
  struct poller p = { .nbd = connect_and_fill () };
  struct completion trims[GATHERING_TRIMS] = { 0 }, read = { 0 };
  char block[BLOCK];
  pthread_t thread;
  unsigned i;

  CHECK (n <= GATHERING_TRIMS);
  CHECK (pipe (p.pipe) == 0);
  for (i = 0; i < n; i++)
    CHECK (nbd_aio_trim (p.nbd, BLOCK, 4 * BLOCK,
                         COMPLETION_CALLBACK (&trims[i]), 0) > 0);
  CHECK (pthread_create (&thread, NULL, poll_until_stopped, &p) == 0);
  usleep (100 * 1000);
  CHECK (nbd_aio_pread (p.nbd, block, sizeof block, BLOCK,
                        COMPLETION_CALLBACK (&read), 0) > 0);
  while (__atomic_load_n (&read.calls, __ATOMIC_ACQUIRE) == 0)
    usleep (1000);
  CHECK (read.error == 0 && block[0] == 'b');
  CHECK (trims_completed (trims, n) == 0);
  while (trims_completed (trims, n) < n)
    usleep (1000);
  CHECK (write (p.pipe[1], "", 1) == 1);
  CHECK (pthread_join (thread, NULL) == 0);
  for (i = 0; i < n; i++)
    CHECK (trims[i].calls == 1 && trims[i].error == 0);
  close (p.pipe[0]);
  close (p.pipe[1]);
  close_handle (p.nbd);
}

/* While one thread waits for a trim the server delays, another
 * thread's read goes out at once and completes long before the trim:
 * nothing is held behind the waiting thread's poll.
 */
static void
test_waiting_thread (void)
{
  struct slow_trim t = { .nbd = connect_and_fill () };
  char block[BLOCK];
  pthread_t thread;

  CHECK (pthread_create (&thread, NULL, trim_slowly, &t) == 0);
  while (nbd_aio_in_flight (t.nbd) == 0)
    usleep (1000);
  CHECK (nbd_pread (t.nbd, block, sizeof block, 2 * BLOCK, 0) == 0);
  CHECK (block[0] == 'c');
  CHECK (__atomic_load_n (&t.finished, __ATOMIC_ACQUIRE) == 0);
  CHECK (pthread_join (thread, NULL) == 0);
  CHECK (t.finished == 1);
  close_handle (t.nbd);
}

int
main (int argc, char *argv[])
{
  check_our_library ();
  CHECK (argc == 2);
  socket_path = argv[1];
  alarm (120);
  test_event_loop ();
  test_both_notifications ();
  test_read_only_loop ();
  test_synchronous_call ();
  test_shutdown_abandons ();
  test_waiting_thread ();
  test_polling_thread (1);
  test_polling_thread (GATHERING_TRIMS);
  return EXIT_SUCCESS;
}
