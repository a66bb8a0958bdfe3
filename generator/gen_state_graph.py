"""Emit docs/state-graph.dot: the state machine as Graphviz draws it, one
box per state, grouped by the public situation it belongs to, one arrow
per move the table allows, labelled with the event when an outside event
makes it.  Moves to DEAD, which every state may make, are left out."""

from states import STATES, SITUATIONS
from output import banner


def generate(version):
    del version  # the same for every release
    out = [banner("/*", " */"), "digraph states {",
           "  rankdir=TB;",
           "  node [shape=box, fontname=\"sans\"];"]
    for sit in SITUATIONS:
        members = [s for s in STATES if s.situation == sit]
        out += ["  subgraph cluster_%s {" % sit,
                "    label=\"%s\";" % sit]
        out += ["    %s;" % s.name for s in members]
        out += ["  }"]
    for s in STATES:
        out += ["  %s -> %s;" % (s.name, t) for t in s.moves]
        out += ["  %s -> %s [label=\"%s\", style=dashed];"
                % (s.name, t, e.lower()) for e, t in s.on.items()]
    out += ["}", ""]
    return {"docs/state-graph.dot": "\n".join(out)}
