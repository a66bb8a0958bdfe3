/* Checks shared by the C tests, and the rerun under valgrind that
 * `make check-valgrind` asks of each of them.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <libnbd.h>

#include "helpers.h"

void
check_failed (const char *file, int line, const char *call_name, int errnum,
              const char *words, bool check_errno)
{
  int saved_errno = errno;
  const char *msg = nbd_get_error ();
  size_t n = strlen (call_name);

  if (nbd_get_errno () != errnum || (check_errno && saved_errno != errnum) ||
      msg == NULL || strncmp (msg, call_name, n) != 0 ||
      strncmp (msg + n, ": ", 2) != 0 ||
      (words && strstr (msg, words) == NULL)) {
    fprintf (stderr, "%s:%d: expected %s to fail with errno %d (%s) "
             "(\"%s\"), got errno %d (%s), message \"%s\"\n", file, line,
             call_name, errnum, strerror (errnum), words ? words : "",
             nbd_get_errno (), strerror (nbd_get_errno ()),
             msg ? msg : "(none)");
    exit (EXIT_FAILURE);
  }
}

void
check_string_equal (const char *file, int line, const char *expr,
                    char *got, const char *want)
{
  if (got == NULL || strcmp (got, want) != 0) {
    fprintf (stderr, "%s:%d: %s: got \"%s\", want \"%s\" (%s)\n",
             file, line, expr, got ? got : "(null)", want,
             got ? "" : nbd_get_error ());
    exit (EXIT_FAILURE);
  }
  free (got);
}

struct nbd_handle *
create_handle (void)
{
  struct nbd_handle *nbd = nbd_create ();

  CHECK (nbd != NULL);
  return nbd;
}

bool
library_has_tls (const char *what)
{
  struct nbd_handle *nbd = create_handle ();
  bool has_tls = nbd_supports_tls (nbd) == 1;

  nbd_close (nbd);
  if (!has_tls) {
    printf ("skipped, the library being built without TLS: %s\n", what);
    /* Flushed now, or every child a test forks says it again. */
    fflush (stdout);
  }
  return has_tls;
}

void
join_path (char *path, const char *dir, const char *name)
{
  CHECK (snprintf (path, PATH_MAX, "%s/%s", dir, name) < PATH_MAX);
}

void
check_our_library (void)
{
  Dl_info info;
  const char *want = ABS_TOP_BUILDDIR "/lib/.libs/libnbd.so";

  if (dladdr ((void *) nbd_create, &info) == 0 || info.dli_fname == NULL) {
    fprintf (stderr, "cannot tell which library provides nbd_create\n");
    exit (EXIT_FAILURE);
  }
  if (strncmp (info.dli_fname, want, strlen (want)) != 0) {
    fprintf (stderr, "nbd_create comes from %s, not from %s\n",
             info.dli_fname, want);
    exit (EXIT_FAILURE);
  }
}

#define MAX_RERUN_ARGS 512

/* Split the command at spaces into argv, returning the count. */
static size_t
split_command (char *command, char **argv)
{
  size_t argc = 0;
  char *word;

  for (word = strtok (command, " "); word && argc < MAX_RERUN_ARGS / 2;
       word = strtok (NULL, " "))
    argv[argc++] = word;
  return argc;
}

/* Append this program and the arguments it was started with. */
static size_t
append_self (char **argv, size_t argc)
{
  static char exe[4096], cmdline[65536];
  ssize_t r = readlink ("/proc/self/exe", exe, sizeof exe - 1);
  FILE *fp = fopen ("/proc/self/cmdline", "r");
  size_t len, i;

  if (r == -1 || fp == NULL) {
    perror ("check-valgrind: /proc/self");
    exit (EXIT_FAILURE);
  }
  exe[r] = '\0';
  len = fread (cmdline, 1, sizeof cmdline - 1, fp);
  fclose (fp);
  argv[argc++] = exe;
  /* cmdline holds NUL-terminated words; the first is our own name. */
  for (i = strlen (cmdline) + 1; i < len && argc < MAX_RERUN_ARGS - 1;
       i += strlen (cmdline + i) + 1)
    argv[argc++] = cmdline + i;
  return argc;
}

