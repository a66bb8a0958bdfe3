/* Servers the library starts itself: connect_command's, talking over a
 * socket pair on its stdin and stdout, and socket activation's, handed a
 * listening socket as systemd would.
 *
 * Between fork and exec the child allocates nothing (another thread may
 * hold the allocator's lock): everything it needs is prepared before.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

extern char **environ;

/* The socket passed to an activated server: systemd's first fd. */
#define LISTEN_FD 3

/* In the child: exec, and on failure report errno through report_fd
 * (close-on-exec, so the parent reads nothing when exec works).
 */
static void __attribute__ ((__noreturn__))
exec_or_report (char **argv, char **env, int report_fd)
{
  int err;

  signal (SIGPIPE, SIG_DFL);
  execvpe (argv[0], argv, env);
  err = errno;
  if (write (report_fd, &err, sizeof err) == -1)
    _exit (126);
  _exit (127);
}

/* In the parent: did the child's exec work?  Reaps the child if not. */
static int
check_exec (struct nbd_handle *h, pid_t pid, int report_fd,
            const char *command)
{
  int err;
  ssize_t r;

  do
    r = read (report_fd, &err, sizeof err);
  while (r == -1 && errno == EINTR);
  close (report_fd);
  if (r == 0) {
    h->pid = pid;
    return 0;
  }
  waitpid (pid, NULL, 0);
  set_error (r == sizeof err ? err : EIO, "cannot run %s", command);
  return -1;
}

/* Move fd to target in the child, leaving it open across exec. */
static int
move_fd (int fd, int target)
{
  if (fd == target)
    return fcntl (fd, F_SETFD, 0);
  return dup2 (fd, target);
}

int
nbd_internal_spawn_command (struct nbd_handle *h, char **argv)
{
  int sv[2], report[2];
  pid_t pid;

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
    set_error (errno, "socketpair");
    return -1;
  }
  nbd_internal_enlarge_socket_buffers (sv[0]);
  nbd_internal_enlarge_socket_buffers (sv[1]);
  if (pipe2 (report, O_CLOEXEC) == -1) {
    set_error (errno, "pipe2");
    goto err_sockets;
  }
  pid = fork ();
  if (pid == -1) {
    set_error (errno, "fork");
    close (report[0]);
    close (report[1]);
    goto err_sockets;
  }
  if (pid == 0) {
    if (move_fd (sv[1], STDIN_FILENO) == -1 ||
        move_fd (sv[1], STDOUT_FILENO) == -1)
      _exit (126);
    exec_or_report (argv, environ, report[1]);
  }
  close (sv[1]);
  close (report[1]);
  if (check_exec (h, pid, report[0], argv[0]) == -1) {
    close (sv[0]);
    return -1;
  }
  if (fcntl (sv[0], F_SETFL, O_NONBLOCK) == -1) {
    set_error (errno, "fcntl");
    close (sv[0]);
    return -1;
  }
  return sv[0];

 err_sockets:
  close (sv[0]);
  close (sv[1]);
  return -1;
}

static bool
is_listen_variable (const char *entry)
{
  return strncmp (entry, "LISTEN_PID=", 11) == 0 ||
    strncmp (entry, "LISTEN_FDS=", 11) == 0 ||
    strncmp (entry, "LISTEN_FDNAMES=", 15) == 0;
}

/* The activated server's environment: the caller's, less any LISTEN_*
 * variables, plus ours.  The LISTEN_PID entry has room for the child to
 * write its own pid, which only it knows.
 */
struct activation_env {
  char **env;
  char *pid_entry;
  char *names_entry;
};

static void
free_activation_env (struct activation_env *a)
{
  free (a->env);
  free (a->pid_entry);
  free (a->names_entry);
}

static int
make_activation_env (struct nbd_handle *h, struct activation_env *a)
{
  const char *name = h->socket_activation_name[0] ?
    h->socket_activation_name : "unknown";
  size_t n = 0, i, j = 0;

  while (environ[n])
    n++;
  *a = (struct activation_env) { .env = calloc (n + 4, sizeof (char *)) };
  a->pid_entry = strdup ("LISTEN_PID=                    ");
  if (asprintf (&a->names_entry, "LISTEN_FDNAMES=%s", name) == -1)
    a->names_entry = NULL;
  if (!a->env || !a->pid_entry || !a->names_entry) {
    set_error (errno, "cannot build the server's environment");
    free_activation_env (a);
    return -1;
  }
  for (i = 0; i < n; i++)
    if (!is_listen_variable (environ[i]))
      a->env[j++] = environ[i];
  a->env[j++] = a->pid_entry;
  a->env[j++] = (char *) "LISTEN_FDS=1";
  a->env[j++] = a->names_entry;
  return 0;
}

