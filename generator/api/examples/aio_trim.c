#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <inttypes.h>
#include <libnbd.h>

struct trim_request {
  uint64_t offset;
  int done;                     // set by the completion callback
};

static int
trim_done (void *user_data, int *error)
{
  struct trim_request *t = user_data;

  // A failed trim loses no data, so only report it.
  if (*error != 0)
    fprintf (stderr, "trim at %" PRIu64 ": %s\n", t->offset,
             strerror (*error));
  t->done = 1;
  return 1;                     // retire it: nobody will ask again
}

// Discard a range the program no longer needs, if the server can.
int
discard (struct nbd_handle *nbd, uint64_t offset, uint64_t len)
{
  struct trim_request t = { offset, 0 };

  if (nbd_can_trim (nbd) != 1)
    return 0;                   // trimming is only ever a hint
  if (nbd_aio_trim (nbd, len, offset,
        (nbd_completion_callback) {
          .callback = trim_done, .user_data = &t },
        0) == -1)
    return -1;
  while (!t.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return 0;
}
