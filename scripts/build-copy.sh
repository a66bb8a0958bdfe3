#!/bin/sh
# build-copy.sh DIR CONFIGURE-ARGS...: build a clean copy of the sources
# (`make distdir`, in DIR/src) in DIR/build, configured with
# CONFIGURE-ARGS, so that the tree's own build is left alone.  Run from
# the top build directory, as the rules for `make check-sanitizers` and
# `make fuzz` do.  DIR/build is configured only when it has no Makefile
# yet; one that has is built again from the fresh copy.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

dir=$1
shift

rm -rf "$dir/src"
mkdir -p "$dir/build"
make -s distdir distdir="$dir/src"
# The copy's tests compare with the libnbd 1.22 that make
# check-conformance built here, if it did.
if [ -d .conformance ]; then
  ln -sfn "$PWD/.conformance" "$dir/build/.conformance"
fi
cd "$dir/build"
if [ ! -f Makefile ]; then
  ../src/configure -q "$@"
fi
make -s -j"$(nproc)"
