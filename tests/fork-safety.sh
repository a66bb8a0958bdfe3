#!/bin/sh -
# Forking with commands in flight and threads waiting on them: see
# fork-safety.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit psktool "$PYTHON"

psktool -u alice -p "$tmp/keys.psk" >/dev/null 2>&1

serve ()
{
  where=$1
  shift
  start_server "$PYTHON" "$srcdir/socket-activate.py" unix "$tmp/$where" \
    nbdkit --exit-with-parent "$@"
}
serve plain.sock memory 64M
serve tls.sock --tls=require --tls-psk="$tmp/keys.psk" memory 64M
# Zeroes, but each read waits for the file go.
serve held.sock eval get_size='echo 64M' \
  pread='while ! test -e '"$tmp/go"'; do sleep 0.05; done
         head -c "$3" /dev/zero'
for f in plain.sock tls.sock held.sock; do
  wait_for "$tmp/$f"
done

./fork-safety "$tmp"
