/* The TLS handshake, after the server agreed to NBD_OPT_STARTTLS.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include "internal.h"

int
nbd_internal_state_TLS_HANDSHAKE (struct nbd_handle *h)
{
  int r = nbd_internal_tls_handshake_step (h);

  if (r != 0)
    return r;
  return nbd_internal_option_next (h, nbd_internal_starttls_done (h));
}
