/* However a handle connects, and however its connection ends, nbd_close
 * leaves no file descriptor the handle opened and no process it started;
 * and while the handle is open, a program the caller runs inherits none
 * of its descriptors.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: fd-leaks DIR
 * fd-leaks.sh starts the servers in DIR: nbdkit serving 1M of memory on
 * plain.sock, on slow.sock with every request delayed, on psk.sock with
 * TLS required and the key of user alice in keys.psk (bad.psk holds
 * another key), and on 127.0.0.1 at the port written in the file port;
 * and hangup-server.py's sockets, which break off the handshake.
 * not-a-socket is an empty file.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

#define IN_FLIGHT 16

static const char *dir;
/* What was open before the step under test began. */
static struct open_fds before;
static char port[16], refused_port[16];
static char plain[PATH_MAX], slow[PATH_MAX], psk[PATH_MAX];
static char keys[PATH_MAX], bad_keys[PATH_MAX];
/* Whether the steps over TLS can run: not in a library without it. */
static bool tls;

static struct nbd_handle *
new_psk_handle (const char *key_file)
{
  struct nbd_handle *nbd = create_handle ();

  set_psk (nbd, key_file);
  return nbd;
}

/* Every descriptor opened since the step began closes on exec. */
static void
check_close_on_exec (void)
{
  struct open_fds added;
  char target[256];
  size_t i;

  list_new_fds (&before, &added);
  for (i = 0; i < added.count; i++) {
    int flags = fcntl (added.fd[i], F_GETFD);

    if (flags == -1 || !(flags & FD_CLOEXEC)) {
      describe_fd (added.fd[i], target, sizeof target);
      fprintf (stderr, "file descriptor %d (%s) does not close on exec\n",
               added.fd[i], target);
      exit (EXIT_FAILURE);
    }
  }
}

/* What "ls -l /proc/self/fd" prints in a program started now: among
 * the rest, every socket it inherited, by inode.
 */
static void
list_inherited_fds (char *output, size_t size)
{
  size_t len = 0;
  ssize_t r;
  int out[2], status;
  pid_t pid;

  CHECK (pipe2 (out, O_CLOEXEC) == 0);
  pid = fork ();
  CHECK (pid >= 0);
  if (pid == 0) {
    if (dup2 (out[1], STDOUT_FILENO) == -1)
      _exit (126);
    execlp ("ls", "ls", "-l", "/proc/self/fd", (char *) NULL);
    _exit (127);
  }
  close (out[1]);
  while ((r = read (out[0], output + len, size - 1 - len)) > 0)
    len += r;
  CHECK (r == 0);
  output[len] = '\0';
  close (out[0]);
  CHECK (waitpid (pid, &status, 0) == pid);
  CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

/* A program started now has none of the sockets, pipes and other
 * kernel objects opened since the step began, including those
 * nbd_aio_get_fd does not show, such as the one that wakes a waiting
 * thread.  Files, which could be open twice, are told apart by name
 * only, so they are left to check_close_on_exec.
 */
static void
check_exec_inherits_nothing (void)
{
  struct open_fds added;
  char output[16384], target[256];
  size_t i;

  list_new_fds (&before, &added);
  list_inherited_fds (output, sizeof output);
  for (i = 0; i < added.count; i++) {
    describe_fd (added.fd[i], target, sizeof target);
    if (target[0] != '/' && strstr (output, target)) {
      fprintf (stderr, "a program the caller started inherited file "
               "descriptor %d (%s):\n%s", added.fd[i], target, output);
      exit (EXIT_FAILURE);
    }
  }
}

/* The handle is connected: its socket and every other descriptor it
 * opened close on exec; it reads; then it closes.
 */
static void
finish_connected (struct nbd_handle *nbd)
{
  char buf[512];
  int fd = nbd_aio_get_fd (nbd);

  CHECK (fd >= 0);
  CHECK (fcntl (fd, F_GETFD) & FD_CLOEXEC);
  check_close_on_exec ();
  check_exec_inherits_nothing ();
  CHECK (nbd_pread (nbd, buf, sizeof buf, 0, 0) == 0);
  nbd_close (nbd);
}

/* The connect call that returned r failed and said why. */
static void
finish_failed (struct nbd_handle *nbd, int r)
{
  CHECK (r == -1);
  CHECK (nbd_get_error () != NULL);
  check_close_on_exec ();
  nbd_close (nbd);
}

static char *nbdkit_stdio[] = {
  "nbdkit", "-s", "--exit-with-parent", "memory", "1M", NULL
};
static char *nbdkit_activated[] = {
  "nbdkit", "--exit-with-parent", "memory", "1M", NULL
};
static char *missing_program[] = { "/nonexistent/nbd-server", NULL };
static char *exits_at_once[] = { "true", NULL };

static void
unix_socket (void)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_connect_unix (nbd, plain) == 0);
  finish_connected (nbd);
}

