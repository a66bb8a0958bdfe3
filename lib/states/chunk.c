/* The chunks of structured and extended replies: the rest of the
 * header, then the chunk by its type, each checked against the command
 * it answers before anything is written to the caller's buffer.  How
 * a broken chunk is dealt with is said at the top of states/reply.c.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "states/set-state.h"

/* The longest chunk a command can need: the data of the largest read
 * after its offset.  Anything longer would take too long to drop.
 */
#define MAX_CHUNK_LENGTH (MAX_READ_SIZE + 8)

/* Note that a chunk filled [offset, offset + length) of the read.  A
 * chunk overlapping an earlier one fails the command: which data is
 * right cannot be known.
 */
static int
cover (struct nbd_handle *h, uint64_t offset, uint64_t length)
{
  struct command *cmd = h->reply_cmd;
  struct covered_range *r;
  size_t i;

  for (i = 0; i < cmd->nr_covered; i++) {
    r = &cmd->covered[i];
    if (offset < r->offset + r->length && r->offset < offset + length) {
      nbd_internal_command_error (h, cmd, EPROTO, "chunks of the read "
                                  "overlap at offset %" PRIu64, offset);
      return 0;
    }
  }
  if (cmd->nr_covered == cmd->covered_room) {
    size_t room = cmd->covered_room ? 2 * cmd->covered_room : 4;

    r = realloc (cmd->covered, room * sizeof *r);
    if (r == NULL) {
      set_error (errno, "realloc");
      return -1;
    }
    cmd->covered = r;
    cmd->covered_room = room;
  }
  cmd->covered[cmd->nr_covered++] = (struct covered_range) { offset, length };
  cmd->data_seen += length;
  return 0;
}

/* The chunk's part of the command's range, checked. */
static bool
chunk_in_range (struct nbd_handle *h, uint64_t offset, uint64_t length)
{
  struct command *cmd = h->reply_cmd;

  if (offset < cmd->offset || length > cmd->count ||
      offset - cmd->offset > cmd->count - length) {
    nbd_internal_command_error (h, cmd, EPROTO, "a reply chunk for %"
                                PRIu64 " bytes at %" PRIu64 " lies "
                                "outside the request", length, offset);
    return false;
  }
  return true;
}

static uint64_t
parse_chunk_header (struct nbd_handle *h)
{
  if (reply_format_at_least (h, REPLY_EXTENDED)) {
    h->chunk_flags = be16toh (h->reply.extended.flags);
    h->chunk_type = be16toh (h->reply.extended.type);
    h->chunk_length = be64toh (h->reply.extended.length);
    return be64toh (h->reply.extended.cookie);
  }
  h->chunk_flags = be16toh (h->reply.structured.flags);
  h->chunk_type = be16toh (h->reply.structured.type);
  h->chunk_length = be32toh (h->reply.structured.length);
  return be64toh (h->reply.structured.cookie);
}

/* Chunks other than read data are read whole before they are used. */
static int
read_payload (struct nbd_handle *h)
{
  if (nbd_internal_payload_room (h, h->chunk_length) == -1)
    return -1;
  RECV_INTO (h, h->payload, h->chunk_length);
  nbd_internal_set_state (h, STATE_RECV_CHUNK_PAYLOAD);
  return 0;
}

/* Decide from the header alone how to read the chunk. */
static int
start_chunk (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  uint64_t len = h->chunk_length;
  const char *name = nbd_internal_command_name (cmd->type);

  switch (h->chunk_type) {
  case NBD_REPLY_TYPE_NONE:
    if (len != 0 || !(h->chunk_flags & NBD_REPLY_FLAG_DONE))
      return nbd_internal_skip_chunk (h, len, "a NONE chunk must be empty "
                                      "and the last");
    return nbd_internal_reply_done (h, true);
  case NBD_REPLY_TYPE_OFFSET_DATA:
    if (cmd->type != NBD_CMD_READ)
      return nbd_internal_skip_chunk (h, len, "a data chunk answers a %s, "
                                      "not a read", name);
    if (len < 8)
      return nbd_internal_skip_chunk (h, len, "a data chunk of %" PRIu64
                                      " bytes cannot hold its offset", len);
    RECV_INTO (h, &h->chunk_offset, sizeof h->chunk_offset);
    nbd_internal_set_state (h, STATE_RECV_CHUNK_OFFSET);
    return 0;
  case NBD_REPLY_TYPE_OFFSET_HOLE:
    if (cmd->type != NBD_CMD_READ)
      return nbd_internal_skip_chunk (h, len, "a hole chunk answers a %s, "
                                      "not a read", name);
    if (len != 12)
      return nbd_internal_skip_chunk (h, len, "a hole chunk has %" PRIu64
                                      " bytes, not 12", len);
    return read_payload (h);
  case NBD_REPLY_TYPE_BLOCK_STATUS:
  case NBD_REPLY_TYPE_BLOCK_STATUS_EXT:
    if (!nbd_internal_block_status_acceptable (h))
      return nbd_internal_skip_rest (h, len);
    return read_payload (h);
  }
  if (!NBD_REPLY_TYPE_IS_ERR (h->chunk_type))
    return nbd_internal_skip_chunk (h, len, "reply chunk type %u is "
                                    "unknown", h->chunk_type);
  if (len < 4)
    return nbd_internal_skip_chunk (h, len, "an error chunk of %" PRIu64
                                    " bytes cannot hold an error", len);
  return read_payload (h);
}

