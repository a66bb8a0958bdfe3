/* Connect to one URI and say how it went, for tests whose judgement is
 * made by a script (see hostile-uris.py): "connected SIZE" after a
 * read of the first sector, or "failed ERRNO MESSAGE".
 *
 *   uri-outcome URI
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <libnbd.h>

#include "helpers.h"

int
main (int argc, char *argv[])
{
  char sector[512];
  int64_t size;
  struct nbd_handle *h;

  check_our_library ();
  CHECK (argc == 2);
  h = create_handle ();
  if (nbd_connect_uri (h, argv[1]) == -1)
    printf ("failed %d %s\n", nbd_get_errno (), nbd_get_error ());
  else {
    size = nbd_get_size (h);
    CHECK (size >= (int64_t) sizeof sector);
    CHECK (nbd_pread (h, sector, sizeof sector, 0, 0) == 0);
    CHECK (nbd_shutdown (h, 0) == 0);
    printf ("connected %" PRId64 "\n", size);
  }
  nbd_close (h);
  return EXIT_SUCCESS;
}
