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

static const char *
context_name (struct nbd_handle *h, uint32_t id)
{
  size_t i;

  for (i = 0; i < h->nr_meta_contexts; i++)
    if (h->meta_contexts[i].id == id)
      return h->meta_contexts[i].name;
  return NULL;
}

/* The chunk's extents, in host order, in the 64-bit form. */
static nbd_extent *
decode_extents (struct nbd_handle *h, size_t *n)
{
  bool wide = h->chunk_type == NBD_REPLY_TYPE_BLOCK_STATUS_EXT;
  size_t header = wide ? 8 : 4, entry = wide ? 16 : 8, i;
  const char *p = h->payload + header;
  nbd_extent *e;

  if (h->chunk_length < header + entry ||
      (h->chunk_length - header) % entry != 0) {
    set_error (EPROTO, "a block status chunk has a malformed length");
    return NULL;
  }
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

/* Extents must each be non-empty and start within the request. */
static bool
extents_valid (struct command *cmd, const nbd_extent *e, size_t n)
{
  uint64_t covered = 0;
  size_t i;

  for (i = 0; i < n; i++) {
    if (e[i].length == 0 || covered >= cmd->count)
      return false;
    covered += e[i].length;
  }
  return true;
}

/* The 32-bit callback gets pairs of uint32_t; a length too wide for it
 * ends the list there, as the caller can ask again from that point.
 */
static int
call_extent32 (struct command *cmd, const char *name, const nbd_extent *e,
               size_t n, int *error)
{
  uint32_t *pairs = malloc (2 * n * sizeof *pairs);
  size_t i;
  int r;

  if (pairs == NULL) {
    *error = errno;
    return -1;
  }
  for (i = 0; i < n && e[i].length <= UINT32_MAX; i++) {
    pairs[2 * i] = e[i].length;
    pairs[2 * i + 1] = e[i].flags;
  }
  if (i == 0) {
    free (pairs);
    *error = EOVERFLOW;
    return -1;
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
  const char *name;
  nbd_extent *e;
  uint32_t id;
  size_t n;
  int error = 0, r = 0;

  if (cmd->type != NBD_CMD_BLOCK_STATUS) {
    set_error (EPROTO, "a block status chunk answers another command");
    return -1;
  }
  e = decode_extents (h, &n);
  if (e == NULL)
    return -1;
  memcpy (&id, h->payload, 4);
  id = be32toh (id);
  name = context_name (h, id);
  if (name == NULL || !extents_valid (cmd, e, n)) {
    /* The command fails, but the connection is still in step. */
    debug (h, "block status for context id %" PRIu32 " is invalid", id);
    if (cmd->error == 0)
      cmd->error = EPROTO;
    free (e);
    return 0;
  }
  if (cmd->extent64.callback)
    r = cmd->extent64.callback (cmd->extent64.user_data, name, cmd->offset,
                                e, n, &error);
  else if (cmd->extent.callback)
    r = call_extent32 (cmd, name, e, n, &error);
  if (r == -1 && cmd->error == 0)
    cmd->error = error ? error : EPROTO;
  free (e);
  return 0;
}
