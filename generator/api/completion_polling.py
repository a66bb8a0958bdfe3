"""Completion and polling: the calls that tell which commands have
completed, and those that drive the handle's socket."""

from apitypes import (
    CONNECTED, CLOSED, DEAD, Call, Int, UInt64, Fd, RErr, RBool, RInt, RFd,
    RInt64, RDirection,
)
from .shared import OUT_OF_MEMORY_ERROR, SOCKET_DRIVING_ERRORS, load_example

CALLS = [
Call(
    "poll", "1.0",
    args=[Int("timeout")],
    ret=RInt,
    may_block=True,
    summary="wait once for activity on the handle and process it",
    description="""
Performs one step of a simple event loop for a single handle, built on
poll(2).  The call finds out which direction the handle is waiting for
(as nbd_aio_get_direction(3) reports), waits on the handle's socket for
up to *timeout* milliseconds, and if the socket became ready it moves
the state machine forward, as nbd_aio_notify_read(3) or
nbd_aio_notify_write(3) would.  Callbacks, such as completion
callbacks of asynchronous commands, are therefore run from inside this
call.  The synchronous calls of the library are built on the same
mechanism.

*timeout* is in milliseconds; 0 only checks and never waits, and -1
waits without limit.  Use -1 with care: if nothing is expected to
happen, for example when the handle is connected but no command is in
flight, the call blocks forever.  The usual pattern is to call it in a
loop that tests a condition such as nbd_aio_is_ready(3),
nbd_aio_command_completed(3) or nbd_aio_in_flight(3).

It is intended for small programs and as a model of how to drive a
handle.  Programs with their own main loop should instead watch the
descriptor from nbd_aio_get_fd(3) and call the notify functions
themselves.  To be able to wake up a thread blocked in this call, see
nbd_poll2(3).

When a signal interrupts poll(2) (`EINTR`), the call returns 0, as if
*timeout* had expired, so that the caller can look at what the signal
changed and call again.  Other failures of poll(2) make the call fail
with their errno.  A failure inside the state machine, such as a lost
connection, also makes it return -1 and usually leaves the handle
dead.

Calling it when the handle is not waiting for its socket, for example
before connecting or while negotiating in option mode with no option
request in progress, fails at once instead of waiting forever.
""",
    returns="""
The call returns 1 when the socket was ready and the handle made
progress, and 0 when *timeout* expired first.
""",
    errors=[
        ("EINVAL", "The handle is not waiting for its socket: no connection "
         "has been started, it is negotiating with no option in progress, or "
         "it is closed or dead."),
    ] + SOCKET_DRIVING_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_poll2(3)", "nbd_aio_get_fd(3)",
              "nbd_aio_get_direction(3)", "nbd_aio_notify_read(3)",
              "nbd_aio_notify_write(3)", "nbd_aio_in_flight(3)",
              "nbd_aio_command_completed(3)", "nbd_aio_is_ready(3)",
              "poll(2)", "libnbd(3)"],
),
Call(
    "poll2", "1.16",
    args=[Fd("fd"), Int("timeout")],
    ret=RInt,
    may_block=True,
    summary="wait once for activity on the handle or an extra fd",
    description="""
Behaves like nbd_poll(3), but also watches one more file descriptor,
*fd*, for readability (`POLLIN`) in the same poll(2) call.  The point
is to be able to interrupt a thread that is waiting in this call, for
example with a long or infinite *timeout*: another thread writes to an
eventfd(2) or a pipe passed as *fd*, and the waiting thread returns so
that it can submit new commands or shut down.

The library never reads from *fd* or closes it; when it has become
readable the caller has to drain it (read the eventfd counter, empty
the pipe), otherwise the next call returns at once again.  A negative
*fd* is ignored, which makes the call equivalent to nbd_poll(3).

*timeout* is in milliseconds, with 0 meaning do not wait and -1 meaning
no limit.  Errors are reported as for nbd_poll(3).
""",
    returns="""
The call returns 1 when the wait ended because of activity, either on
the handle's socket (which is then processed) or on *fd*; it does not
say which, so check *fd* yourself.  It returns 0 when *timeout*
expired.
""",
    errors=[
        ("EINVAL", "The handle is not waiting for its socket: no connection "
         "has been started, it is negotiating with no option in progress, or "
         "it is closed or dead."),
    ] + SOCKET_DRIVING_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_poll(3)", "nbd_aio_get_fd(3)", "eventfd(2)",
              "pipe(2)", "poll(2)", "libnbd(3)"],
),
Call(
    "aio_get_fd", "1.0",
    args=[],
    ret=RFd,
    summary="get the socket descriptor to watch in an event loop",
    description="""
Return the file descriptor of the socket over which the handle talks
to the server.  A program that runs its own event loop (poll(2),
epoll(7), a GLib or libev loop, ...) adds this descriptor to the set
it waits on, next to its own descriptors, instead of letting the
library block in nbd_poll(3).

The library keeps ownership of the descriptor, which is in
non-blocking mode.  Only wait for events on it: never read from it,
write to it, close it or change its flags.  Which events to wait for
is given by nbd_aio_get_direction(3); when the loop sees one, report
it with nbd_aio_notify_read(3) or nbd_aio_notify_write(3), which do
all the actual input and output.

Before a connection has been started there is no socket and the call
fails.  While connecting, the library may try several addresses in
turn (a host name can resolve to more than one), each on a fresh
socket, so fetch the descriptor again on every turn of the loop rather
than holding on to an old value.
""",
    errors=[
        ("EINVAL", "The handle has no socket at the moment, for example "
         "because no connection has been started yet."),
    ],
    example=load_example("aio_get_fd.c"),
    see_also=["nbd_aio_get_direction(3)", "nbd_aio_notify_read(3)",
              "nbd_aio_notify_write(3)", "nbd_poll(3)", "poll(2)",
              "libnbd(3)"],
),
Call(
    "aio_get_direction", "1.0",
    args=[],
    ret=RDirection,
    summary="tell which socket events the handle is waiting for",
    description="""
Report which socket events the handle needs next, so that a
caller-run event loop knows what to wait for on the descriptor from
nbd_aio_get_fd(3).  The answer is one of:

- 0: the handle has no business with the socket right now, for
  example because no connection has been started, or it is closed or
  dead.  Waiting on the socket would be pointless; progress, if any,
  has to come from another call, such as one that starts a connection.
- `LIBNBD_AIO_DIRECTION_READ` (1): wait until the socket is readable
  (`POLLIN` for poll(2)); when `POLLIN` or `POLLHUP` comes back, call
  nbd_aio_notify_read(3).
- `LIBNBD_AIO_DIRECTION_WRITE` (2): wait until it is writable
  (`POLLOUT`), then call nbd_aio_notify_write(3).
- `LIBNBD_AIO_DIRECTION_BOTH` (3): either event will do (`POLLIN`
  together with `POLLOUT`).  If the loop reports both at once, make
  only the nbd_aio_notify_read(3) call: handling the server's reply
  first can change whether anything is left to write.

The answer changes as the handle moves between states, so ask again
before every wait, and once more after it, before choosing which
notify call to make, because another thread may have moved the handle
on in the meantime.

Once the handle is connected and idle (nbd_aio_is_ready(3)) the
answer is `LIBNBD_AIO_DIRECTION_READ`, even when no command is in
flight (nbd_aio_in_flight(3) is 0).  A single-threaded program gains
nothing by waiting then, since the server will not send anything
before it gets a command.  When one thread waits while other threads
issue commands, those threads need a way to wake the waiting one, for
example a self-pipe that the loop also watches, or a signal sent with
pthread_kill(3) that is unblocked only inside ppoll(2), because a new
command can change the events to wait for.

A command issued while earlier ones wait for their replies is held
back, so that all those issued before the handle next runs reach the
server in one system call.  While any are held the answer is
`LIBNBD_AIO_DIRECTION_BOTH`: the socket is writable at once, and the
notify call that follows sends them.  nbd_poll(3), nbd_poll2(3) and
the synchronous calls send them before they wait, and while another
thread waits in one of those, nothing is held at all.  Reading the next
reply sends them too, so a loop that only ever waits for reading still
gets every reply, only later.

The example in nbd_aio_get_fd(3) shows a complete loop.
""",
    see_also=["nbd_aio_get_fd(3)", "nbd_aio_notify_read(3)",
              "nbd_aio_notify_write(3)", "nbd_aio_is_ready(3)",
              "nbd_aio_in_flight(3)", "nbd_poll(3)", "poll(2)",
              "ppoll(2)", "libnbd(3)"],
),
Call(
    "aio_notify_read", "1.0",
    args=[],
    ret=RErr,
    summary="tell the handle that its socket is readable",
    description="""
Tell the handle that its socket (see nbd_aio_get_fd(3)) has become
readable, normally because the caller's event loop saw `POLLIN` or
`POLLHUP` on it while nbd_aio_get_direction(3) included
`LIBNBD_AIO_DIRECTION_READ`.

The handle then runs its state machine as far as it can without
blocking: it reads what the server sent, writes anything that became
due, and returns when the socket would block again.  Commands that
finish on the way have their callbacks run from inside this call,
with the handle locked.

The socket is non-blocking, so a notification that turns out to be
premature is harmless: the handle finds nothing to read and returns
0.  If reading fails, or the server sends something the library cannot
read past, the connection becomes dead (nbd_aio_is_dead(3)), its
outstanding commands fail, and this call returns -1.  A reply that is
well framed but wrong only fails the command it answers.

Most programs that do not have their own event loop can use
nbd_poll(3) instead, which waits and notifies in one call.  See the
example in nbd_aio_get_fd(3).
""",
    errors=[
        ("EINVAL", "The handle is in a state in which it expects no input "
         "from the socket, for example because no connection has been "
         "started."),
    ] + SOCKET_DRIVING_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_aio_notify_write(3)", "nbd_aio_get_direction(3)",
              "nbd_aio_get_fd(3)", "nbd_poll(3)", "libnbd(3)"],
),
Call(
    "aio_notify_write", "1.0",
    args=[],
    ret=RErr,
    summary="tell the handle that its socket is writable",
    description="""
Tell the handle that its socket (see nbd_aio_get_fd(3)) has become
writable, normally because the caller's event loop saw `POLLOUT` on it
while nbd_aio_get_direction(3) included `LIBNBD_AIO_DIRECTION_WRITE`.

The handle then sends as much of its pending output (connection
setup, handshake and option requests, command headers and write
payloads) as the socket accepts, carries on with any further work the
state machine can do without blocking, and returns.  Callbacks of
commands that finish on the way run from inside this call.

As the socket is non-blocking, an early notification does no harm.  A
write error moves the connection to the dead state
(nbd_aio_is_dead(3)) and the call returns -1.

When both reading and writing are possible, prefer
nbd_aio_notify_read(3).  See the example in nbd_aio_get_fd(3).
""",
    errors=[
        ("EINVAL", "The handle is in a state in which it has nothing to "
         "write, for example because no connection has been started."),
    ] + SOCKET_DRIVING_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_aio_notify_read(3)", "nbd_aio_get_direction(3)",
              "nbd_aio_get_fd(3)", "nbd_poll(3)", "libnbd(3)"],
),
Call(
    "aio_command_completed", "1.0",
    args=[UInt64("cookie")],
    ret=RBool,
    summary="check whether a command has finished, and retire it",
    description="""
Check on the command whose *cookie* was returned by an asynchronous
call such as nbd_aio_pread(3).  There are three outcomes:

- 1 (true): the command finished successfully.  It is now retired:
  the handle forgets it, and the cookie will not be reported again.
- 0 (false): the command has not finished yet.  Let the handle make
  progress (nbd_poll(3), nbd_aio_notify_read(3), ...) and ask again.
  The answer is also false for a cookie the handle does not know,
  such as one already retired.
- -1: the command finished and failed.  It is retired too, and
  nbd_get_errno(3) and nbd_get_error(3) describe the failure; when the
  server refused the command, the errno corresponds to the error it
  sent.

Each command has to be retired once, either here or by its completion
callback returning 1; until then it keeps holding memory in the
handle, up to nbd_close(3).  For a command that its completion
callback retires, do not wait for this call to return true: it never
will, because the cookie is already gone.  Wait for the callback, or
for nbd_aio_in_flight(3) to drop, instead.

To find out which command finished first without naming a cookie,
use nbd_aio_peek_command_completed(3).
""",
    returns="""
The command's outcome is the answer: true means success, and -1 means
that the command, or this call, failed.
""",
    errors=[
        ("EIO", "The command finished and failed because the server reported "
         "an error.  Other errors it sends, such as `ENOSPC` or `EPERM`, and "
         "errno values that a chunk or extent callback stored before "
         "returning -1, are reported in the same way."),
        ("EPROTO", "The command failed because the server's reply broke the "
         "protocol, or a callback returned -1 without storing an error "
         "value."),
        ("ENOTCONN", "The command failed because the connection was lost or "
         "closed before its reply arrived, or it was dropped unsent by "
         "nbd_shutdown(3) with `LIBNBD_SHUTDOWN_ABANDON_PENDING`."),
    ],
    see_also=["nbd_aio_peek_command_completed(3)", "nbd_aio_in_flight(3)",
              "nbd_aio_pread(3)", "nbd_poll(3)", "libnbd(3)"],
),
Call(
    "aio_peek_command_completed", "1.0",
    args=[],
    ret=RInt64,
    summary="find a finished command that awaits retirement",
    description="""
Look for a command that has finished but has not been retired yet,
without retiring it.  The call returns the cookie of such a command
(the oldest one if there are several), or 0 when commands are still
outstanding but none of them has finished.

It does not say whether the command succeeded.  Pass the cookie to
nbd_aio_command_completed(3) to learn that and to retire it.  This is
handy when many commands are in flight and the caller simply wants to
deal with whichever ends next, without trying every cookie in turn.

When the handle has no commands at all, neither outstanding nor
waiting to be retired, the call fails, since there is nothing to wait
for.
""",
    returns="""
Unlike most calls that return a cookie, this one can also return 0,
meaning that commands are outstanding but none has finished yet.
""",
    errors=[
        ("EINVAL", "The handle has no commands, neither in flight nor "
         "waiting to be retired."),
    ],
    see_also=["nbd_aio_command_completed(3)", "nbd_aio_in_flight(3)",
              "libnbd(3)"],
),
Call(
    "aio_in_flight", "1.0",
    args=[],
    ret=RInt,
    states=(CONNECTED, CLOSED, DEAD,),
    summary="count the commands still waiting for the server",
    description="""
Return how many asynchronous commands have not yet received their
final reply: those queued but not yet sent, and those sent and waiting
for the server.  Commands that have finished but are waiting to be
retired (see nbd_aio_command_completed(3)) are not counted.

Programs use it to cap the number of requests they keep outstanding,
or to run their loop until everything has drained before
disconnecting.

Asking the server to disconnect with nbd_aio_disconnect(3) or
nbd_shutdown(3) does not wait for these commands.  If the server then
closes the connection without answering them, they are reported by
nbd_aio_command_completed(3) as failed with `ENOTCONN`.  Once the
handle is closed or dead, there is nothing left in flight and the
answer is normally 0.
""",
    see_also=["nbd_aio_command_completed(3)",
              "nbd_aio_peek_command_completed(3)",
              "nbd_aio_disconnect(3)", "nbd_shutdown(3)", "libnbd(3)"],
),
]
