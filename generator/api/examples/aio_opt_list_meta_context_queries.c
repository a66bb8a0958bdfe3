#include <stdbool.h>
#include <stdio.h>
#include <libnbd.h>

struct matches {
  int count;
  bool done;
  int error;
};

static int
found (void *user_data, const char *name)
{
  struct matches *m = user_data;

  m->count++;
  puts (name);
  return 0;
}

static int
all_found (void *user_data, int *error)
{
  struct matches *m = user_data;

  m->done = true;
  m->error = *error;
  return 0;
}

// Which qemu dirty bitmaps does the export have?  The handle's own
// list of contexts, used later by nbd_opt_go, is not touched.
int
list_dirty_bitmaps (struct nbd_handle *nbd)
{
  char *queries[] = { (char *) LIBNBD_CONTEXT_QEMU_DIRTY_BITMAP, NULL };
  struct matches m = { 0, false, 0 };

  if (nbd_aio_opt_list_meta_context_queries (nbd, queries,
        (nbd_context_callback) { .callback = found, .user_data = &m },
        (nbd_completion_callback) {
          .callback = all_found, .user_data = &m }) == -1)
    return -1;
  while (!m.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return m.error == 0 ? m.count : -1;
}
