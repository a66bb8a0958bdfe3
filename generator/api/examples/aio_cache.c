#include <stdint.h>
#include <libnbd.h>

static int
ignore_result (void *user_data, int *error)
{
  (void) user_data;
  (void) error;                 // a cache hint may fail harmlessly
  return 1;                     // retire at once: no one waits for it
}

// Before reading a region piece by piece, hint that it will be
// needed.  The call returns at once; the hint completes on its own
// while the reads that follow drive the handle.
void
prefetch (struct nbd_handle *nbd, uint64_t offset, uint64_t len)
{
  if (nbd_can_cache (nbd) == 1)
    nbd_aio_cache (nbd, len, offset,
                   (nbd_completion_callback) {
                     .callback = ignore_result },
                   0);
}
