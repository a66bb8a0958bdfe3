#include <stdint.h>
#include <stdlib.h>
#include <err.h>
#include <libnbd.h>

int64_t
size_of_unix_export (const char *sockpath)
{
  struct nbd_handle *nbd;
  int64_t size;

  nbd = nbd_create ();
  if (nbd == NULL)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  if (nbd_connect_unix (nbd, sockpath) == -1)
    errx (EXIT_FAILURE, "connect: %s", nbd_get_error ());

  size = nbd_get_size (nbd);
  if (size == -1)
    errx (EXIT_FAILURE, "size: %s", nbd_get_error ());

  nbd_shutdown (nbd, 0);
  nbd_close (nbd);
  return size;
}
