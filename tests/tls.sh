#!/bin/sh -
# TLS against nbdkit and qemu-nbd, with credentials made here by certtool
# and psktool: see tls.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit qemu-nbd certtool psktool "$PYTHON"
requires_tls

make_pki "$tmp/pki" 'expiration_days = 30'
# A client certificate too, which qemu-nbd insists on by default.
make_client_cert "$tmp/pki" "$tmp/pki"
make_pki "$tmp/other"
make_pki "$tmp/expired" 'activation_date = "2020-01-01 00:00:00 UTC"' \
  'expiration_date = "2020-02-01 00:00:00 UTC"'
# The expired server certificate is signed by a CA the client trusts.
cp "$tmp/pki/ca-cert.pem" "$tmp/pki/ca-key.pem" "$tmp/expired/"
certtool --generate-certificate --load-ca-certificate "$tmp/pki/ca-cert.pem" \
  --load-ca-privkey "$tmp/pki/ca-key.pem" \
  --load-privkey "$tmp/expired/server-key.pem" \
  --template "$tmp/expired/server.info" \
  --outfile "$tmp/expired/server-cert.pem" 2>/dev/null

# A client directory whose revocation list names the server.
mkdir "$tmp/revoked"
cp "$tmp/pki/ca-cert.pem" "$tmp/revoked/"
printf 'crl_next_update = 30\ncrl_number = 1\n' > "$tmp/revoked/crl.info"
certtool --generate-crl --load-ca-privkey "$tmp/pki/ca-key.pem" \
  --load-ca-certificate "$tmp/pki/ca-cert.pem" \
  --load-certificate "$tmp/pki/server-cert.pem" \
  --template "$tmp/revoked/crl.info" --outfile "$tmp/revoked/ca-crl.pem" \
  2>/dev/null

mkdir "$tmp/psk" "$tmp/psk-bad" "$tmp/psk-bob"
psktool -u alice -p "$tmp/psk/keys.psk" >/dev/null 2>&1
psktool -u alice -p "$tmp/psk-bad/keys.psk" >/dev/null 2>&1
psktool -u bob -p "$tmp/psk-bob/keys.psk" >/dev/null 2>&1
# With no username set, the login name is used.
export LOGNAME=alice

x509="--tls=require --tls-certificates=$tmp/pki"
nbdkit -U - $x509 memory 64M --run './tls x509 "$unixsocket" '"$tmp/pki"
nbdkit -U - $x509 memory 64M \
  --run './tls opt-mode "$unixsocket" '"$tmp/pki"
nbdkit -U - $x509 memory 64M \
  --run './tls hostname "$unixsocket" '"$tmp/pki"
nbdkit -U - $x509 memory 64M \
  --run './tls untrusted "$unixsocket" '"$tmp/other"
nbdkit -U - --tls=require --tls-certificates="$tmp/expired" memory 64M \
  --run './tls untrusted "$unixsocket" '"$tmp/pki"
nbdkit -U - $x509 memory 64M \
  --run './tls untrusted "$unixsocket" '"$tmp/revoked"
nbdkit -U - $x509 memory 64M \
  --run './tls tls-server-disable "$unixsocket" none'
nbdkit -U - memory 64M \
  --run './tls plain-server-require "$unixsocket" '"$tmp/pki"
nbdkit -U - memory 64M \
  --run './tls plain-server-allow "$unixsocket" '"$tmp/pki"
nbdkit -U - $x509 memory 64M \
  --run './tls no-verify "$unixsocket" '"$tmp/other"
# --tls=on serves TLS and plain text alike.
nbdkit -U - --tls=on --tls-certificates="$tmp/pki" memory 64M \
  --run './tls x509-small "$unixsocket" '"$tmp/pki"
nbdkit -U - --tls=on --tls-certificates="$tmp/pki" memory 64M \
  --run './tls allow-tls "$unixsocket" '"$tmp/pki"

psk="--tls=require --tls-psk=$tmp/psk/keys.psk"
nbdkit -U - $psk memory 64M \
  --run './tls psk "$unixsocket" '"$tmp/psk/keys.psk"
nbdkit -U - $psk memory 64M \
  --run './tls bad-psk "$unixsocket" '"$tmp/psk-bad/keys.psk"
LOGNAME=bob nbdkit -U - $psk memory 64M \
  --run './tls bad-psk "$unixsocket" '"$tmp/psk-bob/keys.psk"

# qemu-nbd with each kind of credentials.
truncate -s 64M "$tmp/disk"
socket_activate unix "$tmp/qx.sock" qemu-nbd --persistent --format=raw \
  --object tls-creds-x509,id=tls0,dir="$tmp/pki",endpoint=server \
  --tls-creds tls0 "$tmp/disk"
./tls x509-small "$tmp/qx.sock" "$tmp/pki"
socket_activate unix "$tmp/qp.sock" qemu-nbd --persistent --format=raw \
  --object tls-creds-psk,id=tls0,dir="$tmp/psk",endpoint=server \
  --tls-creds tls0 "$tmp/disk"
./tls psk-small "$tmp/qp.sock" "$tmp/psk/keys.psk"
