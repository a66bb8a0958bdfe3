#!/bin/sh -
# Statistics counters after a handshake: see stats.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit

nbdkit -U - --exit-with-parent --filter=exportname memory 1M \
  exportname-list=explicit exportname=a exportname=b \
  --run './stats newstyle "$unixsocket"'
nbdkit -U - --exit-with-parent --oldstyle memory 1M \
  --run './stats oldstyle "$unixsocket"'
