#!/bin/sh -
# Our library and libnbd 1.22 given the same URIs (uri-compare.txt)
# must make the same of them: the same errno, the same handle state,
# the same export name, TLS setting, TLS user and URI back, except
# where uri-compare-differences.txt says why not.  Then the URIs that
# libnbd passes over must be refused when LIBNBD_URI_STRICT=1 asks for
# that.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"

find_reference_libnbd
[ -n "$reference_libnbd" ] ||
  cannot_run "libnbd 1.22 is not built (make check-conformance builds it)"
ours=$top_builddir/lib/.libs/libnbd.so.0

# libnbd 1.22 here has TLS; a library built without it refuses what
# asks for TLS, so only the other rows compare, and the differences
# file, written for every row, is not checked for stale lines.
cases=$srcdir/uri-compare.txt
all_rows=true
if ! library_has_tls "the rows that ask for TLS"; then
  awk 'tolower($2) !~ /^nbds/ && $1 !~ /(^|,)tls-(require|allow)(,|$)/' \
    "$cases" > "$tmp/cases"
  cases=$tmp/cases
  all_rows=false
fi

# The TLS user when none is set is the login name: the same for both.
export LOGNAME=uri-compare
./uri-probe "$reference_libnbd/libnbd.so.0" < "$cases" > "$tmp/theirs"
./uri-probe "$ours" < "$cases" > "$tmp/ours"
[ -s "$tmp/ours" ]
[ "$(wc -l < "$tmp/theirs")" -eq "$(wc -l < "$tmp/ours")" ]

# Each line that differs must be one of ours that the differences
# file explains; each of its lines must still be needed.
grep -v '^#' "$srcdir/uri-compare-differences.txt" | grep . \
  > "$tmp/explained"
paste -d '\n' "$tmp/theirs" "$tmp/ours" |
  while read -r theirs && read -r mine; do
    [ "$theirs" = "$mine" ] && continue
    if ! grep -qxF -- "$mine" "$tmp/explained"; then
      echo "libnbd 1.22: $theirs" >&2
      echo "ours:        $mine" >&2
      exit 1
    fi
    echo "$mine"
  done > "$tmp/differed"
sort "$tmp/differed" > "$tmp/differed.sorted"
sort "$tmp/explained" | comm -23 - "$tmp/differed.sorted" > "$tmp/stale"
if $all_rows && [ -s "$tmp/stale" ]; then
  echo "$0: explained differences that no longer differ:" >&2
  cat "$tmp/stale" >&2
  exit 1
fi

# What strict URIs refuse, and what they still take.
LIBNBD_URI_STRICT=1 ./uri-probe "$ours" > "$tmp/strict" <<'CASES'
- nbd://127.0.0.1:1/?mystery=1
- nbd+unix:///?socket=/nonexistent/s&foo=bar
- nbd+unix:///?socket=/nonexistent/s;x=1
- nbd+unix://127.0.0.1/?socket=/nonexistent/s
- nbd://127.0.0.1:1/a%00b
- nbd+unix:///?socket=/nonexistent/a%00b
CASES
[ "$(grep -c ': errno=EINVAL unused ' "$tmp/strict")" -eq 6 ]
LIBNBD_URI_STRICT=1 ./uri-probe "$ours" > "$tmp/strict" <<'CASES'
- nbd+unix:///?socket=/nonexistent/s&tls-hostname=x
local-files nbds://127.0.0.1:1/?tls-psk-file=/k.psk&tls-verify-peer=no
CASES
[ "$(wc -l < "$tmp/strict")" -eq 2 ] && ! grep -q EINVAL "$tmp/strict"
