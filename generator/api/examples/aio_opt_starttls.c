#include <stdbool.h>
#include <libnbd.h>

static int
tls_answered (void *user_data, int *error)
{
  int *result = user_data;

  *result = *error;             // 0: the server agreed
  return 0;
}

// Opened with nbd_set_tls (nbd, LIBNBD_TLS_DISABLE) and option mode,
// so nothing has tried TLS yet; credentials are already configured.
// Returns 1 if the connection is now encrypted, 0 if the server
// refused and the connection stays in plain text, -1 on error.
int
upgrade_to_tls (struct nbd_handle *nbd)
{
  int result = -1;
  nbd_completion_callback cb = {
    .callback = tls_answered, .user_data = &result,
  };

  if (nbd_aio_opt_starttls (nbd, cb) == -1)
    return -1;
  while (nbd_aio_is_connecting (nbd))
    if (nbd_poll (nbd, -1) == -1)
      return -1;                // for example, the handshake failed
  if (result != 0)
    return 0;
  return nbd_get_tls_negotiated (nbd);
}
