#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <libnbd.h>

struct read_state {
  uint64_t data_bytes;          // bytes the server sent as data
  bool done;
  int error;
};

static int
check_chunk (void *user_data, const void *subbuf, size_t count,
             uint64_t offset, unsigned status, int *error)
{
  struct read_state *r = user_data;

  (void) subbuf;
  (void) offset;
  if (status == LIBNBD_READ_DATA) {
    if (count == 0) {           // a broken server: fail the read
      *error = EPROTO;
      return -1;
    }
    r->data_bytes += count;
  }
  return 0;
}

static int
read_finished (void *user_data, int *error)
{
  struct read_state *r = user_data;

  // Runs after the last chunk; *error is the read's errno, or 0.
  r->done = true;
  r->error = *error;
  return 1;                     // retire: the cookie is not needed
}

// Read len bytes at offset into buf; both callbacks share one
// user_data.  Returns the number of bytes that were not holes.
int64_t
read_data_bytes (struct nbd_handle *nbd, void *buf, size_t len,
                 uint64_t offset)
{
  struct read_state r = { 0, false, 0 };

  if (nbd_aio_pread_structured (nbd, buf, len, offset,
        (nbd_chunk_callback) {
          .callback = check_chunk, .user_data = &r },
        (nbd_completion_callback) {
          .callback = read_finished, .user_data = &r },
        0) == -1)
    return -1;
  while (!r.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  if (r.error != 0) {
    errno = r.error;
    return -1;
  }
  return r.data_bytes;
}
