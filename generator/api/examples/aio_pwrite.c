#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libnbd.h>

struct block_write {
  int *failures;                // counter shared by all the writes
  char data[];                  // must live until the write completes
};

static int
write_done (void *user_data, int *error)
{
  struct block_write *w = user_data;

  if (*error != 0) {
    fprintf (stderr, "write: %s\n", strerror (*error));
    (*w->failures)++;
  }
  return 1;                     // retire the command now
}

// Fill n blocks with byte c without waiting between writes.  Each
// buffer is the command's user_data, and the .free member releases it
// once the library is done with it: after the completion callback,
// or at once if nbd_aio_pwrite fails.
int
fill_blocks (struct nbd_handle *nbd, int c, size_t block, unsigned n)
{
  int failures = 0;
  unsigned i;

  for (i = 0; i < n && failures == 0; i++) {
    struct block_write *w = malloc (sizeof *w + block);

    if (w == NULL) {
      failures++;
      break;
    }
    w->failures = &failures;
    memset (w->data, c, block);
    if (nbd_aio_pwrite (nbd, w->data, block, (uint64_t) i * block,
          (nbd_completion_callback) {
            .callback = write_done, .user_data = w, .free = free },
          0) == -1) {
      failures++;
      break;
    }
  }
  // failures is on this stack frame: wait for every callback, even
  // after an error, before returning.
  while (nbd_aio_in_flight (nbd) > 0)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return failures == 0 ? 0 : -1;
}
