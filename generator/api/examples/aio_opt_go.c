#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <libnbd.h>

struct outcome {
  bool done;
  int error;                    // 0, or why the server said no
};

static int
go_finished (void *user_data, int *error)
{
  struct outcome *o = user_data;

  o->done = true;
  o->error = *error;
  return 0;                     // ignored for options
}

// The handle is negotiating (nbd_set_opt_mode was set before
// connecting).  Use the first export in names the server accepts.
int
go_first_available (struct nbd_handle *nbd, const char **names)
{
  for (; *names != NULL; names++) {
    struct outcome o = { false, 0 };
    nbd_completion_callback cb = {
      .callback = go_finished, .user_data = &o,
    };

    if (nbd_set_export_name (nbd, *names) == -1 ||
        nbd_aio_opt_go (nbd, cb) == -1)
      return -1;
    while (!o.done)
      if (nbd_poll (nbd, -1) == -1)
        return -1;
    if (o.error == 0)
      return 0;                 // nbd_aio_is_ready (nbd) is now true
    fprintf (stderr, "%s: %s\n", *names, strerror (o.error));
    if (!nbd_aio_is_negotiating (nbd))
      return -1;                // an old server hung up instead
  }
  return -1;
}
