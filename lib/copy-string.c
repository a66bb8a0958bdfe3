/* Copies of strings: the settings a handle keeps from its caller, and
 * what its getters hand back for the caller to free.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Replace *dst with a copy of src. */
int
nbd_internal_copy_string (char **dst, const char *src)
{
  char *copy = strdup (src);

  if (copy == NULL) {
    set_error (errno, "strdup");
    return -1;
  }
  free (*dst);
  *dst = copy;
  return 0;
}

/* A copy of a setting for a getter, whose caller frees it. */
char *
nbd_internal_copy_setting (const char *value)
{
  char *copy = strdup (value);

  if (copy == NULL)
    set_error (errno, "strdup");
  return copy;
}
