/* NBD_OPT_STRUCTURED_REPLY and NBD_OPT_EXTENDED_HEADERS: the reply
 * formats, each agreed to by a bare acknowledgement.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include "internal.h"

/* A server that agreed to a format keeps what it agreed before: a
 * structured reply option after extended headers changes nothing.
 */
static void
agree_reply_format (struct nbd_handle *h, enum reply_format format)
{
  if (h->reply_format < format)
    h->reply_format = format;
}

static enum option_outcome
structured_agreed (struct nbd_handle *h)
{
  agree_reply_format (h, REPLY_STRUCTURED);
  return OPTION_OVER;
}

static enum option_outcome
extended_agreed (struct nbd_handle *h)
{
  agree_reply_format (h, REPLY_EXTENDED);
  return OPTION_OVER;
}

const struct option_kind nbd_internal_option_structured_reply = {
  .option = NBD_OPT_STRUCTURED_REPLY,
  .name = "NBD_OPT_STRUCTURED_REPLY",
  .acknowledged = structured_agreed,
};

const struct option_kind nbd_internal_option_extended_headers = {
  .option = NBD_OPT_EXTENDED_HEADERS,
  .name = "NBD_OPT_EXTENDED_HEADERS",
  .acknowledged = extended_agreed,
};
