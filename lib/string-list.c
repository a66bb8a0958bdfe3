/* A growable list of owned strings.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "string-list.h"

int
string_list_append (struct string_list *list, const char *s)
{
  char *copy;

  if (list->len == list->cap) {
    size_t cap = list->cap ? list->cap * 2 : 4;
    char **items = realloc (list->items, cap * sizeof *items);

    if (items == NULL)
      return -1;
    list->items = items;
    list->cap = cap;
  }
  copy = strdup (s);
  if (copy == NULL)
    return -1;
  list->items[list->len++] = copy;
  return 0;
}

void
string_list_clear (struct string_list *list)
{
  size_t i;

  for (i = 0; i < list->len; i++)
    free (list->items[i]);
  free (list->items);
  list->items = NULL;
  list->len = list->cap = 0;
}
