/* Reading replies: the header, whose magic says simple, structured or
 * extended; the data of a read; and structured chunks, each checked
 * against the command it answers before anything is written to the
 * caller's buffer.
 *
 * A broken reply is dealt with in one of two ways, as libnbd does.
 * When the next reply can no longer be found (a magic not negotiated,
 * a length too large to trust, data of unknown length) the connection
 * dies.  When the chunk's header is sound but what it carries is wrong
 * (for another command, outside the request, malformed), its command
 * fails and the rest of the chunk is read and dropped, so that the
 * connection carries on; so are replies to cookies not in flight.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The longest chunk a command can need: the data of the largest read
 * after its offset.  Anything longer would take too long to drop.
 */
#define MAX_CHUNK_LENGTH (MAX_READ_SIZE + 8)

void
nbd_internal_begin_reply (struct nbd_handle *h)
{
  RECV_INTO (h, h->reply.bytes, sizeof h->reply.simple);
  h->state = STATE_RECV_REPLY;
}

/* Waiting for a reply, and with requests held back to send as well
 * (nbd_internal_issue): a writable socket is reason enough to run.
 */
unsigned
nbd_internal_reply_direction (struct nbd_handle *h)
{
  if (nbd_internal_requests_held (h))
    return LIBNBD_AIO_DIRECTION_BOTH;
  return LIBNBD_AIO_DIRECTION_READ;
}

static const char *
command_name (uint16_t type)
{
  switch (type) {
  case NBD_CMD_READ: return "read";
  case NBD_CMD_WRITE: return "write";
  case NBD_CMD_FLUSH: return "flush";
  case NBD_CMD_TRIM: return "trim";
  case NBD_CMD_CACHE: return "cache";
  case NBD_CMD_WRITE_ZEROES: return "write zeroes";
  case NBD_CMD_BLOCK_STATUS: return "block status";
  default: return "command";
  }
}

/* The reply is over: complete the command on its last reply, else put
 * it back among those in flight to wait for the next.
 */
static int
reply_done (struct nbd_handle *h, bool last)
{
  struct command *cmd = h->reply_cmd;

  /* The command goes back first in line: its next chunk is likely
   * the next reply.
   */
  if (cmd && !last)
    nbd_internal_list_prepend (&h->cmds_in_flight, cmd);
  else if (cmd) {
    /* A read must come back whole. */
    if (cmd->type == NBD_CMD_READ && cmd->data_seen < cmd->count)
      nbd_internal_command_error (h, cmd, EIO, "the server's chunks "
                                  "covered only %" PRIu64 " of the %"
                                  PRIu64 " bytes read", cmd->data_seen,
                                  cmd->count);
    nbd_internal_complete (h, cmd);
  }
  h->reply_cmd = NULL;
  h->state = STATE_READY;
  return 0;
}

/* Drop the rest of the chunk, whose command already knows why. */
static int
skip_rest (struct nbd_handle *h, uint64_t left)
{
  h->discard_left = left;
  RECV_INTO (h, NULL, 0);
  h->state = STATE_RECV_CHUNK_SKIP;
  return 0;
}

/* The chunk cannot be used: its command, if any, fails with EPROTO for
 * the reason given, and the rest of the chunk is dropped.
 */
static int skip_chunk (struct nbd_handle *h, uint64_t left,
                       const char *fmt, ...)
  __attribute__ ((__format__ (__printf__, 3, 4)));

static int
skip_chunk (struct nbd_handle *h, uint64_t left, const char *fmt, ...)
{
  va_list args;

  va_start (args, fmt);
  nbd_internal_command_verror (h, h->reply_cmd, EPROTO, fmt, args);
  va_end (args);
  return skip_rest (h, left);
}

int
nbd_internal_state_RECV_CHUNK_SKIP (struct nbd_handle *h)
{
  int r = nbd_internal_discard (h);

  if (r != 0)
    return r;
  return reply_done (h, h->chunk_flags & NBD_REPLY_FLAG_DONE);
}

/* The server failed the command, in its own words if it gave any. */
static void
server_error (struct nbd_handle *h, int err, const char *msg, size_t len)
{
  if (len)
    nbd_internal_command_error (h, h->reply_cmd, err, "the server "
                                "reported an error: %.*s", (int) len, msg);
  else
    nbd_internal_command_error (h, h->reply_cmd, err, "the server "
                                "reported an error");
}

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

