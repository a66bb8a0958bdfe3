#!/usr/bin/env python3
# A one-connection NBD server that negotiates normally, then answers the
# first read request wrongly in the way MODE says.  It stands in for the
# broken servers no real one imitates.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
#
# Usage: bad-reply-server.py SOCKET MODE
#   truncated-header  half a reply header, then close
#   truncated-data    a simple reply with half its data, then close
#                     (structured replies refused, as they allow no data
#                     in simple replies)
#   missing-data      data for half the read, then the final chunk
#   overlapping-data  the same data twice, then the final chunk
#   error-offset      data for the first half, an EIO for the second
#   oversized         a chunk header announcing 2G of payload

import socket
import struct
import sys

from nbd_wire import (OPT_GO, OPT_STRUCTURED_REPLY, REP_ACK, REP_ERR_UNSUP,
                      SIMPLE_MAGIC, STRUCTURED_MAGIC, accept_one, greet,
                      next_option, option_reply, recv_exactly, reply_go)

SIZE = 1 << 20
EXPORT_FLAGS = 1 | 4           # has flags, can flush


def negotiate(conn, mode):
    greet(conn)
    while True:
        option, _ = next_option(conn)
        if option == OPT_STRUCTURED_REPLY and mode != "truncated-data":
            option_reply(conn, option, REP_ACK)
        elif option == OPT_GO:
            reply_go(conn, SIZE, EXPORT_FLAGS)
            return
        else:
            option_reply(conn, option, REP_ERR_UNSUP)


def misbehave(conn, mode):
    _, _, cmd, cookie, offset, count = struct.unpack(
        ">IHHQQI", recv_exactly(conn, 28))
    if mode in ("missing-data", "overlapping-data"):
        half = count // 2
        chunk = struct.pack(">IHHQIQ", STRUCTURED_MAGIC, 0, 1, cookie,
                            8 + half, offset) + b"z" * half
        repeat = 2 if mode == "overlapping-data" else 1
        conn.sendall(chunk * repeat +
                     struct.pack(">IHHQI", STRUCTURED_MAGIC, 1, 0, cookie, 0))
    elif mode == "error-offset":
        half = count // 2
        message = b"bad sector"
        error = struct.pack(">IH", 5, len(message)) + message + \
            struct.pack(">Q", offset + half)
        conn.sendall(struct.pack(">IHHQIQ", STRUCTURED_MAGIC, 0, 1, cookie,
                                 8 + half, offset) + b"z" * half +
                     struct.pack(">IHHQI", STRUCTURED_MAGIC, 1, 32770,
                                 cookie, len(error)) + error)
    elif mode == "oversized":
        conn.sendall(struct.pack(">IHHQI", STRUCTURED_MAGIC, 1, 32769,
                                 cookie, 0x7fffffff))
    elif mode == "truncated-header":
        conn.sendall(struct.pack(">IIQ", SIMPLE_MAGIC, 0, cookie)[:8])
    elif mode == "truncated-data":
        conn.sendall(struct.pack(">IIQ", SIMPLE_MAGIC, 0, cookie) +
                     b"y" * (count // 2))
    # Let the client see everything sent before the connection closes;
    # after well-formed chunks, leave it open for the client to close.
    if mode not in ("missing-data", "overlapping-data", "error-offset"):
        conn.shutdown(socket.SHUT_WR)
    try:
        while conn.recv(4096):
            pass
    except ConnectionResetError:
        pass


def main():
    path, mode = sys.argv[1], sys.argv[2]
    conn = accept_one(path)
    negotiate(conn, mode)
    misbehave(conn, mode)


main()
