"""The state table of a handle's state machine.

Each state belongs to one of the public situations of apitypes.py
(created, connecting, negotiating, ready/processing, closed, dead); the
nbd_aio_is_* predicates and the permitted-state checks of the entry points
are derived from that, never written by hand.  States are added here as
the parts of the machine that use them are built."""

from dataclasses import dataclass


@dataclass
class State:
    name: str           # C enumerator is STATE_<name>
    situation: str      # created, connecting, negotiating, ready,
                        # processing, closed, dead
    description: str    # what nbd_connection_state reports
    direction: str = "none"   # what the state waits for on the socket:
                              # none, read, write or both


STATES = [
    State("START", "created",
          "the handle exists and no connection has been asked for"),
    State("DEAD", "dead",
          "the connection failed and the handle can only be closed"),
    State("CLOSED", "closed",
          "the connection was shut down cleanly"),
]

SITUATIONS = ("created", "connecting", "negotiating", "ready",
              "processing", "closed", "dead")
