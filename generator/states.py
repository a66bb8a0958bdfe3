"""The state table of a handle's state machine.

Each state is a C function nbd_internal_state_<NAME> in lib/states/<file>,
which either moves the handle to another state and says so, or says it
must wait: for the socket (the state's direction) or for the caller (a
state with no direction).  A state without a function only waits for an
outside event, and moves as its table entry says.  The moves listed are
the only ones nbd_internal_set_state allows; docs/state-graph.dot draws
them.  Each state belongs to one of the public
situations (created, connecting, negotiating, ready, processing, closed,
dead); the nbd_aio_is_* predicates, nbd_aio_get_direction and the
permitted-state checks of the entry points are derived from that."""

from dataclasses import dataclass, field


@dataclass
class State:
    name: str           # C enumerator is STATE_<name>
    file: str           # lib/states/<file>.c holds its function, if any
    situation: str      # created, connecting, negotiating, ready,
                        # processing, closed, dead
    direction: str      # what it waits for on the socket: none, read,
                        # write, both, or one that a function works out
                        # (DYNAMIC_DIRECTIONS)
    description: str    # what nbd_connection_state reports
    moves: tuple = ()   # the states its function may move to
    on: dict = field(default_factory=dict)
                        # event: state, the moves an outside event
                        # makes; taken by the generated dispatch, and
                        # legal only during a run for that event


# Why the machine runs (nbd_internal_run's argument).  An event concerns
# the state the run began in and lapses at the first move, except
# COMMAND, which lasts the run: all of it is on behalf of the call that
# queued a command (see lib/states/run.c).
EVENTS = [
    ("NONE", "carry on with what is already due"),
    ("CONNECTED", "a connect call has a connected socket"),
    ("CONNECTING", "a connect call has a socket still connecting"),
    ("RESOLVED", "a connect call resolved a host to addresses to try"),
    ("OPTION", "the caller asked for an option in option mode"),
    ("COMMAND", "the caller queued a command: send, leave replies"),
    ("READABLE", "the socket was found readable"),
    ("WRITABLE", "the socket was found writable"),
]

# Every state may die: that move is not listed.
ANYWHERE = ("DEAD",)

# Where an option's reply may send negotiation: the option's next
# reply, the next option (or the same option again, for the export
# after its meta contexts), the TLS handshake, or the end.
OPTION_NEXT = ("RECV_OPTION_REPLY", "SEND_OPTION", "TLS_HANDSHAKE",
               "CHOOSE_OPTION", "NEGOTIATING", "READY")

# Where a reply's header leads: its data, the rest of a structured or
# extended header, or (an error, or nothing more) the end of the reply.
# After a disconnect the server may close the connection at any point
# of a reply, which closes the handle cleanly.
REPLY_HEAD = ("RECV_SIMPLE_DATA", "RECV_REPLY_REST", "READY", "CLOSED")

