"""State of the handle: the calls that tell which state the handle is in."""

from apitypes import Call, RBool, RStaticString

CALLS = [
Call(
    "aio_is_created", "1.0",
    args=[],
    ret=RBool,
    summary="check if the handle has not started connecting yet",
    description="""
Return true while the handle is still as nbd_create(3) made it: no
connection has been asked for.  This is the time to configure it (the
export name, TLS, metadata contexts, option mode and so on) before
starting a connection with a call such as nbd_connect_uri(3) or
nbd_aio_connect(3).

As soon as a connection attempt begins the handle leaves this state
and never comes back to it, even if the attempt fails.

The handle is always in exactly one of the states that
nbd_aio_is_created(3), nbd_aio_is_connecting(3),
nbd_aio_is_negotiating(3), nbd_aio_is_ready(3),
nbd_aio_is_processing(3), nbd_aio_is_closed(3) and nbd_aio_is_dead(3)
test for.
""",
    see_also=["nbd_create(3)", "nbd_aio_connect(3)",
              "nbd_aio_is_connecting(3)", "nbd_connection_state(3)",
              "libnbd(3)"],
),
Call(
    "aio_is_connecting", "1.0",
    args=[],
    ret=RBool,
    summary="check if the handle is connecting or handshaking",
    description="""
Return true while the handle is setting up its connection: opening
the socket, going through the initial handshake with the server,
negotiating options (TLS among them) on its own, or carrying out an
option request that the caller started in option mode.

It turns false once the handle reaches the ready state
(nbd_aio_is_ready(3)), stops to let the caller choose the next option
in option mode (nbd_aio_is_negotiating(3)), or fails
(nbd_aio_is_dead(3)).  Asynchronous code therefore usually starts a
connection, runs its loop until this returns false, and then checks
which of those states was reached.
""",
    see_also=["nbd_aio_is_ready(3)", "nbd_aio_is_negotiating(3)",
              "nbd_aio_is_dead(3)", "nbd_aio_connect(3)", "nbd_poll(3)",
              "libnbd(3)"],
),
Call(
    "aio_is_negotiating", "1.4",
    args=[],
    ret=RBool,
    summary="check if the handle waits for the next option request",
    description="""
Return true when the handshake has paused so that the caller can
choose the next option request, such as nbd_opt_list(3),
nbd_opt_info(3), nbd_opt_go(3) or nbd_opt_abort(3), or their
asynchronous forms.  Configuration that is normally fixed before
connecting, the export name for one, can also be changed here.

Starting an option request moves the handle back to the connecting
state (nbd_aio_is_connecting(3)) until the server's answer has been
dealt with.  After that it comes back to this state, except when
nbd_opt_go(3) succeeded, which leads to the ready state, or after
nbd_opt_abort(3), which ends the connection.  A failed nbd_opt_go(3)
on a live connection returns here, so another export can be tried.

The state exists only when option mode was enabled with
nbd_set_opt_mode(3) before connecting, and only with newstyle servers;
with an oldstyle server there is nothing to negotiate and the handle
goes straight on to nbd_aio_is_ready(3).
""",
    see_also=["nbd_set_opt_mode(3)", "nbd_aio_is_connecting(3)",
              "nbd_aio_is_ready(3)", "nbd_opt_go(3)", "nbd_opt_abort(3)",
              "nbd_opt_list(3)", "libnbd(3)"],
),
Call(
    "aio_is_ready", "1.0",
    args=[],
    ret=RBool,
    summary="check if the handle is connected and idle",
    description="""
Return true when the handshake is over, the handle is in the
transmission phase, and it is not in the middle of sending a request
or reading a reply.  The handle is ready to take new commands.

Idle here describes the library, not the server: commands sent
earlier may still be outstanding at the server (see
nbd_aio_in_flight(3)), with the handle waiting for their replies.
While it is sending or receiving, nbd_aio_is_processing(3) is true
instead; commands may be issued in both states.

The synchronous connect calls return once this state is reached,
unless option mode stops them earlier in nbd_aio_is_negotiating(3).
""",
    see_also=["nbd_aio_is_processing(3)", "nbd_aio_is_connecting(3)",
              "nbd_aio_in_flight(3)", "nbd_aio_get_direction(3)",
              "libnbd(3)"],
),
Call(
    "aio_is_processing", "1.0",
    args=[],
    ret=RBool,
    summary="check if the handle is busy sending or receiving",
    description="""
Return true when the handle is connected, past the handshake, and
part-way through writing a request to the server or reading a reply
from it.

This does not include the ready state (nbd_aio_is_ready(3)), where
the library is idle even though the server may still be working on
commands in flight.  Both states belong to the transmission phase and
both accept new commands.
""",
    see_also=["nbd_aio_is_ready(3)", "nbd_aio_in_flight(3)",
              "libnbd(3)"],
),
Call(
    "aio_is_dead", "1.0",
    args=[],
    ret=RBool,
    summary="check if the connection failed for good",
    description="""
Return true when the connection has hit a fatal error, for example a
connect that failed, a broken socket, a TLS failure or a server that
broke the protocol.  Commands that were still outstanding are reported
as failed.

A dead handle cannot be repaired or connected again.  The only thing
left to do with it is to release it with nbd_close(3); a new handle is
needed to try again.  The message of the call that failed remains
available from nbd_get_error(3) in the thread that made it.

Compare nbd_aio_is_closed(3), for a connection that ended cleanly.
""",
    see_also=["nbd_aio_is_closed(3)", "nbd_close(3)", "nbd_get_error(3)",
              "libnbd(3)"],
),
Call(
    "aio_is_closed", "1.0",
    args=[],
    ret=RBool,
    summary="check if the connection has been shut down",
    description="""
Return true once the connection has ended in an orderly way, for
example after nbd_shutdown(3), after nbd_aio_disconnect(3) once the
server has closed its end, or after nbd_opt_abort(3).

A closed handle cannot be connected again.  To talk to a server once
more, release it with nbd_close(3) and create a new handle.

A connection that ended because of an error is reported by
nbd_aio_is_dead(3) instead.
""",
    see_also=["nbd_shutdown(3)", "nbd_aio_disconnect(3)",
              "nbd_aio_is_dead(3)", "nbd_close(3)", "libnbd(3)"],
),
Call(
    "connection_state", "1.0",
    args=[],
    ret=RStaticString,
    summary="describe the handle's internal state in words",
    description="""
Return a short human-readable text giving the name of the internal
state the handle's state machine is in, such as `START` for a handle
that has not started connecting, followed by a few words explaining
it.

The text is meant for people: debugging output, logs and error
reports.  The internal states and their wording are not part of the
stable interface and may differ between versions, so programs should
neither parse the text nor make decisions based on it.  To test the
state in code, use nbd_aio_is_created(3) and the other nbd_aio_is_
predicates.
""",
    see_also=["nbd_aio_is_created(3)", "nbd_aio_is_connecting(3)",
              "nbd_aio_is_ready(3)", "nbd_aio_is_dead(3)",
              "nbd_set_debug(3)", "libnbd(3)"],
),
]
