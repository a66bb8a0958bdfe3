/* Checks shared by the tests that talk to real servers.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef TESTS_SERVER_HELPERS_H
#define TESTS_SERVER_HELPERS_H

#include <stdbool.h>
#include <stddef.h>

#include <libnbd.h>

/* The last call failed, libnbd reports errnum (which may be 0, meaning
 * it has no errno to give), and the message starts with the call's
 * name and contains words.  Unlike CHECK_FAILED this does not look at
 * errno itself, which libnbd leaves alone when it has no errno to set.
 */
#define CHECK_ERROR(call_name, errnum, words)                           \
  check_error (__FILE__, __LINE__, (call_name), (errnum), (words))

extern void check_error (const char *file, int line, const char *call_name,
                         int errnum, const char *words);

/* got is a string from malloc equal to want; free it. */
#define CHECK_STRING(got, want)                                         \
  check_string_equal (__FILE__, __LINE__, #got, (got), (want))

extern void check_string_equal (const char *file, int line,
                                const char *expr, char *got,
                                const char *want);

/* The handle is in exactly the given state, one of "created",
 * "connecting", "negotiating", "ready", "processing", "dead" and
 * "closed", as the nbd_aio_is_* predicates tell it.
 */
#define CHECK_STATE(nbd, want)                                          \
  check_state (__FILE__, __LINE__, (nbd), (want))

extern void check_state (const char *file, int line, struct nbd_handle *nbd,
                         const char *want);

/* Run nbd_poll while the handle is connecting (an option or the
 * handshake is under way).  Returns -1 as soon as nbd_poll fails, 0
 * once the handle has stopped connecting.  A generous deadline turns a
 * state machine that never finishes into a test failure, not a hang.
 */
extern int poll_while_connecting (struct nbd_handle *nbd);

/* What a list or context callback was given, and how many times its
 * free function ran.  The callbacks take a struct names as user_data.
 */
#define MAX_NAMES 16

struct names {
  size_t count;
  char *name[MAX_NAMES];
  char *description[MAX_NAMES];
  unsigned frees;
};

extern int record_export (void *user_data, const char *name,
                          const char *description);
extern int record_context (void *user_data, const char *name);
extern void count_names_free (void *user_data);

/* Forget what was recorded, ready for the next call. */
extern void names_reset (struct names *names);

/* The description recorded with name, or NULL if name was not seen. */
extern const char *names_find (const struct names *names, const char *name);

#define LIST_CALLBACK(names)                                            \
  ((nbd_list_callback) { .callback = record_export,                     \
      .user_data = (names), .free = count_names_free })
#define CONTEXT_CALLBACK(names)                                         \
  ((nbd_context_callback) { .callback = record_context,                 \
      .user_data = (names), .free = count_names_free })

/* A completion callback that stores the error it was given.  The
 * callbacks take a struct completion as user_data.
 */
struct completion {
  unsigned calls;
  int error;
  unsigned frees;
};

extern int record_completion (void *user_data, int *error);
extern void count_completion_free (void *user_data);

#define COMPLETION_CALLBACK(c)                                          \
  ((nbd_completion_callback) { .callback = record_completion,           \
      .user_data = (c), .free = count_completion_free })

#endif /* TESTS_SERVER_HELPERS_H */
