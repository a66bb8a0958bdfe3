#!/bin/sh -
# The ABI of Debian's libnbd0 is a subset of ours: abidiff finds no
# function removed or changed among the symbols both export, only the
# calls added since libnbd 1.14.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires abidiff

find_debian_libnbd
status=0
abidiff "$debian_libnbd" "$top_builddir/lib/.libs/libnbd.so.0" > "$tmp/abi" ||
  status=$?
cat "$tmp/abi"
# Bit 8 of abidiff's status means an incompatible change.
test $((status & 8)) -eq 0
grep -q 'Functions changes summary: 0 Removed, 0 Changed' "$tmp/abi"
grep -q 'Variables changes summary: 0 Removed, 0 Changed' "$tmp/abi"
