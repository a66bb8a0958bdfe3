#!/bin/sh -
# Run block-status-map against a server whose map is known exactly, and
# against one that cannot report allocation at all.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

# The eval plugin answers every block status request with a single
# 64 KiB extent, so the example must keep asking and merge the pieces:
# 128 KiB of holes, 128 KiB of data, 256 KiB of zeroes, then data up to
# the end of the export, whose size is not a multiple of 64 KiB.
out=$(nbdkit -U - eval \
        get_size='echo 1000000' \
        pread='dd if=/dev/zero count=$3 iflag=count_bytes 2>/dev/null' \
        can_extents='exit 0' \
        extents='
          if [ $4 -lt 131072 ]; then kind=hole,zero
          elif [ $4 -lt 262144 ]; then kind=
          elif [ $4 -lt 524288 ]; then kind=zero
          else kind=
          fi
          echo $4 65536 $kind' \
        --run './block-status-map "$uri"')
echo "$out"
expected=$(printf '%12s %12s  %s\n' \
             0 131072 hole \
             131072 131072 data \
             262144 262144 zero \
             524288 475712 data)
test "$out" = "$expected"

# An export bigger than one request may cover: the example must split
# its requests, and merge the answers into one line.
out=$(nbdkit -U - memory 5G --run './block-status-map "$uri"')
echo "$out"
test "$out" = "$(printf '%12s %12s  %s' 0 5368709120 hole)"

# Without structured replies no meta context can be negotiated, and the
# whole export is reported as data.
out=$(nbdkit -U - --no-sr memory 1M --run './block-status-map "$uri"' 2>&1)
echo "$out"
echo "$out" | grep -q 'the server does not report allocation'
echo "$out" | grep -qx "$(printf '%12s %12s  %s' 0 1048576 data)"
