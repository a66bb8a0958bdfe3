"""The enums, flag sets and constants of the public header, and the
callback types that the calls take."""

from apitypes import Enum, FlagSet

# ---------------------------------------------------------------- enums

TLS = Enum("tls", [
    ("LIBNBD_TLS_DISABLE", 0, "never use TLS"),
    ("LIBNBD_TLS_ALLOW", 1, "use TLS when the server offers it, "
     "otherwise carry on in plain text"),
    ("LIBNBD_TLS_REQUIRE", 2, "insist on TLS; fail the connection "
     "rather than go without it"),
])

BLOCK_SIZE = Enum("size_type", [
    ("LIBNBD_SIZE_MINIMUM", 0, "the smallest block the server can handle"),
    ("LIBNBD_SIZE_PREFERRED", 1, "the block size the server works best with"),
    ("LIBNBD_SIZE_MAXIMUM", 2, "the largest request the server accepts"),
    ("LIBNBD_SIZE_PAYLOAD", 3, "the largest data payload the server accepts"),
])

ENUMS = [TLS, BLOCK_SIZE]

# ---------------------------------------------------------------- flags

CMD_FLAGS = FlagSet("cmd_flag", [
    ("LIBNBD_CMD_FLAG_FUA", 0x01, "force unit access: the data is on "
     "stable storage before the reply"),
    ("LIBNBD_CMD_FLAG_NO_HOLE", 0x02, "write zeroes as allocated data, "
     "not as a hole"),
    ("LIBNBD_CMD_FLAG_DF", 0x04, "send the read back in one piece, "
     "not fragmented"),
    ("LIBNBD_CMD_FLAG_REQ_ONE", 0x08, "a block status reply of one "
     "extent is enough"),
    ("LIBNBD_CMD_FLAG_FAST_ZERO", 0x10, "fail at once unless zeroing "
     "is faster than writing"),
    ("LIBNBD_CMD_FLAG_PAYLOAD_LEN", 0x20, "the request carries a payload "
     "whose length is in the header"),
], "LIBNBD_CMD_FLAG_MASK", strict_guarded=True)

HANDSHAKE_FLAGS = FlagSet("handshake_flag", [
    ("LIBNBD_HANDSHAKE_FLAG_FIXED_NEWSTYLE", 0x01, "the fixed newstyle "
     "handshake, which tolerates unknown options"),
    ("LIBNBD_HANDSHAKE_FLAG_NO_ZEROES", 0x02, "leave out the 124 bytes "
     "of padding after NBD_OPT_EXPORT_NAME"),
], "LIBNBD_HANDSHAKE_FLAG_MASK")

STRICT_FLAGS = FlagSet("strict_flag", [
    ("LIBNBD_STRICT_COMMANDS", 0x01, "refuse commands the server did "
     "not advertise"),
    ("LIBNBD_STRICT_FLAGS", 0x02, "refuse command flags that are unknown "
     "or do not belong to the command"),
    ("LIBNBD_STRICT_BOUNDS", 0x04, "refuse requests that reach past the "
     "end of the export"),
    ("LIBNBD_STRICT_ZERO_SIZE", 0x08, "refuse requests of length zero"),
    ("LIBNBD_STRICT_ALIGN", 0x10, "refuse requests not aligned to the "
     "server's minimum block size"),
    ("LIBNBD_STRICT_PAYLOAD", 0x20, "refuse write payloads larger than "
     "the server's limit"),
    ("LIBNBD_STRICT_AUTO_FLAG", 0x40, "add flags the protocol requires "
     "automatically, such as the payload length flag"),
], "LIBNBD_STRICT_MASK")

ALLOW_TRANSPORT = FlagSet("allow_transport", [
    ("LIBNBD_ALLOW_TRANSPORT_TCP", 0x01, "TCP/IP URIs (nbd:, nbds:)"),
    ("LIBNBD_ALLOW_TRANSPORT_UNIX", 0x02, "Unix socket URIs (nbd+unix:)"),
    ("LIBNBD_ALLOW_TRANSPORT_VSOCK", 0x04, "AF_VSOCK URIs (nbd+vsock:)"),
    ("LIBNBD_ALLOW_TRANSPORT_SSH", 0x08, "URIs tunnelled over ssh "
     "(nbd+ssh:)"),
], "LIBNBD_ALLOW_TRANSPORT_MASK")

SHUTDOWN_FLAGS = FlagSet("shutdown", [
    ("LIBNBD_SHUTDOWN_ABANDON_PENDING", 0x10000, "drop commands that are "
     "queued but not yet sent"),
], "LIBNBD_SHUTDOWN_MASK")

FLAGSETS = [CMD_FLAGS, HANDSHAKE_FLAGS, STRICT_FLAGS, ALLOW_TRANSPORT,
            SHUTDOWN_FLAGS]

# ------------------------------------------------------------- constants
# (C name, C literal, meaning)

CONSTANTS = [
    ("LIBNBD_AIO_DIRECTION_READ", "1", "waiting for the socket to be "
     "readable"),
    ("LIBNBD_AIO_DIRECTION_WRITE", "2", "waiting for the socket to be "
     "writable"),
    ("LIBNBD_AIO_DIRECTION_BOTH", "3", "waiting for either"),
    ("LIBNBD_READ_DATA", "1", "a chunk of data"),
    ("LIBNBD_READ_HOLE", "2", "a run of zeroes the server left out"),
    ("LIBNBD_READ_ERROR", "3", "an error the server reported for part "
     "of a read"),
    ("LIBNBD_NAMESPACE_BASE", '"base:"', "the namespace of the "
     "protocol's own contexts"),
    ("LIBNBD_CONTEXT_BASE_ALLOCATION", '"base:allocation"', "holes and "
     "zeroes"),
    ("LIBNBD_STATE_HOLE", "1", "base:allocation: not allocated"),
    ("LIBNBD_STATE_ZERO", "2", "base:allocation: reads as zeroes"),
    ("LIBNBD_NAMESPACE_QEMU", '"qemu:"', "the namespace of qemu's "
     "contexts"),
    ("LIBNBD_CONTEXT_QEMU_DIRTY_BITMAP", '"qemu:dirty-bitmap:"',
     "prefix of a qemu dirty bitmap context"),
    ("LIBNBD_CONTEXT_QEMU_ALLOCATION_DEPTH", '"qemu:allocation-depth"',
     "how deep in a backing chain data lives"),
    ("LIBNBD_STATE_DIRTY", "1", "qemu:dirty-bitmap: the block changed"),
]

# ------------------------------------------------------------- callbacks
# Every callback struct holds the function, the caller's pointer handed
# back to it, and a free function called once the library is done with it.
# (struct kind, the function's parameters after user_data)

CALLBACKS = [
    ("chunk", ["const void *subbuf", "size_t count", "uint64_t offset",
               "unsigned status", "int *error"]),
    ("completion", ["int *error"]),
    ("debug", ["const char *context", "const char *msg"]),
    ("extent", ["const char *metacontext", "uint64_t offset",
                "uint32_t *entries", "size_t nr_entries", "int *error"]),
    ("extent64", ["const char *metacontext", "uint64_t offset",
                  "nbd_extent *entries", "size_t nr_entries",
                  "int *error"]),
    ("list", ["const char *name", "const char *description"]),
    ("context", ["const char *name"]),
]
