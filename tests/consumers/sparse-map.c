/* Print the allocation map of an export: which ranges hold data and
 * which are holes or read as zeroes, according to the server's
 * "base:allocation" metadata context, followed by totals.  Adjacent
 * extents of the same kind are merged, so the map is the same however
 * the server chooses to split its replies.
 *
 *   nbdkit -U - data '1 @131072 2' size=1M \
 *     --run './sparse-map "$unixsocket"'
 *
 * The argument is an NBD URI if it contains "://", else a Unix socket.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "sparse-map"
#include "consumer.h"

/* Ask about at most this much per request: without extended headers
 * the protocol cannot express more than 4 GiB, and smaller requests
 * keep each reply modest.
 */
#define MAX_REQUEST (1024 * 1024 * 1024)

struct map {
  uint64_t start;               /* start of the pending (unprinted) run */
  uint64_t length;              /* length of the pending run */
  uint64_t flags;               /* its flags */
  uint64_t seen;                /* bytes described by the last reply */
  uint64_t data, sparse;        /* totals */
  unsigned runs;
};

static const char *
describe (uint64_t flags)
{
  switch (flags & (LIBNBD_STATE_HOLE | LIBNBD_STATE_ZERO)) {
  case 0: return "data";
  case LIBNBD_STATE_HOLE: return "hole";
  case LIBNBD_STATE_ZERO: return "zero";
  default: return "hole,zero";
  }
}

static void
print_run (struct map *m)
{
  if (m->length == 0)
    return;
  printf ("%12" PRIu64 " %12" PRIu64 "  %s\n",
          m->start, m->length, describe (m->flags));
  if (m->flags & LIBNBD_STATE_HOLE)
    m->sparse += m->length;
  else
    m->data += m->length;
  m->runs++;
}

static void
add_extent (struct map *m, uint64_t length, uint64_t flags)
{
  if (m->length > 0 && flags == m->flags) {
    m->length += length;
    return;
  }
  print_run (m);
  m->start += m->length;
  m->length = length;
  m->flags = flags;
}

static int
got_extents (void *user_data, const char *metacontext, uint64_t offset,
             nbd_extent *entries, size_t nr_entries, int *error)
{
  struct map *m = user_data;
  size_t i;

  (void) offset;
  (void) error;
  if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) != 0)
    return 0;
  m->seen = 0;
  for (i = 0; i < nr_entries; i++) {
    add_extent (m, entries[i].length, entries[i].flags);
    m->seen += entries[i].length;
  }
  return 0;
}

int
main (int argc, char *argv[])
{
  struct map m = { .start = 0 };
  nbd_extent64_callback cb = { .callback = got_extents, .user_data = &m };
  struct nbd_handle *nbd;
  uint64_t offset;
  int64_t size;
  int r;

  usage_unless (argc == 2, "SOCKET|URI");

  nbd = create_handle ();
  if (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == -1)
    die ("nbd_add_meta_context");
  connect_to (nbd, argv[1]);

  r = nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION);
  if (r == -1)
    die ("nbd_can_meta_context");
  if (r == 0) {
    fprintf (stderr, "sparse-map: the server has no %s context\n",
             LIBNBD_CONTEXT_BASE_ALLOCATION);
    exit (EXIT_FAILURE);
  }
  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");

  printf ("%12s %12s  %s\n", "offset", "length", "type");
  for (offset = 0; offset < (uint64_t) size; offset += m.seen) {
    uint64_t count = size - offset;

    if (count > MAX_REQUEST)
      count = MAX_REQUEST;
    m.seen = 0;
    if (nbd_block_status_64 (nbd, count, offset, cb, 0) == -1)
      die ("nbd_block_status_64");
    if (m.seen == 0) {
      fprintf (stderr, "sparse-map: no extents at offset %" PRIu64 "\n",
               offset);
      exit (EXIT_FAILURE);
    }
  }
  /* The last extent may run past the end of the export. */
  if (m.start + m.length > (uint64_t) size)
    m.length = size - m.start;
  print_run (&m);
  printf ("extents: %u\n", m.runs);
  printf ("data: %" PRIu64 "\n", m.data);
  printf ("sparse: %" PRIu64 "\n", m.sparse);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
