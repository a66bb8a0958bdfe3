/* Reading replies: the header, whose magic says simple, structured or
 * extended; the data of a read; and structured chunks, each checked
 * against the command it answers before anything is written to the
 * caller's buffer.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Structured chunks other than read data are read whole; nothing the
 * protocol defines needs more than this, bar block status, whose limit
 * comes with it.
 */
#define MAX_CHUNK_PAYLOAD (64 * 1024 * 1024)

void
nbd_internal_begin_reply (struct nbd_handle *h)
{
  h->reply_cmd = NULL;
  RECV_INTO (h, h->reply.bytes, sizeof h->reply.simple);
  h->state = STATE_RECV_REPLY;
}

/* The reply's command, which must be in flight. */
static struct command *
reply_command (struct nbd_handle *h, uint64_t cookie)
{
  struct command *cmd = nbd_internal_find_in_flight (h, cookie);

  if (cmd == NULL)
    set_error (EPROTO, "the server replied to cookie %" PRIu64 ", which "
               "is not in flight", cookie);
  return cmd;
}

static void
set_command_error (struct command *cmd, int error)
{
  if (cmd->error == 0)
    cmd->error = error;
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
      set_command_error (cmd, EPROTO);
      return 0;
    }
  }
  r = realloc (cmd->covered, (cmd->nr_covered + 1) * sizeof *r);
  if (r == NULL) {
    set_error (errno, "realloc");
    return -1;
  }
  cmd->covered = r;
  r[cmd->nr_covered++] = (struct covered_range) { offset, length };
  cmd->data_seen += length;
  return 0;
}

/* A read must come back whole. */
static void
check_coverage (struct command *cmd)
{
  if (cmd->type == NBD_CMD_READ && cmd->error == 0 &&
      cmd->data_seen < cmd->count)
    cmd->error = EIO;
}

/* The reply is over: complete the command on its last reply. */
static int
reply_done (struct nbd_handle *h, bool last)
{
  if (last) {
    check_coverage (h->reply_cmd);
    nbd_internal_complete (h, h->reply_cmd);
  }
  h->reply_cmd = NULL;
  h->state = STATE_READY;
  return 0;
}

