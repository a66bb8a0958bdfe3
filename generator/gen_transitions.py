"""Emit the one place that changes a handle's state, nbd_internal_set_state,
which allows only the moves the table in states.py lists: its fast path
for a state's own moves, inline in lib/states/set-state.h, and the rest
(moves on an outside event, and moves the table lacks) in
lib/states/transitions.c.  Also lib/states/dispatch.h, whose inline
nbd_internal_run_state, for the run loop alone, runs the current state's
function or, for a state without one, makes the move the run's event
calls for.  Both paths that run for every command are inline: they cost
a bit test and a jump."""

from states import STATES, EVENTS, ANYWHERE
from output import banner

NAMES = {s.name for s in STATES}
EVENT_NAMES = {name for name, _ in EVENTS}


def check_table():
    """Refuse a table whose moves name no state, or that leaves a state
    without a function nothing to do but wait forever."""
    for s in STATES:
        for target in s.moves + tuple(s.on.values()):
            if target not in NAMES:
                raise ValueError("states.py: %s moves to unknown state %s"
                                 % (s.name, target))
        for event in s.on:
            if event not in EVENT_NAMES:
                raise ValueError("states.py: %s names unknown event %s"
                                 % (s.name, event))
        if s.moves and not s.file:
            raise ValueError("states.py: %s has moves but no function to "
                             "make them" % s.name)


def bits(names, indent):
    """STATE_BIT (A) | STATE_BIT (B) ..., wrapped to 79 columns."""
    terms = ["STATE_BIT (%s)" % n for n in names] or ["0"]
    lines, line = [], ""
    for t in terms:
        piece = t if not line else line + " | " + t
        if line and indent + len(piece) > 77:
            lines.append(line + " |")
            line = t
        else:
            line = piece
    lines.append(line)
    return ("\n" + " " * indent).join(lines)


def set_state_header():
    """The fast path, inline: a state's own moves and death, one bit
    test.  Each move of every command goes through it."""
    if len(STATES) > 32:
        raise ValueError("states.py: more states than a uint32_t has bits")
    waiting = [s.name for s in STATES if s.direction != "none"]
    out = [banner("/*", " */"),
           "#ifndef NBD_STATES_SET_STATE_H",
           "#define NBD_STATES_SET_STATE_H",
           "",
           "#include <assert.h>",
           "#include <stdint.h>",
           "",
           '#include "internal.h"',
           "",
           "#define STATE_BIT(name) (UINT32_C (1) << STATE_##name)",
           "",
           "/* The states that wait on the socket, and must have one. */",
           "#define NBD_SOCKET_STATES \\",
           "  (%s)" % bits(waiting, 3).replace("\n", " \\\n"),
           "",
           "/* The moves each state may make by itself, death included. */",
           "static const uint32_t nbd_internal_own_moves[] = {"]
    for s in STATES:
        out += ["  [STATE_%s] =" % s.name,
                "    %s," % bits(s.moves + ANYWHERE, 4)]
    out += ["};",
            "",
            "extern void nbd_internal_set_state_rarely (struct nbd_handle *h,",
            "                                           enum state next);",
            "",
            "/* Make a move already checked against the table. */",
            "static inline void",
            "nbd_internal_make_move (struct nbd_handle *h, enum state next)",
            "{",
            "  assert (!(NBD_SOCKET_STATES & (UINT32_C (1) << next)) || "
            "h->fd >= 0);",
            "  if (h->debug && next != h->state)",
            "    debug (h, \"state %s -> %s\",",
            "           nbd_internal_state_short_string (h->state),",
            "           nbd_internal_state_short_string (next));",
            "  h->state = next;",
            "}",
            "",
            "/* Move the handle to next, as generator/states.py allows.  A",
            " * move on an outside event, or one the table lacks, is",
            " * nbd_internal_set_state_rarely's (transitions.c).",
            " */",
            "static inline void",
            "nbd_internal_set_state (struct nbd_handle *h, enum state next)",
            "{",
            "  if (!(nbd_internal_own_moves[h->state] & "
            "(UINT32_C (1) << next))) {",
            "    nbd_internal_set_state_rarely (h, next);",
            "    return;",
            "  }",
            "  nbd_internal_make_move (h, next);",
            "}",
            "",
            "#endif /* NBD_STATES_SET_STATE_H */"]
    return out


