#!/bin/sh -
# No two source files of lib/ call each other, directly or round a
# longer circle: each file calls only into its own layer or below (see
# lib/README).  call-cycles.py reads the calls from the object files.
# It is first shown a circle made on purpose, which it must report.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/lib/.libs"
printf 'int down (int);\nint up (int n) { return n ? down (n - 1) : 0; }\n' \
  > "$tmp/up.c"
printf 'int up (int);\nint down (int n) { return up (n); }\n' > "$tmp/down.c"
for f in up down; do
  $CC -c "$tmp/$f.c" -o "$tmp/lib/.libs/x_la-$f.o"
done
if $PYTHON "$srcdir/call-cycles.py" "$tmp"/lib/.libs/*.o > "$tmp/out"; then
  echo "$0: the circle between up.c and down.c went unseen" >&2
  exit 1
fi
grep -q 'call cycle between down.c, up.c' "$tmp/out"

$PYTHON "$srcdir/call-cycles.py" "$top_builddir"/lib/.libs/*.o \
  "$top_builddir"/lib/*/.libs/*.o
