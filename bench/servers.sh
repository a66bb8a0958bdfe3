# The servers the benchmark runs against, for compare.sh and the
# test that runs every case briefly.  Source after `set -e`, with
# srcdir set: tests/functions.sh provides $tmp and stops the servers
# on exit.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.

. "$srcdir/../tests/functions.sh"
requires nbdkit psktool fio nbdcopy nbdinfo

# nbdkit NAME ARGS...: a server on $tmp/NAME.sock.
bench_server ()
{
  name=$1
  shift
  start_server nbdkit -f -U "$tmp/$name.sock" "$@"
}

start_bench_servers ()
{
  psktool -u bench -p "$tmp/keys.psk" >/dev/null 2>&1
  bench_server null null 1G
  bench_server memory memory 1G
  bench_server sparse data '( 1 @^65536 ) * 16384' size=1G
  bench_server tls --tls=require --tls-psk="$tmp/keys.psk" null 1G
  # Handshakes against nbdkit's default thread count measure mostly the
  # worker threads it starts and joins for every connection; with one
  # thread, the clients' own share shows.
  bench_server onethread --threads=1 null 1G
  # nbdcopy's source holds data throughout, so that none of it is
  # skipped as zeroes; its destination is written once before it is
  # measured, so that no run pays for the server allocating memory.
  bench_server copysource memory 1G
  bench_server copydestination memory 1G
  bench_server pattern pattern 1G
  for name in null memory sparse tls onethread copysource copydestination \
              pattern; do
    wait_for "$tmp/$name.sock"
  done
  nbdcopy -- "$(server_uri pattern)" "$(server_uri copysource)"
  nbdcopy -- "$(server_uri pattern)" "$(server_uri copydestination)"
}

# Whether the library can run the cases against SERVER: one built
# without TLS cannot run the TLS cases, which are left out, saying so.
can_run_against ()
{
  [ "$1" != tls ] || library_has_tls "the TLS cases"
}

# run_case SERVER CASE SECONDS: one run of a case on the library that
# LD_LIBRARY_PATH selects, printing nbd-bench's line.  nbd-bench runs
# most cases; fio's nbd engine and nbdcopy are Debian's programs on
# the same library (external.py).  nbdcopy always copies copysource to
# copydestination, whatever SERVER says.
run_case ()
{
  case $2 in
    fio-*)
      "${PYTHON:-python3}" "$srcdir/external.py" "$2" "$(server_uri "$1")" \
        "$3" ;;
    nbdcopy)
      "${PYTHON:-python3}" "$srcdir/external.py" nbdcopy \
        "$(server_uri copysource)" "$(server_uri copydestination)" ;;
    *)
      ./nbd-bench "$2" "$(server_uri "$1")" "$3" ;;
  esac </dev/null
}

# has_floor SERVER CASE: whether protocol-floor runs the case: plain
# handshakes, reads and writes at a queue depth.
has_floor ()
{
  [ "$1" != tls ] || return 1
  case $2 in
    handshake|read-*-qd*|write-*-qd*) return 0 ;;
    *) return 1 ;;
  esac
}

run_floor ()
{
  ./protocol-floor "$2" "$tmp/$1.sock" "$3" </dev/null
}

server_uri ()
{
  case $1 in
    tls) echo "nbds+unix://bench@/?socket=$tmp/tls.sock&tls-psk-file=$tmp/keys.psk" ;;
    *) echo "nbd+unix:///?socket=$tmp/$1.sock" ;;
  esac
}
