/* Option requests and what their replies mean: building the request
 * for each option, taking in each kind of reply, and ending the option
 * with success or the server's refusal.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nbd-protocol.h"

static const char *
option_name (uint32_t option)
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

/* Build the request for option and move to sending it. */
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
    set_error (ENOMEM, "cannot build the %s request", option_name (option));
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
  debug (h, "sending %s", option_name (option));
  free (h->request);
  h->request = b.buf;
  h->request_size = b.len;
  h->wire_option = option;
  SEND_FROM (h, b.buf, b.len);
  h->state = STATE_SEND_OPTION;
  return 0;
}

/* Flags that promise what cannot be used are dropped, as libnbd drops
 * them.
 */
static uint16_t
usable_flags (struct nbd_handle *h, uint16_t flags)
{
  if ((flags & NBD_FLAG_SEND_DF) && !reply_format_at_least (h, REPLY_STRUCTURED)) {
    debug (h, "ignoring the server's DF flag: structured replies were "
           "not negotiated");
    flags &= ~NBD_FLAG_SEND_DF;
  }
  if ((flags & NBD_FLAG_SEND_FAST_ZERO) &&
      !(flags & NBD_FLAG_SEND_WRITE_ZEROES)) {
    debug (h, "ignoring the server's fast zero flag: it cannot write "
           "zeroes");
    flags &= ~NBD_FLAG_SEND_FAST_ZERO;
  }
  if ((flags & NBD_FLAG_BLOCK_STATUS_PAYLOAD) &&
      !reply_format_at_least (h, REPLY_EXTENDED)) {
    debug (h, "ignoring the server's block status payload flag: extended "
           "headers were not negotiated");
    flags &= ~NBD_FLAG_BLOCK_STATUS_PAYLOAD;
  }
  return flags;
}

int
nbd_internal_set_export (struct nbd_handle *h, uint64_t size, uint16_t flags)
{
  if (flags == 0) {
    set_error (EPROTO, "the server sent no export flags, not even "
               "NBD_FLAG_HAS_FLAGS");
    return -1;
  }
  flags = usable_flags (h, flags);
  h->exportsize = size;
  h->eflags = flags;
  h->have_export = true;
  /* Contexts that could not be asked for are known all the same: the
   * export has none of them.
   */
  if (h->request_meta_context &&
      (!reply_format_at_least (h, REPLY_STRUCTURED) ||
       h->meta_contexts_wanted.len == 0))
    h->meta_valid = true;
  debug (h, "export size %" PRIu64 ", flags 0x%x", size, flags);
  return 0;
}

void
nbd_internal_reset_export (struct nbd_handle *h)
{
  h->have_export = false;
  h->exportsize = 0;
  h->eflags = 0;
  h->block_minimum = h->block_preferred = h->block_maximum = 0;
  free (h->canonical_name);
  h->canonical_name = NULL;
  free (h->description);
  h->description = NULL;
}

/* Forget everything the server said of the export, the contexts it
 * agreed to included.
 */
void
nbd_internal_forget_export (struct nbd_handle *h)
{
  nbd_internal_reset_export (h);
  nbd_internal_free_meta_contexts (h);
}

/* Forget the negotiated contexts: they are no longer known. */
void
nbd_internal_free_meta_contexts (struct nbd_handle *h)
{
  size_t i;

  h->meta_valid = false;
  for (i = 0; i < h->nr_meta_contexts; i++)
    free (h->meta_contexts[i].name);
  free (h->meta_contexts);
  h->meta_contexts = NULL;
  h->nr_meta_contexts = 0;
}

/* The negotiated context with this id, or NULL. */
const struct meta_context *
nbd_internal_meta_context_by_id (struct nbd_handle *h, uint32_t id)
{
  size_t i;

  for (i = 0; i < h->nr_meta_contexts; i++)
    if (h->meta_contexts[i].id == id)
      return &h->meta_contexts[i];
  return NULL;
}

/* The negotiated context with this name, or NULL. */
const struct meta_context *
nbd_internal_meta_context_by_name (struct nbd_handle *h, const char *name)
{
  size_t i;

  for (i = 0; i < h->nr_meta_contexts; i++)
    if (strcmp (h->meta_contexts[i].name, name) == 0)
      return &h->meta_contexts[i];
  return NULL;
}

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

