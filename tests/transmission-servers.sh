#!/bin/sh -
# Commands against qemu-nbd (qcow2 and raw images) and nbd-server, and
# nbdkit's log filter showing what reached the server: see
# transmission.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit qemu-nbd qemu-img nbd-server "$PYTHON"

# qemu-nbd on each image format, by socket activation on a socket that
# already listens.
for format in qcow2 raw; do
  qemu-img create -q -f $format "$tmp/disk.$format" 16M
  socket_activate unix "$tmp/$format.sock" qemu-nbd --persistent \
    --format=$format --allocation-depth "$tmp/disk.$format"
  ./transmission readwrite "$tmp/$format.sock"
done
./transmission depth "$tmp/qcow2.sock"

# nbd-server with a writable export of its own.
truncate -s 16M "$tmp/nbd-disk"
nbd_server nbd-server <<CONF
[disk]
exportname = $tmp/nbd-disk
CONF
./transmission readwrite "$tmp/nbd-server.sock" disk

# The log filter records each request as the server saw it: the flags
# the library sent must be there.
nbdkit -U - --filter=log memory 16M logfile="$tmp/log" \
  --run './transmission memory "$unixsocket"'
grep -q 'Write .*fua=1' "$tmp/log"
grep -q 'Zero .*count=0x2000' "$tmp/log"
grep -q 'Trim .*count=0x100000' "$tmp/log"
grep -q 'Cache .*count=0x1000' "$tmp/log"
grep -q 'Flush' "$tmp/log"
grep -q 'Zero .*trim=0.*fast=1' "$tmp/log"
