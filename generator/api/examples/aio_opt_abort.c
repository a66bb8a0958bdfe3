#include <libnbd.h>

// Give up on a negotiating handle without choosing an export.  The
// abort has no callback: the handle is finished once it stops
// connecting.
int
leave_politely (struct nbd_handle *nbd)
{
  if (nbd_aio_opt_abort (nbd) == -1)
    return -1;
  while (nbd_aio_is_connecting (nbd))
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return nbd_aio_is_closed (nbd) ? 0 : -1;
}
