#!/bin/sh -
# The table of example programs (generator/examples.py) against the
# programs themselves and the pages made from it: each program must
# exist and call every call listed for it, the page of each such call
# must point at the program, and libnbd(3) must list it.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

table=$(PYTHONDONTWRITEBYTECODE=1 "$PYTHON" -c '
import sys
sys.path.insert(0, sys.argv[1])
import examples
for program, summary, calls in examples.EXAMPLES:
    print(program, " ".join(calls))
' "$top_srcdir/generator")
if test -z "$table"; then
  echo "$0: generator/examples.py lists no examples" >&2
  exit 1
fi

status=0
echo "$table" | {
  while read -r program calls; do
    source=$top_srcdir/examples/$program.c
    if ! test -f "$source"; then
      echo "$0: $source does not exist" >&2
      status=1
      continue
    fi
    for call in $calls; do
      grep -Eq "(^|[^A-Za-z0-9_])nbd_$call[[:space:]]*\(" "$source" ||
        { echo "$0: $source does not call nbd_$call" >&2; status=1; }
      grep -q "examples/$program\.c" "$builddir/nbd_$call.3" ||
        { echo "$0: nbd_$call.3 does not point at examples/$program.c" >&2
          status=1; }
    done
    grep -q "^\\\\fBexamples/$program\\.c\\\\fR\$" "$builddir/libnbd.3" ||
      { echo "$0: libnbd.3 does not list examples/$program.c" >&2
        status=1; }
  done
  exit $status
}