/* With no command to go by, a simple reply's length is known only if
 * it reports an error or structured replies keep data out of simple
 * replies; otherwise the next reply cannot be found.
 */
static int
unknown_simple_reply (struct nbd_handle *h, uint64_t cookie, uint32_t error)
{
  if (error == 0 && !reply_format_at_least (h, REPLY_STRUCTURED)) {
    set_error (EPROTO, "the server replied to cookie %" PRIu64 ", which "
               "is not in flight", cookie);
    return -1;
  }
  debug (h, "ignoring a reply to cookie %" PRIu64 ", which is not in "
         "flight", cookie);
  return reply_done (h, false);
}

static int
simple_reply (struct nbd_handle *h)
{
  struct command *cmd;
  uint32_t error = be32toh (h->reply.simple.error);
  uint64_t cookie = be64toh (h->reply.simple.cookie);

  h->chunks_received++;
  cmd = nbd_internal_take_in_flight (h, cookie);
  if (cmd == NULL)
    return unknown_simple_reply (h, cookie, error);
  h->reply_cmd = cmd;
  if (error) {
    server_error (h, nbd_internal_errno_of_nbd (error), NULL, 0);
    return reply_done (h, true);
  }
  if (cmd->type == NBD_CMD_READ && reply_format_at_least (h, REPLY_STRUCTURED)) {
    /* Whether data follows cannot be told. */
    set_error (EPROTO, "the server answered a read with a simple reply, "
               "but structured replies were negotiated");
    return -1;
  }
  if (cmd->type == NBD_CMD_READ && cmd->count > 0) {
    cmd->data_seen = cmd->count;
    RECV_INTO (h, cmd->data, cmd->count);
    h->state = STATE_RECV_SIMPLE_DATA;
    return 0;
  }
  return reply_done (h, true);
}

int
nbd_internal_state_RECV_REPLY (struct nbd_handle *h)
{
  uint32_t magic;
  int r;

  /* Until a reply has begun, requests held back meanwhile go first:
   * the server can work on them while this side reads.  A call that
   * issues a command only sends: replies are read when the caller
   * polls or notifies, as libnbd does, so that no completion callback
   * runs inside an nbd_aio_* call.
   */
  if (h->rlen == sizeof h->reply.simple) {
    if (nbd_internal_requests_held (h) ||
        (h->issuing && nbd_internal_requests_to_send (h))) {
      h->state = STATE_SEND_REQUEST;
      return 0;
    }
    if (h->issuing)
      return 1;
  }
  r = nbd_internal_recv (h);
  if (r == 1 && h->rlen == sizeof h->reply.simple &&
      nbd_internal_requests_to_send (h)) {
    h->state = STATE_SEND_REQUEST;
    return 0;
  }
  if (r != 0)
    return r;
  magic = be32toh (h->reply.simple.magic);
  switch (magic) {
  case NBD_SIMPLE_REPLY_MAGIC:
    if (reply_format_at_least (h, REPLY_EXTENDED))
      break;
    return simple_reply (h);
  case NBD_STRUCTURED_REPLY_MAGIC:
    if (!reply_format_at_least (h, REPLY_STRUCTURED) ||
        reply_format_at_least (h, REPLY_EXTENDED))
      break;
    RECV_INTO (h, h->reply.bytes + sizeof h->reply.simple,
               sizeof h->reply.structured - sizeof h->reply.simple);
    h->state = STATE_RECV_REPLY_REST;
    return 0;
  case NBD_EXTENDED_REPLY_MAGIC:
    if (!reply_format_at_least (h, REPLY_EXTENDED))
      break;
    RECV_INTO (h, h->reply.bytes + sizeof h->reply.simple,
               sizeof h->reply.extended - sizeof h->reply.simple);
    h->state = STATE_RECV_REPLY_REST;
    return 0;
  }
  set_error (EPROTO, "a reply has magic 0x%" PRIx32 ", which is not one "
             "negotiated", magic);
  return -1;
}

/* Hand a piece of a read to the caller's chunk callback, if any. */
static void call_chunk (struct nbd_handle *h, const void *buf,
                        uint64_t length, uint64_t offset, unsigned status,
                        int error);

