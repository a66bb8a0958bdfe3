/* What the handshake learned about the server and the export.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "nbd-protocol.h"

#define MiB (1024 * 1024)

/* Most of these need the export's details, which a handle in option
 * mode has only after nbd_opt_info or nbd_opt_go.
 */
static bool
export_known (struct nbd_handle *h)
{
  if (!h->have_export) {
    set_error (EINVAL, "the server has not described the export yet");
    return false;
  }
  return true;
}

static int
eflag (struct nbd_handle *h, uint16_t flag)
{
  if (!export_known (h))
    return -1;
  return (h->eflags & flag) != 0;
}

int64_t
nbd_unlocked_get_size (struct nbd_handle *h)
{
  if (!export_known (h))
    return -1;
  if (h->exportsize > INT64_MAX) {
    set_error (EOVERFLOW, "the export's size does not fit in 63 bits");
    return -1;
  }
  return h->exportsize;
}

int
nbd_unlocked_is_read_only (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_READ_ONLY);
}

int
nbd_unlocked_can_flush (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_SEND_FLUSH);
}

int
nbd_unlocked_can_fua (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_SEND_FUA);
}

int
nbd_unlocked_is_rotational (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_ROTATIONAL);
}

int
nbd_unlocked_can_trim (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_SEND_TRIM);
}

int
nbd_unlocked_can_zero (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_SEND_WRITE_ZEROES);
}

int
nbd_unlocked_can_fast_zero (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_SEND_FAST_ZERO);
}

int
nbd_unlocked_can_df (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_SEND_DF);
}

int
nbd_unlocked_can_multi_conn (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_CAN_MULTI_CONN);
}

int
nbd_unlocked_can_cache (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_SEND_CACHE);
}

int
nbd_unlocked_can_block_status_payload (struct nbd_handle *h)
{
  return eflag (h, NBD_FLAG_BLOCK_STATUS_PAYLOAD);
}

int
nbd_unlocked_can_meta_context (struct nbd_handle *h, const char *metacontext)
{
  /* As in libnbd: with contexts asked for, the answer must come from
   * the server, whether or not it could be asked.
   */
  if (!h->meta_valid && h->meta_contexts_wanted.len > 0) {
    set_error (EINVAL, "the meta contexts were not negotiated with the "
               "server");
    return -1;
  }
  return nbd_internal_meta_context_by_name (h, metacontext) != NULL;
}

const char *
nbd_unlocked_get_protocol (struct nbd_handle *h)
{
  if (h->protocol == NULL)
    set_error (EINVAL, "the handshake has not begun");
  return h->protocol;
}

int
nbd_unlocked_get_structured_replies_negotiated (struct nbd_handle *h)
{
  return reply_format_at_least (h, REPLY_STRUCTURED);
}

int
nbd_unlocked_get_extended_headers_negotiated (struct nbd_handle *h)
{
  return reply_format_at_least (h, REPLY_EXTENDED);
}

int
nbd_unlocked_get_tls_negotiated (struct nbd_handle *h)
{
  return h->tls_negotiated;
}

/* A string the server may have sent, copied for the caller. */
static char *
sent_string (const char *s, const char *what)
{
  if (s == NULL) {
    set_error (ENOTSUP, "the server did not send %s", what);
    return NULL;
  }
  return nbd_internal_copy_setting (s);
}

char *
nbd_unlocked_get_canonical_export_name (struct nbd_handle *h)
{
  return sent_string (h->canonical_name, "a canonical export name");
}

char *
nbd_unlocked_get_export_description (struct nbd_handle *h)
{
  return sent_string (h->description, "an export description");
}

int64_t
nbd_unlocked_get_block_size (struct nbd_handle *h, int size_type)
{
  uint32_t max = h->block_maximum;

  if (!export_known (h))
    return -1;
  switch (size_type) {
  case LIBNBD_SIZE_MINIMUM:
    return h->block_minimum;
  case LIBNBD_SIZE_PREFERRED:
    return h->block_preferred;
  case LIBNBD_SIZE_MAXIMUM:
    return max;
  default:
    /* What the library lets a write carry: the server's maximum, kept
     * between 1M and 64M; 32M when it gave none.
     */
    if (max == 0)
      return 32 * MiB;
    return max < MiB ? MiB : max > 64 * MiB ? 64 * MiB : max;
  }
}
