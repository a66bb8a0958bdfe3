# The servers the benchmark runs against, for compare.sh and the
# test that runs every case briefly.  Source after `set -e`.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.

tmp=$(mktemp -d)
server_pids=

stop_bench_servers ()
{
  status=$?
  for pid in $server_pids; do
    kill "$pid" 2>/dev/null || :
  done
  wait 2>/dev/null || :
  rm -rf "$tmp"
  exit $status
}
trap stop_bench_servers EXIT
trap 'exit 1' INT TERM HUP

# nbdkit NAME ARGS...: a server on $tmp/NAME.sock.
bench_server ()
{
  name=$1
  shift
  nbdkit -f -U "$tmp/$name.sock" "$@" &
  server_pids="$server_pids $!"
}

start_bench_servers ()
{
  psktool -u bench -p "$tmp/keys.psk" >/dev/null 2>&1
  bench_server null null 1G
  bench_server memory memory 1G
  bench_server sparse data '( 1 @^65536 ) * 16384' size=1G
  bench_server tls --tls=require --tls-psk="$tmp/keys.psk" null 1G
  for name in null memory sparse tls; do
    tries=0
    until test -S "$tmp/$name.sock"; do
      tries=$((tries + 1))
      if [ $tries -gt 300 ]; then
        echo "$0: the $name server did not start" >&2
        exit 1
      fi
      sleep 0.1
    done
  done
}

server_uri ()
{
  case $1 in
    tls) echo "nbds+unix://bench@/?socket=$tmp/tls.sock&tls-psk-file=$tmp/keys.psk" ;;
    *) echo "nbd+unix:///?socket=$tmp/$1.sock" ;;
  esac
}
