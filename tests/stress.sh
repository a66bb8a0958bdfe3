#!/bin/sh -
# Eight threads on one handle against nbdkit over a Unix socket: see
# stress.c.  Run by make check-stress, not make check.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit

# 8 threads x 64 slots x 64K.
nbdkit -U - --exit-with-parent memory 32M --run './stress "$unixsocket"'
