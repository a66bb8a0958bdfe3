/* Reading replies: the header, whose magic says simple, structured or
 * extended; simple replies and the data of a read; and what every reply
 * ends with.  The chunks of structured replies are states/chunk.c's.
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

#include <assert.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "states/set-state.h"

void
nbd_internal_begin_reply (struct nbd_handle *h)
{
  RECV_INTO (h, h->reply.bytes, sizeof h->reply.simple);
  nbd_internal_set_state (h, STATE_AWAIT_REPLY);
}

/* A reply's data or payload is partly in, with LARGE_REST bytes or
 * more still to come: the server is still sending it (wait.c).
 */
#define LARGE_REST (16 * 1024)

bool
nbd_internal_large_reply_under_way (const struct nbd_handle *h)
{
  switch (h->state) {
  case STATE_RECV_SIMPLE_DATA:
  case STATE_RECV_CHUNK_DATA:
  case STATE_RECV_CHUNK_PAYLOAD:
    return h->rlen >= LARGE_REST;
  default:
    return false;
  }
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

const char *
nbd_internal_command_name (uint16_t type)
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
int
nbd_internal_reply_done (struct nbd_handle *h, bool last)
{
  struct command *cmd = h->reply_cmd;

  /* The command goes back first in line: its next chunk is likely
   * the next reply.
   */
  if (cmd && !last)
    nbd_internal_put_in_flight (h, cmd, true);
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
  nbd_internal_set_state (h, STATE_READY);
  return 0;
}

/* Drop the rest of the chunk, whose command already knows why. */
int
nbd_internal_skip_rest (struct nbd_handle *h, uint64_t left)
{
  h->discard_left = left;
  RECV_INTO (h, NULL, 0);
  nbd_internal_set_state (h, STATE_RECV_CHUNK_SKIP);
  return 0;
}

/* The chunk cannot be used: its command, if any, fails with EPROTO for
 * the reason given, and the rest of the chunk is dropped.
 */
int
nbd_internal_skip_chunk (struct nbd_handle *h, uint64_t left,
                         const char *fmt, ...)
{
  va_list args;

  va_start (args, fmt);
  nbd_internal_command_verror (h, h->reply_cmd, EPROTO, fmt, args);
  va_end (args);
  return nbd_internal_skip_rest (h, left);
}

int
nbd_internal_state_RECV_CHUNK_SKIP (struct nbd_handle *h)
{
  int r = nbd_internal_discard (h);

  if (r != 0)
    return r;
  return nbd_internal_reply_done (h, h->chunk_flags & NBD_REPLY_FLAG_DONE);
}

/* The server failed the command, in its own words if it gave any. */
void
nbd_internal_server_error (struct nbd_handle *h, int err, const char *msg,
                           size_t len)
{
  if (len)
    nbd_internal_command_error (h, h->reply_cmd, err, "the server "
                                "reported an error: %.*s", (int) len, msg);
  else
    nbd_internal_command_error (h, h->reply_cmd, err, "the server "
                                "reported an error");
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
  return nbd_internal_reply_done (h, false);
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
    nbd_internal_server_error (h, nbd_internal_errno_of_nbd (error), NULL, 0);
    return nbd_internal_reply_done (h, true);
  }
  if (cmd->type == NBD_CMD_READ &&
      reply_format_at_least (h, REPLY_STRUCTURED)) {
    /* Whether data follows cannot be told. */
    set_error (EPROTO, "the server answered a read with a simple reply, "
               "but structured replies were negotiated");
    return -1;
  }
  if (cmd->type == NBD_CMD_READ && cmd->count > 0) {
    cmd->data_seen = cmd->count;
    RECV_INTO (h, cmd->data, cmd->count);
    nbd_internal_set_state (h, STATE_RECV_SIMPLE_DATA);
    return 0;
  }
  return nbd_internal_reply_done (h, true);
}

/* The first bytes of a reply are in: its magic says what follows. */
static int
reply_header (struct nbd_handle *h)
{
  uint32_t magic = be32toh (h->reply.simple.magic);

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
    nbd_internal_set_state (h, STATE_RECV_REPLY_REST);
    return 0;
  case NBD_EXTENDED_REPLY_MAGIC:
    if (!reply_format_at_least (h, REPLY_EXTENDED))
      break;
    RECV_INTO (h, h->reply.bytes + sizeof h->reply.simple,
               sizeof h->reply.extended - sizeof h->reply.simple);
    nbd_internal_set_state (h, STATE_RECV_REPLY_REST);
    return 0;
  }
  set_error (EPROTO, "a reply has magic 0x%" PRIx32 ", which is not one "
             "negotiated", magic);
  return -1;
}

/* No byte of the reply has come yet.  Requests held back meanwhile go
 * first: the server can work on them while this side reads.  A run for
 * a new command only sends: replies are read when the caller polls or
 * notifies, as libnbd does, so that no completion callback runs inside
 * an nbd_aio_* call.
 */
int
nbd_internal_state_AWAIT_REPLY (struct nbd_handle *h)
{
  bool for_command = h->event == EVENT_COMMAND;
  int r;

  assert (h->rlen == sizeof h->reply.simple);
  if (nbd_internal_requests_held (h) ||
      (for_command && nbd_internal_requests_to_send (h))) {
    nbd_internal_set_state (h, STATE_SEND_REQUEST);
    return 0;
  }
  if (for_command)
    return 1;
  r = nbd_internal_recv (h);
  if (r == 1 && h->rlen == sizeof h->reply.simple) {
    /* Nothing came: what was queued meanwhile can go. */
    if (!nbd_internal_requests_to_send (h))
      return 1;
    nbd_internal_set_state (h, STATE_SEND_REQUEST);
    return 0;
  }
  if (r == 1) {
    nbd_internal_set_state (h, STATE_RECV_REPLY);
    return 1;
  }
  if (r == -1)
    return -1;
  return reply_header (h);
}

int
nbd_internal_state_RECV_REPLY (struct nbd_handle *h)
{
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  return reply_header (h);
}

/* Hand a piece of a read to the caller's chunk callback, if any. */
void
nbd_internal_call_chunk (struct nbd_handle *h, const void *buf,
                         uint64_t length, uint64_t offset, unsigned status,
                         int error)
{
  struct command *cmd = h->reply_cmd;

  if (cmd->chunk.callback &&
      cmd->chunk.callback (cmd->chunk.user_data, buf, length, offset,
                           status, &error) == -1)
    nbd_internal_command_error (h, cmd, error ? error : EPROTO,
                                "the chunk callback failed");
}

int
nbd_internal_state_RECV_SIMPLE_DATA (struct nbd_handle *h)
{
  struct command *cmd = h->reply_cmd;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  /* A simple reply is one chunk holding the whole read. */
  nbd_internal_call_chunk (h, cmd->data, cmd->count, cmd->offset,
                           LIBNBD_READ_DATA, cmd->error);
  return nbd_internal_reply_done (h, true);
}

