/* Fuzz the client with arbitrary server bytes.  The input (session.h)
 * is a configuration byte and the turns of "the server", played over a
 * socketpair; whatever the client sends is read and dropped.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/sockios.h>

#include "session.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A mutated input may split a reply across turns: then the client
 * waits for the rest without sending anything, and the next turn must
 * go anyway.  The server checks this often while a turn waits.
 */
#define TURN_CHECK_NS 20000

struct server {
  int fd;
  const uint8_t *next;          /* the rest of the input */
  const uint8_t *end;
  const uint8_t *turn;          /* what is left of the turn being sent */
  size_t turn_left;
  bool client_spoke;            /* since the last turn began */
  pid_t client_tid;             /* the thread running the session */
};

/* Drop what the client sent; false once it has hung up. */
static bool
drain (struct server *s)
{
  char buf[65536];
  ssize_t r = recv (s->fd, buf, sizeof buf, MSG_DONTWAIT);

  if (r > 0)
    s->client_spoke = true;
  return r > 0 || (r == -1 && (errno == EAGAIN || errno == EINTR));
}

/* True when the client has taken every byte sent so far and sleeps:
 * it can only be waiting for more.
 */
static bool
client_waits (struct server *s)
{
  char path[64], stat[256], *state;
  int unread;
  FILE *fp;
  size_t n;

  if (ioctl (s->fd, SIOCOUTQ, &unread) == -1 || unread > 0)
    return false;
  snprintf (path, sizeof path, "/proc/self/task/%d/stat", s->client_tid);
  fp = fopen (path, "r");
  if (fp == NULL)
    abort ();
  n = fread (stat, 1, sizeof stat - 1, fp);
  fclose (fp);
  stat[n] = '\0';
  /* The state follows the command name, which is in parentheses. */
  state = strrchr (stat, ')');
  return state && state[1] == ' ' && state[2] == 'S';
}

/* Start the next turn; false when the input is used up. */
static bool
next_turn (struct server *s)
{
  size_t left = s->end - s->next, len;

  if (left == 0)
    return false;
  len = left < SESSION_TURN_HEADER ? 0 : (s->next[0] << 8 | s->next[1]);
  s->next += left < SESSION_TURN_HEADER ? left : SESSION_TURN_HEADER;
  left = s->end - s->next;
  s->turn = s->next;
  s->turn_left = len < left ? len : left;
  s->next += s->turn_left;
  s->client_spoke = false;
  return true;
}

/* Send what the turn still holds; false if the client has gone. */
static bool
send_turn (struct server *s)
{
  ssize_t r = send (s->fd, s->turn, s->turn_left,
                    MSG_DONTWAIT | MSG_NOSIGNAL);

  if (r == -1)
    return errno == EAGAIN || errno == EINTR;
  s->turn += r;
  s->turn_left -= r;
  return true;
}

/* Play the turns, then hang up our side and wait for the client to
 * hang up too (or at least to stop writing).  Polling both ways keeps
 * either side from filling the socket buffer while the other waits.
 */
static void *
serve (void *arg)
{
  struct server *s = arg;
  struct pollfd pfd = { .fd = s->fd };
  const struct timespec check = { .tv_nsec = TURN_CHECK_NS };
  bool more = next_turn (s), hung_up = false;
  int r;

  for (;;) {
    if (more && s->turn_left == 0 && s->client_spoke)
      more = next_turn (s);
    if (!more && s->turn_left == 0 && !hung_up) {
      shutdown (s->fd, SHUT_WR);
      hung_up = true;
    }
    pfd.events = POLLIN | (s->turn_left > 0 ? POLLOUT : 0);
    r = ppoll (&pfd, 1, more && s->turn_left == 0 ? &check : NULL, NULL);
    if (r == -1 && errno != EINTR)
      abort ();
    if (r == 0 && client_waits (s))
      more = next_turn (s);
    if (r <= 0)
      continue;
    if ((pfd.revents & (POLLIN | POLLHUP | POLLERR)) && !drain (s))
      break;
    if ((pfd.revents & POLLOUT) && !send_turn (s))
      break;
  }
  /* The client may only have stopped writing (after NBD_CMD_DISC, say)
   * and now waits for the server to close, as a real one would.
   */
  shutdown (s->fd, SHUT_RDWR);
  return NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct server s;
  pthread_t thread;
  int sv[2];

  if (size < 1)
    return 0;
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
    abort ();
  s = (struct server) { .fd = sv[1], .next = data + 1, .end = data + size,
                        .client_tid = gettid () };
  if (pthread_create (&thread, NULL, serve, &s) != 0)
    abort ();
  run_session (sv[0], data[0] & SESSION_CONFIG_MASK);
  pthread_join (thread, NULL);
  close (sv[1]);
  return 0;
}
