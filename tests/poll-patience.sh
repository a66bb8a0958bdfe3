#!/bin/sh -
# How a poll waits with a few commands in flight: see poll-patience.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit

nbdkit -U - --exit-with-parent --filter=delay memory 1M delay-trim=50ms \
  --run './poll-patience "$unixsocket"'
