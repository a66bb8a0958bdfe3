#!/bin/sh -
# Run export-survey against a server with two named exports and check
# that it found both, with their contexts and sizes.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
out=$(nbdkit -U - --filter=exportname memory 1M \
        exportname-list=explicit exportname=alpha exportname=beta \
        --run './export-survey "$unixsocket"')
echo "$out"
echo "$out" | grep -qx 'exports: 2'
echo "$out" | grep -qx 'export "alpha":'
echo "$out" | grep -qx 'export "beta":'
test "$(echo "$out" | grep -cx '    meta context: base:allocation')" -eq 2
test "$(echo "$out" | grep -cx '    size: 1048576 bytes')" -eq 2
