"""URIs: the calls that limit what a URI may ask for, and those that make
or recognise one."""

from apitypes import (
    CREATED, CONNECTING, NEGOTIATING, CONNECTED, CLOSED, DEAD, Call, Bool,
    String, EnumArg, FlagsArg, RErr, RBool, RString,
)
from .constants import TLS, ALLOW_TRANSPORT
from .shared import OUT_OF_MEMORY_ERROR

CALLS = [
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
