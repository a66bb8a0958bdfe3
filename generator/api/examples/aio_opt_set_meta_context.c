#include <stdbool.h>
#include <stdio.h>
#include <libnbd.h>

struct selection {
  bool done;
  int error;
};

static int
selected (void *user_data, const char *name)
{
  (void) user_data;
  printf ("server selected %s\n", name);
  return 0;
}

static int
selection_made (void *user_data, int *error)
{
  struct selection *s = user_data;

  s->done = true;
  s->error = *error;
  return 0;
}

// Before connecting:
//   nbd_set_opt_mode (nbd, true);
//   nbd_set_request_meta_context (nbd, false);
//   nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION);
// Select the contexts by hand, then enter transmission.
int
select_then_go (struct nbd_handle *nbd)
{
  struct selection s = { false, 0 };

  if (nbd_aio_opt_set_meta_context (nbd,
        (nbd_context_callback) { .callback = selected },
        (nbd_completion_callback) {
          .callback = selection_made, .user_data = &s }) == -1)
    return -1;
  while (!s.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  if (s.error != 0)
    return -1;
  // nbd_can_meta_context now reports the selection; nbd_opt_go
  // keeps it because it was told not to request contexts itself.
  return nbd_opt_go (nbd);
}