/* Where negotiation goes once the option on the wire is over. */
static int
option_done (struct nbd_handle *h, int error)
{
  uint32_t wire = h->wire_option;

  if (!h->opt.from_caller &&
      (wire == NBD_OPT_STARTTLS || wire == NBD_OPT_EXTENDED_HEADERS ||
       wire == NBD_OPT_STRUCTURED_REPLY)) {
    h->state = STATE_CHOOSE_OPTION;
    return 0;
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
    h->state = STATE_READY;
    return 0;
  }
  if (!h->opt.from_caller) {
    /* Only GO is automatic beyond this point, and it failed. */
    return -1;
  }
  nbd_internal_finish_option (h, error);
  h->state = STATE_NEGOTIATING;
  return 0;
}

static int
reply_server (struct nbd_handle *h)
{
  uint32_t len;

  if (h->reply_len < 4)
    goto bad;
  memcpy (&len, h->payload, 4);
  len = be32toh (len);
  if (len > h->reply_len - 4)
    goto bad;
  if (len > NBD_MAX_STRING || h->reply_len - 4 - len > NBD_MAX_STRING) {
    set_error (EPROTO, "the server's export list has a name or a "
               "description longer than %d bytes", NBD_MAX_STRING);
    return -1;
  }
  if (h->opt.list.callback) {
    char *name = strndup (h->payload + 4, len);

    if (name == NULL) {
      set_error (errno, "strndup");
      return -1;
    }
    h->opt.list.callback (h->opt.list.user_data, name,
                          h->payload + 4 + len);
    free (name);
  }
  h->opt.count++;
  return 1;
 bad:
  set_error (EPROTO, "the server's export list entry is malformed");
  return -1;
}

/* A context the server agreed to.  Its id must say which context a
 * block status chunk is about, so two contexts cannot share one.
 */
static int
add_meta_context (struct nbd_handle *h, uint32_t id, const char *name)
{
  const struct meta_context *same_id =
    nbd_internal_meta_context_by_id (h, id);
  struct meta_context *list;

  if (same_id) {
    set_error (EPROTO, "the server gave meta context id %" PRIu32
               " to both %s and %s", id, same_id->name, name);
    return -1;
  }
  list = realloc (h->meta_contexts, (h->nr_meta_contexts + 1) * sizeof *list);
  if (list == NULL) {
    set_error (errno, "realloc");
    return -1;
  }
  h->meta_contexts = list;
  list[h->nr_meta_contexts].id = id;
  list[h->nr_meta_contexts].name = strdup (name);
  if (list[h->nr_meta_contexts].name == NULL) {
    set_error (errno, "strdup");
    return -1;
  }
  h->nr_meta_contexts++;
  debug (h, "the server agreed to meta context %s, id %" PRIu32, name, id);
  return 0;
}

static int
reply_meta_context (struct nbd_handle *h)
{
  uint32_t id;
  const char *name = h->payload + 4;

  if (h->reply_len < 4 || strlen (name) != h->reply_len - 4) {
    set_error (EPROTO, "the server's meta context reply is malformed");
    return -1;
  }
  if (h->reply_len - 4 > NBD_MAX_STRING) {
    set_error (EPROTO, "the server's meta context name is longer than %d "
               "bytes", NBD_MAX_STRING);
    return -1;
  }
  memcpy (&id, h->payload, 4);
  id = be32toh (id);
  if (h->wire_option == NBD_OPT_SET_META_CONTEXT &&
      add_meta_context (h, id, name) == -1)
    return -1;
  if (h->opt.from_caller && h->opt.option == h->wire_option &&
      h->opt.context.callback)
    h->opt.context.callback (h->opt.context.user_data, name);
  h->opt.count++;
  return 1;
}

/* The export's name or description, which the server may send
 * unasked.
 */
static int
info_string (char **dst, const char *what, const char *p, uint32_t len)
{
  char *s;

  if (len > NBD_MAX_STRING) {
    set_error (EPROTO, "the server's %s is longer than %d bytes", what,
               NBD_MAX_STRING);
    return -1;
  }
  s = strndup (p, len);
  if (s == NULL) {
    set_error (errno, "strndup");
    return -1;
  }
  free (*dst);
  *dst = s;
  return 1;
}

static int
info_export (struct nbd_handle *h, const char *p)
{
  uint64_t size;
  uint16_t flags;

  memcpy (&size, p, 8);
  memcpy (&flags, p + 8, 2);
  if (nbd_internal_set_export (h, be64toh (size), be16toh (flags)) == -1)
    return -1;
  return 1;
}

static bool
power_of_2 (uint32_t v)
{
  return v != 0 && (v & (v - 1)) == 0;
}

/* Block sizes that contradict each other or the protocol tell the
 * client nothing it can rely on: all three are ignored, as libnbd
 * ignores them.
 */
