#!/bin/sh -
# Extended headers against a scripted server: see extended-headers.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires "$PYTHON"

start_server "$PYTHON" "$srcdir/ext-server.py" "$tmp/ext.sock"
wait_for "$tmp/ext.sock"
./extended-headers "$tmp/ext.sock"