static void
tcp (void)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_connect_tcp (nbd, "127.0.0.1", port) == 0);
  finish_connected (nbd);
  /* localhost may name ::1 too, where nothing listens: the socket of
   * each address tried in vain is closed as well.
   */
  nbd = create_handle ();
  CHECK (nbd_connect_tcp (nbd, "localhost", port) == 0);
  finish_connected (nbd);
}

static void
own_socket (void)
{
  struct nbd_handle *nbd = create_handle ();
  int fd = connect_unix_socket (plain);

  CHECK (nbd_connect_socket (nbd, fd) == 0);
  finish_connected (nbd);
}

static void
command (void)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_connect_command (nbd, nbdkit_stdio) == 0);
  finish_connected (nbd);
}

static void
socket_activation (void)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_connect_systemd_socket_activation (nbd, nbdkit_activated) == 0);
  finish_connected (nbd);
}

static void
tls_psk (void)
{
  struct nbd_handle *nbd = new_psk_handle (keys);

  CHECK (nbd_connect_unix (nbd, psk) == 0);
  CHECK (nbd_get_tls_negotiated (nbd) == 1);
  finish_connected (nbd);
}

static void
connect_uri (const char *fmt, const char *arg1, const char *arg2)
{
  struct nbd_handle *nbd = create_handle ();
  char uri[2 * PATH_MAX + 64];

  snprintf (uri, sizeof uri, fmt, arg1, arg2);
  /* The key file is named in the URI. */
  CHECK (nbd_set_uri_allow_local_file (nbd, true) == 0);
  CHECK (nbd_connect_uri (nbd, uri) == 0);
  finish_connected (nbd);
}

static void
uri (void)
{
  connect_uri ("nbd+unix:///?socket=%s%s", plain, "");
  connect_uri ("nbd://127.0.0.1:%s/%s", port, "");
  if (tls)
    connect_uri ("nbds+unix://alice@/?socket=%s&tls-psk-file=%s", psk,
                 keys);
}

static void
aio_connect (void)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_aio_connect_unix (nbd, plain) == 0);
  CHECK_POLL_TO_STATE (nbd, "ready");
  finish_connected (nbd);
}

static void
option_mode (void)
{
  struct names names = { 0 };
  struct nbd_handle *nbd;

  nbd = connect_opt_mode_unix (create_handle (), plain);
  CHECK (nbd_opt_list (nbd, LIST_CALLBACK (&names)) >= 0);
  names_reset (&names);
  CHECK (nbd_opt_go (nbd) == 0);
  finish_connected (nbd);

  if (!tls)
    return;
  nbd = connect_opt_mode_unix (new_psk_handle (keys), psk);
  CHECK (nbd_opt_go (nbd) == 0);
  finish_connected (nbd);
}

/* Option mode, left before the export is chosen. */
static void
option_mode_left (void)
{
  struct nbd_handle *nbd;

  nbd = connect_opt_mode_unix (create_handle (), plain);
  check_close_on_exec ();
  nbd_close (nbd);

  nbd = connect_opt_mode_unix (create_handle (), plain);
  CHECK (nbd_opt_abort (nbd) == 0);
  CHECK_STATE (nbd, "closed");
  nbd_close (nbd);

  if (!tls)
    return;
  nbd = connect_opt_mode_unix (new_psk_handle (keys), psk);
  check_close_on_exec ();
  nbd_close (nbd);
}

static void
unix_refused (void)
{
  char path[PATH_MAX];
  struct nbd_handle *nbd;

  join_path (path, dir, "missing.sock");
  nbd = create_handle ();
  finish_failed (nbd, nbd_connect_unix (nbd, path));
  join_path (path, dir, "not-a-socket");
  nbd = create_handle ();
  finish_failed (nbd, nbd_connect_unix (nbd, path));
  nbd = create_handle ();
  finish_failed (nbd, nbd_aio_connect_unix (nbd, path));
}

static void
tcp_refused (void)
{
  struct nbd_handle *nbd = create_handle ();

  finish_failed (nbd, nbd_connect_tcp (nbd, "127.0.0.1", refused_port));
}

static void
unresolvable (void)
{
  struct nbd_handle *nbd = create_handle ();

  finish_failed (nbd, nbd_connect_tcp (nbd, "nonexistent.invalid", port));
  nbd = create_handle ();
  finish_failed (nbd, nbd_connect_tcp (nbd, "127.0.0.1",
                                       "no-such-nbd-service"));
}

