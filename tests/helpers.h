/* Checks shared by the C tests.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef TESTS_HELPERS_H
#define TESTS_HELPERS_H

#include <stdio.h>
#include <stdlib.h>

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
  check_failed (__FILE__, __LINE__, (call_name), (errnum), (words))

extern void check_failed (const char *file, int line, const char *call_name,
                          int errnum, const char *words);

/* Fail unless nbd_create comes from the library built in this tree. */
extern void check_our_library (void);

#endif /* TESTS_HELPERS_H */