int
nbd_internal_state_RECV_REPLY_REST (struct nbd_handle *h)
{
  uint64_t cookie;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  h->chunks_received++;
  cookie = parse_chunk_header (h);
  if (h->chunk_length > MAX_CHUNK_LENGTH) {
    set_error (EPROTO, "a reply chunk of %" PRIu64 " bytes is too large",
               h->chunk_length);
    return -1;
  }
  h->reply_cmd = nbd_internal_take_in_flight (h, cookie);
  if (h->reply_cmd == NULL)
    return nbd_internal_skip_chunk (h, h->chunk_length, "ignoring a reply "
                                    "chunk for cookie %" PRIu64 ", which is "
                                    "not in flight", cookie);
  return start_chunk (h);
}

/* Where the byte at offset of the read goes in the caller's buffer. */
static char *
read_position (const struct command *cmd, uint64_t offset)
{
  return (char *) cmd->data + (offset - cmd->offset);
}

int
nbd_internal_state_RECV_CHUNK_OFFSET (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  uint64_t length = h->chunk_length - 8;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  h->chunk_offset = be64toh (h->chunk_offset);
  if (!chunk_in_range (h, h->chunk_offset, length))
    return nbd_internal_skip_rest (h, length);
  if (cover (h, h->chunk_offset, length) == -1)
    return -1;
  RECV_INTO (h, read_position (cmd, h->chunk_offset), length);
  nbd_internal_set_state (h, STATE_RECV_CHUNK_DATA);
  return 0;
}

int
nbd_internal_state_RECV_CHUNK_DATA (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  uint64_t length = h->chunk_length - 8;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  nbd_internal_call_chunk (h, read_position (cmd, h->chunk_offset), length,
                           h->chunk_offset, LIBNBD_READ_DATA, cmd->error);
  return nbd_internal_reply_done (h, h->chunk_flags & NBD_REPLY_FLAG_DONE);
}

static int
hole_chunk (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  uint64_t offset;
  uint32_t length;

  memcpy (&offset, h->payload, 8);
  memcpy (&length, h->payload + 8, 4);
  offset = be64toh (offset);
  length = be32toh (length);
  if (length == 0) {
    nbd_internal_command_error (h, cmd, EPROTO, "a hole chunk is empty");
    return 0;
  }
  if (!chunk_in_range (h, offset, length))
    return 0;
  if (cover (h, offset, length) == -1)
    return -1;
  memset (read_position (cmd, offset), 0, length);
  nbd_internal_call_chunk (h, read_position (cmd, offset), length, offset,
                           LIBNBD_READ_HOLE, cmd->error);
  return 0;
}

/* Tell the chunk callback where a read failed, when that is within the
 * read; an offset elsewhere is the server's mistake and is ignored.
 */
static void
error_offset (struct nbd_handle *h, const char *p, int err)
{
  struct command *cmd = h->reply_cmd;
  uint64_t offset;

  if (cmd->type != NBD_CMD_READ)
    return;
  memcpy (&offset, p, 8);
  offset = be64toh (offset);
  if (offset < cmd->offset || offset - cmd->offset >= cmd->count) {
    debug (h, "ignoring the offset %" PRIu64 " of an error, which lies "
           "outside the read", offset);
    return;
  }
  nbd_internal_call_chunk (h, read_position (cmd, offset), 0, offset,
                           LIBNBD_READ_ERROR, err);
}

/* Any error chunk: a 32-bit error and a message, then for the types
 * the protocol defines, nothing but ERROR_OFFSET's offset.  The
 * server's error stands even when the rest is malformed.
 */
static int
error_chunk (struct nbd_handle *h)
{
  const char *p = h->payload;
  uint64_t len = h->chunk_length;
  bool known = h->chunk_type == NBD_REPLY_TYPE_ERROR ||
    h->chunk_type == NBD_REPLY_TYPE_ERROR_OFFSET;
  size_t fixed = h->chunk_type == NBD_REPLY_TYPE_ERROR_OFFSET ? 14 : 6;
  uint32_t error;
  uint16_t msglen = 0;
  int err;

  memcpy (&error, p, 4);
  err = nbd_internal_errno_of_nbd (be32toh (error));
  if (err == 0) {
    nbd_internal_command_error (h, h->reply_cmd, EPROTO, "the server "
                                "sent an error chunk with error 0");
    return 0;
  }
  if (len >= 6) {
    memcpy (&msglen, p + 4, 2);
    msglen = be16toh (msglen);
  }
  if (len < fixed + msglen || (known && len != fixed + msglen)) {
    nbd_internal_command_error (h, h->reply_cmd, err, "the server "
                                "reported an error in a malformed error "
                                "chunk");
    return 0;
  }
  if (h->chunk_type == NBD_REPLY_TYPE_ERROR_OFFSET)
    error_offset (h, p + 6 + msglen, err);
  nbd_internal_server_error (h, err, p + 6, msglen);
  return 0;
}

int
nbd_internal_state_RECV_CHUNK_PAYLOAD (struct nbd_handle *h)
{
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  switch (h->chunk_type) {
  case NBD_REPLY_TYPE_OFFSET_HOLE:
    r = hole_chunk (h);
    break;
  case NBD_REPLY_TYPE_BLOCK_STATUS:
  case NBD_REPLY_TYPE_BLOCK_STATUS_EXT:
    r = nbd_internal_block_status_chunk (h);
    break;
  default:
    r = error_chunk (h);
  }
  if (r == -1)
    return -1;
  return nbd_internal_reply_done (h, h->chunk_flags & NBD_REPLY_FLAG_DONE);
}
