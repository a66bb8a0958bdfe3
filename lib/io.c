/* Moving bytes between the socket and the handle's transfer buffers.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

int
nbd_internal_recv (struct nbd_handle *h)
{
  while (h->rlen > 0) {
    ssize_t r = recv (h->fd, h->rbuf, h->rlen, 0);

    if (r == -1) {
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        return 1;
      if (errno == EINTR)
        continue;
      set_error (errno, "recv");
      return -1;
    }
    if (r == 0) {
      set_error (ECONNRESET, "the server closed the connection "
                 "unexpectedly");
      return -1;
    }
    h->bytes_received += r;
    h->rbuf += r;
    h->rlen -= r;
  }
  return 0;
}

int
nbd_internal_send (struct nbd_handle *h)
{
  while (h->wlen > 0) {
    ssize_t r = send (h->fd, h->wbuf, h->wlen, MSG_NOSIGNAL);

    if (r == -1) {
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        return 1;
      if (errno == EINTR)
        continue;
      set_error (errno, "send");
      return -1;
    }
    h->bytes_sent += r;
    h->wbuf += r;
    h->wlen -= r;
  }
  return 0;
}
