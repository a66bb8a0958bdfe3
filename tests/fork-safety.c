/* A program forks while its handles have commands in flight and other
 * threads wait on them, one polling in nbd_poll and one in a
 * synchronous call: the child can make, use and close handles of its
 * own and exit normally, and the parent's handles carry on.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: fork-safety DIR
 * fork-safety.sh starts nbdkit in DIR: serving DISK_SIZE of memory on
 * plain.sock, and on tls.sock with TLS required and the key of user
 * alice in keys.psk; and on held.sock a disk of zeroes whose reads are
 * held until the file go appears.
 *
 * The held reads make sure that the threads are waiting at the fork,
 * not in the middle of handling a reply.  A thread's allocations in
 * flight, which only its registers and stack pointed to, would be
 * unreachable in the child, where the thread does not exist, and
 * memory checkers would report them as leaks of the child's.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

#define DISK_SIZE (64 * 1024 * 1024)
#define FORKS 8
#define IN_FLIGHT 32
#define BLOCK 65536
/* A child needs well under a second, even under valgrind; this only
 * turns a deadlocked child into a failure.
 */
#define CHILD_SECONDS 120

static const char *dir;
static char plain[PATH_MAX], tls_socket[PATH_MAX], keys[PATH_MAX];
static char held[PATH_MAX], go[PATH_MAX];
/* Whether the handles over TLS can be made: not in a library without
 * it.
 */
static bool have_tls;

static struct nbd_handle *
connect_handle (const char *socket, bool tls)
{
  struct nbd_handle *nbd = create_handle ();

  if (tls)
    set_psk (nbd, keys);
  CHECK (nbd_connect_unix (nbd, socket) == 0);
  CHECK (nbd_get_size (nbd) == DISK_SIZE);
  return nbd;
}

/* Write block i and read it back; the errors are the caller's own. */
static void
write_and_read_back (struct nbd_handle *nbd, unsigned i)
{
  static char data[BLOCK], back[BLOCK];

  memset (data, 'a' + i % 26, sizeof data);
  CHECK (nbd_pwrite (nbd, data, sizeof data, (uint64_t) i * BLOCK, 0) == 0);
  CHECK (nbd_pread (nbd, back, sizeof back, (uint64_t) i * BLOCK, 0) == 0);
  CHECK (memcmp (data, back, sizeof data) == 0);
  CHECK (nbd_pread (nbd, back, sizeof back, DISK_SIZE, 0) == -1);
  CHECK_ERROR ("nbd_pread", EINVAL, NULL);
}

/* In the child: handles of its own, plain, over TLS and to a server it
 * starts itself.  Then a normal exit, which runs the destructors of the
 * library and of the libraries it uses.
 */
static void __attribute__ ((__noreturn__))
child (unsigned i)
{
  char *argv[] = { "nbdkit", "-s", "--exit-with-parent", "memory", "1M",
                   NULL };
  struct nbd_handle *nbd;
  char buf[512];

  nbd = connect_handle (plain, false);
  write_and_read_back (nbd, i);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);

  if (have_tls) {
    nbd = connect_handle (tls_socket, true);
    write_and_read_back (nbd, i);
    nbd_close (nbd);
  }

  nbd = create_handle ();
  CHECK (nbd_connect_command (nbd, argv) == 0);
  CHECK (nbd_pread (nbd, buf, sizeof buf, 0, 0) == 0);
  nbd_close (nbd);
  CHECK_NO_CHILDREN ("child");
  exit (EXIT_SUCCESS);
}

