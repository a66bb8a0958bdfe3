#!/bin/sh -
# Each asynchronous connect call, driven by hand-written and library
# poll loops, against nbdkit on a Unix socket and on TCP: see
# aio-connect.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit "$PYTHON"

# nbdkit on a loopback port the kernel picks; socket-activate.py
# writes the port number once the socket listens.
socket_activate tcp "$tmp/port" nbdkit --exit-with-parent memory 2M

nbdkit -U - --exit-with-parent memory 1M \
  --run './aio-connect "$unixsocket" '"$(cat "$tmp/port")"
