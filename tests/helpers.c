/* Checks shared by the C tests.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

void
check_failed (const char *file, int line, const char *call_name, int errnum,
              const char *words)
{
  int saved_errno = errno;
  const char *msg = nbd_get_error ();
  size_t n = strlen (call_name);

  if (nbd_get_errno () != errnum || saved_errno != errnum || msg == NULL ||
      strncmp (msg, call_name, n) != 0 || strncmp (msg + n, ": ", 2) != 0 ||
      (words && strstr (msg, words) == NULL)) {
    fprintf (stderr, "%s:%d: expected %s to fail with %s (\"%s\"), got "
             "errno %d (%s), message \"%s\"\n", file, line, call_name,
             strerror (errnum), words ? words : "", nbd_get_errno (),
             strerror (nbd_get_errno ()), msg ? msg : "(none)");
    exit (EXIT_FAILURE);
  }
}

void
check_our_library (void)
{
  Dl_info info;
  const char *want = ABS_TOP_BUILDDIR "/lib/.libs/libnbd.so";

  if (dladdr ((void *) nbd_create, &info) == 0 || info.dli_fname == NULL) {
    fprintf (stderr, "cannot tell which library provides nbd_create\n");
    exit (EXIT_FAILURE);
  }
  if (strncmp (info.dli_fname, want, strlen (want)) != 0) {
    fprintf (stderr, "nbd_create comes from %s, not from %s\n",
             info.dli_fname, want);
    exit (EXIT_FAILURE);
  }
}
