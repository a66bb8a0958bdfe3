#!/bin/sh -
# Misbehaving servers scripted by hostile-scenarios.txt: see hostile.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires "$PYTHON"

start_server "$PYTHON" "$srcdir/hostile-server.py" \
  "$srcdir/hostile-scenarios.txt" "$tmp"
wait_for "$tmp/ready"
./hostile "$srcdir/hostile-scenarios.txt" "$tmp"
