# What the scripted test servers share: the protocol's numbers, reading
# exactly n bytes, option replies, the greeting, requests and reply
# headers, the disk pattern they serve, and a listening socket that a
# test can connect to as soon as it appears.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.

import os
import socket
import struct

NBDMAGIC, NEW_VERSION = 0x4e42444d41474943, 0x49484156454F5054
OLD_VERSION = 0x00420281861253
FLAG_FIXED_NEWSTYLE, FLAG_NO_ZEROES = 1, 2
REP_MAGIC = 0x3e889045565a9
OPT_EXPORT_NAME, OPT_ABORT, OPT_LIST, OPT_INFO, OPT_GO = 1, 2, 3, 6, 7
OPT_STRUCTURED_REPLY, OPT_LIST_META_CONTEXT = 8, 9
OPT_SET_META_CONTEXT, OPT_EXTENDED_HEADERS = 10, 11
REP_ACK, REP_SERVER, REP_INFO, REP_META_CONTEXT = 1, 2, 3, 4
REP_ERR_UNSUP = 0x80000001
INFO_EXPORT, INFO_BLOCK_SIZE = 0, 3

REQUEST_MAGIC, EXT_REQUEST_MAGIC = 0x25609513, 0x21e41c71
SIMPLE_MAGIC, STRUCTURED_MAGIC = 0x67446698, 0x668e33ef
EXT_REPLY_MAGIC = 0x6e8a278c
CMD_READ, CMD_WRITE, CMD_DISC, CMD_BLOCK_STATUS = 0, 1, 2, 7
FLAG_PAYLOAD_LEN, REPLY_DONE = 0x20, 1
TYPE_NONE, TYPE_OFFSET_DATA, TYPE_OFFSET_HOLE = 0, 1, 2
TYPE_BLOCK_STATUS, TYPE_BLOCK_STATUS_EXT = 5, 6
TYPE_ERROR, TYPE_ERROR_OFFSET = 32769, 32770


class ClientGone(SystemExit):
    """The client closed the connection.  Uncaught, it ends a
    one-connection server quietly, as the client leaving should."""


def recv_exactly(conn, n):
    """n bytes from the client; raises ClientGone if it leaves first."""
    data = b""
    while len(data) < n:
        more = conn.recv(n - len(data))
        if not more:
            raise ClientGone(0)
        data += more
    return data


def option_reply(conn, option, reply, payload=b""):
    conn.sendall(struct.pack(">QIII", REP_MAGIC, option, reply,
                             len(payload)) + payload)


def greet(conn, flags=FLAG_FIXED_NEWSTYLE):
    """Send a newstyle greeting (fixed newstyle by default) and take the
    client's flags."""
    conn.sendall(struct.pack(">QQH", NBDMAGIC, NEW_VERSION, flags))
    recv_exactly(conn, 4)


def next_option(conn):
    """The next option the client sends: (option, data)."""
    _, option, length = struct.unpack(">QII", recv_exactly(conn, 16))
    return option, recv_exactly(conn, length)


def reply_go(conn, size, flags, option=OPT_GO):
    option_reply(conn, option, REP_INFO,
                 struct.pack(">HQH", INFO_EXPORT, size, flags))
    option_reply(conn, option, REP_ACK)


def recv_request(conn, extended=False):
    """The next request header, in the extended form if extended:
    (magic, flags, command, cookie, offset, length).  Any payload is
    left for the caller."""
    if extended:
        return struct.unpack(">IHHQQQ", recv_exactly(conn, 32))
    return struct.unpack(">IHHQQI", recv_exactly(conn, 28))


def simple_reply(error, cookie):
    """A simple reply's header."""
    return struct.pack(">IIQ", SIMPLE_MAGIC, error, cookie)


def structured_header(flags, chunk_type, cookie, length):
    """A structured reply chunk's header."""
    return struct.pack(">IHHQI", STRUCTURED_MAGIC, flags, chunk_type,
                       cookie, length)


def extended_header(flags, chunk_type, cookie, offset, length):
    """An extended reply chunk's header."""
    return struct.pack(">IHHQQQ", EXT_REPLY_MAGIC, flags, chunk_type,
                       cookie, offset, length)


def pattern(offset, length):
    """The disk the servers present: the byte at offset N is N & 0xff."""
    return bytes((offset + i) & 0xff for i in range(length))


def listen(path, backlog=8):
    """A listening socket at path, which appears only once it listens,
    so that a test can connect as soon as it sees the file."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path + ".tmp")
    listener.listen(backlog)
    os.rename(path + ".tmp", path)
    return listener


def accept_one(path):
    """Listen on path and accept the test's one connection."""
    conn, _ = listen(path).accept()
    return conn
