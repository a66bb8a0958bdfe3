/* Print what this build of the library is and what it can do.
 *
 *   ./library-info
 *
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <stdio.h>
#include <stdlib.h>

#include <libnbd.h>

static const char *
yes_no (int r)
{
  return r == 1 ? "yes" : r == 0 ? "no" : "unknown";
}

int
main (void)
{
  struct nbd_handle *nbd = nbd_create ();

  if (!nbd) {
    fputs (nbd_get_error (), stderr);
    fputc ('\n', stderr);
    return EXIT_FAILURE;
  }
  printf ("package: %s\n", nbd_get_package_name (nbd));
  printf ("version: %s\n", nbd_get_version (nbd));
  printf ("TLS:     %s\n", yes_no (nbd_supports_tls (nbd)));
  printf ("URIs:    %s\n", yes_no (nbd_supports_uri (nbd)));
  printf ("vsock:   %s\n", yes_no (nbd_supports_vsock (nbd)));
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
