/* The state machine's driver: run states until one has to wait, for the
 * event that woke the machine, and the way into the dead state.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <assert.h>
#include <errno.h>

#include "internal.h"
#include "states/dispatch.h"
#include "states/set-state.h"

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
  nbd_internal_set_state (h, STATE_CLOSED);
  return true;
}

/* An event concerns the state the run began in, and lapses at the
 * first move.  A socket event tells how the socket looked there: READY
 * reads unasked-for bytes only on it, so arriving in READY on the way
 * is no reason to read, and a read there cannot fail the call that got
 * the machine there.  A request (connect, option) has been taken up by
 * that move, and must not move NEGOTIATING again when the option ends
 * in the same run.  Only EVENT_COMMAND lasts: the whole run is on
 * behalf of a call that queued a command, and reads no replies.
 */
static void
moved_on (struct nbd_handle *h)
{
  if (h->event != EVENT_COMMAND)
    h->event = EVENT_NONE;
}

static int
run_states (struct nbd_handle *h)
{
  for (;;) {
    enum state before = h->state;
    int r = nbd_internal_run_state (h);

    /* A move the table refuses has left the handle dead already. */
    if (r == 0 && h->state == STATE_DEAD)
      r = -1;
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
      moved_on (h);
  }
}

/* Run for event until a state waits (0) or fails (-1, the handle is
 * then dead and the error set).
 *
 * A synchronous call in another thread may be polling the socket as
 * the driver (wait.c) while this thread runs the machine, from an aio
 * call, nbd_poll or a notify call: this run may have completed the
 * driver's command, killed the connection or changed what the socket
 * must be polled for, none of which the driver's poll would see; each
 * of those changes the state or completes a command.
 */
int
nbd_internal_run (struct nbd_handle *h, enum event event)
{
  enum state before = h->state;
  unsigned unfinished = h->nr_unfinished;
  int r;

  assert (h->event == EVENT_NONE);
  h->event = event;
  r = run_states (h);
  h->event = EVENT_NONE;

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
  nbd_internal_set_state (h, STATE_DEAD);
  nbd_internal_fail_all_commands (h, ENOTCONN);
  nbd_internal_close_socket (h);
  errno = saved_errno;
}