static void
command_fails (void)
{
  struct nbd_handle *nbd = create_handle ();

  finish_failed (nbd, nbd_connect_command (nbd, missing_program));
  nbd = create_handle ();
  finish_failed (nbd, nbd_connect_command (nbd, exits_at_once));
  nbd = create_handle ();
  finish_failed (nbd, nbd_connect_systemd_socket_activation (nbd,
                                                             missing_program));
  nbd = create_handle ();
  finish_failed (nbd, nbd_connect_systemd_socket_activation (nbd,
                                                             exits_at_once));
}

static void
tls_refused (void)
{
  struct nbd_handle *nbd;

  /* The server offers no TLS, ... */
  nbd = new_psk_handle (keys);
  finish_failed (nbd, nbd_connect_unix (nbd, plain));
  /* ... the keys differ, ... */
  nbd = new_psk_handle (bad_keys);
  finish_failed (nbd, nbd_connect_unix (nbd, psk));
  /* ... or the server will not talk without TLS. */
  nbd = create_handle ();
  finish_failed (nbd, nbd_connect_unix (nbd, psk));
  nbd = new_psk_handle (keys);
  CHECK (nbd_set_opt_mode (nbd, true) == 0);
  finish_failed (nbd, nbd_connect_unix (nbd, plain));
}

static void
hangups (void)
{
  const char *modes[] = { "eof", "short-greeting", "first-option",
                          "mid-reply" };
  char path[PATH_MAX], name[64];
  struct nbd_handle *nbd;
  size_t i;

  for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
    snprintf (name, sizeof name, "%s.sock", modes[i]);
    join_path (path, dir, name);
    nbd = create_handle ();
    finish_failed (nbd, nbd_connect_unix (nbd, path));
    nbd = create_handle ();
    CHECK (nbd_set_opt_mode (nbd, true) == 0);
    if (nbd_connect_unix (nbd, path) == 0) {
      /* The greeting was all option mode waited for. */
      CHECK_STATE (nbd, "negotiating");
      finish_failed (nbd, nbd_opt_go (nbd));
    }
    else
      finish_failed (nbd, -1);
  }
}

/* The caller gives up on a handshake the server never finishes. */
static void
handshake_abandoned (void)
{
  struct nbd_handle *nbd = create_handle ();
  char path[PATH_MAX];
  int i;

  join_path (path, dir, "no-reply.sock");
  CHECK (nbd_aio_connect_unix (nbd, path) == 0);
  for (i = 0; i < 5; i++)
    CHECK (nbd_poll (nbd, 20) >= 0);
  CHECK_STATE (nbd, "connecting");
  check_close_on_exec ();
  nbd_close (nbd);
}

static void
uri_fails (void)
{
  char uri[2 * PATH_MAX + 64];
  struct nbd_handle *nbd = create_handle ();

  snprintf (uri, sizeof uri, "nbd+unix:///?socket=%s/missing.sock", dir);
  finish_failed (nbd, nbd_connect_uri (nbd, uri));
  snprintf (uri, sizeof uri, "nbds+unix://alice@/?socket=%s&tls-psk-file=%s",
            plain, keys);
  nbd = create_handle ();
  CHECK (nbd_set_uri_allow_local_file (nbd, true) == 0);
  finish_failed (nbd, nbd_connect_uri (nbd, uri));
}

/* Close the handle with reads and writes not yet answered: each
 * command's callback is freed, once.
 */
static void
close_in_flight (struct nbd_handle *nbd)
{
  static char bufs[IN_FLIGHT][64 * 1024];
  struct completion c[IN_FLIGHT] = { { 0 } };
  int i;

  for (i = 0; i < IN_FLIGHT; i++) {
    uint64_t offset = i * sizeof bufs[i];

    if (i % 2)
      CHECK (nbd_aio_pread (nbd, bufs[i], sizeof bufs[i], offset,
                            COMPLETION_CALLBACK (&c[i]), 0) > 0);
    else
      CHECK (nbd_aio_pwrite (nbd, bufs[i], sizeof bufs[i], offset,
                             COMPLETION_CALLBACK (&c[i]), 0) > 0);
  }
  CHECK (nbd_aio_in_flight (nbd) > 0);
  check_close_on_exec ();
  nbd_close (nbd);
  for (i = 0; i < IN_FLIGHT; i++)
    CHECK (c[i].frees == 1);
}