int
nbd_internal_state_RECV_SIMPLE_DATA (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  /* A simple reply is one chunk holding the whole read. */
  call_chunk (h, cmd->data, cmd->count, cmd->offset, LIBNBD_READ_DATA,
              cmd->error);
  return reply_done (h, true);
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
  h->state = STATE_RECV_CHUNK_PAYLOAD;
  return 0;
}

/* Decide from the header alone how to read the chunk. */
static int
start_chunk (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  uint64_t len = h->chunk_length;
  const char *name = command_name (cmd->type);

  switch (h->chunk_type) {
  case NBD_REPLY_TYPE_NONE:
    if (len != 0 || !(h->chunk_flags & NBD_REPLY_FLAG_DONE))
      return skip_chunk (h, len, "a NONE chunk must be empty and the last");
    return reply_done (h, true);
  case NBD_REPLY_TYPE_OFFSET_DATA:
    if (cmd->type != NBD_CMD_READ)
      return skip_chunk (h, len, "a data chunk answers a %s, not a read",
                         name);
    if (len < 8)
      return skip_chunk (h, len, "a data chunk of %" PRIu64 " bytes "
                         "cannot hold its offset", len);
    RECV_INTO (h, &h->chunk_offset, sizeof h->chunk_offset);
    h->state = STATE_RECV_CHUNK_OFFSET;
    return 0;
  case NBD_REPLY_TYPE_OFFSET_HOLE:
    if (cmd->type != NBD_CMD_READ)
      return skip_chunk (h, len, "a hole chunk answers a %s, not a read",
                         name);
    if (len != 12)
      return skip_chunk (h, len, "a hole chunk has %" PRIu64 " bytes, not "
                         "12", len);
    return read_payload (h);
  case NBD_REPLY_TYPE_BLOCK_STATUS:
  case NBD_REPLY_TYPE_BLOCK_STATUS_EXT:
    if (!nbd_internal_block_status_acceptable (h))
      return skip_rest (h, len);
    return read_payload (h);
  }
  if (!NBD_REPLY_TYPE_IS_ERR (h->chunk_type))
    return skip_chunk (h, len, "reply chunk type %u is unknown",
                       h->chunk_type);
  if (len < 4)
    return skip_chunk (h, len, "an error chunk of %" PRIu64 " bytes "
                       "cannot hold an error", len);
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
    return skip_chunk (h, h->chunk_length, "ignoring a reply chunk for "
                       "cookie %" PRIu64 ", which is not in flight",
                       cookie);
  return start_chunk (h);
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
    return skip_rest (h, length);
  if (cover (h, h->chunk_offset, length) == -1)
    return -1;
  RECV_INTO (h, (char *) cmd->data + (h->chunk_offset - cmd->offset),
             length);
  h->state = STATE_RECV_CHUNK_DATA;
  return 0;
}

static void
call_chunk (struct nbd_handle *h, const void *buf, uint64_t length,
            uint64_t offset, unsigned status, int error)
{
  struct command *cmd = h->reply_cmd;

  if (cmd->chunk.callback &&
      cmd->chunk.callback (cmd->chunk.user_data, buf, length, offset,
                           status, &error) == -1)
    nbd_internal_command_error (h, cmd, error ? error : EPROTO,
                                "the chunk callback failed");
}

int
nbd_internal_state_RECV_CHUNK_DATA (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  uint64_t length = h->chunk_length - 8;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  call_chunk (h, (char *) cmd->data + (h->chunk_offset - cmd->offset),
              length, h->chunk_offset, LIBNBD_READ_DATA, cmd->error);
  return reply_done (h, h->chunk_flags & NBD_REPLY_FLAG_DONE);
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
  memset ((char *) cmd->data + (offset - cmd->offset), 0, length);
  call_chunk (h, (char *) cmd->data + (offset - cmd->offset), length,
              offset, LIBNBD_READ_HOLE, cmd->error);
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
  call_chunk (h, (char *) cmd->data + (offset - cmd->offset), 0, offset,
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
  server_error (h, err, p + 6, msglen);
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
  return reply_done (h, h->chunk_flags & NBD_REPLY_FLAG_DONE);
}
