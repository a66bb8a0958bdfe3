#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <libnbd.h>

int
main (void)
{
  struct nbd_handle *h;
  const char *version;
  unsigned major, minor;

  h = nbd_create ();
  if (h == NULL)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  version = nbd_get_version (h);
  printf ("running with %s ", nbd_get_package_name (h));
  puts (version);

  if (sscanf (version, "%u.%u", &major, &minor) != 2)
    errx (EXIT_FAILURE, "cannot parse version %s", version);
  if (major == 1 && minor < 24)
    errx (EXIT_FAILURE, "version 1.24 or later is needed");
  if (minor % 2 == 1)
    warnx ("%s is a development version", version);

  nbd_close (h);
  return EXIT_SUCCESS;
}
