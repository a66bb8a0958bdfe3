#!/bin/sh -
# The built library exports exactly libnbd 1.24's symbols, each in its
# version node, and nothing else.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

lib=$top_builddir/lib/.libs/libnbd.so.0
test -f "$lib" || { echo "$0: $lib was not built" >&2; exit 1; }

# Dynamic symbols defined in the library (not undefined imports), as
# symbol@NODE.  objdump -T prints the node before the name.
objdump -T "$lib" |
  awk '$4 != "*UND*" && $4 != "*ABS*" && NF >= 7 { print $NF "@" $(NF-1) }' |
  sort > symbols.actual
sort "$srcdir/expected-symbols.txt" > symbols.expected
if ! diff -u symbols.expected symbols.actual; then
  echo "$0: exported symbols differ from expected-symbols.txt" >&2
  exit 1
fi
test "$(wc -l < symbols.actual)" -eq 165
rm -f symbols.actual symbols.expected
