"""Errors and debugging: the last error of the thread, and the handle's
debug messages."""

from apitypes import Call, Bool, Closure, RErr, RBool, RStaticString, RErrno
from .shared import load_example

CALLS = [
Call(
    "get_error", "1.0",
    args=[],
    ret=RStaticString,
    has_handle=False,
    summary="return the message of the last error in this thread",
    description="""
Returns the text that describes the most recent failure of a library
call made by the calling thread.  Error details are stored per thread,
not per handle, which is why this call takes no handle; it works just
as well after nbd_create(3) has failed and there is no handle at all.

Call it straight after the call that failed, from the same thread.  The
string belongs to the library: do not free it, and do not use it once
the thread has made another library call, which may replace or release
it.  To keep the text longer, copy it, for example with strdup(3).

Successful calls do not clear the stored message, so it only tells
something after a call has signalled failure through its return value.
The errno value recorded with the same failure is available from
nbd_get_errno(3).
""",
    returns="""
The message, or NULL if no library call has failed yet in this thread.
This call itself never fails.
""",
    see_also=["nbd_get_errno(3)", "nbd_create(3)", "strdup(3)",
              "libnbd(3)"],
),
Call(
    "get_errno", "1.0",
    args=[],
    ret=RErrno,
    has_handle=False,
    summary="return the errno of the last error in this thread",
    description="""
Returns the errno(3) value recorded with the most recent failure of a
library call in the calling thread.  Like nbd_get_error(3), it reads
per-thread state and needs no handle, so it must be called from the
thread that saw the failure, before that thread makes any other library
call.

Often the number is simply what a failing system call reported, but the
library also uses it to classify errors of its own.  Common values are:

- `EINVAL`: an argument was invalid, the handle was in the wrong state
  for the call, or a request broke the server's block size
  constraints.
- `ENOTCONN`: the handle has not been connected yet.
- `ENOTSUP`: the feature is missing, either from this build of the
  library (TLS, for example) or from the server.
- `ENOMEM`: the library ran out of memory.
- `ERANGE`: a request was too large, such as a read longer than a
  single command may carry.
- `EFAULT`: a pointer argument that must not be NULL was NULL.  (A
  callback whose function is NULL gives `EINVAL` instead, as in
  libnbd.)

A value of 0 after a failed call does not mean the call worked; it only
means that no errno value was attached to that error.  Successful calls
leave the stored value alone, so look at it only after a call has
reported failure.
""",
    returns="""
The recorded errno value, or 0 if there is none.  This call never
fails, so it does not return -1.
""",
    see_also=["nbd_get_error(3)", "errno(3)", "libnbd(3)"],
),
Call(
    "set_debug", "1.0",
    args=[Bool("debug")],
    ret=RErr,
    summary="turn debug messages on or off for a handle",
    description="""
Sets the debug flag of the handle to *debug*.  While the flag is true,
the library emits a stream of diagnostic messages: a trace of each API
call with its arguments and result, the transitions of the connection
state machine, and other internal events.  Without a debug callback
these lines are written to standard error, each tagged with the handle
name (see nbd_set_handle_name(3)); once nbd_set_debug_callback(3) has
installed a callback, the messages are handed to it instead.

The flag is false on a new handle, except that nbd_create(3) turns it
on when the environment variable `LIBNBD_DEBUG` is set to exactly `1`.
Debugging can be switched on and off at any time, in any state.
""",
    see_also=["nbd_get_debug(3)", "nbd_set_debug_callback(3)",
              "nbd_clear_debug_callback(3)", "nbd_set_handle_name(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_debug", "1.0",
    args=[],
    ret=RBool,
    summary="find out whether debugging is enabled on a handle",
    description="""
Reports the debug flag of the handle: true when debug messages are
being produced, false when they are not.  The flag is changed with
nbd_set_debug(3); its starting value depends on the `LIBNBD_DEBUG`
environment variable at the time the handle was made (see
nbd_create(3)).  Whether a debug callback is installed makes no
difference to the result.
""",
    see_also=["nbd_set_debug(3)", "nbd_set_debug_callback(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_debug_callback", "1.0",
    args=[Closure("debug_callback", "debug")],
    ret=RErr,
    summary="send debug messages to a function of your own",
    description="""
Installs a function which receives the debug messages of the handle
instead of standard error, for example to pass them on to a logging
system.  The function is only called while debugging is enabled (see
nbd_set_debug(3)); installing it does not enable debugging by itself.

The argument *debug_callback* is a struct with three fields:

- `callback`: the function, called as
  `callback (user_data, context, msg)`.  `context` tells where the
  message comes from, normally the name of the API call that was
  running, such as `nbd_connect_uri`; `msg` is the text of the message,
  without a trailing newline.  Both strings are only valid during the
  call, so copy them to keep them.  The return value of the function is
  ignored.
- `user_data`: any pointer you like, passed back as the first argument
  on each call.
- `free`: a function called with `user_data` once the library has
  finished with the callback, or NULL.  That happens when a later call
  to this function replaces the callback, when
  nbd_clear_debug_callback(3) removes it, or when nbd_close(3) closes
  the handle.

A handle holds at most one debug callback; installing a new one
releases the old one as just described.

The function may run while the handle's lock is held, from within
nearly any call on the handle.  It must not call anything in the
library on the same handle, since that would deadlock.
""",
    example=load_example("set_debug_callback.c"),
    see_also=["nbd_clear_debug_callback(3)", "nbd_set_debug(3)",
              "nbd_get_debug(3)", "nbd_set_handle_name(3)",
              "nbd_create(3)", "nbd_close(3)", "libnbd(3)"],
),
Call(
    "clear_debug_callback", "1.0",
    args=[],
    ret=RErr,
    summary="remove the debug callback from a handle",
    description="""
Detaches the function installed with nbd_set_debug_callback(3) and
calls its `free` function, if it has one.  If debugging is still
enabled, messages then go back to standard error.  When no callback is
installed, the call changes nothing and succeeds.
""",
    see_also=["nbd_set_debug_callback(3)", "nbd_set_debug(3)",
              "nbd_create(3)", "libnbd(3)"],
),
]
