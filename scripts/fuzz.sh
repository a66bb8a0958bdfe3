#!/bin/sh
# `make fuzz`: build the fuzzing harnesses with clang and libFuzzer in
# _fuzz/ (from a clean copy of the sources, so the tree's own build is
# left alone), then run each for FUZZ_SECONDS (default 300) starting
# from the saved corpus.  Inputs that reach new code are kept in
# _fuzz/new/HARNESS, crashes in _fuzz/crashes/; copy the ones worth
# keeping into fuzzing/corpus/HARNESS, where `make check` replays them.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-300}
harnesses=${FUZZ_HARNESSES:-"server-session uri-parse"}
work=$top/_fuzz

mkdir -p "$work/crashes"
rm -rf "$work/src"
make -s -C "$top" distdir distdir=_fuzz/src
mkdir -p "$work/build"
cd "$work/build"
if [ ! -f Makefile ]; then
  ../src/configure -q CC=clang --enable-fuzzing
fi
make -s -j"$(nproc)"

for harness in $harnesses; do
  mkdir -p "$work/new/$harness"
  echo "fuzz: $harness for $seconds seconds"
  LIBNBD_DEBUG= fuzzing/$harness-fuzzer \
    -max_total_time="$seconds" -timeout=20 -print_final_stats=1 \
    -artifact_prefix="$work/crashes/$harness-" \
    "$work/new/$harness" "$top/fuzzing/corpus/$harness"
done
