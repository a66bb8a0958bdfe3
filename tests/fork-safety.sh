#!/bin/sh -
# Forking with commands in flight and threads waiting on them: see
# fork-safety.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit psktool "$PYTHON"

psktool -u alice -p "$tmp/keys.psk" >/dev/null 2>&1

socket_activate unix "$tmp/plain.sock" nbdkit --exit-with-parent memory 64M
socket_activate unix "$tmp/tls.sock" nbdkit --exit-with-parent \
  --tls=require --tls-psk="$tmp/keys.psk" memory 64M
# Zeroes, but each read waits for the file go.
socket_activate unix "$tmp/held.sock" nbdkit --exit-with-parent \
  eval get_size='echo 64M' \
  pread='while ! test -e '"$tmp/go"'; do sleep 0.05; done
         head -c "$3" /dev/zero'

./fork-safety "$tmp"
