#!/usr/bin/env python3
"""Calls between source files that go round in a circle.

    call-cycles.py OBJECT...

Each object file stands for its source file.  An object that uses a
symbol another defines (as nm(1) lists them) calls into that file.
Every group of files that call each other round in a circle is
printed, with the calls between them, and the exit status is 1 if
there is one."""

import collections
import os
import re
import subprocess
import sys


def source_name(obj):
    """lib/states/.libs/libnbd_core_la-reply.o -> states/reply.c"""
    base = re.sub(r"^.*_la-", "", os.path.basename(obj))[:-2] + ".c"
    parent = os.path.basename(os.path.dirname(os.path.dirname(obj)))
    return base if parent == "lib" else parent + "/" + base


def read_symbols(objects):
    defined, used = {}, collections.defaultdict(set)
    for obj in objects:
        name = source_name(obj)
        out = subprocess.run(["nm", obj], check=True, text=True,
                             stdout=subprocess.PIPE).stdout
        for line in out.splitlines():
            fields = line.split()
            if len(fields) == 3 and fields[1] in "TDBR":
                defined[fields[2]] = name
            elif len(fields) == 2 and fields[0] == "U":
                used[name].add(fields[1])
    return defined, used


def call_graph(defined, used):
    graph = collections.defaultdict(set)
    for caller, symbols in used.items():
        for symbol in symbols:
            callee = defined.get(symbol)
            if callee and callee != caller:
                graph[caller].add(callee)
    return graph


def circles(graph, files):
    """Strongly connected groups of more than one file (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while not group or group[-1] != v:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                groups.append(sorted(group))

    for f in sorted(files):
        if f not in index:
            visit(f)
    return groups


def main():
    defined, used = read_symbols(sys.argv[1:])
    graph = call_graph(defined, used)
    files = set(defined.values()) | set(used)
    groups = circles(graph, files)
    for group in groups:
        print("call cycle between %s:" % ", ".join(group))
        for f in group:
            print("  %s calls %s" % (f, ", ".join(
                sorted(g for g in graph[f] if g in group))))
    sys.exit(1 if groups else 0)


main()
