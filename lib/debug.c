/* Debug messages: the debug flag, the caller's debug callback, and the
 * default of writing to stderr.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

BOOLEAN_SETTING (debug)

int
nbd_unlocked_set_debug_callback (struct nbd_handle *h,
                                 nbd_debug_callback *debug_callback)
{
  FREE_CALLBACK (h->debug_callback);
  MOVE_CALLBACK (h->debug_callback, debug_callback);
  return 0;
}

int
nbd_unlocked_clear_debug_callback (struct nbd_handle *h)
{
  FREE_CALLBACK (h->debug_callback);
  return 0;
}

/* Send one message to the debug callback, or to stderr when there is
 * none.  context is the call's name; NULL means the call being made.
 * errno is kept, since callers often debug on their error paths.
 */
void
nbd_internal_debug (struct nbd_handle *h, const char *context,
                    const char *fmt, ...)
{
  int saved_errno = errno;
  char *msg = NULL;
  va_list args;
  int r;

  va_start (args, fmt);
  r = vasprintf (&msg, fmt, args);
  va_end (args);
  if (r == -1)
    goto out;
  if (context == NULL)
    context = nbd_internal_get_error_context ();
  if (h->debug_callback.callback)
    h->debug_callback.callback (h->debug_callback.user_data, context, msg);
  else
    fprintf (stderr, "libnbd: debug: %s: %s: %s\n", h->hname, context, msg);
  free (msg);
 out:
  errno = saved_errno;
}
