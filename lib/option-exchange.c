/* What option replies mean: taking in each kind of reply, and where
 * negotiation goes when the option ends.  Requests are built in
 * option-request.c, refusals are read in option-refusals.c, and what
 * the replies teach of the export is kept by export-facts.c.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

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
      nbd_internal_add_meta_context (h, id, name) == -1)
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
  return nbd_internal_option_done (h, 0);
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
  return nbd_internal_option_done (h, 0);
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
                 "bytes, but must be empty",
                 nbd_internal_option_name (wire), h->reply_len);
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
               h->reply_type, h->reply_len,
               nbd_internal_option_name (wire));
    return -1;
  }
  return 0;
}

/* A reply that passed nbd_internal_check_option_reply and is not a
 * refusal.  Returns the state negotiation moves to (RECV_OPTION_REPLY
 * while more replies are due), or -1.  The replies before the last
 * return 1 when taken in.
 */
int
nbd_internal_handle_option_reply (struct nbd_handle *h)
{
  int r;

  switch (h->reply_type) {
  case NBD_REP_SERVER:
    r = reply_server (h);
    break;
  case NBD_REP_META_CONTEXT:
    r = reply_meta_context (h);
    break;
  case NBD_REP_INFO:
    r = reply_info (h);
    break;
  default:
    return reply_ack (h);
  }
  return r == -1 ? -1 : STATE_RECV_OPTION_REPLY;
}
