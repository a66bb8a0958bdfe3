#!/bin/sh -
# mandoc's linter, at warning level, on every page the generator wrote:
# any output at all is a defect in the generator or its tables.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

if test -z "$MANDOC" || test "$MANDOC" = no; then
  echo "$0: mandoc is needed to check the man pages" >&2
  exit 1
fi
set -- "$builddir"/*.3
if ! test -f "$1"; then
  echo "$0: no man pages in $builddir" >&2
  exit 1
fi
lint=$("$MANDOC" -Tlint -Wwarning "$@" 2>&1 || true)
if test -n "$lint"; then
  echo "$lint" >&2
  exit 1
fi
echo "$0: $# pages, no warnings"
