#!/bin/sh -
# Run tls-psk against a server that requires TLS with a pre-shared key:
# with the right key it must negotiate TLS and read the export's first
# bytes; with another key for the same user it must fail and say why.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
# A library built without TLS has nothing here to show.
if ! ./library-info | grep -qx 'TLS: *yes'; then
  echo "tls-psk: the library was built without TLS, skipping"
  exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
psktool -u alice -p "$dir/keys.psk" >/dev/null
psktool -u alice -p "$dir/wrong.psk" >/dev/null

out=$(nbdkit -U - --tls=require --tls-psk="$dir/keys.psk" \
        data '"Hello over TLS!"' size=1M \
        --run "./tls-psk '$dir/keys.psk' alice \"\$unixsocket\"")
echo "$out"
echo "$out" | grep -qx 'TLS negotiated: yes'
echo "$out" | grep -qx 'export size: 1048576'
echo "$out" | grep -qx 'first 16 bytes: Hello over TLS!\.'

if nbdkit -U - --tls=require --tls-psk="$dir/keys.psk" data '"Hello"' \
     --run "./tls-psk '$dir/wrong.psk' alice \"\$unixsocket\"" \
     >"$dir/out" 2>"$dir/err"; then
  echo "tls-psk: connected with the wrong key" >&2
  exit 1
fi
cat "$dir/err"
test ! -s "$dir/out"
grep -q '^tls-psk: nbd_connect_unix: TLS handshake' "$dir/err"
grep -qx "tls-psk: if the TLS handshake failed, check that the server has \
the key for user \"alice\" that is in $dir/wrong.psk" "$dir/err"
