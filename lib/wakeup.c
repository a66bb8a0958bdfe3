/* The eventfd through which a thread that ran the state machine wakes
 * the driver, the synchronous caller asleep in poll (wait.c): its poll
 * cannot see a command completed or a state changed by another thread.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "internal.h"

/* Made when a driver first needs it; -1 if it cannot be. */
int
nbd_internal_wakeup_fd (struct nbd_handle *h)
{
  if (h->wakeup_fd < 0)
    h->wakeup_fd = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);
  return h->wakeup_fd;
}

void
nbd_internal_wake_driver (struct nbd_handle *h)
{
  uint64_t one = 1;
  int saved_errno = errno;

  if (h->driving && h->wakeup_fd >= 0 &&
      write (h->wakeup_fd, &one, sizeof one) == -1)
    debug (h, "cannot wake the thread polling the socket");
  errno = saved_errno;
}
