/* One thread runs the handle with nbd_poll while another waits in
 * synchronous calls: the poller may read the reply that completes the
 * waiting call's command, and the waiting call must notice.  The
 * poller starts before the handshake, which keeps the handle's lock
 * while it waits: the poller's calls wait for it to end.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: poll-while-waiting SOCKET
 * poll-while-waiting.sh starts nbdkit serving memory on SOCKET.
 */

#include <config.h>

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libnbd.h>

#include "helpers.h"

#define ROUNDS 5000
/* The rounds take a second or two; a waiting call that missed its
 * reply would wait for ever, and the alarm turns that into a failure.
 */
#define ALARM_SECONDS 120

static struct nbd_handle *nbd;
static int stop;

static void *
poller (void *arg)
{
  (void) arg;
  while (nbd_aio_is_created (nbd))
    sched_yield ();
  while (!__atomic_load_n (&stop, __ATOMIC_ACQUIRE))
    CHECK (nbd_poll (nbd, 100) >= 0);
  return NULL;
}

int
main (int argc, char *argv[])
{
  char data[512], back[512];
  pthread_t thread;
  unsigned i;

  check_our_library ();
  CHECK (argc == 2);
  alarm (ALARM_SECONDS);
  nbd = create_handle ();
  CHECK (pthread_create (&thread, NULL, poller, NULL) == 0);
  CHECK (nbd_connect_unix (nbd, argv[1]) == 0);
  for (i = 0; i < ROUNDS; i++) {
    memset (data, i, sizeof data);
    CHECK (nbd_pwrite (nbd, data, sizeof data, i * sizeof data, 0) == 0);
    CHECK (nbd_pread (nbd, back, sizeof back, i * sizeof data, 0) == 0);
    CHECK (memcmp (data, back, sizeof data) == 0);
  }
  __atomic_store_n (&stop, 1, __ATOMIC_RELEASE);
  CHECK (pthread_join (thread, NULL) == 0);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
