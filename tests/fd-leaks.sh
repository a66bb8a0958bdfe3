#!/bin/sh -
# No file descriptor or process outlives the handle that made it, and
# none reaches a program the caller starts: see fd-leaks.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit psktool ls "$PYTHON"

psktool -u alice -p "$tmp/keys.psk" >/dev/null 2>&1
psktool -u alice -p "$tmp/bad.psk" >/dev/null 2>&1
: > "$tmp/not-a-socket"

socket_activate unix "$tmp/plain.sock" nbdkit --exit-with-parent memory 1M
socket_activate unix "$tmp/slow.sock" nbdkit --exit-with-parent \
  --filter=delay memory 1M delay-read=1 delay-write=1
socket_activate unix "$tmp/psk.sock" nbdkit --exit-with-parent \
  --tls=require --tls-psk="$tmp/keys.psk" memory 1M
socket_activate tcp "$tmp/port" nbdkit --exit-with-parent memory 1M
start_server "$PYTHON" "$srcdir/hangup-server.py" "$tmp" \
  eof short-greeting first-option mid-reply no-reply
wait_for "$tmp/ready"

./fd-leaks "$tmp"
