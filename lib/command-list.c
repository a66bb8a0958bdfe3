/* The handle's first-in, first-out lists of commands.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <assert.h>

#include "internal.h"

/* An empty list has neither end; a list that is not has both, and
 * nothing follows its last element.
 */
static void
assert_well_formed (const struct command_list *list)
{
  assert ((list->first == NULL) == (list->last == NULL));
  assert (list->last == NULL || list->last->next == NULL);
}

void
nbd_internal_list_append (struct command_list *list, struct command *cmd)
{
  assert_well_formed (list);
  assert (cmd != NULL && cmd != list->last);
  cmd->next = NULL;
  if (list->last)
    list->last->next = cmd;
  else
    list->first = cmd;
  list->last = cmd;
}

void
nbd_internal_list_prepend (struct command_list *list, struct command *cmd)
{
  assert_well_formed (list);
  assert (cmd != NULL && cmd != list->first);
  cmd->next = list->first;
  list->first = cmd;
  if (list->last == NULL)
    list->last = cmd;
}

struct command *
nbd_internal_list_take_first (struct command_list *list)
{
  struct command *cmd = list->first;

  assert_well_formed (list);
  if (cmd == NULL)
    return NULL;
  list->first = cmd->next;
  if (list->first == NULL)
    list->last = NULL;
  cmd->next = NULL;
  return cmd;
}

struct command *
nbd_internal_list_take_cookie (struct command_list *list, uint64_t cookie)
{
  struct command *prev = NULL, *cmd;

  assert_well_formed (list);
  for (cmd = list->first; cmd; prev = cmd, cmd = cmd->next) {
    if (cmd->cookie != cookie)
      continue;
    if (prev)
      prev->next = cmd->next;
    else
      list->first = cmd->next;
    if (list->last == cmd)
      list->last = prev;
    cmd->next = NULL;
    return cmd;
  }
  return NULL;
}