static int
info_block_size (struct nbd_handle *h, const char *p)
{
  uint32_t sizes[3], min, pref, max;

  memcpy (sizes, p, 12);
  min = be32toh (sizes[0]);
  pref = be32toh (sizes[1]);
  max = be32toh (sizes[2]);
  if (!power_of_2 (min) || min > 64 * 1024 || !power_of_2 (pref) ||
      pref < min || max < pref) {
    debug (h, "ignoring the server's block sizes (minimum %" PRIu32
           ", preferred %" PRIu32 ", maximum %" PRIu32 "), which break "
           "the protocol's rules", min, pref, max);
    return 1;
  }
  h->block_minimum = min;
  h->block_preferred = pref;
  h->block_maximum = max;
  return 1;
}

static int
reply_info (struct nbd_handle *h)
{
  const char *p;
  uint32_t len;
  uint16_t type;

  if (h->reply_len < 2) {
    set_error (EPROTO, "the server's information reply is too short to "
               "say what it describes");
    return -1;
  }
  p = h->payload + 2;
  len = h->reply_len - 2;
  memcpy (&type, h->payload, 2);
  type = be16toh (type);
  switch (type) {
  case NBD_INFO_EXPORT:
    if (len == 10)
      return info_export (h, p);
    break;
  case NBD_INFO_NAME:
    return info_string (&h->canonical_name, "export name", p, len);
  case NBD_INFO_DESCRIPTION:
    return info_string (&h->description, "export description", p, len);
  case NBD_INFO_BLOCK_SIZE:
    if (len == 12)
      return info_block_size (h, p);
    break;
  default:
    debug (h, "ignoring information item %u", type);
    return 1;
  }
  set_error (EPROTO, "the server's information item %u is malformed",
             type);
  return -1;
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
  return option_done (h, 0);
}

/* A server that agreed to a format keeps what it agreed before: a
 * structured reply option after extended headers changes nothing.
 */
static void
agree_reply_format (struct nbd_handle *h, enum reply_format format)
{
  if (h->reply_format < format)
    h->reply_format = format;
}

static int
reply_ack (struct nbd_handle *h)
{
  switch (h->wire_option) {
  case NBD_OPT_STARTTLS:
    return nbd_internal_start_tls (h);
  case NBD_OPT_EXTENDED_HEADERS:
    agree_reply_format (h, REPLY_EXTENDED);
    break;
  case NBD_OPT_STRUCTURED_REPLY:
    agree_reply_format (h, REPLY_STRUCTURED);
    break;
  case NBD_OPT_SET_META_CONTEXT:
    h->meta_valid = true;
    break;
  case NBD_OPT_GO:
  case NBD_OPT_INFO:
    if (!h->have_export) {
      set_error (EPROTO, "the server did not describe the export");
      return -1;
    }
    break;
  }
  return option_done (h, 0);
}

/* Whether the option on the wire can get this reply at all, judged
 * from its header before any payload is read.
 */
int
nbd_internal_check_option_reply (struct nbd_handle *h)
{
  uint32_t wire = h->wire_option;
  bool expected;

  switch (h->reply_type) {
  case NBD_REP_ACK:
    if (h->reply_len != 0) {
      set_error (EPROTO, "the server's acknowledgement of %s carries %u "
                 "bytes, but must be empty", option_name (wire),
                 h->reply_len);
      return -1;
    }
    return 0;
  case NBD_REP_SERVER:
    expected = wire == NBD_OPT_LIST;
    break;
  case NBD_REP_META_CONTEXT:
    expected = wire == NBD_OPT_SET_META_CONTEXT ||
      wire == NBD_OPT_LIST_META_CONTEXT;
    break;
  case NBD_REP_INFO:
    expected = wire == NBD_OPT_GO || wire == NBD_OPT_INFO;
    break;
  default:
    expected = NBD_REP_IS_ERR (h->reply_type);
  }
  if (!expected) {
    set_error (EPROTO, "unexpected reply %u of %u bytes to %s",
               h->reply_type, h->reply_len, option_name (wire));
    return -1;
  }
  return 0;
}

/* A reply that passed nbd_internal_check_option_reply and is not a
 * refusal.  1: more replies to come; 0: the option is over; -1:
 * failure.
 */
int
nbd_internal_handle_option_reply (struct nbd_handle *h)
{
  switch (h->reply_type) {
  case NBD_REP_SERVER:
    return reply_server (h);
  case NBD_REP_META_CONTEXT:
    return reply_meta_context (h);
  case NBD_REP_INFO:
    return reply_info (h);
  default:
    return reply_ack (h);
  }
}

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
                option_name (h->wire_option),
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
  return option_done (h, err);
}
