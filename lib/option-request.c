/* Option requests: each option's name, and the bytes of its request,
 * header and payload, built and handed to the sending state.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nbd-protocol.h"

const char *
nbd_internal_option_name (uint32_t option)
{
  switch (option) {
  case NBD_OPT_EXPORT_NAME: return "NBD_OPT_EXPORT_NAME";
  case NBD_OPT_ABORT: return "NBD_OPT_ABORT";
  case NBD_OPT_LIST: return "NBD_OPT_LIST";
  case NBD_OPT_STARTTLS: return "NBD_OPT_STARTTLS";
  case NBD_OPT_INFO: return "NBD_OPT_INFO";
  case NBD_OPT_GO: return "NBD_OPT_GO";
  case NBD_OPT_STRUCTURED_REPLY: return "NBD_OPT_STRUCTURED_REPLY";
  case NBD_OPT_LIST_META_CONTEXT: return "NBD_OPT_LIST_META_CONTEXT";
  case NBD_OPT_SET_META_CONTEXT: return "NBD_OPT_SET_META_CONTEXT";
  case NBD_OPT_EXTENDED_HEADERS: return "NBD_OPT_EXTENDED_HEADERS";
  default: return "an unknown option";
  }
}

bool
nbd_internal_fixed_newstyle (struct nbd_handle *h)
{
  return h->agreed_flags & NBD_FLAG_FIXED_NEWSTYLE;
}

/* A request under construction: the header, then the payload. */
struct request_builder {
  char *buf;
  size_t len;
  size_t cap;
  bool failed;
};

static void
put (struct request_builder *b, const void *data, size_t len)
{
  if (b->failed)
    return;
  if (b->len + len > b->cap) {
    size_t cap = (b->len + len) * 2;
    char *buf = realloc (b->buf, cap);

    if (buf == NULL) {
      b->failed = true;
      return;
    }
    b->buf = buf;
    b->cap = cap;
  }
  memcpy (b->buf + b->len, data, len);
  b->len += len;
}

static void
put_u16 (struct request_builder *b, uint16_t v)
{
  v = htobe16 (v);
  put (b, &v, sizeof v);
}

static void
put_u32 (struct request_builder *b, uint32_t v)
{
  v = htobe32 (v);
  put (b, &v, sizeof v);
}

static void
put_string (struct request_builder *b, const char *s)
{
  put_u32 (b, strlen (s));
  put (b, s, strlen (s));
}

/* The meta context queries an option sends: the caller's own list, or
 * the handle's list of wanted contexts.
 */
static struct string_list *
queries (struct nbd_handle *h)
{
  if (h->opt.from_caller && h->opt.explicit_queries)
    return &h->opt.queries;
  return &h->meta_contexts_wanted;
}

static void
put_payload (struct nbd_handle *h, struct request_builder *b,
             uint32_t option)
{
  struct string_list *q;
  uint16_t infos[3];
  size_t i, n = 0;

  switch (option) {
  case NBD_OPT_GO:
  case NBD_OPT_INFO:
    if (h->request_block_size)
      infos[n++] = NBD_INFO_BLOCK_SIZE;
    if (h->full_info) {
      infos[n++] = NBD_INFO_NAME;
      infos[n++] = NBD_INFO_DESCRIPTION;
    }
    put_string (b, h->export_name);
    put_u16 (b, n);
    for (i = 0; i < n; i++)
      put_u16 (b, infos[i]);
    break;
  case NBD_OPT_SET_META_CONTEXT:
  case NBD_OPT_LIST_META_CONTEXT:
    q = queries (h);
    put_string (b, h->export_name);
    put_u32 (b, q->len);
    for (i = 0; i < q->len; i++)
      put_string (b, q->items[i]);
    break;
  case NBD_OPT_EXPORT_NAME:
    /* The oldest way in: the bare name, answered by the export's
     * details or by the server hanging up.
     */
    put (b, h->export_name, strlen (h->export_name));
    break;
  default:
    break;
  }
}

/* Build the request for option, ready to send: returns
 * STATE_SEND_OPTION, where sending it goes on, or -1.
 */
int
nbd_internal_start_option (struct nbd_handle *h, uint32_t option)
{
  struct request_builder b = { .buf = NULL };
  uint64_t magic = htobe64 (NBD_NEW_VERSION);
  uint32_t length;

  put (&b, &magic, sizeof magic);
  put_u32 (&b, option);
  put_u32 (&b, 0);
  put_payload (h, &b, option);
  if (b.failed) {
    set_error (ENOMEM, "cannot build the %s request",
               nbd_internal_option_name (option));
    free (b.buf);
    return -1;
  }
  length = htobe32 (b.len - 16);
  memcpy (b.buf + 12, &length, sizeof length);
  if (option == NBD_OPT_SET_META_CONTEXT) {
    nbd_internal_free_meta_contexts (h);
  }
  if (option == NBD_OPT_GO || option == NBD_OPT_INFO ||
      option == NBD_OPT_EXPORT_NAME)
    nbd_internal_reset_export (h);
  debug (h, "sending %s", nbd_internal_option_name (option));
  free (h->request);
  h->request = b.buf;
  h->request_size = b.len;
  h->wire_option = option;
  SEND_FROM (h, b.buf, b.len);
  return STATE_SEND_OPTION;
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
