/* The username a TLS pre-shared key is looked up by: the one set on
 * the handle, or else the local user's login name.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

/* The user's login name, when no TLS username was set: $LOGNAME first,
 * so that it can be overridden, then the password database, which works
 * without a controlling terminal (unlike getlogin).
 */
static char *
local_username (void)
{
  const char *env = getenv ("LOGNAME");
  struct passwd pw, *result = NULL;
  char buf[4096];
  int r;

  if (env && *env)
    return nbd_internal_copy_setting (env);
  r = getpwuid_r (geteuid (), &pw, buf, sizeof buf, &result);
  if (r != 0 || result == NULL) {
    set_error (r ? r : ENOENT, "cannot find the name of user %u",
               (unsigned) geteuid ());
    return NULL;
  }
  return nbd_internal_copy_setting (pw.pw_name);
}

char *
nbd_internal_tls_username (struct nbd_handle *h)
{
  if (h->tls_username)
    return nbd_internal_copy_setting (h->tls_username);
  return local_username ();
}
