#!/bin/sh -
# Only the generated set_state (lib/states/set-state.h, whose
# nbd_internal_make_move serves it and transitions.c) assigns a handle's
# state, and only the machine (lib/states/) moves it:
# every other file moves the handle by running the machine with an
# event (nbd_internal_run).
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

assignment='(->|\.)state[[:space:]]*=[^=]'
status=0

# The pattern finds the assignment there is.
grep -qE "$assignment" "$top_builddir/lib/states/set-state.h"

cd "$top_srcdir/lib"
others=$(grep -rlE "$assignment" --include='*.[ch]' . |
         grep -v '^\./states/set-state\.h$' || :)
if [ -n "$others" ]; then
  echo "$0: the state is assigned outside the generated set_state:" \
       $others >&2
  status=1
fi
movers=$(grep -rlw 'nbd_internal_set_state' --include='*.c' . |
         grep -v '^\./states/' || :)
if [ -n "$movers" ]; then
  echo "$0: files outside lib/states/ change the state:" $movers >&2
  status=1
fi
exit $status
