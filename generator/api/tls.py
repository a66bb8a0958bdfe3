"""TLS: the calls that choose whether and how a connection uses TLS, and
nbd_get_tls_negotiated, which tells whether it did."""

from apitypes import (
    CREATED, NEGOTIATING, CONNECTED, CLOSED, Call, Bool, String, EnumArg, RErr,
    RBool, REnum, RString,
)
from .constants import TLS
from .shared import COPY_OUT_OF_MEMORY_ERROR, TLS_SETTING_EFFECT_PARAGRAPH

CALLS = [
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
with one are added to whatever string is in force.  A key also rules
out the AES-256-GCM suites of TLS 1.3, the default's first choice, so
with a key the default offers ChaCha20-Poly1305 after the other
ciphers wherever gnutls ranks AES-128-GCM above it for speed (on CPUs
that do AES in hardware, where it is many times faster): the same
ciphers, in another order.  A string set here is used as given.

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
]
