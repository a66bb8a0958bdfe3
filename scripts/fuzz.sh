#!/bin/sh
# `make fuzz`: run each fuzzing harness for FUZZ_SECONDS (default 300),
# starting from the saved corpus, on the libFuzzer build that the rule
# made in WORK/build (clang, --enable-fuzzing; see build-copy.sh).
# Inputs that reach new code are kept in WORK/new/HARNESS, crashes in
# WORK/crashes/; copy the ones worth keeping into fuzzing/corpus/HARNESS,
# where `make check` replays them.
#
# Usage: fuzz.sh WORK CORPUS HARNESS...
# FUZZ_HARNESSES, when set, runs those harnesses instead.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

work=$(cd "$1" && pwd)
corpus=$(cd "$2" && pwd)
shift 2
seconds=${FUZZ_SECONDS:-300}
harnesses=${FUZZ_HARNESSES:-$*}

mkdir -p "$work/crashes"
cd "$work/build"
for harness in $harnesses; do
  mkdir -p "$work/new/$harness"
  echo "fuzz: $harness for $seconds seconds"
  LIBNBD_DEBUG= fuzzing/$harness-fuzzer \
    -max_total_time="$seconds" -timeout=20 -print_final_stats=1 \
    -artifact_prefix="$work/crashes/$harness-" \
    "$work/new/$harness" "$corpus/$harness"
done
