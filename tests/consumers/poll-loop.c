/* Drive libnbd from the program's own poll(2) loop instead of letting
 * the library block.  The loop asks the handle for its socket and for
 * the direction it wants (nbd_aio_get_fd, nbd_aio_get_direction),
 * waits on the socket, and reports readiness back with
 * nbd_aio_notify_read or nbd_aio_notify_write.  The same loop carries
 * the connection through the handshake and then runs a write, a flush
 * and a read-back, whose completion it detects with
 * nbd_aio_command_completed.
 *
 *   nbdkit -U - memory 16M --run './poll-loop "$unixsocket"'
 *
 * The argument is an NBD URI if it contains "://", else a Unix socket.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define PROGRAM "poll-loop"
#include "consumer.h"

#define BLOCK 4096
#define OFFSET (1024 * 1024)

static unsigned wakeups;

/* Wait once for the socket and tell libnbd what happened. */
static void
step (struct nbd_handle *nbd)
{
  struct pollfd pfd;
  unsigned dir;
  int fd, r;

  fd = nbd_aio_get_fd (nbd);
  if (fd == -1)
    die ("nbd_aio_get_fd");
  dir = nbd_aio_get_direction (nbd);
  pfd.fd = fd;
  pfd.events = 0;
  pfd.revents = 0;
  if (dir & LIBNBD_AIO_DIRECTION_READ)
    pfd.events |= POLLIN;
  if (dir & LIBNBD_AIO_DIRECTION_WRITE)
    pfd.events |= POLLOUT;
  if (pfd.events == 0) {
    fprintf (stderr, "poll-loop: the handle is waiting for nothing\n");
    exit (EXIT_FAILURE);
  }

  do
    r = poll (&pfd, 1, -1);
  while (r == -1 && errno == EINTR);
  if (r == -1) {
    perror ("poll");
    exit (EXIT_FAILURE);
  }
  wakeups++;

  /* If both are ready, reading first lets the state machine see the
   * server's reply before it decides what to send next.
   */
  if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
    if (nbd_aio_notify_read (nbd) == -1)
      die ("nbd_aio_notify_read");
  }
  else if (pfd.revents & POLLOUT) {
    if (nbd_aio_notify_write (nbd) == -1)
      die ("nbd_aio_notify_write");
  }
}

/* Spin the loop until the command with this cookie has finished. */
static void
wait_for (struct nbd_handle *nbd, int64_t cookie, const char *what)
{
  int r;

  while ((r = nbd_aio_command_completed (nbd, cookie)) == 0)
    step (nbd);
  if (r == -1)
    die (what);
}

int
main (int argc, char *argv[])
{
  static unsigned char out[BLOCK], in[BLOCK];
  struct nbd_handle *nbd;
  const char *protocol;
  int64_t cookie;
  size_t i;
  int r;

  usage_unless (argc == 2, "SOCKET|URI");

  nbd = create_handle ();
  if (strstr (argv[1], "://") != NULL)
    r = nbd_aio_connect_uri (nbd, argv[1]);
  else
    r = nbd_aio_connect_unix (nbd, argv[1]);
  if (r == -1)
    die ("nbd_aio_connect");

  while (nbd_aio_is_connecting (nbd))
    step (nbd);
  if (!nbd_aio_is_ready (nbd)) {
    fprintf (stderr, "poll-loop: handshake failed: %s\n", nbd_get_error ());
    exit (EXIT_FAILURE);
  }
  protocol = nbd_get_protocol (nbd);
  if (protocol == NULL)
    die ("nbd_get_protocol");
  printf ("connected: %s after %u wakeups\n", protocol, wakeups);

  for (i = 0; i < BLOCK; i++)
    out[i] = (i * 7 + 3) & 0xff;

  cookie = nbd_aio_pwrite (nbd, out, BLOCK, OFFSET, NBD_NULL_COMPLETION, 0);
  if (cookie == -1)
    die ("nbd_aio_pwrite");
  wait_for (nbd, cookie, "write");
  printf ("wrote: %d bytes at %d\n", BLOCK, OFFSET);

  r = nbd_can_flush (nbd);
  if (r == -1)
    die ("nbd_can_flush");
  if (r) {
    cookie = nbd_aio_flush (nbd, NBD_NULL_COMPLETION, 0);
    if (cookie == -1)
      die ("nbd_aio_flush");
    wait_for (nbd, cookie, "flush");
    printf ("flushed\n");
  }

  cookie = nbd_aio_pread (nbd, in, BLOCK, OFFSET, NBD_NULL_COMPLETION, 0);
  if (cookie == -1)
    die ("nbd_aio_pread");
  wait_for (nbd, cookie, "read");
  printf ("read back: %s\n",
          memcmp (in, out, BLOCK) == 0 ? "matches" : "DIFFERS");

  if (nbd_aio_disconnect (nbd, 0) == -1)
    die ("nbd_aio_disconnect");
  while (!nbd_aio_is_closed (nbd) && !nbd_aio_is_dead (nbd))
    step (nbd);
  printf ("disconnected: %s\n", nbd_aio_is_closed (nbd) ? "cleanly" : "dead");

  nbd_close (nbd);
  return memcmp (in, out, BLOCK) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