static void
commands_in_flight (void)
{
  char *slow_stdio[] = { "nbdkit", "-s", "--exit-with-parent",
                         "--filter=delay", "memory", "1M", "delay-read=1",
                         "delay-write=1", NULL };
  struct nbd_handle *nbd;

  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, slow) == 0);
  close_in_flight (nbd);
  if (tls) {
    nbd = new_psk_handle (keys);
    CHECK (nbd_connect_unix (nbd, psk) == 0);
    close_in_flight (nbd);
  }
  nbd = create_handle ();
  CHECK (nbd_connect_command (nbd, slow_stdio) == 0);
  close_in_flight (nbd);
  nbd = create_handle ();
  CHECK (nbd_connect_systemd_socket_activation (nbd, nbdkit_activated) == 0);
  close_in_flight (nbd);
}

/* The server dies under a connected handle: the next command queued
 * finds the connection gone, and fails through its callback, like any
 * command the connection took with it; after that the handle is dead
 * and refuses commands outright, without calling their callbacks.
 */
static void
server_killed (void)
{
  struct nbd_handle *nbd = create_handle ();
  struct completion queued = { 0 }, refused = { 0 };
  struct pollfd pfd = { .events = POLLIN };
  char buf[512] = "";

  CHECK (nbd_connect_command (nbd, nbdkit_stdio) == 0);
  CHECK (kill (nbd_get_subprocess_pid (nbd), SIGKILL) == 0);
  /* The server's end of the socket closes as it dies. */
  pfd.fd = nbd_aio_get_fd (nbd);
  CHECK (poll (&pfd, 1, -1) == 1);
  CHECK (nbd_aio_pwrite (nbd, buf, sizeof buf, 0,
                         COMPLETION_CALLBACK (&queued), 0) > 0);
  CHECK (queued.calls == 1 && queued.error == ENOTCONN);
  CHECK (queued.frees == 1);
  CHECK_STATE (nbd, "dead");
  CHECK (nbd_aio_pread (nbd, buf, sizeof buf, 0,
                        COMPLETION_CALLBACK (&refused), 0) == -1);
  CHECK_ERROR ("nbd_aio_pread", EINVAL, "DEAD");
  CHECK (refused.calls == 0 && refused.frees == 1);
  CHECK (nbd_pread (nbd, buf, sizeof buf, 0, 0) == -1);
  CHECK_ERROR ("nbd_pread", EINVAL, "DEAD");
  check_close_on_exec ();
  nbd_close (nbd);
}

/* Close fds[0..n-1], keeping a copy of each open one in saved. */
static void
close_fds (const int *fds, int *saved, size_t n)
{
  size_t i;

  for (i = 0; i < n; i++) {
    saved[i] = fcntl (fds[i], F_DUPFD_CLOEXEC, 10);
    close (fds[i]);
  }
}

static void
restore_fds (const int *fds, const int *saved, size_t n)
{
  size_t i;

  for (i = 0; i < n; i++) {
    if (saved[i] >= 0) {
      CHECK (dup2 (saved[i], fds[i]) == fds[i]);
      close (saved[i]);
    }
  }
}

/* The server dies with a write half sent, over TLS: the poll that
 * finds the connection gone says why, with the socket's errno.
 */
static void
tls_server_killed (void)
{
  static char buf[16 * 1024 * 1024];
  char tls_psk[PATH_MAX + 16];
  char *argv[] = { "nbdkit", "-s", "--exit-with-parent", "--tls=require",
                   tls_psk, "memory", "16M", NULL };
  struct nbd_handle *nbd = new_psk_handle (keys);
  struct completion c = { 0 };
  pid_t pid;

  snprintf (tls_psk, sizeof tls_psk, "--tls-psk=%s", keys);
  CHECK (nbd_connect_command (nbd, argv) == 0);
  pid = nbd_get_subprocess_pid (nbd);
  /* Stopped, the server reads nothing, so the write stays half sent. */
  CHECK (kill (pid, SIGSTOP) == 0);
  CHECK (nbd_aio_pwrite (nbd, buf, sizeof buf, 0,
                         COMPLETION_CALLBACK (&c), 0) > 0);
  CHECK (nbd_aio_get_direction (nbd) & LIBNBD_AIO_DIRECTION_WRITE);
  CHECK (kill (pid, SIGKILL) == 0);
  CHECK (nbd_poll (nbd, -1) == -1);
  CHECK_ERROR ("nbd_poll", EPIPE, "TLS send");
  CHECK (c.calls == 1 && c.error == ENOTCONN);
  check_close_on_exec ();
  nbd_close (nbd);
}