/* `make check-valgrind` sets LIBNBD_TEST_VALGRIND to a valgrind command
 * line.  Every C test links this file, so this constructor reruns the
 * test under that command before main, wherever the test is started
 * from (a script, or nbdkit's --run).  The variable is dropped first so
 * that the rerun does not loop.
 */
static void __attribute__ ((__constructor__))
rerun_under_valgrind (void)
{
  const char *command = getenv ("LIBNBD_TEST_VALGRIND");
  static char words[4096];
  char *argv[MAX_RERUN_ARGS];
  size_t argc;

  if (command == NULL || *command == '\0')
    return;
  snprintf (words, sizeof words, "%s", command);
  argc = append_self (argv, split_command (words, argv));
  argv[argc] = NULL;
  unsetenv ("LIBNBD_TEST_VALGRIND");
  execvp (argv[0], argv);
  perror (argv[0]);
  exit (EXIT_FAILURE);
}

void
list_open_fds (struct open_fds *fds)
{
  struct rlimit limit;
  struct dirent *d;
  DIR *dir;

  CHECK (getrlimit (RLIMIT_NOFILE, &limit) == 0);
  dir = opendir ("/proc/self/fd");
  CHECK (dir != NULL);
  fds->count = 0;
  while ((d = readdir (dir)) != NULL) {
    char *end;
    long fd = strtol (d->d_name, &end, 10);

    if (*end != '\0' || end == d->d_name || fd == dirfd (dir) ||
        (rlim_t) fd >= limit.rlim_cur)
      continue;
    CHECK (fds->count < MAX_OPEN_FDS);
    fds->fd[fds->count++] = fd;
  }
  closedir (dir);
}

static bool
fd_listed (const struct open_fds *fds, int fd)
{
  size_t i;

  for (i = 0; i < fds->count; i++)
    if (fds->fd[i] == fd)
      return true;
  return false;
}

void
list_new_fds (const struct open_fds *before, struct open_fds *added)
{
  struct open_fds now;
  size_t i;

  list_open_fds (&now);
  added->count = 0;
  for (i = 0; i < now.count; i++)
    if (!fd_listed (before, now.fd[i]))
      added->fd[added->count++] = now.fd[i];
}

void
describe_fd (int fd, char *buf, size_t len)
{
  char path[64];
  ssize_t r;

  snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  r = readlink (path, buf, len - 1);
  if (r == -1)
    r = snprintf (buf, len, "?");
  buf[r] = '\0';
}

void
check_no_new_fds (const char *file, int line, const struct open_fds *before,
                  const char *what)
{
  struct open_fds added;
  size_t i;

  list_new_fds (before, &added);
  for (i = 0; i < added.count; i++) {
    char target[256];

    describe_fd (added.fd[i], target, sizeof target);
    fprintf (stderr, "%s:%d: %s: file descriptor %d (%s) left open\n",
             file, line, what, added.fd[i], target);
  }
  if (added.count > 0)
    exit (EXIT_FAILURE);
}

void
check_no_children (const char *file, int line, const char *what)
{
  pid_t pid = waitpid (-1, NULL, WNOHANG);

  if (pid == -1 && errno == ECHILD)
    return;
  if (pid > 0)
    fprintf (stderr, "%s:%d: %s: child process %d was never reaped\n",
             file, line, what, (int) pid);
  else if (pid == 0)
    fprintf (stderr, "%s:%d: %s: a child process is still running\n",
             file, line, what);
  else
    fprintf (stderr, "%s:%d: %s: waitpid: %s\n", file, line, what,
             strerror (errno));
  exit (EXIT_FAILURE);
}
