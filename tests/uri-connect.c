/* Connect to a real server by URI, use the connection, then connect a
 * second handle with the URI nbd_get_uri gives back: it must lead to
 * the same export.
 *
 *   uri-connect URI SIZE
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

static struct nbd_handle *
connect_by_uri (const char *uri, int64_t size)
{
  struct nbd_handle *nbd = create_handle ();
  char buf[512];

  CHECK (nbd_set_uri_allow_local_file (nbd, true) == 0);
  if (nbd_connect_uri (nbd, uri) == -1) {
    fprintf (stderr, "%s: %s\n", uri, nbd_get_error ());
    exit (EXIT_FAILURE);
  }
  CHECK (nbd_get_size (nbd) == size);
  CHECK (nbd_pread (nbd, buf, sizeof buf, 0, 0) == 0);
  return nbd;
}

int
main (int argc, char *argv[])
{
  struct nbd_handle *first, *second;
  int64_t size;
  char *uri;

  check_our_library ();
  CHECK (argc == 3);
  size = atoll (argv[2]);
  first = connect_by_uri (argv[1], size);
  CHECK (nbd_get_tls_negotiated (first) ==
         (strncmp (argv[1], "nbds", 4) == 0));
  uri = nbd_get_uri (first);
  CHECK (uri != NULL);
  fprintf (stderr, "%s gives back %s\n", argv[1], uri);
  second = connect_by_uri (uri, size);
  CHECK (nbd_shutdown (second, 0) == 0);
  CHECK (nbd_shutdown (first, 0) == 0);
  nbd_close (second);
  nbd_close (first);
  free (uri);
  return EXIT_SUCCESS;
}