static int
simple_reply (struct nbd_handle *h)
{
  struct command *cmd;
  uint32_t error = be32toh (h->reply.simple.error);

  cmd = reply_command (h, be64toh (h->reply.simple.cookie));
  if (cmd == NULL)
    return -1;
  h->reply_cmd = cmd;
  h->chunks_received++;
  if (error) {
    set_command_error (cmd, nbd_internal_errno_of_nbd (error));
    return reply_done (h, true);
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

  /* A call that issues a command only sends it: replies are read when
   * the caller polls or notifies, as libnbd does, so that no completion
   * callback runs inside an nbd_aio_* call.
   */
  if (h->issuing && h->rlen == sizeof h->reply.simple)
    return 1;
  r = nbd_internal_recv (h);

  if (r == 1 && h->rlen == sizeof h->reply.simple &&
      (h->sending || h->cmds_to_issue)) {
    /* No reply has begun: send what is queued meanwhile. */
    h->state = STATE_SEND_REQUEST;
    return 0;
  }
  if (r != 0)
    return r;
  magic = be32toh (h->reply.simple.magic);
  switch (magic) {
  case NBD_SIMPLE_REPLY_MAGIC:
    return simple_reply (h);
  case NBD_STRUCTURED_REPLY_MAGIC:
    if (!h->structured_replies || h->extended_headers)
      break;
    RECV_INTO (h, h->reply.bytes + sizeof h->reply.simple,
               sizeof h->reply.structured - sizeof h->reply.simple);
    h->state = STATE_RECV_REPLY_REST;
    return 0;
  case NBD_EXTENDED_REPLY_MAGIC:
    if (!h->extended_headers)
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
  call_chunk (h, cmd->data, cmd->count, cmd->offset, LIBNBD_READ_DATA, 0);
  return reply_done (h, true);
}

/* The chunk's part of the command's range, checked. */
static bool
chunk_in_range (struct nbd_handle *h, uint64_t offset, uint64_t length)
{
  struct command *cmd = h->reply_cmd;

  if (offset < cmd->offset || length > cmd->count ||
      offset - cmd->offset > cmd->count - length) {
    set_error (EPROTO, "a reply chunk for %" PRIu64 " bytes at %" PRIu64
               " lies outside the request", length, offset);
    return false;
  }
  return true;
}

int
nbd_internal_state_RECV_REPLY_REST (struct nbd_handle *h)
{
  struct command *cmd;
  uint64_t cookie;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  h->chunks_received++;
  if (h->extended_headers) {
    cookie = be64toh (h->reply.extended.cookie);
    h->chunk_flags = be16toh (h->reply.extended.flags);
    h->chunk_type = be16toh (h->reply.extended.type);
    h->chunk_length = be64toh (h->reply.extended.length);
  }
  else {
    cookie = be64toh (h->reply.structured.cookie);
    h->chunk_flags = be16toh (h->reply.structured.flags);
    h->chunk_type = be16toh (h->reply.structured.type);
    h->chunk_length = be32toh (h->reply.structured.length);
  }
  cmd = reply_command (h, cookie);
  if (cmd == NULL)
    return -1;
  h->reply_cmd = cmd;

  switch (h->chunk_type) {
  case NBD_REPLY_TYPE_NONE:
    if (h->chunk_length != 0 || !(h->chunk_flags & NBD_REPLY_FLAG_DONE)) {
      set_error (EPROTO, "a NONE chunk must be empty and the last");
      return -1;
    }
    return reply_done (h, true);
  case NBD_REPLY_TYPE_OFFSET_DATA:
    if (cmd->type != NBD_CMD_READ || h->chunk_length <= 8) {
      set_error (EPROTO, "a data chunk answers a command that is not a "
                 "read, or holds no data");
      return -1;
    }
    RECV_INTO (h, &h->chunk_offset, sizeof h->chunk_offset);
    h->state = STATE_RECV_CHUNK_OFFSET;
    return 0;
  }
  if (h->chunk_length > MAX_CHUNK_PAYLOAD) {
    set_error (EPROTO, "a reply chunk of %" PRIu64 " bytes is too large",
               h->chunk_length);
    return -1;
  }
  free (h->payload);
  h->payload = malloc (h->chunk_length + 1);
  if (h->payload == NULL) {
    set_error (errno, "malloc");
    return -1;
  }
  h->payload[h->chunk_length] = '\0';
  RECV_INTO (h, h->payload, h->chunk_length);
  h->state = STATE_RECV_CHUNK_PAYLOAD;
  return 0;
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
    return -1;
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
    set_command_error (cmd, error ? error : EPROTO);
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
              length, h->chunk_offset, LIBNBD_READ_DATA, 0);
  return reply_done (h, h->chunk_flags & NBD_REPLY_FLAG_DONE);
}

static int
hole_chunk (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  uint64_t offset;
  uint32_t length;

  if (cmd->type != NBD_CMD_READ || h->chunk_length != 12) {
    set_error (EPROTO, "a hole chunk is malformed or answers a command "
               "that is not a read");
    return -1;
  }
  memcpy (&offset, h->payload, 8);
  memcpy (&length, h->payload + 8, 4);
  offset = be64toh (offset);
  length = be32toh (length);
  if (length == 0 || !chunk_in_range (h, offset, length))
    return -1;
  if (cover (h, offset, length) == -1)
    return -1;
  memset ((char *) cmd->data + (offset - cmd->offset), 0, length);
  call_chunk (h, (char *) cmd->data + (offset - cmd->offset), length,
              offset, LIBNBD_READ_HOLE, 0);
  return 0;
}

static int
error_chunk (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  uint32_t error;
  uint16_t msglen;
  size_t fixed = 6;
  int err;

  if (h->chunk_length < fixed)
    goto bad;
  memcpy (&error, h->payload, 4);
  memcpy (&msglen, h->payload + 4, 2);
  msglen = be16toh (msglen);
  if (h->chunk_type == NBD_REPLY_TYPE_ERROR_OFFSET)
    fixed += 8;
  if (h->chunk_length != fixed + msglen)
    goto bad;
  err = nbd_internal_errno_of_nbd (be32toh (error));
  if (err == 0)
    goto bad;
  debug (h, "the server reported an error: %.*s", (int) msglen,
         h->payload + 6);
  if (h->chunk_type == NBD_REPLY_TYPE_ERROR_OFFSET &&
      cmd->type == NBD_CMD_READ) {
    uint64_t offset;

    memcpy (&offset, h->payload + 6 + msglen, 8);
    offset = be64toh (offset);
    if (!chunk_in_range (h, offset, 0))
      return -1;
    call_chunk (h, (char *) cmd->data + (offset - cmd->offset), 0, offset,
                LIBNBD_READ_ERROR, err);
  }
  set_command_error (cmd, err);
  return 0;
 bad:
  set_error (EPROTO, "an error chunk is malformed");
  return -1;
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
  case NBD_REPLY_TYPE_ERROR:
  case NBD_REPLY_TYPE_ERROR_OFFSET:
    r = error_chunk (h);
    break;
  case NBD_REPLY_TYPE_BLOCK_STATUS:
  case NBD_REPLY_TYPE_BLOCK_STATUS_EXT:
    if ((h->chunk_type == NBD_REPLY_TYPE_BLOCK_STATUS_EXT) !=
        h->extended_headers) {
      set_error (EPROTO, "the block status chunk's form does not match "
                 "the headers negotiated");
      return -1;
    }
    r = nbd_internal_block_status_chunk (h);
    break;
  default:
    if (!NBD_REPLY_TYPE_IS_ERR (h->chunk_type)) {
      set_error (EPROTO, "reply chunk type %u is unknown", h->chunk_type);
      return -1;
    }
    /* An error type we do not know still fails the command. */
    r = h->chunk_length >= 4 ? 0 : -1;
    if (r == 0) {
      uint32_t error;

      memcpy (&error, h->payload, 4);
      set_command_error (h->reply_cmd,
                         nbd_internal_errno_of_nbd (be32toh (error)));
    }
    else
      set_error (EPROTO, "an error chunk is malformed");
  }
  if (r == -1)
    return -1;
  return reply_done (h, h->chunk_flags & NBD_REPLY_FLAG_DONE);
}
