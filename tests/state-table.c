/* The state table is the machine: nbd_internal_set_state makes the
 * moves generator/states.py lists, a move on an outside event only
 * during a run for that event, and nothing else.  Built twice: with
 * assertions, where a move the table lacks stops the program (SIGABRT,
 * naming the move), and with NDEBUG, where it kills the connection
 * with an error instead.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "states/set-state.h"

#define CHECK(cond)                                                     \
  do {                                                                  \
    if (!(cond)) {                                                      \
      fprintf (stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
               #cond);                                                  \
      exit (EXIT_FAILURE);                                              \
    }                                                                   \
  } while (0)

static struct nbd_handle *
handle_in (enum state state, enum event event)
{
  struct nbd_handle *h = nbd_create ();
  int sv[2];

  CHECK (h != NULL);
  /* States that wait on the socket need one. */
  CHECK (socketpair (AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  close (sv[1]);
  h->fd = sv[0];
  h->state = state;
  h->event = event;
  return h;
}

static void
check_legal (enum state from, enum event event, enum state to)
{
  struct nbd_handle *h = handle_in (from, event);

  nbd_internal_set_state (h, to);
  CHECK (h->state == to);
  h->event = EVENT_NONE;
  nbd_close (h);
}

#ifndef NDEBUG
/* The move, in a child: it must die of SIGABRT and say which move. */
static void
check_illegal (enum state from, enum event event, enum state to,
               const char *says)
{
  int pipefd[2], status;
  char text[512] = "";
  ssize_t n;
  pid_t pid;

  CHECK (pipe (pipefd) == 0);
  pid = fork ();
  CHECK (pid != -1);
  if (pid == 0) {
    dup2 (pipefd[1], STDERR_FILENO);
    nbd_internal_set_state (handle_in (from, event), to);
    _exit (0);
  }
  close (pipefd[1]);
  n = read (pipefd[0], text, sizeof text - 1);
  close (pipefd[0]);
  CHECK (waitpid (pid, &status, 0) == pid);
  CHECK (WIFSIGNALED (status) && WTERMSIG (status) == SIGABRT);
  CHECK (n > 0 && strstr (text, says) != NULL);
}
#else
/* The move kills the connection and says why. */
static void
check_illegal (enum state from, enum event event, enum state to,
               const char *says)
{
  struct nbd_handle *h = handle_in (from, event);

  nbd_internal_set_state (h, to);
  CHECK (h->state == STATE_DEAD);
  CHECK (nbd_get_errno () == EPROTO);
  CHECK (strstr (nbd_get_error (), says) != NULL);
  h->event = EVENT_NONE;
  nbd_close (h);
}
#endif

int
main (void)
{
  check_legal (STATE_READY, EVENT_NONE, STATE_SEND_REQUEST);
  check_legal (STATE_AWAIT_REPLY, EVENT_NONE, STATE_RECV_REPLY);
  check_legal (STATE_START, EVENT_CONNECTING, STATE_CONNECTING);
  check_legal (STATE_NEGOTIATING, EVENT_OPTION, STATE_SEND_OPTION);
  /* Any state may die. */
  check_legal (STATE_RECV_CHUNK_DATA, EVENT_NONE, STATE_DEAD);

  check_illegal (STATE_START, EVENT_NONE, STATE_READY,
                 "no move from START to READY on event NONE");
  /* A move on an event is legal only during a run for that event. */
  check_illegal (STATE_NEGOTIATING, EVENT_NONE, STATE_SEND_OPTION,
                 "no move from NEGOTIATING to SEND_OPTION on event NONE");
  check_illegal (STATE_START, EVENT_OPTION, STATE_CONNECTING,
                 "no move from START to CONNECTING on event OPTION");
  check_illegal (STATE_RECV_SIMPLE_DATA, EVENT_NONE, STATE_SEND_REQUEST,
                 "no move from RECV_SIMPLE_DATA to SEND_REQUEST");
  /* Nothing leaves the ends but death. */
  check_illegal (STATE_CLOSED, EVENT_CONNECTED, STATE_RECV_GREETING,
                 "no move from CLOSED to RECV_GREETING");
  printf ("state table: legal moves made, illegal ones %s\n",
#ifndef NDEBUG
          "stopped the program"
#else
          "killed the connection"
#endif
          );
  return EXIT_SUCCESS;
}
