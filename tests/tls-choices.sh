#!/bin/sh -
# The TLS priority string, the cipher chosen with a pre-shared key and
# the choice among client certificates, against nbdkit: see
# tls-choices.c.  The server verifies clients, and only a certificate
# from its own CA satisfies it.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit certtool psktool gnutls-cli
requires_tls

make_pki "$tmp/pki"
# Another CA, under another name: gnutls picks a client certificate by
# the name of the CA that issued it.
make_ca "$tmp/stranger" "Stranger CA"

# Each client directory trusts the server's CA.
for dir in none numbered both gap broken; do
  mkdir "$tmp/$dir"
  cp "$tmp/pki/ca-cert.pem" "$tmp/$dir/"
done
# Only client-cert-0.pem, without client-cert.pem.
make_client_cert "$tmp/pki" "$tmp/numbered" 0
# client-cert.pem from a CA the server does not know, and two more of
# which the second is the server's: gnutls must offer that one.
make_client_cert "$tmp/stranger" "$tmp/both" ""
make_client_cert "$tmp/stranger" "$tmp/both" 0
make_client_cert "$tmp/pki" "$tmp/both" 1
# Numbering stops at the first pair missing: client-cert-1.pem is never
# read.
make_client_cert "$tmp/pki" "$tmp/gap" 1
# A certificate with someone else's key cannot be loaded.
make_client_cert "$tmp/pki" "$tmp/broken" 0
certtool --generate-privkey --outfile "$tmp/broken/client-key-0.pem" \
  2>/dev/null

serve="nbdkit -U - --tls=require --tls-certificates=$tmp/pki"
$serve memory 1M --run './tls-choices priority "$unixsocket" '"$tmp/pki"
serve="$serve --tls-verify-peer"
$serve memory 1M --run './tls-choices client-cert "$unixsocket" '"$tmp/numbered"
$serve memory 1M --run './tls-choices client-cert "$unixsocket" '"$tmp/both"
$serve memory 1M --run './tls-choices no-client-cert "$unixsocket" '"$tmp/none"
$serve memory 1M --run './tls-choices no-client-cert "$unixsocket" '"$tmp/gap"
$serve memory 1M \
  --run './tls-choices broken-client-cert "$unixsocket" '"$tmp/broken"

# gnutls ranks AES-128-GCM above ChaCha20 in its PERFORMANCE string only
# where the CPU does AES in hardware; the library's default follows.
first=$(gnutls-cli --priority PERFORMANCE --list |
  grep -m1 -o 'AES_128_GCM\|CHACHA20_POLY1305')
case "$first" in
  AES_128_GCM) cipher=AES-128-GCM ;;
  CHACHA20_POLY1305) cipher=CHACHA20-POLY1305 ;;
  *) echo "$0: no cipher in gnutls's PERFORMANCE list" >&2; exit 1 ;;
esac
psktool -u alice -p "$tmp/keys.psk" >/dev/null
nbdkit -U - --tls=require --tls-psk="$tmp/keys.psk" memory 1M \
  --run './tls-choices psk-cipher "$unixsocket" '"$tmp/keys.psk $cipher"
