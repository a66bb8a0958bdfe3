#!/bin/sh -
# nbd_get_handle_size as a handle is used: see handle-size.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit

nbdkit -U - memory 1M --run './handle-size "$unixsocket"'
