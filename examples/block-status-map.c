/* Print the allocation map of an export: which parts are holes, which
 * read as zeroes, and which hold data.
 *
 *   nbdkit -U - memory 64M --run './block-status-map "$uri"'
 *
 * It asks for the "base:allocation" meta context before connecting,
 * then walks the export with nbd_block_status_64, one request after
 * another, each starting where the server's last answer ended.  The
 * server may cut an answer short or split one area into several
 * extents, so neighbouring extents of the same kind are merged before
 * they are printed: each line is "offset length kind".
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

/* Without extended headers a request cannot cover 4 GiB or more, so
 * large exports are asked about one piece at a time.
 */
#define MAX_REQUEST (1024 * 1024 * 1024)

/* The run of extents of one kind not yet printed. */
struct map {
  uint64_t export_size;
  uint64_t start;
  uint64_t length;
  const char *kind;
  uint64_t end;                 /* where the server's answers reach */
};

static void
die (const char *what)
{
  fprintf (stderr, "block-status-map: %s: %s\n", what, nbd_get_error ());
  exit (EXIT_FAILURE);
}

static const char *
kind_of (uint64_t flags)
{
  /* A hole normally reads as zeroes too, so it is printed as a hole
   * whatever the zero bit says.  Other bits belong to no kind here.
   */
  if (flags & LIBNBD_STATE_HOLE)
    return "hole";
  if (flags & LIBNBD_STATE_ZERO)
    return "zero";
  return "data";
}

static void
print_run (struct map *map)
{
  if (map->length > 0)
    printf ("%12" PRIu64 " %12" PRIu64 "  %s\n",
            map->start, map->length, map->kind);
}

/* Append the next extent to the map, which prints the run before it
 * once the kind changes.
 */
static void
add_extent (struct map *map, uint64_t length, const char *kind)
{
  if (map->length > 0 && strcmp (map->kind, kind) == 0)
    map->length += length;
  else {
    print_run (map);
    map->start = map->end;
    map->length = length;
    map->kind = kind;
  }
  map->end += length;
}

static int
extent_received (void *user_data, const char *metacontext, uint64_t offset,
                 nbd_extent *entries, size_t nr_entries, int *error)
{
  struct map *map = user_data;
  uint64_t length;
  size_t i;

  /* A reply carries one list per context; only ours is of interest,
   * and nothing is trusted once the command has already failed.  A
   * list that does not start where the map ends is a second one for
   * the same context, sent by a misbehaving server.
   */
  if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) != 0 || *error
      || offset != map->end)
    return 0;
  for (i = 0; i < nr_entries && map->end < map->export_size; i++) {
    /* The last extent may reach past the area asked about, and a
     * careless server may even describe bytes past the end.
     */
    length = entries[i].length;
    if (length > map->export_size - map->end)
      length = map->export_size - map->end;
    add_extent (map, length, kind_of (entries[i].flags));
  }
  return 0;
}

int
main (int argc, char *argv[])
{
  struct map map = { .end = 0 };
  nbd_extent64_callback extent = { .callback = extent_received,
                                   .user_data = &map };
  struct nbd_handle *nbd;
  int64_t size;
  uint64_t count, previous_end;
  int supported;

  if (argc != 2) {
    fputs ("usage: block-status-map URI\n", stderr);
    exit (EXIT_FAILURE);
  }
  nbd = nbd_create ();
  if (!nbd)
    die ("nbd_create");
  if (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == -1)
    die ("nbd_add_meta_context");
  if (nbd_connect_uri (nbd, argv[1]) == -1)
    die ("nbd_connect_uri");
  size = nbd_get_size (nbd);
  if (size == -1)
    die ("nbd_get_size");
  map.export_size = size;

  /* A server that does not know the context, or that only speaks the
   * old simple replies, turns it down during the handshake.  The
   * connection works all the same, but with no context to report on,
   * nbd_block_status_64 would fail with ENOTSUP.  Knowing nothing of
   * the allocation, a program must assume that every byte holds data,
   * so the export is shown as one run of data.
   */
  supported = nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION);
  if (supported == -1)
    die ("nbd_can_meta_context");
  if (!supported) {
    fprintf (stderr, "block-status-map: the server does not report "
             "allocation; assuming data everywhere\n");
    add_extent (&map, map.export_size, "data");
  }

  while (supported && map.end < map.export_size) {
    count = map.export_size - map.end;
    if (count > MAX_REQUEST)
      count = MAX_REQUEST;
    previous_end = map.end;
    if (nbd_block_status_64 (nbd, count, map.end, extent, 0) == -1)
      die ("nbd_block_status_64");
    /* Guard against a server that answers without describing
     * anything, which would make this loop spin forever.
     */
    if (map.end == previous_end) {
      fprintf (stderr, "block-status-map: no extents at offset %" PRIu64
               "\n", map.end);
      exit (EXIT_FAILURE);
    }
  }
  print_run (&map);

  if (nbd_shutdown (nbd, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
