/* Closing the connection's socket, and letting go of all that only
 * an open connection needs: the TLS session, the addresses still to
 * try, and the buffers of what goes in and out.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

/* The socket alone: a connect tries the next address with a socket of
 * its own.
 */
void
nbd_internal_close_fd (struct nbd_handle *h)
{
  if (h->fd >= 0) {
    close (h->fd);
    h->fd = -1;
  }
}

/* The option request, or the client's flags, once sent. */
void
nbd_internal_free_request (struct nbd_handle *h)
{
  free (h->request);
  h->request = NULL;
  h->request_size = 0;
}

void
nbd_internal_close_socket (struct nbd_handle *h)
{
  nbd_internal_free_tls (h);
  h->transport = &nbd_internal_plain_transport;
  nbd_internal_close_fd (h);
  freeaddrinfo (h->addresses);
  h->addresses = h->next_address = NULL;
  nbd_internal_free_request (h);
  free (h->inbuf);
  h->inbuf = NULL;
  free (h->sendbuf);
  h->sendbuf = NULL;
  h->in_start = h->in_end = 0;
  h->recv_drained = false;
  free (h->payload);
  h->payload = NULL;
  h->payload_room = 0;
}
