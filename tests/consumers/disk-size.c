/* Print the size of an NBD export, exactly and in a human-friendly
 * unit, together with the name and version of the libnbd that the
 * program was loaded against.
 *
 *   nbdkit -U - memory 16M --run './disk-size "$unixsocket"'
 *   ./disk-size nbd://example.com/disk
 *
 * The one argument is taken as an NBD URI when it contains "://" and
 * as the path of a Unix domain socket otherwise.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "disk-size"
#include "consumer.h"

/* 1536 -> "1.5 KiB"; sizes under 1 KiB are left alone. */
static void
print_human (int64_t size)
{
  static const char prefixes[] = "KMGTPE";
  double scaled = size;
  int i = -1;

  while (scaled >= 1024 && i + 1 < (int) strlen (prefixes)) {
    scaled /= 1024;
    i++;
  }
  if (i < 0)
    printf ("human: %" PRIi64 " bytes\n", size);
  else
    printf ("human: %.1f %ciB\n", scaled, prefixes[i]);
}

int
main (int argc, char *argv[])
{
  int64_t size;
  struct nbd_handle *nbd;

  usage_unless (argc == 2, "SOCKET|URI");

  nbd = create_handle ();
  printf ("library: %s %s\n",
          nbd_get_package_name (nbd), nbd_get_version (nbd));

  connect_to (nbd, argv[1]);
  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");
  printf ("size: %" PRIi64 "\n", size);
  print_human (size);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
