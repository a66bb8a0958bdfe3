#!/bin/sh -
# A synchronous call completed by another thread's nbd_poll: see
# poll-while-waiting.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit

nbdkit -U - --exit-with-parent memory 4M \
  --run './poll-while-waiting "$unixsocket"'
