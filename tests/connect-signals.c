/* A synchronous connect waits for the server's answers in poll (see
 * lib/wait.c).  Signals whose handler does not ask for restarted
 * system calls cut such waits short again and again; the connect must
 * go on waiting through them, over a plain socket and under TLS, and
 * hand the caller a socket that does not block.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: connect-signals PLAIN-SOCKET TLS-SOCKET PSK-FILE
 * connect-signals.sh starts both servers with their answer to
 * NBD_OPT_GO delayed, so that the client sits in poll meanwhile.
 */

#include <config.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

/* The servers delay their answer by 300 ms; a tick every half
 * millisecond gives hundreds of interruptions on an idle machine.  A
 * busy one delivers fewer, as the timer waits for each to be taken,
 * but this many still prove that the connect was interrupted while it
 * waited.
 */
#define TICK_USECS 500
#define MIN_TICKS 10

static volatile sig_atomic_t ticks;

static void
count_tick (int sig)
{
  (void) sig;
  ticks++;
}

static void
set_ticking (long usecs)
{
  struct itimerval every = {
    .it_interval = { .tv_usec = usecs },
    .it_value = { .tv_usec = usecs },
  };

  CHECK (setitimer (ITIMER_REAL, &every, NULL) == 0);
}

static void
connect_through_signals (struct nbd_handle *nbd, const char *unixsocket)
{
  char buf[512];

  ticks = 0;
  set_ticking (TICK_USECS);
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  set_ticking (0);
  if (ticks < MIN_TICKS) {
    fprintf (stderr, "only %d signals came during the connect\n",
             (int) ticks);
    exit (EXIT_FAILURE);
  }
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_get_size (nbd) == UNIX_SIZE);
  CHECK (fcntl (nbd_aio_get_fd (nbd), F_GETFL) & O_NONBLOCK);
  CHECK (nbd_pread (nbd, buf, sizeof buf, 0, 0) == 0);
  CHECK (nbd_shutdown (nbd, 0) == 0);
}

int
main (int argc, char *argv[])
{
  struct sigaction interrupting = { .sa_handler = count_tick };
  struct nbd_handle *nbd;

  check_our_library ();
  if (argc != 4) {
    fprintf (stderr, "usage: %s PLAIN-SOCKET TLS-SOCKET PSK-FILE\n",
             argv[0]);
    exit (EXIT_FAILURE);
  }
  /* No SA_RESTART: each signal fails the system call it lands in. */
  sigemptyset (&interrupting.sa_mask);
  CHECK (sigaction (SIGALRM, &interrupting, NULL) == 0);

  nbd = create_handle ();
  connect_through_signals (nbd, argv[1]);
  nbd_close (nbd);

  if (!library_has_tls ("the connection over TLS"))
    return EXIT_SUCCESS;
  nbd = create_handle ();
  CHECK (nbd_set_tls (nbd, LIBNBD_TLS_REQUIRE) == 0);
  CHECK (nbd_set_tls_psk_file (nbd, argv[3]) == 0);
  CHECK (nbd_set_tls_username (nbd, "alice") == 0);
  connect_through_signals (nbd, argv[2]);
  CHECK (nbd_get_tls_negotiated (nbd) == 1);
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
