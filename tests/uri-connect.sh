#!/bin/sh -
# Connections by URI through each transport nbdkit serves here, with and
# without TLS: see uri-connect.c.  vsock needs a hypervisor and ssh an
# sshd, neither of which a test can start here, so uri-table covers
# their parsing only.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit psktool certtool "$PYTHON"

has_tls=false
library_has_tls "the URIs over TLS" && has_tls=true
mkdir "$tmp/psk"
psktool -u alice -p "$tmp/psk/keys.psk" >/dev/null 2>&1
make_pki "$tmp/pki"

# Unix sockets, with an export name, plain and with PSK.
nbdkit -U - --filter=exportname memory 1M exportname=disk \
  --run './uri-connect "nbd+unix:///disk?socket=$unixsocket" 1048576'
if $has_tls; then
  nbdkit -U - --tls=require --tls-psk="$tmp/psk/keys.psk" memory 2M \
    --run './uri-connect "nbds+unix://alice@/?socket=$unixsocket&tls-psk-file='"$tmp/psk/keys.psk"'" 2097152'
fi

# TCP over IPv4, plain and with X.509 (the certificate names localhost).
port=$(free_port 127.0.0.1)
nbdkit -i 127.0.0.1 -p $port --exit-with-parent -f memory 3M &
server_pids="$server_pids $!"
wait_for_tcp 127.0.0.1 $port
./uri-connect "nbd://127.0.0.1:$port/" 3145728
if $has_tls; then
  port=$(free_port 127.0.0.1)
  nbdkit -i 127.0.0.1 -p $port --exit-with-parent -f --tls=require \
    --tls-certificates="$tmp/pki" memory 4M &
  server_pids="$server_pids $!"
  wait_for_tcp 127.0.0.1 $port
  ./uri-connect "nbds://localhost:$port/?tls-certificates=$tmp/pki" 4194304
fi

# TCP over IPv6, where the loopback has it.
if "$PYTHON" -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' \
     2>/dev/null; then
  port=$(free_port ::1)
  nbdkit -i ::1 -p $port --exit-with-parent -f memory 5M &
  server_pids="$server_pids $!"
  wait_for_tcp ::1 $port
  ./uri-connect "nbd://[::1]:$port/" 5242880
fi
