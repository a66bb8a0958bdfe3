/* What the asynchronous API reports about the handle's state, and how
 * a caller's event loop tells the machine what the socket is ready for.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>

#include "internal.h"

const char *
nbd_unlocked_connection_state (struct nbd_handle *h)
{
  return nbd_internal_state_description (h->state);
}

unsigned
nbd_unlocked_aio_get_direction (struct nbd_handle *h)
{
  unsigned direction = nbd_internal_state_direction (h, h->state);

  h->write_announced = (direction & LIBNBD_AIO_DIRECTION_WRITE) != 0;
  return direction;
}

int
nbd_unlocked_aio_is_created (struct nbd_handle *h)
{
  return nbd_internal_is_state_created (h->state);
}

int
nbd_unlocked_aio_is_connecting (struct nbd_handle *h)
{
  return nbd_internal_is_state_connecting (h->state);
}

int
nbd_unlocked_aio_is_negotiating (struct nbd_handle *h)
{
  return nbd_internal_is_state_negotiating (h->state);
}

int
nbd_unlocked_aio_is_ready (struct nbd_handle *h)
{
  return nbd_internal_is_state_ready (h->state);
}

int
nbd_unlocked_aio_is_processing (struct nbd_handle *h)
{
  return nbd_internal_is_state_processing (h->state);
}

int
nbd_unlocked_aio_is_dead (struct nbd_handle *h)
{
  return nbd_internal_is_state_dead (h->state);
}

int
nbd_unlocked_aio_is_closed (struct nbd_handle *h)
{
  return nbd_internal_is_state_closed (h->state);
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
notify (struct nbd_handle *h, unsigned want, enum event event)
{
  if (h->fd < 0 || !(notifiable (h) & want)) {
    set_error (EINVAL, "nothing waits for this in state %s",
               nbd_internal_state_short_string (h->state));
    return -1;
  }
  return nbd_internal_run (h, event);
}

int
nbd_unlocked_aio_notify_read (struct nbd_handle *h)
{
  h->recv_drained = false;
  return notify (h, LIBNBD_AIO_DIRECTION_READ, EVENT_READABLE);
}

int
nbd_unlocked_aio_notify_write (struct nbd_handle *h)
{
  return notify (h, LIBNBD_AIO_DIRECTION_WRITE, EVENT_WRITABLE);
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
