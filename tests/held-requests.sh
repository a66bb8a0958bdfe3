#!/bin/sh -
# Requests held back and sent together: see held-requests.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit

nbdkit -U - --exit-with-parent --filter=delay memory 1M delay-trim=3 \
  --run './held-requests "$unixsocket"'
