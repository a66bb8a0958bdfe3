#!/bin/sh -
# libnbd's past advisories against real servers: see advisories.c, and
# SECURITY.md for the advisories other tests cover.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit psktool certtool "$PYTHON"

# CVE-2019-14842: TLS required, and a server without it.
if library_has_tls "CVE-2019-14842"; then
  nbdkit -U - memory 1M \
    --run './advisories tls-required-plain-server "$unixsocket"'
  mkdir "$tmp/psk"
  psktool -u alice -p "$tmp/psk/keys.psk" >/dev/null 2>&1
  nbdkit -U - --tls=require --tls-psk="$tmp/psk/keys.psk" memory 1M \
    --run './advisories tls-allowed-plain-uri "$unixsocket" '"$tmp/psk/keys.psk"
fi

# CVE-2021-20286: option mode.
nbdkit -U - memory 1M --run './advisories opt-mode-after-abort "$unixsocket"'

# CVE-2022-0485: every read fails.
nbdkit -U - --filter=error memory 1M error-pread=EIO error-pread-rate=1 \
  --run './advisories read-errors "$unixsocket"'

# CVE-2023-5871: flags to block status.
nbdkit -U - memory 1M --run './advisories block-status-flags "$unixsocket"'

# CVE-2024-7383: a server whose certificate names localhost only, on
# TCP, against a client that trusts its authority ($tmp/pki) or not.
library_has_tls "CVE-2024-7383" || exit 0
make_pki "$tmp/pki"
make_pki "$tmp/other"
port=$(free_port 127.0.0.1)
start_server nbdkit -i 127.0.0.1 -p "$port" -f --tls=require \
  --tls-certificates="$tmp/pki" memory 1M
wait_for_tcp 127.0.0.1 "$port"
check_certificate ()
{
  ./advisories tls-certificate "nbds://$1:$port/$2" "$tmp/$3" "$4"
}
check_certificate localhost "" pki ok
check_certificate 127.0.0.1 "" pki refused
check_certificate 127.0.0.1 "?tls-hostname=localhost" pki ok
check_certificate localhost "?tls-hostname=wrong.example" pki refused
check_certificate localhost "" other refused
check_certificate localhost "?tls-verify-peer=false" other ok
check_certificate 127.0.0.1 "?tls-verify-peer=false" other ok
