#include <stdlib.h>
#include <string.h>
#include <err.h>
#include <libnbd.h>

int
main (void)
{
  char *argv[] = { "nbdkit", "--single", "--exit-with-parent",
                   "memory", "size=64M", NULL };
  struct nbd_handle *nbd;
  char sector[512];

  nbd = nbd_create ();
  if (nbd == NULL)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  // nbdkit serves a scratch RAM disk over its stdin and stdout.
  if (nbd_connect_command (nbd, argv) == -1)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  memset (sector, 'A', sizeof sector);
  if (nbd_pwrite (nbd, sector, sizeof sector, 4096, 0) == -1)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  // Closing the handle stops nbdkit; the RAM disk is gone.
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
