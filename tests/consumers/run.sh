#!/bin/sh -
# The consumer corpus: small programs written the way a libnbd user
# would write them.  They are built against a `make install` copy of
# the library, found through pkg-config as a user would find it, and
# each one is run against an nbdkit server of its own (captive mode,
# private socket) while this script checks what it prints.  The same
# checks are then made with libnbd 1.22, as make check-conformance
# builds it, in place of the installed copy: the expectations are
# libnbd's behaviour, not only ours.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit pkg-config

consumers=$srcdir/consumers

# 1. Install into a private root.
dest=$tmp/root
if ! ${MAKE:-make} -s -C "$top_builddir" install DESTDIR="$dest" \
       >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log" >&2
  exit 1
fi
pcdir=$(find "$dest" -name libnbd.pc -printf '%h\n')
libdir=$(find "$dest" -name libnbd.so.0 -printf '%h\n')
test -n "$pcdir" || { echo "$0: libnbd.pc not installed" >&2; exit 1; }
test -n "$libdir" || { echo "$0: libnbd.so.0 not installed" >&2; exit 1; }

# 2. Build every program with the flags pkg-config gives for that copy.
# PKG_CONFIG_LIBDIR keeps pkg-config from looking anywhere else.
export PKG_CONFIG_PATH=$pcdir PKG_CONFIG_LIBDIR=$pcdir
export PKG_CONFIG_SYSROOT_DIR=$dest
version=$(pkg-config --modversion libnbd)
if [ "$version" != "$PACKAGE_VERSION" ]; then
  echo "$0: pkg-config found libnbd $version, not $PACKAGE_VERSION" >&2
  exit 1
fi
nbd_flags=$(pkg-config --cflags --libs libnbd)
bin=$tmp/bin
mkdir "$bin"
for src in "$consumers"/*.c; do
  name=$(basename "$src" .c)
  # shellcheck disable=SC2086 # the flag lists are meant to be split
  ${CC:-cc} $CFLAGS -Wall -Wextra -Werror -pthread "$src" -o "$bin/$name" \
    $LDFLAGS $nbd_flags
done

# use_library DIR: run the programs with the libnbd.so.0 in DIR and no
# other.
use_library ()
{
  LD_LIBRARY_PATH=$1
  export LD_LIBRARY_PATH
  for prog in "$bin"/*; do
    loaded=$(ldd "$prog" |
               sed -n 's/^[[:space:]]*libnbd\.so\.0 => \([^ ]*\).*/\1/p')
    if [ "$(dirname "$loaded")" != "$1" ]; then
      echo "$0: $prog would load libnbd from '$loaded', not $1" >&2
      exit 1
    fi
  done
}

out=$tmp/out
err=$tmp/err

# A program that hangs fails the test instead of stalling it: killing
# the server closes the socket under the program.
limit=
if command -v timeout >/dev/null 2>&1; then
  limit="timeout 60"
fi

fail ()
{
  echo "$0: $*" >&2
  echo "--- stdout:" >&2
  cat "$out" >&2
  echo "--- stderr:" >&2
  cat "$err" >&2
  exit 1
}

# serve COMMAND NBDKIT-ARGS...: run the command (a shell string in
# which $unixsocket, $uri, $bin and $tmp are available) against a fresh
# server, with its output in $out and $err.  It must succeed.
serve ()
{
  cmd=$1
  shift
  $limit nbdkit -U - --exit-with-parent "$@" --run "$cmd" \
    >"$out" 2>"$err" ||
    fail "failed: $cmd"
}

# serve_fails COMMAND NBDKIT-ARGS...: the same, but the command must
# fail, saying why on stderr.
serve_fails ()
{
  cmd=$1
  shift
  if $limit nbdkit -U - --exit-with-parent "$@" --run "$cmd" \
       >"$out" 2>"$err"; then
    fail "succeeded but should not have: $cmd"
  fi
  test -s "$err" || fail "failed without a message: $cmd"
}

# expect LINE...: each line appears, whole, in the last stdout.
expect ()
{
  for line; do
    grep -qxF -- "$line" "$out" || fail "missing line: $line"
  done
}

# expect_err TEXT: the last stderr contains the text.
expect_err ()
{
  grep -qF -- "$1" "$err" || fail "stderr lacks: $1"
}

# lines N: the last stdout has exactly N lines.
lines ()
{
  test "$(wc -l <"$out")" -eq "$1" || fail "expected $1 lines"
}

