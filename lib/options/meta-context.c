/* NBD_OPT_SET_META_CONTEXT and NBD_OPT_LIST_META_CONTEXT: the export
 * and the queries go out, one reply per context comes back; setting
 * them makes them the ones block status reports on.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <string.h>

#include "internal.h"

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
payload (struct nbd_handle *h, struct request_builder *b)
{
  struct string_list *q = queries (h);
  size_t i;

  nbd_internal_put_string (b, h->export_name);
  nbd_internal_put_u32 (b, q->len);
  for (i = 0; i < q->len; i++)
    nbd_internal_put_string (b, q->items[i]);
}

static enum option_outcome
take_context (struct nbd_handle *h)
{
  uint32_t id;
  const char *name = h->payload + 4;

  if (h->reply_len < 4 || strlen (name) != h->reply_len - 4) {
    set_error (EPROTO, "the server's meta context reply is malformed");
    return OPTION_FAILED;
  }
  if (h->reply_len - 4 > NBD_MAX_STRING) {
    set_error (EPROTO, "the server's meta context name is longer than %d "
               "bytes", NBD_MAX_STRING);
    return OPTION_FAILED;
  }
  memcpy (&id, h->payload, 4);
  id = be32toh (id);
  if (h->wire_option == NBD_OPT_SET_META_CONTEXT &&
      nbd_internal_add_meta_context (h, id, name) == -1)
    return OPTION_FAILED;
  if (h->opt.from_caller && h->opt.option == h->wire_option &&
      h->opt.context.callback)
    h->opt.context.callback (h->opt.context.user_data, name);
  h->opt.count++;
  return OPTION_MORE;
}

/* Setting contexts replaces those set before, even if it fails. */
static void
forget_contexts (struct nbd_handle *h)
{
  nbd_internal_free_meta_contexts (h);
}

static enum option_outcome
contexts_set (struct nbd_handle *h)
{
  h->meta_valid = true;
  return OPTION_OVER;
}

const struct option_kind nbd_internal_option_set_meta_context = {
  .option = NBD_OPT_SET_META_CONTEXT,
  .name = "NBD_OPT_SET_META_CONTEXT",
  .payload = payload,
  .forget = forget_contexts,
  .partial_reply = NBD_REP_META_CONTEXT,
  .take_partial = take_context,
  .acknowledged = contexts_set,
};

const struct option_kind nbd_internal_option_list_meta_context = {
  .option = NBD_OPT_LIST_META_CONTEXT,
  .name = "NBD_OPT_LIST_META_CONTEXT",
  .payload = payload,
  .partial_reply = NBD_REP_META_CONTEXT,
  .take_partial = take_context,
};
