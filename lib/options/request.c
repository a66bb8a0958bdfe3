/* Option requests: the header every option shares, the payload its
 * kind adds, handed to the sending state.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <assert.h>
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

bool
nbd_internal_fixed_newstyle (struct nbd_handle *h)
{
  return h->agreed_flags & NBD_FLAG_FIXED_NEWSTYLE;
}

/* The client's handshake flags: the ones both sides agreed to that
 * the client has to name.  Once built into a request they are no
 * longer due.
 */
static void
put_client_flags (struct nbd_handle *h, struct request_builder *b)
{
  nbd_internal_put_u32 (b, h->agreed_flags & (NBD_FLAG_C_FIXED_NEWSTYLE |
                                              NBD_FLAG_C_NO_ZEROES));
  h->cflags_unsent = false;
}

/* Hand a built request to the sending state, which moves to next_state
 * once it is out.
 */
static int
start_sending (struct nbd_handle *h, struct request_builder *b,
               int next_state)
{
  free (h->request);
  h->request = b->buf;
  h->request_size = b->len;
  SEND_FROM (h, b->buf, b->len);
  return next_state;
}

/* The client's flags on their own, when no option follows them at
 * once: returns STATE_SEND_CFLAGS, or -1.
 */
int
nbd_internal_start_client_flags (struct nbd_handle *h)
{
  struct request_builder b = { .buf = NULL };

  put_client_flags (h, &b);
  if (b.failed) {
    set_error (ENOMEM, "cannot build the client's flags");
    free (b.buf);
    return -1;
  }
  return start_sending (h, &b, STATE_SEND_CFLAGS);
}

/* Build the request for option, after the client's flags if they are
 * still due, ready to send: returns STATE_SEND_OPTION, where sending
 * it goes on, or -1.
 */
int
nbd_internal_start_option (struct nbd_handle *h, uint32_t option)
{
  const struct option_kind *kind = nbd_internal_option_kind (option);
  struct request_builder b = { .buf = NULL };
  uint64_t magic = htobe64 (NBD_NEW_VERSION);
  size_t header;
  uint32_t length;

  assert (kind != NULL);
  if (h->cflags_unsent)
    put_client_flags (h, &b);
  header = b.len;
  nbd_internal_put (&b, &magic, sizeof magic);
  nbd_internal_put_u32 (&b, option);
  nbd_internal_put_u32 (&b, 0);
  if (kind->payload)
    kind->payload (h, &b);
  if (b.failed) {
    set_error (ENOMEM, "cannot build the %s request", kind->name);
    free (b.buf);
    return -1;
  }
  length = htobe32 (b.len - header - 16);
  memcpy (b.buf + header + 12, &length, sizeof length);
  if (kind->forget)
    kind->forget (h);
  debug (h, "sending %s", kind->name);
  h->wire_option = option;
  return start_sending (h, &b, STATE_SEND_OPTION);
}

/* The meta context request that goes before GO and INFO, when wanted. */
static bool
want_meta_context_first (struct nbd_handle *h)
{
  return h->request_meta_context && h->meta_contexts_wanted.len > 0 &&
    reply_format_at_least (h, REPLY_STRUCTURED);
}

/* The first request of h->opt.option, GO or INFO. */
int
nbd_internal_start_go_or_info (struct nbd_handle *h)
{
  if (want_meta_context_first (h))
    return nbd_internal_start_option (h, NBD_OPT_SET_META_CONTEXT);
  return nbd_internal_start_option (h, h->opt.option);
}
