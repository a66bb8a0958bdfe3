#!/bin/sh -
# Requests held back and sent together: see held-requests.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit

# A thread for every trim the test keeps in flight, and one more, so
# that a read never waits for a delayed trim in the server.
nbdkit -U - --exit-with-parent --threads=41 --filter=delay memory 1M \
  delay-trim=3 \
  --run './held-requests "$unixsocket"'
