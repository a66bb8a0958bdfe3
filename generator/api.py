"""The API table: every public call of the library, with the enums, flag
sets, constants and callback types the calls use.  Everything the public
header, the entry points, the version script and the man pages say about
a call comes from its entry here.

Documentation strings use a small markup that gen_man.py turns into
man(7): blank lines separate paragraphs; `code` is set in bold and *arg*
in italics; a line starting "- " begins a bullet item (indent its
continuation lines by two spaces); lines indented by four spaces are a
literal block; nbd_foo(3) style references are made bold."""

from apitypes import (
    ALL_STATES, CREATED, CONNECTING, NEGOTIATING, CONNECTED, CLOSED, DEAD,
    Enum, FlagSet, Call,
    Bool, Int, UInt32, UInt64, SizeT, UIntPtr, Fd, String, StringList,
    EnumArg, FlagsArg, Buffer, SockAddr, Closure,
    RErr, RBool, RInt, RFd, REnum, RInt64, RCookie, RSizeT, RUInt32Flags,
    RUInt64Count, RUIntPtr, RDirection, RStaticString, RString, RHandle,
    RVoid, RErrno,
)

# ---------------------------------------------------------------- enums

TLS = Enum("tls", [
    ("LIBNBD_TLS_DISABLE", 0, "never use TLS"),
    ("LIBNBD_TLS_ALLOW", 1, "use TLS when the server offers it, "
     "otherwise carry on in plain text"),
    ("LIBNBD_TLS_REQUIRE", 2, "insist on TLS; fail the connection "
     "rather than go without it"),
])

BLOCK_SIZE = Enum("size_type", [
    ("LIBNBD_SIZE_MINIMUM", 0, "the smallest block the server can handle"),
    ("LIBNBD_SIZE_PREFERRED", 1, "the block size the server works best with"),
    ("LIBNBD_SIZE_MAXIMUM", 2, "the largest request the server accepts"),
    ("LIBNBD_SIZE_PAYLOAD", 3, "the largest data payload the server accepts"),
])

ENUMS = [TLS, BLOCK_SIZE]

# ---------------------------------------------------------------- flags

CMD_FLAGS = FlagSet("cmd_flag", [
    ("LIBNBD_CMD_FLAG_FUA", 0x01, "force unit access: the data is on "
     "stable storage before the reply"),
    ("LIBNBD_CMD_FLAG_NO_HOLE", 0x02, "write zeroes as allocated data, "
     "not as a hole"),
    ("LIBNBD_CMD_FLAG_DF", 0x04, "send the read back in one piece, "
     "not fragmented"),
    ("LIBNBD_CMD_FLAG_REQ_ONE", 0x08, "a block status reply of one "
     "extent is enough"),
    ("LIBNBD_CMD_FLAG_FAST_ZERO", 0x10, "fail at once unless zeroing "
     "is faster than writing"),
    ("LIBNBD_CMD_FLAG_PAYLOAD_LEN", 0x20, "the request carries a payload "
     "whose length is in the header"),
], "LIBNBD_CMD_FLAG_MASK", strict_guarded=True)

HANDSHAKE_FLAGS = FlagSet("handshake_flag", [
    ("LIBNBD_HANDSHAKE_FLAG_FIXED_NEWSTYLE", 0x01, "the fixed newstyle "
     "handshake, which tolerates unknown options"),
    ("LIBNBD_HANDSHAKE_FLAG_NO_ZEROES", 0x02, "leave out the 124 bytes "
     "of padding after NBD_OPT_EXPORT_NAME"),
], "LIBNBD_HANDSHAKE_FLAG_MASK")

STRICT_FLAGS = FlagSet("strict_flag", [
    ("LIBNBD_STRICT_COMMANDS", 0x01, "refuse commands the server did "
     "not advertise"),
    ("LIBNBD_STRICT_FLAGS", 0x02, "refuse command flags that are unknown "
     "or do not belong to the command"),
    ("LIBNBD_STRICT_BOUNDS", 0x04, "refuse requests that reach past the "
     "end of the export"),
    ("LIBNBD_STRICT_ZERO_SIZE", 0x08, "refuse requests of length zero"),
    ("LIBNBD_STRICT_ALIGN", 0x10, "refuse requests not aligned to the "
     "server's minimum block size"),
    ("LIBNBD_STRICT_PAYLOAD", 0x20, "refuse write payloads larger than "
     "the server's limit"),
    ("LIBNBD_STRICT_AUTO_FLAG", 0x40, "add flags the protocol requires "
     "automatically, such as the payload length flag"),
], "LIBNBD_STRICT_MASK")

ALLOW_TRANSPORT = FlagSet("allow_transport", [
    ("LIBNBD_ALLOW_TRANSPORT_TCP", 0x01, "TCP/IP URIs (nbd:, nbds:)"),
    ("LIBNBD_ALLOW_TRANSPORT_UNIX", 0x02, "Unix socket URIs (nbd+unix:)"),
    ("LIBNBD_ALLOW_TRANSPORT_VSOCK", 0x04, "AF_VSOCK URIs (nbd+vsock:)"),
    ("LIBNBD_ALLOW_TRANSPORT_SSH", 0x08, "URIs tunnelled over ssh "
     "(nbd+ssh:)"),
], "LIBNBD_ALLOW_TRANSPORT_MASK")

SHUTDOWN_FLAGS = FlagSet("shutdown", [
    ("LIBNBD_SHUTDOWN_ABANDON_PENDING", 0x10000, "drop commands that are "
     "queued but not yet sent"),
], "LIBNBD_SHUTDOWN_MASK")

FLAGSETS = [CMD_FLAGS, HANDSHAKE_FLAGS, STRICT_FLAGS, ALLOW_TRANSPORT,
            SHUTDOWN_FLAGS]

# ------------------------------------------------------------- constants
# (C name, C literal, meaning)

CONSTANTS = [
    ("LIBNBD_AIO_DIRECTION_READ", "1", "waiting for the socket to be "
     "readable"),
    ("LIBNBD_AIO_DIRECTION_WRITE", "2", "waiting for the socket to be "
     "writable"),
    ("LIBNBD_AIO_DIRECTION_BOTH", "3", "waiting for either"),
    ("LIBNBD_READ_DATA", "1", "a chunk of data"),
    ("LIBNBD_READ_HOLE", "2", "a run of zeroes the server left out"),
    ("LIBNBD_READ_ERROR", "3", "an error the server reported for part "
     "of a read"),
    ("LIBNBD_NAMESPACE_BASE", '"base:"', "the namespace of the "
     "protocol's own contexts"),
    ("LIBNBD_CONTEXT_BASE_ALLOCATION", '"base:allocation"', "holes and "
     "zeroes"),
    ("LIBNBD_STATE_HOLE", "1", "base:allocation: not allocated"),
    ("LIBNBD_STATE_ZERO", "2", "base:allocation: reads as zeroes"),
    ("LIBNBD_NAMESPACE_QEMU", '"qemu:"', "the namespace of qemu's "
     "contexts"),
    ("LIBNBD_CONTEXT_QEMU_DIRTY_BITMAP", '"qemu:dirty-bitmap:"',
     "prefix of a qemu dirty bitmap context"),
    ("LIBNBD_CONTEXT_QEMU_ALLOCATION_DEPTH", '"qemu:allocation-depth"',
     "how deep in a backing chain data lives"),
    ("LIBNBD_STATE_DIRTY", "1", "qemu:dirty-bitmap: the block changed"),
]

# ------------------------------------------------------------- callbacks
# Every callback struct holds the function, the caller's pointer handed
# back to it, and a free function called once the library is done with it.
# (struct kind, the function's parameters after user_data)

CALLBACKS = [
    ("chunk", ["const void *subbuf", "size_t count", "uint64_t offset",
               "unsigned status", "int *error"]),
    ("completion", ["int *error"]),
    ("debug", ["const char *context", "const char *msg"]),
    ("extent", ["const char *metacontext", "uint64_t offset",
                "uint32_t *entries", "size_t nr_entries", "int *error"]),
    ("extent64", ["const char *metacontext", "uint64_t offset",
                  "nbd_extent *entries", "size_t nr_entries",
                  "int *error"]),
    ("list", ["const char *name", "const char *description"]),
    ("context", ["const char *name"]),
]

# ------------------------------------------------------------- the calls

# Errors that several calls share, listed once here and added to the
# ERRORS section of each page they apply to.

# The exchange of one option with the server went wrong on the wire.
OPTION_WIRE_ERRORS = [
    ("ENOMEM", "there was not enough memory to build the request"),
    ("ECONNRESET", "the server closed the connection before it had "
     "answered; other errors of the socket, such as `EPIPE`, are passed "
     "on as they are"),
    ("EPROTO", "the server's answer broke the protocol; the handle is "
     "then dead"),
    ("ENOTCONN", "the connection was lost while the option was in "
     "progress, for example by a call in another thread"),
]

# The server refused NBD_OPT_GO or NBD_OPT_INFO; the errno tells why.
EXPORT_REFUSAL_ERRORS = [
    ("ENOENT", "the server has no export of the requested name"),
    ("EPERM", "the server's policy forbids the export to this client, or "
     "the server wants TLS first"),
    ("EINVAL", "the server found the request invalid, or serves the "
     "export only to clients that honour its block sizes (see "
     "nbd_set_request_block_size(3))"),
    ("ESHUTDOWN", "the server is shutting down"),
    ("EOPNOTSUPP", "the server cannot provide the export on its platform"),
    ("ERANGE", "the server found the request too big"),
    ("EPROTO", "the server refused for a reason this library does not "
     "know, or wants extended headers first"),
]

# Setting up TLS while connecting, or in nbd_opt_starttls.
TLS_SETUP_ERRORS = [
    ("EPERM", "the TLS handshake failed, for example because the "
     "server's certificate is not trusted or the keys did not match"),
    ("EIO", "the TLS certificates could not be loaded, or the TLS "
     "session could not be set up"),
    ("ENOENT", "the pre-shared key file does not exist, has no key for "
     "the username, or no username could be found (see "
     "nbd_get_tls_username(3)); other errors from opening the file, "
     "such as `EACCES`, are passed on as they are"),
    ("EINVAL", "the key found in the pre-shared key file is not valid"),
]

# Everything after the socket is connected: the handshake, done by the
# library on its own unless option mode stops it early.
HANDSHAKE_ERRORS = [
    ("ECONNRESET", "the server closed the connection during the "
     "handshake, which is also how a server without `NBD_OPT_GO` "
     "refuses an export; other errors of the socket, such as `EPIPE`, "
     "are passed on as they are"),
    ("EPROTO", "the peer is not an NBD server, or its answers broke the "
     "protocol"),
    ("ENOTSUP", "TLS is required by nbd_set_tls(3), but the server "
     "cannot or will not provide it"),
] + EXPORT_REFUSAL_ERRORS + TLS_SETUP_ERRORS + [
    ("ENOMEM", "there was not enough memory"),
    ("ENOTCONN", "the connection failed without a more specific error, "
     "for example in a call made by another thread"),
]

# Out of memory, in any call that allocates.
OUT_OF_MEMORY_ERROR = ("ENOMEM", "The library ran out of memory.")

# A getter could not allocate the copy of the string it returns.
COPY_OUT_OF_MEMORY_ERROR = ("ENOMEM",
                            "there was not enough memory for the copy")

# Export facts asked for in option mode before nbd_opt_info succeeded.
NO_EXPORT_YET_ERROR = (
    "EINVAL", "The handle is negotiating in option mode and the server "
    "has not described an export yet; call nbd_opt_info(3) first.")

# A blocking option call on a server without the fixed newstyle handshake.
NO_FIXED_NEWSTYLE_ERROR = (
    "ENOTSUP", "the server does not speak the fixed newstyle handshake, "
    "so the option cannot be sent safely")

# The same, for the option calls that only queue the option.
AIO_NO_FIXED_NEWSTYLE_ERROR = (
    "ENOTSUP", "The server does not use the fixed newstyle handshake, so "
    "it cannot be sent this option.")

# A blocking option call the server refused or cannot be sent.
OPTION_REFUSED_ERROR = (
    "ENOTSUP", "the server refused the request, in which case the message "
    "from nbd_get_error(3) gives its reason, or does not speak the fixed "
    "newstyle handshake, so the option cannot be sent safely")

# The connection broke while the calls that drive the socket ran.
SOCKET_DRIVING_ERRORS = [
    ("ECONNRESET", "The server closed the connection unexpectedly.  Other "
     "errno values from poll(2), or from reading or writing the socket, are "
     "passed on in the same way."),
    ("EPROTO", "The server sent something the library cannot read past, "
     "which ends the connection."),
]

# Checks made before a data command is sent to the server.

# A read asked for more than the library reads in one command.
READ_TOO_LONG_ERROR = ("ERANGE", "*count* is larger than 64 MiB, the most "
                       "the library reads in one command.")


def strict_flags_error(command):
    """The strict check of the flags a data command takes; *command* names
    the command in the text, as in "a read" or "block status"."""
    return ("EINVAL", "*flags* holds a flag that %s does not take; checked "
            "while `LIBNBD_STRICT_FLAGS` is set." % command)


# A read asked for LIBNBD_CMD_FLAG_DF which the server does not support.
DF_UNSUPPORTED_ERROR = (
    "EINVAL", "`LIBNBD_CMD_FLAG_DF` was given but nbd_can_df(3) is false; "
    "checked while `LIBNBD_STRICT_COMMANDS` is set.")

# A command that changes data was sent to a read-only export.
READ_ONLY_EXPORT_ERROR = (
    "EPERM", "The export is read-only (nbd_is_read_only(3)); checked while "
    "`LIBNBD_STRICT_COMMANDS` is set.")

# A count too large for the compact request header.
COUNT_OVER_32_BITS_ERROR = ("ERANGE", "*count* does not fit in 32 bits and "
                            "extended headers are not in use.")

# Block status without any negotiated metadata context.
NO_META_CONTEXT_ERROR = (
    "ENOTSUP", "No metadata context was negotiated, so the server has "
    "nothing to report; checked while `LIBNBD_STRICT_COMMANDS` is set.")

# The strict checks of the range that a data command covers.
STRICT_RANGE_ERRORS = [
    ("EINVAL", "*count* is 0; checked while `LIBNBD_STRICT_ZERO_SIZE` is "
     "set."),
    ("EINVAL", "The range reaches past the end of the export; checked "
     "while `LIBNBD_STRICT_BOUNDS` is set."),
    ("EINVAL", "*offset* or *count* is not a multiple of the server's "
     "minimum block size; checked while `LIBNBD_STRICT_ALIGN` is set."),
]

# A command issued after nbd_aio_disconnect or nbd_shutdown.
DISCONNECT_REQUESTED_ERROR = (
    "EINVAL", "A disconnect has already been requested on this handle with "
    "nbd_aio_disconnect(3) or nbd_shutdown(3), so no more commands are "
    "accepted.")

# Errors of a data command that the blocking calls wait out.

# The server answered a command with an error.
SERVER_COMMAND_ERROR = (
    "EIO", "The server reported an error for the command.  It may also send "
    "`EPERM`, `ENOMEM`, `EINVAL`, `ENOSPC`, `EOVERFLOW`, `ENOTSUP` or "
    "`ESHUTDOWN`; the call fails with the same errno.")

# The server's reply to a command could not be parsed.
BROKEN_REPLY_ERROR = ("EPROTO",
                      "The server's reply to the command broke the protocol.")

# The server's answer to a block status request, or the extent callback,
# reported a failure.
BLOCK_STATUS_REPLY_ERRORS = [
    ("EIO", "The server reported an error for the request; other errors it "
     "sends, and the errno values the extent callback stores before "
     "returning -1, are passed on in the same way."),
    ("EPROTO", "The extent callback returned -1 without storing an error "
     "value, or the server's reply broke the protocol."),
]

# The connection ended while a blocking command waited for its reply.
REPLY_LOST_ERRORS = [
    ("ENOTCONN", "The connection was lost before the reply arrived."),
    ("ECONNRESET", "The server closed the connection while the call waited "
     "for the reply.  Other errno values from reading or writing the socket "
     "are passed on in the same way."),
]

# Paragraphs that several descriptions share, joined into them with +.

# How the calls that queue a data command fail, and how they do not.
AIO_COMMAND_FAILURE_PARAGRAPH = """
This call only fails for the problems listed under ERRORS, found
before the request is queued.  Errors that the server reports for the
command, such as `EIO` or `ENOSPC`, a broken reply (`EPROTO`) and a
connection lost before the reply (`ENOTCONN`) do not make it fail: they
reach the `error` parameter of *completion_callback* and the result of
nbd_aio_command_completed(3).
"""

# Where the calls that report an export flag get its value.
EXPORT_FLAG_SOURCE_PARAGRAPH = """
The value is taken from the export flags saved in the handle during
the handshake, so the call does not block.  While negotiating in
option mode it is only available after nbd_opt_info(3) has succeeded.
"""

# When the TLS settings of a handle take effect.
TLS_SETTING_EFFECT_PARAGRAPH = """
The call is accepted whether or not this build supports TLS, but the
setting only takes effect once nbd_set_tls(3) requests or requires
TLS.
"""

# What to do after starting a connection that hands over a socket or a
# subprocess.
AIO_CONNECT_DRIVING_PARAGRAPH = """
Drive the handle, for instance with nbd_poll(3), while
nbd_aio_is_connecting(3) is true.  Without option mode the handle
becomes ready (nbd_aio_is_ready(3)); with nbd_set_opt_mode(3) it stops
in negotiation (nbd_aio_is_negotiating(3)).
"""

