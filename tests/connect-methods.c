/* Each synchronous way of connecting reaches a real server, and fails
 * cleanly, with the call's name and errno, when there is no server.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: connect-methods UNIXSOCKET PORT
 * connect-methods.sh starts nbdkit serving 1M of memory on UNIXSOCKET
 * and 2M on 127.0.0.1:PORT.  The subprocesses started here serve 3M
 * and 4M, so each size proves which server answered.
 *
 * nbdkit only acts on SIGTERM once its client has gone, so the tests
 * that kill a live server use SIGKILL on nbdkit and SIGTERM on
 * qemu-nbd, which obeys it at once.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

static const char *unixsocket, *port;
static char tmpdir[] = "/tmp/connect-methods-XXXXXX";

static void
check_connected (struct nbd_handle *nbd, int64_t size)
{
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_get_size (nbd) == size);
  CHECK (strcmp (nbd_get_protocol (nbd), "newstyle-fixed") == 0);
  /* The caller's event loop gets a socket that never blocks. */
  CHECK (fcntl (nbd_aio_get_fd (nbd), F_GETFL) & O_NONBLOCK);
}

static void
test_unix (void)
{
  struct nbd_handle *nbd;
  char path[sizeof tmpdir + 32];
  int fd;

  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  check_connected (nbd, UNIX_SIZE);
  /* A handle connects once. */
  CHECK (nbd_connect_unix (nbd, unixsocket) == -1);
  CHECK_FAILED ("nbd_connect_unix", EINVAL, NULL);
  check_connected (nbd, UNIX_SIZE);
  nbd_close (nbd);

  /* Nothing at that path: connect(2)'s errno, and the handle is dead,
   * so it cannot be used for a second attempt.
   */
  snprintf (path, sizeof path, "%s/missing.sock", tmpdir);
  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, path) == -1);
  CHECK_FAILED ("nbd_connect_unix", ENOENT, NULL);
  CHECK_STATE (nbd, "dead");
  CHECK (nbd_connect_unix (nbd, unixsocket) == -1);
  CHECK_FAILED ("nbd_connect_unix", EINVAL, NULL);
  CHECK (nbd_get_size (nbd) == -1);
  CHECK_FAILED ("nbd_get_size", EINVAL, NULL);
  nbd_close (nbd);

  /* A file that is not a socket refuses the connection. */
  snprintf (path, sizeof path, "%s/plain", tmpdir);
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  CHECK (fd >= 0);
  close (fd);
  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, path) == -1);
  CHECK_FAILED ("nbd_connect_unix", ECONNREFUSED, NULL);
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);
  unlink (path);
}

static void
test_tcp (void)
{
  struct nbd_handle *nbd;
  char refused[16];
  int fd;

  nbd = create_handle ();
  CHECK (nbd_connect_tcp (nbd, "127.0.0.1", port) == 0);
  check_connected (nbd, TCP_SIZE);
  CHECK (nbd_connect_tcp (nbd, "127.0.0.1", port) == -1);
  CHECK_FAILED ("nbd_connect_tcp", EINVAL, NULL);
  nbd_close (nbd);

  /* A name resolves to one or more addresses; one of localhost's is
   * 127.0.0.1, where the server listens.
   */
  nbd = create_handle ();
  CHECK (nbd_connect_tcp (nbd, "localhost", port) == 0);
  check_connected (nbd, TCP_SIZE);
  nbd_close (nbd);

  /* When every address refuses, the error is connect(2)'s and, as in
   * libnbd, the handle is back where it started: it can try again.
   */
  fd = bind_refusing_port (refused, sizeof refused, NULL);
  nbd = create_handle ();
  CHECK (nbd_connect_tcp (nbd, "127.0.0.1", refused) == -1);
  CHECK_FAILED ("nbd_connect_tcp", ECONNREFUSED, NULL);
  CHECK_STATE (nbd, "created");
  CHECK (nbd_connect_tcp (nbd, "127.0.0.1", port) == 0);
  check_connected (nbd, TCP_SIZE);
  nbd_close (nbd);
  close (fd);

  /* A service name that does not exist fails in getaddrinfo, which
   * says so by name; nothing was tried, so the handle is unchanged.
   */
  nbd = create_handle ();
  CHECK (nbd_connect_tcp (nbd, "127.0.0.1", "no-such-nbd-service") == -1);
  CHECK_FAILED ("nbd_connect_tcp", ENOENT, "getaddrinfo");
  CHECK_STATE (nbd, "created");
  nbd_close (nbd);
}

