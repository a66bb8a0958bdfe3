/* The asynchronous commands: each checks its request, queues it and
 * returns the command's cookie.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Queue a command and start sending it.  Returns its cookie. */
int64_t
nbd_internal_issue (struct nbd_handle *h, struct command *cmd,
                    nbd_completion_callback *completion)
{
  uint64_t cookie = cmd->cookie;

  if (h->disconnect_queued && cmd->type != NBD_CMD_DISC) {
    set_error (EINVAL, "the connection is being shut down");
    nbd_internal_recycle_command (h, cmd);
    return -1;
  }
  if (completion)
    MOVE_CALLBACK (cmd->completion, completion);
  nbd_internal_list_append (&h->cmds_to_issue, cmd);
  h->nr_unfinished++;
  if (nbd_internal_large_read (cmd))
    h->large_reads_unfinished++;
  /* While earlier commands wait for replies, a new one is held back,
   * so that those issued before the machine next runs go out in one
   * system call: the caller's next poll, notify call or synchronous
   * wait sends them, and so does the next reply, which is due since
   * commands are in flight.  nbd_aio_get_direction asks for POLLOUT
   * meanwhile, so that an event loop comes back for them at once.  A
   * thread blocked in nbd_poll or in a synchronous wait would not
   * notice them, so while one is, they go now.
   */
  if (h->state != STATE_READY &&
      !(h->pollers && nbd_internal_requests_held (h)))
    return cookie;
  /* Running the machine may complete the command, and its completion
   * callback may retire it: only the cookie is safe to use after.
   *
   * Once queued, the command belongs to the connection.  If sending it
   * finds the connection dead, the command fails through its callback
   * like every other command in flight, and the call still returns the
   * cookie: a call that fails must never reach its completion callback,
   * as libnbd promises, so it cannot fail after the callback ran.
   */
  if (nbd_internal_run (h, EVENT_COMMAND) == -1)
    debug (h, "the connection died while the command was sent: %s",
           nbd_unlocked_get_error ());
  return cookie;
}

/* Under LIBNBD_STRICT_AUTO_FLAG, PAYLOAD_LEN is the library's business:
 * as in libnbd, a write carries it exactly when extended headers are
 * in use, and no other command but a filtered block status (see
 * filter_flags) ever does.  Otherwise the caller's flags go as given.
 */
static uint32_t
wire_flags (struct nbd_handle *h, uint16_t type, uint32_t flags)
{
  if (!(h->strict & LIBNBD_STRICT_AUTO_FLAG))
    return flags;
  flags &= ~LIBNBD_CMD_FLAG_PAYLOAD_LEN;
  if (type == NBD_CMD_WRITE &&
      reply_format_at_least (h, REPLY_EXTENDED))
    flags |= LIBNBD_CMD_FLAG_PAYLOAD_LEN;
  return flags;
}

static int64_t
issue (struct nbd_handle *h, uint16_t type, uint32_t flags, uint64_t offset,
       uint64_t count, void *data, nbd_chunk_callback *chunk,
       nbd_completion_callback *completion)
{
  struct command *cmd;

  flags = wire_flags (h, type, flags);
  if (nbd_internal_check_command (h, type, flags, offset, count) == -1)
    return -1;
  cmd = nbd_internal_new_command (h, type, flags, offset, count);
  if (cmd == NULL)
    return -1;
  cmd->data = data;
  cmd->clear_on_failure = type == NBD_CMD_READ && h->pread_initialize;
  if (type == NBD_CMD_WRITE) {
    cmd->payload = data;
    cmd->payload_len = count;
  }
  if (chunk)
    MOVE_CALLBACK (cmd->chunk, chunk);
  return nbd_internal_issue (h, cmd, completion);
}

