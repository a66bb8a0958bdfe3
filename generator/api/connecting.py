"""Connecting: the calls that connect a handle to a server, by URI, over
a Unix or TCP socket or AF_VSOCK, on a socket of the caller's or to a
server subprocess, in blocking and asynchronous forms."""

from apitypes import (
    CREATED, Call, UInt32, Fd, String, StringList, SockAddr, RErr,
)
from .shared import (
    HANDSHAKE_ERRORS, OUT_OF_MEMORY_ERROR, AIO_CONNECT_DRIVING_PARAGRAPH,
    load_example,
)

CALLS = [
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
    example=load_example("connect_uri.txt"),
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
    example=load_example("connect_unix.c"),
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
    example=load_example("connect_command.c"),
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
]
