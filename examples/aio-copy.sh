#!/bin/sh -
# Run aio-copy from a pattern export to an empty memory export, then
# have qemu-img, a client independent of this library, compare the two.
# Also check that a failing read is reported and fails the copy.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

# Each nbdkit runs the next command and stops when it exits; the outer
# server's URI reaches the inner command through the environment.  The
# size is not a multiple of the 256 KiB buffers, so the last read is
# short, and there are more buffers' worth than the queue holds.
size=10000000
out=$(nbdkit -U - pattern $size --run '
        src="$uri" nbdkit -U - memory '$size' --run "
          ./aio-copy \"\$src\" \"\$uri\" &&
          qemu-img compare -f raw -F raw \"\$src\" \"\$uri\""')
echo "$out"
echo "$out" | grep -qx "copied $size bytes"
echo "$out" | grep -qx 'Images are identical.'

# Every read from this source fails with EIO.
if out=$(nbdkit -U - --filter=error pattern $size \
           error-pread=EIO error-pread-rate=1 --run '
           src="$uri" nbdkit -U - memory '$size' --run "
             ./aio-copy \"\$src\" \"\$uri\""' 2>&1); then
  echo "aio-copy succeeded although every read failed"
  exit 1
fi
echo "$out" | grep -q '^aio-copy: read at offset [0-9]*: Input/output error$'
if echo "$out" | grep -q '^copied'; then
  echo "aio-copy claimed a copy that failed"
  exit 1
fi
