/* The state of a connected handle with nothing to send or read: it
 * decides what comes next.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>

#include "internal.h"

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
  if (h->disconnect_sent) {
    /* Every reply is in and the server answers a disconnect only by
     * closing: the connection is over.
     */
    h->transport->shutdown (h);
    nbd_internal_close_socket (h);
    h->state = STATE_CLOSED;
    return 0;
  }
  if (!h->idle_read)
    return 1;
  RECV_INTO (h, &c, 1);
  r = nbd_internal_recv (h);
  RECV_INTO (h, NULL, 0);
  if (r == 1)
    return 1;
  if (r == 0)
    set_error (EPROTO, "the server sent data that nobody asked for");
  return -1;
}
