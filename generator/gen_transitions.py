"""Emit lib/states/transitions.c, the one place that changes a handle's
state: nbd_internal_set_state, which allows only the moves the table in
states.py lists; and lib/states/dispatch.c, whose nbd_internal_run_state
runs the current state's function or, for a state without one, makes
the move the run's event calls for.  They are two files because the
states call the first and the second calls the states."""

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


def allowed_moves():
    out = ["/* Whether the table lets a handle in state from move to state to",
           " * during a run for event.  Any state may die.",
           " */",
           "static bool",
           "move_allowed (enum state from, enum state to, enum event event)",
           "{"]
    out += ["  if (%s)" % " || ".join("to == STATE_%s" % t for t in ANYWHERE),
            "    return true;",
            "  switch (from) {"]
    for s in STATES:
        terms = ["to == STATE_%s" % t for t in s.moves]
        terms += ["(event == EVENT_%s && to == STATE_%s)" % (e, t)
                  for e, t in s.on.items()]
        if not terms:
            continue
        out += ["  case STATE_%s:" % s.name,
                "    return %s;" % " ||\n      ".join(terms)]
    out += ["  default:", "    return false;", "  }", "}"]
    return out


def uses_socket():
    waiting = [s for s in STATES if s.direction != "none"]
    out = ["#ifndef NDEBUG",
           "/* A state that waits on the socket must have one. */",
           "static bool",
           "uses_socket (enum state state)",
           "{",
           "  switch (state) {"]
    out += ["  case STATE_%s:" % s.name for s in waiting]
    out += ["    return true;", "  default:", "    return false;", "  }",
            "}", "#endif"]
    return out


def set_state():
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
        "nbd_internal_set_state (struct nbd_handle *h, enum state next)",
        "{",
        "  if (!move_allowed (h->state, next, h->event))",
        "    next = illegal_move (h, next);",
        "  assert (!uses_socket (next) || h->fd >= 0);",
        "  if (h->debug && next != h->state)",
        "    debug (h, \"state %s -> %s\",",
        "           nbd_internal_state_short_string (h->state),",
        "           nbd_internal_state_short_string (next));",
        "  h->state = next;",
        "}",
    ]


def run_state():
    out = ["/* Run the current state: 0 when it moved on, 1 when it waits, -1",
           " * when it failed.  A state without a function waits, unless the",
           " * run's event moves it.",
           " */",
           "int",
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
                    "#include <stdlib.h>", "", '#include "internal.h"', ""]
    moves += allowed_moves() + [""] + uses_socket() + [""] + set_state()
    dispatch = head + ['#include "internal.h"', ""] + run_state()
    return {"lib/states/transitions.c": "\n".join(moves + [""]),
            "lib/states/dispatch.c": "\n".join(dispatch + [""])}
