#!/bin/sh -
# Run export-survey against a server with two named exports and check
# what the handshake settled, that it found both exports, and their
# contexts, sizes and flags; then against a read-only server.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
out=$(nbdkit -U - --filter=exportname memory 1M \
        exportname-list=explicit exportname=alpha exportname=beta \
        --run './export-survey "$unixsocket"')
echo "$out"
echo "$out" | grep -qx 'protocol: newstyle-fixed'
echo "$out" | grep -qx 'tls: no'
echo "$out" | grep -qx 'structured replies: yes'
# Only newer nbdkit versions support extended headers.
echo "$out" | grep -qxE 'extended headers: (yes|no)'
echo "$out" | grep -qx 'exports: 2'
echo "$out" | grep -qx 'export "alpha":'
echo "$out" | grep -qx 'export "beta":'
test "$(echo "$out" | grep -cx '    meta context: base:allocation')" -eq 2
test "$(echo "$out" | grep -cx '    size: 1048576 bytes')" -eq 2
flags='    flags: flush fua trim zero fast-zero cache df multi-conn'
test "$(echo "$out" | grep -cxF "$flags")" -eq 2

out=$(nbdkit -r -U - memory 2M --run './export-survey "$unixsocket"')
echo "$out"
echo "$out" | grep -qx 'exports: 1'
echo "$out" | grep -qx 'export "":'
echo "$out" | grep -qx '    size: 2097152 bytes'
echo "$out" | grep -qx '    flags: read-only flush cache df multi-conn'
