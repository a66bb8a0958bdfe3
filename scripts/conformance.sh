#!/bin/bash
# conformance.sh DIR LIBRARY: libnbd 1.22's own test suites, run with
# its own library and then with LIBRARY (our libnbd.so.0) in its place.
#
# The release source comes from Debian's archive, the libnbd source
# package of Debian 13, through an apt configuration private to DIR:
# the machine's own apt configuration is not touched.  It is built once
# in DIR (with its Python bindings, so that nbdsh exists) and its
# results with its own library are kept beside the build; a second run
# builds nothing and runs only the suites on LIBRARY.
#
# libnbd's own library stays in DIR/reference/libnbd.so.0, for the
# tests that compare this library with it (tests/drop-in.sh).
#
# Every test that passes with libnbd's library must pass with ours,
# except those named in tests/conformance-exceptions.txt, each with the
# reason it cannot.  Prints both counts and the names of the tests that
# differ; exits 1 if any differs.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -euo pipefail

dir=$(mkdir -p "$1" && cd "$1" && pwd)
ours=$(readlink -f "$2")
exceptions=$(cd "$(dirname "$0")/.." && pwd)/tests/conformance-exceptions.txt
suites="tests interop info copy sh dump"
release=1.22

say () { echo "conformance: $*"; }

# The source package, through a private apt configuration.
fetch_source ()
{
  local apt=$dir/apt
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" \
    "$apt/sources.list.d" "$apt/preferences.d" "$dir/download"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
    "http://deb.debian.org/debian trixie main" > "$apt/sources.list"
  cat > "$apt/apt.conf" <<EOF
Dir::State "$apt";
Dir::State::Lists "$apt/lists";
Dir::State::status "$apt/status";
Dir::Cache "$apt/cache";
Dir::Etc::SourceList "$apt/sources.list";
Dir::Etc::SourceParts "$apt/sources.list.d";
Dir::Etc::Preferences "$apt/preferences";
Dir::Etc::PreferencesParts "$apt/preferences.d";
APT::Sandbox::User "root";
EOF
  touch "$apt/status"
  export APT_CONFIG=$apt/apt.conf
  apt-get -q update >/dev/null
  (cd "$dir/download" && apt-get -q source --download-only libnbd >/dev/null)
  unset APT_CONFIG
  local tarball
  tarball=$(ls "$dir"/download/libnbd_"$release".*.orig.tar.gz | tail -n 1)
  say "unpacking $(basename "$tarball")"
  tar -C "$dir" -xzf "$tarball"
}

build ()
{
  local src=$1
  say "building $(basename "$src")"
  (cd "$src" &&
     ./configure -q --disable-ocaml --disable-golang --disable-rust \
       --disable-fuse --disable-ublk --without-bash-completions \
       >"$dir/configure.log" 2>&1 &&
     make -s -j"$(nproc)" >"$dir/build.log" 2>&1)
  # Build every suite's test programs without running any.
  for suite in $suites; do
    make -s -C "$src/$suite" check TESTS= >>"$dir/build.log" 2>&1
  done
}

# Run the suites; write NAME RESULT lines, one per test, to $2.
run_suites ()
{
  local src=$1 out=$2 suite
  for suite in $suites; do
    find "$src/$suite" -name '*.trs' -delete
    make -s -k -j"$(nproc)" -C "$src/$suite" check \
      >"$dir/$suite.$(basename "$out").log" 2>&1 || :
  done
  for suite in $suites; do
    (cd "$src" && find "$suite" -name '*.trs' | sort | while read -r trs; do
       echo "${trs%.trs} $(sed -n 's/^:test-result: //p' "$trs" | head -n 1)"
     done)
  done > "$out"
}

count () { grep -c " $2\$" "$1" || :; }

# The reason the test named $1 is excepted, if a pattern matches it.
excepted ()
{
  local pattern reason
  while read -r pattern reason; do
    case $pattern in '#'*|'') continue ;; esac
    case $1 in $pattern) echo "$reason"; return ;; esac
  done < "$exceptions"
}

rm -f "$dir/counts"
src=$(ls -d "$dir"/libnbd-"$release".*/ 2>/dev/null | tail -n 1 || :)
if [ -z "$src" ]; then
  fetch_source
  src=$(ls -d "$dir"/libnbd-"$release".*/ | tail -n 1)
fi
src=${src%/}
[ -f "$dir/built" ] || { build "$src"; touch "$dir/built"; }
library=$(readlink -f "$src/lib/.libs/libnbd.so.0")
reference=$dir/reference/libnbd.so.0
if [ ! -f "$reference" ]; then
  mkdir -p "$dir/reference"
  cp -p "$library" "$reference"
fi

# Which tests can run depends on the servers installed (qemu-nbd 10
# speaks extended headers, 7.2 does not), so the baseline is kept only
# for as long as they stay the same.
servers=$( (qemu-nbd --version | head -n 1; nbdkit --version;
            dpkg-query -W nbd-server) 2>&1 || :)
if [ "$servers" != "$(cat "$dir/baseline.servers" 2>/dev/null)" ]; then
  rm -f "$dir/baseline"
fi
if [ ! -f "$dir/baseline" ]; then
  say "running the suites with libnbd's own library"
  run_suites "$src" "$dir/baseline.new"
  mv "$dir/baseline.new" "$dir/baseline"
  printf '%s\n' "$servers" > "$dir/baseline.servers"
fi

# Ours in place of theirs for as long as the suites run.
trap 'cp -p "$reference" "$library"' EXIT
cp "$ours" "$library"
loaded=$(cd "$src" && LD_DEBUG=libs ./run nbdsh -c 'pass' 2>&1 |
           sed -n 's/.*calling init: \(.*libnbd\.so.*\)/\1/p' | head -n 1)
if [ -z "$loaded" ] || ! cmp -s "$loaded" "$ours"; then
  say "our library was not the one loaded (${loaded:-none})" >&2
  exit 1
fi
say "running the suites with $ours"
run_suites "$src" "$dir/ours"

say "libnbd's library: $(count "$dir/baseline" PASS) passed," \
  "$(count "$dir/baseline" FAIL) failed, $(count "$dir/baseline" SKIP)" \
  "skipped"
say "our library:      $(count "$dir/ours" PASS) passed," \
  "$(count "$dir/ours" FAIL) failed, $(count "$dir/ours" SKIP) skipped"
# The judgement, also written to DIR/counts for .ci/run's summary: each
# test that passes with libnbd's library passed or failed with ours, or
# is excepted.
passed=0 failed=0 excused=0
while read -r name result; do
  [ "$result" = PASS ] || continue
  mine=$(sed -n "s|^$name ||p" "$dir/ours")
  reason=$(excepted "$name")
  if [ "$mine" = PASS ]; then
    passed=$((passed + 1))
  elif [ -n "$reason" ]; then
    say "excepted: $name ($mine): $reason"
    excused=$((excused + 1))
  else
    say "differs:  $name passes with libnbd's library, ${mine:-missing}" \
      "with ours (see $src/$name.log)"
    failed=$((failed + 1))
  fi
done < "$dir/baseline"
printf 'passed %d\nfailed %d\nexcepted %d\n' $passed $failed $excused \
  > "$dir/counts"
say "$passed passed on both, $failed differ, $excused excepted"
[ $failed -eq 0 ]
