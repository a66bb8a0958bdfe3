#!/bin/sh -
# Extended headers against qemu-nbd, which speaks them from version
# 8.2: see qemu-extended-headers.c.  scripts/setup.sh installs qemu-nbd
# 10 from bookworm-backports.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires qemu-nbd qemu-img qemu-io "$PYTHON"

qemu_nbd_has_extended_headers ||
  cannot_run "qemu-nbd older than 8.2 does not speak extended headers"

# The layout qemu-extended-headers.c expects.
qemu-img create -q -f qcow2 "$tmp/disk.qcow2" 8G
qemu-io -f qcow2 -c 'write -P 0x55 0 1M' -c 'write -z 1M 1M' \
  -c 'write -P 0xaa 6G 64K' "$tmp/disk.qcow2" >/dev/null
socket_activate unix "$tmp/qemu.sock" qemu-nbd --persistent --format=qcow2 \
  --allocation-depth "$tmp/disk.qcow2"
./qemu-extended-headers "$tmp/qemu.sock"
