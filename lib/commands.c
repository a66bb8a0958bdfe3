/* Commands from issue to retirement: checking and queueing a request,
 * completing it when its last reply arrives, and the calls that ask
 * about commands (completed, peek, in flight).
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

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

static void
append (struct command **list, struct command *cmd)
{
  while (*list)
    list = &(*list)->next;
  cmd->next = NULL;
  *list = cmd;
}

static struct command *
unlink_cookie (struct command **list, uint64_t cookie)
{
  for (; *list; list = &(*list)->next) {
    if ((*list)->cookie == cookie) {
      struct command *cmd = *list;

      *list = cmd->next;
      cmd->next = NULL;
      return cmd;
    }
  }
  return NULL;
}

/* The command a reply names, taken out of the in-flight list while
 * its reply is read (see reply_cmd).
 */
struct command *
nbd_internal_take_in_flight (struct nbd_handle *h, uint64_t cookie)
{
  return unlink_cookie (&h->cmds_in_flight, cookie);
}

static void
free_data_callbacks (struct command *cmd)
{
  FREE_CALLBACK (cmd->chunk);
  FREE_CALLBACK (cmd->extent);
  FREE_CALLBACK (cmd->extent64);
}

static void
free_command (struct command *cmd)
{
  free_data_callbacks (cmd);
  FREE_CALLBACK (cmd->completion);
  free (cmd->owned_payload);
  free (cmd->covered);
  free (cmd->error_message);
  free (cmd);
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

  if (cmd->type == NBD_CMD_DISC) {
    /* Nobody waits for a disconnect that never went out. */
    free_command (cmd);
    return;
  }
  free_data_callbacks (cmd);
  if (cmd->completion.callback)
    retire = cmd->completion.callback (cmd->completion.user_data, &error);
  if (retire == 1)
    free_command (cmd);
  else
    append (&h->cmds_done, cmd);
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
fail_list (struct nbd_handle *h, struct command **list, int error)
{
  while (*list) {
    struct command *cmd = *list;

    *list = cmd->next;
    fail_ended (h, cmd, error);
  }
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
  struct command *cmd = calloc (1, sizeof *cmd);

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

/* Queue a command and start sending it.  Returns its cookie. */
int64_t
nbd_internal_issue (struct nbd_handle *h, struct command *cmd,
                    nbd_completion_callback *completion)
{
  uint64_t cookie = cmd->cookie;

  if (h->disconnect_queued && cmd->type != NBD_CMD_DISC) {
    set_error (EINVAL, "the connection is being shut down");
    free_command (cmd);
    return -1;
  }
  if (completion)
    MOVE_CALLBACK (cmd->completion, completion);
  append (&h->cmds_to_issue, cmd);
  /* Running the machine may complete the command, and its completion
   * callback may retire it: only the cookie is safe to use after.
   *
   * Once queued, the command belongs to the connection.  If sending it
   * finds the connection dead, the command fails through its callback
   * like every other command in flight, and the call still returns the
   * cookie: a call that fails must never reach its completion callback,
   * as libnbd promises, so it cannot fail after the callback ran.
   */
  h->issuing = true;
  if (nbd_internal_run (h) == -1)
    debug (h, "the connection died while the command was sent: %s",
           nbd_unlocked_get_error ());
  h->issuing = false;
  return cookie;
}

int
nbd_unlocked_aio_command_completed (struct nbd_handle *h, uint64_t cookie)
{
  struct command *cmd = unlink_cookie (&h->cmds_done, cookie);
  int error;

  if (cmd == NULL)
    return 0;
  error = cmd->error;
  if (error)
    set_error (error, "%s", cmd->error_message ? cmd->error_message :
               "the command failed");
  free_command (cmd);
  return error ? -1 : 1;
}

/* Retire a completed command without reporting its error, when the
 * caller already has a better one to give.
 */
void
nbd_internal_forget_command (struct nbd_handle *h, uint64_t cookie)
{
  struct command *cmd = unlink_cookie (&h->cmds_done, cookie);

  if (cmd)
    free_command (cmd);
}

int64_t
nbd_unlocked_aio_peek_command_completed (struct nbd_handle *h)
{
  if (h->cmds_done)
    return h->cmds_done->cookie;
  if (nbd_unlocked_aio_in_flight (h) == 0) {
    set_error (EINVAL, "no commands are in flight");
    return -1;
  }
  return 0;
}

int
nbd_unlocked_aio_in_flight (struct nbd_handle *h)
{
  struct command *cmd;
  int n = (h->sending != NULL) + (h->reply_cmd != NULL);

  for (cmd = h->cmds_to_issue; cmd; cmd = cmd->next)
    n++;
  for (cmd = h->cmds_in_flight; cmd; cmd = cmd->next)
    n++;
  return n;
}

/* Free every command still held, when the handle closes. */
void
nbd_internal_free_commands (struct nbd_handle *h)
{
  nbd_internal_fail_all_commands (h, ENOTCONN);
  while (h->cmds_done) {
    struct command *cmd = h->cmds_done;

    h->cmds_done = cmd->next;
    free_command (cmd);
  }
}
