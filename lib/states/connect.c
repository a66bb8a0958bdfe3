/* States that wait for the socket's connection, trying each address a
 * host name resolved to in turn.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <string.h>

#include "internal.h"
#include "states/set-state.h"

/* What a connect call made: a connected socket, which the server
 * greets, one still connecting, or the addresses to try.
 */
int
nbd_internal_state_START (struct nbd_handle *h)
{
  switch (h->event) {
  case EVENT_CONNECTED:
    nbd_internal_begin_handshake (h);
    return 0;
  case EVENT_CONNECTING:
    nbd_internal_set_state (h, STATE_CONNECTING);
    return 0;
  case EVENT_RESOLVED:
    nbd_internal_set_state (h, STATE_CONNECT_NEXT_ADDRESS);
    return 0;
  default:
    return 1;
  }
}

/* One address of the host could not be reached: keep the first
 * reason, and drop the socket for the next address's.
 */
static void
address_failed (struct nbd_handle *h, int err)
{
  if (h->connect_errno == 0)
    h->connect_errno = err;
  nbd_internal_close_fd (h);
}

/* The nonblocking connect has finished once the socket is writable;
 * SO_ERROR then says how it went.
 */
int
nbd_internal_state_CONNECTING (struct nbd_handle *h)
{
  struct pollfd pfd = { .fd = h->fd, .events = POLLOUT };
  int err = 0;
  socklen_t len = sizeof err;

  if (poll (&pfd, 1, 0) == 0)
    return 1;
  if (getsockopt (h->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1) {
    set_error (errno, "getsockopt");
    return -1;
  }
  if (err == 0) {
    nbd_internal_begin_handshake (h);
    return 0;
  }
  if (h->addresses) {
    debug (h, "connect: %s; trying the next address", strerror (err));
    address_failed (h, err);
    nbd_internal_set_state (h, STATE_CONNECT_NEXT_ADDRESS);
    return 0;
  }
  set_error (err, "connect");
  return -1;
}

/* No address of the host accepted the connection.  As in libnbd, the
 * handle is then as it was before connecting, and may try again: a
 * program can wait for its server to start with one handle.  The
 * error is the first address's, as libnbd reports it.
 */
static int
unreachable (struct nbd_handle *h)
{
  int err = h->connect_errno ? h->connect_errno : ECONNREFUSED;

  nbd_internal_close_socket (h);
  nbd_internal_set_state (h, STATE_START);
  set_error (err, "connect: no address of the server accepted the "
             "connection");
  return -1;
}

int
nbd_internal_state_CONNECT_NEXT_ADDRESS (struct nbd_handle *h)
{
  while (h->next_address) {
    struct addrinfo *ai = h->next_address;

    h->next_address = ai->ai_next;
    h->fd = socket (ai->ai_family,
                    ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    ai->ai_protocol);
    if (h->fd == -1) {
      address_failed (h, errno);
      continue;
    }
    if (connect (h->fd, ai->ai_addr, ai->ai_addrlen) == 0) {
      nbd_internal_begin_handshake (h);
      return 0;
    }
    if (errno == EINPROGRESS) {
      nbd_internal_set_state (h, STATE_CONNECTING);
      return 0;
    }
    address_failed (h, errno);
  }
  return unreachable (h);
}
