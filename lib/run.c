/* The state machine's driver: run states until one has to wait, and the
 * way into the dead state.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>

#include "internal.h"

/* Once NBD_CMD_DISC is out, the server may close without answering the
 * commands still in flight: that is the end of a clean shutdown, and
 * those commands fail with ENOTCONN.
 */
static bool
server_hung_up_after_disconnect (struct nbd_handle *h)
{
  if (!h->disconnect_sent || (errno != ECONNRESET && errno != EPIPE))
    return false;
  debug (h, "the server closed the connection after the disconnect");
  nbd_internal_fail_all_commands (h, ENOTCONN);
  nbd_internal_close_socket (h);
  h->state = STATE_CLOSED;
  return true;
}

static int
run_states (struct nbd_handle *h)
{
  /* The machine reads unasked-for bytes only when it was run while it
   * waited in READY, by a caller who found the socket ready; arriving
   * in READY on the way is no reason to read, and must not fail the
   * call that got it there.
   */
  h->idle_read = h->state == STATE_READY;
  for (;;) {
    enum state before = h->state;
    int r = nbd_internal_run_state (h, h->state);

    if (r == -1) {
      if (server_hung_up_after_disconnect (h))
        return 0;
      /* A host that could not be reached sends the handle back to the
       * start, to try again (see states/connect.c).
       */
      if (h->state == STATE_START)
        return -1;
      nbd_internal_set_dead (h);
      return -1;
    }
    if (r == 1)
      return 0;
    if (h->state != before)
      h->idle_read = false;
    if (h->debug && h->state != before)
      debug (h, "state %s -> %s", nbd_internal_state_short_string (before),
             nbd_internal_state_short_string (h->state));
  }
}

/* Run until a state waits (0) or fails (-1, the handle is then dead and
 * the error set).
 *
 * A synchronous call in another thread may be polling the socket as
 * the driver (wait.c) while this thread runs the machine, from an aio
 * call, nbd_poll or a notify call: this run may have completed the
 * driver's command, killed the connection or changed what the socket
 * must be polled for, none of which the driver's poll would see; each
 * of those changes the state or completes a command.
 */
int
nbd_internal_run (struct nbd_handle *h)
{
  enum state before = h->state;
  unsigned unfinished = h->nr_unfinished;
  int r = run_states (h);

  /* Sending requests alone leaves the driver's poll as right as it
   * was; waking it for nothing would cost it a system call or three.
   */
  if (h->state != before || h->nr_unfinished != unfinished)
    nbd_internal_wake_driver (h);
  return r;
}

/* Fail whatever was waiting on the connection, then close it.  The
 * caller has already set the error that explains why.
 */
void
nbd_internal_set_dead (struct nbd_handle *h)
{
  int saved_errno = errno;

  debug (h, "the connection is dead");
  if (h->opt_in_flight)
    nbd_internal_finish_option (h, ENOTCONN);
  h->state = STATE_DEAD;
  nbd_internal_fail_all_commands (h, ENOTCONN);
  nbd_internal_close_socket (h);
  errno = saved_errno;
}

/* What the handle waits for.  A loop that was told the handle wanted
 * both may notify both, the second after the first has done all there
 * was to do: the write notification it was promised is harmless then.
 * Otherwise a notification nothing waits for is refused, as libnbd
 * refuses it.
 */
static unsigned
notifiable (struct nbd_handle *h)
{
  unsigned direction = nbd_internal_state_direction (h, h->state);

  if (h->write_announced)
    direction |= LIBNBD_AIO_DIRECTION_WRITE;
  return direction;
}

static int
notify (struct nbd_handle *h, unsigned want)
{
  if (h->fd < 0 || !(notifiable (h) & want)) {
    set_error (EINVAL, "nothing waits for this in state %s",
               nbd_internal_state_short_string (h->state));
    return -1;
  }
  return nbd_internal_run (h);
}

int
nbd_unlocked_aio_notify_read (struct nbd_handle *h)
{
  h->recv_drained = false;
  return notify (h, LIBNBD_AIO_DIRECTION_READ);
}

int
nbd_unlocked_aio_notify_write (struct nbd_handle *h)
{
  return notify (h, LIBNBD_AIO_DIRECTION_WRITE);
}

int
nbd_unlocked_aio_get_fd (struct nbd_handle *h)
{
  if (h->fd < 0) {
    set_error (EINVAL, "the handle has no socket in state %s",
               nbd_internal_state_short_string (h->state));
    return -1;
  }
  return h->fd;
}
