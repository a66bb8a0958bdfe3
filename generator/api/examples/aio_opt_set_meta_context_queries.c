#include <stdbool.h>
#include <libnbd.h>

static int
count_selected (void *user_data, const char *name)
{
  int *selected = user_data;

  (void) name;
  (*selected)++;
  return 0;
}

static int
mark_done (void *user_data, int *error)
{
  int *status = user_data;

  *status = *error;             // was -1: still waiting
  return 0;
}

// Send an empty selection, as a test of how the server copes.
// Returns the number of contexts selected (normally 0), or -1.
int
select_nothing (struct nbd_handle *nbd)
{
  char *none[] = { NULL };
  int selected = 0, status = -1;

  if (nbd_aio_opt_set_meta_context_queries (nbd, none,
        (nbd_context_callback) {
          .callback = count_selected, .user_data = &selected },
        (nbd_completion_callback) {
          .callback = mark_done, .user_data = &status }) == -1)
    return -1;
  while (status == -1)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return status == 0 ? selected : -1;
}
