#!/bin/sh -
# Callback lifetimes of the option calls: see closure-lifetimes.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit "$PYTHON"

start_server "$PYTHON" "$srcdir/hangup-server.py" "$tmp" \
  first-option no-reply
wait_for "$tmp/ready"

nbdkit -U - --exit-with-parent --filter=exportname memory 1M \
  exportname-list=explicit exportname-strict=true exportname=a exportname=b \
  --run './closure-lifetimes "$unixsocket" '"$tmp"
