/* NBD_OPT_EXPORT_NAME: the oldest way in, the bare export name,
 * answered by the export's details (states/options.c reads them) or by
 * the server hanging up.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <string.h>

#include "internal.h"

static void
payload (struct nbd_handle *h, struct request_builder *b)
{
  nbd_internal_put (b, h->export_name, strlen (h->export_name));
}

const struct option_kind nbd_internal_option_export_name = {
  .option = NBD_OPT_EXPORT_NAME,
  .name = "NBD_OPT_EXPORT_NAME",
  .payload = payload,
  .forget = nbd_internal_reset_export,
};
