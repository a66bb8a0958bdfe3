#!/bin/sh -
# Commands against nbdkit, with and without structured replies, and with
# its error filter: see transmission.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit

nbdkit -U - memory 16M --run './transmission extents "$unixsocket"'
nbdkit -U - --threads=32 --filter=delay pattern 16M rdelay=1ms \
  --run './transmission threads "$unixsocket"'
nbdkit -U - --filter=blocksize-policy pattern 16M \
  blocksize-minimum=4096 --run './transmission aligned "$unixsocket"'
nbdkit -U - --filter=delay memory 16M wdelay=200ms \
  --run './transmission slow-writes "$unixsocket"'
for sr in "" --no-sr; do
  nbdkit -U - $sr memory 16M --run './transmission memory "$unixsocket"'
  nbdkit -U - $sr pattern 16M --run './transmission pattern "$unixsocket"'
  nbdkit -U - $sr -r pattern 16M \
    --run './transmission readonly "$unixsocket"'
  for err in EIO ENOSPC EPERM; do
    nbdkit -U - $sr --filter=error memory 16M error-rate=1 error=$err \
      --run "./transmission error-$err \"\$unixsocket\""
  done
done
