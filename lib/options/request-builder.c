/* Growing an option request in network byte order.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

void
nbd_internal_put (struct request_builder *b, const void *data, size_t len)
{
  if (b->failed)
    return;
  if (b->len + len > b->cap) {
    size_t cap = (b->len + len) * 2;
    char *buf = realloc (b->buf, cap);

    if (buf == NULL) {
      b->failed = true;
      return;
    }
    b->buf = buf;
    b->cap = cap;
  }
  memcpy (b->buf + b->len, data, len);
  b->len += len;
}

void
nbd_internal_put_u16 (struct request_builder *b, uint16_t v)
{
  v = htobe16 (v);
  nbd_internal_put (b, &v, sizeof v);
}

void
nbd_internal_put_u32 (struct request_builder *b, uint32_t v)
{
  v = htobe32 (v);
  nbd_internal_put (b, &v, sizeof v);
}

void
nbd_internal_put_string (struct request_builder *b, const char *s)
{
  nbd_internal_put_u32 (b, strlen (s));
  nbd_internal_put (b, s, strlen (s));
}
