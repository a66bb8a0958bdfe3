/* NBD_OPT_LIST: the server names its exports, one reply each, and
 * the caller's list callback hears of each.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static enum option_outcome
take_export (struct nbd_handle *h)
{
  uint32_t len;

  if (h->reply_len < 4)
    goto bad;
  memcpy (&len, h->payload, 4);
  len = be32toh (len);
  if (len > h->reply_len - 4)
    goto bad;
  if (len > NBD_MAX_STRING || h->reply_len - 4 - len > NBD_MAX_STRING) {
    set_error (EPROTO, "the server's export list has a name or a "
               "description longer than %d bytes", NBD_MAX_STRING);
    return OPTION_FAILED;
  }
  if (h->opt.list.callback) {
    char *name = strndup (h->payload + 4, len);

    if (name == NULL) {
      set_error (errno, "strndup");
      return OPTION_FAILED;
    }
    h->opt.list.callback (h->opt.list.user_data, name,
                          h->payload + 4 + len);
    free (name);
  }
  h->opt.count++;
  return OPTION_MORE;
 bad:
  set_error (EPROTO, "the server's export list entry is malformed");
  return OPTION_FAILED;
}

const struct option_kind nbd_internal_option_list = {
  .option = NBD_OPT_LIST,
  .name = "NBD_OPT_LIST",
  .partial_reply = NBD_REP_SERVER,
  .take_partial = take_export,
};
