/* Commands from issue to retirement: checking and queueing a request,
 * completing it when its last reply arrives, and the calls that ask
 * about commands (completed, peek, in flight).
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The protocol's error numbers, as the errno values they stand for. */
int
nbd_internal_errno_of_nbd (uint32_t error)
{
  switch (error) {
  case NBD_SUCCESS: return 0;
  case NBD_EPERM: return EPERM;
  case NBD_EIO: return EIO;
  case NBD_ENOMEM: return ENOMEM;
  case NBD_EINVAL: return EINVAL;
  case NBD_ENOSPC: return ENOSPC;
  case NBD_EOVERFLOW: return EOVERFLOW;
  case NBD_ENOTSUP: return ENOTSUP;
  case NBD_ESHUTDOWN: return ESHUTDOWN;
  default: return EINVAL;
  }
}

/* A server with many threads answers far out of order: for 4 KiB
 * reads at queue depth 64 against nbdkit's 16 threads, the reply's
 * command lay 12.7 deep in the in-flight list on average, and the
 * search took 0.6-0.9% of the CPU (1.2% at depth 128; with the slots,
 * 0.3% and 0.4%).  Cookies are handed out one after another, so the
 * commands in flight mostly differ modulo IN_FLIGHT_SLOTS, and the
 * slot of a cookie finds its command at once; a command whose slot an
 * older one holds is left to the search.
 */
static struct command **
in_flight_slot (struct nbd_handle *h, uint64_t cookie)
{
  return &h->in_flight_slots[cookie % IN_FLIGHT_SLOTS];
}

/* A command is in flight: at the end of the line, or at its head when
 * first_in_line (the rest of its reply is likely the next to come).
 */
void
nbd_internal_put_in_flight (struct nbd_handle *h, struct command *cmd,
                            bool first_in_line)
{
  struct command **slot = in_flight_slot (h, cmd->cookie);

  if (first_in_line)
    nbd_internal_list_prepend (&h->cmds_in_flight, cmd);
  else
    nbd_internal_list_append (&h->cmds_in_flight, cmd);
  if (*slot == NULL)
    *slot = cmd;
}

/* The command a reply names, taken out of the in-flight list while
 * its reply is read (see reply_cmd).
 */
struct command *
nbd_internal_take_in_flight (struct nbd_handle *h, uint64_t cookie)
{
  struct command **slot = in_flight_slot (h, cookie);
  struct command *cmd = *slot;

  if (cmd == NULL || cmd->cookie != cookie)
    return nbd_internal_list_take_cookie (&h->cmds_in_flight, cookie);
  *slot = NULL;
  nbd_internal_list_remove (&h->cmds_in_flight, cmd);
  return cmd;
}

static void
free_data_callbacks (struct command *cmd)
{
  FREE_CALLBACK (cmd->chunk);
  FREE_CALLBACK (cmd->extent);
  FREE_CALLBACK (cmd->extent64);
}

/* Commands kept for reuse: enough for a deep queue, no more. */
#define MAX_SPARE_COMMANDS 256

static void
destroy_command (struct command *cmd)
{
  free (cmd->covered);
  free (cmd);
}

/* Retire a command: its callbacks are freed, and the struct is kept
 * for the next command, with its room for covered ranges.
 */
void
nbd_internal_recycle_command (struct nbd_handle *h, struct command *cmd)
{
  free_data_callbacks (cmd);
  FREE_CALLBACK (cmd->completion);
  free (cmd->owned_payload);
  free (cmd->error_message);
  if (h->nr_spare_commands >= MAX_SPARE_COMMANDS) {
    destroy_command (cmd);
    return;
  }
  cmd->next = h->spare_commands;
  h->spare_commands = cmd;
  h->nr_spare_commands++;
}

/* A command as new, from the spares if there is one. */
static struct command *
alloc_command (struct nbd_handle *h)
{
  struct command *cmd = h->spare_commands;
  struct covered_range *covered;
  size_t room;

  if (cmd == NULL)
    return calloc (1, sizeof *cmd);
  assert (h->nr_spare_commands > 0);
  h->spare_commands = cmd->next;
  h->nr_spare_commands--;
  covered = cmd->covered;
  room = cmd->covered_room;
  *cmd = (struct command) { .covered = covered, .covered_room = room };
  return cmd;
}

/* Something went wrong with a command: remember the first error and
 * what it was, for the caller who retires the command.  Without a
 * command (a reply to a cookie not in flight) it is only worth a debug
 * message.
 */
void
nbd_internal_command_verror (struct nbd_handle *h, struct command *cmd,
                             int errnum, const char *fmt, va_list args)
{
  char *msg;

  if (vasprintf (&msg, fmt, args) == -1)
    msg = NULL;
  debug (h, "%s", msg ? msg : fmt);
  if (cmd && cmd->error == 0) {
    cmd->error = errnum;
    cmd->error_message = msg;
    msg = NULL;
  }
  free (msg);
}

void
nbd_internal_command_error (struct nbd_handle *h, struct command *cmd,
                            int errnum, const char *fmt, ...)
{
  va_list args;

  va_start (args, fmt);
  nbd_internal_command_verror (h, cmd, errnum, fmt, args);
  va_end (args);
}

/* The last reply is in: tell the caller, then retire the command if the
 * completion callback asked for that by returning 1.  The command is
 * on no list by now.
 */
