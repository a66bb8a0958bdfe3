/* Block status chunks: the extents of one meta context, delivered to
 * the command's extent callback after the chunk has been checked.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The sizes of the context id header and of one extent, in the form
 * of the chunk.
 */
static void
chunk_form (struct nbd_handle *h, size_t *header, size_t *entry)
{
  bool wide = h->chunk_type == NBD_REPLY_TYPE_BLOCK_STATUS_EXT;

  *header = wide ? 8 : 4;
  *entry = wide ? 16 : 8;
}

bool
nbd_internal_block_status_acceptable (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  size_t header, entry;

  chunk_form (h, &header, &entry);
  if (cmd->type != NBD_CMD_BLOCK_STATUS)
    nbd_internal_command_error (h, cmd, EPROTO, "a block status chunk "
                                "answers a command that is not a block "
                                "status");
  else if ((h->chunk_type == NBD_REPLY_TYPE_BLOCK_STATUS_EXT) !=
           reply_format_at_least (h, REPLY_EXTENDED))
    nbd_internal_command_error (h, cmd, EPROTO, "the block status chunk's "
                                "form does not match the headers "
                                "negotiated");
  else if (h->chunk_length < header + entry ||
           (h->chunk_length - header) % entry != 0)
    nbd_internal_command_error (h, cmd, EPROTO, "a block status chunk of %"
                                PRIu64 " bytes is malformed",
                                h->chunk_length);
  else
    return true;
  return false;
}

/* The chunk's extents, in host order, in the 64-bit form. */
static nbd_extent *
decode_extents (struct nbd_handle *h, size_t *n)
{
  bool wide = h->chunk_type == NBD_REPLY_TYPE_BLOCK_STATUS_EXT;
  size_t header, entry, i;
  const char *p;
  nbd_extent *e;

  chunk_form (h, &header, &entry);
  p = h->payload + header;
  *n = (h->chunk_length - header) / entry;
  e = malloc (*n * sizeof *e);
  if (e == NULL) {
    set_error (errno, "malloc");
    return NULL;
  }
  for (i = 0; i < *n; i++, p += entry) {
    if (wide) {
      uint64_t v[2];

      memcpy (v, p, 16);
      e[i].length = be64toh (v[0]);
      e[i].flags = be64toh (v[1]);
    }
    else {
      uint32_t v[2];

      memcpy (v, p, 8);
      e[i].length = be32toh (v[0]);
      e[i].flags = be32toh (v[1]);
    }
  }
  return e;
}

/* What is wrong with the extents, or NULL: each must be non-empty,
 * begin within the request and end within the export.
 */
static const char *
extents_problem (struct nbd_handle *h, const struct command *cmd,
                 const nbd_extent *e, size_t n)
{
  uint64_t left = h->exportsize > cmd->offset ?
    h->exportsize - cmd->offset : 0;
  uint64_t covered = 0;
  size_t i;

  for (i = 0; i < n; i++) {
    if (e[i].length == 0)
      return "the server sent an empty extent";
    if (i > 0 && covered >= cmd->count)
      return "an extent begins beyond the request";
    if (e[i].length > left - covered)
      return "an extent runs past the end of the export";
    covered += e[i].length;
  }
  return NULL;
}

/* The 32-bit callback gets pairs of uint32_t, and the list ends early
 * where an extent does not fit, as libnbd ends it.  A length too wide
 * is cut to 4G less 64M, a bound aligned to any block size a server
 * may have, and the caller can ask again from there.  A status too wide
 * ends the list before it; if it is the first, it is cut and the
 * callback and the command hear EOVERFLOW.
 */
#define NARROW_LENGTH_LIMIT ((uint32_t) -MAX_READ_SIZE)

static int
call_extent32 (struct nbd_handle *h, struct command *cmd, const char *name,
               const nbd_extent *e, size_t n, int *error)
{
  uint32_t *pairs = malloc (2 * n * sizeof *pairs);
  size_t i;
  int r;

  if (pairs == NULL) {
    *error = errno;
    return -1;
  }
  for (i = 0; i < n; i++) {
    if (e[i].flags > UINT32_MAX) {
      if (i > 0)
        break;
      nbd_internal_command_error (h, cmd, EOVERFLOW, "a status value of "
                                  "context %s does not fit in 32 bits",
                                  name);
      *error = EOVERFLOW;
    }
    pairs[2 * i] = e[i].length <= UINT32_MAX ? e[i].length :
      NARROW_LENGTH_LIMIT;
    pairs[2 * i + 1] = e[i].flags;
    if (e[i].length > UINT32_MAX || e[i].flags > UINT32_MAX) {
      i++;
      break;
    }
  }
  r = cmd->extent.callback (cmd->extent.user_data, name, cmd->offset,
                            pairs, 2 * i, error);
  free (pairs);
  return r;
}

int
nbd_internal_block_status_chunk (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  const struct meta_context *ctx;
  const char *problem;
  nbd_extent *e;
  uint32_t id;
  size_t n;
  int error = cmd->error, r = 0;

  memcpy (&id, h->payload, 4);
  id = be32toh (id);
  ctx = nbd_internal_meta_context_by_id (h, id);
  if (ctx == NULL) {
    nbd_internal_command_error (h, cmd, EPROTO, "block status for context "
                                "id %" PRIu32 ", which was never "
                                "negotiated", id);
    return 0;
  }
  e = decode_extents (h, &n);
  if (e == NULL)
    return -1;
  problem = extents_problem (h, cmd, e, n);
  if (problem) {
    /* The command fails, but the connection is still in step. */
    nbd_internal_command_error (h, cmd, EPROTO, "%s", problem);
    free (e);
    return 0;
  }
  if (cmd->extent64.callback)
    r = cmd->extent64.callback (cmd->extent64.user_data, ctx->name,
                                cmd->offset, e, n, &error);
  else if (cmd->extent.callback)
    r = call_extent32 (h, cmd, ctx->name, e, n, &error);
  if (r == -1)
    nbd_internal_command_error (h, cmd, error ? error : EPROTO,
                                "the extent callback failed");
  free (e);
  return 0;
}
