#!/bin/sh -
# What each server advertises about its export, read back through the
# getters: see export-info.c for the expected values of each mode.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit qemu-nbd qemu-img nbd-server "$PYTHON"

zeroes='dd if=/dev/zero count=$3 iflag=count_bytes 2>/dev/null'

nbdkit -U - --exit-with-parent --filter=exportname eval \
  get_size='echo 1M' pread="$zeroes" pwrite='cat >/dev/null' \
  can_write='exit 0' can_flush='exit 0' flush=: can_fua='echo native' \
  can_trim='exit 0' trim=: can_zero='exit 0' zero=: can_fast_zero='exit 0' \
  can_cache='echo native' cache=: can_multi_conn='exit 0' \
  is_rotational='exit 0' block_size='echo 512 4K 4M' \
  default-export=canon exportdesc='fixed:every feature' \
  --run './export-info nbdkit-yes "$unixsocket"'

nbdkit -U - --exit-with-parent eval \
  get_size='echo 12345' pread="$zeroes" \
  can_write='exit 3' can_flush='exit 3' can_fua='echo none' \
  can_trim='exit 3' can_zero='exit 3' can_fast_zero='exit 3' \
  can_cache='echo none' can_multi_conn='exit 3' is_rotational='exit 3' \
  export_description='echo described' \
  --run './export-info nbdkit-no "$unixsocket"'

nbdkit -U - --exit-with-parent --no-sr memory 1M \
  --run './export-info nbdkit-no-sr "$unixsocket"'
nbdkit -U - --exit-with-parent --oldstyle memory 1M \
  --run './export-info nbdkit-oldstyle "$unixsocket"'
nbdkit -U - --exit-with-parent --mask-handshake=0 memory 1M \
  --run './export-info nbdkit-newstyle "$unixsocket"'

qemu-img create -q -f qcow2 "$tmp/disk.qcow2" 1M
socket_activate unix "$tmp/qemu.sock" qemu-nbd --persistent --read-only \
  --format=qcow2 --export-name=disk --description='a qcow2 disk' \
  "$tmp/disk.qcow2"
if qemu_nbd_has_extended_headers; then
  ./export-info qemu-extended "$tmp/qemu.sock" disk
else
  ./export-info qemu "$tmp/qemu.sock" disk
fi

truncate -s 2M "$tmp/disk2"
nbd_server nbd-server <<EOF
[disk2]
exportname = $tmp/disk2
readonly = true
EOF
./export-info nbd-server "$tmp/nbd-server.sock" disk2
