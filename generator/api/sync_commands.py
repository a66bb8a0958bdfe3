"""Synchronous data commands: the blocking reads, writes, flushes, trims,
zeroing, prefetching and block status queries, and nbd_shutdown."""

from apitypes import (
    NEGOTIATING, CONNECTED, Call, UInt64, StringList, FlagsArg, Buffer,
    Closure, RErr,
)
from .constants import CMD_FLAGS, SHUTDOWN_FLAGS
from .shared import (
    OUT_OF_MEMORY_ERROR, READ_TOO_LONG_ERROR, strict_flags_error,
    DF_UNSUPPORTED_ERROR, READ_ONLY_EXPORT_ERROR, COUNT_OVER_32_BITS_ERROR,
    NO_META_CONTEXT_ERROR, STRICT_RANGE_ERRORS, DISCONNECT_REQUESTED_ERROR,
    SERVER_COMMAND_ERROR, BROKEN_REPLY_ERROR, BLOCK_STATUS_REPLY_ERRORS,
    REPLY_LOST_ERRORS, OTHER_FLAGS_STRICT_PARAGRAPH, load_example,
)

CALLS = [
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
    example=load_example("pread.c"),
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
    example=load_example("pread_structured.c"),
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
    example=load_example("block_status.c"),
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
    example=load_example("block_status_64.c"),
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
    example=load_example("block_status_filter.c"),
    see_also=["nbd_block_status_64(3)", "nbd_aio_block_status_filter(3)",
              "nbd_can_block_status_payload(3)",
              "nbd_can_meta_context(3)", "nbd_add_meta_context(3)",
              "nbd_set_strict_mode(3)", "libnbd(3)"],
),
]
