#!/bin/bash -
# `make bench`: run every benchmark case with this library and with
# libnbd 1.22 as make check-conformance builds it (Debian's libnbd0,
# 1.14, until that exists), alternating, for several rounds, and print the
# median of each figure and the ratio ours/theirs, with the range of
# the rounds' own ratios.  Reads go to nbdkit's
# null plugin, writes to its memory plugin, block status to a 1 GiB
# export that is half holes, all over Unix sockets; TLS uses a PSK.
# Handshakes run twice: against nbdkit as it comes, and against one
# that runs a single thread per connection.
# Besides nbd-bench's cases: fio's nbd engine and nbdcopy (Debian's,
# which link libnbd.so.0), run on each library the same way.  Where it
# can, a bare client without a library (protocol-floor) runs the case
# too: what it gets is about what the server and the kernel allow.
#
# BENCH_SECONDS (default 2) is the length of one run, BENCH_ROUNDS
# (default 3) the number of runs per case and library; each case runs
# once more unmeasured before those of a round: for half a second (a
# second for fio, which runs whole seconds; one copy for nbdcopy).
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e -o pipefail

: "${srcdir:=.}" "${top_builddir:=..}"
seconds=${BENCH_SECONDS:-2}
rounds=${BENCH_ROUNDS:-3}
# The unmeasured run before each case (see below).
warmup=0.5

. "$srcdir/servers.sh"
ours=$(cd "$top_builddir/lib/.libs" && pwd)
find_reference_libnbd
if [ -n "$reference_libnbd" ]; then
  theirs=$reference_libnbd
else
  find_debian_libnbd
  theirs=$(dirname "$debian_libnbd")
fi
echo "comparing with the libnbd in $theirs" >&2
start_bench_servers

# The queue-depth sweeps show a regression at any one depth.
cases="
null read-4k-qd1
null read-4k-qd2
null read-4k-qd4
null read-4k-qd8
null read-4k-qd16
null read-4k-qd32
null read-4k-qd64
null read-4k-qd128
null read-4k-sync1
null read-4k-sync4
null read-256k-qd16
null read-1m-qd16
memory write-4k-qd1
memory write-4k-qd8
memory write-4k-qd16
memory write-4k-qd32
memory write-4k-qd64
memory write-256k-qd16
memory write-1m-qd16
null handshake
onethread handshake
sparse block-status
tls read-4k-qd64
tls read-1m-qd16
null fio-randread-4k-qd1
null fio-randread-4k-qd16
null fio-randread-4k-qd64
null fio-randread-1m-qd16
memory fio-randwrite-4k-qd1
memory fio-randwrite-4k-qd16
memory fio-randwrite-4k-qd64
memory fio-randwrite-1m-qd16
copy nbdcopy
"

library_dir ()
{
  if [ "$1" = ours ]; then echo "$ours"; else echo "$theirs"; fi
}

results=$tmp/results
for round in $(seq "$rounds"); do
  echo "round $round of $rounds" >&2
  echo "$cases" | while read -r server name; do
    [ -n "$name" ] || continue
    can_run_against "$server" || continue
    # Alternate which library goes first, so neither always runs on a
    # warmer machine.
    if [ $((round % 2)) -eq 1 ]; then order="ours theirs"
    else order="theirs ours"; fi
    case $server in
      tls|onethread) label=$server-$name ;;
      *) label=$name ;;
    esac
    # The first run after another case pays for the change (nbdcopy's
    # first copy of a round took up to twice as long as the second,
    # whichever library made it), so that with an odd number of rounds
    # the library that went first more often lost.  A brief run whose
    # figures are thrown away pays instead.
    LD_LIBRARY_PATH=$(library_dir "${order%% *}") \
      run_case "$server" "$name" "$warmup" >/dev/null
    for lib in $order; do
      LD_LIBRARY_PATH=$(library_dir "$lib") \
        run_case "$server" "$name" "$seconds" |
        sed "s/^/$lib $label /" >>"$results"
    done
    if has_floor "$server" "$name"; then
      run_floor "$server" "$name" "$seconds" |
        sed "s/^/floor $label /" >>"$results"
    fi
  done
done

"${PYTHON:-python3}" "$srcdir/summarise.py" "$ours" "$theirs" <"$results"
