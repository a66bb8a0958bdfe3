#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <libnbd.h>

struct zero_result {
  bool done;
  int error;
};

static int
zero_done (void *user_data, int *error)
{
  struct zero_result *z = user_data;

  z->done = true;
  z->error = *error;
  return 1;
}

// Try to zero a range cheaply.  Returns 1 if it is now zero, 0 if the
// server could only do it slowly (the caller may write zeroes itself
// or skip the range), -1 on error.
int
zero_if_fast (struct nbd_handle *nbd, uint64_t offset, uint64_t len)
{
  struct zero_result z = { false, 0 };

  if (nbd_can_fast_zero (nbd) != 1)
    return 0;
  if (nbd_aio_zero (nbd, len, offset,
        (nbd_completion_callback) {
          .callback = zero_done, .user_data = &z },
        LIBNBD_CMD_FLAG_FAST_ZERO) == -1)
    return -1;
  while (!z.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  if (z.error == ENOTSUP)
    return 0;
  return z.error == 0 ? 1 : -1;
}