/* The child must exit by itself, successfully, in good time. */
static void
wait_for_child (pid_t pid)
{
  time_t deadline = time (NULL) + CHILD_SECONDS;
  struct timespec tick = { .tv_nsec = 10 * 1000 * 1000 };
  int status;
  pid_t r;

  while ((r = waitpid (pid, &status, WNOHANG)) == 0) {
    if (time (NULL) > deadline) {
      fprintf (stderr, "the child did not finish in %d seconds: "
               "deadlocked?\n", CHILD_SECONDS);
      kill (pid, SIGKILL);
      exit (EXIT_FAILURE);
    }
    nanosleep (&tick, NULL);
  }
  CHECK (r == pid);
  CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static struct nbd_handle *held_nbd;
static char reads[IN_FLIGHT][BLOCK];

/* Keep reads in flight on the held disk, polling until they are in.
 * The other thread may read these replies while this one waits, so the
 * poll must not wait for ever.
 */
static void *
poll_reads (void *arg)
{
  int64_t cookie[IN_FLIGHT];
  unsigned i;
  int r;

  (void) arg;
  for (i = 0; i < IN_FLIGHT; i++) {
    memset (reads[i], 'x', BLOCK);
    cookie[i] = nbd_aio_pread (held_nbd, reads[i], BLOCK,
                               (uint64_t) i * BLOCK, NBD_NULL_COMPLETION, 0);
    CHECK (cookie[i] > 0);
  }
  for (i = 0; i < IN_FLIGHT; i++) {
    while ((r = nbd_aio_command_completed (held_nbd, cookie[i])) == 0)
      CHECK (nbd_poll (held_nbd, 100) >= 0);
    CHECK (r == 1);
    CHECK (reads[i][0] == 0 && reads[i][BLOCK - 1] == 0);
  }
  return NULL;
}

/* Wait in a synchronous read of the held disk. */
static void *
sync_read (void *arg)
{
  char *buf = arg;

  CHECK (nbd_pread (held_nbd, buf, BLOCK, 0, 0) == 0);
  return NULL;
}

/* Until everything is in flight.  Then a moment more, for the threads
 * to settle in poll and in the wait.
 */
static void
wait_in_flight (void)
{
  struct timespec tick = { .tv_nsec = 10 * 1000 * 1000 };

  while (nbd_aio_in_flight (held_nbd) < IN_FLIGHT + 1)
    nanosleep (&tick, NULL);
  nanosleep (&tick, NULL);
}

static void
release_held_reads (void)
{
  int fd = open (go, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

  CHECK (fd >= 0);
  close (fd);
}

/* A handle reads what the last child wrote. */
static void
check_child_data (struct nbd_handle *nbd)
{
  char buf[512];

  CHECK (nbd_pread (nbd, buf, sizeof buf, (uint64_t) (FORKS - 1) * BLOCK,
                    0) == 0);
  CHECK (buf[0] == 'a' + (FORKS - 1) % 26);
}

int
main (int argc, char *argv[])
{
  static char sync_buf[BLOCK];
  struct nbd_handle *tls = NULL;
  pthread_t poller, waiter;
  unsigned i;

  check_our_library ();
  if (argc != 2) {
    fprintf (stderr, "usage: %s DIR\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  dir = argv[1];
  join_path (plain, dir, "plain.sock");
  join_path (tls_socket, dir, "tls.sock");
  join_path (keys, dir, "keys.psk");
  join_path (held, dir, "held.sock");
  join_path (go, dir, "go");

  /* A TLS connection open across the forks, and one on the held disk
   * with commands in flight and two threads waiting on them.
   */
  have_tls = library_has_tls ("the handles over TLS");
  if (have_tls)
    tls = connect_handle (tls_socket, true);
  held_nbd = connect_handle (held, false);
  memset (sync_buf, 'x', sizeof sync_buf);
  CHECK (pthread_create (&poller, NULL, poll_reads, NULL) == 0);
  CHECK (pthread_create (&waiter, NULL, sync_read, sync_buf) == 0);
  wait_in_flight ();

  for (i = 0; i < FORKS; i++) {
    pid_t pid = fork ();

    CHECK (pid >= 0);
    if (pid == 0)
      child (i);
    wait_for_child (pid);
  }

  /* The parent's handles carry on: the held commands complete, the
   * handles take new ones, and see what the children wrote.
   */
  CHECK (nbd_aio_in_flight (held_nbd) == IN_FLIGHT + 1);
  release_held_reads ();
  CHECK (pthread_join (poller, NULL) == 0);
  CHECK (pthread_join (waiter, NULL) == 0);
  CHECK (sync_buf[0] == 0 && sync_buf[BLOCK - 1] == 0);
  CHECK (nbd_pread (held_nbd, sync_buf, BLOCK, BLOCK, 0) == 0);
  CHECK (nbd_shutdown (held_nbd, 0) == 0);
  nbd_close (held_nbd);
  if (have_tls) {
    check_child_data (tls);
    CHECK (nbd_shutdown (tls, 0) == 0);
    nbd_close (tls);
  }
  return EXIT_SUCCESS;
}
