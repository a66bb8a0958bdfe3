#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <libnbd.h>

struct exports {
  int count;
  bool done;
  int error;
};

static int
print_export (void *user_data, const char *name, const char *description)
{
  struct exports *e = user_data;

  e->count++;
  // Both strings vanish when the callback returns: copy them to keep.
  if (*description)
    printf ("%s (%s)\n", name, description);
  else
    printf ("%s\n", name);
  return 0;
}

static int
list_finished (void *user_data, int *error)
{
  struct exports *e = user_data;

  e->done = true;
  e->error = *error;            // ENOTSUP if the server cannot list
  return 0;
}

// Print the exports of a negotiating handle; return how many.
int
print_exports (struct nbd_handle *nbd)
{
  struct exports e = { 0, false, 0 };

  if (nbd_aio_opt_list (nbd,
        (nbd_list_callback) {
          .callback = print_export, .user_data = &e },
        (nbd_completion_callback) {
          .callback = list_finished, .user_data = &e }) == -1)
    return -1;
  while (!e.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  if (e.error != 0) {
    fprintf (stderr, "listing failed: %s\n", strerror (e.error));
    return -1;
  }
  return e.count;
}
