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

int
nbd_unlocked_aio_disconnect (struct nbd_handle *h, uint32_t flags)
{
  if (flags != 0) {
    set_error (EINVAL, "flags: must be 0");
    return -1;
  }
  return nbd_internal_start_disconnect (h);
}

int
nbd_unlocked_shutdown (struct nbd_handle *h, uint32_t flags)
{
  (void) flags;
  if (nbd_internal_is_state_negotiating (h->state)) {
    if (nbd_unlocked_aio_opt_abort (h) == -1)
      return -1;
  }
  else if (nbd_internal_is_state_ready (h->state)) {
    if (nbd_internal_start_disconnect (h) == -1)
      return -1;
  }
  return nbd_internal_wait (h, closed, NULL);
}
