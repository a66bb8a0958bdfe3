#!/bin/sh -
# Servers killed at random moments under load: see stress-kill.c.  Run
# by make check-stress, not make check.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit psktool

psktool -u alice -p "$tmp/keys.psk" >/dev/null 2>&1
./stress-kill "$tmp/keys.psk"
