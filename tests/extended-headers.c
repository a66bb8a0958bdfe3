/* Extended headers on the wire, against a scripted server that speaks
 * them: 64-bit requests and replies, BLOCK_STATUS_EXT extents, and a
 * block status filter sent as the request's payload.
 *
 *   extended-headers SOCKET
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

struct seen {
  int calls;
  char context[64];
  uint64_t length;
  uint64_t flags;
};

static int
record (void *user_data, const char *metacontext, uint64_t offset,
        nbd_extent *entries, size_t nr_entries, int *error)
{
  struct seen *s = user_data;

  CHECK (offset == 8192 && nr_entries == 1 && *error == 0);
  s->calls++;
  snprintf (s->context, sizeof s->context, "%s", metacontext);
  s->length = entries[0].length;
  s->flags = entries[0].flags;
  return 0;
}

int
main (int argc, char *argv[])
{
  struct seen seen = { 0 }, filtered = { 0 };
  nbd_extent64_callback cb = { .callback = record, .user_data = &seen };
  nbd_extent64_callback fcb = { .callback = record, .user_data = &filtered };
  char *other[] = { (char *) "example:other", NULL };
  char *unknown[] = { (char *) "example:unknown", NULL };
  struct nbd_handle *nbd;
  char buf[65536];
  size_t i;

  check_our_library ();
  CHECK (argc == 2);
  nbd = create_handle ();
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_add_meta_context (nbd, "example:other") == 0);
  CHECK (nbd_connect_unix (nbd, argv[1]) == 0);
  CHECK (nbd_get_extended_headers_negotiated (nbd) == 1);
  CHECK (nbd_can_block_status_payload (nbd) == 1);
  CHECK (nbd_can_meta_context (nbd, "example:other") == 1);

  CHECK (nbd_pread (nbd, buf, sizeof buf, 4096, 0) == 0);
  for (i = 0; i < sizeof buf; i++)
    CHECK ((unsigned char) buf[i] == ((4096 + i) & 0xff));
  CHECK (nbd_pwrite (nbd, buf, sizeof buf, 0, 0) == 0);

  /* Unfiltered, the server reports base:allocation. */
  CHECK (nbd_block_status_64 (nbd, 65536, 8192, cb, 0) == 0);
  CHECK (seen.calls == 1 && seen.length == 65536 && seen.flags == 0);
  CHECK (strcmp (seen.context, "base:allocation") == 0);

  /* Filtered, only the context asked for. */
  CHECK (nbd_block_status_filter (nbd, 4096, 8192, other, fcb, 0) == 0);
  CHECK (filtered.calls == 1 && filtered.length == 4096);
  CHECK (strcmp (filtered.context, "example:other") == 0);
  CHECK (nbd_block_status_filter (nbd, 4096, 8192, unknown, fcb, 0) == -1);
  CHECK_FAILED ("nbd_block_status_filter", EINVAL, "example:unknown");
  CHECK (filtered.calls == 1);

  CHECK (nbd_shutdown (nbd, 0) == 0);
  CHECK (nbd_stats_bytes_sent (nbd) > 65536);
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
