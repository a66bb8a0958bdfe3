/* A growable list of owned strings.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef NBD_STRING_LIST_H
#define NBD_STRING_LIST_H

#include <stddef.h>

struct string_list {
  char **items;
  size_t len;
  size_t cap;
};

/* Append a copy of s.  Returns 0, or -1 with errno set. */
extern int string_list_append (struct string_list *list, const char *s);
extern void string_list_clear (struct string_list *list);

#endif /* NBD_STRING_LIST_H */
