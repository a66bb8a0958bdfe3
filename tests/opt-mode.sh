#!/bin/sh -
# Option mode against nbdkit with three named exports: see opt-mode.c.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit

# The eval plugin's handle is the export name, so each export can have
# its own size; the exportname filter refuses every other name.
nbdkit -U - --exit-with-parent --filter=exportname eval \
  list_exports='printf "%s\n" INTERLEAVED a "export a" b "export b" \
                  "with space" ""' \
  open='echo "$3"' \
  get_size='case "$2" in a) echo 1M ;; b) echo 2M ;; *) echo 3M ;; esac' \
  pread='dd if=/dev/zero count=$3 iflag=count_bytes 2>/dev/null' \
  exportname-strict=true exportname=a exportname=b exportname="with space" \
  --run './opt-mode "$unixsocket"'
