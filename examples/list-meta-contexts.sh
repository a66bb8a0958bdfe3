#!/bin/sh -
# Run list-meta-contexts against nbdkit, which supports only
# base:allocation, and against qemu-nbd serving a qcow2 image with a
# dirty bitmap, which adds qemu:allocation-depth and
# qemu:dirty-bitmap:changes; check the full answer and the answers to
# queries.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

out=$(nbdkit -U - memory 1M --run './list-meta-contexts "$uri"')
echo "$out"
test "$out" = 'base:allocation
1 meta context'

# A namespace the server has nothing in gives an empty answer, not an
# error.
out=$(nbdkit -U - memory 1M --run './list-meta-contexts "$uri" qemu:')
echo "$out"
test "$out" = '0 meta contexts'

tmp=$(mktemp -d)
cleanup ()
{
  status=$?
  if [ -f "$tmp/qemu-nbd.pid" ]; then
    kill "$(cat "$tmp/qemu-nbd.pid")" 2>/dev/null || :
  fi
  rm -rf "$tmp"
  exit $status
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

qemu-img create -q -f qcow2 "$tmp/disk.qcow2" 1M
qemu-img bitmap --add "$tmp/disk.qcow2" changes
# --fork returns once the socket is ready; -t keeps the server up for
# more than one client.
qemu-nbd --fork --pid-file="$tmp/qemu-nbd.pid" -t -k "$tmp/sock" \
  -f qcow2 -A -B changes "$tmp/disk.qcow2"
uri="nbd+unix:///?socket=$tmp/sock"

out=$(./list-meta-contexts "$uri")
echo "$out"
test "$(echo "$out" | LC_ALL=C sort)" = '3 meta contexts
base:allocation
qemu:allocation-depth
qemu:dirty-bitmap:changes'

out=$(./list-meta-contexts "$uri" qemu:dirty-bitmap:)
echo "$out"
test "$out" = 'qemu:dirty-bitmap:changes
1 meta context'

out=$(./list-meta-contexts "$uri" base:allocation qemu:allocation-depth)
echo "$out"
test "$(echo "$out" | LC_ALL=C sort)" = '2 meta contexts
base:allocation
qemu:allocation-depth'
