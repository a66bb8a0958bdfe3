/* Ending a connection: nbd_shutdown and nbd_aio_disconnect.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>

#include "internal.h"

/* nbd_shutdown's wait: the connection is over. */
static bool
closed (struct nbd_handle *h, void *arg)
{
  (void) arg;
  return nbd_internal_is_state_closed (h->state) ||
    nbd_internal_is_state_dead (h->state);
}

/* Queue NBD_CMD_DISC behind the commands already queued, so that they
 * are sent first; the connection closes once their replies are in.
 */
int
nbd_unlocked_aio_disconnect (struct nbd_handle *h, uint32_t flags)
{
  struct command *cmd;

  if (flags != 0) {
    set_error (EINVAL, "flags: must be 0");
    return -1;
  }
  if (h->disconnect_queued) {
    set_error (EINVAL, "a disconnect was already requested");
    return -1;
  }
  cmd = nbd_internal_new_command (h, NBD_CMD_DISC, 0, 0, 0);
  if (cmd == NULL)
    return -1;
  h->disconnect_queued = true;
  return nbd_internal_issue (h, cmd, NULL) == -1 ? -1 : 0;
}

/* Commands not yet sent fail instead of going out, all but a queued
 * NBD_CMD_DISC: the shutdown still needs that to go.
 */
static void
abandon_pending (struct nbd_handle *h)
{
  struct command_list keep = { NULL, NULL };
  struct command *cmd;

  while ((cmd = nbd_internal_list_take_first (&h->cmds_to_issue)) != NULL) {
    if (cmd->type == NBD_CMD_DISC)
      nbd_internal_list_append (&keep, cmd);
    else
      nbd_internal_fail_command (h, cmd, ENOTCONN, "the command was "
                                 "abandoned before it was sent");
  }
  h->cmds_to_issue = keep;
}

int
nbd_unlocked_shutdown (struct nbd_handle *h, uint32_t flags)
{
  if (flags & LIBNBD_SHUTDOWN_ABANDON_PENDING)
    abandon_pending (h);
  if (nbd_internal_is_state_negotiating (h->state)) {
    if (nbd_unlocked_aio_opt_abort (h) == -1)
      return -1;
  }
  else if (!h->disconnect_queued &&
           nbd_unlocked_aio_disconnect (h, 0) == -1)
    return -1;
  return nbd_internal_wait_holding_lock (h, closed, NULL);
}
