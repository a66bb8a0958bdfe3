#!/usr/bin/env python3
# A one-connection NBD server that negotiates normally, then answers the
# first read request wrongly in the way MODE says.  It stands in for the
# broken servers no real one imitates.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
#
# Usage: bad-reply-server.py SOCKET MODE
#   unknown-cookie    a simple reply to a cookie that was never sent
#   chunk-past-end    a structured data chunk beyond the request
#   truncated-header  half a reply header, then close
#   truncated-data    a simple reply with half its data, then close
#   data-for-flush    a structured data chunk answering a non-read

import os
import socket
import struct
import sys

NEW_VERSION = 0x49484156454F5054
REP_MAGIC = 0x3e889045565a9
OPT_GO, OPT_STRUCTURED_REPLY = 7, 8
REP_ACK, REP_INFO, REP_ERR_UNSUP = 1, 3, 0x80000001
SIMPLE_MAGIC, STRUCTURED_MAGIC = 0x67446698, 0x668e33ef
SIZE = 1 << 20
EXPORT_FLAGS = 1 | 4           # has flags, can flush


def recv_exactly(conn, n):
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


def negotiate(conn):
    conn.sendall(struct.pack(">QQH", 0x4e42444d41474943, NEW_VERSION, 1))
    recv_exactly(conn, 4)
    while True:
        _, option, length = struct.unpack(">QII", recv_exactly(conn, 16))
        recv_exactly(conn, length)
        if option == OPT_STRUCTURED_REPLY:
            option_reply(conn, option, REP_ACK)
        elif option == OPT_GO:
            option_reply(conn, option, REP_INFO,
                         struct.pack(">HQH", 0, SIZE, EXPORT_FLAGS))
            option_reply(conn, option, REP_ACK)
            return
        else:
            option_reply(conn, option, REP_ERR_UNSUP)


def misbehave(conn, mode):
    _, _, cmd, cookie, offset, count = struct.unpack(
        ">IHHQQI", recv_exactly(conn, 28))
    if mode == "unknown-cookie":
        conn.sendall(struct.pack(">IIQ", SIMPLE_MAGIC, 0, cookie + 1000))
    elif mode in ("chunk-past-end", "data-for-flush"):
        where = offset + count if mode == "chunk-past-end" else 0
        conn.sendall(struct.pack(">IHHQIQ", STRUCTURED_MAGIC, 1, 1, cookie,
                                 8 + 512, where) + b"x" * 512)
    elif mode == "truncated-header":
        conn.sendall(struct.pack(">IIQ", SIMPLE_MAGIC, 0, cookie)[:8])
    elif mode == "truncated-data":
        conn.sendall(struct.pack(">IIQ", SIMPLE_MAGIC, 0, cookie) +
                     b"y" * (count // 2))
    # Let the client see everything sent before the connection closes.
    conn.shutdown(socket.SHUT_WR)
    try:
        while conn.recv(4096):
            pass
    except ConnectionResetError:
        pass


def main():
    path, mode = sys.argv[1], sys.argv[2]
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path + ".tmp")
    listener.listen(1)
    os.rename(path + ".tmp", path)
    conn, _ = listener.accept()
    negotiate(conn)
    misbehave(conn, mode)


main()
