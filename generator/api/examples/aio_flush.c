#include <stdint.h>
#include <libnbd.h>

// Make the writes that have completed so far durable.  No callback
// here: the cookie is polled with nbd_aio_command_completed, which
// also retires the command and sets the error if it failed.
int
flush_and_wait (struct nbd_handle *nbd)
{
  int64_t cookie;
  int r;

  cookie = nbd_aio_flush (nbd, NBD_NULL_COMPLETION, 0);
  if (cookie == -1)
    return -1;
  while ((r = nbd_aio_command_completed (nbd, cookie)) == 0)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return r == 1 ? 0 : -1;       // on -1, see nbd_get_error
}
