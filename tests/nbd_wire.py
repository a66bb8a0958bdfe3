# What the scripted test servers share: the protocol's numbers, reading
# exactly n bytes, option replies, the greeting, and accepting the one
# connection a test makes.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.

import os
import socket
import struct
import sys

NEW_VERSION = 0x49484156454F5054
REP_MAGIC = 0x3e889045565a9
OPT_GO, OPT_STRUCTURED_REPLY = 7, 8
OPT_SET_META_CONTEXT, OPT_EXTENDED_HEADERS = 10, 11
REP_ACK, REP_INFO, REP_META_CONTEXT = 1, 3, 4
REP_ERR_UNSUP = 0x80000001


def recv_exactly(conn, n):
    """n bytes from the client; a client that leaves ends the server."""
    data = b""
    while len(data) < n:
        more = conn.recv(n - len(data))
        if not more:
            sys.exit(0)
        data += more
    return data


def option_reply(conn, option, reply, payload=b""):
    conn.sendall(struct.pack(">QIII", REP_MAGIC, option, reply,
                             len(payload)) + payload)


def greet(conn):
    """Send a fixed newstyle greeting and take the client's flags."""
    conn.sendall(struct.pack(">QQH", 0x4e42444d41474943, NEW_VERSION, 1))
    recv_exactly(conn, 4)


def next_option(conn):
    """The next option the client sends: (option, data)."""
    _, option, length = struct.unpack(">QII", recv_exactly(conn, 16))
    return option, recv_exactly(conn, length)


def reply_go(conn, size, flags):
    option_reply(conn, OPT_GO, REP_INFO, struct.pack(">HQH", 0, size, flags))
    option_reply(conn, OPT_GO, REP_ACK)


def accept_one(path):
    """Listen on path, publishing it only once it listens, and accept
    the test's connection."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path + ".tmp")
    listener.listen(1)
    os.rename(path + ".tmp", path)
    conn, _ = listener.accept()
    return conn