void
nbd_internal_complete (struct nbd_handle *h, struct command *cmd)
{
  int error = cmd->error;
  int retire = 0;

  assert (h->nr_unfinished > 0);
  h->nr_unfinished--;
  if (nbd_internal_large_read (cmd))
    h->large_reads_unfinished--;
  assert (h->large_reads_unfinished <= h->nr_unfinished);
  if (cmd->type == NBD_CMD_DISC) {
    /* Nobody waits for a disconnect: once sent, it gets no reply. */
    nbd_internal_recycle_command (h, cmd);
    return;
  }
  /* See issue_read.  A handle being closed leaves buffers alone: the
   * caller may have freed them, and libnbd leaves them alone then too.
   */
  if (error && cmd->clear_on_failure && !h->closing)
    memset (cmd->data, 0, cmd->count);
  /* libnbd's order: the completion callback, then the mid-command
   * callback's free, so that the completion may still use what both
   * share.  nbd_internal_recycle_command frees both.
   */
  if (cmd->completion.callback)
    retire = cmd->completion.callback (cmd->completion.user_data, &error);
  /* Unlike the mid-command callbacks, whose first error stands, the
   * completion callback has the last word on the command's result, as
   * in libnbd.
   */
  if (retire == -1 && error != 0 && error != cmd->error) {
    free (cmd->error_message);
    cmd->error_message = NULL;
    cmd->error = 0;
    nbd_internal_command_error (h, cmd, error,
                                "the completion callback failed");
  }
  if (retire == 1) {
    nbd_internal_recycle_command (h, cmd);
    return;
  }
  free_data_callbacks (cmd);
  nbd_internal_list_append (&h->cmds_done, cmd);
}

/* The command, on no list by now, fails for the reason given. */
void
nbd_internal_fail_command (struct nbd_handle *h, struct command *cmd,
                           int error, const char *why)
{
  nbd_internal_command_error (h, cmd, error, "%s", why);
  nbd_internal_complete (h, cmd);
}

static void
fail_ended (struct nbd_handle *h, struct command *cmd, int error)
{
  nbd_internal_fail_command (h, cmd, error, "the connection ended before "
                             "the command did");
}

/* Fail every command on the list, emptying it. */
static void
fail_list (struct nbd_handle *h, struct command_list *list, int error)
{
  struct command *cmd;

  while ((cmd = nbd_internal_list_take_first (list)) != NULL)
    fail_ended (h, cmd, error);
}

/* The connection is gone: whatever waited on it fails: the command
 * whose reply was being read, those in flight, the request being sent,
 * then those queued.
 */
void
nbd_internal_fail_all_commands (struct nbd_handle *h, int error)
{
  struct command *reading = h->reply_cmd, *sending = h->sending;

  h->reply_cmd = h->sending = NULL;
  memset (h->in_flight_slots, 0, sizeof h->in_flight_slots);
  if (reading)
    fail_ended (h, reading, error);
  fail_list (h, &h->cmds_in_flight, error);
  if (sending)
    fail_ended (h, sending, error);
  fail_list (h, &h->cmds_to_issue, error);
}

/* A command ready to be given its callbacks and issued. */
struct command *
nbd_internal_new_command (struct nbd_handle *h, uint16_t type, uint32_t flags,
                          uint64_t offset, uint64_t count)
{
  struct command *cmd = alloc_command (h);

  if (cmd == NULL) {
    set_error (errno, "calloc");
    return NULL;
  }
  cmd->cookie = ++h->next_cookie;
  cmd->type = type;
  cmd->flags = flags;
  cmd->offset = offset;
  cmd->count = count;
  return cmd;
}

int
nbd_unlocked_aio_command_completed (struct nbd_handle *h, uint64_t cookie)
{
  struct command *cmd;
  int error;

  /* No command ever has cookie 0; an unknown positive cookie is taken,
   * as libnbd takes it, for one still in flight.
   */
  if (cookie == 0) {
    set_error (EINVAL, "0 is not the cookie of any command");
    return -1;
  }
  cmd = nbd_internal_list_take_cookie (&h->cmds_done, cookie);
  if (cmd == NULL)
    return 0;
  error = cmd->error;
  if (error)
    set_error (error, "%s", cmd->error_message ? cmd->error_message :
               "the command failed");
  nbd_internal_recycle_command (h, cmd);
  return error ? -1 : 1;
}

/* Retire a completed command without reporting its error, when the
 * caller already has a better one to give.
 */
void
nbd_internal_forget_command (struct nbd_handle *h, uint64_t cookie)
{
  struct command *cmd = nbd_internal_list_take_cookie (&h->cmds_done,
                                                      cookie);

  if (cmd)
    nbd_internal_recycle_command (h, cmd);
}

int64_t
nbd_unlocked_aio_peek_command_completed (struct nbd_handle *h)
{
  if (h->cmds_done.first)
    return h->cmds_done.first->cookie;
  if (nbd_unlocked_aio_in_flight (h) == 0) {
    set_error (EINVAL, "no commands are in flight");
    return -1;
  }
  return 0;
}

/* Counted as they come and go: callers ask after every poll. */
int
nbd_unlocked_aio_in_flight (struct nbd_handle *h)
{
  return h->nr_unfinished;
}

/* Free every command still held, when the handle closes. */
void
nbd_internal_free_commands (struct nbd_handle *h)
{
  struct command *cmd;

  nbd_internal_fail_all_commands (h, ENOTCONN);
  while ((cmd = nbd_internal_list_take_first (&h->cmds_done)) != NULL)
    nbd_internal_recycle_command (h, cmd);
  while ((cmd = h->spare_commands) != NULL) {
    h->spare_commands = cmd->next;
    destroy_command (cmd);
  }
  h->nr_spare_commands = 0;
}
