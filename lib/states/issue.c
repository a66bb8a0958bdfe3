/* Sending a command's request, then any data it carries.  A write whose
 * data the socket will not take yet gives way to reading replies, so
 * that a server blocked on sending them cannot deadlock the two sides.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "states/set-state.h"

/* Requests queued together go out together, as many as fit in the
 * send buffer, each header followed by its data when that is small:
 * a system call per batch costs far less than one per request, and
 * copying a small write's data costs less than a call of its own.
 * Larger data is sent from the caller's buffer, after its header.
 */
#define SMALL_WRITE (16 * 1024)

static size_t
header_length (const struct nbd_handle *h)
{
  return reply_format_at_least (h, REPLY_EXTENDED) ?
    sizeof (struct nbd_request_ext) : sizeof (struct nbd_request);
}

/* The request header of cmd, header_length bytes at hdr. */
static void
build_header (struct nbd_handle *h, const struct command *cmd,
              union request_header *hdr)
{
  if (reply_format_at_least (h, REPLY_EXTENDED)) {
    hdr->ext = (struct nbd_request_ext) {
      .magic = htobe32 (NBD_EXTENDED_REQUEST_MAGIC),
      .flags = htobe16 (cmd->flags),
      .type = htobe16 (cmd->type),
      .cookie = htobe64 (cmd->cookie),
      .offset = htobe64 (cmd->offset),
      .count = htobe64 (cmd->flags & LIBNBD_CMD_FLAG_PAYLOAD_LEN ?
                        cmd->payload_len : cmd->count),
    };
    return;
  }
  hdr->compact = (struct nbd_request) {
    .magic = htobe32 (NBD_REQUEST_MAGIC),
    .flags = htobe16 (cmd->flags),
    .type = htobe16 (cmd->type),
    .cookie = htobe64 (cmd->cookie),
    .offset = htobe64 (cmd->offset),
    .count = htobe32 (cmd->count),
  };
}

/* A disconnect goes alone, since the half-close must follow it at
 * once, and so does a command whose data is sent from the caller.
 */
static bool
batchable (const struct command *cmd)
{
  return cmd->type != NBD_CMD_DISC && cmd->payload_len <= SMALL_WRITE;
}

/* Write the queued requests that fit into the send buffer, and count
 * their commands as in flight already: no reply can come before the
 * server has a request whole, and the command is then there to find.
 * False if there is nothing to batch, or no memory for the buffer.
 */
static bool
start_batch (struct nbd_handle *h)
{
  size_t len = header_length (h), used = 0;
  struct command *cmd;

  if (h->sendbuf == NULL &&
      (h->sendbuf = malloc (SEND_BUFFER_SIZE)) == NULL)
    return false;
  while ((cmd = h->cmds_to_issue.first) != NULL && batchable (cmd)) {
    if (used + len + cmd->payload_len > SEND_BUFFER_SIZE)
      break;
    /* The header structs are packed, so any address will do. */
    build_header (h, cmd, (union request_header *) (h->sendbuf + used));
    if (cmd->payload_len)
      memcpy (h->sendbuf + used + len, cmd->payload, cmd->payload_len);
    used += len + cmd->payload_len;
    nbd_internal_list_take_first (&h->cmds_to_issue);
    nbd_internal_put_in_flight (h, cmd, false);
    h->batch_requests++;
  }
  if (used == 0)
    return false;
  SEND_FROM (h, h->sendbuf, used);
  return true;
}

/* The first queued command, on its own: its header now, its data (if
 * any) when the header is out.
 */
static void
start_alone (struct nbd_handle *h)
{
  struct command *cmd = nbd_internal_list_take_first (&h->cmds_to_issue);

  h->sending = cmd;
  h->sending_payload = false;
  build_header (h, cmd, &h->scratch.request);
  SEND_FROM (h, &h->scratch.request, header_length (h));
}

static bool
replies_waiting (struct nbd_handle *h)
{
  struct pollfd pfd = { .fd = h->fd, .events = POLLIN };

  if (!h->cmds_in_flight.first)
    return false;
  if (nbd_internal_input_pending (h))
    return true;
  if (poll (&pfd, 1, 0) != 1)
    return false;
  h->recv_drained = false;
  return true;
}

/* A batch is out: its commands are already in flight. */
static int
batch_sent (struct nbd_handle *h)
{
  h->chunks_sent += h->batch_requests;
  h->batch_requests = 0;
  nbd_internal_set_state (h, STATE_READY);
  return 0;
}

/* The request of the command sent alone is out: its data next, if it
 * has any.
 */
static int
alone_sent (struct nbd_handle *h)
{
  struct command *cmd = h->sending;

  if (!h->sending_payload && cmd->payload_len > 0) {
    h->sending_payload = true;
    SEND_FROM (h, cmd->payload, cmd->payload_len);
    return 0;
  }
  h->chunks_sent++;
  h->sending = NULL;
  nbd_internal_set_state (h, STATE_READY);
  if (cmd->type == NBD_CMD_DISC) {
    /* No reply comes to a disconnect, and nothing more is sent: say
     * so (a TLS close_notify, or a half-close) while the server still
     * listens.
     */
    h->disconnect_sent = true;
    h->transport->shutdown (h);
    /* With no reply owed, the server's next word is its close, which
     * takes it a moment: poll for it rather than look at once.
     */
    if (h->cmds_in_flight.first == NULL)
      h->recv_drained = true;
    nbd_internal_complete (h, cmd);
    return 0;
  }
  nbd_internal_put_in_flight (h, cmd, false);
  return 0;
}

int
nbd_internal_state_SEND_REQUEST (struct nbd_handle *h)
{
  int r;

  if (h->sending == NULL && h->batch_requests == 0 && !start_batch (h))
    start_alone (h);
  r = nbd_internal_send (h);
  if (r == -1)
    return -1;
  if (r == 1) {
    /* A call that issues a command leaves the replies to the poll. */
    if (h->event != EVENT_COMMAND && replies_waiting (h)) {
      nbd_internal_begin_reply (h);
      return 0;
    }
    return 1;
  }
  if (h->batch_requests)
    return batch_sent (h);
  return alone_sent (h);
}
