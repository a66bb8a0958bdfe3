#include <stdio.h>
#include <string.h>
#include <libnbd.h>

static int
report (void *user_data, int *error)
{
  const char *what = user_data;

  if (*error != 0)
    fprintf (stderr, "%s refused: %s\n", what, strerror (*error));
  return 0;
}

// In option mode, with nbd_set_request_extended_headers (nbd, false)
// called before connecting so that this request is the first.
int
try_extended_headers (struct nbd_handle *nbd)
{
  nbd_completion_callback cb = {
    .callback = report, .user_data = (void *) "extended headers",
  };

  if (nbd_aio_opt_extended_headers (nbd, cb) == -1)
    return -1;
  while (nbd_aio_is_connecting (nbd))
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  // True even if a later repeat of the request is refused.
  return nbd_get_extended_headers_negotiated (nbd);
}
