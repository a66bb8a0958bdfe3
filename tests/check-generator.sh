#!/bin/sh -
# The generator is deterministic: two runs write byte-identical trees,
# equal to what the build used.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen="$PYTHON $top_srcdir/generator/generate.py"
PYTHONDONTWRITEBYTECODE=1 $gen "$tmp/one" "$PACKAGE_VERSION"
PYTHONDONTWRITEBYTECODE=1 $gen "$tmp/two" "$PACKAGE_VERSION"
diff -r "$tmp/one" "$tmp/two"
for f in include/libnbd.h lib/api.c lib/unlocked.h lib/states.h \
         lib/libnbd.syms docs/libnbd.3 docs/nbd_pread.3; do
  cmp "$tmp/one/$f" "$top_builddir/$f"
done
# Every generated file says so.
for f in $(cd "$tmp/one" && find . -type f); do
  grep -q "do not edit" "$tmp/one/$f" ||
    { echo "$0: $f has no banner" >&2; exit 1; }
done
