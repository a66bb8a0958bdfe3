#!/bin/sh -
# Servers that refuse what is asked, and servers that hang up during
# the handshake: see handshake-refusals.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit nbd-server "$PYTHON"

nbdkit -U - --exit-with-parent --filter=exportname memory 1M \
  exportname-strict=true exportname=good \
  --run './handshake-refusals strict "$unixsocket"'
nbdkit -U - --exit-with-parent --no-sr memory 1M \
  --run './handshake-refusals no-sr "$unixsocket"'
nbdkit -U - --exit-with-parent --mask-handshake=0 memory 1M \
  --run './handshake-refusals newstyle "$unixsocket"'

# nbd-server with two named exports, once allowing clients to list
# them and once not.
truncate -s 1M "$tmp/disk1"
truncate -s 2M "$tmp/disk2"
for list in true false; do
  nbd_server nbd-server-$list <<CONF
allowlist = $list
[disk1]
exportname = $tmp/disk1
[disk2]
exportname = $tmp/disk2
readonly = true
CONF
done
./handshake-refusals nbd-server "$tmp/nbd-server-true.sock"
./handshake-refusals nbd-server-nolist "$tmp/nbd-server-false.sock"

start_server "$PYTHON" "$srcdir/hangup-server.py" "$tmp" \
  eof short-greeting bad-magic oldstyle-short first-option mid-reply
wait_for "$tmp/ready"
./handshake-refusals hangup "$tmp"
