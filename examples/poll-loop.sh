#!/bin/sh -
# Run poll-loop against the pattern plugin, where every 8 bytes hold
# their own offset as a big-endian number, and check the bytes of each
# read, the refused and failed requests, and the clean shutdown.  The
# pause in the input makes the loop wait on both descriptors while idle.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
out=$(nbdkit -U - pattern 1M --run '
        { printf "0\n"; sleep 1; printf "4096\n1048560\n2000000\nten\n"; } |
        ./poll-loop "$uri"')
echo "$out"
echo "$out" | grep -qx 'connecting: yes'
echo "$out" | grep -qx 'connected: export size 1048576'
echo "$out" |
  grep -qx 'read at 0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08'
echo "$out" |
  grep -qx 'read at 4096: 00 00 00 00 00 00 10 00 00 00 00 00 00 00 10 08'
echo "$out" |
  grep -qx 'read at 1048560: 00 00 00 00 00 0f ff f0 00 00 00 00 00 0f ff f8'
echo "$out" |
  grep -q '^read at 2000000 refused: nbd_aio_pread: .*: Invalid argument$'
echo "$out" | grep -qx 'not an offset: "ten"'
test "$(echo "$out" | grep -c '^read at ')" -eq 4
test "$(echo "$out" | tail -n 2)" = "disconnecting
closed"

# A read the server fails reaches the completion callback with its errno.
out=$(nbdkit -U - --filter=error pattern 1M \
        error-pread=EIO error-pread-rate=100% \
        --run 'echo 512 | ./poll-loop "$uri"')
echo "$out"
echo "$out" | grep -qx 'read at 512 failed: Input/output error'
