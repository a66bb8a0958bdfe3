/* NBD_OPT_ABORT: the end of negotiation.  The server need not
 * answer; states/options.c closes the connection once it is sent.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include "internal.h"

const struct option_kind nbd_internal_option_abort = {
  .option = NBD_OPT_ABORT,
  .name = "NBD_OPT_ABORT",
};
