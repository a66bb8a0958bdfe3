/* Each asynchronous way of connecting, driven to the ready state by a
 * hand-written poll(2) loop (nbd_aio_get_fd, nbd_aio_get_direction,
 * nbd_aio_notify_read/write), by nbd_poll or by nbd_poll2; then
 * nbd_aio_disconnect and nbd_shutdown with nothing in flight.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: aio-connect UNIXSOCKET PORT
 * aio-connect.sh starts nbdkit serving 1M of memory on UNIXSOCKET and
 * 2M on 127.0.0.1:PORT; the subprocesses started here serve 3M and 4M.
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

static const char *unixsocket, *port;

static void
check_connected (struct nbd_handle *nbd, int64_t size)
{
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_get_size (nbd) == size);
  /* Ready with nothing in flight, libnbd waits to read. */
  CHECK (nbd_aio_get_direction (nbd) == LIBNBD_AIO_DIRECTION_READ);
  /* ... but nothing will come, so a poll with no timeout times out. */
  CHECK (nbd_poll (nbd, 0) == 0);
  CHECK_STATE (nbd, "ready");
}

/* A new handle has no socket and nothing to wait for. */
static void
test_before_connecting (void)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_aio_get_fd (nbd) == -1);
  CHECK_FAILED ("nbd_aio_get_fd", EINVAL, NULL);
  CHECK (nbd_aio_get_direction (nbd) == 0);
  CHECK (nbd_poll (nbd, 0) == -1);
  CHECK_FAILED ("nbd_poll", EINVAL, NULL);
  CHECK (nbd_aio_notify_read (nbd) == -1);
  CHECK_FAILED ("nbd_aio_notify_read", EINVAL, NULL);
  CHECK (nbd_aio_notify_write (nbd) == -1);
  CHECK_FAILED ("nbd_aio_notify_write", EINVAL, NULL);
  CHECK_STATE (nbd, "created");
  nbd_close (nbd);
}

/* nbd_aio_connect with a struct sockaddr, then the loop a program with
 * its own main loop would write: poll(2) the handle's socket in the
 * direction libnbd asks for, and tell libnbd what happened.
 */
static void
test_aio_connect_own_loop (void)
{
  struct sockaddr_un sun = { .sun_family = AF_UNIX };
  struct nbd_handle *nbd = create_handle ();
  time_t deadline = time (NULL) + DEADLINE_SECONDS;
  int fd;

  CHECK (strlen (unixsocket) < sizeof sun.sun_path);
  strcpy (sun.sun_path, unixsocket);
  CHECK (nbd_aio_connect (nbd, (struct sockaddr *) &sun, sizeof sun) == 0);
  fd = nbd_aio_get_fd (nbd);
  CHECK (fd >= 0);

  while (nbd_aio_is_connecting (nbd) == 1) {
    unsigned dir = nbd_aio_get_direction (nbd);
    struct pollfd pfd = { .fd = fd };
    int r;

    /* A handshake in progress always waits for the socket. */
    CHECK (dir != 0);
    CHECK ((dir & ~LIBNBD_AIO_DIRECTION_BOTH) == 0);
    CHECK (nbd_aio_get_fd (nbd) == fd);
    if (dir & LIBNBD_AIO_DIRECTION_READ)
      pfd.events |= POLLIN;
    if (dir & LIBNBD_AIO_DIRECTION_WRITE)
      pfd.events |= POLLOUT;
    CHECK (poll (&pfd, 1, 1000) >= 0);
    CHECK (time (NULL) <= deadline);

    /* Reading first, as nbd_aio_get_direction(3) recommends. */
    dir = nbd_aio_get_direction (nbd);
    r = 0;
    if ((dir & LIBNBD_AIO_DIRECTION_READ) &&
        (pfd.revents & (POLLIN | POLLHUP)))
      r = nbd_aio_notify_read (nbd);
    else if ((dir & LIBNBD_AIO_DIRECTION_WRITE) && (pfd.revents & POLLOUT))
      r = nbd_aio_notify_write (nbd);
    CHECK (r == 0);
  }
  check_connected (nbd, UNIX_SIZE);
  CHECK (nbd_aio_get_fd (nbd) == fd);
  nbd_close (nbd);
}

static void
test_aio_connect_unix (void)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_aio_connect_unix (nbd, unixsocket) == 0);
  CHECK_POLL_TO_STATE (nbd, "ready");
  check_connected (nbd, UNIX_SIZE);
  /* Connecting a second time is a state error. */
  CHECK (nbd_aio_connect_unix (nbd, unixsocket) == -1);
  CHECK_FAILED ("nbd_aio_connect_unix", EINVAL, NULL);
  nbd_close (nbd);

  /* connect(2) fails at once, so the call itself fails. */
  nbd = create_handle ();
  CHECK (nbd_aio_connect_unix (nbd, "/nonexistent/nbd.sock") == -1);
  CHECK_FAILED ("nbd_aio_connect_unix", ENOENT, NULL);
  CHECK_STATE (nbd, "dead");
  CHECK (nbd_poll (nbd, 0) == -1);
  CHECK_FAILED ("nbd_poll", EINVAL, NULL);
  nbd_close (nbd);
}

