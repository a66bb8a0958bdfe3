#!/bin/sh
# `make fuzz`: run each fuzzing harness for FUZZ_SECONDS (default 300),
# starting from the saved corpus, on the libFuzzer build that the rule
# made in _fuzz/build (clang, --enable-fuzzing; see build-copy.sh).
# Inputs that reach new code are kept in _fuzz/new/HARNESS, crashes in
# _fuzz/crashes/; copy the ones worth keeping into fuzzing/corpus/HARNESS,
# where `make check` replays them.  Run from the top build directory.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-300}
harnesses=${FUZZ_HARNESSES:-"server-session uri-parse"}
work=$(pwd)/_fuzz

mkdir -p "$work/crashes"
cd "$work/build"
for harness in $harnesses; do
  mkdir -p "$work/new/$harness"
  echo "fuzz: $harness for $seconds seconds"
  LIBNBD_DEBUG= fuzzing/$harness-fuzzer \
    -max_total_time="$seconds" -timeout=20 -print_final_stats=1 \
    -artifact_prefix="$work/crashes/$harness-" \
    "$work/new/$harness" "$top/fuzzing/corpus/$harness"
done
