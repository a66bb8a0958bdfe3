"""Errors and paragraphs that the pages of several calls share, and the
helper that reads a call's example from examples/."""

import os

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

# Each example of a call is a file of its own in examples/, named for
# the call: a .c file when it is C alone, a .txt file when a sentence
# of prose introduces C indented by four spaces.
EXAMPLES_DIR = os.path.join(os.path.dirname(__file__), "examples")


def load_example(filename):
    """The text of examples/*filename*, for the example of a Call."""
    with open(os.path.join(EXAMPLES_DIR, filename),
              encoding="utf-8") as f:
        return f.read()
