#!/bin/sh -
# Gathering replies stops after rounds that bring much: see
# gather-backoff.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit

nbdkit -U - --exit-with-parent pattern 64M \
  --run './gather-backoff "$unixsocket"'
