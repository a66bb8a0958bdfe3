/* The handle's lists of commands: first in, first out, with the last
 * element known, so that appending costs nothing at any queue depth,
 * and linked both ways, so that removing a command found otherwise
 * (commands.c keeps those in flight by cookie) costs nothing either.
 * A search by cookie starts from the oldest end: commands are mostly
 * retired in the order they were issued.
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
/* cmd must be on the list. */
extern void nbd_internal_list_remove (struct command_list *list,
                                     struct command *cmd);
extern struct command *
nbd_internal_list_take_first (struct command_list *list);
extern struct command *
nbd_internal_list_take_cookie (struct command_list *list, uint64_t cookie);

#endif /* NBD_COMMAND_LIST_H */
