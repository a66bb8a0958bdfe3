"""Request checking: strict mode, and whether the buffer of a read is
initialised (nbd_set_pread_initialize)."""

from apitypes import Call, Bool, FlagsArg, RErr, RBool, RUInt32Flags
from .constants import STRICT_FLAGS

CALLS = [
Call(
    "set_pread_initialize", "1.12",
    args=[Bool("request")],
    ret=RErr,
    summary="control zeroing of the buffers of failed reads",
    description="""
By default the buffer of a read that fails, through nbd_pread(3),
nbd_pread_structured(3), nbd_aio_pread(3) or
nbd_aio_pread_structured(3), holds zero bytes when the failure is
reported.  The point is defensive: a program that hands in an
uninitialised buffer and then ignores a failed read sees zeroes, not
leftover heap data that it might go on to leak.  An application built
against an older libnbd without this step had exactly that kind of bug
(CVE-2022-0485).

libnbd clears the buffer before every read.  This library clears it
only when the read fails, since a read that succeeds has written every
byte: at once when the call itself fails, or else just before the
completion callback runs and nbd_aio_command_completed(3) reports the
error.  A successful read is spared a pass over its buffer.  One
difference remains: the buffer of a read still in flight when the
handle is closed is left as it is, since the program may have freed it
by then.

Passing false as *request* turns the clearing off.  Only do so when the
application has been checked never to look at the buffer of a failed
read, or clears its buffers itself.
""",
    see_also=["nbd_get_pread_initialize(3)", "nbd_pread(3)",
              "nbd_pread_structured(3)", "nbd_aio_pread(3)",
              "nbd_aio_pread_structured(3)", "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_pread_initialize", "1.12",
    args=[],
    ret=RBool,
    summary="see whether the buffers of failed reads are zeroed",
    description="""
Returns true if a failed read through calls such as nbd_pread(3) leaves
zero bytes in the caller's buffer, and false if that step was turned
off with nbd_set_pread_initialize(3).  A new handle returns true.
""",
    see_also=["nbd_set_pread_initialize(3)", "nbd_pread(3)",
              "nbd_pread_structured(3)", "nbd_aio_pread(3)",
              "nbd_aio_pread_structured(3)", "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "set_strict_mode", "1.6",
    args=[FlagsArg("flags", STRICT_FLAGS)],
    ret=RErr,
    summary="control how strictly requests are checked locally",
    description="""
Before sending a command, the handle looks for requests whose effect
the NBD protocol leaves undefined, and refuses them on the client side,
so that nothing reaches the network and the server is never put in an
unpredictable position.  Each kind of check can be switched off with
this call.  That is mainly useful for testing servers: with the checks
relaxed, questionable requests go out on the wire and the test can see
how robustly the server deals with them.

*flags* is a bitmask of zero or more of the following.  A set bit
keeps the check on the client; a clear bit leaves it to the server.

- `LIBNBD_STRICT_COMMANDS` (0x1): refuse requests that the server's
  advertised flags do not allow, for example a write to a read-only
  export, or `LIBNBD_CMD_FLAG_FUA` when nbd_can_fua(3) is false.
- `LIBNBD_STRICT_FLAGS` (0x2): refuse command flags unknown to the
  library (outside `LIBNBD_CMD_FLAG_MASK`) and flags that do not belong
  to the command, such as `LIBNBD_CMD_FLAG_FUA` on a read.  With the bit
  clear, such flags are passed on, even though the server may then
  answer in a form the library does not expect, which could stall or
  kill the connection.  Flags that do belong to a command but depend on
  a server feature, like `LIBNBD_CMD_FLAG_DF` for
  nbd_pread_structured(3), which needs nbd_can_df(3), fall under
  `LIBNBD_STRICT_COMMANDS` instead, and `LIBNBD_CMD_FLAG_PAYLOAD_LEN` is
  governed by `LIBNBD_STRICT_AUTO_FLAG`.  Whatever this bit says, flags
  that do not fit in the 16 bits the protocol has for them are always
  refused, although the API passes flags as a uint32_t.
- `LIBNBD_STRICT_BOUNDS` (0x4): refuse requests that reach beyond the
  end of the export, without contacting the server.
- `LIBNBD_STRICT_ZERO_SIZE` (0x8): refuse requests with a length of 0,
  whose outcome the protocol leaves undefined.
- `LIBNBD_STRICT_ALIGN` (0x10): when the server announced a minimum
  block size (`LIBNBD_SIZE_MINIMUM` of nbd_get_block_size(3)), refuse
  requests whose offset or length is not a multiple of it.  With the bit
  clear, the server decides whether to accept them.
- `LIBNBD_STRICT_PAYLOAD` (0x20): refuse to send a command carrying
  more data than the outgoing payload limit (`LIBNBD_SIZE_PAYLOAD` of
  nbd_get_block_size(3)), whether or not the server announced a
  maximum.  With the bit clear, payloads up to 64 MiB may be tried, but
  some servers hang up on anything above 32 MiB.
- `LIBNBD_STRICT_AUTO_FLAG` (0x40): let the library decide the
  `LIBNBD_CMD_FLAG_PAYLOAD_LEN` bit for the commands that can carry it
  (nbd_pwrite(3) and nbd_block_status_filter(3), for example).  The
  caller's setting of that bit is disregarded, and the bit sent is the
  one the connection needs, which depends on whether extended headers
  were negotiated.  With the bit clear, the caller's
  choice is sent as given, which can help a test but easily produces
  undefined behaviour.

By default all of these checks are on.  `LIBNBD_STRICT_MASK` holds
every bit this build knows, and a bit outside it makes the call fail.
Later versions may add checks and enable them by default, so to relax
a single one, read the current value with nbd_get_strict_mode(3), clear
that bit and pass the result back rather than passing a fixed number.
""",
    see_also=["nbd_get_strict_mode(3)", "nbd_can_fua(3)",
              "nbd_can_df(3)", "nbd_get_block_size(3)",
              "nbd_pread_structured(3)", "nbd_pwrite(3)",
              "nbd_block_status_filter(3)", "nbd_set_handshake_flags(3)",
              "nbd_stats_bytes_sent(3)", "nbd_stats_bytes_received(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_strict_mode", "1.6",
    args=[],
    ret=RUInt32Flags,
    summary="see which strictness checks are in effect",
    description="""
Returns the `LIBNBD_STRICT_` bits that are currently set, that is, the
protocol checks the handle performs itself instead of leaving them to
the server.  See nbd_set_strict_mode(3) for what each bit means.

A newer library may set bits that were not defined when the program was
compiled, so treat unknown bits as valid.
""",
    see_also=["nbd_set_strict_mode(3)", "nbd_create(3)", "libnbd(3)"],
),
]