# The strict-mode note of the data commands that take several flags.
OTHER_FLAGS_STRICT_PARAGRAPH = """
Any other flag fails with `EINVAL` while `LIBNBD_STRICT_FLAGS` is set.
"""

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
    example="""
struct nbd_handle *nbd;
int ret = EXIT_FAILURE;

nbd = nbd_create ();
if (nbd == NULL)
  goto out;
if (nbd_connect_unix (nbd, "/tmp/nbd.sock") == -1)
  goto out;
// ... issue commands ...
if (nbd_shutdown (nbd, 0) == -1)
  goto out;
ret = EXIT_SUCCESS;

out:
if (ret != EXIT_SUCCESS)
  warnx ("%s", nbd_get_error ());  // read it before nbd_close
nbd_close (nbd);                   // safe even if nbd is NULL
return ret;
""",
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
    example="""
#include <stdio.h>
#include <stdlib.h>
#include <err.h>
#include <libnbd.h>

int
main (void)
{
  struct nbd_handle *nbd;
  char buf[512];

  nbd = nbd_create ();
  if (nbd == NULL)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  if (nbd_connect_uri (nbd, "nbd://localhost/") == -1 ||
      nbd_pread (nbd, buf, sizeof buf, 0, 0) == -1) {
    warnx ("%s (errno %d)", nbd_get_error (), nbd_get_errno ());
    nbd_close (nbd);
    exit (EXIT_FAILURE);
  }

  // ... use the 512 bytes in buf ...

  if (nbd_shutdown (nbd, 0) == -1)
    warnx ("%s", nbd_get_error ());
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
""",
    see_also=["nbd_close(3)", "nbd_get_error(3)", "nbd_get_errno(3)",
              "nbd_set_handle_name(3)", "nbd_set_debug(3)",
              "nbd_connect_uri(3)", "nbd_connect_tcp(3)",
              "nbd_set_opt_mode(3)", "libnbd(3)"],
),
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
    example="""
#include <stdlib.h>
#include <string.h>
#include <err.h>
#include <syslog.h>
#include <libnbd.h>

static int
log_debug (void *user_data, const char *context, const char *msg)
{
  const char *tag = user_data;

  syslog (LOG_DEBUG, "%s: %s: %s", tag, context, msg);
  return 0;
}

// Called after nbd_create: the tag lives as long as the handle.
void
log_to_syslog (struct nbd_handle *nbd, const char *name)
{
  char *tag = strdup (name);

  if (tag == NULL)
    err (EXIT_FAILURE, "strdup");
  if (nbd_set_debug_callback (nbd,
          (nbd_debug_callback) { .callback = log_debug,
                                 .user_data = tag,
                                 .free = free }) == -1 ||
      nbd_set_debug (nbd, true) == -1)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());
}
""",
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
Call(
    "stats_bytes_sent", "1.16",
    args=[],
    ret=RUInt64Count,
    summary="count the bytes sent to the server so far",
    description="""
Returns how many bytes of NBD protocol traffic the handle has sent to
the server since it was created.  The handshake counts as well as
request headers and write payloads.  Before any connection the count
is 0.

The figure is taken before any encryption.  With TLS in use it can
therefore differ from the number of bytes that really went over the
socket, because TLS adds records and a handshake of its own.

Like the other statistics counters, this one can be read in any state,
including after the connection has been shut down or has failed.
""",
    see_also=["nbd_stats_bytes_received(3)", "nbd_stats_chunks_sent(3)",
              "nbd_stats_chunks_received(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "stats_chunks_sent", "1.16",
    args=[],
    ret=RUInt64Count,
    summary="count the protocol chunks sent to the server so far",
    description="""
Returns how many protocol chunks the handle has sent to the server
since it was created.  A chunk is one unit of the NBD protocol that
starts with its own magic number, such as a handshake option or a
command request together with its payload, if it has one.

This is not the number of API calls, since one call may send several
chunks or none at all, and it says nothing about how many TCP packets
or TLS records carried them.  For a count of bytes, see
nbd_stats_bytes_sent(3).  Like the other statistics counters, it can be
read in any state.
""",
    see_also=["nbd_stats_bytes_sent(3)", "nbd_stats_chunks_received(3)",
              "nbd_stats_bytes_received(3)", "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "stats_bytes_received", "1.16",
    args=[],
    ret=RUInt64Count,
    summary="count the bytes received from the server so far",
    description="""
Returns how many bytes of NBD protocol traffic the handle has received
from the server since it was created.  Handshake replies count as well
as reply headers and the data returned by reads.  Before any
connection the count is 0.

The figure is taken after decryption.  With TLS in use it can
therefore differ from the number of bytes that really arrived on the
socket, because TLS adds records and a handshake of its own.

Like the other statistics counters, this one can be read in any state,
including after the connection has been shut down or has failed.
""",
    see_also=["nbd_stats_bytes_sent(3)", "nbd_stats_chunks_received(3)",
              "nbd_stats_chunks_sent(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "stats_chunks_received", "1.16",
    args=[],
    ret=RUInt64Count,
    summary="count the protocol chunks received from the server",
    description="""
Returns how many protocol chunks the handle has received from the
server since it was created.  A chunk is one unit of the NBD protocol
that starts with its own magic number: a reply to a handshake option, a
simple reply, or one piece of a structured reply.

When structured replies are in use (see
nbd_get_structured_replies_negotiated(3)), the server may answer a
single command with many chunks, so the count bears no fixed relation
to the number of API calls, nor to the number of TCP packets or TLS
records that carried the data.  For a count of bytes, see
nbd_stats_bytes_received(3).  Like the other statistics counters, it can
be read in any state.
""",
    see_also=["nbd_stats_bytes_received(3)", "nbd_stats_chunks_sent(3)",
              "nbd_stats_bytes_sent(3)",
              "nbd_get_structured_replies_negotiated(3)", "nbd_create(3)",
              "libnbd(3)"],
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
Call(
    "set_export_name", "1.0",
    args=[String("export_name")],
    ret=RErr,
    states=(CREATED, NEGOTIATING,),
    summary="choose the export to connect to",
    description="""
Sets the name of the export that the client asks for when it connects,
keeping a copy of *export_name*.  An NBD server can offer several
exports with different contents, and some servers insist on a
particular name.  The default is the empty string `""`, which servers
usually take to mean their default export.

Export names are encoded in UTF-8.  The protocol allows at most 4096
bytes, and a longer name is refused; servers need not accept names of
the full length.  Only the newstyle handshake carries an export name,
so the setting has no effect with a server speaking the old protocol.

Without option mode, the name must be set before the connect call.
When option mode is enabled with nbd_set_opt_mode(3), it can also be
changed during negotiation, right up to nbd_opt_go(3).  Before
settling on a name, nbd_opt_list(3) can ask the server which exports
it offers, and nbd_opt_info(3) can fetch the details of one of them.

nbd_connect_uri(3) takes the export name from the URI, so this call is
not needed when the URI already names the export.
""",
    errors=[("ENAMETOOLONG", "*export_name* is longer than 4096 bytes"),
            ("ENOMEM", "there was not enough memory to copy the name")],
    see_also=["nbd_get_export_name(3)", "nbd_get_canonical_export_name(3)",
              "nbd_connect_uri(3)", "nbd_set_opt_mode(3)", "nbd_opt_go(3)",
              "nbd_opt_info(3)", "nbd_opt_list(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "get_export_name", "1.0",
    args=[],
    ret=RString,
    summary="return the export name the client will request",
    description="""
Returns a copy of the export name held by the handle, that is the name
the client requests from the server, as set with
nbd_set_export_name(3) or taken from a URI by nbd_connect_uri(3).  It
is the empty string unless it has been changed.

This is only the client's side of the matter.  The server may know the
export under a different, canonical name, which is especially likely
when the client asked for the default export `""`;
nbd_get_canonical_export_name(3) returns that name if the server
reported it.
""",
    errors=[COPY_OUT_OF_MEMORY_ERROR],
    see_also=["nbd_set_export_name(3)", "nbd_get_canonical_export_name(3)",
              "nbd_connect_uri(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_request_block_size", "1.12",
    args=[Bool("request")],
    ret=RErr,
    states=(CREATED, NEGOTIATING,),
    summary="choose whether to ask the server for block size limits",
    description="""
Decides whether the client, when it sends `NBD_OPT_GO` or
`NBD_OPT_INFO` during the handshake, also requests
`NBD_INFO_BLOCK_SIZE`, which carries the minimum, preferred and maximum
block sizes of the server.  *request* is true by default.

Asking does not force the server to answer, and a server may send the
sizes without being asked.  Whatever the server reports can be read
with nbd_get_block_size(3), and the library checks that requests
respect the minimum alignment, unless that check has been switched off
with nbd_set_strict_mode(3).

The setting matters for servers with alignment limits.  A client that
does not ask signals that it might send unaligned requests, and such a
server may refuse the export rather than cope with them.  Setting
*request* to false is therefore mainly useful to test how a server
treats older clients that know nothing about block sizes.
""",
    see_also=["nbd_get_request_block_size(3)", "nbd_get_block_size(3)",
              "nbd_set_full_info(3)", "nbd_set_strict_mode(3)",
              "nbd_opt_info(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_request_block_size", "1.12",
    args=[],
    ret=RBool,
    summary="find out whether block size limits will be requested",
    description="""
Returns the flag set with nbd_set_request_block_size(3): true (the
default) if the handshake asks the server for its block size
constraints, false if it does not.
""",
    see_also=["nbd_set_request_block_size(3)", "nbd_get_block_size(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_full_info", "1.4",
    args=[Bool("request")],
    ret=RErr,
    states=(CREATED, NEGOTIATING,),
    summary="choose whether to ask the server for optional export details",
    description="""
Decides whether the client asks for optional extra details about the
export when it sends `NBD_OPT_GO` or `NBD_OPT_INFO`.  By default
(*request* false) the client only requests what it needs in order to
carry out data commands.  When *request* is true, it also requests
`NBD_INFO_NAME` and `NBD_INFO_DESCRIPTION`: the canonical name of the
export and a description meant for people.  These can then be read
with nbd_get_canonical_export_name(3) and
nbd_get_export_description(3).

A server may send these items unasked, but many only do so when the
client shows interest, and even then the server is free to leave some
of them out.  Any optional item the library does not understand is
skipped.  Asking for block size constraints is a separate setting; see
nbd_set_request_block_size(3).
""",
    see_also=["nbd_get_full_info(3)", "nbd_get_canonical_export_name(3)",
              "nbd_get_export_description(3)",
              "nbd_set_request_block_size(3)", "nbd_opt_info(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_full_info", "1.4",
    args=[],
    ret=RBool,
    summary="find out whether optional export details will be requested",
    description="""
Returns the flag set with nbd_set_full_info(3): true if the handshake
asks the server for the canonical name and description of the export,
false (the default) if it does not.
""",
    see_also=["nbd_set_full_info(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_canonical_export_name", "1.4",
    args=[],
    ret=RString,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="return the server's canonical name for the export",
    description="""
A server may tell the client the canonical name of the export, which
need not match the name the client asked for through
nbd_set_export_name(3) or nbd_connect_uri(3).  This call returns a copy
of that name, if the server sent one in its answer to `NBD_OPT_GO` or
`NBD_OPT_INFO`.  The two names are most likely to differ when the
client requested the default export, the empty string, and the server
reveals which export that really is.

Servers tend to report the name only on request, so call
nbd_set_full_info(3) before connecting, or before nbd_opt_info(3) in
option mode, to improve the chance of getting it.
""",
    errors=[
        ("ENOTSUP", "the server did not report a canonical name"),
        COPY_OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_set_full_info(3)", "nbd_get_export_name(3)",
              "nbd_set_export_name(3)", "nbd_get_export_description(3)",
              "nbd_opt_info(3)", "nbd_connect_uri(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "get_export_description", "1.4",
    args=[],
    ret=RString,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="return the description the server gave the export",
    description="""
Returns a copy of the free-form, human-readable description of the
export, if the server supplied one in its answer to `NBD_OPT_GO` or
`NBD_OPT_INFO`.  The protocol makes the description optional.

Servers usually send it only when the client has asked with
nbd_set_full_info(3), and only if one has been configured; qemu-nbd(8),
for example, takes it from its `-D` option.
""",
    errors=[
        ("ENOTSUP", "the server did not report a description"),
        COPY_OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_set_full_info(3)", "nbd_get_canonical_export_name(3)",
              "nbd_opt_info(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_tls", "1.0",
    args=[EnumArg("tls", TLS)],
    ret=RErr,
    states=(CREATED,),
    summary="choose whether the connection uses TLS",
    description="""
Chooses whether the connection is encrypted and authenticated with TLS.
*tls* is one of:

- `LIBNBD_TLS_DISABLE`: no TLS.  This is the default, except that
  nbd_connect_uri(3) requires TLS for a URI whose scheme asks for it,
  such as `nbds:`.  In option mode (see nbd_set_opt_mode(3)) this
  setting also lets a program talk in plain text to a server using the
  `SELECTIVETLS` mode of the protocol, and then upgrade when it chooses
  with nbd_opt_starttls(3).  Most servers that support TLS use the
  `FORCEDTLS` mode instead, so this is mainly of interest for testing.
- `LIBNBD_TLS_ALLOW`: try TLS, but carry on unencrypted if it cannot be
  set up.  This best-effort mode gives no protection against an
  attacker able to interfere with the connection; nbd_get_tls_negotiated(3)
  tells afterwards which way it went.  Some servers hang up after a
  failed TLS attempt, in which case there is nothing to fall back to.
- `LIBNBD_TLS_REQUIRE`: insist on TLS.  The connection fails unless it
  ends up both encrypted and authenticated.

TLS usually needs credentials as well: a directory of X.509
certificates (nbd_set_tls_certificates(3)), or a file of pre-shared
keys (nbd_set_tls_psk_file(3)) perhaps with a username
(nbd_set_tls_username(3)).  If none of these is given, the client uses
X.509 and checks the server against the certificate authorities the
system trusts.  With nbd_connect_uri(3), query parameters of the URI
can provide some of these settings.
""",
    errors=[("ENOTSUP", "*tls* is not `LIBNBD_TLS_DISABLE` but the "
             "library was built without TLS support; "
             "nbd_supports_tls(3) tells whether it has it")],
    see_also=["nbd_get_tls(3)", "nbd_get_tls_negotiated(3)",
              "nbd_set_tls_certificates(3)", "nbd_set_tls_psk_file(3)",
              "nbd_set_tls_username(3)", "nbd_set_tls_verify_peer(3)",
              "nbd_set_tls_hostname(3)", "nbd_supports_tls(3)",
              "nbd_opt_starttls(3)", "nbd_set_opt_mode(3)",
              "nbd_connect_uri(3)", "nbd_set_uri_allow_tls(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_tls", "1.0",
    args=[],
    ret=REnum,
    summary="return the TLS setting of a handle",
    description="""
Returns the TLS setting of the handle, as chosen with nbd_set_tls(3)
or raised by nbd_connect_uri(3) for a URI scheme that asks for TLS:
`LIBNBD_TLS_DISABLE`, `LIBNBD_TLS_ALLOW` or `LIBNBD_TLS_REQUIRE`.

This is what was asked for, not what happened.  To find out whether a
given connection really uses TLS, call nbd_get_tls_negotiated(3).
""",
    see_also=["nbd_set_tls(3)", "nbd_get_tls_negotiated(3)",
              "nbd_connect_uri(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_tls_negotiated", "1.2",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="find out whether the connection actually uses TLS",
    description="""
Returns true if the connection is protected by TLS, and false if it
runs in plain text.

The answer mostly matters with `LIBNBD_TLS_ALLOW` (see nbd_set_tls(3)),
where the client tries TLS but falls back to plain text when the
server does not offer it; this call tells which of the two happened.
With `LIBNBD_TLS_REQUIRE`, a connection without TLS never gets this
far, because it fails instead.  With `LIBNBD_TLS_DISABLE` the client
never starts TLS by itself, but in option mode, against a server using
`SELECTIVETLS`, the program may have upgraded the connection with
nbd_opt_starttls(3); this call reports whether that upgrade took
place.
""",
    see_also=["nbd_set_tls(3)", "nbd_get_tls(3)", "nbd_opt_starttls(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_tls_certificates", "1.0",
    args=[String("dir")],
    ret=RErr,
    states=(CREATED,),
    summary="choose the directory of X.509 certificates for TLS",
    description="""
Gives the path *dir* of a directory holding the X.509 files for
certificate-based TLS: `ca-cert.pem`, the certificate authority that
the server is checked against, and, if the server wants clients to
prove who they are, the client's own `client-cert.pem` and
`client-key.pem`.  The library keeps a copy of the path.

More client certificates may sit beside the first, as
`client-cert-0.pem` with `client-key-0.pem`, then `client-cert-1.pem`
with `client-key-1.pem` and so on; the numbering ends at the first pair
that is missing, and `client-cert.pem` need not be there for them to be
read.  All of them are offered to gnutls, which presents the server the
one that suits what the server asks for: a certificate issued by a CA
the server names, or signed with an algorithm the server accepts.  This
is how a classic and a post-quantum certificate can be kept side by
side, for servers of either kind (post-quantum algorithms need a gnutls
that has them).  A pair that gnutls cannot load, such as a certificate
with the wrong key, fails the connection with `EIO`.

Without this call a built-in default is used: `/etc/pki/libnbd` when
running as root, otherwise `$HOME/.pki/libnbd` and then
`$HOME/.config/pki/libnbd`.  If none of these directories exists, the
certificate of the server is checked against the certificate
authorities trusted by the system.
""" + TLS_SETTING_EFFECT_PARAGRAPH,
    errors=[("ENOMEM", "there was not enough memory to keep a "
             "copy of *dir*")],
    see_also=["nbd_set_tls(3)", "nbd_set_tls_verify_peer(3)",
              "nbd_set_tls_psk_file(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_tls_verify_peer", "1.0",
    args=[Bool("verify")],
    ret=RErr,
    states=(CREATED,),
    summary="choose whether to check the server's TLS identity",
    description="""
Decides whether the client checks who the server is when TLS uses
X.509 certificates: that the certificate of the server was signed by a
trusted certificate authority and was issued for the host the client
believes it is talking to.

*verify* is true on a new handle, which in effect means that the check
is made for TCP connections authenticated with certificates, and not
otherwise.  Pre-shared key authentication involves no certificates, so
the flag has no bearing on it.  Where the connection supplies no host
name, nbd_set_tls_hostname(3) can provide one.

Turning verification off leaves the connection open to a
man-in-the-middle attack: traffic is still encrypted, but the client
has no assurance about who is at the other end.  It can be handy when
testing with self-signed certificates.
""" + TLS_SETTING_EFFECT_PARAGRAPH,
    see_also=["nbd_get_tls_verify_peer(3)", "nbd_set_tls(3)",
              "nbd_set_tls_certificates(3)", "nbd_set_tls_hostname(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_tls_verify_peer", "1.0",
    args=[],
    ret=RBool,
    summary="find out whether the server's TLS identity is checked",
    description="""
Returns the flag set with nbd_set_tls_verify_peer(3), which is true on
a new handle.  While it is true, a TLS connection goes ahead only when
the server proves who it is: with a certificate signed by a trusted
authority and naming the expected host, or with the pre-shared key.
""",
    see_also=["nbd_set_tls_verify_peer(3)", "nbd_set_tls(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_tls_username", "1.0",
    args=[String("username")],
    ret=RErr,
    states=(CREATED,),
    summary="set the username for TLS pre-shared key login",
    description="""
Sets the username the client presents when it authenticates with a TLS
pre-shared key (see nbd_set_tls_psk_file(3)); the key used is the one
listed for this name in the PSK file.  When no username has been set,
the client uses the name of the local user: the value of the `LOGNAME`
environment variable or, when that is unset or empty, the name that
the password database gives for the effective user ID (see
getpwuid(3)).

The library keeps a copy of *username*.  The call is accepted whether
or not this build supports TLS, but the setting only takes effect once
nbd_set_tls(3) requests or requires TLS and a PSK file is in use.
""",
    errors=[("ENOMEM", "there was not enough memory to keep a "
             "copy of *username*")],
    see_also=["nbd_get_tls_username(3)", "nbd_set_tls_psk_file(3)",
              "nbd_set_tls(3)", "nbd_set_tls_hostname(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_tls_username", "1.0",
    args=[],
    ret=RString,
    summary="return the username used for TLS PSK authentication",
    description="""
Returns a copy of the username set with nbd_set_tls_username(3).  If
none was set, it returns the default that the client would use: the
value of `LOGNAME`, or else the name of the effective user ID in the
password database.  When neither can be found, the call fails.
""",
    errors=[
        ("ENOENT", "no username was set, `LOGNAME` is unset or "
         "empty, and the password database has no entry for the "
         "effective user ID; an error in reading the database is "
         "passed on as it is"),
        COPY_OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_set_tls_username(3)", "nbd_set_tls_psk_file(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_tls_hostname", "1.22",
    args=[String("hostname")],
    ret=RErr,
    states=(CREATED,),
    summary="set the host name to check the server's certificate against",
    description="""
Sets the host name that the client expects the TLS certificate of the
server to be issued for.  It overrides the name passed to the connect
call, such as the host given to nbd_connect_tcp(3), and supplies one
where the connection has no host name, as with nbd_connect_unix(3).

This helps when the connection goes through a proxy or tunnel that
forwards the traffic to the real server: the certificate presented
belongs to that final server, so its name has to be given here for
the check made under nbd_set_tls_verify_peer(3) to succeed.

The library keeps a copy of *hostname*.  The call is accepted whether
or not this build supports TLS, but the setting only takes effect once
nbd_set_tls(3) requests or requires TLS.
""",
    errors=[("ENOMEM", "there was not enough memory to keep a "
             "copy of *hostname*")],
    see_also=["nbd_get_tls_hostname(3)", "nbd_set_tls_verify_peer(3)",
              "nbd_set_tls(3)", "nbd_set_tls_username(3)",
              "nbd_connect_tcp(3)", "nbd_connect_unix(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_tls_hostname", "1.22",
    args=[],
    ret=RString,
    summary="return the TLS host name set on a handle",
    description="""
Returns a copy of the host name set with nbd_set_tls_hostname(3).  If
none has been set, the result is the empty string, which is not an
error.
""",
    errors=[COPY_OUT_OF_MEMORY_ERROR],
    see_also=["nbd_set_tls_hostname(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_tls_priority", "1.24",
    args=[String("priority")],
    ret=RErr,
    states=(CREATED,),
    summary="choose the TLS priority string",
    description="""
Replaces the gnutls priority string used for the TLS session: the text
that decides which protocol versions, ciphers, key exchanges and
signature algorithms the client offers, and in which order of
preference.  The syntax is that of gnutls, described under "Priority
Strings" in its manual; for example `NORMAL:-VERS-TLS1.2` keeps the
defaults but refuses TLS 1.2.

Until this call is made the build's default applies: the value given
to `./configure --with-tls-priority`, or `NORMAL`.  When a pre-shared
key is used (see nbd_set_tls_psk_file(3)), the key exchanges that work
with one are added to whatever string is in force.

The string is checked when it is set, so a string that gnutls cannot
read fails here, with `EINVAL`, and leaves the earlier setting in
place; a string that reads well but leaves nothing in common with the
server fails later, in the handshake.  Change it only with good reason:
a priority string can weaken the security of the connection, and one
that starts with `@` makes gnutls read the system's configuration
files, so it must not come from a source you do not trust (see
nbd_set_uri_allow_tls_priority(3)).
""" + TLS_SETTING_EFFECT_PARAGRAPH,
    errors=[
        ("EINVAL", "*priority* is not a string that gnutls can read"),
        ("ENOMEM", "there was not enough memory to keep a copy of "
         "*priority*"),
    ],
    see_also=["nbd_get_tls_priority(3)", "nbd_set_tls(3)",
              "nbd_set_uri_allow_tls_priority(3)",
              "nbd_set_tls_psk_file(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_tls_priority", "1.24",
    args=[],
    ret=RString,
    summary="return the TLS priority string in force",
    description="""
Returns a copy of the gnutls priority string that the next TLS session
will use: the one set with nbd_set_tls_priority(3) or a URI's
`tls-priority` parameter, or else the build's default, which is
`NORMAL` unless the library was configured otherwise.
""",
    errors=[COPY_OUT_OF_MEMORY_ERROR],
    see_also=["nbd_set_tls_priority(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_tls_psk_file", "1.0",
    args=[String("filename")],
    ret=RErr,
    states=(CREATED,),
    summary="set the file of TLS pre-shared keys",
    description="""
Names the file of pre-shared keys (PSK) used to authenticate the TLS
session.  Each line of the file holds a `username:key` pair, as written
by psktool(1).  The client picks the key listed for its username (see
nbd_set_tls_username(3)), and the server must hold the same key.

There is no default file: unless this call is made, PSK authentication
is not attempted and X.509 certificates are used instead.  The library
keeps a copy of *filename*; the file itself is read when the
connection is set up.
""" + TLS_SETTING_EFFECT_PARAGRAPH,
    errors=[("ENOMEM", "there was not enough memory to keep a "
             "copy of *filename*")],
    see_also=["nbd_set_tls_username(3)", "nbd_set_tls(3)",
              "nbd_set_tls_certificates(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "set_request_extended_headers", "1.18",
    args=[Bool("request")],
    ret=RErr,
    states=(CREATED,),
    summary="choose whether to negotiate extended headers",
    description="""
Decides whether the client asks the server, during the handshake, to
switch to extended headers with `NBD_OPT_EXTENDED_HEADERS`.  This
protocol extension widens the length fields of requests and replies to
64 bits, so that a single trim, zero or block status command can cover
a range larger than 4 GiB (see nbd_trim(3), nbd_zero(3) and
nbd_block_status_64(3)).  *request* is true by default, so the
extension is used whenever the server supports it.

Clearing the flag is mostly useful for integration testing: the client
then behaves like one that predates the extension, which is easier than
changing a server so that it rejects the request.  Whether extended
headers were actually agreed is reported by
nbd_get_extended_headers_negotiated(3); in option mode,
nbd_opt_extended_headers(3) asks for them explicitly.

Extended headers imply structured replies.  For compatibility, when
structured replies have been turned off with
nbd_set_request_structured_replies(3), this setting is ignored and
extended headers are not requested.
""",
    see_also=["nbd_get_request_extended_headers(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_opt_extended_headers(3)",
              "nbd_set_request_structured_replies(3)",
              "nbd_set_handshake_flags(3)", "nbd_set_strict_mode(3)",
              "nbd_block_status_64(3)", "nbd_trim(3)", "nbd_zero(3)",
              "nbd_cache(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_request_extended_headers", "1.18",
    args=[],
    ret=RBool,
    summary="see whether extended headers will be requested",
    description="""
Reports the current value of the switch set with
nbd_set_request_extended_headers(3), which decides whether the handle
asks the server for extended headers while it connects.  A new handle
starts with the switch on.

The value only describes what the client intends to ask for.  It says
nothing about the outcome: to learn whether a particular connection
really uses extended headers, call nbd_get_extended_headers_negotiated(3)
once the handshake has got far enough.  Keep in mind too that the
switch has no effect while nbd_set_request_structured_replies(3) is off.
""",
    see_also=["nbd_set_request_extended_headers(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_get_request_structured_replies(3)",
              "nbd_opt_extended_headers(3)",
              "nbd_set_request_structured_replies(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "get_extended_headers_negotiated", "1.18",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="see whether extended headers are in use",
    description="""
Tells whether the server accepted `NBD_OPT_EXTENDED_HEADERS`, so that
requests and replies on this connection use the wide 64-bit header
layout.  Once the answer has become true it stays true: when a later
nbd_opt_extended_headers(3) is refused because the server regards it
as a repeat, this call goes on reporting true.

The header layout matters for large requests.  With compact headers
the length field on the wire is only 32 bits wide, so a single command
cannot describe more than that, although the API takes 64-bit lengths.
Extended headers lift this particular limit, but the server may still
impose its own maximum, which nbd_get_block_size(3) reports.

With extended headers the server may also describe extents with 64-bit
lengths and status values.  If any context you registered with
nbd_add_meta_context(3) could produce status values wider than 32
bits, use nbd_block_status_64(3) rather than nbd_block_status(3).  The
well-known contexts that have `LIBNBD_CONTEXT_` constants all fit in
32 bits.
""",
    see_also=["nbd_get_request_extended_headers(3)",
              "nbd_set_request_extended_headers(3)",
              "nbd_opt_extended_headers(3)",
              "nbd_get_structured_replies_negotiated(3)",
              "nbd_get_protocol(3)", "nbd_get_block_size(3)",
              "nbd_block_status_64(3)", "nbd_add_meta_context(3)",
              "libnbd(3)"],
),
Call(
    "set_request_structured_replies", "1.2",
    args=[Bool("request")],
    ret=RErr,
    states=(CREATED,),
    summary="control whether structured replies are requested",
    description="""
Structured replies are a protocol extension with which the server can
answer a request in several chunks, mark parts of a read as holes and
return block status information.  Unless told otherwise, the handle
sends `NBD_OPT_STRUCTURED_REPLY` while connecting, and several features
rely on the server agreeing to it: nbd_can_meta_context(3) and
nbd_can_df(3) never report true on a connection without it.

Passing false as *request* stops that automatic request.  The main
uses are integration tests, where it is easier to turn the feature off
in the client than to make the server refuse it, and option mode (see
nbd_set_opt_mode(3)), where an application may want to send
nbd_opt_structured_reply(3) itself at a point of its own choosing.

Extended headers build on structured replies, so switching this off
also suppresses the automatic request for extended headers, whatever
nbd_set_request_extended_headers(3) says.
""",
    see_also=["nbd_get_request_structured_replies(3)",
              "nbd_get_structured_replies_negotiated(3)",
              "nbd_opt_structured_reply(3)",
              "nbd_set_request_extended_headers(3)",
              "nbd_set_handshake_flags(3)", "nbd_set_opt_mode(3)",
              "nbd_set_strict_mode(3)", "nbd_can_meta_context(3)",
              "nbd_can_df(3)", "libnbd(3)"],
),
Call(
    "get_request_structured_replies", "1.2",
    args=[],
    ret=RBool,
    summary="see whether structured replies will be requested",
    description="""
Reports the current value of the switch set with
nbd_set_request_structured_replies(3).  It is true for a new handle,
meaning the handle will ask for structured replies when it connects.

Like the other request switches, this only records the client's
intention.  Whether the server went along with it on a given connection
is reported by nbd_get_structured_replies_negotiated(3).
""",
    see_also=["nbd_set_request_structured_replies(3)",
              "nbd_get_structured_replies_negotiated(3)",
              "nbd_get_request_extended_headers(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "get_structured_replies_negotiated", "1.2",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="see whether structured replies are in use",
    description="""
Tells whether this connection uses structured replies.  The answer is
sticky: once the server has accepted `NBD_OPT_STRUCTURED_REPLY`, this
call keeps returning true even if a repeated
nbd_opt_structured_reply(3) is later refused as a duplicate.

Extended headers include everything structured replies offer, so when
the server agreed to extended headers this call also returns true, even
if structured replies were never asked for on their own.
""",
    see_also=["nbd_get_request_structured_replies(3)",
              "nbd_set_request_structured_replies(3)",
              "nbd_opt_structured_reply(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_opt_extended_headers(3)", "nbd_get_protocol(3)",
              "libnbd(3)"],
),
Call(
    "set_request_meta_context", "1.16",
    args=[Bool("request")],
    ret=RErr,
    states=(CREATED, NEGOTIATING,),
    summary="control automatic meta context requests on connect",
    description="""
Decides whether selecting an export also selects the meta contexts
registered with nbd_add_meta_context(3), by sending
`NBD_OPT_SET_META_CONTEXT` on the caller's behalf.  Selecting an export
means any of the connect calls such as nbd_connect_tcp(3) when option
mode is off, and nbd_opt_go(3) or nbd_opt_info(3) when
nbd_set_opt_mode(3) has turned option mode on.  The switch is on by
default.

The automatic request is only ever made when the list of contexts is
not empty and the server agreed to structured replies or extended
headers.  In any other case the switch makes no difference.

Reasons for passing false as *request* include:

- An application that calls nbd_opt_info(3) and then nbd_opt_go(3) on
  the same export does not need the contexts negotiated a second time.
- A test of a server may want to send nbd_opt_set_meta_context(3)
  itself, at an unusual point in the handshake.
- Even with only nbd_opt_info(3), gathering the server's answers
  through the callback of nbd_opt_list_meta_context(3) can be quicker
  than asking nbd_can_meta_context(3) about one name after another.

Turning the switch off has a price: if no context ends up negotiated,
nbd_block_status(3) and the related calls will fail.
""",
    see_also=["nbd_get_request_meta_context(3)",
              "nbd_add_meta_context(3)", "nbd_opt_set_meta_context(3)",
              "nbd_opt_list_meta_context(3)", "nbd_opt_go(3)",
              "nbd_opt_info(3)", "nbd_set_opt_mode(3)",
              "nbd_can_meta_context(3)", "nbd_block_status(3)",
              "nbd_get_structured_replies_negotiated(3)", "libnbd(3)"],
),
Call(
    "get_request_meta_context", "1.16",
    args=[],
    ret=RBool,
    summary="see whether connecting requests meta contexts",
    description="""
Reports the current value of the switch set with
nbd_set_request_meta_context(3): true, the default, when selecting an
export also negotiates the meta contexts registered with
nbd_add_meta_context(3), false when that step is left to the
application.
""",
    see_also=["nbd_set_request_meta_context(3)",
              "nbd_add_meta_context(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_handshake_flags", "1.2",
    args=[FlagsArg("flags", HANDSHAKE_FLAGS)],
    ret=RErr,
    states=(CREATED,),
    summary="choose the handshake flags the client offers",
    description="""
At the start of a newstyle handshake the server announces a set of
global flags, and the client answers with the ones it wants to use.
Normally the handle answers with every flag it knows about that the
server also announced, because leaving one out can rule out other
features such as TLS or structured replies.  Narrowing the set is mostly
of interest for testing that a server still copes with clients written
against older revisions of the protocol.

*flags* is a bitmask of zero or more of:

- `LIBNBD_HANDSHAKE_FLAG_FIXED_NEWSTYLE` (1): the fixed newstyle
  handshake.  A server offering it promises to reject an option it does
  not understand with an error reply rather than by hanging up.  Without
  it, sending extension options such as `NBD_OPT_STARTTLS` or
  `NBD_OPT_STRUCTURED_REPLY` is unsafe, since an old server may simply
  drop the connection.
- `LIBNBD_HANDSHAKE_FLAG_NO_ZEROES` (2): if the connection has to fall
  back on `NBD_OPT_EXPORT_NAME` instead of the preferred `NBD_OPT_GO`,
  the server may leave out the 124 bytes of zero padding that would
  otherwise end its reply.

The constant `LIBNBD_HANDSHAKE_FLAG_MASK` holds every flag this build
knows, and a bit outside it makes the call fail.  Future versions may
define more flags and enable them by default, so to switch off a single
bit, fetch the current value with nbd_get_handshake_flags(3), clear the
bit and pass the result back, instead of passing a fixed number.
""",
    see_also=["nbd_get_handshake_flags(3)",
              "nbd_set_request_structured_replies(3)",
              "nbd_set_strict_mode(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_handshake_flags", "1.2",
    args=[],
    ret=RUInt32Flags,
    summary="see which handshake flags are in use",
    description="""
Returns the handshake flags of this handle.  What they mean depends on
how far the connection has got.  Before connecting (see
nbd_aio_is_created(3)) they are the flags the client is prepared to
use, each only if the server announces it as well; by default that is
every flag this build knows.  Once the connection is ready (see
nbd_aio_is_ready(3)) they are the flags that client and server
actually settled on.

A library newer than the program may return bits for flags that did not
exist when the program was compiled, so do not treat unknown bits as an
error.
""",
    see_also=["nbd_set_handshake_flags(3)", "nbd_aio_is_created(3)",
              "nbd_aio_is_ready(3)", "nbd_get_protocol(3)",
              "nbd_set_strict_mode(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_pread_initialize", "1.12",
    args=[Bool("request")],
    ret=RErr,
    summary="control zeroing of the buffers of failed reads",
    description="""
By default the buffer of a read that fails, through nbd_pread(3),
nbd_pread_structured(3), nbd_aio_pread(3) or
nbd_aio_pread_structured(3), holds zero bytes when the failure is
reported.  The point is defensive: a program that hands in an
uninitialised buffer and then ignores a failed read sees zeroes, not
leftover heap data that it might go on to leak.  An application built
against an older libnbd without this step had exactly that kind of bug
(CVE-2022-0485).

libnbd clears the buffer before every read.  This library clears it
only when the read fails, since a read that succeeds has written every
byte: at once when the call itself fails, or else just before the
completion callback runs and nbd_aio_command_completed(3) reports the
error.  A successful read is spared a pass over its buffer.  One
difference remains: the buffer of a read still in flight when the
handle is closed is left as it is, since the program may have freed it
by then.

Passing false as *request* turns the clearing off.  Only do so when the
application has been checked never to look at the buffer of a failed
read, or clears its buffers itself.
""",
    see_also=["nbd_get_pread_initialize(3)", "nbd_pread(3)",
              "nbd_pread_structured(3)", "nbd_aio_pread(3)",
              "nbd_aio_pread_structured(3)", "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_pread_initialize", "1.12",
    args=[],
    ret=RBool,
    summary="see whether the buffers of failed reads are zeroed",
    description="""
Returns true if a failed read through calls such as nbd_pread(3) leaves
zero bytes in the caller's buffer, and false if that step was turned
off with nbd_set_pread_initialize(3).  A new handle returns true.
""",
    see_also=["nbd_set_pread_initialize(3)", "nbd_pread(3)",
              "nbd_pread_structured(3)", "nbd_aio_pread(3)",
              "nbd_aio_pread_structured(3)", "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_strict_mode", "1.6",
    args=[FlagsArg("flags", STRICT_FLAGS)],
    ret=RErr,
    summary="control how strictly requests are checked locally",
    description="""
Before sending a command, the handle looks for requests whose effect
the NBD protocol leaves undefined, and refuses them on the client side,
so that nothing reaches the network and the server is never put in an
unpredictable position.  Each kind of check can be switched off with
this call.  That is mainly useful for testing servers: with the checks
relaxed, questionable requests go out on the wire and the test can see
how robustly the server deals with them.

*flags* is a bitmask of zero or more of the following.  A set bit
keeps the check on the client; a clear bit leaves it to the server.

- `LIBNBD_STRICT_COMMANDS` (0x1): refuse requests that the server's
  advertised flags do not allow, for example a write to a read-only
  export, or `LIBNBD_CMD_FLAG_FUA` when nbd_can_fua(3) is false.
- `LIBNBD_STRICT_FLAGS` (0x2): refuse command flags unknown to the
  library (outside `LIBNBD_CMD_FLAG_MASK`) and flags that do not belong
  to the command, such as `LIBNBD_CMD_FLAG_FUA` on a read.  With the bit
  clear, such flags are passed on, even though the server may then
  answer in a form the library does not expect, which could stall or
  kill the connection.  Flags that do belong to a command but depend on
  a server feature, like `LIBNBD_CMD_FLAG_DF` for
  nbd_pread_structured(3), which needs nbd_can_df(3), fall under
  `LIBNBD_STRICT_COMMANDS` instead, and `LIBNBD_CMD_FLAG_PAYLOAD_LEN` is
  governed by `LIBNBD_STRICT_AUTO_FLAG`.  Whatever this bit says, flags
  that do not fit in the 16 bits the protocol has for them are always
  refused, although the API passes flags as a uint32_t.
- `LIBNBD_STRICT_BOUNDS` (0x4): refuse requests that reach beyond the
  end of the export, without contacting the server.
- `LIBNBD_STRICT_ZERO_SIZE` (0x8): refuse requests with a length of 0,
  whose outcome the protocol leaves undefined.
- `LIBNBD_STRICT_ALIGN` (0x10): when the server announced a minimum
  block size (`LIBNBD_SIZE_MINIMUM` of nbd_get_block_size(3)), refuse
  requests whose offset or length is not a multiple of it.  With the bit
  clear, the server decides whether to accept them.
- `LIBNBD_STRICT_PAYLOAD` (0x20): refuse to send a command carrying
  more data than the outgoing payload limit (`LIBNBD_SIZE_PAYLOAD` of
  nbd_get_block_size(3)), whether or not the server announced a
  maximum.  With the bit clear, payloads up to 64 MiB may be tried, but
  some servers hang up on anything above 32 MiB.
- `LIBNBD_STRICT_AUTO_FLAG` (0x40): let the library decide the
  `LIBNBD_CMD_FLAG_PAYLOAD_LEN` bit for the commands that can carry it
  (nbd_pwrite(3) and nbd_block_status_filter(3), for example).  The
  caller's setting of that bit is disregarded, and the bit sent is the
  one the connection needs, which depends on whether extended headers
  were negotiated.  With the bit clear, the caller's
  choice is sent as given, which can help a test but easily produces
  undefined behaviour.

By default all of these checks are on.  `LIBNBD_STRICT_MASK` holds
every bit this build knows, and a bit outside it makes the call fail.
Later versions may add checks and enable them by default, so to relax
a single one, read the current value with nbd_get_strict_mode(3), clear
that bit and pass the result back rather than passing a fixed number.
""",
    see_also=["nbd_get_strict_mode(3)", "nbd_can_fua(3)",
              "nbd_can_df(3)", "nbd_get_block_size(3)",
              "nbd_pread_structured(3)", "nbd_pwrite(3)",
              "nbd_block_status_filter(3)", "nbd_set_handshake_flags(3)",
              "nbd_stats_bytes_sent(3)", "nbd_stats_bytes_received(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_strict_mode", "1.6",
    args=[],
    ret=RUInt32Flags,
    summary="see which strictness checks are in effect",
    description="""
Returns the `LIBNBD_STRICT_` bits that are currently set, that is, the
protocol checks the handle performs itself instead of leaving them to
the server.  See nbd_set_strict_mode(3) for what each bit means.

A newer library may set bits that were not defined when the program was
compiled, so treat unknown bits as valid.
""",
    see_also=["nbd_set_strict_mode(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_opt_mode", "1.4",
    args=[Bool("enable")],
    ret=RErr,
    states=(CREATED,),
    summary="control option mode, to pause during negotiation",
    description="""
With *enable* set to true, a connect call such as nbd_connect_tcp(3)
stops as soon as the newstyle handshake reaches the option phase, and
returns with the handle in the negotiating state (see
nbd_aio_is_negotiating(3)) instead of going on to the ready state.
Oldstyle servers have no option phase, so with them the setting has
no effect.  Option mode is off by default.

Even in option mode, the handle first sends `NBD_OPT_STARTTLS`,
`NBD_OPT_EXTENDED_HEADERS` and `NBD_OPT_STRUCTURED_REPLY` by itself
before handing over control.  To take charge of those steps as well,
before connecting set nbd_set_tls(3) to `LIBNBD_TLS_DISABLE` and turn
off nbd_set_request_extended_headers(3) or
nbd_set_request_structured_replies(3).

While negotiating, the application picks the options to send, instead
of having everything decided by the settings made before connecting.
It can, for example, list exports with nbd_opt_list(3), query one with
nbd_opt_info(3), explore meta contexts with
nbd_opt_list_meta_context(3), and change the export name or the list
of meta contexts between those steps.  The only way on to the
transmission phase is a successful nbd_opt_go(3).  When nbd_opt_go(3)
fails and the server is still there, the handle stays in the
negotiating state so that another export name can be tried.  To give
up without ever reaching the transmission phase, call nbd_opt_abort(3)
or nbd_shutdown(3).
""",
    example="""
An outline of a connection in option mode:

    int
    connect_to_disk1 (struct nbd_handle *nbd)
    {
      if (nbd_set_opt_mode (nbd, true) == -1 ||
          nbd_connect_tcp (nbd, "server.example.com", "10809") == -1)
        return -1;
      /* The handle is now negotiating. */
      if (nbd_set_export_name (nbd, "disk1") == -1 ||
          nbd_opt_go (nbd) == -1)
        return -1;
      /* The handle is now ready for data commands. */
      return 0;
    }
""",
    see_also=["nbd_get_opt_mode(3)", "nbd_aio_is_negotiating(3)",
              "nbd_opt_go(3)", "nbd_opt_abort(3)", "nbd_opt_list(3)",
              "nbd_opt_info(3)", "nbd_opt_list_meta_context(3)",
              "nbd_opt_set_meta_context(3)", "nbd_opt_extended_headers(3)",
              "nbd_opt_structured_reply(3)", "nbd_opt_starttls(3)",
              "nbd_set_request_extended_headers(3)",
              "nbd_set_request_structured_replies(3)", "nbd_set_tls(3)",
              "nbd_shutdown(3)", "nbd_aio_connect(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "get_opt_mode", "1.4",
    args=[],
    ret=RBool,
    summary="see whether option mode is enabled",
    description="""
Returns true if nbd_set_opt_mode(3) turned option mode on for this
handle, so that connecting pauses in the negotiating state, and false
otherwise, which is the default.
""",
    see_also=["nbd_set_opt_mode(3)", "nbd_aio_is_negotiating(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "opt_go", "1.4",
    args=[],
    ret=RErr,
    states=(NEGOTIATING,),
    may_block=True,
    summary="finish negotiation and start using the export",
    description="""
Asks the server to end the handshake and to serve the export named by
the latest nbd_set_export_name(3), or by the URI given to
nbd_connect_uri(3).  The handle must be in option mode (see
nbd_set_opt_mode(3)).  On success the connection is in the
transmission phase and data commands such as nbd_pread(3) can be
issued.

Unless nbd_set_request_meta_context(3) has turned it off, this call
also requests, as part of the same step, the meta contexts registered
with nbd_add_meta_context(3).  Turning that off makes sense when the
contexts were already chosen earlier with nbd_opt_set_meta_context(3).

A failure does not necessarily end the connection.  A current server
usually stays in the option phase, so the handle is still negotiating
and the application may choose another export name and try again.
Older servers, however, close the connection when they refuse an
export.
""",
    errors=EXPORT_REFUSAL_ERRORS + OPTION_WIRE_ERRORS,
    see_also=["nbd_aio_opt_go(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_connect_uri(3)",
              "nbd_opt_info(3)", "nbd_opt_abort(3)",
              "nbd_add_meta_context(3)", "nbd_opt_set_meta_context(3)",
              "nbd_set_request_meta_context(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "opt_abort", "1.4",
    args=[],
    ret=RErr,
    states=(NEGOTIATING,),
    may_block=True,
    summary="end negotiation and close the connection",
    description="""
Sends `NBD_OPT_ABORT` to tell the server that the client is leaving
without selecting an export, ends the handshake as cleanly as the
server allows, and then closes the connection.  The handle must be in
option mode (see nbd_set_opt_mode(3)).  Afterwards the handle is in
the closed state; it cannot be connected again and should be freed
with nbd_close(3).

This is the polite way out of the negotiating state, for instance after
nbd_opt_list(3) when the application only wanted the list of exports.
""",
    errors=[("ENOMEM", "there was not enough memory to build the request"),
            ("EPIPE", "the server had already closed the connection; "
             "other errors of the socket are passed on as they are")],
    see_also=["nbd_aio_opt_abort(3)", "nbd_set_opt_mode(3)",
              "nbd_opt_go(3)", "nbd_shutdown(3)", "nbd_close(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "opt_starttls", "1.16",
    args=[],
    ret=RBool,
    states=(NEGOTIATING,),
    may_block=True,
    summary="ask the server to switch to TLS",
    description="""
Sends `NBD_OPT_STARTTLS` and, when the server agrees, performs the TLS
handshake, so that the remaining negotiation and all data travel
encrypted.  The handle must be in option mode (see
nbd_set_opt_mode(3)).  If nbd_set_tls(3) has any value other than the
default `LIBNBD_TLS_DISABLE`, the handle already tried TLS on its own
before giving the application control, so this call is mostly useful
with TLS left disabled.  It is not available in a build without TLS
support; see nbd_supports_tls(3).

This call exists mainly for testing unusual cases in servers.  Used
carelessly against a server that does not reset earlier negotiated
state, such as the result of nbd_opt_structured_reply(3), when TLS
starts, it can open a security hole; CVE-2021-3716 in nbdkit was of
that kind.  Where security matters, set nbd_set_tls(3) to
`LIBNBD_TLS_REQUIRE` and let the handle negotiate TLS itself.

The result tells what the server said: true if it accepted the
request, false if it answered with an error.  The call fails only when
no answer arrives, for example when the connection is lost, which
includes the server rejecting the credentials during the TLS
handshake.  The protocol treats asking for TLS a second time as a
client error; most servers just refuse the repeat, and the TLS session
that is already running stays in place, as nbd_get_tls_negotiated(3)
shows.
""",
    returns="""
On success, 1 (true) means the server accepted the request and 0
(false) means it refused it.
""",
    errors=[
        ("ENOTSUP", "when the library was built without TLS "
         "support"),
        NO_FIXED_NEWSTYLE_ERROR,
    ] + TLS_SETUP_ERRORS
    + OPTION_WIRE_ERRORS,
    see_also=["nbd_aio_opt_starttls(3)", "nbd_set_opt_mode(3)",
              "nbd_set_tls(3)", "nbd_get_tls_negotiated(3)",
              "nbd_supports_tls(3)", "nbd_opt_structured_reply(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "opt_extended_headers", "1.18",
    args=[],
    ret=RBool,
    states=(NEGOTIATING,),
    may_block=True,
    summary="ask the server to use extended headers",
    description="""
Sends `NBD_OPT_EXTENDED_HEADERS`, asking the server to use the 64-bit
request and reply headers for the rest of the connection.  The handle
must be in option mode (see nbd_set_opt_mode(3)).  Normally the handle
asks for extended headers by itself before option mode begins, unless
nbd_set_request_extended_headers(3) or
nbd_set_request_structured_replies(3) switched that off before
connecting; so this call is mainly a tool for testing how servers
handle unusual sequences.

The result tells what the server said: true if it agreed, false if it
answered with an error.  The call fails only when no answer arrives,
for example because the connection was lost.  Some servers refuse a
second request as redundant; the handle considers extended headers in
use from the first success onwards, as
nbd_get_extended_headers_negotiated(3) shows, no matter what later
calls return.  A true result also means structured replies are in use.
""",
    returns="""
On success, 1 (true) means the server agreed and 0 (false) means it
refused.
""",
    errors=[NO_FIXED_NEWSTYLE_ERROR] + OPTION_WIRE_ERRORS,
    see_also=["nbd_aio_opt_extended_headers(3)", "nbd_set_opt_mode(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_set_request_extended_headers(3)",
              "nbd_set_request_structured_replies(3)",
              "nbd_opt_structured_reply(3)", "nbd_opt_go(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "opt_structured_reply", "1.16",
    args=[],
    ret=RBool,
    states=(NEGOTIATING,),
    may_block=True,
    summary="ask the server to use structured replies",
    description="""
Sends `NBD_OPT_STRUCTURED_REPLY`, asking the server to answer commands
with structured replies.  The handle must be in option mode (see
nbd_set_opt_mode(3)).  Normally the handle asks for structured replies
by itself before option mode begins, unless
nbd_set_request_structured_replies(3) switched that off before
connecting; so this call is mainly a tool for testing how servers
handle unusual sequences.

The result tells what the server said: true if it agreed, false if it
answered with an error.  The call fails only when no answer arrives,
for example because the connection was lost.  Some servers refuse a
second request as redundant; the handle considers structured replies in
use from the first success onwards, as
nbd_get_structured_replies_negotiated(3) shows, no matter what later
calls return.  A server may also refuse this request when extended
headers were already agreed, since those take precedence.
""",
    returns="""
On success, 1 (true) means the server agreed and 0 (false) means it
refused.
""",
    errors=[NO_FIXED_NEWSTYLE_ERROR] + OPTION_WIRE_ERRORS,
    see_also=["nbd_aio_opt_structured_reply(3)", "nbd_set_opt_mode(3)",
              "nbd_get_structured_replies_negotiated(3)",
              "nbd_set_request_structured_replies(3)",
              "nbd_opt_extended_headers(3)", "nbd_opt_go(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "opt_list", "1.4",
    args=[Closure("list_callback", "list")],
    ret=RInt,
    states=(NEGOTIATING,),
    may_block=True,
    summary="ask the server for the list of its exports",
    description="""
Sends `NBD_OPT_LIST`, asking the server which exports it offers.  The
handle must be in option mode (see nbd_set_opt_mode(3)).

For each export in the answer, the function in *list_callback* is
called with its `user_data` and with the `name` and `description` the
server supplied.  Many servers send no description, and then
`description` is an empty string.  Both strings belong to the library
and are only valid during the callback, so copy whatever is needed
later.  The callback must not call functions on the same handle; in
particular, pick the export with nbd_set_export_name(3) after this call
has returned, not from inside the callback.  The callback's return
value is currently ignored, but it should not return -1.

Treat the outcome with some care.  Not every server supports the
request.  A server may deliberately send an empty list so as not to
reveal its exports, may fail half-way after part of the list was
delivered, or may answer only one such query per connection to keep
clients from negotiating forever.  So the call may succeed with no
exports at all, or fail after the callback has already run.  The
protocol sets no limit on the number of exports, so be prepared for a
long list.

Servers may need to be told to answer: nbd-server(1) only does so when
`allowlist = true` is in the `[generic]` section of its configuration
file, and qemu-nbd(8) takes an export description with its -D option.
""",
    returns="""
On success the number of exports the server listed is returned, which
may be 0.
""",
    errors=[OPTION_REFUSED_ERROR] + OPTION_WIRE_ERRORS,
    example="""
List the exports of a server and leave without selecting one:

    #include <stdbool.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <err.h>
    #include <libnbd.h>

    static int
    show_export (void *user_data, const char *name,
                 const char *description)
    {
      printf ("%s", name);
      if (description[0] != 0)
        printf (" (%s)", description);
      puts ("");
      return 0;
    }

    int
    main (void)
    {
      struct nbd_handle *nbd = nbd_create ();

      if (nbd == NULL ||
          nbd_set_opt_mode (nbd, true) == -1 ||
          nbd_connect_tcp (nbd, "localhost", "10809") == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());

      if (nbd_opt_list (nbd, (nbd_list_callback) {
                                .callback = show_export }) == -1)
        warnx ("listing failed: %s", nbd_get_error ());

      nbd_opt_abort (nbd);
      nbd_close (nbd);
      return EXIT_SUCCESS;
    }
""",
    see_also=["nbd_aio_opt_list(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_opt_info(3)",
              "nbd_opt_go(3)", "nbd_opt_abort(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "opt_info", "1.4",
    args=[],
    ret=RErr,
    states=(NEGOTIATING,),
    may_block=True,
    summary="ask the server about an export without selecting it",
    description="""
Sends `NBD_OPT_INFO` for the export named by the latest
nbd_set_export_name(3), or by the URI given to nbd_connect_uri(3).  The
handle must be in option mode (see nbd_set_opt_mode(3)) and stays in
the negotiating state afterwards.

After a success, the calls that describe an export, such as
nbd_get_size(3), nbd_is_read_only(3) or nbd_get_block_size(3), answer
for that export.  If nbd_set_request_meta_context(3) is on, as it is
by default, and structured replies or extended headers were agreed,
the registered meta contexts are negotiated too, and
nbd_can_meta_context(3) may be used as well.  To learn which contexts
an export supports, it can be cheaper to switch that off and call
nbd_opt_list_meta_context(3), which reports through a callback.

A following nbd_opt_go(3) for the same export will normally succeed
and report the same details, but not every server guarantees this.
Some servers do not support the request at all, and a server may
refuse information about an export that nbd_opt_go(3) would accept.
""",
    errors=[("ENOTSUP", "the server does not support `NBD_OPT_INFO`, or "
             "does not speak the fixed newstyle handshake, so the option "
             "cannot be sent safely")]
    + EXPORT_REFUSAL_ERRORS + OPTION_WIRE_ERRORS,
    see_also=["nbd_aio_opt_info(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_connect_uri(3)", "nbd_opt_go(3)",
              "nbd_opt_list(3)", "nbd_get_size(3)", "nbd_is_read_only(3)",
              "nbd_can_meta_context(3)", "nbd_opt_list_meta_context(3)",
              "nbd_set_request_meta_context(3)", "nbd_get_block_size(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "opt_list_meta_context", "1.6",
    args=[Closure("context_callback", "context")],
    ret=RInt,
    states=(NEGOTIATING,),
    may_block=True,
    summary="list the server's meta contexts for the export",
    description="""
Sends `NBD_OPT_LIST_META_CONTEXT` for the export named by the latest
nbd_set_export_name(3), or by the URI given to nbd_connect_uri(3).  The
handle must be in option mode (see nbd_set_opt_mode(3)).

The protocol lets the client send any number of queries along with the
request.  This call does not take them as an argument; it sends the
list of contexts registered with nbd_add_meta_context(3), which can be
reset with nbd_clear_meta_contexts(3) and filled again between calls.
To pass the queries directly, use nbd_opt_list_meta_context_queries(3).
With an empty list, servers usually report every context they support;
otherwise they report only supported contexts matching the queries.

A reply is not always one usable context name.  The server may send a
single string that stands for a whole group of possible contexts, so
the list does not prove that a given name will work with nbd_opt_go(3).
Check with nbd_can_meta_context(3) after connecting.

For each reply, the function in *context_callback* is called with its
`user_data` and the `name` sent by the server.  The string is only
valid during the callback, so copy it if it is needed afterwards.  The
callback must not call functions on the same handle; in particular,
register contexts with nbd_add_meta_context(3) only after this call has
returned.  The callback's return value is currently ignored, but it
should not return -1.

Not every server supports the request.  A server may answer with an
empty list because nothing matched, or fail after delivering part of
its answer, so the call can succeed with nothing reported or fail after
the callback has run.  There is no protocol limit on the number of
replies, so the list may be long.
""",
    returns="""
On success the number of replies the server sent is returned, which
may be 0.
""",
    errors=[("ENOTSUP", "the server does not speak the fixed newstyle "
             "handshake, or it refused the request (as servers do when "
             "neither structured replies nor extended headers were "
             "negotiated), in which case the message from "
             "nbd_get_error(3) gives its reason")]
    + OPTION_WIRE_ERRORS,
    example="""
Print every context the server offers for the export "disk", assuming
the handle is negotiating and no contexts were registered yet:

    static int
    show_context (void *user_data, const char *name)
    {
      puts (name);
      return 0;
    }

    void
    list_disk_contexts (struct nbd_handle *nbd)
    {
      if (nbd_set_export_name (nbd, "disk") == -1 ||
          nbd_opt_list_meta_context (nbd, (nbd_context_callback) {
                                            .callback = show_context })
            == -1)
        warnx ("%s", nbd_get_error ());
    }

""",
    see_also=["nbd_aio_opt_list_meta_context(3)",
              "nbd_opt_list_meta_context_queries(3)",
              "nbd_opt_set_meta_context(3)", "nbd_add_meta_context(3)",
              "nbd_clear_meta_contexts(3)", "nbd_can_meta_context(3)",
              "nbd_set_export_name(3)", "nbd_connect_uri(3)",
              "nbd_set_opt_mode(3)", "nbd_opt_go(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "opt_list_meta_context_queries", "1.16",
    args=[StringList("queries"), Closure("context_callback", "context")],
    ret=RInt,
    states=(NEGOTIATING,),
    may_block=True,
    summary="list the server's meta contexts for given queries",
    description="""
Works like nbd_opt_list_meta_context(3), sending
`NBD_OPT_LIST_META_CONTEXT` for the export named by the latest
nbd_set_export_name(3) or by the URI given to nbd_connect_uri(3), but
the queries come from *queries*, a NULL-terminated array of strings,
instead of the list built with nbd_add_meta_context(3).  That list is
neither used nor changed.  The handle must be in option mode (see
nbd_set_opt_mode(3)).

With an empty array, servers usually report every context they
support; otherwise they report only supported contexts that match one
of the queries.  A reply may stand for a group of contexts rather than
name one that nbd_opt_go(3) will accept, so confirm with
nbd_can_meta_context(3) after connecting.

For each reply, the function in *context_callback* is called with its
`user_data` and the `name` from the server; copy the string if it is
needed later, since it is only valid during the callback.  The callback
must not call functions on the same handle, so do not call
nbd_add_meta_context(3) from inside it.  Its return value is currently
ignored, but it should not return -1.

Not every server supports the request.  An empty answer, or a failure
after some replies were delivered, are both possible, so the call can
succeed with nothing reported or fail after the callback has run.
There is no protocol limit on the number of replies.
""",
    returns="""
On success the number of replies the server sent is returned, which
may be 0.
""",
    errors=[("ENOTSUP", "the server does not speak the fixed newstyle "
             "handshake, or it refused the request (as servers do when "
             "neither structured replies nor extended headers were "
             "negotiated), in which case the message from "
             "nbd_get_error(3) gives its reason")]
    + OPTION_WIRE_ERRORS,
    example="""
Ask the server which qemu dirty bitmaps the export offers, keeping
a copy of each name; the handle is negotiating:

    #define MAX_BITMAPS 16

    struct bitmaps {
      size_t count;
      char *names[MAX_BITMAPS];
    };

    static int
    note_bitmap (void *user_data, const char *name)
    {
      struct bitmaps *b = user_data;

      // name is only valid during the callback: keep a copy.
      if (b->count < MAX_BITMAPS &&
          (b->names[b->count] = strdup (name)) != NULL)
        b->count++;
      return 0;
    }

    void
    list_dirty_bitmaps (struct nbd_handle *nbd)
    {
      char *queries[] = { LIBNBD_CONTEXT_QEMU_DIRTY_BITMAP, NULL };
      struct bitmaps b = { 0 };
      size_t i;
      int n;

      // The handle is negotiating.  The query is a prefix, so the
      // server names every bitmap of the export.
      n = nbd_opt_list_meta_context_queries (nbd, queries,
            (nbd_context_callback) { .callback = note_bitmap,
                                     .user_data = &b });
      if (n == -1)
        warnx ("%s", nbd_get_error ());
      for (i = 0; i < b.count; i++) {
        puts (b.names[i]);
        free (b.names[i]);
      }
    }

""",
    see_also=["nbd_aio_opt_list_meta_context_queries(3)",
              "nbd_opt_list_meta_context(3)",
              "nbd_opt_set_meta_context_queries(3)",
              "nbd_add_meta_context(3)", "nbd_can_meta_context(3)",
              "nbd_set_export_name(3)", "nbd_connect_uri(3)",
              "nbd_set_opt_mode(3)", "nbd_opt_go(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "opt_set_meta_context", "1.16",
    args=[Closure("context_callback", "context")],
    ret=RInt,
    states=(NEGOTIATING,),
    may_block=True,
    summary="select meta contexts from the registered list",
    description="""
Sends `NBD_OPT_SET_META_CONTEXT`, asking the server to activate, for the
export named by the latest nbd_set_export_name(3) or by the URI given
to nbd_connect_uri(3), those contexts from the list registered with
nbd_add_meta_context(3) that it recognises.  The handle must be in
option mode (see nbd_set_opt_mode(3)).

Usually there is no need for this call: nbd_opt_go(3) does the same
thing by itself once structured replies or extended headers are in use.
It is meant for fine-grained control, typically when testing how a
server deals with odd negotiation sequences, and is then normally
combined with turning off nbd_set_request_meta_context(3), so that
nbd_opt_go(3) does not repeat the request.

The queries are the current list of the handle; use
nbd_clear_meta_contexts(3) and nbd_add_meta_context(3) to change it,
or nbd_opt_set_meta_context_queries(3) to pass an explicit list.
Because the call is aimed at testing servers, it does not stop you
from sending an empty list, or from sending the request when
nbd_set_request_structured_replies(3) turned structured replies off;
the point is to see how the server reacts.

For each context the server activates, the function in
*context_callback* is called with its `user_data` and the context
`name`.  The callback must not call any functions on the handle, and
its return value is currently ignored, although it should not return
-1.  The names also become visible through nbd_can_meta_context(3),
and stay so until the next nbd_set_export_name(3) or
nbd_opt_set_meta_context(3), or an nbd_opt_go(3) or nbd_opt_info(3)
that makes the automatic request.

Not every server supports the request.  An empty answer because nothing
matched, or a failure after some replies, are both possible, so the
call can succeed with nothing reported or fail after the callback has
run.
""",
    returns="""
On success the number of contexts the server reported is returned,
which may be 0.
""",
    errors=[OPTION_REFUSED_ERROR] + OPTION_WIRE_ERRORS,
    example="""
Choose the contexts before nbd_opt_go(3), and see which of them the
server took:

    static int
    show_active (void *user_data, const char *name)
    {
      const char *export = user_data;

      printf ("%s: the server activated %s\\n", export, name);
      return 0;
    }

    void
    choose_contexts (struct nbd_handle *nbd)
    {
      int n;

      // The handle is negotiating.  Choose the contexts now, and stop
      // nbd_opt_go from asking for them a second time.
      if (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == -1 ||
          nbd_add_meta_context (nbd, "example:unknown") == -1 ||
          nbd_set_request_meta_context (nbd, false) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());

      // The callback runs once per activated context, before the
      // call returns; the result counts the same contexts.
      n = nbd_opt_set_meta_context (nbd, (nbd_context_callback) {
                                           .callback = show_active,
                                           .user_data = "disk" });
      if (n == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (nbd_opt_go (nbd) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());

      // Only what the server activated above can be used now.
      if (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) != 1)
        warnx ("no allocation map: nbd_block_status_64 would fail");
    }

""",
    see_also=["nbd_aio_opt_set_meta_context(3)",
              "nbd_opt_set_meta_context_queries(3)",
              "nbd_opt_list_meta_context(3)", "nbd_add_meta_context(3)",
              "nbd_clear_meta_contexts(3)", "nbd_can_meta_context(3)",
              "nbd_set_request_meta_context(3)",
              "nbd_set_request_structured_replies(3)",
              "nbd_set_export_name(3)", "nbd_connect_uri(3)",
              "nbd_set_opt_mode(3)", "nbd_opt_go(3)", "nbd_opt_info(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "opt_set_meta_context_queries", "1.16",
    args=[StringList("queries"), Closure("context_callback", "context")],
    ret=RInt,
    states=(NEGOTIATING,),
    may_block=True,
    summary="select meta contexts from an explicit list",
    description="""
Works like nbd_opt_set_meta_context(3), sending
`NBD_OPT_SET_META_CONTEXT` for the export named by the latest
nbd_set_export_name(3) or by the URI given to nbd_connect_uri(3), but
the contexts asked for come from *queries*, a NULL-terminated array of
strings, instead of the list built with nbd_add_meta_context(3).  The
handle must be in option mode (see nbd_set_opt_mode(3)).

As with its sibling, nbd_opt_go(3) normally makes this request by
itself once structured replies or extended headers are in use, so the
call is mostly a tool for testing servers, usually together with
turning off nbd_set_request_meta_context(3).  For the same reason it
accepts an empty array, and it works even when
nbd_set_request_structured_replies(3) turned structured replies off.

For each context the server activates, the function in
*context_callback* is called with its `user_data` and the context
`name`; the callback must not call any functions on the handle, and
its return value is currently ignored, although it should not return
-1.  The names are also reported by nbd_can_meta_context(3) until the
next nbd_set_export_name(3) or nbd_opt_set_meta_context(3), or an
nbd_opt_go(3) or nbd_opt_info(3) that makes the automatic request.

Not every server supports the request.  An empty answer, or a failure
after some replies, are both possible, so the call can succeed with
nothing reported or fail after the callback has run.
""",
    returns="""
On success the number of contexts the server reported is returned,
which may be 0.
""",
    errors=[OPTION_REFUSED_ERROR] + OPTION_WIRE_ERRORS,
    example="""
Select two contexts by name, writing those the server activates to a
log file that the free function closes:

    static int
    log_context (void *user_data, const char *name)
    {
      FILE *log = user_data;

      fprintf (log, "active: %s\\n", name);
      return 0;
    }

    static void
    close_log (void *user_data)
    {
      // Called exactly once, when the library lets go of the
      // callback: here before nbd_opt_set_meta_context_queries returns.
      fclose (user_data);
    }

    void
    choose_contexts_by_name (struct nbd_handle *nbd)
    {
      char *queries[] = { LIBNBD_CONTEXT_BASE_ALLOCATION,
                          LIBNBD_CONTEXT_QEMU_ALLOCATION_DEPTH, NULL };
      FILE *log;
      int n;

      // The handle is negotiating.  The list built with
      // nbd_add_meta_context is neither used nor changed.
      if (nbd_set_request_meta_context (nbd, false) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      log = fopen ("contexts.log", "w");
      if (log == NULL)
        err (EXIT_FAILURE, "contexts.log");

      // From here on the library owns log and closes it through
      // .free, even if the call fails.
      n = nbd_opt_set_meta_context_queries (nbd, queries,
            (nbd_context_callback) { .callback = log_context,
                                     .user_data = log,
                                     .free = close_log });
      if (n == -1 || nbd_opt_go (nbd) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      printf ("%d of the contexts asked for are active\\n", n);
    }

""",
    see_also=["nbd_aio_opt_set_meta_context_queries(3)",
              "nbd_opt_set_meta_context(3)",
              "nbd_opt_list_meta_context_queries(3)",
              "nbd_can_meta_context(3)", "nbd_set_request_meta_context(3)",
              "nbd_set_request_structured_replies(3)",
              "nbd_set_export_name(3)", "nbd_connect_uri(3)",
              "nbd_set_opt_mode(3)", "nbd_opt_go(3)", "nbd_opt_info(3)",
              "nbd_add_meta_context(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "add_meta_context", "1.0",
    args=[String("name")],
    ret=RErr,
    states=(CREATED, NEGOTIATING,),
    summary="add a meta context to request from the server",
    description="""
Meta contexts select which kinds of metadata the server reports through
block status commands such as nbd_block_status_64(3).  The best known,
`base:allocation`, tells which parts of the export are holes or read as
zeroes.  The handle keeps a list of contexts to ask for during the
handshake, and this call appends *name* to it.  It may be called any
number of times.

The list is empty when the handle is created.  nbd_get_nr_meta_contexts(3)
and nbd_get_meta_context(3) show what it holds, and
nbd_clear_meta_contexts(3) empties it.  In option mode the list may
still be changed while negotiating; it is then used by the next
nbd_opt_go(3), nbd_opt_info(3), nbd_opt_list_meta_context(3) or
nbd_opt_set_meta_context(3).

*name* is a UTF-8 string of at most 4096 bytes, the protocol limit,
although servers may accept less.  The header defines constants
starting with `LIBNBD_CONTEXT_` for well-known contexts, for example
`LIBNBD_CONTEXT_BASE_ALLOCATION`, but any name may be given.  Other
contexts are specific to a server; qemu-nbd(8) offers
`qemu:dirty-bitmap:` followed by a bitmap name (its -B option) and
`qemu:allocation-depth` (its -A option).

Adding a context is only a request.  Servers support different
contexts, so after connecting ask nbd_can_meta_context(3) whether a
context was actually agreed.
""",
    errors=[("ENAMETOOLONG", "when *name* is longer than the 4096 "
             "bytes the protocol allows"),
            ("ENOMEM", "there was not enough memory to add the name to "
             "the list")],
    see_also=["nbd_get_nr_meta_contexts(3)", "nbd_get_meta_context(3)",
              "nbd_clear_meta_contexts(3)", "nbd_can_meta_context(3)",
              "nbd_set_request_meta_context(3)",
              "nbd_opt_list_meta_context(3)", "nbd_opt_set_meta_context(3)",
              "nbd_opt_go(3)", "nbd_block_status_64(3)", "nbd_opt_info(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_nr_meta_contexts", "1.6",
    args=[],
    ret=RSizeT,
    summary="count the meta contexts registered on the handle",
    description="""
Returns the length of the handle's list of meta contexts to request,
that is, how many names were added with nbd_add_meta_context(3) since
the handle was created or the list was last emptied with
nbd_clear_meta_contexts(3).  Meta contexts choose the metadata that
block status commands such as nbd_block_status_64(3) report.

The count describes requests, not results.  The server may turn some of
them down; nbd_can_meta_context(3) tells which ones it accepted.
""",
    returns="""
On success the number of registered contexts is returned, which may be
0.
""",
    see_also=["nbd_add_meta_context(3)", "nbd_get_meta_context(3)",
              "nbd_clear_meta_contexts(3)", "nbd_can_meta_context(3)",
              "nbd_block_status_64(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_meta_context", "1.6",
    args=[SizeT("i")],
    ret=RString,
    summary="return one of the registered meta context names",
    description="""
Returns a copy of entry *i* of the handle's list of meta contexts to
request, counting from 0 in the order the names were added with
nbd_add_meta_context(3).  Valid indexes run up to, but not including,
the value of nbd_get_nr_meta_contexts(3).  Meta contexts choose the
metadata that block status commands such as nbd_block_status_64(3)
report.

The name returned is the one the client asked for; whether the server
supports it is answered by nbd_can_meta_context(3).
""",
    errors=[
        ("EINVAL", "when *i* is not less than the number of "
         "registered contexts"),
        COPY_OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_add_meta_context(3)", "nbd_get_nr_meta_contexts(3)",
              "nbd_clear_meta_contexts(3)", "nbd_can_meta_context(3)",
              "nbd_block_status_64(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "clear_meta_contexts", "1.6",
    args=[],
    ret=RErr,
    states=(CREATED, NEGOTIATING,),
    summary="empty the list of meta contexts to request",
    description="""
Removes every name from the handle's list of meta contexts to request,
so that nbd_add_meta_context(3) can build a new list from scratch.
Meta contexts choose the metadata that block status commands such as
nbd_block_status_64(3) report.

This matters mostly in option mode (see nbd_set_opt_mode(3)), where an
application may want to ask about different contexts from one export
query to the next, for example between calls to
nbd_opt_list_meta_context(3).  Contexts the server has already agreed
to are not affected by clearing the list.
""",
    see_also=["nbd_add_meta_context(3)", "nbd_get_nr_meta_contexts(3)",
              "nbd_get_meta_context(3)", "nbd_can_meta_context(3)",
              "nbd_set_opt_mode(3)", "nbd_opt_list_meta_context(3)",
              "nbd_block_status_64(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_uri_allow_transports", "1.2",
    args=[FlagsArg("mask", ALLOW_TRANSPORT)],
    ret=RErr,
    states=(CREATED,),
    summary="restrict the transports allowed in NBD URIs",
    description="""
Limits the kinds of connection that a URI passed to nbd_connect_uri(3)
or nbd_aio_connect_uri(3) may ask for.  A URI whose scheme names a
transport outside *mask* is refused instead of being connected.  By
default every transport is allowed.

*mask* is a bitwise OR of:

- `LIBNBD_ALLOW_TRANSPORT_TCP` (0x1): TCP/IP, the `nbd:` and `nbds:`
  schemes.
- `LIBNBD_ALLOW_TRANSPORT_UNIX` (0x2): Unix domain sockets, the
  `nbd+unix:` and `nbds+unix:` schemes.  Leaving this out is the way to
  keep a URI from connecting to a socket in the local file system.
- `LIBNBD_ALLOW_TRANSPORT_VSOCK` (0x4): `AF_VSOCK`, the `nbd+vsock:`
  and `nbds+vsock:` schemes.
- `LIBNBD_ALLOW_TRANSPORT_SSH` (0x8): tunnelling over Secure Shell, the
  `nbd+ssh:` and `nbds+ssh:` schemes.

`LIBNBD_ALLOW_TRANSPORT_MASK` stands for every transport this build
knows, and a bit outside it makes the call fail; future versions may
add more bits.  When a URI comes from an
untrusted source, restrict it with this call and its siblings instead
of trying to inspect the string yourself.
""",
    see_also=["nbd_connect_uri(3)", "nbd_aio_connect_uri(3)",
              "nbd_set_uri_allow_tls(3)",
              "nbd_set_uri_allow_local_file(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "set_uri_allow_tls", "1.2",
    args=[EnumArg("tls", TLS)],
    ret=RErr,
    states=(CREATED,),
    summary="restrict the TLS settings allowed in NBD URIs",
    description="""
Controls whether a URI passed to nbd_connect_uri(3) or
nbd_aio_connect_uri(3) may, or must, ask for TLS.  *tls* is one of:

- `LIBNBD_TLS_DISABLE`: URIs that ask for TLS, those whose scheme starts
  with `nbds`, are refused.
- `LIBNBD_TLS_ALLOW`: the default.  The scheme decides: `nbds` schemes
  use TLS and `nbd` schemes do not.
- `LIBNBD_TLS_REQUIRE`: only `nbds` schemes are accepted; a URI without
  TLS is refused.

This only filters URIs.  The TLS behaviour of the connection itself is
set by the URI, or by nbd_set_tls(3) for the other connect calls.
""",
    see_also=["nbd_connect_uri(3)", "nbd_aio_connect_uri(3)",
              "nbd_set_uri_allow_transports(3)",
              "nbd_set_uri_allow_local_file(3)", "nbd_set_tls(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_uri_allow_local_file", "1.2",
    args=[Bool("allow")],
    ret=RErr,
    states=(CREATED,),
    summary="allow NBD URIs to refer to local files",
    description="""
Decides whether a URI passed to nbd_connect_uri(3) or
nbd_aio_connect_uri(3) may name files or directories on the local
machine.  This is off by default, since a URI from an untrusted source
could otherwise make the program read arbitrary local files.

Pass true as *allow* to permit it.  At present the setting governs the
query parameters `tls-psk-file` and `tls-certificates`; a URI using
either of them is refused while it is off.  Connecting to a local Unix
domain socket is a separate matter, controlled by
nbd_set_uri_allow_transports(3).
""",
    see_also=["nbd_connect_uri(3)", "nbd_aio_connect_uri(3)",
              "nbd_set_uri_allow_transports(3)",
              "nbd_set_uri_allow_tls(3)", "nbd_set_tls_psk_file(3)",
              "nbd_set_tls_certificates(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "set_uri_allow_tls_priority", "1.24",
    args=[Bool("allow")],
    ret=RErr,
    states=(CREATED,),
    summary="let NBD URIs choose the TLS priority string",
    description="""
Decides whether a URI passed to nbd_connect_uri(3) or
nbd_aio_connect_uri(3) may carry the query parameter
`tls-priority=PRIORITY`, which sets the TLS priority string as
nbd_set_tls_priority(3) does.  It is off by default, and a URI that
uses the parameter is then refused with `EPERM`.

The default protects programs that take URIs from others: a priority
string can turn off the stronger ciphers and protocol versions, and
can make gnutls read local configuration files.  Pass true as *allow*
only when the URIs come from a source you trust.
""",
    see_also=["nbd_connect_uri(3)", "nbd_aio_connect_uri(3)",
              "nbd_set_tls_priority(3)", "nbd_set_uri_allow_tls(3)",
              "nbd_set_uri_allow_local_file(3)",
              "nbd_set_uri_allow_transports(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "connect_uri", "1.0",
    args=[String("uri")],
    ret=RErr,
    states=(CREATED,),
    may_block=True,
    summary="connect to the server named by an NBD URI",
    description="""
Connects to an NBD server and export described by *uri*, and waits
until the connection is established.  NBD URIs follow a published
specification and pack the transport, the address, the export name and
TLS options into one string, such as `nbd://example.com/disk`.

The call takes the URI apart and applies it through the ordinary
calls, nbd_set_export_name(3), nbd_set_tls(3) and the other TLS
settings, and then connects as nbd_connect_tcp(3), nbd_connect_unix(3)
or nbd_connect_vsock(3) would, or through a Secure Shell tunnel.
Normally it returns once the handle is in the transmission phase and
ready for data commands.  When nbd_set_opt_mode(3) is on, it returns in
the negotiating state instead.  That is also how to override the
export name from the URI: change it with nbd_set_export_name(3) before
calling nbd_opt_go(3).

The scheme chooses the transport and whether TLS is used:

- `nbd:` connects over TCP/IP, using TLS only if nbd_set_tls(3) has
  already asked for it: a scheme without the s never lowers the TLS
  setting of the handle, so a URI cannot switch off TLS that the
  program requires.
- `nbds:` connects over TCP/IP with TLS, and fails if the server
  cannot provide it: it sets nbd_set_tls(3) to `LIBNBD_TLS_REQUIRE`.
- `nbd+unix:` and `nbds+unix:` connect to a Unix domain socket, without
  and with TLS.  The `socket` parameter is mandatory.
- `nbd+vsock:` and `nbds+vsock:` connect over `AF_VSOCK`, without and
  with TLS.  nbd_supports_vsock(3) tells whether this build supports
  it.
- `nbd+ssh:` and `nbds+ssh:`, which are experimental, run ssh(1) on the
  local machine and tunnel the NBD connection through it.  The remote
  machine must have the nmap version of nc(1) installed.

The scheme must be followed by `//` and the authority (which may be
empty): a string such as `nbd:host:10809/x` is refused rather than read
as the export name `host:10809/x` on the local machine.

The authority part, `[user@][host][:port]`, is read according to the
transport.  For TCP it names the server and, optionally, the port,
which defaults to 10809.  For Unix sockets it should be left empty.  For
vsock the host is the numeric CID of the peer, for example 2 for the
hypervisor seen from a guest, and a port may follow.  A user name, when
present, is used for TLS authentication, as with
nbd_set_tls_username(3).

For ssh the authority describes the Secure Shell connection alone: the
server, which must be given, the port of its sshd, which is ssh's own
default (normally 22, or what ssh_config(5) says) when left out, and
the user to log in as, which is ssh's default when left out.  The NBD
server is then reached from the remote machine at `localhost` port
10809, or at the port given by `nbd-port`, or at the Unix socket given
by `socket`; its TLS username, if it needs one, is given by
`tls-username`.  The command run is
`ssh [-C] [-p PORT] [-l USER] -- HOST nc localhost NBD-PORT`, or
`... nc -U SOCKET`.

Nothing from the URI can become an option of ssh(1) or nc(1), nor a
command of the remote shell: the host is passed after ssh's `--` and
must be a plain host name or address, the user may only hold letters,
digits, `.`, `_` and `-` (not first), the port is a number, and the
remote socket path reaches the remote shell quoted.  A host, user or
socket path that starts with `-`, a host or user with characters that
are not allowed, and a socket path with control characters are refused
with `EINVAL`.

Whatever the transport, the path after the authority holds the export
name, decoded as the NBD URI specification describes: the leading
slash is dropped and percent escapes are decoded, so `nbd://host/` and
`nbd://host` both select the default export, the empty string.

These query parameters are understood:

- `socket=PATH`: the Unix domain socket to use.  Required by the unix
  transports, optional for ssh, where it names a socket on the remote
  machine, and refused by the other transports.
- `tls-certificates=DIR`: the directory of certificates and keys, as
  for nbd_set_tls_certificates(3).  Refused unless
  nbd_set_uri_allow_local_file(3) has been enabled.
- `tls-psk-file=FILE`: the pre-shared key file, as for
  nbd_set_tls_psk_file(3).  Also refused unless
  nbd_set_uri_allow_local_file(3) has been enabled.
- `tls-hostname=NAME`: the name to check the server certificate
  against, as for nbd_set_tls_hostname(3).
- `tls-username=NAME`: the user name for TLS authentication, as for
  nbd_set_tls_username(3); it takes precedence over a user named in
  the authority (which, for ssh, is ssh's user instead).
- `tls-priority=PRIORITY`: the gnutls priority string, as for
  nbd_set_tls_priority(3).  Refused with `EPERM` unless
  nbd_set_uri_allow_tls_priority(3) has been enabled.
- `tls-verify-peer=false`: do not verify the server, as with
  nbd_set_tls_verify_peer(3).  Verification is on by default.
- `nbd-port=PORT`: the port of the NBD server, a decimal number.  For
  TCP and vsock it replaces the port of the authority; since a vsock
  port is 32 bits wide, this is also how to give one that the
  authority cannot hold.  For ssh it is the port that nc(1) connects
  to on the remote machine, the authority's port being sshd's.  Unix
  socket URIs pass over it.
- `compress=true`: for ssh only, ask ssh(1) to compress the tunnel
  (its `-C` option).  Off by default; other transports pass over it.

Other parameters are ignored, as libnbd ignores them, and so are a
host named in a Unix socket URI and anything after an escaped NUL
(`%00`) in a decoded part.  A program that would rather refuse such
URIs, or a test of the URIs it generates, can set the environment
variable `LIBNBD_URI_STRICT` to 1 before the handle is created: each
of these is then an `EINVAL` error.

Some examples:

    nbd://example.com/
    nbds://example.com:10810/disk1
    nbd+unix:///export?socket=/run/nbd.sock
    nbds+unix://alice@/?socket=/run/nbd.sock
    nbd+vsock://2:10809/
    nbd+ssh://bob@storage.example.com/scratch

A program that accepts URIs from users or other untrusted sources should
limit what they can do, rather than trying to screen the strings in
advance.  Before connecting, on the same handle, call
nbd_set_uri_allow_transports(3) to choose which transports are
accepted (all are by default; leaving out Unix sockets also rules out
connections to sockets in the local file system),
nbd_set_uri_allow_tls(3) to forbid or insist on TLS (both are accepted
by default), nbd_set_uri_allow_local_file(3) to let URIs name local
files (refused by default), and nbd_set_uri_allow_tls_priority(3) to
let them set the TLS priority string (refused by default).

URI support is an optional part of the library; nbd_supports_uri(3)
tells whether it was built in.  URIs that need TLS also depend on TLS
support, see nbd_supports_tls(3).  To build the URI of an existing
connection use nbd_get_uri(3), and to guess whether a string is an NBD
URI at all use nbd_is_uri(3).

Other programs parse NBD URIs with their own code; recent versions of
qemu(1), for example, do not decode the export name in exactly the same
way, so a URI with an unusual export name may work in one program but
not in the other.  Vsock ports are 32-bit numbers of which 0, 1 and 2
are reserved, and on Linux ports below 1024 need privileges.

Apart from the URI errors listed below, the call can fail with any
error of the connection itself, such as `ECONNREFUSED` when nothing
listens at the address.
""",
    errors=[("EINVAL", "when *uri* cannot be parsed, has an unknown "
             "scheme or no `//` after it, lacks a required part such as "
             "the `socket` parameter of a unix URI or the host of an ssh "
             "URI, or has a part the transport does not accept, such as "
             "an ssh host, user or socket that could be read as an "
             "option, an `nbd-port` that is not a port number, a "
             "`tls-priority` that gnutls cannot read, "
             "or, with `LIBNBD_URI_STRICT=1`, has a part that would "
             "otherwise be ignored"),
            ("EPERM", "when the transport, the TLS setting, a "
             "reference to a local file or a TLS priority string is "
             "forbidden by nbd_set_uri_allow_transports(3), "
             "nbd_set_uri_allow_tls(3), nbd_set_uri_allow_local_file(3) "
             "or nbd_set_uri_allow_tls_priority(3)"),
            ("ENOTSUP", "when the library was built without URI "
             "support, or the URI needs TLS or vsock and that support "
             "is missing"),
            ("ENAMETOOLONG", "when the export name in the URI is longer "
             "than 4096 bytes, or the `socket` path does not fit in a "
             "Unix socket address"),
            ("ENOENT", "when the host name or port of a TCP URI cannot "
             "be resolved, or ssh(1) cannot be found"),
            ("ECONNREFUSED", "when nothing listens at the address; other "
             "errors of connect(2) are passed on as they are")]
    + HANDSHAKE_ERRORS,
    example="""
Connect to the URI given on the command line, accepting only TCP and
Unix socket URIs, and copy the first sector of the export to standard
output:

    #include <stdio.h>
    #include <stdlib.h>
    #include <err.h>
    #include <libnbd.h>

    int
    main (int argc, char *argv[])
    {
      char sector[512];
      struct nbd_handle *nbd;

      if (argc != 2)
        errx (EXIT_FAILURE, "usage: %s URI", argv[0]);

      nbd = nbd_create ();
      if (nbd == NULL)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());

      if (nbd_set_uri_allow_transports (nbd,
                                        LIBNBD_ALLOW_TRANSPORT_TCP |
                                        LIBNBD_ALLOW_TRANSPORT_UNIX)
            == -1 ||
          nbd_connect_uri (nbd, argv[1]) == -1 ||
          nbd_pread (nbd, sector, sizeof sector, 0, 0) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());

      fwrite (sector, 1, sizeof sector, stdout);

      nbd_shutdown (nbd, 0);
      nbd_close (nbd);
      return EXIT_SUCCESS;
    }
""",
    see_also=["nbd_aio_connect_uri(3)", "nbd_get_uri(3)",
              "nbd_is_uri(3)", "nbd_supports_uri(3)",
              "nbd_supports_tls(3)", "nbd_supports_vsock(3)",
              "nbd_set_uri_allow_transports(3)",
              "nbd_set_uri_allow_tls(3)",
              "nbd_set_uri_allow_local_file(3)",
              "nbd_set_uri_allow_tls_priority(3)", "nbd_connect_tcp(3)",
              "nbd_connect_unix(3)", "nbd_connect_vsock(3)",
              "nbd_set_export_name(3)", "nbd_set_opt_mode(3)",
              "nbd_opt_go(3)", "nbd_set_tls(3)",
              "nbd_set_tls_certificates(3)", "nbd_set_tls_psk_file(3)",
              "nbd_set_tls_hostname(3)", "nbd_set_tls_username(3)",
              "nbd_set_tls_priority(3)", "nbd_set_tls_verify_peer(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "connect_unix", "1.0",
    args=[String("unixsocket")],
    ret=RErr,
    states=(CREATED,),
    may_block=True,
    summary="connect to a local NBD server over a Unix domain socket",
    description="""
Open a connection to an NBD server on this machine through the Unix
domain socket found at the path name *unixsocket*, then go through the
NBD handshake with it.

The call blocks until it is done.  Normally the library handles option
negotiation on its own, and on success the handle is in the
transmission phase, ready for data commands such as nbd_pread(3).  If
option mode was switched on beforehand with nbd_set_opt_mode(3), the
call returns as soon as the handle reaches the negotiating state
instead, so that the caller can send options of its own and finish
with nbd_opt_go(3).

Everything that shapes the handshake (the export name from
nbd_set_export_name(3), TLS from nbd_set_tls(3), meta contexts from
nbd_add_meta_context(3), and so on) must be configured before this
call.  A handle can only be connected once: if the socket cannot be
reached or the handshake goes wrong, the handle normally ends up dead
and the only thing left to do is nbd_close(3).  Errors from the
underlying connect(2), such as `ENOENT` when nothing exists at the
path or `ECONNREFUSED` when no server listens there, are passed on
through nbd_get_errno(3).

nbd_aio_connect_unix(3) starts the same connection without waiting
for it.
""",
    errors=[
        ("ENAMETOOLONG", "when *unixsocket* is too long to fit in a "
         "Unix socket address"),
        ("ENOENT", "when nothing exists at *unixsocket*"),
        ("ECONNREFUSED", "when no server listens on the socket; other "
         "errors of connect(2), such as `EACCES`, are passed on as they "
         "are"),
    ] + HANDSHAKE_ERRORS,
    example="""
#include <stdint.h>
#include <stdlib.h>
#include <err.h>
#include <libnbd.h>

int64_t
size_of_unix_export (const char *sockpath)
{
  struct nbd_handle *nbd;
  int64_t size;

  nbd = nbd_create ();
  if (nbd == NULL)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  if (nbd_connect_unix (nbd, sockpath) == -1)
    errx (EXIT_FAILURE, "connect: %s", nbd_get_error ());

  size = nbd_get_size (nbd);
  if (size == -1)
    errx (EXIT_FAILURE, "size: %s", nbd_get_error ());

  nbd_shutdown (nbd, 0);
  nbd_close (nbd);
  return size;
}
""",
    see_also=["nbd_aio_connect_unix(3)", "nbd_connect_tcp(3)",
              "nbd_connect_uri(3)", "nbd_create(3)", "nbd_set_opt_mode(3)",
              "nbd_get_size(3)", "nbd_close(3)", "nbd_set_export_name(3)",
              "nbd_set_tls(3)", "nbd_opt_go(3)", "libnbd(3)"],
),
Call(
    "connect_vsock", "1.2",
    args=[UInt32("cid"), UInt32("port")],
    ret=RErr,
    states=(CREATED,),
    may_block=True,
    summary="connect to an NBD server over AF_VSOCK",
    description="""
Open a connection with the `AF_VSOCK` address family and go through
the NBD handshake.  This transport links a virtual machine with its
host, so the typical use is a client inside a guest reaching a server
that runs on the hypervisor.

The peer is named by the pair *cid* and *port*.  *cid* is the context
identifier of the machine to reach; the value `2` always means the
host.  *port* is the vsock port on which the server accepts
connections, often `10809` (the usual NBD port) or whatever number the
host's administrator handed out.

Whether `AF_VSOCK` is available depends on the operating system the
library was built for; nbd_supports_vsock(3) tells you in advance.

Like the other synchronous connect calls, this one waits until the
handshake is over.  The handle then sits in the transmission phase,
or in the negotiating state if nbd_set_opt_mode(3) asked for option
mode.  All settings that affect the handshake must be made first, and
a handle whose connection attempt failed cannot be reused.
""",
    errors=[
        ("ENOTSUP", "when the library was built without support for "
         "AF_VSOCK"),
        ("ECONNREFUSED", "when nothing listens on *port* of the machine "
         "*cid*; other errors of socket(2) and connect(2) are passed on "
         "as they are"),
    ] + HANDSHAKE_ERRORS,
    see_also=["nbd_aio_connect_vsock(3)", "nbd_supports_vsock(3)",
              "nbd_connect_uri(3)", "nbd_create(3)",
              "nbd_set_opt_mode(3)", "libnbd(3)"],
),
Call(
    "connect_tcp", "1.0",
    args=[String("hostname"), String("port")],
    ret=RErr,
    states=(CREATED,),
    may_block=True,
    summary="connect to an NBD server over TCP/IP",
    description="""
Open a TCP connection to the NBD server at *hostname* and go through
the NBD handshake.

*hostname* may be a host name or a numeric IPv4 or IPv6 address.
*port* is a string too: either a service name known to the system,
such as `"nbd"`, or a decimal number such as `"10809"`.  The pair is
resolved with getaddrinfo(3), and the addresses it yields are tried
one after another until a connection succeeds.

The call does not return until the handshake is finished.  By default
the handle is then in the transmission phase; when
nbd_set_opt_mode(3) was enabled earlier it stops in the negotiating
state, where the caller drives the remaining options and ends with
nbd_opt_go(3) or nbd_opt_abort(3).

Any configuration the handshake depends on, for example the export
name, TLS settings and meta contexts, has to be in place before
calling this.  A handle can be connected only once; after a failed
attempt, close it and create a new one.  Consider nbd_set_tls(3) when
the connection crosses an untrusted network, since NBD traffic is
otherwise sent in the clear.
""",
    errors=[("ENOENT", "resolving *hostname* or *port* failed; the "
             "message from nbd_get_error(3) gives the resolver's reason"),
            ("ECONNREFUSED", "no address of the server accepted the "
             "connection; when an address failed with another error, "
             "such as `ETIMEDOUT` or `EHOSTUNREACH`, the error of the last "
             "one tried is passed on instead")]
    + HANDSHAKE_ERRORS,
    see_also=["nbd_aio_connect_tcp(3)", "nbd_connect_unix(3)",
              "nbd_connect_uri(3)", "nbd_create(3)", "nbd_set_export_name(3)",
              "nbd_set_opt_mode(3)", "nbd_set_tls(3)", "nbd_opt_go(3)",
              "libnbd(3)"],
),
Call(
    "connect_socket", "1.2",
    args=[Fd("sock")],
    ret=RErr,
    states=(CREATED,),
    may_block=True,
    summary="run the NBD handshake over an already connected socket",
    description="""
Hand the library a socket, *sock*, that the caller has already
connected to an NBD server, and perform the NBD handshake over it.

Creating and connecting the socket is entirely up to the caller, which
makes this the escape hatch when none of the other connect calls fits:
an address family the library knows nothing about, a socket inherited
from another process, or one end of a socketpair(2) whose other end
is served by a child process or a test harness.

Unless the call fails at once with `EBADF`, the descriptor then
belongs to the handle, whether or not the handshake succeeds.  The
library closes it when the connection fails or the handle is closed
with nbd_close(3), and the caller must neither read, write nor close
it from then on.

As with the other synchronous connect calls, this one returns only
when the handshake is done: in the transmission phase by default, or
in the negotiating state when nbd_set_opt_mode(3) enabled option mode.
Settings that influence the handshake have to be made beforehand.
""",
    errors=[("EBADF", "*sock* is not an open file descriptor; the handle "
             "is then left as it was, and the descriptor is still the "
             "caller's")]
    + HANDSHAKE_ERRORS,
    see_also=["nbd_aio_connect_socket(3)", "nbd_connect_command(3)",
              "nbd_set_opt_mode(3)", "nbd_create(3)", "nbd_close(3)",
              "libnbd(3)"],
),
Call(
    "connect_command", "1.0",
    args=[StringList("argv")],
    ret=RErr,
    states=(CREATED,),
    may_block=True,
    summary="start an NBD server as a subprocess and connect to it",
    description="""
Launch an NBD server as a child process and talk NBD to it over its
standard input and standard output.

*argv* is a NULL-terminated array of strings: `argv[0]` is the program
to run, looked up in `PATH` when it contains no slash, and the rest
are its arguments.  The library creates a connected pair of sockets,
forks, and in the child makes one end of the pair both file
descriptor 0 and file descriptor 1 before executing the program; the
parent keeps the other end for itself.  The child's standard error is
left alone, so server messages show up wherever the caller's go.

Only servers that can serve a single client over stdin and stdout
work this way.  Examples are nbdkit(1) started with `-s` (or
`--single`) and nbd-server(1) configured with port 0.  For
qemu-nbd(8), which expects to receive a listening socket, use
nbd_connect_systemd_socket_activation(3) instead.

The call blocks until the handshake with the child is over, ending in
the transmission phase, or in the negotiating state if
nbd_set_opt_mode(3) enabled option mode.  When the handle is closed
with nbd_close(3), the server process is stopped as well.
nbd_get_subprocess_pid(3) reports its process ID and
nbd_kill_subprocess(3) can end it earlier.  With nbdkit it is also
wise to pass `--exit-with-parent`, so the server cannot outlive a
client that crashes.
""",
    errors=[
        ("EINVAL", "when *argv* holds no strings at all"),
        ("ENOENT", "when the program cannot be found; other errors "
         "from running it, such as `EACCES`, are passed on as they are"),
        ("EMFILE", "when no file descriptors are left for the socket "
         "pair; this and the other errors of socketpair(2) and fork(2), "
         "such as `EAGAIN`, are passed on as they are"),
    ] + HANDSHAKE_ERRORS,
    example="""
#include <stdlib.h>
#include <string.h>
#include <err.h>
#include <libnbd.h>

int
main (void)
{
  char *argv[] = { "nbdkit", "--single", "--exit-with-parent",
                   "memory", "size=64M", NULL };
  struct nbd_handle *nbd;
  char sector[512];

  nbd = nbd_create ();
  if (nbd == NULL)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  // nbdkit serves a scratch RAM disk over its stdin and stdout.
  if (nbd_connect_command (nbd, argv) == -1)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  memset (sector, 'A', sizeof sector);
  if (nbd_pwrite (nbd, sector, sizeof sector, 4096, 0) == -1)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  // Closing the handle stops nbdkit; the RAM disk is gone.
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
""",
    see_also=["nbd_aio_connect_command(3)",
              "nbd_connect_systemd_socket_activation(3)",
              "nbd_connect_socket(3)", "nbd_get_subprocess_pid(3)",
              "nbd_kill_subprocess(3)", "nbd_create(3)",
              "nbd_set_opt_mode(3)", "nbd_close(3)", "libnbd(3)",
              "nbdkit(1)"],
),
Call(
    "connect_systemd_socket_activation", "1.2",
    args=[StringList("argv")],
    ret=RErr,
    states=(CREATED,),
    may_block=True,
    summary="start an NBD server with systemd socket activation",
    description="""
Launch an NBD server as a child process, give it a listening socket
the way systemd socket activation does, and connect to that socket.

*argv* is a NULL-terminated array of strings: the program to run,
found through `PATH` if needed, followed by its arguments.  The
library creates a Unix domain socket in a private temporary
directory, starts the child with that socket as file descriptor 3,
and sets `LISTEN_PID` and `LISTEN_FDS` in the child's environment so
that the server knows it was handed a socket.  The library itself
then connects to the socket as an ordinary client.

This is the usual way to run qemu-nbd(8) or qemu-storage-daemon(1)
privately, for example to open a qcow2 image.  nbdkit(1) understands
socket activation too, so either this call or
nbd_connect_command(3) can start it.  nbd-server(1) does not support
the protocol and must be started with nbd_connect_command(3).

A name for the socket can be chosen beforehand with
nbd_set_socket_activation_name(3); it reaches the server in the
`LISTEN_FDNAMES` variable.

The call waits until the handshake is done and leaves the handle in
the transmission phase, or in the negotiating state if option mode
was requested with nbd_set_opt_mode(3).  Closing the handle with
nbd_close(3) also stops the server; nbd_get_subprocess_pid(3) and
nbd_kill_subprocess(3) give finer control.
""",
    errors=[
        ("EINVAL", "when *argv* holds no strings at all"),
        ("ENOENT", "when the program cannot be found; other errors "
         "from running it, such as `EACCES`, are passed on as they are"),
        ("EMFILE", "when no file descriptors are left for the listening "
         "socket; this and the other errors of making the socket and its "
         "temporary directory, or of fork(2), such as `EAGAIN`, are "
         "passed on as they are"),
    ] + HANDSHAKE_ERRORS,
    see_also=["nbd_aio_connect_systemd_socket_activation(3)",
              "nbd_connect_command(3)",
              "nbd_set_socket_activation_name(3)",
              "nbd_get_socket_activation_name(3)",
              "nbd_get_subprocess_pid(3)", "nbd_kill_subprocess(3)",
              "nbd_create(3)", "nbd_set_opt_mode(3)", "libnbd(3)",
              "qemu-nbd(8)"],
),
Call(
    "set_socket_activation_name", "1.16",
    args=[String("socket_name")],
    ret=RErr,
    states=(CREATED,),
    summary="choose the name given to a socket-activated server",
    description="""
Pick the name that nbd_connect_systemd_socket_activation(3) attaches
to the socket it passes to the server.  The name travels in the
`LISTEN_FDNAMES` environment variable of the child process.

Most servers pay no attention to it.  A few, such as
qemu-storage-daemon(1), let their command line refer to a passed
socket by this name.

*socket_name* may hold at most 255 ASCII letters and digits; anything
else is refused.  The empty string, which is also what a new handle
starts with, means no name is set; the server then sees the name
`unknown`.  The setting only matters if it is made before the handle
connects.
""",
    errors=[
        ("EINVAL", "when *socket_name* contains characters other than "
         "ASCII letters and digits, or is longer than 255 bytes"),
        ("ENOMEM", "there was not enough memory to keep a copy of "
         "*socket_name*"),
    ],
    see_also=["nbd_get_socket_activation_name(3)",
              "nbd_connect_systemd_socket_activation(3)",
              "nbd_aio_connect_systemd_socket_activation(3)",
              "libnbd(3)"],
),
Call(
    "get_socket_activation_name", "1.16",
    args=[],
    ret=RString,
    summary="return the name given to a socket-activated server",
    description="""
Report the socket name that nbd_connect_systemd_socket_activation(3)
uses, or would use, on this handle, as chosen with
nbd_set_socket_activation_name(3).

An empty string means no name was chosen; in that case the server is
told the name `unknown`.
""",
    errors=[COPY_OUT_OF_MEMORY_ERROR],
    see_also=["nbd_set_socket_activation_name(3)",
              "nbd_connect_systemd_socket_activation(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "is_read_only", "1.0",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether the export refuses writes",
    description="""
Tell whether the server marked the export as read-only.  When it did,
commands that modify the export, such as nbd_pwrite(3), nbd_trim(3)
and nbd_zero(3), will not succeed; unless nbd_set_strict_mode(3) has
relaxed the checks, the library refuses them itself without sending
anything.

The answer comes from the export flags the server sent during the
handshake, which the handle keeps, so the call never blocks.  In the
negotiating state those flags exist only after a successful
nbd_opt_info(3).
""",
    errors=[("EINVAL", "the server has not described the export yet, "
             "as in option mode before nbd_opt_info(3) or nbd_opt_go(3) "
             "has succeeded")],
    see_also=["nbd_pwrite(3)", "nbd_trim(3)", "nbd_zero(3)",
              "nbd_can_flush(3)", "nbd_opt_info(3)", "nbd_opt_go(3)",
              "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "can_flush", "1.0",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether the server accepts the flush command",
    description="""
Tell whether the server advertised support for the flush command, the
one that nbd_flush(3) and nbd_aio_flush(3) send.  When this is false,
a flush request fails, and by default the library rejects it before
it reaches the server.
""" + EXPORT_FLAG_SOURCE_PARAGRAPH,
    errors=[("EINVAL", "the server has not described the export yet, "
             "as in option mode before nbd_opt_info(3) or nbd_opt_go(3) "
             "has succeeded")],
    see_also=["nbd_flush(3)", "nbd_aio_flush(3)", "nbd_can_fua(3)",
              "nbd_is_read_only(3)", "nbd_opt_info(3)", "nbd_opt_go(3)",
              "nbd_set_strict_mode(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "can_fua", "1.0",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether the server honours the FUA flag",
    description="""
Tell whether the server accepts the "force unit access" flag,
`LIBNBD_CMD_FLAG_FUA`, on the commands that take it: nbd_pwrite(3),
nbd_trim(3), nbd_zero(3) and their asynchronous forms.  With that flag
a command is only answered once its effect is on stable storage, which
is often cheaper than a separate nbd_flush(3).
""" + EXPORT_FLAG_SOURCE_PARAGRAPH,
    errors=[NO_EXPORT_YET_ERROR],
    see_also=["nbd_pwrite(3)", "nbd_trim(3)", "nbd_zero(3)",
              "nbd_can_flush(3)", "nbd_opt_info(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "is_rotational", "1.0",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether the export behaves like a spinning disk",
    description="""
Tell whether the server described the export as rotational, meaning
it behaves like a hard disk or other medium with moving parts, where
seeking is slow and sequential access pays off.  False means random
access costs nothing special, as with an SSD or a RAM disk, or simply
that the server did not say.  The flag is only a hint that a client
may use when ordering its requests.
""" + EXPORT_FLAG_SOURCE_PARAGRAPH,
    errors=[NO_EXPORT_YET_ERROR],
    see_also=["nbd_opt_info(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "can_trim", "1.0",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether the server accepts the trim command",
    description="""
Tell whether the server advertised support for the trim (discard)
command sent by nbd_trim(3) and nbd_aio_trim(3).  When this is false,
a trim request fails, and by default the library rejects it before
sending it.
""" + EXPORT_FLAG_SOURCE_PARAGRAPH,
    errors=[NO_EXPORT_YET_ERROR],
    see_also=["nbd_trim(3)", "nbd_aio_trim(3)", "nbd_can_zero(3)",
              "nbd_opt_info(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "can_zero", "1.0",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether the server accepts the zero command",
    description="""
Tell whether the server advertised support for the write-zeroes
command sent by nbd_zero(3) and nbd_aio_zero(3), which sets a range
to zero without carrying any data over the network.  When this is
false, a zero request fails, and by default the library rejects it
before sending it.
""" + EXPORT_FLAG_SOURCE_PARAGRAPH,
    errors=[NO_EXPORT_YET_ERROR],
    see_also=["nbd_zero(3)", "nbd_aio_zero(3)", "nbd_can_fast_zero(3)",
              "nbd_can_trim(3)", "nbd_opt_info(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "can_fast_zero", "1.2",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether the server honours the fast zero flag",
    description="""
Tell whether the server accepts `LIBNBD_CMD_FLAG_FAST_ZERO` on the
zero command (nbd_zero(3), nbd_aio_zero(3)).  A zero request carrying
that flag fails quickly when the server could only satisfy it slowly,
for instance by writing out zeroes, instead of taking the slow path.
A program such as a disk copier can use this to decide cheaply
whether zeroing a region in advance is worthwhile.
""" + EXPORT_FLAG_SOURCE_PARAGRAPH,
    errors=[NO_EXPORT_YET_ERROR],
    see_also=["nbd_zero(3)", "nbd_aio_zero(3)", "nbd_can_zero(3)",
              "nbd_opt_info(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "can_block_status_payload", "1.18",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether block status requests may be filtered",
    description="""
Tell whether the server lets a block status request carry a payload,
that is, whether `LIBNBD_CMD_FLAG_PAYLOAD_LEN` may be used to ask
about only some of the negotiated meta contexts.  This is what
nbd_block_status_filter(3) needs.

Such payloads only exist with extended headers, so the answer is
always false when nbd_get_extended_headers_negotiated(3) is false.
""" + EXPORT_FLAG_SOURCE_PARAGRAPH,
    errors=[NO_EXPORT_YET_ERROR],
    see_also=["nbd_block_status_filter(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_can_meta_context(3)", "nbd_opt_info(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "can_df", "1.0",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether reads may ask for an unfragmented reply",
    description="""
Tell whether `LIBNBD_CMD_FLAG_DF` ("don't fragment") can be used on
reads made with nbd_pread_structured(3) or
nbd_aio_pread_structured(3), asking the server to send the data back
as one piece.  The answer is true only if the server advertised the
flag and structured replies (or extended headers) are in use on this
connection; without them every read reply is a single piece anyway
and the flag has no meaning.

The value is taken from state saved in the handle during the
handshake, so the call does not block.  While negotiating in option
mode it is only available after nbd_opt_info(3) has succeeded.
""",
    errors=[NO_EXPORT_YET_ERROR],
    see_also=["nbd_pread_structured(3)", "nbd_aio_pread_structured(3)",
              "nbd_get_structured_replies_negotiated(3)",
              "nbd_opt_info(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "can_multi_conn", "1.0",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether several connections may share the export",
    description="""
Tell whether the server advertised multi-conn for this export.  With
multi-conn the server either keeps no cache or shares one cache among
all connections to the export, so a flush, or a write with the FUA
flag, made on any one connection also covers data written through
the others, and every connection sees the same contents.

Without it, spreading writes to one export over several connections
is unsafe: a flush on one connection need not cover the writes made
on another, and reads may return stale data.  The safe pattern is to
open one connection, check this call, and only then open more
connections to the same export if the answer is true.  Read-only
access over several connections does not depend on this flag in the
same way, but still needs care if anything else writes to the export.
""" + EXPORT_FLAG_SOURCE_PARAGRAPH,
    errors=[NO_EXPORT_YET_ERROR],
    see_also=["nbd_flush(3)", "nbd_can_fua(3)", "nbd_opt_info(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "can_cache", "1.0",
    args=[],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether the server accepts the cache command",
    description="""
Tell whether the server advertised support for the cache (prefetch)
command sent by nbd_cache(3) and nbd_aio_cache(3).  When this is
false, a cache request fails, and by default the library rejects it
before sending it.
""" + EXPORT_FLAG_SOURCE_PARAGRAPH,
    errors=[NO_EXPORT_YET_ERROR],
    see_also=["nbd_cache(3)", "nbd_aio_cache(3)", "nbd_opt_info(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "can_meta_context", "1.0",
    args=[String("metacontext")],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether the server agreed to a meta context",
    description="""
Tell whether the meta context named *metacontext* was accepted by the
server during negotiation, so that block status requests can report
on it.  A context is only ever accepted if the client asked for it,
normally with nbd_add_meta_context(3) before connecting, or with
nbd_opt_set_meta_context(3) in option mode.  The answer is false for
a context that was not requested, that the server turned down, or
when neither structured replies nor extended headers were negotiated.

*metacontext* is a full context name, for example
`LIBNBD_CONTEXT_BASE_ALLOCATION` (`"base:allocation"`) or a qemu
dirty bitmap name starting with `LIBNBD_CONTEXT_QEMU_DIRTY_BITMAP`.
The header defines constants beginning with `LIBNBD_CONTEXT_` for
well-known contexts, but any string may be passed.

The call fails, rather than answering false, when contexts were
requested but no meta context negotiation with the server has taken
place, or it did not succeed; this can happen in option mode, for
example when nbd_set_request_meta_context(3) was turned off and
nbd_opt_set_meta_context(3) was never called.

When the server supports filtered block status (see
nbd_can_block_status_payload(3)), every context named in a call to
nbd_block_status_filter(3) must be one for which this call returns
true.

The answer comes from information saved in the handle during
negotiation, so the call does not block.
""",
    errors=[
        ("EINVAL", "Contexts were requested, but no meta context negotiation "
         "with the server has taken place or it did not succeed, as "
         "described above."),
    ],
    see_also=["nbd_add_meta_context(3)", "nbd_opt_set_meta_context(3)",
              "nbd_set_request_meta_context(3)", "nbd_block_status_64(3)",
              "nbd_aio_block_status_64(3)", "nbd_block_status_filter(3)",
              "nbd_can_block_status_payload(3)", "nbd_opt_info(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_protocol", "1.2",
    args=[],
    ret=RStaticString,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="report which NBD handshake style the server used",
    description="""
Report the variant of the NBD protocol that the connection uses, as
one of these strings:

- `"newstyle-fixed"`: the modern handshake, which nearly every
  current server speaks; it supports options, export names and TLS.
- `"newstyle"`: the short-lived first form of the newstyle
  handshake, without the fixed extension.
- `"oldstyle"`: the original protocol from before 2011, in which the
  server sends the export details straight away and no options can be
  negotiated.

Later versions may add further strings, so callers should not treat
an unknown value as an error.  The string is static: do not free it.

The value was recorded during the handshake, so the call does not
block.
""",
    see_also=["nbd_get_handshake_flags(3)",
              "nbd_get_structured_replies_negotiated(3)",
              "nbd_get_tls_negotiated(3)", "nbd_get_block_size(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_size", "1.0",
    args=[],
    ret=RInt64,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="return the size of the export in bytes",
    description="""
Return the size of the export, in bytes, as the server announced it.

The size is not necessarily a multiple of any block size; if the
server set a minimum block size (see nbd_get_block_size(3)) and the
size is not a multiple of it, the last partial block cannot be
reached with aligned requests.

The size was recorded during the handshake, so the call does not
block.  In the negotiating state of option mode it is known only
after a successful nbd_opt_info(3).  From the shell, the `--size`
option of nbdinfo(1) gives the same number.
""",
    returns="The size of the export in bytes, which may be 0.",
    errors=[
        NO_EXPORT_YET_ERROR,
        ("EOVERFLOW", "The server announced a size too large for a signed "
         "64-bit integer."),
    ],
    see_also=["nbd_get_block_size(3)", "nbd_opt_info(3)",
              "nbd_connect_unix(3)", "nbd_create(3)", "libnbd(3)",
              "nbdinfo(1)"],
),
Call(
    "get_block_size", "1.4",
    args=[EnumArg("size_type", BLOCK_SIZE)],
    ret=RInt64,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="return one of the server's block size constraints",
    description="""
Return one of the block size constraints that apply to this export.
*size_type* selects which one; a result of 0 means the server gave no
value for it.  The server's constraints are advice: some servers
enforce them and some do not.

- `LIBNBD_SIZE_MINIMUM`: the smallest unit of access.  When set it is
  a power of two from 1 to 64 KiB, and requests whose offset or length
  is not a multiple of it may fail with `EINVAL`.  The export size is
  normally a multiple too; any tail beyond the last whole block cannot
  be reached with aligned requests.  When the server says nothing,
  512 is the careful assumption, although many servers accept single
  bytes.  If the server does give a value, the library checks
  alignment itself before sending, unless `LIBNBD_STRICT_ALIGN` was
  removed with nbd_set_strict_mode(3).
- `LIBNBD_SIZE_PREFERRED`: a power of two giving the request size the
  server handles efficiently.  Smaller requests may cost extra work
  on the server, such as read-modify-write cycles.  It can exceed the
  export size.  When the server says nothing, 4 KiB is a reasonable
  choice.
- `LIBNBD_SIZE_MAXIMUM`: the largest length the server accepts in one
  nbd_pread(3) or nbd_pwrite(3).  Commands that move no data, such as
  nbd_zero(3), may be allowed larger lengths.  The library caps reads
  and writes at 64 MiB whatever the server says.  When the server
  says nothing, staying at or under 32 MiB is prudent, as some servers
  drop the connection on larger transfers.
- `LIBNBD_SIZE_PAYLOAD`: not sent by the server, but worked out by
  the library: the biggest write payload it lets through on this
  connection unless `LIBNBD_STRICT_PAYLOAD` was removed with
  nbd_set_strict_mode(3).  It is never 0; it lies between 1 MiB and
  64 MiB and equals `LIBNBD_SIZE_MAXIMUM` when that is possible.

Further values of *size_type* may be defined as the protocol grows.
The library asks the server for its constraints by default; whether
it asks can be changed with nbd_set_request_block_size(3), and that
may change what the server reports.

The values were recorded during the handshake, so the call does not
block.
""",
    returns="The requested constraint in bytes, or 0 when the server "
    "did not give one.",
    errors=[NO_EXPORT_YET_ERROR],
    see_also=["nbd_get_size(3)", "nbd_set_request_block_size(3)",
              "nbd_set_strict_mode(3)", "nbd_pread(3)", "nbd_pwrite(3)",
              "nbd_zero(3)", "nbd_opt_info(3)", "nbd_get_protocol(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "pread", "1.0",
    args=[Buffer("buf", write=True),
          UInt64("offset"),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    may_block=True,
    summary="read data from the export",
    description="""
Read *count* bytes from the export, starting at byte *offset*, into
*buf*, and wait until the read has finished.  The read succeeds or
fails as a whole: on success every byte of *buf* has been filled from
the server.  nbd_aio_pread(3) issues the same read without waiting.

The library will not read more than 64 MiB in one request, even if
the server would accept more; larger *count* values fail with
`ERANGE`.  The server may impose a smaller limit, which
nbd_get_block_size(3) reports as `LIBNBD_SIZE_MAXIMUM`, as well as an
alignment, reported as `LIBNBD_SIZE_MINIMUM`.

*flags* must be 0; the argument is there for future protocol extensions,
and while `LIBNBD_STRICT_FLAGS` is set a flag that does not belong to a
read fails with `EINVAL`.  To request `LIBNBD_CMD_FLAG_DF`, or to watch
the individual pieces of the server's reply, use
nbd_pread_structured(3).

If the read fails, what *buf* holds depends on
nbd_get_pread_initialize(3).  When it is true, which is the default,
the library fills *buf* with zeroes before reporting the failure, so it
never holds left-over memory contents.  When it is false, the contents
are undefined.

By default the library checks the request before sending it and
fails straight away if the server would most likely refuse it: for
example a range that reaches past the end of the export, a length of
zero, a misaligned request, or an unknown flag.  Which of these
checks apply is controlled by nbd_set_strict_mode(3).  Errors that
the server itself reports, such as `EIO`, are passed on through
nbd_get_errno(3).
""",
    errors=[
        READ_TOO_LONG_ERROR,
        strict_flags_error("a read"),
        DF_UNSUPPORTED_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        SERVER_COMMAND_ERROR,
        ("EIO", "The server's reply chunks left part of the range unfilled."),
        BROKEN_REPLY_ERROR,
    ] + REPLY_LOST_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <stdbool.h>
#include <stdlib.h>
#include <err.h>
#include <libnbd.h>

// Does the first sector of the export end in an MBR boot signature?
bool
has_mbr_signature (struct nbd_handle *nbd)
{
  unsigned char sector[512];

  if (nbd_pread (nbd, sector, sizeof sector, 0, 0) == -1)
    errx (EXIT_FAILURE, "read: %s", nbd_get_error ());

  return sector[510] == 0x55 && sector[511] == 0xaa;
}
""",
    see_also=["nbd_aio_pread(3)", "nbd_pread_structured(3)",
              "nbd_pwrite(3)", "nbd_get_block_size(3)",
              "nbd_get_pread_initialize(3)", "nbd_set_pread_initialize(3)",
              "nbd_set_strict_mode(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "pread_structured", "1.0",
    args=[Buffer("buf", write=True),
          UInt64("offset"),
          Closure("chunk_callback", "chunk"),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    may_block=True,
    summary="read data from the export, seeing each reply chunk",
    description="""
Read *count* bytes from the export, starting at byte *offset*, into
*buf*, like nbd_pread(3), while calling *chunk_callback* for each
piece of the reply as it arrives.  When structured replies are in
use, the server may split its answer into several chunks, each
covering part of the range, and send them in any order; the library
puts each one in its place in *buf* and then reports it.  The callback
can look at the data, count holes, or apply checks of its own to the
server's reply.  The call returns once the whole reply has been
received.  nbd_aio_pread_structured(3) is the form that does not
wait.

The callback function returns `int`.  Its first parameter is the
`user_data` member of *chunk_callback*, and the others are:

- `subbuf` and `count`: the part of the buffer that the current chunk
  has just filled.  In C, `subbuf` always points inside *buf*; other
  language bindings need not keep that promise.
- `offset`: the position of `subbuf` within the export, counted from
  the start of the export, not from the start of *buf*.
- `status`: what kind of chunk this is (see below).
- `error`: a pointer to an errno value, whose meaning on entry depends
  on `status`.

`status` is one of:

- `LIBNBD_READ_DATA` (1): the server sent `count` bytes of data, now
  in `subbuf`.  On entry, the value `error` points to is the errno of
  an error already detected for this read, or 0 if there is none.
- `LIBNBD_READ_HOLE` (2): the server reported the range as a hole,
  and `subbuf` now holds `count` zero bytes.  The value `error` points
  to has the same meaning as for `LIBNBD_READ_DATA`.
- `LIBNBD_READ_ERROR` (3): the server reported an error tied to
  `offset`.  `count` is 0 and `subbuf` must not be used.  On entry,
  the value `error` points to is the errno the server gave for that
  offset, whether or not an earlier error was seen.

The callback returns 0 to accept the chunk, or -1 to make the whole
read fail.  When it returns -1 and no error has been recorded for the
read before, the read fails with the errno value the callback stored
through `error`, or with `EPROTO` if it left 0 there.  Anything stored
through `error` is ignored unless the callback returns -1.  Failing
does not stop later chunks: the callback is still invoked for each
one that arrives.

The callback runs while the library holds the handle's lock, so it
must not call any of the library's functions on the same handle;
doing so would deadlock.

The number of calls is not fixed.  A server that replies without
chunks (when structured replies were not negotiated) results in one
`LIBNBD_READ_DATA` call for the whole buffer.  The callback may not
be called at all when the read fails, in particular because
`LIBNBD_READ_ERROR` is only used for errors the server ties to an
offset, not for errors about the request as a whole; but if the read
succeeds, the callback has been called at least once.  A server that
breaks the protocol can cause more calls than expected, or
`LIBNBD_READ_DATA` calls with `count` equal to 0.  Chunks that overlap
fail the read with `EPROTO`, and chunks that leave part of the range
unfilled fail it with `EIO`.  New `status` values could appear
with future protocol extensions, but only for clients that have asked
for those extensions.

*flags* may be 0 or `LIBNBD_CMD_FLAG_DF`, which asks the server to
send the data as a single chunk.  By default the library only lets
that flag through when nbd_can_df(3) is true.  It does not verify
that the server obeyed it.  Any other flag fails with `EINVAL` while
`LIBNBD_STRICT_FLAGS` is set.

As for nbd_pread(3): one request may not exceed 64 MiB (`ERANGE`),
the server may have its own limits reported by
nbd_get_block_size(3), the contents of *buf* after a failure depend
on nbd_get_pread_initialize(3), and nbd_set_strict_mode(3) decides
which doubtful requests are refused by the library before they are
sent.

The free function of *chunk_callback*, if any, is called once the
library has finished with the callback, whether or not the read
succeeded.
""",
    errors=[
        READ_TOO_LONG_ERROR,
        strict_flags_error("a read"),
        DF_UNSUPPORTED_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        ("EIO", "The server reported an error for the read, or its chunks "
         "left part of the range unfilled.  Other errors the server sends "
         "are passed on in the same way, as are the errno values the chunk "
         "callback stores before returning -1."),
        ("EPROTO", "The chunk callback returned -1 without storing an error "
         "value, the server sent overlapping chunks, or its reply otherwise "
         "broke the protocol."),
    ] + REPLY_LOST_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <errno.h>
#include <stdint.h>
#include <libnbd.h>

static int
note_chunk (void *user_data, const void *subbuf, size_t count,
            uint64_t offset, unsigned status, int *error)
{
  uint64_t *hole_bytes = user_data;

  (void) subbuf;
  (void) offset;
  switch (status) {
  case LIBNBD_READ_HOLE:
    *hole_bytes += count;
    break;
  case LIBNBD_READ_DATA:
    if (count == 0) {        // a compliant server never does this
      *error = EPROTO;
      return -1;
    }
    break;
  case LIBNBD_READ_ERROR:
    // The server's errno is already in place; the read will fail.
    break;
  }
  return 0;
}

// Fill buf from offset; return the number of bytes that the server
// sent as holes, or -1 if the read failed.
int64_t
read_counting_holes (struct nbd_handle *nbd, void *buf, size_t len,
                     uint64_t offset)
{
  uint64_t hole_bytes = 0;
  nbd_chunk_callback cb = {
    .callback = note_chunk,
    .user_data = &hole_bytes,
  };

  if (nbd_pread_structured (nbd, buf, len, offset, cb, 0) == -1)
    return -1;
  return hole_bytes;
}
""",
    see_also=["nbd_pread(3)", "nbd_aio_pread_structured(3)",
              "nbd_can_df(3)", "nbd_get_structured_replies_negotiated(3)",
              "nbd_get_block_size(3)", "nbd_get_pread_initialize(3)",
              "nbd_set_pread_initialize(3)",
              "nbd_set_request_block_size(3)", "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "pwrite", "1.0",
    args=[Buffer("buf", write=False),
          UInt64("offset"),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    may_block=True,
    summary="write data to the export",
    description="""
Write the *count* bytes in *buf* to the export, starting at byte
*offset*, and wait until the server has acknowledged the write.  The
write succeeds or fails as a whole.  nbd_aio_pwrite(3) issues the
same write without waiting.

An acknowledged write is not necessarily on stable storage yet.  To
make sure it is, pass `LIBNBD_CMD_FLAG_FUA` or call nbd_flush(3)
afterwards.

A write to an export that nbd_is_read_only(3) reports as read-only
fails; unless strict mode was relaxed, the library refuses it itself
with `EPERM`.

The library limits the size of one write to 64 MiB, or to the
server's maximum payload if that is smaller; the effective figure is
`LIBNBD_SIZE_PAYLOAD` from nbd_get_block_size(3).  A larger *count*
is refused on the client side with `ERANGE`, which is better than
having the server drop the connection.

*flags* may be 0 or contain:

- `LIBNBD_CMD_FLAG_FUA`: the server answers only once the data is on
  stable storage.  This requires nbd_can_fua(3) to be true.
- `LIBNBD_CMD_FLAG_PAYLOAD_LEN`: normally it makes no difference
  whether the caller sets this flag; the library puts it on the wire
  exactly when extended headers are in use.  Only when
  `LIBNBD_STRICT_AUTO_FLAG` has been removed with
  nbd_set_strict_mode(3) is the caller's choice sent as it is.
""" + OTHER_FLAGS_STRICT_PARAGRAPH + """
By default the library checks the request before sending it and
fails straight away if the server would most likely refuse it, for
example a range past the end of the export, a misaligned request, or
a flag the server did not advertise.  nbd_set_strict_mode(3) selects
which of these checks apply.
""",
    errors=[
        READ_ONLY_EXPORT_ERROR,
        ("ERANGE", "*count* is larger than the write payload limit, "
         "`LIBNBD_SIZE_PAYLOAD` of nbd_get_block_size(3); checked while "
         "`LIBNBD_STRICT_PAYLOAD` is set."),
        COUNT_OVER_32_BITS_ERROR,
        strict_flags_error("a write"),
        ("EINVAL", "`LIBNBD_CMD_FLAG_FUA` was given but nbd_can_fua(3) is "
         "false; checked while `LIBNBD_STRICT_COMMANDS` is set."),
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        SERVER_COMMAND_ERROR,
        BROKEN_REPLY_ERROR,
    ] + REPLY_LOST_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_aio_pwrite(3)", "nbd_pread(3)", "nbd_flush(3)",
              "nbd_can_fua(3)", "nbd_is_read_only(3)",
              "nbd_get_block_size(3)", "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "shutdown", "1.0",
    args=[FlagsArg("flags", SHUTDOWN_FLAGS)],
    ret=RErr,
    states=(NEGOTIATING, CONNECTED,),
    may_block=True,
    summary="end the connection to the server politely",
    description="""
Tell the server that the client is leaving, and wait until the
connection is closed.  In the transmission phase this sends the NBD
disconnect command; in the negotiating state of option mode it ends
negotiation with an abort option instead.  Either way the handle
normally ends up closed, and it still has to be freed with
nbd_close(3) afterwards.

A polite goodbye lets the server finish outstanding work and tidy up,
but it gives the client nothing that simply calling nbd_close(3)
would not.  For more control, nbd_aio_disconnect(3) and
nbd_aio_opt_abort(3) do the individual steps without waiting.

*flags* is a bitmask made of zero or more of:

- `LIBNBD_SHUTDOWN_ABANDON_PENDING`: commands that are queued in the
  handle but have not been sent yet (see nbd_aio_in_flight(3)) are
  dropped rather than sent.  Without this flag they are sent to the
  server first, and the disconnect request follows them.

`LIBNBD_SHUTDOWN_MASK` holds every shutdown flag known to this version
of the library; later versions may add more.  A bit outside it fails
with `EINVAL`.  The commands that the flag drops fail with
`ENOTCONN`, as in libnbd, which their completion callbacks and
nbd_aio_command_completed(3) report.

Once the call has started, no further commands are accepted on the
handle.  Calling it on a handle that is already shutting down, for
example after nbd_aio_disconnect(3), just waits for the connection to
close.
""",
    errors=[
        ("ECONNRESET", "The server closed the connection before the "
         "disconnect request had been sent.  Other errno values from reading "
         "or writing the socket are passed on in the same way.  Once the "
         "request is out, the server closing the connection is the expected "
         "end and not an error."),
        ("EPROTO", "The server broke the protocol while the call waited."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_close(3)", "nbd_aio_disconnect(3)",
              "nbd_aio_opt_abort(3)", "nbd_opt_abort(3)",
              "nbd_aio_in_flight(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "flush", "1.0",
    args=[FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    may_block=True,
    summary="make completed writes durable on the server",
    description="""
Send the flush command and wait for the answer.  When the call
succeeds, every write that the server had already acknowledged before
it received the flush has reached stable storage.  Writes that are
still in flight at the same time are not covered.  nbd_aio_flush(3)
sends the same command without waiting.

The server must have advertised the command (see nbd_can_flush(3)).
If it did not, the request fails, and by default the library refuses
it without contacting the server.  When only particular writes need
to be durable, the `LIBNBD_CMD_FLAG_FUA` flag on those writes is
often cheaper than a full flush.

*flags* must be 0; it is there for future protocol extensions, and
any flag fails with `EINVAL` while `LIBNBD_STRICT_FLAGS` is set.  The
client-side checks made before sending are controlled by
nbd_set_strict_mode(3).
""",
    errors=[
        ("EINVAL", "The server did not advertise flush (nbd_can_flush(3)); "
         "checked while `LIBNBD_STRICT_COMMANDS` is set."),
        strict_flags_error("a flush"),
        DISCONNECT_REQUESTED_ERROR,
        SERVER_COMMAND_ERROR,
        BROKEN_REPLY_ERROR,
    ] + REPLY_LOST_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_aio_flush(3)", "nbd_can_flush(3)", "nbd_can_fua(3)",
              "nbd_pwrite(3)", "nbd_can_multi_conn(3)",
              "nbd_set_strict_mode(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "trim", "1.0",
    args=[UInt64("count"), UInt64("offset"), FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    may_block=True,
    summary="tell the server a range of the export is no longer needed",
    description="""
Send the trim (discard) command for the *count* bytes starting at
byte *offset*, and wait until the server has answered.  The server may
free the storage behind the range, punching a hole, but it is free to
do nothing or to discard only part of it.  After a trim, do not rely
on what the range reads back as until it has been written again;
nbd_zero(3) is the call to use when the range must read as zeroes.
nbd_aio_trim(3) sends the same command without waiting.

Trimming needs nbd_can_trim(3) to be true and the export to be
writable (see nbd_is_read_only(3)); otherwise the request fails, and
by default the library refuses it before sending.

A *count* of 4 GiB or more can only be expressed when extended
headers are in use (see nbd_get_extended_headers_negotiated(3)).
Servers may also have a smaller limit on trim requests that the
protocol gives them no way to announce yet.

*flags* may be 0 or `LIBNBD_CMD_FLAG_FUA`, in which case the server
answers only once the result is on stable storage; this needs
nbd_can_fua(3).  Any other flag fails with `EINVAL` while
`LIBNBD_STRICT_FLAGS` is set.  The checks made before sending are controlled by
nbd_set_strict_mode(3).
""",
    errors=[
        READ_ONLY_EXPORT_ERROR,
        ("EINVAL", "The server did not advertise trim (nbd_can_trim(3)), or "
         "`LIBNBD_CMD_FLAG_FUA` was given but nbd_can_fua(3) is false; "
         "checked while `LIBNBD_STRICT_COMMANDS` is set."),
        strict_flags_error("a trim"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        SERVER_COMMAND_ERROR,
        BROKEN_REPLY_ERROR,
    ] + REPLY_LOST_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_aio_trim(3)", "nbd_can_trim(3)", "nbd_zero(3)",
              "nbd_can_fua(3)", "nbd_is_read_only(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_get_block_size(3)", "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "cache", "1.0",
    args=[UInt64("count"), UInt64("offset"), FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    may_block=True,
    summary="ask the server to prefetch a range of the export",
    description="""
Send the cache command for the *count* bytes starting at byte
*offset*, and wait until the server has answered.  This is a hint
that the client will soon access the range, so that the server can
pull it into faster storage and make later reads such as nbd_pread(3)
quicker.  No data comes back, the server may ignore the hint
entirely, and a successful answer does not guarantee any speed-up.
nbd_aio_cache(3) sends the same command without waiting.

The server must have advertised the command (see nbd_can_cache(3)).
If it did not, the request fails, and by default the library refuses
it without contacting the server.

A *count* of 4 GiB or more can only be expressed when extended
headers are in use (see nbd_get_extended_headers_negotiated(3)).
Servers may also have a smaller limit on cache requests that the
protocol gives them no way to announce yet.

*flags* must be 0; it is there for future protocol extensions, and
any flag fails with `EINVAL` while `LIBNBD_STRICT_FLAGS` is set.  The
checks made before sending are controlled by nbd_set_strict_mode(3).
""",
    errors=[
        ("EINVAL", "The server did not advertise cache (nbd_can_cache(3)); "
         "checked while `LIBNBD_STRICT_COMMANDS` is set."),
        strict_flags_error("a cache request"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        SERVER_COMMAND_ERROR,
        BROKEN_REPLY_ERROR,
    ] + REPLY_LOST_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_aio_cache(3)", "nbd_can_cache(3)", "nbd_pread(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_get_block_size(3)", "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "zero", "1.0",
    args=[UInt64("count"), UInt64("offset"), FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    may_block=True,
    summary="write zeroes to a range of the export",
    description="""
Asks the server to make the *count* bytes beginning at *offset* read
back as zeroes, using the protocol's `NBD_CMD_WRITE_ZEROES` request,
and waits for its reply.  No data travels with the request, so on a
capable server this is far cheaper than sending a buffer of zeroes
with nbd_pwrite(3).

The server has to offer the command: nbd_can_zero(3) must be true and
the export must be writable (nbd_is_read_only(3) false).  When either
condition fails the request is normally refused on the client side
before anything is sent; nbd_set_strict_mode(3) decides which such
checks the library makes itself and which are left to the server.

*flags* is zero or a bitwise OR of:

- `LIBNBD_CMD_FLAG_FUA`: the reply must not come until the zeroes are
  on stable storage.  Only meaningful when nbd_can_fua(3) is true.
- `LIBNBD_CMD_FLAG_NO_HOLE`: keep the range allocated.  Without it the
  server may instead deallocate the range, provided that it reads as
  zeroes afterwards.
- `LIBNBD_CMD_FLAG_FAST_ZERO`: the server should give up at once
  instead of falling back to something no quicker than an ordinary
  write.  Needs nbd_can_fast_zero(3).  Tools that copy images use it
  to find out cheaply whether pre-zeroing a destination is worth it.
""" + OTHER_FLAGS_STRICT_PARAGRAPH + """
Requests of 4 GiB or more can only be encoded once extended headers
are in use, see nbd_get_extended_headers_negotiated(3).  A server may
also have a lower ceiling for this command that the protocol offers no
way to learn in advance (nbd_get_block_size(3) does not describe it
today), and some servers only take very large ranges together with
`LIBNBD_CMD_FLAG_FAST_ZERO`.  Splitting a big range into moderate
pieces is the portable approach.

nbd_aio_zero(3) is the asynchronous form of this call.
""",
    errors=[
        READ_ONLY_EXPORT_ERROR,
        ("EINVAL", "The server did not advertise write zeroes "
         "(nbd_can_zero(3)), or a flag was given whose support the server "
         "did not advertise (nbd_can_fua(3), nbd_can_fast_zero(3)); checked "
         "while `LIBNBD_STRICT_COMMANDS` is set."),
        strict_flags_error("a zero request"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        ("ENOTSUP", "`LIBNBD_CMD_FLAG_FAST_ZERO` was given and the server "
         "decided it could not zero the range quickly."),
        SERVER_COMMAND_ERROR,
        BROKEN_REPLY_ERROR,
    ] + REPLY_LOST_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_aio_zero(3)", "nbd_can_zero(3)", "nbd_can_fast_zero(3)",
              "nbd_can_fua(3)", "nbd_is_read_only(3)", "nbd_trim(3)",
              "nbd_pwrite(3)", "nbd_get_block_size(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
Call(
    "block_status", "1.0",
    args=[UInt64("count"),
          UInt64("offset"),
          Closure("extent_callback", "extent"),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    may_block=True,
    summary="query extent status, with a 32-bit extent callback",
    description="""
Sends a block status request (`NBD_CMD_BLOCK_STATUS`) covering the part
of the export that starts at *offset*, and waits for the answer.  For
each metadata context negotiated on the connection the server
describes that area as a series of back-to-back extents, each one a
length plus a word of status bits whose meaning is defined by the
context.  The library passes each context's series to
*extent_callback*.

Contexts have to be set up before connecting with
nbd_add_meta_context(3), for example with
`LIBNBD_CONTEXT_BASE_ALLOCATION`; once connected, nbd_can_meta_context(3)
says which ones the server accepted.  If no context at all was
negotiated there is nothing to ask about, and under the default strict
mode the call fails without contacting the server.

*count* is only a hint.  The server may describe less than requested
(though always at least one extent per context), and the last extent
may reach beyond *offset* + *count* when the server happens to know
more.  The number of extents and their total length may differ from
one context to the next.  To scan a whole export, start the next
request where the described area ended.  A *count* of 4 GiB or more
needs extended headers (nbd_get_extended_headers_negotiated(3)), and a
server may enforce a smaller maximum that it has no means to announce.

The callback in *extent_callback* receives:

- `user_data`: the pointer stored in *extent_callback*.
- `metacontext`: the name of the context this series belongs to, for
  instance "base:allocation".  The string only lives until the
  callback returns.
- `offset`: where in the export the first extent starts; this is the
  *offset* given to this call.
- `entries` and `nr_entries`: a flat array of `nr_entries` 32-bit
  numbers forming `nr_entries` / 2 pairs.  Within each pair the first
  number is the extent's length in bytes and the second its status
  bits: `entries[0]` and `entries[1]` describe the first extent,
  `entries[2]` and `entries[3]` the second, and so on.  Extents are
  contiguous, so each one begins where the previous one ended.  The
  array belongs to the library and is only valid during the call.
- `error`: a pointer to an errno value.  On entry it holds 0, or the
  errno of a failure already noticed while handling this command; even
  then the other arguments describe real data from the reply.

How to read the status bits depends on the context; the protocol
specification defines them.  For "base:allocation", `LIBNBD_STATE_HOLE`
marks an area with no storage allocated and `LIBNBD_STATE_ZERO` an
area known to read as zeroes; a status of 0 means allocated data of
unknown content.  For a "qemu:dirty-bitmap:" context,
`LIBNBD_STATE_DIRTY` marks changed blocks.  Bits you do not know should
be ignored.

The callback should normally return 0; any value other than -1 is
ignored.  To make the whole command fail, store an errno value through
`error` and return -1: the call then fails with that errno (`EPROTO`
if the stored value was 0), unless an earlier failure was already
recorded, in which case the first one is kept.  Returning -1 does not
stop delivery: the callback is still invoked for the remaining contexts
of the reply.

Expect one invocation per negotiated context, but do not rely on it.  A
faulty server can cause additional invocations, so always look at
`metacontext` before trusting the data; and a context may produce no
invocation at all if the server could not or would not report on it.

The callback runs while the handle's lock is held, so it must not call
any nbd_ function on the same handle, or it will deadlock.  If
*extent_callback* has a free function, it is called exactly once, after
the last possible invocation, including when this call fails before
anything is sent.

This interface only carries 32-bit values.  When extended headers are
in use a server can report a longer extent; the library then shortens
that length to a value just below 4 GiB and discards the rest of that
context's series.  A status word that does not fit in 32 bits is
signalled to the callback as `EOVERFLOW` in `error`.  New code should
prefer nbd_block_status_64(3), which has neither limit.

*flags* may be 0 or `LIBNBD_CMD_FLAG_REQ_ONE`, which asks the server to
answer with a single extent per context, no longer than *count*.  The
library does not verify that the server complied.  Any other flag
fails with `EINVAL` while `LIBNBD_STRICT_FLAGS` is set.

Client-side checks of the arguments (unknown flags, ranges outside the
export, zero length and so on) follow nbd_set_strict_mode(3).  The
asynchronous form is nbd_aio_block_status(3).
""",
    errors=[
        NO_META_CONTEXT_ERROR,
        strict_flags_error("block status"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
    ] + BLOCK_STATUS_REPLY_ERRORS
    + REPLY_LOST_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <inttypes.h>
    #include <err.h>
    #include <libnbd.h>

    #define STEP (64 << 20)       // ask about 64 MiB at a time

    static int
    show (void *user_data, const char *metacontext, uint64_t offset,
          uint32_t *entries, size_t nr_entries, int *error)
    {
      uint64_t *next = user_data;
      size_t i;

      (void) error;
      // A buggy server could send something unexpected.
      if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) != 0)
        return 0;
      for (i = 0; i + 1 < nr_entries; i += 2) {
        printf ("%" PRIu64 " len %" PRIu32 ":", offset, entries[i]);
        if (entries[i + 1] & LIBNBD_STATE_HOLE)
          printf (" hole");
        puts (entries[i + 1] & LIBNBD_STATE_ZERO ? " zero" : " data");
        offset += entries[i];
      }
      *next = offset;             // where the next query should start
      return 0;
    }

    int
    main (int argc, char *argv[])
    {
      uint64_t pos = 0, next, len;
      int64_t size;
      struct nbd_handle *nbd;

      if (argc != 2)
        errx (EXIT_FAILURE, "usage: %s URI", argv[0]);
      nbd = nbd_create ();
      if (nbd == NULL)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == -1
          || nbd_connect_uri (nbd, argv[1]) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) != 1)
        errx (EXIT_FAILURE, "server offers no base:allocation");
      size = nbd_get_size (nbd);
      if (size == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());

      while (pos < (uint64_t) size) {
        len = (uint64_t) size - pos < STEP ? (uint64_t) size - pos : STEP;
        next = pos;
        if (nbd_block_status (nbd, len, pos,
                              (nbd_extent_callback) {
                                .callback = show, .user_data = &next },
                              0) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());
        if (next <= pos)
          errx (EXIT_FAILURE, "server reported no progress");
        pos = next;
      }

      nbd_shutdown (nbd, 0);
      nbd_close (nbd);
      return EXIT_SUCCESS;
    }
""",
    see_also=["nbd_block_status_64(3)", "nbd_block_status_filter(3)",
              "nbd_aio_block_status(3)", "nbd_add_meta_context(3)",
              "nbd_can_meta_context(3)", "nbd_get_block_size(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
Call(
    "block_status_64", "1.18",
    args=[UInt64("count"),
          UInt64("offset"),
          Closure("extent64_callback", "extent64"),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    may_block=True,
    summary="query extent status, with a 64-bit extent callback",
    description="""
Sends a block status request for the part of the export beginning at
*offset* and waits for the reply, exactly like nbd_block_status(3),
except that extents reach *extent64_callback* as an array of
`nbd_extent` structures with 64-bit fields.  Nothing is truncated,
whichever kind of headers the connection uses, so this is the call to
choose in new code.

As with the 32-bit call, the metadata contexts to query are chosen
before connecting with nbd_add_meta_context(3), and after connecting
nbd_can_meta_context(3) tells which ones the server agreed to.  The
request asks about every negotiated context at once; a server that
supports it can be asked about only some of them with
nbd_block_status_filter(3) (see nbd_can_block_status_payload(3)).

*count* is advisory.  The server may describe a shorter area (at
least one extent per context), the last extent may run past
*offset* + *count*, and different contexts need not agree on how many
extents they return or how far they reach.  Continue from the end of
the described area to cover more.  A *count* of 4 GiB or above is only
understood once extended headers are negotiated
(nbd_get_extended_headers_negotiated(3)); the server may also have a
lower limit of its own that cannot be discovered beforehand.

The callback in *extent64_callback* receives:

- `user_data`: the pointer stored in *extent64_callback*.
- `metacontext`: the context these extents describe, for example
  "base:allocation".  Valid only during the call.
- `offset`: the export offset at which the first extent begins, the
  same as the *offset* of the request.
- `entries` and `nr_entries`: an array of `nr_entries` structures of
  type `nbd_extent`, one per extent.  Each has two `uint64_t` members:
  `length`, the extent's size in bytes, and `flags`, its status bits.
  The extents follow one another without gaps.  The array is owned by
  the library and disappears when the callback returns.
- `error`: points to an errno value that is 0 on entry unless a
  failure was already detected for this command.

The status bits are defined by each context; for "base:allocation" the
header provides `LIBNBD_STATE_HOLE` (no storage allocated) and
`LIBNBD_STATE_ZERO` (reads as zeroes), and for qemu dirty bitmaps
`LIBNBD_STATE_DIRTY`.  Unknown bits should be ignored.

Return 0 from the callback in the normal case.  Returning -1 after
storing an errno value through `error` makes the command fail with that
value (or with `EPROTO` if 0 was stored), provided no earlier failure
was recorded; the callback still sees any further contexts in the
reply.  Other return values have no effect.

A misbehaving server may cause more invocations than there are
contexts, so check `metacontext` each time; and a requested context
can also be missing from the reply entirely.  The callback runs with
the handle lock held and so must not call nbd_ functions on this
handle.  A free function in *extent64_callback* is called once, when
the library is finished with the callback, even if this call fails
early.

*flags* may be 0 or `LIBNBD_CMD_FLAG_REQ_ONE`, which limits the answer
to a single extent per context that does not exceed *count*; whether
the server obeyed is not checked.  Any other flag fails with `EINVAL`
while `LIBNBD_STRICT_FLAGS` is set.

Client-side validation follows nbd_set_strict_mode(3).  The
asynchronous form is nbd_aio_block_status_64(3).
""",
    errors=[
        NO_META_CONTEXT_ERROR,
        strict_flags_error("block status"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
    ] + BLOCK_STATUS_REPLY_ERRORS
    + REPLY_LOST_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <stdint.h>
#include <string.h>
#include <libnbd.h>

// Count the bytes in [offset, offset+len) that hold data, as opposed
// to holes, one request at a time.
static int
add_data_bytes (void *user_data, const char *metacontext,
                uint64_t offset, nbd_extent *entries, size_t nr_entries,
                int *error)
{
  uint64_t *data_bytes = user_data;
  size_t i;

  (void) offset;
  (void) error;
  if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) != 0)
    return 0;                   // not the context we asked about
  for (i = 0; i < nr_entries; i++)
    if (!(entries[i].flags & LIBNBD_STATE_HOLE))
      *data_bytes += entries[i].length;
  return 0;
}

// Needs nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION)
// before connecting.  The last extent may reach past len.
int64_t
count_data_bytes (struct nbd_handle *nbd, uint64_t offset, uint64_t len)
{
  uint64_t data_bytes = 0;
  nbd_extent64_callback cb = {
    .callback = add_data_bytes,
    .user_data = &data_bytes,
  };

  if (nbd_block_status_64 (nbd, len, offset, cb, 0) == -1)
    return -1;
  return data_bytes;
}
""",
    see_also=["nbd_block_status(3)", "nbd_block_status_filter(3)",
              "nbd_aio_block_status_64(3)", "nbd_add_meta_context(3)",
              "nbd_can_meta_context(3)",
              "nbd_can_block_status_payload(3)",
              "nbd_get_block_size(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
Call(
    "block_status_filter", "1.18",
    args=[UInt64("count"),
          UInt64("offset"),
          StringList("contexts"),
          Closure("extent64_callback", "extent64"),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    may_block=True,
    summary="query extent status for only some metadata contexts",
    description="""
A variant of nbd_block_status_64(3) whose request carries a list of
context names, so that the server only reports on those contexts
instead of on every context negotiated for the connection.  This is
useful when several contexts were negotiated but only one of them is
of interest for a given query.

*contexts* is a NULL-terminated array of context names.  Every name in
it must be one the server accepted during negotiation, that is one for
which nbd_can_meta_context(3) returns true.

The server has to support filtered requests, which
nbd_can_block_status_payload(3) reports; that support depends on
extended headers being in use.  The request carries a payload, so the
protocol wants `LIBNBD_CMD_FLAG_PAYLOAD_LEN` set on the wire.  The
library always sets it for this call, whatever *flags* says and
whatever the strict mode.

*flags* may be 0 or `LIBNBD_CMD_FLAG_REQ_ONE`, which limits the answer
to a single extent per context, no longer than *count*.
`LIBNBD_CMD_FLAG_PAYLOAD_LEN` is accepted and makes no difference.  Any
other flag fails with `EINVAL` while `LIBNBD_STRICT_FLAGS` is set.

Everything else is as in nbd_block_status_64(3): the meaning of *count*
and *offset*, the way *extent64_callback* is invoked and what its return
value does, and the lifetime of its free function.  The asynchronous
form is nbd_aio_block_status_filter(3).
""",
    errors=[
        NO_META_CONTEXT_ERROR,
        strict_flags_error("block status"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        ("ENOTSUP", "The server cannot filter block status: extended headers "
         "are not in use, or nbd_can_block_status_payload(3) is false.  This "
         "is checked whatever the strict mode."),
        ("EINVAL", "*contexts* is empty, or names a context that was not "
         "negotiated (see nbd_can_meta_context(3))."),
    ] + BLOCK_STATUS_REPLY_ERRORS
    + REPLY_LOST_ERRORS + [
        OUT_OF_MEMORY_ERROR,
    ],
    example=r"""
#include <stdint.h>
#include <stdio.h>
#include <inttypes.h>
#include <libnbd.h>

static int
print_extents (void *user_data, const char *metacontext, uint64_t offset,
               nbd_extent *entries, size_t nr_entries, int *error)
{
  size_t i;

  (void) user_data;
  (void) error;
  for (i = 0; i < nr_entries; i++) {
    printf ("%s: %" PRIu64 " +%" PRIu64 " flags 0x%" PRIx64 "\n",
            metacontext, offset, entries[i].length, entries[i].flags);
    offset += entries[i].length;
  }
  return 0;
}

// Both contexts were negotiated, but this query only needs the dirty
// bitmap.  Fall back to asking about everything when the server
// cannot filter.
int
show_dirty (struct nbd_handle *nbd, const char *bitmap, uint64_t offset,
            uint64_t len)
{
  char *wanted[] = { (char *) bitmap, NULL };
  nbd_extent64_callback cb = { .callback = print_extents };

  if (nbd_can_block_status_payload (nbd) == 1)
    return nbd_block_status_filter (nbd, len, offset, wanted, cb, 0);
  return nbd_block_status_64 (nbd, len, offset, cb, 0);
}
""",
    see_also=["nbd_block_status_64(3)", "nbd_aio_block_status_filter(3)",
              "nbd_can_block_status_payload(3)",
              "nbd_can_meta_context(3)", "nbd_add_meta_context(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
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
    "aio_connect", "1.0",
    args=[SockAddr("addr")],
    ret=RErr,
    states=(CREATED,),
    summary="start connecting to a server at a socket address",
    description="""
Begins connecting to the server listening at the socket address *addr*
of length *addrlen*, and returns without waiting for the connection to
be made.  Any family that socket(2) and connect(2) support can be used,
for instance `AF_UNIX`, `AF_INET` or `AF_INET6`; the library creates a
non-blocking socket of the right family and copies the address, so it
need not stay valid after the call.

The rest of the work happens as the handle is driven, with nbd_poll(3)
or with a main loop built on nbd_aio_get_fd(3) and the notify calls.
While it goes on, nbd_aio_is_connecting(3) is true.  Without option
mode the handshake is carried out too and the connection is usable
once nbd_aio_is_ready(3) becomes true; if nbd_set_opt_mode(3) was
enabled, it stops earlier, when nbd_aio_is_negotiating(3) becomes true,
so that options can be sent by hand.  If the attempt fails later, the call
that was driving the handle returns an error and the handle ends up
dead (nbd_aio_is_dead(3)); a handle is only ever connected once.

The blocking equivalents are the nbd_connect_ calls, such as
nbd_connect_tcp(3) and nbd_connect_unix(3), which resolve or build the
address themselves.
""",
    errors=[
        ("ECONNREFUSED", "connect(2) failed at once, for example because "
         "nothing listens at a Unix domain socket address.  Other errno "
         "values from socket(2) and connect(2) are passed on in the same "
         "way, and the handle is dead afterwards."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_aio_is_connecting(3)", "nbd_aio_is_negotiating(3)",
              "nbd_aio_is_ready(3)", "nbd_aio_is_dead(3)",
              "nbd_set_opt_mode(3)", "nbd_poll(3)", "nbd_aio_get_fd(3)",
              "nbd_aio_connect_tcp(3)", "nbd_aio_connect_unix(3)",
              "connect(2)", "libnbd(3)"],
),
Call(
    "aio_connect_uri", "1.0",
    args=[String("uri")],
    ret=RErr,
    states=(CREATED,),
    summary="start connecting to the server named by an NBD URI",
    description="""
The asynchronous form of nbd_connect_uri(3).  *uri* is parsed at once,
using the same grammar and the same restrictions as that call
(`nbd:`, `nbds:`, `nbd+unix:`, `nbd+vsock:`, `nbd+ssh:` and the
TLS variants of these schemes).  The settings it carries, such as the
export name, TLS mode, TLS certificates or user name, are applied to
the handle, and then the connection over the chosen transport is
started; the call returns without waiting for it.  Mistakes in the URI
are therefore reported by this call directly.  Once the URI has been
accepted, the connection is started as by nbd_aio_connect_tcp(3),
nbd_aio_connect_unix(3) or nbd_aio_connect_vsock(3), and can fail for
the same reasons.

Which URIs are accepted can be narrowed beforehand with
nbd_set_uri_allow_transports(3), nbd_set_uri_allow_tls(3) and
nbd_set_uri_allow_local_file(3).  Parsing URIs is an optional feature
of the library (nbd_supports_uri(3)), and URIs that ask for TLS also
need nbd_supports_tls(3).

As with the other asynchronous connect calls, drive the handle (for
instance with nbd_poll(3)) until nbd_aio_is_connecting(3) turns false.
Without option mode the handle is then ready (nbd_aio_is_ready(3));
with nbd_set_opt_mode(3) it waits in negotiation
(nbd_aio_is_negotiating(3)), where the export name taken from the URI
can still be replaced with nbd_set_export_name(3) before
nbd_opt_go(3).  A failed attempt leaves the handle dead.
""",
    errors=[
        ("EINVAL", "*uri* cannot be parsed, uses a scheme that is not an NBD "
         "one, has an unknown or malformed query parameter, or lacks a part "
         "that its transport needs, such as the socket of a Unix socket URI."),
        ("EPERM", "*uri* uses a transport, a TLS setting or a local file "
         "that was forbidden with nbd_set_uri_allow_transports(3), "
         "nbd_set_uri_allow_tls(3) or nbd_set_uri_allow_local_file(3)."),
        ("ENOTSUP", "The library was built without URI support, or the URI "
         "needs TLS and TLS support is missing."),
        ("ENAMETOOLONG", "The socket path of a Unix socket URI is too long."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_connect_uri(3)", "nbd_get_uri(3)", "nbd_is_uri(3)",
              "nbd_supports_uri(3)", "nbd_set_uri_allow_transports(3)",
              "nbd_set_uri_allow_tls(3)",
              "nbd_set_uri_allow_local_file(3)",
              "nbd_aio_is_connecting(3)", "nbd_aio_is_negotiating(3)",
              "nbd_aio_is_ready(3)", "nbd_set_opt_mode(3)", "libnbd(3)"],
),
Call(
    "aio_connect_unix", "1.0",
    args=[String("unixsocket")],
    ret=RErr,
    states=(CREATED,),
    summary="start connecting over a Unix domain socket",
    description="""
Begins connecting to a server on the local machine listening on the
Unix domain socket whose path is *unixsocket*, and returns without
waiting.  It is the asynchronous form of nbd_connect_unix(3).

Drive the handle, for instance with nbd_poll(3), while
nbd_aio_is_connecting(3) is true.  Without option mode the handle
becomes ready for commands (nbd_aio_is_ready(3)); with
nbd_set_opt_mode(3) it stops in negotiation
(nbd_aio_is_negotiating(3)).  If the connection cannot be made, the
call driving the handle fails and the handle becomes dead.
""",
    errors=[
        ("ENAMETOOLONG", "*unixsocket* is too long to fit in a Unix socket "
         "address."),
        ("ENOENT", "No socket exists at *unixsocket*.  The handle is then "
         "dead."),
        ("ECONNREFUSED", "Nothing listens on the socket.  The handle is then "
         "dead.  Other errno values from socket(2) and connect(2) are passed "
         "on in the same way."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_connect_unix(3)", "nbd_aio_is_connecting(3)",
              "nbd_aio_is_negotiating(3)", "nbd_aio_is_ready(3)",
              "nbd_set_opt_mode(3)", "nbd_poll(3)", "unix(7)",
              "libnbd(3)"],
),
Call(
    "aio_connect_vsock", "1.2",
    args=[UInt32("cid"), UInt32("port")],
    ret=RErr,
    states=(CREATED,),
    summary="start connecting over an AF_VSOCK socket",
    description="""
Begins connecting over `AF_VSOCK`, the transport between a virtual
machine and its host, to the server at context ID *cid* and port
*port*, and returns without waiting.  It is the asynchronous form of
nbd_connect_vsock(3).  From inside a guest, *cid* is usually 2, the
host; *port* is whatever the host's administrator assigned, often
10809.  Not every build or system supports vsock, which
nbd_supports_vsock(3) reports.

Drive the handle, for instance with nbd_poll(3), while
nbd_aio_is_connecting(3) is true.  Without option mode the handle
becomes ready (nbd_aio_is_ready(3)); with nbd_set_opt_mode(3) it stops
in negotiation (nbd_aio_is_negotiating(3)).  A failed attempt leaves
the handle dead.
""",
    errors=[
        ("ENOTSUP", "The library was built on a system without `AF_VSOCK` "
         "support."),
        ("EAFNOSUPPORT", "The running kernel cannot create `AF_VSOCK` "
         "sockets.  Other errno values from socket(2) and connect(2), such "
         "as `ECONNREFUSED`, are passed on in the same way, and the handle "
         "is dead afterwards."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_connect_vsock(3)", "nbd_supports_vsock(3)",
              "nbd_aio_is_connecting(3)", "nbd_aio_is_negotiating(3)",
              "nbd_aio_is_ready(3)", "nbd_set_opt_mode(3)", "vsock(7)",
              "libnbd(3)"],
),
Call(
    "aio_connect_tcp", "1.0",
    args=[String("hostname"), String("port")],
    ret=RErr,
    states=(CREATED,),
    summary="start connecting to a server over TCP",
    description="""
Begins connecting to the server at *hostname* and *port* over TCP, and
returns without waiting.  It is the asynchronous form of
nbd_connect_tcp(3).  *hostname* is a host name or a numeric IPv4 or
IPv6 address.  *port* is a string: a service name such as "nbd" or a
decimal number such as "10809".  The name is resolved with the system
resolver, and the addresses found are tried one after another until
one accepts the connection.

Drive the handle, for instance with nbd_poll(3), while
nbd_aio_is_connecting(3) is true.  Without option mode the handle
becomes ready (nbd_aio_is_ready(3)); with nbd_set_opt_mode(3) it stops
in negotiation (nbd_aio_is_negotiating(3)).  The addresses are tried
while the handle is driven, so if none can be reached it is the call
driving the handle that fails, with the error of the last attempt, and
the handle is dead.
""",
    errors=[
        ("ENOENT", "*hostname* or *port* cannot be resolved.  When the "
         "resolver fails because of a system error, that error is reported "
         "instead.  In both cases the handle is dead afterwards."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_connect_tcp(3)", "nbd_aio_connect(3)",
              "nbd_aio_is_connecting(3)", "nbd_aio_is_negotiating(3)",
              "nbd_aio_is_ready(3)", "nbd_set_opt_mode(3)",
              "getaddrinfo(3)", "libnbd(3)"],
),
Call(
    "aio_connect_socket", "1.2",
    args=[Fd("sock")],
    ret=RErr,
    states=(CREATED,),
    summary="start talking to a server over an already connected socket",
    description="""
Hands the library *sock*, a socket that the caller has already
connected to an NBD server by whatever means (a socketpair(2), an
inherited descriptor, a connection made with its own options), and
starts the NBD handshake over it without waiting.  It is the
asynchronous form of nbd_connect_socket(3).

When this call succeeds the socket belongs to the handle: the library
closes it when the handle is closed, and the caller must no longer read
from, write to or close it.  If the call fails, the descriptor stays
with the caller.
""" + AIO_CONNECT_DRIVING_PARAGRAPH,
    errors=[
        ("EBADF", "*sock* is not an open file descriptor.  The handle is "
         "left as it was, so another connect call may follow."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_connect_socket(3)", "nbd_aio_is_connecting(3)",
              "nbd_aio_is_negotiating(3)", "nbd_aio_is_ready(3)",
              "nbd_set_opt_mode(3)", "socketpair(2)", "libnbd(3)"],
),
Call(
    "aio_connect_command", "1.0",
    args=[StringList("argv")],
    ret=RErr,
    states=(CREATED,),
    summary="start a server subprocess and talk to it over stdin/stdout",
    description="""
Runs a server as a child process and begins talking NBD to it over its
standard input and output, without waiting for the handshake to
finish.  It is the asynchronous form of nbd_connect_command(3).

*argv* is a NULL-terminated list: the first element names the program
(looked up in `PATH`) and the rest are its arguments.  The library
keeps its own copy of the list.  One end of a socket pair becomes file
descriptors 0 and 1 of the child; the other end is the handle's
connection.  This suits servers that can serve a single client on
stdin/stdout, such as nbdkit(1) with its single-client option or
nbd-server(1) configured with port 0.  For qemu-nbd(8), use
nbd_aio_connect_systemd_socket_activation(3) instead.

The child is tied to the handle and is terminated when the handle is
closed; nbd_get_subprocess_pid(3) returns its process ID and
nbd_kill_subprocess(3) can signal it.
""" + AIO_CONNECT_DRIVING_PARAGRAPH,
    errors=[
        ("EINVAL", "*argv* is empty."),
        ("ENOENT", "The program cannot be run, for example because it is not "
         "found in `PATH`; the errno is the one execvp(3) gave, so it may "
         "also be `EACCES` or similar.  The handle is then dead."),
        ("EMFILE", "The process has no file descriptors left.  Other errno "
         "values from socketpair(2), pipe(2) and fork(2) are passed on in "
         "the same way, and the handle is dead afterwards."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_connect_command(3)",
              "nbd_aio_connect_systemd_socket_activation(3)",
              "nbd_get_subprocess_pid(3)", "nbd_kill_subprocess(3)",
              "nbd_aio_is_connecting(3)", "nbd_aio_is_negotiating(3)",
              "nbd_aio_is_ready(3)", "nbd_set_opt_mode(3)", "libnbd(3)"],
),
Call(
    "aio_connect_systemd_socket_activation", "1.2",
    args=[StringList("argv")],
    ret=RErr,
    states=(CREATED,),
    summary="start a server subprocess using socket activation",
    description="""
Runs a server as a child process, hands it a listening socket following
the systemd socket activation convention, and begins connecting to
that socket without waiting.  It is the asynchronous form of
nbd_connect_systemd_socket_activation(3).

*argv* is a NULL-terminated list: the program to run (looked up in
`PATH`) followed by its arguments; the library keeps its own copy.  The
library creates a Unix domain socket, passes it to the child as file
descriptor 3, and sets `LISTEN_PID` and `LISTEN_FDS` in the child's
environment.  If a name was chosen with
nbd_set_socket_activation_name(3), it is passed in `LISTEN_FDNAMES`.

This is the natural way to run qemu-nbd(8) or qemu-storage-daemon as a
private server, for example to read a qcow2 file; nbdkit(1) works both
this way and with nbd_aio_connect_command(3).  nbd-server(1) does not
support socket activation and needs nbd_aio_connect_command(3).

The child is terminated when the handle is closed;
nbd_get_subprocess_pid(3) returns its process ID.
""" + AIO_CONNECT_DRIVING_PARAGRAPH,
    errors=[
        ("EINVAL", "*argv* is empty."),
        ("ENOENT", "The program cannot be run, for example because it is not "
         "found in `PATH`; the errno is the one execvp(3) gave, so it may "
         "also be `EACCES` or similar.  The handle is then dead."),
        ("EMFILE", "The process has no file descriptors left.  Other errno "
         "values from creating the temporary directory and the listening "
         "socket, or from pipe(2) and fork(2), are passed on in the same "
         "way, and the handle is dead afterwards."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_connect_systemd_socket_activation(3)",
              "nbd_set_socket_activation_name(3)",
              "nbd_aio_connect_command(3)", "nbd_get_subprocess_pid(3)",
              "nbd_kill_subprocess(3)", "nbd_aio_is_connecting(3)",
              "nbd_aio_is_negotiating(3)", "nbd_aio_is_ready(3)",
              "nbd_set_opt_mode(3)", "libnbd(3)"],
),
Call(
    "aio_opt_go", "1.4",
    args=[Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask to leave negotiation and use the export, without waiting",
    description="""
The asynchronous form of nbd_opt_go(3).  It sends the request that ends
option negotiation and selects the export named by the latest
nbd_set_export_name(3) or nbd_connect_uri(3), then returns at once.  It
can only be used while the handle is negotiating, which requires
nbd_set_opt_mode(3) to have been enabled before connecting.  Unless
nbd_set_request_meta_context(3) turned it off, the metadata contexts
listed with nbd_add_meta_context(3) are requested as part of the same
exchange.

The request is finished when nbd_aio_is_connecting(3) turns false
again.  On success the handle is ready for commands
(nbd_aio_is_ready(3)).  If the server refused, for example because the
export does not exist, the handle is normally back in negotiation
(nbd_aio_is_negotiating(3)) and another export name may be tried,
although old servers simply drop the connection instead.

*completion_callback* is optional.  When given, it is called once, when
the server's answer has been processed, and the value that its `error`
parameter points to is 0 on success or an errno value describing the
failure: for example `ENOENT` when the server has no such export, or
`EPERM` when its policy, or its wish for TLS first, forbids it.  That
value is the only direct way to learn about a refusal
by the server: the return value of this call only says whether the
request could be started.  Nothing has to be retired afterwards; the
value the completion callback returns is ignored.  The free function of
the callback, if any, is called exactly once, also when this call
fails; in that case the callback itself is never invoked.  Like every
callback, it must not call nbd_ functions on the same handle.
""",
    errors=[OUT_OF_MEMORY_ERROR],
    example=r"""
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <libnbd.h>

struct outcome {
  bool done;
  int error;                    // 0, or why the server said no
};

static int
go_finished (void *user_data, int *error)
{
  struct outcome *o = user_data;

  o->done = true;
  o->error = *error;
  return 0;                     // ignored for options
}

// The handle is negotiating (nbd_set_opt_mode was set before
// connecting).  Use the first export in names the server accepts.
int
go_first_available (struct nbd_handle *nbd, const char **names)
{
  for (; *names != NULL; names++) {
    struct outcome o = { false, 0 };
    nbd_completion_callback cb = {
      .callback = go_finished, .user_data = &o,
    };

    if (nbd_set_export_name (nbd, *names) == -1 ||
        nbd_aio_opt_go (nbd, cb) == -1)
      return -1;
    while (!o.done)
      if (nbd_poll (nbd, -1) == -1)
        return -1;
    if (o.error == 0)
      return 0;                 // nbd_aio_is_ready (nbd) is now true
    fprintf (stderr, "%s: %s\n", *names, strerror (o.error));
    if (!nbd_aio_is_negotiating (nbd))
      return -1;                // an old server hung up instead
  }
  return -1;
}
""",
    see_also=["nbd_opt_go(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_add_meta_context(3)",
              "nbd_set_request_meta_context(3)",
              "nbd_aio_is_connecting(3)", "nbd_aio_is_negotiating(3)",
              "nbd_aio_is_ready(3)", "nbd_aio_opt_abort(3)", "libnbd(3)"],
),
Call(
    "aio_opt_abort", "1.4",
    args=[],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask to end negotiation and disconnect, without waiting",
    description="""
The asynchronous form of nbd_opt_abort(3).  It tells the server that
the client is giving up without using any export, sending
`NBD_OPT_ABORT`, and returns at once; the connection is then shut down
cleanly where the server allows it.  It can only be used while
negotiating, which needs nbd_set_opt_mode(3).

There is no callback.  Keep driving the handle until
nbd_aio_is_connecting(3) becomes false; the handle is then closed
(nbd_aio_is_closed(3)).
""",
    errors=[OUT_OF_MEMORY_ERROR],
    example="""
#include <libnbd.h>

// Give up on a negotiating handle without choosing an export.  The
// abort has no callback: the handle is finished once it stops
// connecting.
int
leave_politely (struct nbd_handle *nbd)
{
  if (nbd_aio_opt_abort (nbd) == -1)
    return -1;
  while (nbd_aio_is_connecting (nbd))
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return nbd_aio_is_closed (nbd) ? 0 : -1;
}
""",
    see_also=["nbd_opt_abort(3)", "nbd_aio_opt_go(3)",
              "nbd_set_opt_mode(3)", "nbd_aio_is_connecting(3)",
              "nbd_aio_is_closed(3)", "libnbd(3)"],
),
Call(
    "aio_opt_starttls", "1.16",
    args=[Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask the server to switch to TLS, without waiting",
    description="""
The asynchronous form of nbd_opt_starttls(3).  It sends
`NBD_OPT_STARTTLS` and returns without waiting for the answer; if the
server agrees, the TLS handshake follows, using the credentials set up
with calls such as nbd_set_tls_certificates(3) or
nbd_set_tls_psk_file(3).  It is only allowed while negotiating (see
nbd_set_opt_mode(3)) and only when the library was built with TLS
support (nbd_supports_tls(3)).

This is a tool for testing servers.  When nbd_set_tls(3) is set to
anything but `LIBNBD_TLS_DISABLE`, the library has already tried TLS
before handing over control of negotiation.  Starting TLS by hand at
an odd point can expose servers that keep state from before the switch
(CVE-2021-3716 in nbdkit was such a case), so programs that care about
security should rely on nbd_set_tls(3) with `LIBNBD_TLS_REQUIRE`.
Asking again once TLS is active is a client error in the protocol;
servers usually refuse, and the existing TLS session stays in place
(nbd_get_tls_negotiated(3)).

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
If the TLS handshake itself fails, for instance because the server
rejects the credentials, the connection is lost.

*completion_callback* is optional.  If given, it runs once when the
exchange is over, and its `error` parameter points to 0 on success or
to an errno value if the server refused; that is the only way to see a
refusal, since this call only reports whether the request could be
sent.  What the callback returns does not matter: there is nothing to
retire.  Its free function runs exactly once, even when this call
fails and the callback is never invoked.
""",
    errors=[
        ("ENOTSUP", "The library was built without TLS support."),
        AIO_NO_FIXED_NEWSTYLE_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <stdbool.h>
#include <libnbd.h>

static int
tls_answered (void *user_data, int *error)
{
  int *result = user_data;

  *result = *error;             // 0: the server agreed
  return 0;
}

// Opened with nbd_set_tls (nbd, LIBNBD_TLS_DISABLE) and option mode,
// so nothing has tried TLS yet; credentials are already configured.
// Returns 1 if the connection is now encrypted, 0 if the server
// refused and the connection stays in plain text, -1 on error.
int
upgrade_to_tls (struct nbd_handle *nbd)
{
  int result = -1;
  nbd_completion_callback cb = {
    .callback = tls_answered, .user_data = &result,
  };

  if (nbd_aio_opt_starttls (nbd, cb) == -1)
    return -1;
  while (nbd_aio_is_connecting (nbd))
    if (nbd_poll (nbd, -1) == -1)
      return -1;                // for example, the handshake failed
  if (result != 0)
    return 0;
  return nbd_get_tls_negotiated (nbd);
}
""",
    see_also=["nbd_opt_starttls(3)", "nbd_set_tls(3)",
              "nbd_supports_tls(3)", "nbd_get_tls_negotiated(3)",
              "nbd_set_opt_mode(3)", "nbd_aio_is_connecting(3)",
              "libnbd(3)"],
),
Call(
    "aio_opt_extended_headers", "1.18",
    args=[Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask the server for extended headers, without waiting",
    description="""
The asynchronous form of nbd_opt_extended_headers(3).  It sends
`NBD_OPT_EXTENDED_HEADERS` and returns without waiting.  It is only
allowed while negotiating (see nbd_set_opt_mode(3)).  Normally there is
no need for it, because the library asks for extended headers on its
own while connecting unless nbd_set_request_extended_headers(3) or
nbd_set_request_structured_replies(3) turned that off; it mostly helps
to test how servers handle unusual sequences.

When the server accepts, extended headers are in use from then on,
which also implies structured replies, and
nbd_get_extended_headers_negotiated(3) stays true even if a later
repeat of the request is refused as redundant, as some servers do.

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
*completion_callback* is optional; if present, it is called once at the
end with its `error` parameter pointing to 0 when the server accepted
and to an errno value when it refused.  Only this callback reveals a
refusal; the result of this call itself merely says whether the
request was sent.  The return value of the callback is ignored because
nothing needs retiring, and its free function is called exactly once,
also if this call fails.
""",
    errors=[AIO_NO_FIXED_NEWSTYLE_ERROR, OUT_OF_MEMORY_ERROR],
    example=r"""
#include <stdio.h>
#include <string.h>
#include <libnbd.h>

static int
report (void *user_data, int *error)
{
  const char *what = user_data;

  if (*error != 0)
    fprintf (stderr, "%s refused: %s\n", what, strerror (*error));
  return 0;
}

// In option mode, with nbd_set_request_extended_headers (nbd, false)
// called before connecting so that this request is the first.
int
try_extended_headers (struct nbd_handle *nbd)
{
  nbd_completion_callback cb = {
    .callback = report, .user_data = (void *) "extended headers",
  };

  if (nbd_aio_opt_extended_headers (nbd, cb) == -1)
    return -1;
  while (nbd_aio_is_connecting (nbd))
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  // True even if a later repeat of the request is refused.
  return nbd_get_extended_headers_negotiated (nbd);
}
""",
    see_also=["nbd_opt_extended_headers(3)",
              "nbd_get_extended_headers_negotiated(3)",
              "nbd_set_request_extended_headers(3)",
              "nbd_aio_opt_structured_reply(3)", "nbd_set_opt_mode(3)",
              "nbd_aio_is_connecting(3)", "libnbd(3)"],
),
Call(
    "aio_opt_structured_reply", "1.16",
    args=[Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask the server for structured replies, without waiting",
    description="""
The asynchronous form of nbd_opt_structured_reply(3).  It sends
`NBD_OPT_STRUCTURED_REPLY` and returns without waiting.  It is only
allowed while negotiating (see nbd_set_opt_mode(3)).  The library
already asks for structured replies automatically while connecting,
unless nbd_set_request_structured_replies(3) disabled that, so this
call is mainly of use for testing servers.

Once one such request has succeeded, the library treats structured
replies as active (nbd_get_structured_replies_negotiated(3)) even if a
later, redundant request is refused.  A server may also refuse when
extended headers are already in use, since those supersede structured
replies.

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
The optional *completion_callback* is invoked once when the answer has
been handled; its `error` parameter points to 0 if the server agreed,
or to an errno value otherwise, and this is the only place where a
refusal can be seen.  Whatever the callback returns, nothing remains to
be retired.  The free function is called exactly once, even if this
call fails.
""",
    errors=[AIO_NO_FIXED_NEWSTYLE_ERROR, OUT_OF_MEMORY_ERROR],
    example="""
#include <stdbool.h>
#include <libnbd.h>

struct answer {
  bool done;
  int error;
};

static int
answered (void *user_data, int *error)
{
  struct answer *a = user_data;

  a->done = true;
  a->error = *error;
  return 0;
}

// Ask for structured replies by hand, having turned the automatic
// request off with nbd_set_request_structured_replies (nbd, false).
// Returns 1 if the server agreed, 0 if it refused, -1 on error.
int
ask_structured_replies (struct nbd_handle *nbd)
{
  struct answer a = { false, 0 };

  if (nbd_aio_opt_structured_reply (nbd,
        (nbd_completion_callback) {
          .callback = answered, .user_data = &a }) == -1)
    return -1;
  while (!a.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return a.error == 0;
}
""",
    see_also=["nbd_opt_structured_reply(3)",
              "nbd_get_structured_replies_negotiated(3)",
              "nbd_set_request_structured_replies(3)",
              "nbd_aio_opt_extended_headers(3)", "nbd_set_opt_mode(3)",
              "nbd_aio_is_connecting(3)", "libnbd(3)"],
),
Call(
    "aio_opt_list", "1.4",
    args=[Closure("list_callback", "list"),
          Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask the server to list its exports, without waiting",
    description="""
The asynchronous form of nbd_opt_list(3).  It asks the server, with
`NBD_OPT_LIST`, for the exports it offers, and returns at once.  It is
only allowed while negotiating (see nbd_set_opt_mode(3)).

*list_callback* is invoked once for each export the server announces,
with the export's `name` and `description`; servers often have no
description, in which case it is an empty string.  Both strings are
only valid during the invocation, so copy whatever is needed later.
The callback must not call nbd_ functions on this handle (not even
nbd_set_export_name(3)).  Its return value is currently ignored, but
-1 should not be returned.  Unlike nbd_opt_list(3), this call cannot
report how many exports there were; count them in the callback.

Not every server accepts the request.  One that does may still hide
its exports behind an empty list, stop with an error part way through
(so the callback may already have run when the completion reports a
failure), or answer only one listing per connection.  The protocol sets
no upper limit on the number of exports.  nbd-server(1) only answers
when `allowlist = true` is set in its configuration.

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
The optional *completion_callback* runs once after the last invocation
of *list_callback*; its `error` parameter points to 0 or to an errno
value describing why the listing failed, which is the only way to
learn of a refusal.  Its return value makes no difference: nothing has
to be retired.  Each of the two free functions is called exactly once,
first that of *list_callback* and then that of *completion_callback*,
also when this call fails and neither callback is invoked.
""",
    errors=[AIO_NO_FIXED_NEWSTYLE_ERROR, OUT_OF_MEMORY_ERROR],
    example=r"""
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <libnbd.h>

struct exports {
  int count;
  bool done;
  int error;
};

static int
print_export (void *user_data, const char *name, const char *description)
{
  struct exports *e = user_data;

  e->count++;
  // Both strings vanish when the callback returns: copy them to keep.
  if (*description)
    printf ("%s (%s)\n", name, description);
  else
    printf ("%s\n", name);
  return 0;
}

static int
list_finished (void *user_data, int *error)
{
  struct exports *e = user_data;

  e->done = true;
  e->error = *error;            // ENOTSUP if the server cannot list
  return 0;
}

// Print the exports of a negotiating handle; return how many.
int
print_exports (struct nbd_handle *nbd)
{
  struct exports e = { 0, false, 0 };

  if (nbd_aio_opt_list (nbd,
        (nbd_list_callback) {
          .callback = print_export, .user_data = &e },
        (nbd_completion_callback) {
          .callback = list_finished, .user_data = &e }) == -1)
    return -1;
  while (!e.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  if (e.error != 0) {
    fprintf (stderr, "listing failed: %s\n", strerror (e.error));
    return -1;
  }
  return e.count;
}
""",
    see_also=["nbd_opt_list(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_aio_opt_info(3)",
              "nbd_aio_is_connecting(3)", "libnbd(3)"],
),
Call(
    "aio_opt_info", "1.4",
    args=[Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask the server about an export, without waiting",
    description="""
The asynchronous form of nbd_opt_info(3).  It asks the server, with
`NBD_OPT_INFO`, to describe the export named by the latest
nbd_set_export_name(3) or nbd_connect_uri(3), without selecting it, and
returns at once.  It is only allowed while negotiating (see
nbd_set_opt_mode(3)).

After a successful answer, nbd_get_size(3), nbd_is_read_only(3), the
nbd_can_ calls and similar queries describe that export.  If
nbd_set_request_meta_context(3) is left at its default and structured
replies or extended headers are in use, the metadata contexts are also
requested, so nbd_can_meta_context(3) becomes usable.  A following
nbd_opt_go(3) usually sees the same details, but servers do not promise
it.  Some servers do not implement this request, and some refuse it
for an export that nbd_opt_go(3) would accept.

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
The optional *completion_callback* is called once at the end with its
`error` parameter pointing to 0 on success or to an errno value when
the server refused; it is the only way to see that outcome.  Its return
value is ignored since nothing needs retiring, and its free function is
called exactly once, even if this call fails.
""",
    errors=[AIO_NO_FIXED_NEWSTYLE_ERROR, OUT_OF_MEMORY_ERROR],
    example=r"""
#include <stdbool.h>
#include <stdio.h>
#include <inttypes.h>
#include <libnbd.h>

static int
info_received (void *user_data, int *error)
{
  int *result = user_data;

  *result = *error;
  return 0;
}

// Print the size of an export without selecting it, so that the
// handle stays negotiating and nbd_opt_go or another query can follow.
int
print_export_size (struct nbd_handle *nbd, const char *name)
{
  int result = -1;
  int64_t size;

  if (nbd_set_export_name (nbd, name) == -1 ||
      nbd_aio_opt_info (nbd,
        (nbd_completion_callback) {
          .callback = info_received, .user_data = &result }) == -1)
    return -1;
  while (nbd_aio_is_connecting (nbd))
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  if (result != 0)
    return -1;                  // ENOENT: no such export, for one
  size = nbd_get_size (nbd);
  if (size == -1)
    return -1;
  printf ("%s: %" PRIi64 " bytes\n", name, size);
  return 0;
}
""",
    see_also=["nbd_opt_info(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_get_size(3)",
              "nbd_is_read_only(3)", "nbd_can_meta_context(3)",
              "nbd_aio_opt_go(3)", "nbd_aio_is_connecting(3)",
              "libnbd(3)"],
),
Call(
    "aio_opt_list_meta_context", "1.6",
    args=[Closure("context_callback", "context"),
          Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask which metadata contexts match, without waiting",
    description="""
The asynchronous form of nbd_opt_list_meta_context(3).  It sends
`NBD_OPT_LIST_META_CONTEXT` for the export named by the latest
nbd_set_export_name(3) or nbd_connect_uri(3), and returns without
waiting for the answer.

This call is only accepted while the handle is negotiating: option mode
must have been enabled with nbd_set_opt_mode(3) before connecting, and
no other option may be in progress.  In any other state it fails at
once.  The request is sent even when neither structured replies nor
extended headers were negotiated (the library negotiates them by
default while connecting); most servers then refuse it, and the
completion callback gets the error.

The queries sent are the names currently in the handle's list of
requested contexts, as built with nbd_add_meta_context(3) and emptied
with nbd_clear_meta_contexts(3); to pass a list explicitly, use
nbd_aio_opt_list_meta_context_queries(3).  With an empty list a server
normally reports every context it supports; otherwise it reports only
the supported contexts that match the queries.  A reply may stand for
a family of contexts rather than one exact name, so after connecting
nbd_can_meta_context(3) is still the way to know what was really
selected.

*context_callback* is invoked once for each reply, with the context
`name` sent by the server.  The string is only valid during the
invocation; copy it if needed.  The callback must not call nbd_
functions on this handle, including nbd_add_meta_context(3).  Its
return value is currently ignored, but it should not return -1.  This
form cannot return the number of replies as nbd_opt_list_meta_context(3)
does; count them in the callback if needed.

Completion works as follows.

- Drive the handle (nbd_poll(3) or a main loop) until
  nbd_aio_is_connecting(3) is false again, or until the completion
  callback has run.
- *completion_callback* is optional.  When present it is invoked
  exactly once, after the last invocation of *context_callback*.  The
  value its `error` parameter points to is 0 if the server completed
  the listing, or an errno value if the server refused it or failed
  part way.  If the connection breaks, it is still invoked, with a
  non-zero value.
- A refusal by the server is visible only through that `error` value.
  The return value of this call merely tells whether the request could
  be started; the synchronous form folds the server's answer into its
  own result instead.
- The request retires by itself.  Whatever the completion callback
  returns, there is no cookie and nothing to pass to
  nbd_aio_command_completed(3).
- The free function of each callback is called exactly once: first the
  one of *context_callback*, then the one of *completion_callback*,
  after the last invocation.  This also holds when this call fails, in
  which case neither callback is invoked at all.

Servers differ.  Some do not understand the request, some answer with
an empty list when nothing matches, and some fail after sending part
of the list, so replies may have been delivered even when the
completion reports an error.  The protocol puts no bound on the length
of the list.
""",
    errors=[
        AIO_NO_FIXED_NEWSTYLE_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
    #include <stdio.h>
    #include <stdlib.h>
    #include <stdbool.h>
    #include <string.h>
    #include <err.h>
    #include <libnbd.h>

    struct listing {
      int count;                  // replies seen so far
      bool done;                  // completion callback has run
      int err;                    // its error value
    };

    static int
    one_context (void *user_data, const char *name)
    {
      struct listing *l = user_data;

      printf ("context %d: ", ++l->count);
      puts (name);                // copy name if you need it later
      return 0;
    }

    static int
    finished (void *user_data, int *error)
    {
      struct listing *l = user_data;

      l->done = true;
      l->err = *error;            // the only sign of a server refusal
      return 0;                   // ignored: nothing to retire
    }

    int
    main (int argc, char *argv[])
    {
      struct listing l = { 0 };
      struct nbd_handle *nbd;

      if (argc != 2)
        errx (EXIT_FAILURE, "usage: %s URI", argv[0]);
      nbd = nbd_create ();
      if (nbd == NULL)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (nbd_set_opt_mode (nbd, true) == -1 ||
          nbd_aio_connect_uri (nbd, argv[1]) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      while (!nbd_aio_is_negotiating (nbd))
        if (nbd_poll (nbd, -1) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());

      // No nbd_add_meta_context calls: the query list is empty,
      // so the server is asked for everything it has.
      if (nbd_aio_opt_list_meta_context (nbd,
            (nbd_context_callback) {
              .callback = one_context, .user_data = &l },
            (nbd_completion_callback) {
              .callback = finished, .user_data = &l }) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      while (!l.done)
        if (nbd_poll (nbd, -1) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (l.err != 0)
        warnx ("listing failed: %s", strerror (l.err));

      nbd_opt_abort (nbd);        // leave without using an export
      nbd_close (nbd);
      return l.err == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
    }
""",
    see_also=["nbd_opt_list_meta_context(3)",
              "nbd_aio_opt_list_meta_context_queries(3)",
              "nbd_aio_opt_set_meta_context(3)",
              "nbd_add_meta_context(3)", "nbd_clear_meta_contexts(3)",
              "nbd_can_meta_context(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_aio_is_connecting(3)",
              "nbd_aio_is_negotiating(3)", "libnbd(3)"],
),
Call(
    "aio_opt_list_meta_context_queries", "1.16",
    args=[StringList("queries"),
          Closure("context_callback", "context"),
          Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask which of the given contexts match, without waiting",
    description="""
Works like nbd_aio_opt_list_meta_context(3), except that the queries
sent with `NBD_OPT_LIST_META_CONTEXT` come from *queries*, a
NULL-terminated list of context names or prefixes, rather than from the
list built with nbd_add_meta_context(3), which is left untouched.  The
library copies *queries* before returning.  An empty list normally
makes the server report every context it supports.  It is the
asynchronous form of nbd_opt_list_meta_context_queries(3).

It is only allowed while negotiating (see nbd_set_opt_mode(3)).  It is
sent even without structured replies or extended headers, which most
servers then refuse.
*context_callback* is invoked once per reply with the context `name`,
valid only during the invocation; it must not call nbd_ functions on
this handle, and its return value is ignored (but avoid -1).  A reply
may cover several contexts at once, so check nbd_can_meta_context(3)
after connecting.

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
The optional *completion_callback* runs once after the last reply, with
its `error` parameter pointing to 0 on success or to an errno value if
the server refused or failed, which is the only way to see that.  The
request retires by itself whatever the callback returns.  Each free
function is called exactly once, even if this call fails.  Servers may
not understand the request, may answer with nothing, or may fail after
a partial list.
""",
    errors=[
        AIO_NO_FIXED_NEWSTYLE_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <stdbool.h>
#include <stdio.h>
#include <libnbd.h>

struct matches {
  int count;
  bool done;
  int error;
};

static int
found (void *user_data, const char *name)
{
  struct matches *m = user_data;

  m->count++;
  puts (name);
  return 0;
}

static int
all_found (void *user_data, int *error)
{
  struct matches *m = user_data;

  m->done = true;
  m->error = *error;
  return 0;
}

// Which qemu dirty bitmaps does the export have?  The handle's own
// list of contexts, used later by nbd_opt_go, is not touched.
int
list_dirty_bitmaps (struct nbd_handle *nbd)
{
  char *queries[] = { (char *) LIBNBD_CONTEXT_QEMU_DIRTY_BITMAP, NULL };
  struct matches m = { 0, false, 0 };

  if (nbd_aio_opt_list_meta_context_queries (nbd, queries,
        (nbd_context_callback) { .callback = found, .user_data = &m },
        (nbd_completion_callback) {
          .callback = all_found, .user_data = &m }) == -1)
    return -1;
  while (!m.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return m.error == 0 ? m.count : -1;
}
""",
    see_also=["nbd_opt_list_meta_context_queries(3)",
              "nbd_aio_opt_list_meta_context(3)",
              "nbd_aio_opt_set_meta_context_queries(3)",
              "nbd_can_meta_context(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_aio_is_connecting(3)",
              "libnbd(3)"],
),
Call(
    "aio_opt_set_meta_context", "1.16",
    args=[Closure("context_callback", "context"),
          Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="select the requested metadata contexts, without waiting",
    description="""
The asynchronous form of nbd_opt_set_meta_context(3).  It sends
`NBD_OPT_SET_META_CONTEXT` for the export named by the latest
nbd_set_export_name(3) or nbd_connect_uri(3), asking the server to
select the contexts in the list built with nbd_add_meta_context(3), and
returns without waiting.  It is only allowed while negotiating (see
nbd_set_opt_mode(3)); to pass an explicit list, use
nbd_aio_opt_set_meta_context_queries(3).

Ordinarily this is unnecessary, since nbd_opt_go(3) makes the same
request itself when structured replies or extended headers are in use.
Doing it by hand is useful for testing how servers cope with odd
sequences, typically after turning the automatic request off with
nbd_set_request_meta_context(3).  For the same reason the library does
not stop you from sending an empty list, or from sending the request
when structured replies were disabled with
nbd_set_request_structured_replies(3).

*context_callback* is invoked once for each context the server
selects, with its `name`, valid only during the invocation.  The
callback must not call any nbd_ function, and its return value is
currently ignored (but do not return -1).  The selected names are also
what nbd_can_meta_context(3) reports until the selection is replaced:
by a new nbd_set_export_name(3), another context selection, or an
nbd_opt_go(3) or nbd_opt_info(3) that requests contexts automatically.

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
The optional *completion_callback* is invoked once, after the last
context, with its `error` parameter pointing to 0 or to an errno value
if the server refused or failed; only there is a refusal visible.  The
request is retired automatically whatever the callback returns, and
each free function is called exactly once, even if this call fails.
""",
    errors=[AIO_NO_FIXED_NEWSTYLE_ERROR, OUT_OF_MEMORY_ERROR],
    example=r"""
#include <stdbool.h>
#include <stdio.h>
#include <libnbd.h>

struct selection {
  bool done;
  int error;
};

static int
selected (void *user_data, const char *name)
{
  (void) user_data;
  printf ("server selected %s\n", name);
  return 0;
}

static int
selection_made (void *user_data, int *error)
{
  struct selection *s = user_data;

  s->done = true;
  s->error = *error;
  return 0;
}

// Before connecting:
//   nbd_set_opt_mode (nbd, true);
//   nbd_set_request_meta_context (nbd, false);
//   nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION);
// Select the contexts by hand, then enter transmission.
int
select_then_go (struct nbd_handle *nbd)
{
  struct selection s = { false, 0 };

  if (nbd_aio_opt_set_meta_context (nbd,
        (nbd_context_callback) { .callback = selected },
        (nbd_completion_callback) {
          .callback = selection_made, .user_data = &s }) == -1)
    return -1;
  while (!s.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  if (s.error != 0)
    return -1;
  // nbd_can_meta_context now reports the selection; nbd_opt_go
  // keeps it because it was told not to request contexts itself.
  return nbd_opt_go (nbd);
}
""",
    see_also=["nbd_opt_set_meta_context(3)",
              "nbd_aio_opt_set_meta_context_queries(3)",
              "nbd_add_meta_context(3)", "nbd_can_meta_context(3)",
              "nbd_set_request_meta_context(3)", "nbd_aio_opt_go(3)",
              "nbd_set_opt_mode(3)", "nbd_set_export_name(3)",
              "nbd_aio_is_connecting(3)", "libnbd(3)"],
),
Call(
    "aio_opt_set_meta_context_queries", "1.16",
    args=[StringList("queries"),
          Closure("context_callback", "context"),
          Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="select the given metadata contexts, without waiting",
    description="""
Works like nbd_aio_opt_set_meta_context(3), except that the contexts to
select come from *queries*, a NULL-terminated list of names, rather
than from the list built with nbd_add_meta_context(3).  The library
copies *queries* before returning.  It is the asynchronous form of
nbd_opt_set_meta_context_queries(3), and is only allowed while
negotiating (see nbd_set_opt_mode(3)).

As with the other form, this is mostly for testing servers, usually
together with nbd_set_request_meta_context(3) so that nbd_opt_go(3)
does not make its own request; an empty list is allowed.
*context_callback* is invoked once per selected context with its
`name`, must not call nbd_ functions, and has its return value ignored
(avoid -1).  The selection is what nbd_can_meta_context(3) reports
until it is replaced.

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
The optional *completion_callback* is invoked once at the end with its
`error` parameter pointing to 0 or to an errno value if the server
refused, which is the only way to learn of a refusal.  The request
retires itself whatever the callback returns, and each free function is
called exactly once, even if this call fails.
""",
    errors=[AIO_NO_FIXED_NEWSTYLE_ERROR, OUT_OF_MEMORY_ERROR],
    example="""
#include <stdbool.h>
#include <libnbd.h>

static int
count_selected (void *user_data, const char *name)
{
  int *selected = user_data;

  (void) name;
  (*selected)++;
  return 0;
}

static int
mark_done (void *user_data, int *error)
{
  int *status = user_data;

  *status = *error;             // was -1: still waiting
  return 0;
}

// Send an empty selection, as a test of how the server copes.
// Returns the number of contexts selected (normally 0), or -1.
int
select_nothing (struct nbd_handle *nbd)
{
  char *none[] = { NULL };
  int selected = 0, status = -1;

  if (nbd_aio_opt_set_meta_context_queries (nbd, none,
        (nbd_context_callback) {
          .callback = count_selected, .user_data = &selected },
        (nbd_completion_callback) {
          .callback = mark_done, .user_data = &status }) == -1)
    return -1;
  while (status == -1)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return status == 0 ? selected : -1;
}
""",
    see_also=["nbd_opt_set_meta_context_queries(3)",
              "nbd_aio_opt_set_meta_context(3)",
              "nbd_can_meta_context(3)",
              "nbd_set_request_meta_context(3)", "nbd_aio_opt_go(3)",
              "nbd_set_opt_mode(3)", "nbd_aio_is_connecting(3)",
              "libnbd(3)"],
),
Call(
    "aio_pread", "1.0",
    args=[Buffer("buf", write=True, persist=True),
          UInt64("offset"),
          Closure("completion_callback", "completion", optional=True),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RCookie,
    states=(CONNECTED,),
    summary="start reading from the export, without waiting",
    description="""
Starts a read of *count* bytes from the export at *offset* into *buf*
and returns a cookie identifying the command, without waiting for the
data.  It is the asynchronous form of nbd_pread(3).  Any number of
commands may be in flight on the handle at once, and the server may
answer them in any order.

The library fills *buf* as the reply arrives, so the buffer must stay
allocated, and must not be used for anything else, until the command
has completed.  Its contents are only meaningful once the command has
completed successfully.  On failure, if nbd_get_pread_initialize(3) is
true (the default), the library fills the buffer with zeroes before the
callback runs or nbd_aio_command_completed(3) reports the error, so it
never holds stale memory; if it is false, the contents are undefined.

There are two ways to learn the outcome:

- Without a completion callback (pass `NBD_NULL_COMPLETION`), call
  nbd_aio_command_completed(3) with the cookie while driving the
  handle.  It returns 0 while the command runs, 1 once it has
  succeeded, and -1 with the command's error if it failed; both of the
  last two retire the command.
- With *completion_callback*, the callback is invoked exactly once
  when the command ends, with its `error` parameter pointing to 0 on
  success or to the command's errno.  If the callback returns 1 the
  command is retired at once and its cookie must not be used again;
  any other return value leaves it to be retired with
  nbd_aio_command_completed(3), and a command never retired keeps its
  resources until nbd_close(3).

The callback may run before this call has even returned, if the reply
arrives quickly.  It runs with the handle lock held and must not call
nbd_ functions on the same handle.  If this call fails, the callback
is never invoked, but its free function is still called, once.

At most 64 MiB can be read in one command; the server may allow less
(see nbd_get_block_size(3)).  *flags* must be 0; the
`LIBNBD_CMD_FLAG_DF` flag only applies to nbd_aio_pread_structured(3),
and while `LIBNBD_STRICT_FLAGS` is set a flag that does not belong to a
read fails with `EINVAL`.
Which bad requests are caught before sending is governed by
nbd_set_strict_mode(3).
""" + AIO_COMMAND_FAILURE_PARAGRAPH,
    errors=[
        READ_TOO_LONG_ERROR,
        strict_flags_error("a read"),
        DF_UNSUPPORTED_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <inttypes.h>
    #include <err.h>
    #include <libnbd.h>

    #define NREQ 8
    #define REQSIZE 4096

    struct request {
      uint64_t offset;
      char buf[REQSIZE];          // must outlive the command
      int err;                    // -1 until the command completes
    };

    static int
    read_done (void *user_data, int *error)
    {
      struct request *r = user_data;

      r->err = *error;            // buf is valid only if this is 0
      return 1;                   // retire the command automatically
    }

    int
    main (int argc, char *argv[])
    {
      static struct request reqs[NREQ];
      struct nbd_handle *nbd;
      uint64_t off = 0;
      size_t i;

      if (argc != 2)
        errx (EXIT_FAILURE, "usage: %s URI", argv[0]);
      nbd = nbd_create ();
      if (nbd == NULL || nbd_aio_connect_uri (nbd, argv[1]) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      while (!nbd_aio_is_ready (nbd))
        if (nbd_poll (nbd, -1) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (nbd_get_size (nbd) < (int64_t) NREQ * REQSIZE)
        errx (EXIT_FAILURE, "export too small");

      for (i = 0; i < NREQ; i++, off += REQSIZE) {
        reqs[i].offset = off;
        reqs[i].err = -1;
        if (nbd_aio_pread (nbd, reqs[i].buf, REQSIZE, off,
                           (nbd_completion_callback) {
                             .callback = read_done,
                             .user_data = &reqs[i] },
                           0) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());
      }

      // Callbacks run from inside nbd_poll.
      while (nbd_aio_in_flight (nbd) > 0)
        if (nbd_poll (nbd, -1) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());

      for (i = 0; i < NREQ; i++) {
        char line[80];

        if (reqs[i].err != 0) {
          warnx ("read at %" PRIu64 ": %s", reqs[i].offset,
                 strerror (reqs[i].err));
          continue;
        }
        snprintf (line, sizeof line, "%" PRIu64 ": first byte 0x%02x",
                  reqs[i].offset, (unsigned char) reqs[i].buf[0]);
        puts (line);
      }

      nbd_shutdown (nbd, 0);
      nbd_close (nbd);
      return EXIT_SUCCESS;
    }
""",
    see_also=["nbd_pread(3)", "nbd_aio_pread_structured(3)",
              "nbd_aio_command_completed(3)", "nbd_aio_in_flight(3)",
              "nbd_aio_peek_command_completed(3)", "nbd_poll(3)",
              "nbd_get_pread_initialize(3)",
              "nbd_set_pread_initialize(3)", "nbd_get_block_size(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
Call(
    "aio_pread_structured", "1.0",
    args=[Buffer("buf", write=True, persist=True),
          UInt64("offset"),
          Closure("chunk_callback", "chunk"),
          Closure("completion_callback", "completion", optional=True),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RCookie,
    states=(CONNECTED,),
    summary="start a read that reports each reply chunk, without waiting",
    description="""
Starts a read of *count* bytes at *offset* into *buf*, like
nbd_aio_pread(3), but also calls *chunk_callback* as each piece of the
server's reply arrives, so that the caller can see how the reply was
split and check it.  It returns a cookie at once and is the
asynchronous form of nbd_pread_structured(3).  With structured replies
the server may send a read as several chunks, in any order, some of
them holes or errors; the library places each into the right part of
*buf*.

The chunk callback receives:

- `subbuf` and `count`: the part of *buf* that has just been filled.
  In C, `subbuf` always points inside *buf*.
- `offset`: the position of `subbuf` within the export (not within
  *buf*).
- `status`: `LIBNBD_READ_DATA` when the server sent `count` bytes of
  data; `LIBNBD_READ_HOLE` when it reported a hole, which the library
  has filled with `count` zero bytes; `LIBNBD_READ_ERROR` when the
  server reported an error for this `offset`, in which case `count` is
  0 and `subbuf` must not be used.
- `error`: points to an errno value.  For data and holes it is 0 on
  entry, or the errno of an earlier problem in this command.  For
  `LIBNBD_READ_ERROR` it is the error the server gave for that offset.

To fail the whole read from the chunk callback, store an errno value
through `error` and return -1; the read then fails with that errno
(`EPROTO` if 0 was stored), unless an earlier failure was recorded
first.  Later chunks are still delivered.  Changes to the value are
ignored when the callback does not return -1.  A non-compliant server
may cause extra invocations or zero-length data chunks; the callback
may also not be called at all, for example when the server reports an
error not tied to an offset, though a successful read always produces
at least one invocation.  Overlapping chunks fail the read with
`EPROTO`, and chunks that do not cover the whole request with `EIO`.

*flags* may be 0 or `LIBNBD_CMD_FLAG_DF`, asking the server to send the
data in one piece; it requires nbd_can_df(3), and compliance is not
checked.  Any other flag fails with `EINVAL` while `LIBNBD_STRICT_FLAGS`
is set.  At most 64 MiB can be read per command, and the server may
allow less (nbd_get_block_size(3)).

The buffer must remain valid until the command completes, and its
contents after a failure follow nbd_get_pread_initialize(3), as for
nbd_aio_pread(3).  Completion is learned as for that call: through
nbd_aio_command_completed(3), or through the optional
*completion_callback*, invoked once after the last chunk, whose return
value of 1 retires the command automatically.  Callbacks run with the
handle lock held and must not call nbd_ functions on this handle.  The
order is: chunk invocations, the completion callback, the chunk free
function, then the completion free function; both free functions are
called exactly once, even if this call fails.
""" + AIO_COMMAND_FAILURE_PARAGRAPH,
    errors=[
        READ_TOO_LONG_ERROR,
        strict_flags_error("a read"),
        DF_UNSUPPORTED_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <libnbd.h>

struct read_state {
  uint64_t data_bytes;          // bytes the server sent as data
  bool done;
  int error;
};

static int
check_chunk (void *user_data, const void *subbuf, size_t count,
             uint64_t offset, unsigned status, int *error)
{
  struct read_state *r = user_data;

  (void) subbuf;
  (void) offset;
  if (status == LIBNBD_READ_DATA) {
    if (count == 0) {           // a broken server: fail the read
      *error = EPROTO;
      return -1;
    }
    r->data_bytes += count;
  }
  return 0;
}

static int
read_finished (void *user_data, int *error)
{
  struct read_state *r = user_data;

  // Runs after the last chunk; *error is the read's errno, or 0.
  r->done = true;
  r->error = *error;
  return 1;                     // retire: the cookie is not needed
}

// Read len bytes at offset into buf; both callbacks share one
// user_data.  Returns the number of bytes that were not holes.
int64_t
read_data_bytes (struct nbd_handle *nbd, void *buf, size_t len,
                 uint64_t offset)
{
  struct read_state r = { 0, false, 0 };

  if (nbd_aio_pread_structured (nbd, buf, len, offset,
        (nbd_chunk_callback) {
          .callback = check_chunk, .user_data = &r },
        (nbd_completion_callback) {
          .callback = read_finished, .user_data = &r },
        0) == -1)
    return -1;
  while (!r.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  if (r.error != 0) {
    errno = r.error;
    return -1;
  }
  return r.data_bytes;
}
""",
    see_also=["nbd_pread_structured(3)", "nbd_aio_pread(3)",
              "nbd_aio_command_completed(3)", "nbd_can_df(3)",
              "nbd_get_pread_initialize(3)",
              "nbd_set_pread_initialize(3)", "nbd_get_block_size(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
Call(
    "aio_pwrite", "1.0",
    args=[Buffer("buf", write=False, persist=True),
          UInt64("offset"),
          Closure("completion_callback", "completion", optional=True),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RCookie,
    states=(CONNECTED,),
    summary="start writing to the export, without waiting",
    description="""
Starts writing the *count* bytes of *buf* to the export at *offset* and
returns a cookie at once.  It is the asynchronous form of
nbd_pwrite(3).  The library does not copy the data: it may still be
sending it after this call returns, so *buf* must stay valid and
unchanged until the command completes.

A read-only export (nbd_is_read_only(3)) normally makes the command
fail.  The size of one write is limited to the smaller of 64 MiB and
the maximum payload the server announced (`LIBNBD_SIZE_PAYLOAD` in
nbd_get_block_size(3)); larger requests are normally refused on the
client side instead of risking a disconnect by the server.

*flags* may be 0 or `LIBNBD_CMD_FLAG_FUA`, which makes the server
answer only once the data is on stable storage (see nbd_can_fua(3)).
`LIBNBD_CMD_FLAG_PAYLOAD_LEN` is set or cleared by the library as the
negotiated headers require, whatever *flags* says, unless
`LIBNBD_STRICT_AUTO_FLAG` was removed with nbd_set_strict_mode(3).
Any other flag fails with `EINVAL` while `LIBNBD_STRICT_FLAGS` is set.

Completion is observed with nbd_aio_command_completed(3) or through the
optional *completion_callback*, which is invoked once when the server
has answered, with its `error` parameter pointing to 0 or to the
command's errno; returning 1 from it retires the command.  It may run
before this call returns, must not call nbd_ functions on this handle,
and its free function is called exactly once even if this call fails.

Several writes may be in flight, but avoid overlapping ranges among
commands in flight at the same time: the result of overlapping writes,
or of a read overlapping a write, is not defined.
""" + AIO_COMMAND_FAILURE_PARAGRAPH,
    errors=[
        READ_ONLY_EXPORT_ERROR,
        ("ERANGE", "*count* is larger than the write payload limit, "
         "`LIBNBD_SIZE_PAYLOAD` of nbd_get_block_size(3); checked while "
         "`LIBNBD_STRICT_PAYLOAD` is set."),
        COUNT_OVER_32_BITS_ERROR,
        strict_flags_error("a write"),
        ("EINVAL", "`LIBNBD_CMD_FLAG_FUA` was given but nbd_can_fua(3) is "
         "false; checked while `LIBNBD_STRICT_COMMANDS` is set."),
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example=r"""
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libnbd.h>

struct block_write {
  int *failures;                // counter shared by all the writes
  char data[];                  // must live until the write completes
};

static int
write_done (void *user_data, int *error)
{
  struct block_write *w = user_data;

  if (*error != 0) {
    fprintf (stderr, "write: %s\n", strerror (*error));
    (*w->failures)++;
  }
  return 1;                     // retire the command now
}

// Fill n blocks with byte c without waiting between writes.  Each
// buffer is the command's user_data, and the .free member releases it
// once the library is done with it: after the completion callback,
// or at once if nbd_aio_pwrite fails.
int
fill_blocks (struct nbd_handle *nbd, int c, size_t block, unsigned n)
{
  int failures = 0;
  unsigned i;

  for (i = 0; i < n && failures == 0; i++) {
    struct block_write *w = malloc (sizeof *w + block);

    if (w == NULL) {
      failures++;
      break;
    }
    w->failures = &failures;
    memset (w->data, c, block);
    if (nbd_aio_pwrite (nbd, w->data, block, (uint64_t) i * block,
          (nbd_completion_callback) {
            .callback = write_done, .user_data = w, .free = free },
          0) == -1) {
      failures++;
      break;
    }
  }
  // failures is on this stack frame: wait for every callback, even
  // after an error, before returning.
  while (nbd_aio_in_flight (nbd) > 0)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return failures == 0 ? 0 : -1;
}
""",
    see_also=["nbd_pwrite(3)", "nbd_aio_command_completed(3)",
              "nbd_is_read_only(3)", "nbd_can_fua(3)",
              "nbd_get_block_size(3)", "nbd_aio_flush(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
Call(
    "aio_disconnect", "1.0",
    args=[FlagsArg("flags", CMD_FLAGS)],
    ret=RErr,
    states=(CONNECTED,),
    summary="start a clean disconnect from the server",
    description="""
Queues the protocol's disconnect request (`NBD_CMD_DISC`) and returns.
The server does not answer this request, so there is no cookie and no
completion callback; instead, keep driving the handle until
nbd_aio_is_closed(3) becomes true.  Once it has been issued, no further
commands can be submitted on the handle.

The library lets you disconnect while other commands are still in
flight, but the protocol advises waiting until nbd_aio_in_flight(3)
reaches 0 first, which gives the server the best chance to finish
cleanly.

*flags* must be 0; it is reserved for future protocol extensions, and
any flag fails with `EINVAL` whatever the strict mode.  Commands issued
after this call fail with `EINVAL`.
There is no synchronous call of the same name; nbd_shutdown(3) uses
this request when appropriate.
""",
    errors=[
        ("EINVAL", "*flags* is not 0."),
        ("EINVAL", "A disconnect was already requested on this handle."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_shutdown(3)", "nbd_aio_is_closed(3)",
              "nbd_aio_in_flight(3)", "nbd_close(3)", "libnbd(3)"],
),
Call(
    "aio_flush", "1.0",
    args=[Closure("completion_callback", "completion", optional=True),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RCookie,
    states=(CONNECTED,),
    summary="start a flush of written data, without waiting",
    description="""
Starts a flush command and returns a cookie at once.  It is the
asynchronous form of nbd_flush(3).  When the command completes
successfully, every write the server had already acknowledged before
it received the flush has reached stable storage.  Writes still in
flight when the flush was sent are not covered.

The server must support flushing (nbd_can_flush(3)); otherwise the
command is normally refused.  *flags* must be 0 for now; any flag fails
with `EINVAL` while `LIBNBD_STRICT_FLAGS` is set.  For single writes,
`LIBNBD_CMD_FLAG_FUA` is often a cheaper way to obtain the same
guarantee.

Completion is observed with nbd_aio_command_completed(3) or through the
optional *completion_callback*, invoked once with its `error`
parameter pointing to 0 or to the command's errno; returning 1 from it
retires the command.  The callback must not call nbd_ functions on
this handle, and its free function is called exactly once, even if
this call fails.
""" + AIO_COMMAND_FAILURE_PARAGRAPH,
    errors=[
        ("EINVAL", "The server did not advertise flush (nbd_can_flush(3)); "
         "checked while `LIBNBD_STRICT_COMMANDS` is set."),
        strict_flags_error("a flush"),
        DISCONNECT_REQUESTED_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <stdint.h>
#include <libnbd.h>

// Make the writes that have completed so far durable.  No callback
// here: the cookie is polled with nbd_aio_command_completed, which
// also retires the command and sets the error if it failed.
int
flush_and_wait (struct nbd_handle *nbd)
{
  int64_t cookie;
  int r;

  cookie = nbd_aio_flush (nbd, NBD_NULL_COMPLETION, 0);
  if (cookie == -1)
    return -1;
  while ((r = nbd_aio_command_completed (nbd, cookie)) == 0)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return r == 1 ? 0 : -1;       // on -1, see nbd_get_error
}
""",
    see_also=["nbd_flush(3)", "nbd_can_flush(3)", "nbd_can_fua(3)",
              "nbd_aio_command_completed(3)", "nbd_aio_pwrite(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
Call(
    "aio_trim", "1.0",
    args=[UInt64("count"),
          UInt64("offset"),
          Closure("completion_callback", "completion", optional=True),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RCookie,
    states=(CONNECTED,),
    summary="start a trim (discard) request without waiting for it",
    description="""
Queue a trim request, also known as discard, for the *count* bytes
that begin at *offset*, and return as soon as it is queued instead of
waiting for the server's answer.  This is the asynchronous form of
nbd_trim(3).  A server that implements trim may give the storage behind
the range back to its backing store; afterwards the range often, but
not always, reads as zeroes.

*flags* is 0, or `LIBNBD_CMD_FLAG_FUA` to ask the server to reply
only once the change has reached stable storage (only meaningful when
nbd_can_fua(3) is true).  Any other flag fails with `EINVAL` while
`LIBNBD_STRICT_FLAGS` is set.

The cookie returned names the request.  Learn the outcome either by
calling nbd_aio_command_completed(3) with it, or through
*completion_callback*, which the library invokes once when the reply
has been handled, with the integer that `error` points to holding 0
for success or an errno value.  If that callback returns 1, the
command is retired at once and the cookie is forgotten.  The callback
runs inside whichever call is moving the handle forward (nbd_poll(3),
nbd_aio_notify_read(3) and so on), possibly even before this call has
returned, so it must not call functions on the same handle.

Before anything is queued, the library checks the request as set by
nbd_set_strict_mode(3): by default the server must have announced
trim support (nbd_can_trim(3)), the export must be writable, and the
range must lie within the export and respect its minimum block size.
A request that fails these checks is refused on the spot with no
network traffic; then there is no cookie and the completion callback
never runs, although its free function is still called.

A *count* of 4 GiB or more can only be sent when extended headers
were negotiated (nbd_get_extended_headers_negotiated(3)), and servers
may impose smaller limits of their own.
""" + AIO_COMMAND_FAILURE_PARAGRAPH,
    errors=[
        READ_ONLY_EXPORT_ERROR,
        ("EINVAL", "The server did not advertise trim (nbd_can_trim(3)), or "
         "`LIBNBD_CMD_FLAG_FUA` was given but nbd_can_fua(3) is false; "
         "checked while `LIBNBD_STRICT_COMMANDS` is set."),
        strict_flags_error("a trim"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example=r"""
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <inttypes.h>
#include <libnbd.h>

struct trim_request {
  uint64_t offset;
  int done;                     // set by the completion callback
};

static int
trim_done (void *user_data, int *error)
{
  struct trim_request *t = user_data;

  // A failed trim loses no data, so only report it.
  if (*error != 0)
    fprintf (stderr, "trim at %" PRIu64 ": %s\n", t->offset,
             strerror (*error));
  t->done = 1;
  return 1;                     // retire it: nobody will ask again
}

// Discard a range the program no longer needs, if the server can.
int
discard (struct nbd_handle *nbd, uint64_t offset, uint64_t len)
{
  struct trim_request t = { offset, 0 };

  if (nbd_can_trim (nbd) != 1)
    return 0;                   // trimming is only ever a hint
  if (nbd_aio_trim (nbd, len, offset,
        (nbd_completion_callback) {
          .callback = trim_done, .user_data = &t },
        0) == -1)
    return -1;
  while (!t.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return 0;
}
""",
    see_also=["nbd_trim(3)", "nbd_can_trim(3)", "nbd_can_fua(3)",
              "nbd_aio_command_completed(3)", "nbd_aio_zero(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
Call(
    "aio_cache", "1.0",
    args=[UInt64("count"),
          UInt64("offset"),
          Closure("completion_callback", "completion", optional=True),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RCookie,
    states=(CONNECTED,),
    summary="start a cache (prefetch) request without waiting",
    description="""
Queue a cache request for the *count* bytes that begin at *offset*,
and return without waiting for the server.  This is the asynchronous
form of nbd_cache(3).  The request is a hint: it invites the server
to pull that range into faster storage so that a later read, such as
nbd_pread(3), is served sooner.  The server is free to do nothing
with it, and no data comes back.

*flags* must be 0; no command flag applies to this request at
present, and any flag fails with `EINVAL` while `LIBNBD_STRICT_FLAGS`
is set.  The command is allowed on read-only exports.

The returned cookie identifies the request.  Its outcome is reported
by nbd_aio_command_completed(3), or by *completion_callback* if one
is given; a completion callback that returns 1 retires the command
itself.  Callbacks are invoked from the call that advances the handle
and must not use the same handle.

By default (see nbd_set_strict_mode(3)) the library refuses the
request locally, without contacting the server, when the server did
not announce cache support (nbd_can_cache(3)), when a flag is given,
or when the range is out of bounds.  A *count* of 4 GiB or more
requires extended headers.
""" + AIO_COMMAND_FAILURE_PARAGRAPH,
    errors=[
        ("EINVAL", "The server did not advertise cache (nbd_can_cache(3)); "
         "checked while `LIBNBD_STRICT_COMMANDS` is set."),
        strict_flags_error("a cache request"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <stdint.h>
#include <libnbd.h>

static int
ignore_result (void *user_data, int *error)
{
  (void) user_data;
  (void) error;                 // a cache hint may fail harmlessly
  return 1;                     // retire at once: no one waits for it
}

// Before reading a region piece by piece, hint that it will be
// needed.  The call returns at once; the hint completes on its own
// while the reads that follow drive the handle.
void
prefetch (struct nbd_handle *nbd, uint64_t offset, uint64_t len)
{
  if (nbd_can_cache (nbd) == 1)
    nbd_aio_cache (nbd, len, offset,
                   (nbd_completion_callback) {
                     .callback = ignore_result },
                   0);
}
""",
    see_also=["nbd_cache(3)", "nbd_can_cache(3)", "nbd_aio_pread(3)",
              "nbd_aio_command_completed(3)", "nbd_set_strict_mode(3)",
              "libnbd(3)"],
),
Call(
    "aio_zero", "1.0",
    args=[UInt64("count"),
          UInt64("offset"),
          Closure("completion_callback", "completion", optional=True),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RCookie,
    states=(CONNECTED,),
    summary="start a write zeroes request without waiting",
    description="""
Queue a request that makes the *count* bytes beginning at *offset*
read back as zeroes, and return without waiting for the reply.  This
is the asynchronous form of nbd_zero(3).  Unlike writing a buffer of
zeroes with nbd_aio_pwrite(3), no data crosses the network, and the
server can often carry it out cheaply.

*flags* is 0 or a combination of:

- `LIBNBD_CMD_FLAG_FUA`: reply only once the zeroes are on stable
  storage (needs nbd_can_fua(3)).
- `LIBNBD_CMD_FLAG_NO_HOLE`: keep the range allocated instead of
  letting the server punch a hole.
- `LIBNBD_CMD_FLAG_FAST_ZERO`: the server must fail the request at
  once, rather than fall back to a slow write, if zeroing would not be
  faster than writing (needs nbd_can_fast_zero(3)).  The command then
  fails with `ENOTSUP`, and the caller can choose another strategy,
  such as skipping the range or writing it out.
""" + OTHER_FLAGS_STRICT_PARAGRAPH + """
The returned cookie names the request; wait for it with
nbd_aio_command_completed(3) or pass a *completion_callback*, which
runs once when the reply is in and retires the command by returning 1.
Callbacks run inside the call that drives the handle and must not call
into the same handle.

Unless relaxed with nbd_set_strict_mode(3), the call is rejected
before anything is sent when the server did not announce write zeroes
support (nbd_can_zero(3)) or one of the requested flags, when the
export is read-only, or when the range is out of bounds or unaligned.
Requests of 4 GiB or more need extended headers, and some servers
accept big zero requests only together with
`LIBNBD_CMD_FLAG_FAST_ZERO`.
""" + AIO_COMMAND_FAILURE_PARAGRAPH,
    errors=[
        READ_ONLY_EXPORT_ERROR,
        ("EINVAL", "The server did not advertise write zeroes "
         "(nbd_can_zero(3)), or a flag was given whose support the server "
         "did not advertise (nbd_can_fua(3), nbd_can_fast_zero(3)); checked "
         "while `LIBNBD_STRICT_COMMANDS` is set."),
        strict_flags_error("a zero request"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <libnbd.h>

struct zero_result {
  bool done;
  int error;
};

static int
zero_done (void *user_data, int *error)
{
  struct zero_result *z = user_data;

  z->done = true;
  z->error = *error;
  return 1;
}

// Try to zero a range cheaply.  Returns 1 if it is now zero, 0 if the
// server could only do it slowly (the caller may write zeroes itself
// or skip the range), -1 on error.
int
zero_if_fast (struct nbd_handle *nbd, uint64_t offset, uint64_t len)
{
  struct zero_result z = { false, 0 };

  if (nbd_can_fast_zero (nbd) != 1)
    return 0;
  if (nbd_aio_zero (nbd, len, offset,
        (nbd_completion_callback) {
          .callback = zero_done, .user_data = &z },
        LIBNBD_CMD_FLAG_FAST_ZERO) == -1)
    return -1;
  while (!z.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  if (z.error == ENOTSUP)
    return 0;
  return z.error == 0 ? 1 : -1;
}
""",
    see_also=["nbd_zero(3)", "nbd_can_zero(3)", "nbd_can_fast_zero(3)",
              "nbd_can_fua(3)", "nbd_aio_trim(3)",
              "nbd_aio_command_completed(3)", "nbd_set_strict_mode(3)",
              "libnbd(3)"],
),
Call(
    "aio_block_status", "1.0",
    args=[UInt64("count"),
          UInt64("offset"),
          Closure("extent_callback", "extent"),
          Closure("completion_callback", "completion", optional=True),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RCookie,
    states=(CONNECTED,),
    summary="start a block status query with a 32-bit extent callback",
    description="""
Ask the server, without waiting for the answer, how the blocks
starting at *offset* are laid out, for every metadata context that was
negotiated when connecting (see nbd_add_meta_context(3) and
nbd_can_meta_context(3)).  This is the asynchronous form of
nbd_block_status(3).  New code should prefer
nbd_aio_block_status_64(3), described below.

*count* is a hint of how much to describe: the server may cover less,
and its last extent may run past *offset* + *count*.  *flags* is 0 or
`LIBNBD_CMD_FLAG_REQ_ONE`, which asks for a single extent per context
that stays within *count* bytes; the library does not verify that the
server honoured it.  Any other flag fails with `EINVAL` while
`LIBNBD_STRICT_FLAGS` is set.

While the reply is being read, *extent_callback* is called for each
context, with the context's name in `metacontext` (for instance
"base:allocation"), the `offset` at which the description starts, and
the array `entries` of `nr_entries` 32-bit numbers.  They come in
pairs, so there are `nr_entries` / 2 extents: first the length of an
extent in bytes, then its status bits, which mean whatever the context
defines (the header has `LIBNBD_STATE_` constants for contexts the
library knows, such as `LIBNBD_STATE_HOLE` and `LIBNBD_STATE_ZERO` for
"base:allocation").  Always look at `metacontext`: a faulty server may
trigger more calls than expected, and a context the server cannot
describe may get no call at all.

On entry to the extent callback, `error` points to the errno of any
problem already seen in this command; the other arguments are valid
regardless.  To make the whole command fail, the callback returns -1,
and may first store an errno value through `error` (`EPROTO` is used
if it leaves it at 0).  Later contexts are still passed to the
callback after such a failure.

The 32-bit interface has limits.  An extent of 4 GiB or more is
reported just under 4 GiB long and any extents after it in that reply
are dropped; a status value wider than 32 bits, which only a server
using extended headers can send, makes the callback see `EOVERFLOW`
in `error`.  nbd_aio_block_status_64(3) has neither problem.

The cookie returned identifies the command.  Its outcome comes from
nbd_aio_command_completed(3) or *completion_callback*, which is
called once after the last extent callback and retires the command
when it returns 1.  All callbacks run with the handle locked, from
inside the call that advances the handle, and must not call functions
on the same handle.

By default the library refuses locally, without network traffic, a
query made when no metadata context was negotiated, one with flags
other than `LIBNBD_CMD_FLAG_REQ_ONE`, or one out of bounds; see
nbd_set_strict_mode(3).
""" + AIO_COMMAND_FAILURE_PARAGRAPH,
    errors=[
        NO_META_CONTEXT_ERROR,
        strict_flags_error("block status"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <libnbd.h>

struct zero_scan {
  uint64_t zero_bytes;          // bytes that read as zeroes
  bool done;
  int error;
};

static int
count_zeroes (void *user_data, const char *metacontext, uint64_t offset,
              uint32_t *entries, size_t nr_entries, int *error)
{
  struct zero_scan *s = user_data;
  size_t i;

  (void) offset;
  (void) error;
  if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) != 0)
    return 0;
  // entries holds pairs: a length, then its status bits.
  for (i = 0; i + 1 < nr_entries; i += 2)
    if (entries[i + 1] & LIBNBD_STATE_ZERO)
      s->zero_bytes += entries[i];
  return 0;
}

static int
scan_done (void *user_data, int *error)
{
  struct zero_scan *s = user_data;

  // Called once, after the last call of count_zeroes.
  s->done = true;
  s->error = *error;
  return 1;                     // retire the command
}

int64_t
zero_bytes_near (struct nbd_handle *nbd, uint64_t offset, uint64_t len)
{
  struct zero_scan s = { 0, false, 0 };

  if (nbd_aio_block_status (nbd, len, offset,
        (nbd_extent_callback) {
          .callback = count_zeroes, .user_data = &s },
        (nbd_completion_callback) {
          .callback = scan_done, .user_data = &s },
        LIBNBD_CMD_FLAG_REQ_ONE) == -1)
    return -1;
  while (!s.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return s.error == 0 ? (int64_t) s.zero_bytes : -1;
}
""",
    see_also=["nbd_aio_block_status_64(3)", "nbd_block_status(3)",
              "nbd_add_meta_context(3)", "nbd_can_meta_context(3)",
              "nbd_aio_command_completed(3)", "nbd_set_strict_mode(3)",
              "libnbd(3)"],
),
Call(
    "aio_block_status_64", "1.18",
    args=[UInt64("count"),
          UInt64("offset"),
          Closure("extent64_callback", "extent64"),
          Closure("completion_callback", "completion", optional=True),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RCookie,
    states=(CONNECTED,),
    summary="start a block status query with a 64-bit extent callback",
    description="""
Ask the server, without waiting, for the allocation or other metadata
of the blocks that begin at *offset*, in every metadata context that
was negotiated (see nbd_add_meta_context(3) and
nbd_can_meta_context(3)).  This is the asynchronous form of
nbd_block_status_64(3).  To limit the answer to some of the
negotiated contexts, use nbd_aio_block_status_filter(3) instead.

*count* is only a hint: the server may describe fewer bytes, and the
final extent may extend beyond *offset* + *count*.  Different
contexts may describe different lengths and numbers of extents.
*flags* is 0 or `LIBNBD_CMD_FLAG_REQ_ONE`, asking for just one
extent per context, no longer than *count*; the library does not
enforce the server's compliance.  Any other flag fails with `EINVAL`
while `LIBNBD_STRICT_FLAGS` is set.

As reply chunks arrive, *extent64_callback* is called per context
with its name in `metacontext`, the starting `offset`, and an array
`entries` of `nr_entries` `nbd_extent` structures.  Each holds a
`length` in bytes and a `flags` field with the context-specific status
(for "base:allocation", `LIBNBD_STATE_HOLE` and `LIBNBD_STATE_ZERO`).
Check `metacontext` every time, since a buggy server may call for more
callbacks than expected, and a context may also get none.

When the extent callback starts, `error` points to the errno of any
earlier failure in the command.  Returning -1 from the callback makes
the command fail, with the errno the callback stored through `error`,
or `EPROTO` if it stored none; further contexts are still delivered.

Retrieve the outcome with nbd_aio_command_completed(3) and the returned
cookie, or through *completion_callback*, which runs once after the
extent callbacks and retires the command if it returns 1.  Callbacks
hold the handle lock and must not call back into the same handle.

By default (see nbd_set_strict_mode(3)) the query is refused before
it is sent if no metadata context was negotiated, if a flag other than
`LIBNBD_CMD_FLAG_REQ_ONE` is set, or if the range is out of bounds.
""" + AIO_COMMAND_FAILURE_PARAGRAPH,
    errors=[
        NO_META_CONTEXT_ERROR,
        strict_flags_error("block status"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example=r"""
#include <stdint.h>
#include <stdio.h>
#include <inttypes.h>
#include <libnbd.h>

static int
print_map (void *user_data, const char *metacontext, uint64_t offset,
           nbd_extent *entries, size_t nr_entries, int *error)
{
  FILE *out = user_data;
  size_t i;

  if (*error != 0)              // the reply is already known bad
    fprintf (out, "(after an error)\n");
  for (i = 0; i < nr_entries; i++) {
    fprintf (out, "%s %" PRIu64 " %" PRIu64 " 0x%" PRIx64 "\n",
             metacontext, offset, entries[i].length, entries[i].flags);
    offset += entries[i].length;
  }
  return 0;
}

static void
close_map (void *user_data)
{
  fclose (user_data);
}

// Write the map of [offset, offset+len) to a new file.  The stream is
// closed by the callback's .free function, which runs exactly once,
// even if nbd_aio_block_status_64 fails.  No completion callback: the
// cookie is checked, and retired, with nbd_aio_command_completed.
int
save_map (struct nbd_handle *nbd, const char *file, uint64_t offset,
          uint64_t len)
{
  FILE *out = fopen (file, "w");
  int64_t cookie;
  int r;

  if (out == NULL)
    return -1;
  cookie = nbd_aio_block_status_64 (nbd, len, offset,
             (nbd_extent64_callback) {
               .callback = print_map, .user_data = out,
               .free = close_map },
             NBD_NULL_COMPLETION, 0);
  if (cookie == -1)
    return -1;
  while ((r = nbd_aio_command_completed (nbd, cookie)) == 0)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return r == 1 ? 0 : -1;
}
""",
    see_also=["nbd_block_status_64(3)", "nbd_aio_block_status(3)",
              "nbd_aio_block_status_filter(3)", "nbd_add_meta_context(3)",
              "nbd_can_meta_context(3)", "nbd_aio_command_completed(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
Call(
    "aio_block_status_filter", "1.18",
    args=[UInt64("count"),
          UInt64("offset"),
          StringList("contexts"),
          Closure("extent64_callback", "extent64"),
          Closure("completion_callback", "completion", optional=True),
          FlagsArg("flags", CMD_FLAGS)],
    ret=RCookie,
    states=(CONNECTED,),
    summary="start a block status query for chosen contexts only",
    description="""
Start a block status query, without waiting, that reports only on the
metadata contexts named in *contexts*, a NULL-terminated list of
strings such as "base:allocation".  This is the asynchronous form of
nbd_block_status_filter(3).  It helps when several contexts were
negotiated but only some are of interest for this range, saving the
server the work and the network the traffic of the others.

Every name in *contexts* must be a context that was negotiated on the
connection, that is one for which nbd_can_meta_context(3) returns
true.  The server must also accept a payload with block status
requests, which nbd_can_block_status_payload(3) reports; that is only
possible when extended headers are in use.

The list travels to the server as the payload of the request, which
the protocol marks with `LIBNBD_CMD_FLAG_PAYLOAD_LEN`.  The library
always sets that flag on the wire for this call, whatever the caller
put in *flags* and whatever the strict mode.  *flags* may hold
`LIBNBD_CMD_FLAG_REQ_ONE`, to ask for one extent per context, and
`LIBNBD_CMD_FLAG_PAYLOAD_LEN`, which changes nothing; any other flag
fails with `EINVAL` while `LIBNBD_STRICT_FLAGS` is set.  Otherwise
*count*, *offset*,
*extent64_callback*, *completion_callback*, *flags* and the returned
cookie work exactly as for nbd_aio_block_status_64(3): the extent
callback receives `nbd_extent` arrays for each selected context, and
the command is finished and retired through the completion callback
or nbd_aio_command_completed(3).

A query the server cannot accept, or one naming a context that was
not negotiated, is refused locally before anything is sent, whatever
the strict mode.
""" + AIO_COMMAND_FAILURE_PARAGRAPH,
    errors=[
        NO_META_CONTEXT_ERROR,
        strict_flags_error("block status"),
        COUNT_OVER_32_BITS_ERROR,
    ] + STRICT_RANGE_ERRORS + [
        DISCONNECT_REQUESTED_ERROR,
        ("ENOTSUP", "The server cannot filter block status: extended headers "
         "are not in use, or nbd_can_block_status_payload(3) is false.  This "
         "is checked whatever the strict mode."),
        ("EINVAL", "*contexts* is empty, or names a context that was not "
         "negotiated (see nbd_can_meta_context(3))."),
        OUT_OF_MEMORY_ERROR,
    ],
    example="""
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <libnbd.h>

struct dirty_scan {
  const char *bitmap;           // the only context asked about
  uint64_t dirty_bytes;
  bool done;
  int error;
};

static int
count_dirty (void *user_data, const char *metacontext, uint64_t offset,
             nbd_extent *entries, size_t nr_entries, int *error)
{
  struct dirty_scan *s = user_data;
  size_t i;

  (void) offset;
  (void) error;
  if (strcmp (metacontext, s->bitmap) != 0)
    return 0;                   // filtered out, or a faulty server
  for (i = 0; i < nr_entries; i++)
    if (entries[i].flags & LIBNBD_STATE_DIRTY)
      s->dirty_bytes += entries[i].length;
  return 0;
}

static int
dirty_done (void *user_data, int *error)
{
  struct dirty_scan *s = user_data;

  s->done = true;
  s->error = *error;
  return 1;
}

// base:allocation and a dirty bitmap were both negotiated; ask the
// server only about the bitmap.  Needs nbd_can_block_status_payload.
int64_t
dirty_bytes (struct nbd_handle *nbd, const char *bitmap,
             uint64_t offset, uint64_t len)
{
  struct dirty_scan s = { bitmap, 0, false, 0 };
  char *contexts[] = { (char *) bitmap, NULL };

  if (nbd_aio_block_status_filter (nbd, len, offset, contexts,
        (nbd_extent64_callback) {
          .callback = count_dirty, .user_data = &s },
        (nbd_completion_callback) {
          .callback = dirty_done, .user_data = &s },
        0) == -1)
    return -1;
  while (!s.done)
    if (nbd_poll (nbd, -1) == -1)
      return -1;
  return s.error == 0 ? (int64_t) s.dirty_bytes : -1;
}
""",
    see_also=["nbd_block_status_filter(3)", "nbd_aio_block_status_64(3)",
              "nbd_can_block_status_payload(3)", "nbd_can_meta_context(3)",
              "nbd_add_meta_context(3)", "nbd_aio_command_completed(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
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
    example="""
#include <err.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <libnbd.h>

extern void serve_input (int fd);   /* the program's own work */

/* Drive the handle from our own poll(2) loop, which also watches
   other_fd, until the command named by cookie is finished.
   Returns 0 if it succeeded, -1 if it failed. */
static int
wait_for_command (struct nbd_handle *h, int64_t cookie, int other_fd)
{
  for (;;) {
    struct pollfd fds[2];
    unsigned dir;
    int r;

    r = nbd_aio_command_completed (h, cookie);
    if (r != 0)
      return r == 1 ? 0 : -1;

    dir = nbd_aio_get_direction (h);
    if (dir == 0)                     /* closed or dead */
      return -1;
    fds[0].fd = nbd_aio_get_fd (h);   /* fetch it again each time */
    if (fds[0].fd == -1)
      return -1;
    fds[0].events = 0;
    if (dir & LIBNBD_AIO_DIRECTION_READ)
      fds[0].events |= POLLIN;
    if (dir & LIBNBD_AIO_DIRECTION_WRITE)
      fds[0].events |= POLLOUT;
    fds[1].fd = other_fd;
    fds[1].events = POLLIN;

    if (poll (fds, 2, -1) == -1)
      return -1;

    if (fds[1].revents & POLLIN)
      serve_input (other_fd);

    /* The direction may have moved on meanwhile: ask once more. */
    dir = nbd_aio_get_direction (h);
    r = 0;
    if ((dir & LIBNBD_AIO_DIRECTION_READ) &&
        (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
      r = nbd_aio_notify_read (h);
    else if ((dir & LIBNBD_AIO_DIRECTION_WRITE) &&
             (fds[0].revents & POLLOUT))
      r = nbd_aio_notify_write (h);
    if (r == -1)
      return -1;
  }
}

/* Read the start of the export, serving standard input meanwhile. */
void
read_start (struct nbd_handle *h, char buf[static 65536])
{
  int64_t cookie = nbd_aio_pread (h, buf, 65536, 0,
                                  NBD_NULL_COMPLETION, 0);

  if (cookie == -1 ||
      wait_for_command (h, cookie, STDIN_FILENO) == -1)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());
}
""",
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
Call(
    "get_package_name", "1.0",
    args=[],
    ret=RStaticString,
    summary="return the name of the library package",
    description="""
Return the name of the package this library was built as, which is
"libnbd".

Together with nbd_get_version(3) it lets a program say exactly which
library it is running with, for example in the output of a --version
option or in a bug report.
""",
    see_also=["nbd_get_version(3)", "libnbd(3)"],
),
Call(
    "get_version", "1.0",
    args=[],
    ret=RStaticString,
    summary="return the version of the library in use",
    description="""
Return the version of the library that the program is running with,
as a string "MAJOR.MINOR.RELEASE" of three decimal numbers, such as
"1.24.1".  This is the version of the shared library loaded at run
time, which need not be the one whose header the program was compiled
against; for checks at compile time use the `LIBNBD_HAVE_` macro that
the VERSION section of each call's page names.

- MAJOR is 1 for every release with the stable API and ABI.  Early
  experimental releases used 0, and no other value is planned.
- MINOR is even for a stable series and odd for a development series.
  Calls that first appear in a development series may still change
  until they reach a stable one.
- RELEASE counts the releases within one series.

Compare versions number by number, not as strings: as text, "1.8"
sorts after "1.22".
""",
    example="""
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <libnbd.h>

int
main (void)
{
  struct nbd_handle *h;
  const char *version;
  unsigned major, minor;

  h = nbd_create ();
  if (h == NULL)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());

  version = nbd_get_version (h);
  printf ("running with %s ", nbd_get_package_name (h));
  puts (version);

  if (sscanf (version, "%u.%u", &major, &minor) != 2)
    errx (EXIT_FAILURE, "cannot parse version %s", version);
  if (major == 1 && minor < 24)
    errx (EXIT_FAILURE, "version 1.24 or later is needed");
  if (minor % 2 == 1)
    warnx ("%s is a development version", version);

  nbd_close (h);
  return EXIT_SUCCESS;
}
""",
    see_also=["nbd_get_package_name(3)", "libnbd(3)"],
),
Call(
    "get_version_extra", "1.24",
    args=[],
    ret=RStaticString,
    summary="return the packager's extra version text",
    description="""
Returns the free text that whoever built the library gave to
`./configure --with-extra=TEXT`.  Distributions use it to name their
own build, such as the version of their package, so that a bug report
that quotes nbd_get_version(3) and this string says exactly which build
was running.

A build made without `--with-extra` returns the empty string.  The
string belongs to the library and stays valid until the library is
unloaded.
""",
    see_also=["nbd_get_version(3)", "nbd_get_package_name(3)",
              "libnbd(3)"],
),
Call(
    "kill_subprocess", "1.0",
    args=[Int("signum")],
    ret=RErr,
    summary="send a signal to the server the handle started",
    description="""
Send a signal to the server process that the handle started itself,
as nbd_connect_command(3) and
nbd_connect_systemd_socket_activation(3) do.  *signum* is the signal
number (see signal(7)), for example `SIGKILL`; 0 stands for `SIGTERM`.

This is rarely needed.  A server run this way sees end of file when
the handle closes its socket and is expected to exit by itself, while
nbd_close(3) waits for the subprocess to end.  The call is for servers
that do not exit that way, which would otherwise keep nbd_close(3)
waiting, or for stopping the server early.

The call only delivers the signal; it does not wait for the process to
exit.  The process is still reaped by nbd_close(3).
""",
    errors=[
        ("ESRCH", "The handle did not start a subprocess."),
        ("EINVAL", "*signum* is negative, or not a valid signal "
         "number."),
    ],
    see_also=["nbd_connect_command(3)",
              "nbd_connect_systemd_socket_activation(3)",
              "nbd_get_subprocess_pid(3)", "nbd_close(3)", "kill(2)",
              "signal(7)", "libnbd(3)"],
),
Call(
    "get_subprocess_pid", "1.22",
    args=[],
    ret=RInt64,
    summary="return the process ID of the server subprocess",
    description="""
When the handle started the server itself, for example with
nbd_connect_command(3) or nbd_connect_systemd_socket_activation(3),
return the process ID of that subprocess.  Not every platform can
report it.

This is mostly an aid to debugging, for instance to know which
process to attach gdb(1) to when the server crashes, or to log which
server process belongs to which handle.

The process still belongs to the library: do not wait for it with
waitpid(2) or similar, as nbd_close(3) reaps it.  To stop the server,
use nbd_kill_subprocess(3).
""",
    errors=[
        ("ESRCH", "The handle did not start a subprocess."),
    ],
    see_also=["nbd_connect_command(3)",
              "nbd_connect_systemd_socket_activation(3)",
              "nbd_kill_subprocess(3)", "gdb(1)", "libnbd(3)"],
),
Call(
    "supports_tls", "1.0",
    args=[],
    ret=RBool,
    summary="check whether this build of the library can use TLS",
    description="""
Return true if the library was built with TLS support, and so can
encrypt and authenticate connections, or false if it was built
without it.

Without TLS support, nbd_set_tls(3) accepts only
`LIBNBD_TLS_DISABLE`, and connecting to a URI whose scheme asks for
TLS (such as nbds:) fails with `ENOTSUP`.  Checking this first lets a
program hide or reject its TLS options early instead of failing at
connection time.

The answer describes this build only.  Whether a particular server
agreed to TLS is known after connecting, from
nbd_get_tls_negotiated(3).
""",
    see_also=["nbd_set_tls(3)", "nbd_get_tls_negotiated(3)",
              "nbd_supports_uri(3)", "libnbd(3)"],
),
Call(
    "supports_vsock", "1.16",
    args=[],
    ret=RBool,
    summary="check whether this build supports AF_VSOCK sockets",
    description="""
Return true if the library was built with support for `AF_VSOCK`
sockets, which connect virtual machines with their hypervisor, or
false if not.  That support is what nbd_connect_vsock(3) and the
nbd+vsock: and nbds+vsock: URI schemes need.

On Linux a true answer reflects what was available at build time; the
running kernel may still lack parts of it.  Using
`VMADDR_CID_LOCAL` as the peer, to reach a server on the same machine,
for example requires the vsock_loopback kernel module to be loaded.
""",
    see_also=["nbd_connect_vsock(3)", "nbd_connect_uri(3)",
              "nbd_supports_uri(3)", "vsock(7)", "libnbd(3)"],
),
Call(
    "supports_uri", "1.0",
    args=[],
    ret=RBool,
    summary="check whether this build can handle NBD URIs",
    description="""
Return true if the library was built with support for NBD URIs, or
false if not.  The calls that parse URIs, nbd_connect_uri(3) and
nbd_aio_connect_uri(3), fail with `ENOTSUP` in a build without it.
nbd_get_uri(3) and nbd_is_uri(3) work in every build.

A program that accepts URIs from its users can check this once at
start-up and explain the problem instead of failing later.
""",
    see_also=["nbd_connect_uri(3)", "nbd_aio_connect_uri(3)",
              "nbd_get_uri(3)", "nbd_is_uri(3)", "nbd_supports_tls(3)",
              "libnbd(3)"],
),
Call(
    "get_uri", "1.8",
    args=[],
    ret=RString,
    states=(CONNECTING, NEGOTIATING, CONNECTED, CLOSED, DEAD,),
    summary="build an NBD URI describing the current connection",
    description="""
Try to describe the handle's connection as an NBD URI in the form that
nbd_connect_uri(3) accepts, so that it can be shown to a user, logged,
or handed to another program to reach the same server and export.
The URI is put together from what the handle knows: the transport and
address it connected to, the export name, and its TLS settings.

This is done on a best-effort basis.  If the handle lacks the
information, for example because the caller supplied an already
connected socket through nbd_connect_socket(3), no URI can be formed and
the call fails.  Building a URI does not need the URI support that
nbd_supports_uri(3) reports.  A URI that is returned is not promised to
work, nor to be the simplest way of writing it.

The query carries the TLS settings that differ from the defaults,
`tls-priority` among them when one was set (a URI that
nbd_connect_uri(3) only takes once nbd_set_uri_allow_tls_priority(3)
allows it).  For a connection through ssh, the authority holds ssh's
user and port, as the URI had them, and the query the NBD server's
port (`nbd-port`), its TLS username (`tls-username`) and
`compress=true` when the tunnel is compressed.

The call is allowed once a connection has been asked for, including
after the connection has closed or died.
""",
    errors=[
        ("EINVAL", "The handle does not know a place that a URI can name, "
         "because it was handed a connected socket "
         "(nbd_connect_socket(3)) or started the server itself "
         "(nbd_connect_command(3), "
         "nbd_connect_systemd_socket_activation(3))."),
        ("EPROTONOSUPPORT", "The connection is to a Unix socket in the "
         "abstract namespace, which URIs cannot name."),
        OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_connect_uri(3)", "nbd_is_uri(3)",
              "nbd_supports_uri(3)", "nbd_connect_socket(3)",
              "nbdinfo(1)", "libnbd(3)"],
),
Call(
    "is_uri", "1.22",
    args=[String("uri")],
    ret=RBool,
    summary="guess whether a string is meant as an NBD URI",
    description="""
Return true if the string *uri* looks like an NBD URI, or false if it
does not.  This helps programs that take, in the same argument,
either a URI or something else such as the name of a local file;
nbdcopy(1) is one of them.

The test is a heuristic applied to the text alone.  It contacts
nothing and does not fully validate the URI, so a true answer does not
mean that nbd_connect_uri(3) will accept the string, let alone manage
to connect.
""",
    see_also=["nbd_connect_uri(3)", "nbd_get_uri(3)",
              "nbd_supports_uri(3)", "nbdcopy(1)", "libnbd(3)"],
),
]
