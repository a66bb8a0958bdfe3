#include <stdio.h>
#include <stdlib.h>
#include <err.h>
#include <libnbd.h>

int
main (void)
{
  struct nbd_handle *nbd;
  char buf[512];

  nbd = nbd_create ();
  if (nbd == NULL)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  if (nbd_connect_uri (nbd, "nbd://localhost/") == -1 ||
      nbd_pread (nbd, buf, sizeof buf, 0, 0) == -1) {
    warnx ("%s (errno %d)", nbd_get_error (), nbd_get_errno ());
    nbd_close (nbd);
    exit (EXIT_FAILURE);
  }

  // ... use the 512 bytes in buf ...

  if (nbd_shutdown (nbd, 0) == -1)
    warnx ("%s", nbd_get_error ());
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
