#!/bin/sh -
# Meta contexts in option mode against nbdkit and against qemu-nbd
# with its qemu: contexts: see opt-meta-context.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit qemu-nbd qemu-img "$PYTHON"

nbdkit -U - --exit-with-parent memory 1M \
  --run './opt-meta-context nbdkit "$unixsocket"'

# A qcow2 image with a persistent dirty bitmap, served with the
# allocation depth and that bitmap as contexts.
qemu-img create -q -f qcow2 "$tmp/disk.qcow2" 1M
qemu-img bitmap --add "$tmp/disk.qcow2" b0
socket_activate unix "$tmp/qemu.sock" qemu-nbd --persistent --format=qcow2 \
  --export-name=disk --allocation-depth --bitmap=b0 "$tmp/disk.qcow2"
./opt-meta-context qemu "$tmp/qemu.sock" disk
