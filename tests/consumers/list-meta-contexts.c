/* Ask the server which metadata contexts it can provide for the
 * default export, using the asynchronous option call: the context
 * names arrive through one callback, the final verdict through a
 * completion callback, and nbd_poll drives the handle in between.
 * Extra arguments are queries (such as "base:" or "qemu:") that
 * narrow the list; without any, the server lists everything.
 *
 *   nbdkit -U - memory 1M --run './list-meta-contexts "$unixsocket"'
 *
 * The first argument is an NBD URI if it contains "://", else a Unix
 * socket.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "list-meta-contexts"
#include "consumer.h"

struct request {
  bool done;
  int error;
  int count;
};

static int
got_context (void *user_data, const char *name)
{
  struct request *req = user_data;

  req->count++;
  printf ("context: %s\n", name);
  return 0;
}

static int
list_finished (void *user_data, int *error)
{
  struct request *req = user_data;

  req->error = *error;
  req->done = true;
  return 1;
}

int
main (int argc, char *argv[])
{
  struct request req = { .done = false, .error = 0, .count = 0 };
  nbd_context_callback context = { .callback = got_context,
                                   .user_data = &req };
  nbd_completion_callback completion = { .callback = list_finished,
                                         .user_data = &req };
  struct nbd_handle *nbd;
  int i;

  usage_unless (argc >= 2, "SOCKET|URI [QUERY...]");

  nbd = create_handle ();
  if (nbd_set_opt_mode (nbd, true) == -1)
    die ("nbd_set_opt_mode");
  for (i = 2; i < argc; i++)
    if (nbd_add_meta_context (nbd, argv[i]) == -1)
      die ("nbd_add_meta_context");
  connect_to (nbd, argv[1]);

  if (nbd_aio_opt_list_meta_context (nbd, context, completion) == -1)
    die ("nbd_aio_opt_list_meta_context");
  while (!req.done)
    if (nbd_poll (nbd, -1) == -1)
      die ("nbd_poll");

  if (req.error != 0) {
    fprintf (stderr, "list-meta-contexts: the server refused the list: %s\n",
             strerror (req.error));
    exit (EXIT_FAILURE);
  }
  printf ("contexts: %d\n", req.count);

  /* Still in option mode: leave without ever choosing an export. */
  if (nbd_opt_abort (nbd) == -1)
    die ("nbd_opt_abort");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
