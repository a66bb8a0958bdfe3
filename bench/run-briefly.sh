#!/bin/bash -
# Every benchmark case, run briefly on this library: the benchmark
# itself must work (it is judged by `make bench`, never here, so no
# figure is checked, only that each case completed and said which
# library it used).
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e -o pipefail

: "${srcdir:=.}" "${top_builddir:=..}"
ours=$(cd "$top_builddir/lib/.libs" && pwd)

. "$srcdir/servers.sh"
start_bench_servers

# check_result CASE LIBRARY LINE: the line names the case, some
# operations and the library that ran it.
check_result ()
{
  echo "$3"
  set -- "$1" "$2" $3
  if [ "$3" != "$1" ] || ! awk -v ops="$4" 'BEGIN { exit !(ops > 0) }' ||
     [ "$7" != "$2" ]; then
    echo "$0: bad result for $1 on $2" >&2
    exit 1
  fi
}

while read -r server name; do
  can_run_against "$server" || continue
  check_result "$name" "$ours/libnbd.so.0" \
    "$(LD_LIBRARY_PATH=$ours run_case "$server" "$name" 0.2)"
done <<'CASES'
null read-4k-qd1
null read-4k-qd64
null read-4k-sync4
null read-1m-qd16
memory write-4k-qd16
memory write-256k-qd16
null handshake
onethread handshake
sparse block-status
tls read-4k-qd64
tls read-1m-qd16
null fio-randread-4k-qd16
memory fio-randwrite-1m-qd16
copy nbdcopy
CASES

# The bare client that marks what the server allows, likewise.
while read -r server name; do
  check_result "$name" floor "$(run_floor "$server" "$name" 0.2)"
done <<'CASES'
null handshake
null read-4k-qd16
null read-1m-qd16
memory write-4k-qd64
memory write-256k-qd16
CASES

# The summary pairs each round's runs: the medians' ratio here is 1.00,
# while the rounds' own ratios run from 0.90 to 1.25.
summary=$(printf '%s\n' "ours c c 100 1 10 /o/l" "theirs c c 80 1 20 /t/l" \
            "ours c c 90 1 10 /o/l" "theirs c c 100 1 20 /t/l" \
            "ours c c 120 1 10 /o/l" "theirs c c 100 1 10 /t/l" |
          "${PYTHON:-python3}" "$srcdir/summarise.py" /o /t)
echo "$summary"
case $summary in
  *"| c | 100 | 100 | 1.00 (0.90-1.25) |"*"| 0.50 (0.50-1.00) |"*) ;;
  *) echo "$0: summarise.py misread the rounds" >&2; exit 1 ;;
esac
