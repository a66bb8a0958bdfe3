"""Handshake settings: the calls that choose what the handshake asks the
server for: the export, block sizes, extended headers, structured
replies, meta contexts and handshake flags."""

from apitypes import (
    CREATED, NEGOTIATING, Call, Bool, String, FlagsArg, RErr, RBool,
    RUInt32Flags, RString,
)
from .constants import HANDSHAKE_FLAGS
from .shared import COPY_OUT_OF_MEMORY_ERROR

CALLS = [
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
]