/* nbd_aio_connect_tcp driven by nbd_poll2 with an extra file
 * descriptor: a pipe that only becomes readable when written to.
 */
static void
test_aio_connect_tcp (void)
{
  struct nbd_handle *nbd = create_handle ();
  time_t deadline = time (NULL) + DEADLINE_SECONDS;
  int fds[2], r;

  CHECK (pipe (fds) == 0);
  CHECK (nbd_aio_connect_tcp (nbd, "127.0.0.1", port) == 0);
  while (nbd_aio_is_connecting (nbd) == 1) {
    CHECK (nbd_poll2 (nbd, fds[0], 1000) >= 0);
    CHECK (time (NULL) <= deadline);
  }
  check_connected (nbd, TCP_SIZE);

  /* Nothing is in flight, so only the pipe can end this poll: with no
   * timeout it must return once the pipe is readable.  The alarm turns
   * a poll that ignores the pipe into a failure.
   */
  CHECK (nbd_poll2 (nbd, fds[0], 0) == 0);
  CHECK (write (fds[1], "x", 1) == 1);
  alarm (20);
  r = nbd_poll2 (nbd, fds[0], -1);
  alarm (0);
  CHECK (r == 0 || r == 1);
  CHECK_STATE (nbd, "ready");
  nbd_close (nbd);
  close (fds[0]);
  close (fds[1]);
}

static void
test_aio_connect_tcp_refused (void)
{
  struct sockaddr_in sin;
  struct nbd_handle *nbd;
  const char *call;
  char refused[16];
  int fd, r;

  /* Bound but not listening: the port refuses connections. */
  fd = bind_refusing_port (refused, sizeof refused, &sin);

  /* By name, the library tries each address; when none answers, the
   * handle goes back to created, as in libnbd, and may try again.
   */
  nbd = create_handle ();
  CHECK (nbd_aio_connect_tcp (nbd, "127.0.0.1", refused) == -1);
  CHECK_FAILED ("nbd_aio_connect_tcp", ECONNREFUSED, NULL);
  CHECK_STATE (nbd, "created");
  CHECK (nbd_aio_connect_tcp (nbd, "127.0.0.1", refused) == -1);
  CHECK_FAILED ("nbd_aio_connect_tcp", ECONNREFUSED, NULL);
  CHECK_STATE (nbd, "created");
  nbd_close (nbd);

  /* By address, the refusal may come from connect(2) at once or once
   * the socket becomes writable: either way it carries ECONNREFUSED,
   * from the call that saw it, and the handle is dead.
   */
  nbd = create_handle ();
  r = nbd_aio_connect (nbd, (struct sockaddr *) &sin, sizeof sin);
  call = which_call_failed (nbd, r, "nbd_aio_connect");
  CHECK_FAILED (call, ECONNREFUSED, NULL);
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);
  close (fd);
}

static void
test_aio_connect_socket (void)
{
  struct nbd_handle *nbd = create_handle ();
  int fd = connect_unix_socket (unixsocket);

  CHECK (nbd_aio_connect_socket (nbd, fd) == 0);
  CHECK (nbd_aio_get_fd (nbd) == fd);
  CHECK_POLL_TO_STATE (nbd, "ready");
  check_connected (nbd, UNIX_SIZE);
  nbd_close (nbd);

  nbd = create_handle ();
  CHECK (nbd_aio_connect_socket (nbd, -1) == -1);
  CHECK_FAILED ("nbd_aio_connect_socket", EBADF, NULL);
  CHECK_STATE (nbd, "created");
  nbd_close (nbd);
}

/* A subprocess that cannot start fails the handshake with end of file
 * or a reset (or with the failed exec's ENOENT, if the library learns
 * of it); which call sees it depends on how fast the child dies.
 */
static void
check_subprocess_failed (struct nbd_handle *nbd, int r, const char *call)
{
  call = which_call_failed (nbd, r, call);
  CHECK_ERROR (call, nbd_get_errno (), NULL);
  CHECK (nbd_get_errno () == 0 || nbd_get_errno () == ECONNRESET ||
         nbd_get_errno () == ECONNREFUSED || nbd_get_errno () == ENOENT);
  CHECK_STATE (nbd, "dead");
}

static void
test_aio_connect_command (void)
{
  char *argv[] = { "nbdkit", "-s", "--exit-with-parent", "memory", "3M",
                   NULL };
  char *missing[] = { "/nonexistent/nbd-server", NULL };
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_aio_connect_command (nbd, argv) == 0);
  CHECK_POLL_TO_STATE (nbd, "ready");
  check_connected (nbd, COMMAND_SIZE);
  nbd_close (nbd);

  nbd = create_handle ();
  check_subprocess_failed (nbd, nbd_aio_connect_command (nbd, missing),
                           "nbd_aio_connect_command");
  nbd_close (nbd);
}

