#!/bin/sh -
# Broken replies from a scripted server: see bad-replies.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires "$PYTHON"

for mode in truncated-header truncated-data missing-data overlapping-data \
            error-offset oversized; do
  start_server "$PYTHON" "$srcdir/bad-reply-server.py" "$tmp/$mode.sock" \
    $mode
  wait_for "$tmp/$mode.sock"
  ./bad-replies $mode "$tmp/$mode.sock"
done
