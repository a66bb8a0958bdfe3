#!/bin/sh -
# Each synchronous connect call against nbdkit on a Unix socket and on
# TCP, plus the failures: see connect-methods.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit qemu-nbd "$PYTHON"

# nbdkit on a loopback port the kernel picks; socket-activate.py
# writes the port number once the socket listens.
socket_activate tcp "$tmp/port" nbdkit --exit-with-parent memory 2M

nbdkit -U - --exit-with-parent memory 1M \
  --run './connect-methods "$unixsocket" '"$(cat "$tmp/port")"
