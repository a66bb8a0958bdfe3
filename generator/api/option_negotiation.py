"""Option negotiation: option mode, and the calls that exchange one option
with the server, blocking and asynchronous."""

from apitypes import (
    CREATED, NEGOTIATING, Call, Bool, Closure, RErr, RBool, RInt,
)
from .shared import (
    OPTION_WIRE_ERRORS, EXPORT_REFUSAL_ERRORS, TLS_SETUP_ERRORS,
    OUT_OF_MEMORY_ERROR, NO_FIXED_NEWSTYLE_ERROR, AIO_NO_FIXED_NEWSTYLE_ERROR,
    OPTION_REFUSED_ERROR, load_example,
)

CALLS = [
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
    example=load_example("set_opt_mode.txt"),
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
    example=load_example("opt_list.txt"),
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
    example=load_example("aio_opt_go.c"),
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
    example=load_example("aio_opt_abort.c"),
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
    example=load_example("aio_opt_starttls.c"),
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
    example=load_example("aio_opt_extended_headers.c"),
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
    example=load_example("aio_opt_structured_reply.c"),
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
    example=load_example("aio_opt_list.c"),
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
    example=load_example("aio_opt_info.c"),
    see_also=["nbd_opt_info(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_get_size(3)",
              "nbd_is_read_only(3)", "nbd_can_meta_context(3)",
              "nbd_aio_opt_go(3)", "nbd_aio_is_connecting(3)",
              "libnbd(3)"],
),
]
