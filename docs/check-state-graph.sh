#!/bin/sh -
# The drawing of the state machine (state-graph.dot, from the table in
# generator/states.py) must be a graph Graphviz can draw, and a sound
# machine: every state reachable from START, and every state but the
# two ends able to leave.  (Any state may also die; the drawing leaves
# those moves out.)
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

graph="$builddir/state-graph.dot"
if test "$DOT" = no; then
  echo "$0: Graphviz (dot) is not installed" >&2
  exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
$DOT -Tsvg -o "$out" "$graph"
grep -q '<svg' "$out"

"$PYTHON" - "$graph" <<'END'
import re
import sys

text = open(sys.argv[1]).read()
nodes = set(re.findall(r"^    (\w+);$", text, re.M))
edges = re.findall(r"^  (\w+) -> (\w+)", text, re.M)
assert "START" in nodes and "READY" in nodes, "the graph has no states"
for a, b in edges:
    assert a in nodes and b in nodes, "a move names no state: %s -> %s" % (a, b)
seen, todo = {"START"}, ["START"]
while todo:
    here = todo.pop()
    for a, b in edges:
        if a == here and b not in seen:
            seen.add(b)
            todo.append(b)
unreached = nodes - seen - {"DEAD"}
assert not unreached, "not reachable from START: %s" % sorted(unreached)
stuck = {n for n in nodes if not any(a == n for a, _ in edges)}
assert stuck == {"CLOSED", "DEAD"}, "states with no way out: %s" % sorted(stuck)
print("%d states, %d moves" % (len(nodes), len(edges)))
END
