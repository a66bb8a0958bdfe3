/* A server's refusal of an option: the errno and the words it stands
 * for, and what becomes of the negotiation after it.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"
#include "nbd-protocol.h"

static int
refusal_errno (uint32_t reply)
{
  switch (reply) {
  case NBD_REP_ERR_UNSUP: return ENOTSUP;
  case NBD_REP_ERR_POLICY: return EPERM;
  case NBD_REP_ERR_INVALID: return EINVAL;
  case NBD_REP_ERR_PLATFORM: return EOPNOTSUPP;
  case NBD_REP_ERR_TLS_REQD: return EPERM;
  case NBD_REP_ERR_UNKNOWN: return ENOENT;
  case NBD_REP_ERR_SHUTDOWN: return ESHUTDOWN;
  case NBD_REP_ERR_BLOCK_SIZE_REQD: return EINVAL;
  case NBD_REP_ERR_TOO_BIG: return ERANGE;
  case NBD_REP_ERR_EXT_HEADER_REQD: return EPROTO;
  default: return EPROTO;
  }
}

static const char *
refusal_meaning (uint32_t reply)
{
  switch (reply) {
  case NBD_REP_ERR_UNSUP: return "the server does not know this option";
  case NBD_REP_ERR_POLICY: return "the server's policy forbids it";
  case NBD_REP_ERR_INVALID: return "the server found the request invalid";
  case NBD_REP_ERR_PLATFORM: return "the server's platform cannot do it";
  case NBD_REP_ERR_TLS_REQD: return "the server requires TLS first";
  case NBD_REP_ERR_UNKNOWN: return "the server has no such export";
  case NBD_REP_ERR_SHUTDOWN: return "the server is shutting down";
  case NBD_REP_ERR_BLOCK_SIZE_REQD:
    return "the server needs the client to honour block sizes";
  case NBD_REP_ERR_TOO_BIG: return "the request is too big for the server";
  case NBD_REP_ERR_EXT_HEADER_REQD:
    return "the server requires extended headers";
  default: return "the server refused the option";
  }
}

/* The server refused the option on the wire: say why, then go on as the
 * option's kind requires.
 */
int
nbd_internal_option_refused (struct nbd_handle *h)
{
  int err = refusal_errno (h->reply_type);

  /* Listing exports or contexts either works or is not supported: the
   * reason is in the message.
   */
  if (h->wire_option == NBD_OPT_LIST ||
      h->wire_option == NBD_OPT_LIST_META_CONTEXT ||
      h->wire_option == NBD_OPT_SET_META_CONTEXT)
    err = ENOTSUP;

  if (h->wire_option == NBD_OPT_GO && h->reply_type == NBD_REP_ERR_UNSUP) {
    debug (h, "the server has no NBD_OPT_GO; falling back to "
           "NBD_OPT_EXPORT_NAME");
    return nbd_internal_start_option (h, NBD_OPT_EXPORT_NAME);
  }
  /* After a refused GO or INFO nothing is known of the export, not
   * even what the server said of it before refusing.
   */
  if (h->wire_option == NBD_OPT_GO || h->wire_option == NBD_OPT_INFO)
    nbd_internal_forget_export (h);
  free (h->last_opt_message);
  if (asprintf (&h->last_opt_message, "%s: %s%s%s",
                nbd_internal_option_name (h->wire_option),
                refusal_meaning (h->reply_type),
                h->reply_len ? ": " : "",
                h->reply_len ? h->payload : "") == -1)
    h->last_opt_message = NULL;
  debug (h, "%s", h->last_opt_message ? h->last_opt_message : "refused");
  /* A refusal ends the connection only when nobody can try again: the
   * automatic NBD_OPT_GO outside option mode, or TLS that was required.
   */
  if (!h->opt.from_caller && h->wire_option == NBD_OPT_STARTTLS &&
      h->tls == LIBNBD_TLS_REQUIRE) {
    set_error (ENOTSUP, "TLS is required but the server refused it: %s",
               h->last_opt_message ? h->last_opt_message :
               refusal_meaning (h->reply_type));
    return -1;
  }
  if (!h->opt.from_caller && h->wire_option == NBD_OPT_GO)
    set_error (err, "%s", h->last_opt_message ? h->last_opt_message :
               refusal_meaning (h->reply_type));
  return nbd_internal_option_done (h, err);
}
