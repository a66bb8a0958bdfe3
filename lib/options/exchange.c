/* Taking in option replies through the option's kind, and where
 * negotiation goes when the option ends.  What each kind's replies mean
 * is in its own file (see options.h); refusals are refusals.c's.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <assert.h>
#include <errno.h>

#include "internal.h"
#include "nbd-protocol.h"

/* Hand the caller's option its result and let go of its callbacks. */
void
nbd_internal_finish_option (struct nbd_handle *h, int error)
{
  if (!h->opt_in_flight)
    return;
  h->opt_in_flight = false;
  h->last_opt_error = error;
  h->last_opt_count = h->opt.count;
  if (h->opt.completion.callback)
    h->opt.completion.callback (h->opt.completion.user_data, &error);
  /* The data callbacks are let go before the completion, whose free is
   * the caller's last word from this option.
   */
  FREE_CALLBACK (h->opt.list);
  FREE_CALLBACK (h->opt.context);
  FREE_CALLBACK (h->opt.completion);
  string_list_clear (&h->opt.queries);
}

/* Where negotiation goes once the option on the wire is over: the state
 * to move to, or -1.
 */
int
nbd_internal_option_done (struct nbd_handle *h, int error)
{
  uint32_t wire = h->wire_option;

  if (!h->opt.from_caller &&
      (wire == NBD_OPT_STARTTLS || wire == NBD_OPT_EXTENDED_HEADERS ||
       wire == NBD_OPT_STRUCTURED_REPLY)) {
    return STATE_CHOOSE_OPTION;
  }
  if (wire == NBD_OPT_SET_META_CONTEXT &&
      (h->opt.option == NBD_OPT_GO || h->opt.option == NBD_OPT_INFO)) {
    /* The contexts were a prelude; a refusal only means there are none. */
    if (error)
      h->meta_valid = h->nr_meta_contexts == 0;
    return nbd_internal_start_option (h, h->opt.option);
  }
  if (wire == NBD_OPT_GO && error == 0) {
    nbd_internal_finish_option (h, 0);
    return STATE_READY;
  }
  if (!h->opt.from_caller) {
    /* Only GO is automatic beyond this point, and it failed. */
    return -1;
  }
  nbd_internal_finish_option (h, error);
  return STATE_NEGOTIATING;
}

/* The TLS handshake that followed NBD_OPT_STARTTLS is over. */
int
nbd_internal_starttls_done (struct nbd_handle *h)
{
  /* Whatever was negotiated in plain text does not carry over into
   * TLS: the server starts afresh, and so must the client.
   */
  h->reply_format = REPLY_SIMPLE;
  nbd_internal_forget_export (h);
  return nbd_internal_option_done (h, 0);
}

/* Whether the option on the wire can get this reply at all, judged
 * from its header before any payload is read.
 */
int
nbd_internal_check_option_reply (struct nbd_handle *h)
{
  const struct option_kind *kind = nbd_internal_option_kind (h->wire_option);

  assert (kind != NULL);
  if (h->reply_type == NBD_REP_ACK && h->reply_len != 0) {
    set_error (EPROTO, "the server's acknowledgement of %s carries %u "
               "bytes, but must be empty", kind->name, h->reply_len);
    return -1;
  }
  if (h->reply_type != NBD_REP_ACK && !NBD_REP_IS_ERR (h->reply_type) &&
      (kind->partial_reply == 0 || h->reply_type != kind->partial_reply)) {
    set_error (EPROTO, "unexpected reply %u of %u bytes to %s",
               h->reply_type, h->reply_len, kind->name);
    return -1;
  }
  return 0;
}

/* A reply that passed nbd_internal_check_option_reply and is not a
 * refusal.  Returns the state negotiation moves to, or -1.
 */
int
nbd_internal_handle_option_reply (struct nbd_handle *h)
{
  const struct option_kind *kind = nbd_internal_option_kind (h->wire_option);
  enum option_outcome outcome = OPTION_OVER;

  if (h->reply_type != NBD_REP_ACK)
    outcome = kind->take_partial (h);
  else if (kind->acknowledged)
    outcome = kind->acknowledged (h);
  switch (outcome) {
  case OPTION_FAILED:
    return -1;
  case OPTION_MORE:
    return STATE_RECV_OPTION_REPLY;
  case OPTION_TLS:
    return STATE_TLS_HANDSHAKE;
  case OPTION_OVER:
    break;
  }
  return nbd_internal_option_done (h, 0);
}