static int64_t
issue_read (struct nbd_handle *h, void *buf, size_t count, uint64_t offset,
            nbd_chunk_callback *chunk, nbd_completion_callback *completion,
            uint32_t flags)
{
  int64_t cookie = issue (h, NBD_CMD_READ, flags, offset, count, buf,
                         chunk, completion);

  /* Whatever the server fails to fill must not be stale memory.  A
   * read that succeeds fills every byte, so the buffer is cleared only
   * for one that fails: here if the call does, else as the command
   * completes (nbd_internal_complete).  Clearing it up front would
   * cost a pass over every buffer read into, a tenth of the time of a
   * large read.
   */
  if (cookie == -1 && h->pread_initialize)
    memset (buf, 0, count);
  return cookie;
}

int64_t
nbd_unlocked_aio_pread (struct nbd_handle *h, void *buf, size_t count,
                        uint64_t offset,
                        nbd_completion_callback *completion, uint32_t flags)
{
  return issue_read (h, buf, count, offset, NULL, completion, flags);
}

int64_t
nbd_unlocked_aio_pread_structured (struct nbd_handle *h, void *buf,
                                   size_t count, uint64_t offset,
                                   nbd_chunk_callback *chunk,
                                   nbd_completion_callback *completion,
                                   uint32_t flags)
{
  return issue_read (h, buf, count, offset, chunk, completion, flags);
}

int64_t
nbd_unlocked_aio_pwrite (struct nbd_handle *h, const void *buf, size_t count,
                         uint64_t offset,
                         nbd_completion_callback *completion, uint32_t flags)
{
  return issue (h, NBD_CMD_WRITE, flags, offset, count, (void *) buf, NULL,
                completion);
}

int64_t
nbd_unlocked_aio_flush (struct nbd_handle *h,
                        nbd_completion_callback *completion, uint32_t flags)
{
  return issue (h, NBD_CMD_FLUSH, flags, 0, 0, NULL, NULL, completion);
}

int64_t
nbd_unlocked_aio_trim (struct nbd_handle *h, uint64_t count, uint64_t offset,
                       nbd_completion_callback *completion, uint32_t flags)
{
  return issue (h, NBD_CMD_TRIM, flags, offset, count, NULL, NULL,
                completion);
}

int64_t
nbd_unlocked_aio_cache (struct nbd_handle *h, uint64_t count, uint64_t offset,
                        nbd_completion_callback *completion, uint32_t flags)
{
  return issue (h, NBD_CMD_CACHE, flags, offset, count, NULL, NULL,
                completion);
}

int64_t
nbd_unlocked_aio_zero (struct nbd_handle *h, uint64_t count, uint64_t offset,
                       nbd_completion_callback *completion, uint32_t flags)
{
  return issue (h, NBD_CMD_WRITE_ZEROES, flags, offset, count, NULL, NULL,
                completion);
}

/* The flags of a filtered block status, or -1.  The filter travels as
 * the request's payload, which needs extended headers and PAYLOAD_LEN.
 * The checks are libnbd's, in its order, except the last: with strict
 * mode off libnbd would send a filter the server cannot tell from the
 * next request.
 */
static int64_t
filter_flags (struct nbd_handle *h, uint32_t flags)
{
  if (h->strict & LIBNBD_STRICT_AUTO_FLAG) {
    if (!reply_format_at_least (h, REPLY_EXTENDED)) {
      set_error (ENOTSUP, "the server does not support extended headers, "
                 "which a filter needs");
      return -1;
    }
    flags |= LIBNBD_CMD_FLAG_PAYLOAD_LEN;
  }
  if ((h->strict & LIBNBD_STRICT_COMMANDS) &&
      !(h->eflags & NBD_FLAG_BLOCK_STATUS_PAYLOAD)) {
    set_error (EINVAL, "the server cannot filter block status");
    return -1;
  }
  if (!reply_format_at_least (h, REPLY_EXTENDED) ||
      !(flags & LIBNBD_CMD_FLAG_PAYLOAD_LEN)) {
    set_error (EINVAL, "flags: a filter is sent only with PAYLOAD_LEN, "
               "under extended headers");
    return -1;
  }
  return flags;
}

