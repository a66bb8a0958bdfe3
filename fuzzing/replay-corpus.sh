#!/bin/sh -
# Replay the saved fuzzing corpus through every harness named in
# $harnesses (Makefile.am sets it): the seeds recorded from real
# servers, and every input fuzzing has found interesting, including
# those that once crashed the library.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

for harness in ${harnesses:?no harnesses named}; do
  corpus=$srcdir/corpus/$harness
  n=$(find "$corpus" -type f | wc -l)
  if [ "$n" -eq 0 ]; then
    echo "$0: the $harness corpus is empty" >&2
    exit 1
  fi
  # make check-valgrind asks for the replay under valgrind.
  # shellcheck disable=SC2086 # the command is meant to be split
  out=$(${LIBNBD_TEST_VALGRIND:-} ./$harness-fuzzer "$corpus")
  echo "$out"
  echo "$out" | grep -qx "./$harness-fuzzer: $n inputs replayed"
done
