"""Export information: the calls that report what the handshake learnt
about the export and the connection: size, block sizes, names,
protocol, and what the server can do."""

from apitypes import (
    NEGOTIATING, CONNECTED, CLOSED, Call, EnumArg, RBool, RInt64,
    RStaticString, RString,
)
from .constants import BLOCK_SIZE
from .shared import (
    COPY_OUT_OF_MEMORY_ERROR, NO_EXPORT_YET_ERROR,
    EXPORT_FLAG_SOURCE_PARAGRAPH,
)

CALLS = [
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
]
