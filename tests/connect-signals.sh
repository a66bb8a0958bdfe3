#!/bin/sh -
# A synchronous connect interrupted by signals throughout, plain and
# under TLS: see connect-signals.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit psktool

psktool -u alice -p "$tmp/keys.psk" >/dev/null 2>&1
# nbdkit opens the export when the client sends NBD_OPT_GO, and the
# delay filter holds that answer back.
delayed="--filter=delay memory 1M delay-open=300ms"
start_server nbdkit -f -U "$tmp/plain.sock" $delayed
start_server nbdkit -f -U "$tmp/tls.sock" --tls=require \
  --tls-psk="$tmp/keys.psk" $delayed
wait_for "$tmp/plain.sock"
wait_for "$tmp/tls.sock"
./connect-signals "$tmp/plain.sock" "$tmp/tls.sock" "$tmp/keys.psk"
