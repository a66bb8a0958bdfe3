#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <libnbd.h>

struct dirty_scan {
  const char *bitmap;           // the only context asked about
  uint64_t dirty_bytes;
  bool done;
  int error;
};

static int
count_dirty (void *user_data, const char *metacontext, uint64_t offset,
             nbd_extent *entries, size_t nr_entries, int *error)
{
  struct dirty_scan *s = user_data;
  size_t i;

  (void) offset;
  (void) error;
  if (strcmp (metacontext, s->bitmap) != 0)
    return 0;                   // filtered out, or a faulty server
  for (i = 0; i < nr_entries; i++)
    if (entries[i].flags & LIBNBD_STATE_DIRTY)
      s->dirty_bytes += entries[i].length;
  return 0;
}

static int
dirty_done (void *user_data, int *error)
{
  struct dirty_scan *s = user_data;

  s->done = true;
  s->error = *error;
  return 1;
}

// base:allocation and a dirty bitmap were both negotiated; ask the
// server only about the bitmap.  Needs nbd_can_block_status_payload.
int64_t
dirty_bytes (struct nbd_handle *nbd, const char *bitmap,
             uint64_t offset, uint64_t len)
{
  struct dirty_scan s = { bitmap, 0, false, 0 };
  char *contexts[] = { (char *) bitmap, NULL };

  if (nbd_aio_block_status_filter (nbd, len, offset, contexts,
        (nbd_extent64_callback) {
          .callback = count_dirty, .user_data = &s },
        (nbd_completion_callback) {
          .callback = dirty_done, .user_data = &s },
        0) == -1)
    return -1;
  while (!s.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return s.error == 0 ? (int64_t) s.dirty_bytes : -1;
}
