# The servers the benchmark runs against, for compare.sh and the
# test that runs every case briefly.  Source after `set -e`, with
# srcdir set: tests/functions.sh provides $tmp and stops the servers
# on exit.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.

. "$srcdir/../tests/functions.sh"
requires nbdkit psktool

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
  for name in null memory sparse tls; do
    wait_for "$tmp/$name.sock"
  done
}

server_uri ()
{
  case $1 in
    tls) echo "nbds+unix://bench@/?socket=$tmp/tls.sock&tls-psk-file=$tmp/keys.psk" ;;
    *) echo "nbd+unix:///?socket=$tmp/$1.sock" ;;
  esac
}
