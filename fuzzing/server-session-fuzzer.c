/* Fuzz the client with arbitrary server bytes.  The input (after its
 * first byte, which picks the client's configuration: session.h) is
 * what "the server" sends over a socketpair, all of it as fast as the
 * client takes it; whatever the client sends is read and dropped.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "session.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

struct server {
  int fd;
  const uint8_t *data;
  size_t size;
};

/* Drop what the client sent; false once it has hung up. */
static int
drain (int fd)
{
  char buf[65536];
  ssize_t r = recv (fd, buf, sizeof buf, MSG_DONTWAIT);

  return r > 0 || (r == -1 && (errno == EAGAIN || errno == EINTR));
}

/* Send the input, then hang up our side, then wait for the client to
 * hang up too.  Polling both ways keeps either side from filling the
 * socket buffer while the other waits.
 */
static void *
serve (void *arg)
{
  struct server *s = arg;
  struct pollfd pfd = { .fd = s->fd };
  ssize_t r;

  for (;;) {
    pfd.events = POLLIN | (s->size > 0 ? POLLOUT : 0);
    if (poll (&pfd, 1, -1) == -1) {
      if (errno == EINTR)
        continue;
      abort ();
    }
    if ((pfd.revents & (POLLIN | POLLHUP | POLLERR)) && !drain (s->fd))
      break;
    if ((pfd.revents & POLLOUT) && s->size > 0) {
      r = send (s->fd, s->data, s->size, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (r == -1 && errno != EAGAIN && errno != EINTR)
        break;
      if (r > 0) {
        s->data += r;
        s->size -= r;
        if (s->size == 0)
          shutdown (s->fd, SHUT_WR);
      }
    }
  }
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
  s = (struct server) { .fd = sv[1], .data = data + 1, .size = size - 1 };
  if (s.size == 0)
    shutdown (s.fd, SHUT_WR);
  if (pthread_create (&thread, NULL, serve, &s) != 0)
    abort ();
  run_session (sv[0], data[0] & SESSION_CONFIG_MASK);
  pthread_join (thread, NULL);
  close (sv[1]);
  return 0;
}