/* After NBD_CMD_DISC the handle keeps its socket until the server
 * closes, so that an event loop polling the socket in another thread
 * sees the end of file, not a descriptor closed, and perhaps reused,
 * under it.  A stopped server cannot close before it is looked at.
 */
static void
disconnect_waits_for_server (void)
{
  struct nbd_handle *nbd = create_handle ();
  struct pollfd pfd = { .events = POLLIN };
  pid_t pid;

  CHECK (nbd_connect_command (nbd, nbdkit_stdio) == 0);
  pid = nbd_get_subprocess_pid (nbd);
  pfd.fd = nbd_aio_get_fd (nbd);
  CHECK (kill (pid, SIGSTOP) == 0);
  CHECK (nbd_aio_disconnect (nbd, 0) == 0);
  CHECK (nbd_aio_is_closed (nbd) == 0);
  CHECK (nbd_aio_get_fd (nbd) == pfd.fd);
  CHECK (fcntl (pfd.fd, F_GETFD) != -1);
  CHECK (nbd_aio_get_direction (nbd) == LIBNBD_AIO_DIRECTION_READ);
  CHECK (kill (pid, SIGCONT) == 0);
  CHECK (poll (&pfd, 1, -1) == 1);
  CHECK (nbd_aio_notify_read (nbd) == 0);
  CHECK_STATE (nbd, "closed");
  nbd_close (nbd);
}

/* A caller may have closed its standard input and output, so that the
 * library's own descriptors take the numbers a server is given: here
 * socket activation's listening socket would be 0, and the pipe that
 * reports a failed exec 1 and 3.  Yet connect_command's server gets its
 * socket on both, and a server that cannot be run is still reported.
 * (An activated server inherits the caller's standard input and
 * output, closed or not, so none is run here.)
 */
static void
stdio_closed (void)
{
  const int fds[] = { STDIN_FILENO, STDOUT_FILENO, 3 };
  struct open_fds outer = before;
  int saved[3];
  struct nbd_handle *nbd;

  close_fds (fds, saved, 3);
  /* The copies just made are not the library's. */
  list_open_fds (&before);
  command ();
  nbd = create_handle ();
  CHECK (nbd_connect_command (nbd, missing_program) == -1);
  CHECK_ERROR ("nbd_connect_command", ENOENT, NULL);
  finish_failed (nbd, -1);
  nbd = create_handle ();
  CHECK (nbd_connect_systemd_socket_activation (nbd, missing_program) == -1);
  CHECK_ERROR ("nbd_connect_systemd_socket_activation", ENOENT, NULL);
  finish_failed (nbd, -1);
  before = outer;
  restore_fds (fds, saved, 3);
}

/* Run one step, then check what it left behind. */
static void
run (const char *name, void (*step) (void))
{
  list_open_fds (&before);
  step ();
  CHECK_NO_NEW_FDS (&before, name);
  CHECK_NO_CHILDREN (name);
}

#define RUN(step) run (#step, step)

static void
read_port (void)
{
  char path[PATH_MAX];
  FILE *fp;

  join_path (path, dir, "port");
  fp = fopen (path, "re");
  CHECK (fp != NULL);
  CHECK (fscanf (fp, "%15s", port) == 1);
  fclose (fp);
}

int
main (int argc, char *argv[])
{
  int refusing;

  check_our_library ();
  if (argc != 2) {
    fprintf (stderr, "usage: %s DIR\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  dir = argv[1];
  join_path (plain, dir, "plain.sock");
  join_path (slow, dir, "slow.sock");
  join_path (psk, dir, "psk.sock");
  join_path (keys, dir, "keys.psk");
  join_path (bad_keys, dir, "bad.psk");
  read_port ();
  refusing = bind_refusing_port (refused_port, sizeof refused_port, NULL);
  tls = library_has_tls ("the steps over TLS");

  RUN (unix_socket);
  RUN (tcp);
  RUN (own_socket);
  RUN (command);
  RUN (socket_activation);
  if (tls)
    RUN (tls_psk);
  RUN (uri);
  RUN (aio_connect);
  RUN (option_mode);
  RUN (option_mode_left);
  RUN (unix_refused);
  RUN (tcp_refused);
  RUN (unresolvable);
  RUN (command_fails);
  if (tls)
    RUN (tls_refused);
  RUN (hangups);
  RUN (handshake_abandoned);
  RUN (uri_fails);
  RUN (commands_in_flight);
  RUN (server_killed);
  if (tls)
    RUN (tls_server_killed);
  RUN (disconnect_waits_for_server);
  RUN (stdio_closed);

  close (refusing);
  return EXIT_SUCCESS;
}