static void
test_vsock (void)
{
  struct nbd_handle *nbd = create_handle ();

  /* No NBD server listens on the host's vsock port (CID 2), and this
   * may not even be a virtual machine: whatever the kernel says, the
   * call fails at once with its errno and the handle is dead.
   */
  CHECK (nbd_connect_vsock (nbd, 2, 2000000000) == -1);
  if (nbd_supports_vsock (nbd)) {
    CHECK (nbd_get_errno () != 0);
    CHECK_FAILED ("nbd_connect_vsock", nbd_get_errno (), NULL);
    CHECK_STATE (nbd, "dead");
  }
  else {
    CHECK_FAILED ("nbd_connect_vsock", ENOTSUP, NULL);
    CHECK_STATE (nbd, "created");
  }
  nbd_close (nbd);
}

static void
test_socket (void)
{
  struct nbd_handle *nbd;
  int fd, fds[2];

  fd = connect_unix_socket (unixsocket);
  nbd = create_handle ();
  CHECK (nbd_connect_socket (nbd, fd) == 0);
  check_connected (nbd, UNIX_SIZE);
  /* The handle talks over the very socket it was given ... */
  CHECK (nbd_aio_get_fd (nbd) == fd);
  nbd_close (nbd);
  /* ... and owns it: closing the handle closed the socket. */
  CHECK (fcntl (fd, F_GETFD) == -1 && errno == EBADF);

  nbd = create_handle ();
  CHECK (nbd_connect_socket (nbd, -1) == -1);
  CHECK_FAILED ("nbd_connect_socket", EBADF, NULL);
  CHECK_STATE (nbd, "created");
  nbd_close (nbd);

  /* A pipe is a file descriptor but not a socket. */
  CHECK (pipe (fds) == 0);
  nbd = create_handle ();
  CHECK (nbd_connect_socket (nbd, fds[0]) == -1);
  CHECK_FAILED ("nbd_connect_socket", ENOTSOCK, NULL);
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);
  close (fds[1]);
}

/* After the server process was killed, its end of the socket closes:
 * the handle's socket reports end of file within a few seconds.
 */
static void
wait_for_server_exit (struct nbd_handle *nbd)
{
  struct pollfd pfd = { .fd = nbd_aio_get_fd (nbd), .events = POLLIN };
  char c;

  CHECK (pfd.fd >= 0);
  CHECK (poll (&pfd, 1, 10000) == 1);
  CHECK (recv (pfd.fd, &c, 1, MSG_PEEK) == 0);
}

static void
test_command (void)
{
  char *argv[] = { "nbdkit", "-s", "--exit-with-parent", "memory", "3M",
                   NULL };
  char *missing[] = { "/nonexistent/nbd-server", NULL };
  char *empty[] = { NULL };
  struct nbd_handle *nbd;
  int64_t pid;

  nbd = create_handle ();
  /* There is nothing to kill yet. */
  CHECK (nbd_kill_subprocess (nbd, 0) == -1);
  CHECK_FAILED ("nbd_kill_subprocess", ESRCH, NULL);
  CHECK (nbd_get_subprocess_pid (nbd) == -1);
  CHECK_FAILED ("nbd_get_subprocess_pid", ESRCH, NULL);

  CHECK (nbd_connect_command (nbd, argv) == 0);
  check_connected (nbd, COMMAND_SIZE);
  pid = nbd_get_subprocess_pid (nbd);
  CHECK (pid > 0 && pid != getpid ());
  CHECK (kill (pid, 0) == 0);
  CHECK (nbd_kill_subprocess (nbd, -1) == -1);
  CHECK_FAILED ("nbd_kill_subprocess", EINVAL, NULL);
  CHECK (nbd_kill_subprocess (nbd, SIGKILL) == 0);
  wait_for_server_exit (nbd);
  nbd_close (nbd);

  /* Closing the handle ends the server and reaps it: no zombie is
   * left behind.
   */
  nbd = create_handle ();
  CHECK (nbd_connect_command (nbd, argv) == 0);
  pid = nbd_get_subprocess_pid (nbd);
  CHECK (pid > 0);
  nbd_close (nbd);
  CHECK (kill (pid, 0) == -1 && errno == ESRCH);

  /* The program cannot be run.  In libnbd the child exits without a
   * word and the handshake meets end of file, which has no errno; a
   * library that learns of the failed exec may report its ENOENT.
   */
  nbd = create_handle ();
  CHECK (nbd_connect_command (nbd, missing) == -1);
  CHECK (nbd_get_errno () == 0 || nbd_get_errno () == ENOENT);
  CHECK_ERROR ("nbd_connect_command", nbd_get_errno (), NULL);
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);

  /* No command at all is refused before anything is started. */
  nbd = create_handle ();
  CHECK (nbd_connect_command (nbd, empty) == -1);
  CHECK_FAILED ("nbd_connect_command", EINVAL, NULL);
  CHECK_STATE (nbd, "created");
  CHECK (nbd_get_subprocess_pid (nbd) == -1);
  CHECK_FAILED ("nbd_get_subprocess_pid", ESRCH, NULL);
  nbd_close (nbd);
}

