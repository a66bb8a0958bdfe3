#!/bin/sh -
# Every EXAMPLE section of the per-call pages must compile against the
# header just generated, so that a reader who copies one gets working
# code.  An example is either all C, or text around C indented by four
# spaces; the C is compiled after the standard headers the examples
# lean on.  Callbacks often ignore a parameter, so that is not an error.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

PYTHONDONTWRITEBYTECODE=1 "$PYTHON" - "$top_srcdir/generator" "$dir" <<'END'
import sys
sys.path.insert(0, sys.argv[1])
import api

PREAMBLE = "".join("#include <%s>\n" % h for h in (
    "err.h", "errno.h", "inttypes.h", "poll.h", "stdbool.h", "stddef.h",
    "stdint.h", "stdio.h", "stdlib.h", "string.h", "unistd.h", "libnbd.h"))

def c_code(example):
    text = example.strip("\n")
    if text.startswith(("#", "/*", "//")):
        return text
    return "\n".join(line[4:] for line in text.split("\n")
                     if line.startswith("    ") or line == "")

for call in api.CALLS:
    if call.example:
        with open("%s/%s.c" % (sys.argv[2], call.name), "w") as f:
            f.write(PREAMBLE + c_code(call.example) + "\n")
END

status=0
for source in "$dir"/*.c; do
  $CC -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror \
      -I"$top_builddir/include" -c "$source" -o "$dir/out.o" ||
    { echo "$0: the example of nbd_$(basename "$source" .c) does not" \
           "compile" >&2; status=1; }
done
exit $status
