/* The list of meta contexts to request during the handshake.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <string.h>

#include "internal.h"

int
nbd_unlocked_add_meta_context (struct nbd_handle *h, const char *name)
{
  if (nbd_internal_check_protocol_string (name) == -1)
    return -1;
  if (string_list_append (&h->meta_contexts_wanted, name) == -1) {
    set_error (errno, "cannot add to the list");
    return -1;
  }
  return 0;
}

ssize_t
nbd_unlocked_get_nr_meta_contexts (struct nbd_handle *h)
{
  return h->meta_contexts_wanted.len;
}

char *
nbd_unlocked_get_meta_context (struct nbd_handle *h, size_t i)
{
  if (i >= h->meta_contexts_wanted.len) {
    set_error (EINVAL, "index %zu is past the %zu contexts in the list",
               i, h->meta_contexts_wanted.len);
    return NULL;
  }
  return nbd_internal_copy_setting (h->meta_contexts_wanted.items[i]);
}

int
nbd_unlocked_clear_meta_contexts (struct nbd_handle *h)
{
  string_list_clear (&h->meta_contexts_wanted);
  return 0;
}
