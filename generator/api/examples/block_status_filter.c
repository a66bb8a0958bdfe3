#include <stdint.h>
#include <stdio.h>
#include <inttypes.h>
#include <libnbd.h>

static int
print_extents (void *user_data, const char *metacontext, uint64_t offset,
               nbd_extent *entries, size_t nr_entries, int *error)
{
  size_t i;

  (void) user_data;
  (void) error;
  for (i = 0; i < nr_entries; i++) {
    printf ("%s: %" PRIu64 " +%" PRIu64 " flags 0x%" PRIx64 "\n",
            metacontext, offset, entries[i].length, entries[i].flags);
    offset += entries[i].length;
  }
  return 0;
}

// Both contexts were negotiated, but this query only needs the dirty
// bitmap.  Fall back to asking about everything when the server
// cannot filter.
int
show_dirty (struct nbd_handle *nbd, const char *bitmap, uint64_t offset,
            uint64_t len)
{
  char *wanted[] = { (char *) bitmap, NULL };
  nbd_extent64_callback cb = { .callback = print_extents };

  if (nbd_can_block_status_payload (nbd) == 1)
    return nbd_block_status_filter (nbd, len, offset, wanted, cb, 0);
  return nbd_block_status_64 (nbd, len, offset, cb, 0);
}