/* The payload of a filtered block status: the effect length, then the
 * id of each context named, all of which must have been negotiated.
 * An empty filter is the server's to refuse, as in libnbd.
 */
static char *
filter_payload (struct nbd_handle *h, char **contexts, uint64_t count,
                size_t *len)
{
  size_t n = 0, i;
  char *payload, *p;
  uint32_t id;

  while (contexts[n])
    n++;
  *len = 8 + 4 * n;
  payload = p = malloc (*len);
  if (payload == NULL) {
    set_error (errno, "malloc");
    return NULL;
  }
  count = htobe64 (count);
  memcpy (p, &count, 8);
  p += 8;
  for (i = 0; i < n; i++, p += 4) {
    const struct meta_context *ctx =
      nbd_internal_meta_context_by_name (h, contexts[i]);

    if (ctx == NULL) {
      set_error (EINVAL, "contexts: %s was not negotiated", contexts[i]);
      free (payload);
      return NULL;
    }
    id = htobe32 (ctx->id);
    memcpy (p, &id, 4);
  }
  return payload;
}

/* Block status needs a context the server agreed to, to report on.
 * A filter, when given, travels as the request's payload: the effect
 * length, then the ids of the contexts wanted.
 */
static int64_t
issue_block_status (struct nbd_handle *h, uint64_t count, uint64_t offset,
                    nbd_extent_callback *extent,
                    nbd_extent64_callback *extent64, char **filter,
                    nbd_completion_callback *completion, uint32_t flags)
{
  struct command *cmd;
  char *payload = NULL;
  size_t len = 0;

  if ((h->strict & LIBNBD_STRICT_COMMANDS) && h->nr_meta_contexts == 0) {
    set_error (ENOTSUP, "no meta context was negotiated with the server, "
               "so it has no block status to report");
    return -1;
  }
  if (nbd_internal_check_command (h, NBD_CMD_BLOCK_STATUS, flags, offset,
                                  count) == -1)
    return -1;
  if (filter) {
    int64_t wanted = filter_flags (h, flags);

    if (wanted == -1)
      return -1;
    flags = wanted;
    payload = filter_payload (h, filter, count, &len);
    if (payload == NULL)
      return -1;
  }
  else
    flags = wire_flags (h, NBD_CMD_BLOCK_STATUS, flags);
  cmd = nbd_internal_new_command (h, NBD_CMD_BLOCK_STATUS, flags, offset,
                                  count);
  if (cmd == NULL) {
    free (payload);
    return -1;
  }
  cmd->payload = cmd->owned_payload = payload;
  cmd->payload_len = len;
  if (extent)
    MOVE_CALLBACK (cmd->extent, extent);
  if (extent64)
    MOVE_CALLBACK (cmd->extent64, extent64);
  return nbd_internal_issue (h, cmd, completion);
}

int64_t
nbd_unlocked_aio_block_status (struct nbd_handle *h, uint64_t count,
                               uint64_t offset, nbd_extent_callback *extent,
                               nbd_completion_callback *completion,
                               uint32_t flags)
{
  return issue_block_status (h, count, offset, extent, NULL, NULL,
                             completion, flags);
}

int64_t
nbd_unlocked_aio_block_status_64 (struct nbd_handle *h, uint64_t count,
                                  uint64_t offset,
                                  nbd_extent64_callback *extent64,
                                  nbd_completion_callback *completion,
                                  uint32_t flags)
{
  return issue_block_status (h, count, offset, NULL, extent64, NULL,
                             completion, flags);
}

int64_t
nbd_unlocked_aio_block_status_filter (struct nbd_handle *h, uint64_t count,
                                      uint64_t offset, char **contexts,
                                      nbd_extent64_callback *extent64,
                                      nbd_completion_callback *completion,
                                      uint32_t flags)
{
  return issue_block_status (h, count, offset, NULL, extent64, contexts,
                             completion, flags);
}
