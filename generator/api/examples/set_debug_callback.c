#include <stdlib.h>
#include <string.h>
#include <err.h>
#include <syslog.h>
#include <libnbd.h>

static int
log_debug (void *user_data, const char *context, const char *msg)
{
  const char *tag = user_data;

  syslog (LOG_DEBUG, "%s: %s: %s", tag, context, msg);
  return 0;
}

// Called after nbd_create: the tag lives as long as the handle.
void
log_to_syslog (struct nbd_handle *nbd, const char *name)
{
  char *tag = strdup (name);

  if (tag == NULL)
    err (EXIT_FAILURE, "strdup");
  if (nbd_set_debug_callback (nbd,
          (nbd_debug_callback) { .callback = log_debug,
                                 .user_data = tag,
                                 .free = free }) == -1 ||
      nbd_set_debug (nbd, true) == -1)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());
}
