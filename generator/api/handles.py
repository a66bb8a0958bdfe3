"""Creating, naming and closing handles: the calls that make and free a
handle, and those that attach a name or the caller's data to it."""

from apitypes import (
    Call, UIntPtr, String, RErr, RSizeT, RUIntPtr, RString, RHandle, RVoid,
)
from .shared import COPY_OUT_OF_MEMORY_ERROR, load_example

CALLS = [
Call(
    "close", "1.0",
    args=[],
    ret=RVoid,
    locks=False,
    summary="close a handle and free all of its resources",
    description="""
Destroys the handle.  If the handle has a connection, its socket is
closed, and everything the handle owns is released.  Once this call
returns, the pointer is no longer valid and must not be passed to any
other call.

It is fine to pass NULL: the call then does nothing.  Error paths can
therefore call nbd_close(3) without first checking whether
nbd_create(3) succeeded.

Closing is abrupt: no disconnect request goes to the server first.  To
end a session politely, so that the server knows no more requests are
coming and can flush its data, call nbd_shutdown(3) before closing.
Commands that are still queued or in flight are abandoned and their
results are lost.  The free functions of every callback still held by
the handle, whether attached to a command or installed with
nbd_set_debug_callback(3), are called during the close.  If the handle
started the server as a subprocess, for example with
nbd_connect_command(3), the library waits for that process to exit
after closing the socket.

Unlike almost every other call, this one does not take the handle's
lock.  The caller must make sure that no other thread is using the
handle, or may still use it, when it is closed.
""",
    example=load_example("close.c"),
    see_also=["nbd_create(3)", "nbd_shutdown(3)", "nbd_aio_disconnect(3)",
              "nbd_connect_command(3)", "nbd_set_debug_callback(3)",
              "libnbd(3)"],
),
Call(
    "create", "1.0",
    args=[],
    ret=RHandle,
    has_handle=False,
    summary="create a new, unconnected handle",
    description="""
Allocates a new handle and returns a pointer to it.  Nearly every other
call in the library takes such a handle as its first argument.

A handle stands for one connection to one NBD server.  A new handle is
not connected: it is in the created state, where settings such as the
export name (nbd_set_export_name(3)), TLS (nbd_set_tls(3)) or option
mode (nbd_set_opt_mode(3)) can be chosen before one of the connect
calls, for instance nbd_connect_uri(3) or nbd_connect_tcp(3), is made.
A handle connects only once; to reach another server, or to connect
again after the connection has ended, create a fresh handle.

Every new handle receives a name for its debug messages which is
unique within the process: `"nbd1"` for the first, `"nbd2"` for the
next and so on (see nbd_set_handle_name(3)).  Debugging starts out
disabled, unless the environment variable `LIBNBD_DEBUG` holds exactly
the string `1` at the time of this call, in which case it starts out
enabled (see nbd_set_debug(3)).

Several threads may share one handle, since the library serialises the
calls made on it.  When the handle is no longer needed, release it with
nbd_close(3).
""",
    returns="""
Since nbd_get_error(3) and nbd_get_errno(3) need no handle, they can
report why this call failed even though no handle exists.
""",
    errors=[("ENOMEM", "there was not enough memory for the handle")],
    example=load_example("create.c"),
    see_also=["nbd_close(3)", "nbd_get_error(3)", "nbd_get_errno(3)",
              "nbd_set_handle_name(3)", "nbd_set_debug(3)",
              "nbd_connect_uri(3)", "nbd_connect_tcp(3)",
              "nbd_set_opt_mode(3)", "libnbd(3)"],
),
Call(
    "set_handle_name", "1.0",
    args=[String("handle_name")],
    ret=RErr,
    summary="give a handle a name for its debug messages",
    description="""
Replaces the name of the handle with a copy of *handle_name*.  The name
only serves to tell handles apart in debug output (see
nbd_set_debug(3)); it has no effect on the connection and is never sent
to the server.

By default each handle gets a generated name that is unique within the
process: `"nbd1"` for the first handle created, `"nbd2"` for the
second, and so on.  A program that drives several connections at once
may prefer names that mean something to it, such as the disk or server
behind each handle, so that interleaved debug output is easier to
follow.  The library does not check that names chosen this way are
unique.
""",
    errors=[("ENOMEM", "there was not enough memory to copy the name")],
    see_also=["nbd_get_handle_name(3)", "nbd_set_debug(3)",
              "nbd_set_debug_callback(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_handle_name", "1.0",
    args=[],
    ret=RString,
    summary="return the name of a handle",
    description="""
Returns a copy of the name of the handle: the one given with
nbd_set_handle_name(3) if there was one, or else the generated default,
such as `"nbd1"` or `"nbd2"`, that nbd_create(3) assigned to the
handle.
""",
    errors=[COPY_OUT_OF_MEMORY_ERROR],
    see_also=["nbd_set_handle_name(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_private_data", "1.8",
    args=[UIntPtr("private_data")],
    ret=RUIntPtr,
    summary="store a value of your own in a handle",
    description="""
Every handle has one field reserved for the application, which the
library keeps but never looks at.  This call puts *private_data* into
that field and returns what was there before.

The field is a `uintptr_t`, so it can hold either an unsigned integer
or a pointer converted to an integer.  It is a convenient way to reach
your own per-connection state from code that only has the handle.
(Bindings for other languages may only allow an integer.)

The library does nothing with the value when the handle is closed.  If
it refers to memory you allocated, fetch it with
nbd_get_private_data(3) and release that memory yourself.
""",
    returns="""
The previous value of the field, which is 0 if it was never set.  This
call cannot fail.
""",
    see_also=["nbd_get_private_data(3)", "nbd_create(3)", "nbd_close(3)",
              "libnbd(3)"],
),
Call(
    "get_private_data", "1.8",
    args=[],
    ret=RUIntPtr,
    summary="return the value kept in a handle's private field",
    description="""
Returns the application value last stored with nbd_set_private_data(3).
The library never changes this field by itself, and a new handle starts
with 0.
""",
    returns="""
The stored value, or 0 if none has been set.  This call cannot fail.
""",
    see_also=["nbd_set_private_data(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_handle_size", "1.24",
    args=[],
    ret=RSizeT,
    summary="estimate how much memory a handle holds",
    description="""
Returns an estimate, in bytes, of the memory that the handle holds at
this moment: the handle itself, the strings it keeps (the export name,
the TLS settings and the like), its send and receive buffers, the
commands it has queued, in flight or completed but not yet retired, and
what it learned from the server, such as meta contexts.

The figure is meant for language bindings with a garbage collector, to
tell the collector how much an unreferenced handle is worth reclaiming.
It moves as the handle is used: it grows while many commands are
queued, and falls again when they retire or the connection closes.
Memory kept inside the TLS library or the URI parser, and buffers that
belong to the caller (such as those passed to nbd_aio_pread(3)), are not
counted.
""",
    see_also=["nbd_create(3)", "nbd_close(3)", "nbd_aio_in_flight(3)",
              "libnbd(3)"],
),
]
