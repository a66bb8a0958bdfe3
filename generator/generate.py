#!/usr/bin/env python3
"""Run every emitter and write their files below the build directory given
as the first argument; the second is the package version.  Output depends
only on the tables and the version, so two runs give byte-identical
files."""

import os
import sys

import gen_api_c
import gen_header
import gen_man
import gen_state_graph
import gen_states
import gen_syms
import gen_transitions
import gen_unlocked
from output import write_if_changed

EMITTERS = [gen_header, gen_api_c, gen_unlocked, gen_syms, gen_states,
            gen_transitions, gen_state_graph, gen_man]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: generate.py TOP_BUILDDIR VERSION")
    top, version = sys.argv[1:]
    for emitter in EMITTERS:
        for path, text in sorted(emitter.generate(version).items()):
            write_if_changed(os.path.join(top, path), text)


if __name__ == "__main__":
    main()