STATES = [
    State("START", "connect", "created", "none",
          "the handle exists and no connection has been asked for",
          on={"CONNECTED": "RECV_GREETING", "CONNECTING": "CONNECTING",
              "RESOLVED": "CONNECT_NEXT_ADDRESS"}),

    State("CONNECTING", "connect", "connecting", "write",
          "waiting for the socket's connection to complete",
          moves=("RECV_GREETING", "CONNECT_NEXT_ADDRESS")),
    State("CONNECT_NEXT_ADDRESS", "connect", "connecting", "none",
          "trying the next address the host name resolved to",
          moves=("CONNECTING", "RECV_GREETING", "START")),

    State("RECV_GREETING", "greeting", "connecting", "read",
          "reading the server's first sixteen bytes",
          moves=("RECV_GFLAGS", "RECV_OLDSTYLE")),
    State("RECV_OLDSTYLE", "greeting", "connecting", "read",
          "reading the rest of an oldstyle server's greeting",
          moves=("READY",)),
    State("RECV_GFLAGS", "greeting", "connecting", "read",
          "reading a newstyle server's handshake flags",
          moves=("CHOOSE_OPTION",)),

    State("CHOOSE_OPTION", "options", "connecting", "none",
          "choosing the next option to negotiate",
          moves=("SEND_OPTION", "SEND_CFLAGS", "NEGOTIATING")),
    State("SEND_CFLAGS", "options", "connecting", "write",
          "sending the client's handshake flags, with no option after them",
          moves=("CHOOSE_OPTION",)),
    State("SEND_OPTION", "options", "connecting", "write",
          "sending an option request",
          moves=("RECV_OPTION_REPLY", "RECV_EXPORT_NAME_REPLY", "CLOSED")),
    State("RECV_OPTION_REPLY", "options", "connecting", "read",
          "reading the header of an option reply",
          moves=("RECV_OPTION_PAYLOAD", "RECV_OPTION_SKIP")),
    State("RECV_OPTION_PAYLOAD", "options", "connecting", "read",
          "reading the payload of an option reply",
          moves=OPTION_NEXT),
    State("RECV_OPTION_SKIP", "options", "connecting", "read",
          "dropping an option reply too long to be of use",
          moves=OPTION_NEXT),
    State("RECV_EXPORT_NAME_REPLY", "options", "connecting", "read",
          "reading the export's details after NBD_OPT_EXPORT_NAME",
          moves=("READY",)),
    State("TLS_HANDSHAKE", "tls-handshake", "connecting", "tls",
          "the TLS handshake after the server agreed to NBD_OPT_STARTTLS",
          moves=("CHOOSE_OPTION", "NEGOTIATING")),

    State("NEGOTIATING", "", "negotiating", "none",
          "in option mode, waiting for the caller's next option",
          on={"OPTION": "SEND_OPTION"}),

    State("READY", "ready", "ready", "read",
          "connected and waiting for a command",
          moves=("SEND_REQUEST", "AWAIT_REPLY", "RECV_REPLY", "CLOSED")),
    State("SEND_REQUEST", "issue", "processing", "both",
          "sending a command's request and any data it carries",
          moves=("READY", "AWAIT_REPLY", "CLOSED")),
    State("AWAIT_REPLY", "reply", "processing", "reply",
          "waiting for a reply, with requests held back to send first",
          moves=("SEND_REQUEST", "RECV_REPLY") + REPLY_HEAD),
    State("RECV_REPLY", "reply", "processing", "read",
          "reading the rest of a reply's first bytes",
          moves=REPLY_HEAD),
    State("RECV_REPLY_REST", "chunk", "processing", "read",
          "reading the rest of a structured or extended reply header",
          moves=("RECV_CHUNK_OFFSET", "RECV_CHUNK_PAYLOAD",
                 "RECV_CHUNK_SKIP", "READY", "CLOSED")),
    State("RECV_SIMPLE_DATA", "reply", "processing", "read",
          "reading the data of a simple reply to a read",
          moves=("READY", "CLOSED")),
    State("RECV_CHUNK_OFFSET", "chunk", "processing", "read",
          "reading where a chunk of read data belongs",
          moves=("RECV_CHUNK_DATA", "RECV_CHUNK_SKIP", "READY", "CLOSED")),
    State("RECV_CHUNK_DATA", "chunk", "processing", "read",
          "reading a chunk of read data into the caller's buffer",
          moves=("READY", "CLOSED")),
    State("RECV_CHUNK_PAYLOAD", "chunk", "processing", "read",
          "reading the payload of a structured reply chunk",
          moves=("RECV_CHUNK_SKIP", "READY", "CLOSED")),
    State("RECV_CHUNK_SKIP", "reply", "processing", "read",
          "dropping the rest of a reply chunk that cannot be used",
          moves=("READY", "CLOSED")),

    State("CLOSED", "", "closed", "none",
          "the connection was shut down cleanly"),
    State("DEAD", "", "dead", "none",
          "the connection failed and the handle can only be closed"),
]

# Directions known only at run time, and the function that knows.
DYNAMIC_DIRECTIONS = {
    "tls": "nbd_internal_tls_direction",        # the TLS library says
    "reply": "nbd_internal_reply_direction",    # reading, maybe sending
}

SITUATIONS = ("created", "connecting", "negotiating", "ready",
              "processing", "closed", "dead")

# The handle states a call's table entry names (api/), each the
# situations it stands for: the API knows ready and processing as one,
# "connected".  Every situation is in exactly one.
CALL_STATES = {
    "created": ("created",),
    "connecting": ("connecting",),
    "negotiating": ("negotiating",),
    "connected": ("ready", "processing"),
    "closed": ("closed",),
    "dead": ("dead",),
}
assert sorted(s for group in CALL_STATES.values() for s in group) == \
    sorted(SITUATIONS)
