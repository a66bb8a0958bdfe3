#!/bin/sh -
# A library configured --without-gnutls --without-libxml2 says so:
# nbd_supports_tls and nbd_supports_uri return false, and TLS cannot be
# asked for, though a TLS priority can still be kept.  Rather than
# configure a second tree, this compiles the library's sources again
# against a config.h with those two features taken out, and with the
# text of --with-extra="Debian \"1.24\"" in, which is what configure
# would have written.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v -E 'define (HAVE_GNUTLS|HAVE_LIBXML2|PACKAGE_VERSION_EXTRA) ' \
  "$top_builddir/config.h" > "$tmp/config.h"
echo '#define PACKAGE_VERSION_EXTRA "Debian \"1.24\""' >> "$tmp/config.h"
sources=$(ls "$top_srcdir"/lib/*.c "$top_srcdir"/lib/states/*.c \
            "$top_srcdir"/lib/options/*.c \
            "$top_builddir/lib/api.c" \
            "$top_builddir/lib/states/transitions.c" | sort -u)
$CC -shared -fPIC -pthread -o "$tmp/libnbd.so.0" -Wl,-soname,libnbd.so.0 \
  -I"$tmp" -I"$top_builddir/include" -I"$top_builddir/lib" \
  -I"$top_srcdir/lib" -DLIBNBD_NO_NONNULL_ATTRIBUTE $sources

cat > "$tmp/prog.c" <<'PROG'
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libnbd.h>
int
main (void)
{
  struct nbd_handle *nbd = nbd_create ();

  if (!nbd || nbd_supports_tls (nbd) != 0 || nbd_supports_uri (nbd) != 0)
    return 1;
  if (nbd_set_tls (nbd, LIBNBD_TLS_REQUIRE) != -1 ||
      nbd_get_errno () != ENOTSUP)
    return 2;
  if (nbd_set_tls (nbd, LIBNBD_TLS_DISABLE) != 0)
    return 3;
  if (strcmp (nbd_get_version_extra (nbd), "Debian \"1.24\"") != 0)
    return 4;
  if (nbd_set_tls_priority (nbd, "anything") != 0)
    return 5;
  nbd_close (nbd);
  return 0;
}
PROG
$CC -I"$top_builddir/include" "$tmp/prog.c" -o "$tmp/prog" \
  -L"$tmp" -l:libnbd.so.0
LD_LIBRARY_PATH=$tmp "$tmp/prog"
