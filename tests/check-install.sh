#!/bin/sh -
# make install puts the library, header, pkg-config file and man pages in
# place, and a program built with `pkg-config libnbd` runs against it.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/root
${MAKE:-make} -s -C "$top_builddir" install DESTDIR="$dest" >/dev/null

pcdir=$(find "$dest" -name libnbd.pc -printf '%h\n')
test -n "$pcdir" || { echo "$0: libnbd.pc not installed" >&2; exit 1; }
test "$(find "$dest" -path '*/man3/*.3' | wc -l)" -eq 166
find "$dest" -name libnbd.h | grep -q . 
find "$dest" -name 'libnbd.so.0' | grep -q .

export PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$dest
test "$(pkg-config --modversion libnbd)" = "$PACKAGE_VERSION"
cat > "$tmp/prog.c" <<'PROG'
#include <stdio.h>
#include <string.h>
#include <libnbd.h>
int
main (void)
{
  struct nbd_handle *nbd = nbd_create ();
  int ok = nbd && strcmp (nbd_get_version (nbd), PACKAGE_VERSION) == 0;
  nbd_close (nbd);
  return !ok;
}
PROG
$CC $CFLAGS -DPACKAGE_VERSION="\"$PACKAGE_VERSION\"" \
  "$tmp/prog.c" -o "$tmp/prog" \
  $LDFLAGS $(pkg-config --cflags --libs libnbd)
LD_LIBRARY_PATH=$(dirname "$(find "$dest" -name 'libnbd.so.0')") "$tmp/prog"
