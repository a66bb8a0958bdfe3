"""Statistics: the counts of bytes and chunks sent and received."""

from apitypes import Call, RUInt64Count

CALLS = [
Call(
    "stats_bytes_sent", "1.16",
    args=[],
    ret=RUInt64Count,
    summary="count the bytes sent to the server so far",
    description="""
Returns how many bytes of NBD protocol traffic the handle has sent to
the server since it was created.  The handshake counts as well as
request headers and write payloads.  Before any connection the count
is 0.

The figure is taken before any encryption.  With TLS in use it can
therefore differ from the number of bytes that really went over the
socket, because TLS adds records and a handshake of its own.

Like the other statistics counters, this one can be read in any state,
including after the connection has been shut down or has failed.
""",
    see_also=["nbd_stats_bytes_received(3)", "nbd_stats_chunks_sent(3)",
              "nbd_stats_chunks_received(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "stats_chunks_sent", "1.16",
    args=[],
    ret=RUInt64Count,
    summary="count the protocol chunks sent to the server so far",
    description="""
Returns how many protocol chunks the handle has sent to the server
since it was created.  A chunk is one unit of the NBD protocol that
starts with its own magic number, such as a handshake option or a
command request together with its payload, if it has one.

This is not the number of API calls, since one call may send several
chunks or none at all, and it says nothing about how many TCP packets
or TLS records carried them.  For a count of bytes, see
nbd_stats_bytes_sent(3).  Like the other statistics counters, it can be
read in any state.
""",
    see_also=["nbd_stats_bytes_sent(3)", "nbd_stats_chunks_received(3)",
              "nbd_stats_bytes_received(3)", "nbd_set_strict_mode(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "stats_bytes_received", "1.16",
    args=[],
    ret=RUInt64Count,
    summary="count the bytes received from the server so far",
    description="""
Returns how many bytes of NBD protocol traffic the handle has received
from the server since it was created.  Handshake replies count as well
as reply headers and the data returned by reads.  Before any
connection the count is 0.

The figure is taken after decryption.  With TLS in use it can
therefore differ from the number of bytes that really arrived on the
socket, because TLS adds records and a handshake of its own.

Like the other statistics counters, this one can be read in any state,
including after the connection has been shut down or has failed.
""",
    see_also=["nbd_stats_bytes_sent(3)", "nbd_stats_chunks_received(3)",
              "nbd_stats_chunks_sent(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "stats_chunks_received", "1.16",
    args=[],
    ret=RUInt64Count,
    summary="count the protocol chunks received from the server",
    description="""
Returns how many protocol chunks the handle has received from the
server since it was created.  A chunk is one unit of the NBD protocol
that starts with its own magic number: a reply to a handshake option, a
simple reply, or one piece of a structured reply.

When structured replies are in use (see
nbd_get_structured_replies_negotiated(3)), the server may answer a
single command with many chunks, so the count bears no fixed relation
to the number of API calls, nor to the number of TCP packets or TLS
records that carried the data.  For a count of bytes, see
nbd_stats_bytes_received(3).  Like the other statistics counters, it can
be read in any state.
""",
    see_also=["nbd_stats_bytes_received(3)", "nbd_stats_chunks_sent(3)",
              "nbd_stats_bytes_sent(3)",
              "nbd_get_structured_replies_negotiated(3)", "nbd_create(3)",
              "libnbd(3)"],
),
]
