/* States of option negotiation: choosing what to ask next when the
 * library negotiates by itself, sending one option (the first one
 * after the client's flags), and reading its replies until the final
 * one.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "states/set-state.h"
#include "nbd-protocol.h"

/* The longest reply any option has a use for: an export's name and
 * description in the export list.  Longer replies are dropped unread,
 * as libnbd drops them.
 */
#define MAX_REPLY_PAYLOAD (4 + 2 * NBD_MAX_STRING)

static void
expect_option_reply (struct nbd_handle *h)
{
  RECV_INTO (h, h->scratch.option_reply, sizeof h->scratch.option_reply);
  nbd_internal_set_state (h, STATE_RECV_OPTION_REPLY);
}

/* Move to next, the state an option step (options/request.c,
 * exchange.c, refusals.c) says negotiation goes to, or fail if the
 * step did.
 */
int
nbd_internal_option_next (struct nbd_handle *h, int next)
{
  if (next == -1)
    return -1;
  if (next == STATE_RECV_OPTION_REPLY)
    expect_option_reply (h);
  else
    nbd_internal_set_state (h, next);
  return 0;
}

static int
send_option (struct nbd_handle *h, uint32_t option)
{
  return nbd_internal_option_next (h, nbd_internal_start_option (h, option));
}

/* Option mode hands negotiation to the caller, once the client's
 * flags are out: a caller may take a while to ask for an option.
 */
static int
enter_negotiating (struct nbd_handle *h)
{
  if (h->cflags_unsent)
    return nbd_internal_option_next (h,
                                     nbd_internal_start_client_flags (h));
  nbd_internal_set_state (h, STATE_NEGOTIATING);
  return 0;
}

int
nbd_internal_state_CHOOSE_OPTION (struct nbd_handle *h)
{
  if (!nbd_internal_fixed_newstyle (h) && h->tls == LIBNBD_TLS_REQUIRE) {
    set_error (ENOTSUP, "TLS is required but the server does not speak "
               "fixed newstyle, so it cannot be asked for it");
    return -1;
  }
  if (!nbd_internal_fixed_newstyle (h)) {
    /* Without fixed newstyle, any option but EXPORT_NAME may make the
     * server hang up: nothing is negotiated on the library's own.
     */
    if (h->opt_mode)
      return enter_negotiating (h);
    return send_option (h, NBD_OPT_EXPORT_NAME);
  }
  if (h->tls != LIBNBD_TLS_DISABLE && !h->auto_tried_tls) {
    h->auto_tried_tls = true;
    return send_option (h, NBD_OPT_STARTTLS);
  }
  /* Not asking for structured replies means not asking for what
   * implies them either, as libnbd's knobs are documented.
   */
  if (h->request_extended_headers && h->request_structured_replies &&
      !h->auto_tried_extended) {
    h->auto_tried_extended = true;
    return send_option (h, NBD_OPT_EXTENDED_HEADERS);
  }
  if (h->request_structured_replies &&
      !reply_format_at_least (h, REPLY_STRUCTURED) &&
      !h->auto_tried_structured) {
    h->auto_tried_structured = true;
    return send_option (h, NBD_OPT_STRUCTURED_REPLY);
  }
  if (h->opt_mode)
    return enter_negotiating (h);
  h->opt.option = NBD_OPT_GO;
  return nbd_internal_option_next (h, nbd_internal_start_go_or_info (h));
}

int
nbd_internal_state_SEND_CFLAGS (struct nbd_handle *h)
{
  int r = nbd_internal_send (h);

  if (r != 0)
    return r;
  nbd_internal_free_request (h);
  nbd_internal_set_state (h, STATE_CHOOSE_OPTION);
  return 0;
}

int
nbd_internal_state_SEND_OPTION (struct nbd_handle *h)
{
  int r = nbd_internal_send (h);

  if (r != 0)
    return r;
  h->chunks_sent++;
  /* The server spoke last to end the option before, so it has nothing
   * more to say until it reads this one: a recv now would find the
   * socket empty, a system call in each of the handshake's round trips.
   */
  h->recv_drained = true;
  nbd_internal_free_request (h);
  if (h->wire_option == NBD_OPT_ABORT) {
    /* The server need not answer: the connection is over. */
    nbd_internal_finish_option (h, 0);
    nbd_internal_close_socket (h);
    nbd_internal_set_state (h, STATE_CLOSED);
    return 0;
  }
  if (h->wire_option == NBD_OPT_EXPORT_NAME) {
    size_t len = sizeof h->scratch.export_name;

    if (h->agreed_flags & NBD_FLAG_NO_ZEROES)
      len -= sizeof h->scratch.export_name.zeroes;
    RECV_INTO (h, &h->scratch.export_name, len);
    nbd_internal_set_state (h, STATE_RECV_EXPORT_NAME_REPLY);
    return 0;
  }
  expect_option_reply (h);
  return 0;
}

static int
skip_option_reply (struct nbd_handle *h)
{
  debug (h, "skipping an option reply of %u bytes, more than any option "
         "needs", h->reply_len);
  h->discard_left = h->reply_len;
  RECV_INTO (h, NULL, 0);
  nbd_internal_set_state (h, STATE_RECV_OPTION_SKIP);
  return 0;
}

int
nbd_internal_state_RECV_OPTION_REPLY (struct nbd_handle *h)
{
  struct nbd_option_reply reply;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  h->chunks_received++;
  memcpy (&reply, h->scratch.option_reply, sizeof reply);
  h->reply_type = be32toh (reply.reply);
  h->reply_len = be32toh (reply.length);
  if (be64toh (reply.magic) != NBD_REP_MAGIC) {
    set_error (EPROTO, "the option reply has the wrong magic");
    return -1;
  }
  if (be32toh (reply.option) != h->wire_option) {
    set_error (EPROTO, "the server replied to option %u, not to the %u "
               "that was sent", be32toh (reply.option), h->wire_option);
    return -1;
  }
  if (nbd_internal_check_option_reply (h) == -1)
    return -1;
  if (h->reply_len > MAX_REPLY_PAYLOAD)
    return skip_option_reply (h);
  if (nbd_internal_payload_room (h, h->reply_len) == -1)
    return -1;
  RECV_INTO (h, h->payload, h->reply_len);
  nbd_internal_set_state (h, STATE_RECV_OPTION_PAYLOAD);
  return 0;
}

int
nbd_internal_state_RECV_OPTION_PAYLOAD (struct nbd_handle *h)
{
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  if (NBD_REP_IS_ERR (h->reply_type))
    return nbd_internal_option_next (h, nbd_internal_option_refused (h));
  return nbd_internal_option_next (h, nbd_internal_handle_option_reply (h));
}

/* A dropped refusal still ends the option, without its message; any
 * other reply long enough to be dropped is never the last.
 */
int
nbd_internal_state_RECV_OPTION_SKIP (struct nbd_handle *h)
{
  int r = nbd_internal_discard (h);

  if (r != 0)
    return r;
  h->reply_len = 0;
  if (NBD_REP_IS_ERR (h->reply_type))
    return nbd_internal_option_next (h, nbd_internal_option_refused (h));
  expect_option_reply (h);
  return 0;
}

int
nbd_internal_state_RECV_EXPORT_NAME_REPLY (struct nbd_handle *h)
{
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  h->chunks_received++;
  if (nbd_internal_set_export (h, be64toh (h->scratch.export_name.size),
                               be16toh (h->scratch.export_name.flags)) == -1)
    return -1;
  nbd_internal_finish_option (h, 0);
  nbd_internal_set_state (h, STATE_READY);
  return 0;
}
