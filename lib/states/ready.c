/* The state of a connected handle with nothing to send or read: it
 * decides what comes next.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include "internal.h"
#include "states/set-state.h"

/* Send what is queued, else wait for what is owed, else watch the
 * socket: with nothing in flight the server has nothing to say, so
 * anything arriving is the connection closing, or a reply to a cookie
 * not in flight, which is read as any reply is, to be dropped if it
 * can be.  Only a run for a readable socket reads here (states/run.c).
 */
int
nbd_internal_state_READY (struct nbd_handle *h)
{
  int r;

  if (nbd_internal_requests_to_send (h)) {
    nbd_internal_set_state (h, STATE_SEND_REQUEST);
    return 0;
  }
  if (h->cmds_in_flight.first) {
    nbd_internal_begin_reply (h);
    return 0;
  }
  /* After a disconnect, every reply is in and the server answers only
   * by closing: wait for that (run.c then closes our side) rather than
   * close first, so that another thread polling the socket sees the
   * end instead of a descriptor closed under it.
   */
  if (h->event != EVENT_READABLE && !h->disconnect_sent)
    return 1;
  RECV_INTO (h, h->reply.bytes, 1);
  r = nbd_internal_recv (h);
  if (r != 0) {
    RECV_INTO (h, NULL, 0);
    return r;
  }
  RECV_INTO (h, h->reply.bytes + 1, sizeof h->reply.simple - 1);
  nbd_internal_set_state (h, STATE_RECV_REPLY);
  return 0;
}
