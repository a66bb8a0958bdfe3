/* The handle's first-in, first-out lists of commands, linked both ways
 * so that a command found by other means leaves its list at once.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <assert.h>

#include "internal.h"

/* An empty list has neither end; a list that is not has both, and
 * nothing comes before its first element or after its last.
 */
static void
assert_well_formed (const struct command_list *list)
{
  assert ((list->first == NULL) == (list->last == NULL));
  assert (list->first == NULL || list->first->prev == NULL);
  assert (list->last == NULL || list->last->next == NULL);
}

void
nbd_internal_list_append (struct command_list *list, struct command *cmd)
{
  assert_well_formed (list);
  assert (cmd != NULL && cmd != list->last);
  cmd->next = NULL;
  cmd->prev = list->last;
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
  cmd->prev = NULL;
  cmd->next = list->first;
  if (list->first)
    list->first->prev = cmd;
  else
    list->last = cmd;
  list->first = cmd;
}

void
nbd_internal_list_remove (struct command_list *list, struct command *cmd)
{
  assert_well_formed (list);
  assert (cmd->prev != NULL || list->first == cmd);
  if (cmd->prev)
    cmd->prev->next = cmd->next;
  else
    list->first = cmd->next;
  if (cmd->next)
    cmd->next->prev = cmd->prev;
  else
    list->last = cmd->prev;
  cmd->next = cmd->prev = NULL;
}

struct command *
nbd_internal_list_take_first (struct command_list *list)
{
  struct command *cmd = list->first;

  if (cmd != NULL)
    nbd_internal_list_remove (list, cmd);
  return cmd;
}

struct command *
nbd_internal_list_take_cookie (struct command_list *list, uint64_t cookie)
{
  struct command *cmd;

  for (cmd = list->first; cmd; cmd = cmd->next) {
    if (cmd->cookie == cookie) {
      nbd_internal_list_remove (list, cmd);
      return cmd;
    }
  }
  return NULL;
}
