/* nbd_get_handle_size follows what the handle holds: it grows with a
 * long export name and with commands queued against nbdkit, and falls
 * again when they retire and when the connection closes.
 *
 *   handle-size SOCKET
 *
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

#define COMMANDS 2000

static char name[4001];
static char buffers[COMMANDS][512];

static size_t
size_of (struct nbd_handle *nbd)
{
  ssize_t size = nbd_get_handle_size (nbd);

  CHECK (size > 0);
  fprintf (stderr, "handle size: %zd\n", size);
  return size;
}

/* The strings the handle keeps count, by their length. */
static void
strings (struct nbd_handle *nbd)
{
  size_t before = size_of (nbd), longer;

  memset (name, 'n', sizeof name - 1);
  CHECK (nbd_set_export_name (nbd, name) == 0);
  longer = size_of (nbd);
  CHECK (longer >= before + 4000);
  CHECK (nbd_set_export_name (nbd, "") == 0);
  CHECK (size_of (nbd) == before);
}

static void
retire_all (struct nbd_handle *nbd)
{
  int64_t cookie;

  while (nbd_aio_in_flight (nbd) > 0)
    CHECK (nbd_poll (nbd, -1) >= 0);
  while ((cookie = nbd_aio_peek_command_completed (nbd)) > 0)
    CHECK (nbd_aio_command_completed (nbd, cookie) == 1);
}

/* Each command queued or in flight counts; retired ones are kept only
 * up to a limit, and a closed connection keeps no buffers.
 */
static void
commands (struct nbd_handle *nbd, const char *socket)
{
  size_t connected, queued, retired;
  size_t i;

  CHECK (nbd_connect_unix (nbd, socket) == 0);
  CHECK (nbd_pread (nbd, buffers[0], 512, 0, 0) == 0);
  connected = size_of (nbd);
  for (i = 0; i < COMMANDS; i++)
    CHECK (nbd_aio_pread (nbd, buffers[i], 512, i * 512,
                          NBD_NULL_COMPLETION, 0) > 0);
  queued = size_of (nbd);
  CHECK (queued >= connected + COMMANDS * 64);
  retire_all (nbd);
  retired = size_of (nbd);
  CHECK (retired < queued - COMMANDS / 2 * 64);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  CHECK (size_of (nbd) < retired);
}

int
main (int argc, char *argv[])
{
  struct nbd_handle *nbd;

  check_our_library ();
  CHECK (argc == 2);
  nbd = create_handle ();
  strings (nbd);
  commands (nbd, argv[1]);
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
