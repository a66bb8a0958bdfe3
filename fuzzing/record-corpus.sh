#!/bin/bash -
# Make the fuzzing seed corpus: record client sessions against real
# servers (nbdkit with several plugins and filters, qemu-nbd, and
# nbd-server), and write URIs of every scheme and parameter.  Run from
# the build directory's fuzzing/ after `make check`; the recordings go
# into the source tree's corpus, to be committed.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

srcdir=${srcdir:-.}
. "$srcdir/../tests/functions.sh"
requires nbdkit qemu-nbd qemu-img qemu-io nbd-server

sessions=$srcdir/corpus/server-session
uris=$srcdir/corpus/uri-parse
mkdir -p "$sessions" "$uris"

# The configurations of session.h worth a seed each: the defaults,
# straight to GO, strict mode off, and no structured replies at all.
configs="0 8 4 3"

# nbdkit NAME CONFIG NBDKIT-ARGS...: record one session against a
# captive nbdkit.
nbdkit_session ()
{
  name=$1 config=$2
  shift 2
  nbdkit -U - --exit-with-parent "$@" --run \
    "./session-recorder \"\$unixsocket\" $config \
       '$sessions/real-nbdkit-$name-$config'"
}

for config in $configs; do
  nbdkit_session memory $config memory 1M
  nbdkit_session pattern $config pattern 1M
  nbdkit_session no-sr $config --no-sr pattern 1M
  nbdkit_session data $config -r data '1 2 3 @65536 4' size=1M
  nbdkit_session error $config --filter=error memory 1M error-rate=1 \
    error-pread=EIO
  nbdkit_session exports $config --filter=exportname memory 1M \
    exportname-list=explicit exportname=a exportname=b \
    exportdesc=fixed:seed
  nbdkit_session blocksize $config --filter=blocksize-policy memory 1M \
    blocksize-minimum=512 blocksize-maximum=64K
done

# qemu-nbd: a qcow2 image with data in places, for allocation depth.
qemu-img create -q -f qcow2 "$tmp/disk.qcow2" 1M
qemu-io -c 'write -P 0x55 0 64k' "$tmp/disk.qcow2" >/dev/null
for config in $configs; do
  rm -f "$tmp/qemu.sock"
  start_server qemu-nbd -f qcow2 -k "$tmp/qemu.sock" -A "$tmp/disk.qcow2"
  wait_for "$tmp/qemu.sock"
  ./session-recorder "$tmp/qemu.sock" "$config" \
    "$sessions/real-qemu-nbd-$config"
done

# nbd-server, from a configuration file of its own.
truncate -s 1M "$tmp/nbd-server.img"
nbd_server nbd-server <<CONF
allowlist = true
[disk]
exportname = $tmp/nbd-server.img
CONF
for config in $configs; do
  ./session-recorder "$tmp/nbd-server.sock" "$config" \
    "$sessions/real-nbd-server-$config"
done

# URIs: the first byte turns strict mode on.
n=0
while read -r uri; do
  n=$((n + 1))
  printf '\001%s' "$uri" >"$uris/seed-$n"
done <<'URIS'
nbd://example.com/disk
nbds://user@[::1]:10810/a%20b?tls-certificates=/c&tls-verify-peer=false
nbd+unix:///export?socket=/tmp/sock
nbds+unix://alice@/?socket=/s&tls-psk-file=/k&tls-username=bob
nbd+vsock://2:10809/
nbds+vsock://3/e?tls-hostname=h
nbd+ssh://u@host:22/e?socket=/run/s
nbds+ssh://host/
NBD://HOST/%41
nbd://h/?unknown=1;socket=x
URIS
echo "recorded $(find "$sessions" -type f | wc -l) sessions, wrote $n URIs"
