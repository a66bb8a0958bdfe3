/* States of a connected handle: waiting for commands, and the request
 * that ends the connection.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>

#include "internal.h"
#include "nbd-protocol.h"

/* Send what is queued, else read what is owed, else watch the socket:
 * with nothing in flight the server has nothing to say, so anything
 * arriving is a broken server or the connection closing.
 */
int
nbd_internal_state_READY (struct nbd_handle *h)
{
  char c;
  int r;

  if (h->sending || h->cmds_to_issue) {
    h->state = STATE_SEND_REQUEST;
    return 0;
  }
  if (h->cmds_in_flight) {
    nbd_internal_begin_reply (h);
    return 0;
  }
  RECV_INTO (h, &c, 1);
  r = nbd_internal_recv (h);
  RECV_INTO (h, NULL, 0);
  if (r == 1)
    return 1;
  if (r == 0)
    set_error (EPROTO, "the server sent data that nobody asked for");
  return -1;
}

int
nbd_internal_state_SEND_DISCONNECT (struct nbd_handle *h)
{
  int r = nbd_internal_send (h);

  if (r != 0)
    return r;
  h->chunks_sent++;
  /* The server answers a disconnect by closing: nothing more to read. */
  shutdown (h->fd, SHUT_WR);
  nbd_internal_close_socket (h);
  h->state = STATE_CLOSED;
  return 0;
}

/* Queue NBD_CMD_DISC and send it. */
int
nbd_internal_start_disconnect (struct nbd_handle *h)
{
  if (h->extended_headers) {
    struct nbd_request_ext *req = &h->scratch.request_ext;

    *req = (struct nbd_request_ext) {
      .magic = htobe32 (NBD_EXTENDED_REQUEST_MAGIC),
      .type = htobe16 (NBD_CMD_DISC),
    };
    SEND_FROM (h, req, sizeof *req);
  }
  else {
    struct nbd_request *req = &h->scratch.request;

    *req = (struct nbd_request) {
      .magic = htobe32 (NBD_REQUEST_MAGIC),
      .type = htobe16 (NBD_CMD_DISC),
    };
    SEND_FROM (h, req, sizeof *req);
  }
  h->state = STATE_SEND_DISCONNECT;
  return nbd_internal_run (h);
}
