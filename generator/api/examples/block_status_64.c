#include <stdint.h>
#include <string.h>
#include <libnbd.h>

// Count the bytes in [offset, offset+len) that hold data, as opposed
// to holes, one request at a time.
static int
add_data_bytes (void *user_data, const char *metacontext,
                uint64_t offset, nbd_extent *entries, size_t nr_entries,
                int *error)
{
  uint64_t *data_bytes = user_data;
  size_t i;

  (void) offset;
  (void) error;
  if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) != 0)
    return 0;                   // not the context we asked about
  for (i = 0; i < nr_entries; i++)
    if (!(entries[i].flags & LIBNBD_STATE_HOLE))
      *data_bytes += entries[i].length;
  return 0;
}

// Needs nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION)
// before connecting.  The last extent may reach past len.
int64_t
count_data_bytes (struct nbd_handle *nbd, uint64_t offset, uint64_t len)
{
  uint64_t data_bytes = 0;
  nbd_extent64_callback cb = {
    .callback = add_data_bytes,
    .user_data = &data_bytes,
  };

  if (nbd_block_status_64 (nbd, len, offset, cb, 0) == -1)
    return -1;
  return data_bytes;
}
