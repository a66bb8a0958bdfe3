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

/* Writes up to this size go out in one system call with their header,
 * copied behind it in the handle's send buffer: the copy costs less
 * than a second call.  Larger data is sent from the caller's buffer.
 */
#define SMALL_WRITE (16 * 1024)

/* The request header in h->scratch; returns its length. */
static size_t
build_header (struct nbd_handle *h, const struct command *cmd)
{
  if (h->extended_headers) {
    h->scratch.request_ext = (struct nbd_request_ext) {
      .magic = htobe32 (NBD_EXTENDED_REQUEST_MAGIC),
      .flags = htobe16 (cmd->flags),
      .type = htobe16 (cmd->type),
      .cookie = htobe64 (cmd->cookie),
      .offset = htobe64 (cmd->offset),
      .count = htobe64 (cmd->flags & LIBNBD_CMD_FLAG_PAYLOAD_LEN ?
                        cmd->payload_len : cmd->count),
    };
    return sizeof h->scratch.request_ext;
  }
  h->scratch.request = (struct nbd_request) {
    .magic = htobe32 (NBD_REQUEST_MAGIC),
    .flags = htobe16 (cmd->flags),
    .type = htobe16 (cmd->type),
    .cookie = htobe64 (cmd->cookie),
    .offset = htobe64 (cmd->offset),
    .count = htobe32 (cmd->count),
  };
  return sizeof h->scratch.request;
}

static void
start_request (struct nbd_handle *h)
{
  struct command *cmd = h->cmds_to_issue;
  size_t len = build_header (h, cmd);

  h->cmds_to_issue = cmd->next;
  h->sending = cmd;
  h->sending_payload = false;
  if (cmd->payload_len > 0 && cmd->payload_len <= SMALL_WRITE &&
      (h->sendbuf != NULL ||
       (h->sendbuf = malloc (sizeof (struct nbd_request_ext) +
                             SMALL_WRITE)) != NULL)) {
    memcpy (h->sendbuf, &h->scratch, len);
    memcpy (h->sendbuf + len, cmd->payload, cmd->payload_len);
    h->sending_payload = true;
    SEND_FROM (h, h->sendbuf, len + cmd->payload_len);
    return;
  }
  /* Larger data, or no memory for the buffer: the data follows in a
   * call of its own.
   */
  SEND_FROM (h, &h->scratch, len);
}

static bool
replies_waiting (struct nbd_handle *h)
{
  struct pollfd pfd = { .fd = h->fd, .events = POLLIN };

  if (!h->cmds_in_flight)
    return false;
  if (nbd_internal_input_pending (h))
    return true;
  if (poll (&pfd, 1, 0) != 1)
    return false;
  h->recv_drained = false;
  return true;
}

int
nbd_internal_state_SEND_REQUEST (struct nbd_handle *h)
{
  struct command *cmd;
  int r;

  if (h->sending == NULL)
    start_request (h);
  cmd = h->sending;
  r = nbd_internal_send (h);
  if (r == -1)
    return -1;
  if (r == 1) {
    /* A call that issues a command leaves the replies to the poll. */
    if (!h->issuing && replies_waiting (h)) {
      nbd_internal_begin_reply (h);
      return 0;
    }
    return 1;
  }
  if (!h->sending_payload && cmd->payload_len > 0) {
    h->sending_payload = true;
    SEND_FROM (h, cmd->payload, cmd->payload_len);
    return 0;
  }
  h->chunks_sent++;
  h->sending = NULL;
  if (cmd->type == NBD_CMD_DISC) {
    /* No reply comes to a disconnect, and nothing more is sent: say
     * so (a TLS close_notify, or a half-close) while the server still
     * listens.
     */
    h->disconnect_sent = true;
    h->transport->shutdown (h);
    free (cmd);
    h->state = STATE_READY;
    return 0;
  }
  cmd->next = h->cmds_in_flight;
  h->cmds_in_flight = cmd;
  h->state = STATE_READY;
  return 0;
}
