"""Emit lib/states.h: the state and event enums, their names and the
predicates that tell which public situation a state belongs to.  The
moves between states are gen_transitions.py's."""

from states import STATES, SITUATIONS, DYNAMIC_DIRECTIONS, EVENTS
from output import banner

DIRECTIONS = {
    "read": "LIBNBD_AIO_DIRECTION_READ",
    "write": "LIBNBD_AIO_DIRECTION_WRITE",
    "both": "LIBNBD_AIO_DIRECTION_BOTH",
}


def generate(version):
    del version  # the same for every release
    out = [banner("/*", " */"), "#ifndef NBD_STATES_H",
           "#define NBD_STATES_H", "", "#include <stdbool.h>", "",
           '#include "libnbd.h"', "",
           "enum state {"]
    out += ["  STATE_%s," % s.name for s in STATES]
    out += ["};", "", "/* Why the machine runs: see generator/states.py. */",
            "enum event {"]
    out += ["  EVENT_%s,%s/* %s */" % (name, " " * (11 - len(name)), what)
            for name, what in EVENTS]
    out += ["};", "",
            "static inline const char *",
            "nbd_internal_event_name (enum event event)",
            "{",
            "  switch (event) {"]
    out += ['  case EVENT_%s: return "%s";' % (name, name)
            for name, _ in EVENTS]
    out += ["  }", '  return "UNKNOWN";', "}", "",
            "static inline const char *",
            "nbd_internal_state_short_string (enum state state)",
            "{",
            "  switch (state) {"]
    for s in STATES:
        out += ['  case STATE_%s: return "%s";' % (s.name, s.name)]
    out += ["  }", '  return "UNKNOWN";', "}", "",
            "static inline const char *",
            "nbd_internal_state_description (enum state state)",
            "{",
            "  switch (state) {"]
    for s in STATES:
        out += ['  case STATE_%s: return "%s: %s";'
                % (s.name, s.name, s.description)]
    out += ["  }", '  return "UNKNOWN: not a known state";', "}", "",
            "struct nbd_handle;"]
    out += ["extern unsigned %s (struct nbd_handle *h);" % fn
            for fn in DYNAMIC_DIRECTIONS.values()]
    out += ["",
            "/* What the handle's state waits for: a LIBNBD_AIO_DIRECTION_*",
            " * mask.  A TLS handshake knows only at each step which way it",
            " * is going, and a handle waiting for a reply may also have",
            " * requests to send.",
            " */",
            "static inline unsigned",
            "nbd_internal_state_direction (struct nbd_handle *h,",
            "                              enum state state)",
            "{",
            "  switch (state) {"]
    for s in STATES:
        if s.direction in DYNAMIC_DIRECTIONS:
            out += ["  case STATE_%s: return %s (h);"
                    % (s.name, DYNAMIC_DIRECTIONS[s.direction])]
        elif s.direction != "none":
            out += ["  case STATE_%s: return %s;"
                    % (s.name, DIRECTIONS[s.direction])]
    out += ["  default: (void) h; return 0;", "  }", "}"]
    for sit in SITUATIONS:
        members = [s for s in STATES if s.situation == sit]
        out += ["", "static inline bool",
                "nbd_internal_is_state_%s (enum state state)" % sit, "{"]
        if not members:
            out += ["  (void) state;", "  return false;", "}"]
            continue
        out += ["  switch (state) {"]
        out += ["  case STATE_%s:" % s.name for s in members]
        out += ["    return true;", "  default:", "    return false;",
                "  }", "}"]
    out += [""]
    out += ["extern int nbd_internal_state_%s (struct nbd_handle *h);"
            % s.name for s in STATES if s.file]
    out += ["", "#endif /* NBD_STATES_H */", ""]
    return {"lib/states.h": "\n".join(out)}
