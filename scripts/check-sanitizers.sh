#!/bin/sh
# `make check-sanitizers`: the whole test suite again, on a build made
# with AddressSanitizer and UndefinedBehaviorSanitizer
# (--enable-sanitizers), in _sanitizers/ from a clean copy of the
# sources so that the tree's own build is left alone.  Any sanitizer
# report fails the test that caused it.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/_sanitizers

rm -rf "$work"
mkdir "$work"
make -s -C "$top" distdir distdir=_sanitizers/src
mkdir "$work/build"
cd "$work/build"
../src/configure -q --enable-sanitizers
make -s -j"$(nproc)"
make -s check