# 3. The checks, with $version the version the library must report.
check_corpus ()
{
  export bin tmp

  # disk-size, which also proves which library was loaded.
  serve '$bin/disk-size "$unixsocket"' memory 16M
  expect "library: libnbd $version" "size: 16777216" "human: 16.0 MiB"
  serve '$bin/disk-size "$uri"' memory 12345
  expect "size: 12345" "human: 12.1 KiB"
  if "$bin/disk-size" "$tmp/no-such-socket" >"$out" 2>"$err"; then
    fail "disk-size connected to a missing socket"
  fi
  expect_err "disk-size: nbd_connect_unix: "

  # sector-hexdump: the pattern plugin's words are their own offsets.
  serve '$bin/sector-hexdump "$unixsocket"' pattern 1M
  lines 33
  z='00 00 00 00 00 00' dots='|................|'
  expect "00000000  $z 00 00  $z 00 08  $dots" \
    "000001f0  $z 01 f0  $z 01 f8  $dots" "00000200"
  serve '$bin/sector-hexdump "$unixsocket"' memory 1M
  lines 3
  expect "*" "00000200"
  # The layout is hexdump -C's, including a short last line.
  head -c 100 /dev/urandom >"$tmp/short"
  serve '$bin/sector-hexdump "$uri"' file "$tmp/short"
  if command -v hexdump >/dev/null 2>&1; then
    hexdump -C "$tmp/short" | cmp -s - "$out" || fail "differs from hexdump -C"
  fi
  expect "00000064"

  # export-to-file: a copy must be byte for byte the same.
  head -c 3000000 /dev/urandom >"$tmp/random"
  serve '$bin/export-to-file "$unixsocket" "$tmp/copy"' file "$tmp/random"
  expect "chunk: 1048576" "copied: 3000000 bytes to $tmp/copy"
  cmp "$tmp/random" "$tmp/copy"
  rm "$tmp/copy"
  serve '$bin/export-to-file "$uri" "$tmp/copy"' \
    --filter=blocksize-policy file "$tmp/random" blocksize-maximum=64K
  expect "chunk: 65536"
  cmp "$tmp/random" "$tmp/copy"

  # file-to-export: the data lands in the file behind the server.
  truncate -s 4M "$tmp/target"
  serve '$bin/file-to-export "$unixsocket" "$tmp/random"' file "$tmp/target"
  expect "flushed: yes" "wrote: 3000000 bytes"
  cmp -n 3000000 "$tmp/random" "$tmp/target"
  test "$(stat -c %s "$tmp/target")" -eq 4194304
  serve_fails '$bin/file-to-export "$unixsocket" "$tmp/random"' -r memory 16M
  expect_err "file-to-export: nbd_pwrite: "
  serve_fails '$bin/file-to-export "$unixsocket" "$tmp/random"' memory 1M
  expect_err "does not fit"

  # list-exports, in option mode.
  set -- --filter=exportname memory 1M exportname-list=explicit \
    exportname=alpha exportname=beta "exportname=with space" \
    exportdesc=fixed:scratch
  serve '$bin/list-exports "$unixsocket"' "$@"
  expect "exports: 3" 'export: "alpha" (scratch)' 'export: "beta" (scratch)' \
    'export: "with space" (scratch)' 'chosen: "alpha", size 1048576'
  serve '$bin/list-exports "$uri" "with space"' "$@"
  expect "exports: 3" 'chosen: "with space", size 1048576'
  serve '$bin/list-exports "$unixsocket" || test $? = 1' \
    --filter=exportname memory 1M exportname-list=empty
  expect "exports: 0"
  expect_err "the server listed no exports"

  # list-meta-contexts, through the asynchronous call and nbd_poll.
  serve '$bin/list-meta-contexts "$unixsocket"' memory 1M
  expect "context: base:allocation" "contexts: 1"
  serve '$bin/list-meta-contexts "$uri" base:' memory 1M
  expect "context: base:allocation" "contexts: 1"
  serve '$bin/list-meta-contexts "$unixsocket" qemu:' memory 1M
  lines 1
  expect "contexts: 0"

  # sparse-map: the data plugin allocates in 32K pages.
  serve '$bin/sparse-map "$unixsocket"' data "1 @131072 2" size=1M
  lines 8
  expect "           0        32768  data" \
         "       32768        98304  hole,zero" \
         "      131072        32768  data" \
         "      163840       884736  hole,zero" \
         "extents: 4" "data: 65536" "sparse: 983040"
  serve '$bin/sparse-map "$uri"' memory 16M
  expect "           0     16777216  hole,zero" "extents: 1" "data: 0"

  # aio-pipeline: 32 reads in flight at once, all checked.
  serve '$bin/aio-pipeline "$unixsocket"' pattern 16M
  expect "reads: 256 issued, 256 completed, 0 failed" "bytes: 16777216" \
    "bad words: 0"
  # How many are in flight at once depends on how fast replies come back.
  grep -Eq '^most in flight: ([1-9]|[12][0-9]|3[0-2])$' "$out" ||
    fail "bad most in flight"
  serve '$bin/aio-pipeline "$uri"' pattern 1000000
  expect "reads: 16 issued, 16 completed, 0 failed" "bytes: 1000000" \
    "bad words: 0"

  # poll-loop: the program's own poll(2) loop from connect to disconnect.
  serve '$bin/poll-loop "$unixsocket"' memory 16M
  expect "wrote: 4096 bytes at 1048576" "flushed" "read back: matches" \
    "disconnected: cleanly"
  grep -q '^connected: newstyle-fixed after [0-9][0-9]* wakeups$' "$out" ||
    fail "no connected line"
  serve '$bin/poll-loop "$uri"' memory 16M
  expect "read back: matches" "disconnected: cleanly"

  # threaded-reader: eight threads, one handle.
  serve '$bin/threaded-reader "$unixsocket" 8' pattern 16M
  expect "threads: 8" "reads: 512" "bytes: 16777216" "bad words: 0"
  serve '$bin/threaded-reader "$uri" 3' pattern 1M
  expect "threads: 3" "bytes: 1048576" "bad words: 0"

  # uri-connect: the export name goes through percent-encoding.
  serve '$bin/uri-connect "$unixsocket" "my disk" &&
         echo "socket: $unixsocket"' \
    memory 1M
  sock=$(sed -n 's/^socket: //p' "$out")
  expect "connecting to: nbd+unix:///my%20disk?socket=$sock" \
    'export: "my disk"' "protocol: newstyle-fixed" "tls: no" "size: 1048576"
  grep -q '^handle uri: nbd+unix:///my%20disk?socket=' "$out" ||
    fail "no handle uri"
  serve '$bin/uri-connect "$uri"' memory 1M
  expect 'export: ""' "size: 1048576"
  for uri in 'nbd+vsock://1/' 'nbds+unix:///?socket=/nowhere'; do
    if "$bin/uri-connect" "$uri" >"$out" 2>"$err"; then
      fail "uri-connect accepted $uri"
    fi
    expect_err "uri-connect: nbd_connect_uri: "
  done

  # zero-trim-cache: everything, then with features taken away.
  serve '$bin/zero-trim-cache "$unixsocket"' memory 16M
  expect "can_zero: yes" "write: done" "zero: reads back as zeroes" \
    "trim: done" "cache: done" "flush: done"
  serve '$bin/zero-trim-cache "$uri"' \
    --filter=nozero --filter=nocache memory 16M zeromode=none \
    cachemode=none
  expect "can_zero: no" "can_cache: no" "write: done" \
    "zero: skipped (not supported)" "trim: done" \
    "cache: skipped (not supported)"
  serve '$bin/zero-trim-cache "$unixsocket"' -r memory 16M
  expect "read_only: yes" "write: skipped (read-only)" \
    "zero: skipped (not supported)" "trim: skipped (not supported)"

  # block-sizes: an unaligned range read with aligned requests.
  set -- --filter=blocksize-policy pattern 16M blocksize-minimum=4096 \
    blocksize-preferred=64K blocksize-maximum=1M
  serve '$bin/block-sizes "$unixsocket" 1000 5000' "$@"
  expect "minimum: 4096" "preferred: 65536" "maximum: 1048576" \
    "payload: 1048576" "aligned: 0-8192 in 1 request(s)" \
    "first: 00 00 00 00 00 00 03 e8" "last: 00 00 00 00 00 00 17 68"
  serve '$bin/block-sizes "$uri" 8 3000000' "$@"
  expect "aligned: 0-3002368 in 3 request(s)" \
    "first: 00 00 00 00 00 00 00 08" "last: 00 00 00 00 00 2d c6 c0"
  serve '$bin/block-sizes "$unixsocket" 1000 5000' pattern 1M
  expect "minimum: not advertised" "aligned: 1000-6000 in 1 request(s)"

  # structured-read: every chunk checked, the whole export covered.
  serve '$bin/structured-read "$unixsocket"' pattern 4M
  expect "structured replies: yes" "reads: 16" "covered: 4194304 of 4194304" \
    "bad words: 0"
  # Over simple replies the callback still sees each read once, as one
  # data chunk.
  serve '$bin/structured-read "$uri" || echo "exit status: $?"' \
    --no-sr pattern 1M
  expect "structured replies: no" "bad words: 0" \
    "chunks: 4 data, 0 hole, 0 error" \
    "covered: 1048576 of 1048576"
  if grep -q "^exit status:" "$out"; then
    fail "structured-read failed"
  fi
}

use_library "$libdir"
check_corpus

# 4. The same with libnbd 1.22.  Debian's 1.14 cannot stand in for it:
# sparse-map calls nbd_block_status_64, which came in 1.18.
find_reference_libnbd
if [ -z "$reference_libnbd" ]; then
  echo "$0: libnbd 1.22 is not built (make check-conformance builds it):" \
    "the corpus ran with this library only" >&2
  exit 0
fi
use_library "$reference_libnbd"
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' \
            "$reference_libnbd"/../libnbd-*/config.h)
check_corpus