/* Connect by socket activation to nbdkit, which describes its export
 * with the socket name it was given in LISTEN_FDNAMES.  sh execs
 * nbdkit, so the pid in LISTEN_PID stays right.
 */
static void
check_activation_name (const char *name, const char *seen)
{
  char *argv[] = {
    "sh", "-c",
    "exec nbdkit --exit-with-parent --filter=exportname memory 4M "
    "exportdesc=\"fixed:name=$LISTEN_FDNAMES\"",
    NULL
  };
  struct nbd_handle *nbd = create_handle ();
  char want[64];

  if (name)
    CHECK (nbd_set_socket_activation_name (nbd, name) == 0);
  /* The server only describes its export when asked to. */
  CHECK (nbd_set_full_info (nbd, true) == 0);
  CHECK (nbd_connect_systemd_socket_activation (nbd, argv) == 0);
  check_connected (nbd, ACTIVATION_SIZE);
  snprintf (want, sizeof want, "name=%s", seen);
  CHECK_STRING (nbd_get_export_description (nbd), want);
  nbd_close (nbd);
}

static void
test_socket_activation (void)
{
  char disk[sizeof tmpdir + 32];
  char *argv[] = { "qemu-nbd", "--format=raw", disk, NULL };
  char *missing[] = { "/nonexistent/nbd-server", NULL };
  char *empty[] = { NULL };
  struct nbd_handle *nbd;
  int64_t pid;
  int fd;

  snprintf (disk, sizeof disk, "%s/disk.raw", tmpdir);
  fd = open (disk, O_WRONLY | O_CREAT | O_EXCL, 0600);
  CHECK (fd >= 0);
  CHECK (ftruncate (fd, ACTIVATION_SIZE) == 0);
  close (fd);
  nbd = create_handle ();
  CHECK (nbd_connect_systemd_socket_activation (nbd, argv) == 0);
  check_connected (nbd, ACTIVATION_SIZE);
  pid = nbd_get_subprocess_pid (nbd);
  CHECK (pid > 0 && pid != getpid ());
  CHECK (kill (pid, 0) == 0);
  /* 0 means SIGTERM. */
  CHECK (nbd_kill_subprocess (nbd, 0) == 0);
  wait_for_server_exit (nbd);
  nbd_close (nbd);
  CHECK (kill (pid, 0) == -1 && errno == ESRCH);
  unlink (disk);

  /* An empty name, the default, reaches the server as "unknown". */
  check_activation_name (NULL, "unknown");
  check_activation_name ("", "unknown");
  check_activation_name ("nbd0", "nbd0");

  /* The server never starts, so the connection libnbd made to the
   * socket it was to serve is reset or sees end of file, depending on
   * when the child exits (or the failed exec's ENOENT is reported).
   */
  nbd = create_handle ();
  CHECK (nbd_connect_systemd_socket_activation (nbd, missing) == -1);
  CHECK (nbd_get_errno () == 0 || nbd_get_errno () == ECONNRESET ||
         nbd_get_errno () == ECONNREFUSED || nbd_get_errno () == ENOENT);
  CHECK_ERROR ("nbd_connect_systemd_socket_activation", nbd_get_errno (),
               NULL);
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);

  nbd = create_handle ();
  CHECK (nbd_connect_systemd_socket_activation (nbd, empty) == -1);
  CHECK_FAILED ("nbd_connect_systemd_socket_activation", EINVAL, NULL);
  CHECK_STATE (nbd, "created");
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
  CHECK (mkdtemp (tmpdir) != NULL);

  test_unix ();
  test_tcp ();
  test_vsock ();
  test_socket ();
  test_command ();
  test_socket_activation ();

  CHECK (rmdir (tmpdir) == 0);
  return EXIT_SUCCESS;
}
