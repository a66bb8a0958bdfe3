/* What the handshake learns of the export: its size and flags, kept
 * as far as they can be used, and the meta contexts the server agreed
 * to, each with the id its block status replies carry.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nbd-protocol.h"

/* Flags that promise what cannot be used are dropped, as libnbd drops
 * them.
 */
static uint16_t
usable_flags (struct nbd_handle *h, uint16_t flags)
{
  if ((flags & NBD_FLAG_SEND_DF) &&
      !reply_format_at_least (h, REPLY_STRUCTURED)) {
    debug (h, "ignoring the server's DF flag: structured replies were "
           "not negotiated");
    flags &= ~NBD_FLAG_SEND_DF;
  }
  if ((flags & NBD_FLAG_SEND_FAST_ZERO) &&
      !(flags & NBD_FLAG_SEND_WRITE_ZEROES)) {
    debug (h, "ignoring the server's fast zero flag: it cannot write "
           "zeroes");
    flags &= ~NBD_FLAG_SEND_FAST_ZERO;
  }
  if ((flags & NBD_FLAG_BLOCK_STATUS_PAYLOAD) &&
      !reply_format_at_least (h, REPLY_EXTENDED)) {
    debug (h, "ignoring the server's block status payload flag: extended "
           "headers were not negotiated");
    flags &= ~NBD_FLAG_BLOCK_STATUS_PAYLOAD;
  }
  return flags;
}

int
nbd_internal_set_export (struct nbd_handle *h, uint64_t size, uint16_t flags)
{
  if (flags == 0) {
    set_error (EPROTO, "the server sent no export flags, not even "
               "NBD_FLAG_HAS_FLAGS");
    return -1;
  }
  flags = usable_flags (h, flags);
  h->exportsize = size;
  h->eflags = flags;
  h->have_export = true;
  /* Contexts that could not be asked for are known all the same: the
   * export has none of them.
   */
  if (h->request_meta_context &&
      (!reply_format_at_least (h, REPLY_STRUCTURED) ||
       h->meta_contexts_wanted.len == 0))
    h->meta_valid = true;
  debug (h, "export size %" PRIu64 ", flags 0x%x", size, flags);
  return 0;
}

void
nbd_internal_reset_export (struct nbd_handle *h)
{
  h->have_export = false;
  h->exportsize = 0;
  h->eflags = 0;
  h->block_minimum = h->block_preferred = h->block_maximum = 0;
  free (h->canonical_name);
  h->canonical_name = NULL;
  free (h->description);
  h->description = NULL;
}

/* Forget everything the server said of the export, the contexts it
 * agreed to included.
 */
void
nbd_internal_forget_export (struct nbd_handle *h)
{
  nbd_internal_reset_export (h);
  nbd_internal_free_meta_contexts (h);
}

/* Forget the negotiated contexts: they are no longer known. */
void
nbd_internal_free_meta_contexts (struct nbd_handle *h)
{
  size_t i;

  h->meta_valid = false;
  for (i = 0; i < h->nr_meta_contexts; i++)
    free (h->meta_contexts[i].name);
  free (h->meta_contexts);
  h->meta_contexts = NULL;
  h->nr_meta_contexts = 0;
}

/* The negotiated context with this id, or NULL. */
const struct meta_context *
nbd_internal_meta_context_by_id (struct nbd_handle *h, uint32_t id)
{
  size_t i;

  for (i = 0; i < h->nr_meta_contexts; i++)
    if (h->meta_contexts[i].id == id)
      return &h->meta_contexts[i];
  return NULL;
}

/* The negotiated context with this name, or NULL. */
const struct meta_context *
nbd_internal_meta_context_by_name (struct nbd_handle *h, const char *name)
{
  size_t i;

  for (i = 0; i < h->nr_meta_contexts; i++)
    if (strcmp (h->meta_contexts[i].name, name) == 0)
      return &h->meta_contexts[i];
  return NULL;
}

/* A context the server agreed to.  Its id must say which context a
 * block status chunk is about, so two contexts cannot share one.
 */
int
nbd_internal_add_meta_context (struct nbd_handle *h, uint32_t id,
                               const char *name)
{
  const struct meta_context *same_id =
    nbd_internal_meta_context_by_id (h, id);
  struct meta_context *list;

  if (same_id) {
    set_error (EPROTO, "the server gave meta context id %" PRIu32
               " to both %s and %s", id, same_id->name, name);
    return -1;
  }
  list = realloc (h->meta_contexts, (h->nr_meta_contexts + 1) * sizeof *list);
  if (list == NULL) {
    set_error (errno, "realloc");
    return -1;
  }
  h->meta_contexts = list;
  list[h->nr_meta_contexts].id = id;
  list[h->nr_meta_contexts].name = strdup (name);
  if (list[h->nr_meta_contexts].name == NULL) {
    set_error (errno, "strdup");
    return -1;
  }
  h->nr_meta_contexts++;
  debug (h, "the server agreed to meta context %s, id %" PRIu32, name, id);
  return 0;
}