static void
test_aio_connect_socket_activation (void)
{
  char *argv[] = { "nbdkit", "--exit-with-parent", "memory", "4M", NULL };
  char *missing[] = { "/nonexistent/nbd-server", NULL };
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_aio_connect_systemd_socket_activation (nbd, argv) == 0);
  CHECK_POLL_TO_STATE (nbd, "ready");
  check_connected (nbd, ACTIVATION_SIZE);
  nbd_close (nbd);

  nbd = create_handle ();
  check_subprocess_failed (nbd,
                           nbd_aio_connect_systemd_socket_activation (nbd,
                                                                      missing),
                           "nbd_aio_connect_systemd_socket_activation");
  nbd_close (nbd);
}

static void
test_aio_connect_vsock (void)
{
  struct nbd_handle *nbd = create_handle ();
  const char *call;

  if (!nbd_supports_vsock (nbd)) {
    CHECK (nbd_aio_connect_vsock (nbd, 2, 2000000000) == -1);
    CHECK_FAILED ("nbd_aio_connect_vsock", ENOTSUP, NULL);
    nbd_close (nbd);
    return;
  }
  /* Nothing serves NBD on the host's vsock port: the failure comes
   * from the call or from the poll that learns of it, with an errno.
   */
  call = which_call_failed (nbd, nbd_aio_connect_vsock (nbd, 2, 2000000000),
                            "nbd_aio_connect_vsock");
  CHECK_FAILED (call, nbd_get_errno (), NULL);
  CHECK (nbd_get_errno () != 0);
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);
}

/* After the handle closed, only the handshake's results remain. */
static void
check_closed (struct nbd_handle *nbd, int64_t size)
{
  CHECK_STATE (nbd, "closed");
  CHECK (nbd_get_size (nbd) == size);
  CHECK (nbd_aio_get_fd (nbd) == -1);
  CHECK_FAILED ("nbd_aio_get_fd", EINVAL, NULL);
  CHECK (nbd_aio_get_direction (nbd) == 0);
  CHECK (nbd_aio_disconnect (nbd, 0) == -1);
  CHECK_FAILED ("nbd_aio_disconnect", EINVAL, NULL);
  CHECK (nbd_shutdown (nbd, 0) == -1);
  CHECK_FAILED ("nbd_shutdown", EINVAL, NULL);
}

static void
test_disconnect (void)
{
  struct nbd_handle *nbd = create_handle ();
  time_t deadline = time (NULL) + DEADLINE_SECONDS;

  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  /* No flags are defined for the disconnect request yet. */
  CHECK (nbd_aio_disconnect (nbd, 1) == -1);
  CHECK_FAILED ("nbd_aio_disconnect", EINVAL, NULL);
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_aio_disconnect (nbd, 0) == 0);
  /* Once NBD_CMD_DISC is on its way, nothing more may be asked. */
  if (nbd_aio_is_closed (nbd) == 0) {
    CHECK (nbd_aio_disconnect (nbd, 0) == -1);
    CHECK_FAILED ("nbd_aio_disconnect", EINVAL, NULL);
  }
  /* The server answers the request by closing the connection. */
  while (nbd_aio_is_closed (nbd) == 0) {
    CHECK (nbd_poll (nbd, 1000) >= 0);
    CHECK (time (NULL) <= deadline);
  }
  check_closed (nbd, UNIX_SIZE);
  nbd_close (nbd);

  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  CHECK (nbd_shutdown (nbd, 1) == -1);
  CHECK_FAILED ("nbd_shutdown", EINVAL, NULL);
  CHECK_STATE (nbd, "ready");
  /* nbd_shutdown waits for the close itself. */
  CHECK (nbd_shutdown (nbd, 0) == 0);
  check_closed (nbd, UNIX_SIZE);
  nbd_close (nbd);

  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  CHECK (nbd_shutdown (nbd, LIBNBD_SHUTDOWN_ABANDON_PENDING) == 0);
  check_closed (nbd, UNIX_SIZE);
  nbd_close (nbd);
}

int
main (int argc, char *argv[])
{
  check_our_library ();
  if (argc != 3) {
    fprintf (stderr, "usage: %s UNIXSOCKET PORT\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  unixsocket = argv[1];
  port = argv[2];

  test_before_connecting ();
  test_aio_connect_own_loop ();
  test_aio_connect_unix ();
  test_aio_connect_tcp ();
  test_aio_connect_tcp_refused ();
  test_aio_connect_socket ();
  test_aio_connect_command ();
  test_aio_connect_socket_activation ();
  test_aio_connect_vsock ();
  test_disconnect ();
  return EXIT_SUCCESS;
}
