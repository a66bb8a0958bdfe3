#include <stdbool.h>
#include <stdio.h>
#include <inttypes.h>
#include <libnbd.h>

static int
info_received (void *user_data, int *error)
{
  int *result = user_data;

  *result = *error;
  return 0;
}

// Print the size of an export without selecting it, so that the
// handle stays negotiating and nbd_opt_go or another query can follow.
int
print_export_size (struct nbd_handle *nbd, const char *name)
{
  int result = -1;
  int64_t size;

  if (nbd_set_export_name (nbd, name) == -1 ||
      nbd_aio_opt_info (nbd,
        (nbd_completion_callback) {
          .callback = info_received, .user_data = &result }) == -1)
    return -1;
  while (nbd_aio_is_connecting (nbd))
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  if (result != 0)
    return -1;                  // ENOENT: no such export, for one
  size = nbd_get_size (nbd);
  if (size == -1)
    return -1;
  printf ("%s: %" PRIi64 " bytes\n", name, size);
  return 0;
}
