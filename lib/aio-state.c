/* What the asynchronous API reports about the handle's state.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

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
