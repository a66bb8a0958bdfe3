#!/bin/sh -
# Run threaded-reads against the pattern plugin and check its totals,
# then against an export of zeroes, where every word but the first
# (whose offset is 0) must be reported as wrong.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

# An odd size leaves the last thread a short final word to check.
out=$(nbdkit -U - pattern 10000001 --run './threaded-reads "$uri"')
echo "$out"
echo "$out" | grep -qx 'threads: 4'
echo "$out" | grep -qx 'bytes read: 10000001 of 10000001'
echo "$out" | grep -qx 'words that differ from the pattern: 0'

if out=$(nbdkit -U - memory 8M --run './threaded-reads "$uri"'); then
  echo "threaded-reads accepted an export of zeroes"
  exit 1
fi
echo "$out"
echo "$out" | grep -qx 'bytes read: 8388608 of 8388608'
echo "$out" | grep -qx 'words that differ from the pattern: 1048575'
