#include <errno.h>
#include <stdint.h>
#include <libnbd.h>

static int
note_chunk (void *user_data, const void *subbuf, size_t count,
            uint64_t offset, unsigned status, int *error)
{
  uint64_t *hole_bytes = user_data;

  (void) subbuf;
  (void) offset;
  switch (status) {
  case LIBNBD_READ_HOLE:
    *hole_bytes += count;
    break;
  case LIBNBD_READ_DATA:
    if (count == 0) {        // a compliant server never does this
      *error = EPROTO;
      return -1;
    }
    break;
  case LIBNBD_READ_ERROR:
    // The server's errno is already in place; the read will fail.
    break;
  }
  return 0;
}

// Fill buf from offset; return the number of bytes that the server
// sent as holes, or -1 if the read failed.
int64_t
read_counting_holes (struct nbd_handle *nbd, void *buf, size_t len,
                     uint64_t offset)
{
  uint64_t hole_bytes = 0;
  nbd_chunk_callback cb = {
    .callback = note_chunk,
    .user_data = &hole_bytes,
  };

  if (nbd_pread_structured (nbd, buf, len, offset, cb, 0) == -1)
    return -1;
  return hole_bytes;
}
