"""The library and this build: the calls that name the library and its
version, and say what the build supports."""

from apitypes import Call, RBool, RStaticString
from .shared import load_example

CALLS = [
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
    example=load_example("get_version.c"),
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
]
