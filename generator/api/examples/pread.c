#include <stdbool.h>
#include <stdlib.h>
#include <err.h>
#include <libnbd.h>

// Does the first sector of the export end in an MBR boot signature?
bool
has_mbr_signature (struct nbd_handle *nbd)
{
  unsigned char sector[512];

  if (nbd_pread (nbd, sector, sizeof sector, 0, 0) == -1)
    errx (EXIT_FAILURE, "read: %s", nbd_get_error ());

  return sector[510] == 0x55 && sector[511] == 0xaa;
}
