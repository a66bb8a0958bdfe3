#!/bin/sh -
# One man page per exported call plus libnbd.3; each has every section,
# renders with man -l, and mandoc's linter finds nothing in it.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

docs=$top_builddir/docs
status=0

for sym in $(cut -d@ -f1 "$srcdir/expected-symbols.txt"); do
  page=$docs/$sym.3
  if ! test -f "$page"; then
    echo "$0: no page for $sym" >&2
    status=1
    continue
  fi
  for section in NAME SYNOPSIS DESCRIPTION "RETURN VALUE" ERRORS \
                 "HANDLE STATE" VERSION "SEE ALSO"; do
    grep -qx "\.SH $section" "$page" ||
      { echo "$0: $page has no $section" >&2; status=1; }
  done
  # A description of a few words is a placeholder, not documentation.
  words=$(sed -n '/^\.SH DESCRIPTION/,/^\.SH RETURN VALUE/p' "$page" |
          grep -v '^\.' | wc -w)
  test "$words" -ge 15 ||
    { echo "$0: $page: DESCRIPTION has only $words words" >&2; status=1; }
done
test -f "$docs/libnbd.3" || { echo "$0: no libnbd.3" >&2; status=1; }
test "$(ls "$docs"/*.3 | wc -l)" -eq 166 ||
  { echo "$0: expected 166 pages" >&2; status=1; }

lint=$(mandoc -Tlint -Wwarning "$docs"/*.3 2>&1 || true)
if test -n "$lint"; then
  echo "$lint" >&2
  status=1
fi
for page in "$docs"/*.3; do
  err=$(MANWIDTH=80 man -l "$page" 2>&1 >/dev/null)
  test -z "$err" || { echo "$0: $page: $err" >&2; status=1; }
done
exit $status
