#!/bin/sh -
# include/libnbd.h compiles as C99, C11 and C++ with gcc and clang with
# warnings as errors, and every prototype, callback struct and constant
# matches libnbd 1.24 (header-prototypes.c says how).  The program is also
# linked and run once, with the build's own compiler and flags, to check
# the string constants' text.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

flags="-Wall -Wextra -Werror -I$top_builddir/include"
src=$srcdir/header-prototypes.c
out=header-prototypes.bin
status=0

try ()
{
  if $1 $flags -c "$src" -o $out; then
    echo "ok: $1"
  else
    echo "FAILED: $1"
    status=1
  fi
}

for compiler in "$CC" "$CLANG"; do
  for std in c99 c11; do
    try "$compiler -std=$std"
  done
done
for compiler in "$CXX" "$CLANGXX"; do
  try "$compiler -std=c++11 -x c++"
done

$CC $CFLAGS $flags "$src" -o $out $LDFLAGS \
  -L"$top_builddir/lib/.libs" -lnbd
LD_LIBRARY_PATH=$top_builddir/lib/.libs ./$out || status=1
rm -f $out
exit $status
