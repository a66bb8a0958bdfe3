#include <stdint.h>
#include <stdio.h>
#include <inttypes.h>
#include <libnbd.h>

static int
print_map (void *user_data, const char *metacontext, uint64_t offset,
           nbd_extent *entries, size_t nr_entries, int *error)
{
  FILE *out = user_data;
  size_t i;

  if (*error != 0)              // the reply is already known bad
    fprintf (out, "(after an error)\n");
  for (i = 0; i < nr_entries; i++) {
    fprintf (out, "%s %" PRIu64 " %" PRIu64 " 0x%" PRIx64 "\n",
             metacontext, offset, entries[i].length, entries[i].flags);
    offset += entries[i].length;
  }
  return 0;
}

static void
close_map (void *user_data)
{
  fclose (user_data);
}

// Write the map of [offset, offset+len) to a new file.  The stream is
// closed by the callback's .free function, which runs exactly once,
// even if nbd_aio_block_status_64 fails.  No completion callback: the
// cookie is checked, and retired, with nbd_aio_command_completed.
int
save_map (struct nbd_handle *nbd, const char *file, uint64_t offset,
          uint64_t len)
{
  FILE *out = fopen (file, "w");
  int64_t cookie;
  int r;

  if (out == NULL)
    return -1;
  cookie = nbd_aio_block_status_64 (nbd, len, offset,
             (nbd_extent64_callback) {
               .callback = print_map, .user_data = out,
               .free = close_map },
             NBD_NULL_COMPLETION, 0);
  if (cookie == -1)
    return -1;
  while ((r = nbd_aio_command_completed (nbd, cookie)) == 0)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return r == 1 ? 0 : -1;
}
