#!/bin/sh -
# Errors stored by callbacks, and callback order: see callback-errors.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires qemu-nbd qemu-img qemu-io nbdkit "$PYTHON"

qemu-img create -q -f qcow2 "$tmp/disk.qcow2" 2M
qemu-io -f qcow2 -c 'write -P 0x11 0 1M' "$tmp/disk.qcow2" >/dev/null
socket_activate unix "$tmp/qemu.sock" qemu-nbd --persistent --format=qcow2 \
  --allocation-depth "$tmp/disk.qcow2"
socket_activate unix "$tmp/error.sock" nbdkit --filter=error memory 1M \
  error-pread=EIO error-pread-rate=1
./callback-errors "$tmp/qemu.sock" "$tmp/error.sock"