def event_moves():
    out = ["/* Whether event, during whose run the handle is, moves it from",
           " * state from to state to.",
           " */",
           "static bool",
           "event_move (enum state from, enum state to, enum event event)",
           "{",
           "  switch (from) {"]
    for s in STATES:
        if not s.on:
            continue
        terms = ["(event == EVENT_%s && to == STATE_%s)" % (e, t)
                 for e, t in s.on.items()]
        out += ["  case STATE_%s:" % s.name,
                "    return %s;" % " ||\n      ".join(terms)]
    out += ["  default:", "    return false;", "  }", "}"]
    return out


def set_state_rarely():
    return [
        "/* A move the table does not list is a bug in the library.  A",
        " * build with assertions stops there, where a debugger shows how it",
        " * came about; a build without them (NDEBUG) kills the connection",
        " * instead, with an error that says what happened.",
        " */",
        "static enum state",
        "illegal_move (struct nbd_handle *h, enum state next)",
        "{",
        "  const char *from = nbd_internal_state_short_string (h->state);",
        "  const char *to = nbd_internal_state_short_string (next);",
        "  const char *event = nbd_internal_event_name (h->event);",
        "",
        "#ifndef NDEBUG",
        "  fprintf (stderr, \"libnbd: %s: internal error: no move from %s \"",
        "           \"to %s on event %s\\n\", h->hname, from, to, event);",
        "  abort ();",
        "#else",
        "  set_error (EPROTO, \"internal error: no move from %s to %s on \"",
        "             \"event %s; the connection is closed\", from, to, "
        "event);",
        "  return STATE_DEAD;",
        "#endif",
        "}",
        "",
        "void",
        "nbd_internal_set_state_rarely (struct nbd_handle *h, enum state next)",
        "{",
        "  if (!event_move (h->state, next, h->event))",
        "    next = illegal_move (h, next);",
        "  nbd_internal_make_move (h, next);",
        "}",
    ]


def run_state():
    out = ["/* Run the current state: 0 when it moved on, 1 when it waits, -1",
           " * when it failed.  A state without a function waits, unless the",
           " * run's event moves it.",
           " */",
           "static inline int",
           "nbd_internal_run_state (struct nbd_handle *h)",
           "{",
           "  switch (h->state) {"]
    for s in STATES:
        if s.file:
            out += ["  case STATE_%s:" % s.name,
                    "    return nbd_internal_state_%s (h);" % s.name]
        elif s.on:
            out += ["  case STATE_%s:" % s.name]
            for event, target in s.on.items():
                out += ["    if (h->event == EVENT_%s) {" % event,
                        "      nbd_internal_set_state (h, STATE_%s);"
                        % target,
                        "      return 0;",
                        "    }"]
            out += ["    return 1;"]
    out += ["  default:", "    return 1;", "  }", "}"]
    return out


def generate(version):
    del version  # the same for every release
    check_table()
    head = [banner("/*", " */"), "", "#include <config.h>", ""]
    moves = head + ["#include <assert.h>", "#include <errno.h>",
                    "#include <stdbool.h>", "#include <stdio.h>",
                    "#include <stdlib.h>", "", '#include "internal.h"',
                    '#include "states/set-state.h"', ""]
    moves += event_moves() + [""] + set_state_rarely()
    dispatch = [banner("/*", " */"), "#ifndef NBD_STATES_DISPATCH_H",
                "#define NBD_STATES_DISPATCH_H", "",
                '#include "internal.h"', '#include "states/set-state.h"',
                ""] + run_state() + ["", "#endif /* NBD_STATES_DISPATCH_H */"]
    return {"lib/states/set-state.h": "\n".join(set_state_header() + [""]),
            "lib/states/transitions.c": "\n".join(moves + [""]),
            "lib/states/dispatch.h": "\n".join(dispatch + [""])}
