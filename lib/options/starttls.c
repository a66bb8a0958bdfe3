/* NBD_OPT_STARTTLS: once the server agrees, the TLS handshake.  What
 * follows the handshake is exchange.c's (nbd_internal_starttls_done).
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include "internal.h"

static enum option_outcome
agreed (struct nbd_handle *h)
{
  return nbd_internal_start_tls (h) == -1 ? OPTION_FAILED : OPTION_TLS;
}

const struct option_kind nbd_internal_option_starttls = {
  .option = NBD_OPT_STARTTLS,
  .name = "NBD_OPT_STARTTLS",
  .acknowledged = agreed,
};
