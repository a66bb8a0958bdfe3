"""Asynchronous data commands: the calls that queue a data command and
return at once, and nbd_aio_disconnect."""

from apitypes import (
    CONNECTED, Call, UInt64, StringList, FlagsArg, Buffer, Closure, RErr,
    RCookie,
)
from .constants import CMD_FLAGS
from .shared import (
    OUT_OF_MEMORY_ERROR, READ_TOO_LONG_ERROR, strict_flags_error,
    DF_UNSUPPORTED_ERROR, READ_ONLY_EXPORT_ERROR, COUNT_OVER_32_BITS_ERROR,
    NO_META_CONTEXT_ERROR, STRICT_RANGE_ERRORS, DISCONNECT_REQUESTED_ERROR,
    AIO_COMMAND_FAILURE_PARAGRAPH, OTHER_FLAGS_STRICT_PARAGRAPH, load_example,
)

CALLS = [
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
    example=load_example("aio_pread.c"),
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
    example=load_example("aio_pread_structured.c"),
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
    example=load_example("aio_pwrite.c"),
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
    example=load_example("aio_flush.c"),
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
    example=load_example("aio_trim.c"),
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
    example=load_example("aio_cache.c"),
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
    example=load_example("aio_zero.c"),
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
    example=load_example("aio_block_status.c"),
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
    example=load_example("aio_block_status_64.c"),
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
    example=load_example("aio_block_status_filter.c"),
    see_also=["nbd_block_status_filter(3)", "nbd_aio_block_status_64(3)",
              "nbd_can_block_status_payload(3)", "nbd_can_meta_context(3)",
              "nbd_add_meta_context(3)", "nbd_aio_command_completed(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
]
