/* The checks a command passes before it is sent: what the server
 * advertised, which flags belong to the command, and the request's
 * bounds, size and alignment, each governed by strict mode.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <inttypes.h>

#include "internal.h"

/* The flags each command accepts, by NBD_CMD_*. */
static uint32_t
flags_of (uint16_t type)
{
  switch (type) {
  case NBD_CMD_READ: return LIBNBD_CMD_FLAG_DF;
  case NBD_CMD_WRITE: return LIBNBD_CMD_FLAG_FUA | LIBNBD_CMD_FLAG_PAYLOAD_LEN;
  case NBD_CMD_TRIM: return LIBNBD_CMD_FLAG_FUA;
  case NBD_CMD_WRITE_ZEROES:
    return LIBNBD_CMD_FLAG_FUA | LIBNBD_CMD_FLAG_NO_HOLE |
      LIBNBD_CMD_FLAG_FAST_ZERO;
  case NBD_CMD_BLOCK_STATUS:
    return LIBNBD_CMD_FLAG_REQ_ONE | LIBNBD_CMD_FLAG_PAYLOAD_LEN;
  default: return 0;
  }
}

/* The export flag a command needs, or 0. */
static uint16_t
needed_eflag (uint16_t type)
{
  switch (type) {
  case NBD_CMD_FLUSH: return NBD_FLAG_SEND_FLUSH;
  case NBD_CMD_TRIM: return NBD_FLAG_SEND_TRIM;
  case NBD_CMD_CACHE: return NBD_FLAG_SEND_CACHE;
  case NBD_CMD_WRITE_ZEROES: return NBD_FLAG_SEND_WRITE_ZEROES;
  default: return 0;
  }
}

static bool
writes (uint16_t type)
{
  return type == NBD_CMD_WRITE || type == NBD_CMD_TRIM ||
    type == NBD_CMD_WRITE_ZEROES;
}

/* What the server advertised allows this command and its flags. */
static int
check_advertised (struct nbd_handle *h, uint16_t type, uint32_t flags)
{
  uint16_t need = needed_eflag (type);

  if (writes (type) && (h->eflags & NBD_FLAG_READ_ONLY)) {
    set_error (EPERM, "the export is read-only");
    return -1;
  }
  if (need && !(h->eflags & need)) {
    set_error (EINVAL, "the server does not support this command");
    return -1;
  }
  if (((flags & LIBNBD_CMD_FLAG_FUA) && !(h->eflags & NBD_FLAG_SEND_FUA)) ||
      ((flags & LIBNBD_CMD_FLAG_DF) && !(h->eflags & NBD_FLAG_SEND_DF)) ||
      ((flags & LIBNBD_CMD_FLAG_FAST_ZERO) &&
       !(h->eflags & NBD_FLAG_SEND_FAST_ZERO))) {
    set_error (EINVAL, "the server does not support flag 0x%" PRIx32,
               flags);
    return -1;
  }
  if (type == NBD_CMD_WRITE &&
      !!(flags & LIBNBD_CMD_FLAG_PAYLOAD_LEN) !=
      reply_format_at_least (h, REPLY_EXTENDED)) {
    set_error (EINVAL, "flags: a write must carry PAYLOAD_LEN exactly when "
               "extended headers are in use");
    return -1;
  }
  return 0;
}

static int
check_range (struct nbd_handle *h, uint16_t type, uint64_t offset,
             uint64_t count)
{
  uint32_t min = h->block_minimum;

  if ((h->strict & LIBNBD_STRICT_ZERO_SIZE) && count == 0 &&
      type != NBD_CMD_FLUSH) {
    set_error (EINVAL, "count: a request of length 0");
    return -1;
  }
  if ((h->strict & LIBNBD_STRICT_BOUNDS) &&
      (offset > h->exportsize || count > h->exportsize - offset)) {
    set_error (EINVAL, "the request (%" PRIu64 " bytes at %" PRIu64 ") "
               "goes past the end of the export (%" PRIu64 " bytes)",
               count, offset, h->exportsize);
    return -1;
  }
  if ((h->strict & LIBNBD_STRICT_ALIGN) && min > 1 &&
      (offset % min || count % min)) {
    set_error (EINVAL, "the request is not aligned to the server's "
               "minimum block size of %" PRIu32, min);
    return -1;
  }
  return 0;
}

/* All the checks; 0 when the command may be sent. */
int
nbd_internal_check_command (struct nbd_handle *h, uint16_t type,
                            uint32_t flags, uint64_t offset, uint64_t count)
{
  if ((h->strict & LIBNBD_STRICT_FLAGS) && (flags & ~flags_of (type))) {
    set_error (EINVAL, "flags: 0x%" PRIx32 " is not valid for this "
               "command", flags & ~flags_of (type));
    return -1;
  }
  if ((h->strict & LIBNBD_STRICT_COMMANDS) &&
      check_advertised (h, type, flags) == -1)
    return -1;
  if (!reply_format_at_least (h, REPLY_EXTENDED) && count > UINT32_MAX) {
    set_error (ERANGE, "count: %" PRIu64 " does not fit in 32 bits without "
               "extended headers", count);
    return -1;
  }
  if (type == NBD_CMD_READ && count > MAX_READ_SIZE) {
    set_error (ERANGE, "count: %" PRIu64 " bytes is more than a read may "
               "ask for", count);
    return -1;
  }
  if (type == NBD_CMD_WRITE && (h->strict & LIBNBD_STRICT_PAYLOAD) &&
      (int64_t) count > nbd_unlocked_get_block_size (h, LIBNBD_SIZE_PAYLOAD)) {
    set_error (ERANGE, "count: %" PRIu64 " bytes is more than a write may "
               "carry", count);
    return -1;
  }
  return check_range (h, type, offset, count);
}
