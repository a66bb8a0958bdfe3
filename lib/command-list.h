/* The handle's lists of commands: first in, first out, with the last
 * element known, so that appending costs nothing at any queue depth.
 * Servers mostly answer in the order they were asked, so a search by
 * cookie from the oldest end usually stops at once.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef NBD_COMMAND_LIST_H
#define NBD_COMMAND_LIST_H

#include <stddef.h>
#include <stdint.h>

struct command;

/* All zero is the empty list. */
struct command_list {
  struct command *first;
  struct command *last;
};

extern void nbd_internal_list_append (struct command_list *list,
                                      struct command *cmd);
extern void nbd_internal_list_prepend (struct command_list *list,
                                       struct command *cmd);
extern struct command *
nbd_internal_list_take_first (struct command_list *list);
extern struct command *
nbd_internal_list_take_cookie (struct command_list *list, uint64_t cookie);

#endif /* NBD_COMMAND_LIST_H */
