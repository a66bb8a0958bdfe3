/* NBD_OPT_GO and NBD_OPT_INFO: the export's name and the details
 * asked for go out; the server describes the export in information
 * replies, and GO's acknowledgement starts transmission.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void
payload (struct nbd_handle *h, struct request_builder *b)
{
  uint16_t infos[3];
  size_t i, n = 0;

  if (h->request_block_size)
    infos[n++] = NBD_INFO_BLOCK_SIZE;
  if (h->full_info) {
    infos[n++] = NBD_INFO_NAME;
    infos[n++] = NBD_INFO_DESCRIPTION;
  }
  nbd_internal_put_string (b, h->export_name);
  nbd_internal_put_u16 (b, n);
  for (i = 0; i < n; i++)
    nbd_internal_put_u16 (b, infos[i]);
}

/* The export's name or description, which the server may send
 * unasked.
 */
static enum option_outcome
info_string (char **dst, const char *what, const char *p, uint32_t len)
{
  char *s;

  if (len > NBD_MAX_STRING) {
    set_error (EPROTO, "the server's %s is longer than %d bytes", what,
               NBD_MAX_STRING);
    return OPTION_FAILED;
  }
  s = strndup (p, len);
  if (s == NULL) {
    set_error (errno, "strndup");
    return OPTION_FAILED;
  }
  free (*dst);
  *dst = s;
  return OPTION_MORE;
}

static enum option_outcome
info_export (struct nbd_handle *h, const char *p)
{
  uint64_t size;
  uint16_t flags;

  memcpy (&size, p, 8);
  memcpy (&flags, p + 8, 2);
  if (nbd_internal_set_export (h, be64toh (size), be16toh (flags)) == -1)
    return OPTION_FAILED;
  return OPTION_MORE;
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
static enum option_outcome
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
    return OPTION_MORE;
  }
  h->block_minimum = min;
  h->block_preferred = pref;
  h->block_maximum = max;
  return OPTION_MORE;
}

static enum option_outcome
take_info (struct nbd_handle *h)
{
  const char *p;
  uint32_t len;
  uint16_t type;

  if (h->reply_len < 2) {
    set_error (EPROTO, "the server's information reply is too short to "
               "say what it describes");
    return OPTION_FAILED;
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
    return OPTION_MORE;
  }
  set_error (EPROTO, "the server's information item %u is malformed",
             type);
  return OPTION_FAILED;
}

static enum option_outcome
described (struct nbd_handle *h)
{
  if (!h->have_export) {
    set_error (EPROTO, "the server did not describe the export");
    return OPTION_FAILED;
  }
  return OPTION_OVER;
}

const struct option_kind nbd_internal_option_go = {
  .option = NBD_OPT_GO,
  .name = "NBD_OPT_GO",
  .payload = payload,
  .forget = nbd_internal_reset_export,
  .partial_reply = NBD_REP_INFO,
  .take_partial = take_info,
  .acknowledged = described,
};

const struct option_kind nbd_internal_option_info = {
  .option = NBD_OPT_INFO,
  .name = "NBD_OPT_INFO",
  .payload = payload,
  .forget = nbd_internal_reset_export,
  .partial_reply = NBD_REP_INFO,
  .take_partial = take_info,
  .acknowledged = described,
};