/* Write n in decimal at p, in the child, without allocating. */
static void
write_decimal (char *p, long n)
{
  char digits[24];
  int len = 0;

  do {
    digits[len++] = '0' + n % 10;
    n /= 10;
  } while (n > 0);
  while (len > 0)
    *p++ = digits[--len];
  *p = '\0';
}

static int
listening_socket (struct nbd_handle *h, struct sockaddr_un *addr)
{
  char template[] = "/tmp/libnbdXXXXXX";
  int fd;

  if (mkdtemp (template) == NULL) {
    set_error (errno, "mkdtemp");
    return -1;
  }
  h->sa_tmpdir = strdup (template);
  if (h->sa_tmpdir == NULL) {
    set_error (errno, "strdup");
    rmdir (template);
    return -1;
  }
  *addr = (struct sockaddr_un) { .sun_family = AF_UNIX };
  snprintf (addr->sun_path, sizeof addr->sun_path, "%s/sock", template);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd == -1) {
    set_error (errno, "socket");
    return -1;
  }
  if (bind (fd, (struct sockaddr *) addr, sizeof *addr) == -1 ||
      listen (fd, SOMAXCONN) == -1) {
    set_error (errno, "cannot listen on %s", addr->sun_path);
    close (fd);
    return -1;
  }
  return fd;
}

int
nbd_internal_spawn_activated (struct nbd_handle *h, char **argv,
                              struct sockaddr_un *addr)
{
  struct activation_env a;
  int listen_fd, report[2], r = -1;
  pid_t pid;

  listen_fd = listening_socket (h, addr);
  if (listen_fd == -1)
    return -1;
  if (make_activation_env (h, &a) == -1)
    goto out_socket;
  if (pipe2 (report, O_CLOEXEC) == -1) {
    set_error (errno, "pipe2");
    goto out_env;
  }
  pid = fork ();
  if (pid == -1) {
    set_error (errno, "fork");
    close (report[0]);
    close (report[1]);
    goto out_env;
  }
  if (pid == 0) {
    int report_fd = report[1];

    /* With the caller's standard descriptors closed, the report pipe
     * can hold the number the socket must take: move it out of the way.
     */
    if (report_fd == LISTEN_FD)
      report_fd = fcntl (report_fd, F_DUPFD_CLOEXEC, LISTEN_FD + 1);
    if (report_fd == -1 || move_fd (listen_fd, LISTEN_FD) == -1)
      _exit (126);
    write_decimal (a.pid_entry + strlen ("LISTEN_PID="), getpid ());
    exec_or_report (argv, a.env, report_fd);
  }
  close (report[1]);
  r = check_exec (h, pid, report[0], argv[0]);
 out_env:
  free_activation_env (&a);
 out_socket:
  close (listen_fd);
  return r;
}

/* Stop the server the library started, if any, and tidy up after it.
 * A connect_command server exits when its socket closes; an activated
 * one keeps listening, so it is asked to stop.
 */
void
nbd_internal_reap_subprocess (struct nbd_handle *h)
{
  if (h->pid > 0) {
    if (h->sa_tmpdir)
      kill (h->pid, SIGTERM);
    waitpid (h->pid, NULL, 0);
    h->pid = 0;
  }
  if (h->sa_tmpdir) {
    char path[sizeof ((struct sockaddr_un *) 0)->sun_path];

    snprintf (path, sizeof path, "%s/sock", h->sa_tmpdir);
    unlink (path);
    rmdir (h->sa_tmpdir);
    free (h->sa_tmpdir);
    h->sa_tmpdir = NULL;
  }
}

int
nbd_unlocked_kill_subprocess (struct nbd_handle *h, int signum)
{
  if (h->pid <= 0) {
    set_error (ESRCH, "the handle started no subprocess");
    return -1;
  }
  if (signum < 0) {
    set_error (EINVAL, "signum: %d is not a signal", signum);
    return -1;
  }
  if (kill (h->pid, signum ? signum : SIGTERM) == -1) {
    set_error (errno, "kill");
    return -1;
  }
  return 0;
}

int64_t
nbd_unlocked_get_subprocess_pid (struct nbd_handle *h)
{
  if (h->pid <= 0) {
    set_error (ESRCH, "the handle started no subprocess");
    return -1;
  }
  return h->pid;
}
