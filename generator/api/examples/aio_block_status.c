#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <libnbd.h>

struct zero_scan {
  uint64_t zero_bytes;          // bytes that read as zeroes
  bool done;
  int error;
};

static int
count_zeroes (void *user_data, const char *metacontext, uint64_t offset,
              uint32_t *entries, size_t nr_entries, int *error)
{
  struct zero_scan *s = user_data;
  size_t i;

  (void) offset;
  (void) error;
  if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) != 0)
    return 0;
  // entries holds pairs: a length, then its status bits.
  for (i = 0; i + 1 < nr_entries; i += 2)
    if (entries[i + 1] & LIBNBD_STATE_ZERO)
      s->zero_bytes += entries[i];
  return 0;
}

static int
scan_done (void *user_data, int *error)
{
  struct zero_scan *s = user_data;

  // Called once, after the last call of count_zeroes.
  s->done = true;
  s->error = *error;
  return 1;                     // retire the command
}

int64_t
zero_bytes_near (struct nbd_handle *nbd, uint64_t offset, uint64_t len)
{
  struct zero_scan s = { 0, false, 0 };

  if (nbd_aio_block_status (nbd, len, offset,
        (nbd_extent_callback) {
          .callback = count_zeroes, .user_data = &s },
        (nbd_completion_callback) {
          .callback = scan_done, .user_data = &s },
        LIBNBD_CMD_FLAG_REQ_ONE) == -1)
    return -1;
  while (!s.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return s.error == 0 ? (int64_t) s.zero_bytes : -1;
}
