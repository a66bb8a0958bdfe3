#include <stdbool.h>
#include <libnbd.h>

struct answer {
  bool done;
  int error;
};

static int
answered (void *user_data, int *error)
{
  struct answer *a = user_data;

  a->done = true;
  a->error = *error;
  return 0;
}

// Ask for structured replies by hand, having turned the automatic
// request off with nbd_set_request_structured_replies (nbd, false).
// Returns 1 if the server agreed, 0 if it refused, -1 on error.
int
ask_structured_replies (struct nbd_handle *nbd)
{
  struct answer a = { false, 0 };

  if (nbd_aio_opt_structured_reply (nbd,
        (nbd_completion_callback) {
          .callback = answered, .user_data = &a }) == -1)
    return -1;
  while (!a.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return a.error == 0;
}
