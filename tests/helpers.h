/* Checks shared by the C tests.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef TESTS_HELPERS_H
#define TESTS_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct nbd_handle;

#define CHECK(cond)                                                     \
  do {                                                                  \
    if (!(cond)) {                                                      \
      fprintf (stderr, "%s:%d: check failed: %s\n",                     \
               __FILE__, __LINE__, #cond);                              \
      exit (EXIT_FAILURE);                                              \
    }                                                                   \
  } while (0)

/* The last call failed with errnum, and its message starts with the
 * call's name and contains the given words.
 */
#define CHECK_FAILED(call_name, errnum, words)                          \
  check_failed (__FILE__, __LINE__, (call_name), (errnum), (words), true)

/* The same, except that libnbd's errnum may be 0, meaning it has no
 * errno to give, and errno itself is not looked at: libnbd leaves it
 * alone when it has no errno to set.
 */
#define CHECK_ERROR(call_name, errnum, words)                           \
  check_failed (__FILE__, __LINE__, (call_name), (errnum), (words), false)

extern void check_failed (const char *file, int line, const char *call_name,
                          int errnum, const char *words, bool check_errno);

/* got is a string from malloc equal to want; free it. */
#define CHECK_STRING(got, want)                                         \
  check_string_equal (__FILE__, __LINE__, #got, (got), (want))

extern void check_string_equal (const char *file, int line,
                                const char *expr, char *got,
                                const char *want);

/* A new handle; the program fails if there is none. */
extern struct nbd_handle *create_handle (void);

/* Whether the library was built with TLS.  If it was not, says on
 * stdout that the checks named by what are skipped, as they cannot
 * apply to it.
 */
extern bool library_has_tls (const char *what);

/* path = dir/name; path has room for PATH_MAX bytes. */
extern void join_path (char *path, const char *dir, const char *name);

/* Fail unless nbd_create comes from the library built in this tree. */
extern void check_our_library (void);

/* The file descriptors the program has open, as /proc/self/fd lists
 * them.  Descriptors at or above the soft RLIMIT_NOFILE are left out:
 * the program cannot have opened them, but valgrind keeps its own
 * there.
 */
#define MAX_OPEN_FDS 1024

struct open_fds {
  size_t count;
  int fd[MAX_OPEN_FDS];
};

extern void list_open_fds (struct open_fds *fds);

/* What the descriptor refers to, as readlink shows it in /proc/self/fd
 * ("socket:[1234]", a path ...), or "?" if it is not open.
 */
extern void describe_fd (int fd, char *buf, size_t len);

/* The descriptors open now that were not open in before. */
extern void list_new_fds (const struct open_fds *before,
                          struct open_fds *added);

/* Every descriptor open now was open in before, too; what names the
 * step that ran in between.
 */
#define CHECK_NO_NEW_FDS(before, what)                                  \
  check_no_new_fds (__FILE__, __LINE__, (before), (what))

extern void check_no_new_fds (const char *file, int line,
                              const struct open_fds *before,
                              const char *what);

/* The program has no child process left, running or zombie. */
#define CHECK_NO_CHILDREN(what)                                         \
  check_no_children (__FILE__, __LINE__, (what))

extern void check_no_children (const char *file, int line, const char *what);

#endif /* TESTS_HELPERS_H */
