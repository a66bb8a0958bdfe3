/* The last error belongs to the thread that made it.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

static struct nbd_handle *nbd;
static pthread_barrier_t barrier;

/* Each thread makes its own error, waits until the others have made
 * theirs, then finds its own still there.
 */
static void *
make_error (void *arg)
{
  int tls = (int) (intptr_t) arg;
  char want[64];

  CHECK (nbd_get_error () == NULL);
  CHECK (nbd_get_errno () == 0);
  CHECK (nbd_set_tls (nbd, tls) == -1);
  pthread_barrier_wait (&barrier);
  snprintf (want, sizeof want, "nbd_set_tls: tls: %d ", tls);
  CHECK (strncmp (nbd_get_error (), want, strlen (want)) == 0);
  CHECK (nbd_get_errno () == EINVAL);
  return NULL;
}

int
main (void)
{
  pthread_t threads[4];
  int i;

  check_our_library ();
  nbd = create_handle ();
  CHECK (nbd_set_handle_name (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_set_handle_name", EFAULT, NULL);
  CHECK (pthread_barrier_init (&barrier, NULL, 4) == 0);
  for (i = 0; i < 4; i++)
    CHECK (pthread_create (&threads[i], NULL, make_error,
                           (void *) (intptr_t) (10 + i)) == 0);
  for (i = 0; i < 4; i++)
    CHECK (pthread_join (threads[i], NULL) == 0);
  /* The other threads' errors did not touch this one's, and a call that
   * succeeds leaves the last error as it was.
   */
  CHECK (nbd_set_export_name (nbd, "x") == 0);
  CHECK (nbd_get_errno () == EFAULT);
  CHECK (strncmp (nbd_get_error (), "nbd_set_handle_name: ", 21) == 0);
  pthread_barrier_destroy (&barrier);
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
