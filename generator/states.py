"""The state table of a handle's state machine.

Each state is a C function nbd_internal_state_<NAME> in lib/states/<file>,
which either moves the handle to another state and says so, or says it
must wait: for the socket (the state's direction) or for the caller (a
state with no direction).  Each state belongs to one of the public
situations (created, connecting, negotiating, ready, processing, closed,
dead); the nbd_aio_is_* predicates, nbd_aio_get_direction and the
permitted-state checks of the entry points are derived from that."""

from dataclasses import dataclass


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


STATES = [
    State("START", "", "created", "none",
          "the handle exists and no connection has been asked for"),

    State("CONNECTING", "connect", "connecting", "write",
          "waiting for the socket's connection to complete"),
    State("CONNECT_NEXT_ADDRESS", "connect", "connecting", "none",
          "trying the next address the host name resolved to"),

    State("RECV_GREETING", "greeting", "connecting", "read",
          "reading the server's first sixteen bytes"),
    State("RECV_OLDSTYLE", "greeting", "connecting", "read",
          "reading the rest of an oldstyle server's greeting"),
    State("RECV_GFLAGS", "greeting", "connecting", "read",
          "reading a newstyle server's handshake flags"),
    State("SEND_CFLAGS", "greeting", "connecting", "write",
          "sending the client's handshake flags"),

    State("CHOOSE_OPTION", "options", "connecting", "none",
          "choosing the next option to negotiate"),
    State("SEND_OPTION", "options", "connecting", "write",
          "sending an option request"),
    State("RECV_OPTION_REPLY", "options", "connecting", "read",
          "reading the header of an option reply"),
    State("RECV_OPTION_PAYLOAD", "options", "connecting", "read",
          "reading the payload of an option reply"),
    State("RECV_OPTION_SKIP", "options", "connecting", "read",
          "dropping an option reply too long to be of use"),
    State("RECV_EXPORT_NAME_REPLY", "options", "connecting", "read",
          "reading the export's details after NBD_OPT_EXPORT_NAME"),
    State("TLS_HANDSHAKE", "tls-handshake", "connecting", "tls",
          "the TLS handshake after the server agreed to NBD_OPT_STARTTLS"),

    State("NEGOTIATING", "", "negotiating", "none",
          "in option mode, waiting for the caller's next option"),

    State("READY", "ready", "ready", "read",
          "connected and waiting for a command"),
    State("SEND_REQUEST", "issue", "processing", "both",
          "sending a command's request and any data it carries"),
    State("RECV_REPLY", "reply", "processing", "reply",
          "reading the start of a reply"),
    State("RECV_REPLY_REST", "chunk", "processing", "read",
          "reading the rest of a structured or extended reply header"),
    State("RECV_SIMPLE_DATA", "reply", "processing", "read",
          "reading the data of a simple reply to a read"),
    State("RECV_CHUNK_OFFSET", "chunk", "processing", "read",
          "reading where a chunk of read data belongs"),
    State("RECV_CHUNK_DATA", "chunk", "processing", "read",
          "reading a chunk of read data into the caller's buffer"),
    State("RECV_CHUNK_PAYLOAD", "chunk", "processing", "read",
          "reading the payload of a structured reply chunk"),
    State("RECV_CHUNK_SKIP", "reply", "processing", "read",
          "dropping the rest of a reply chunk that cannot be used"),

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

# The handle states a call's table entry names (api.py), each the
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
