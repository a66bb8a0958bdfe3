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
                      REPLY_DONE, TYPE_ERROR, TYPE_ERROR_OFFSET, TYPE_NONE,
                      TYPE_OFFSET_DATA, accept_one, greet, next_option,
                      option_reply, recv_request, reply_go, simple_reply,
                      structured_header)

SIZE = 1 << 20
EXPORT_FLAGS = 1 | 4           # has flags, can flush
EIO = 5


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
    _, _, cmd, cookie, offset, count = recv_request(conn)
    half = count // 2
    # Data for the first half of the read.
    data = structured_header(0, TYPE_OFFSET_DATA, cookie, 8 + half) + \
        struct.pack(">Q", offset) + b"z" * half
    if mode in ("missing-data", "overlapping-data"):
        repeat = 2 if mode == "overlapping-data" else 1
        conn.sendall(data * repeat +
                     structured_header(REPLY_DONE, TYPE_NONE, cookie, 0))
    elif mode == "error-offset":
        message = b"bad sector"
        error = struct.pack(">IH", EIO, len(message)) + message + \
            struct.pack(">Q", offset + half)
        conn.sendall(data + structured_header(REPLY_DONE, TYPE_ERROR_OFFSET,
                                              cookie, len(error)) + error)
    elif mode == "oversized":
        conn.sendall(structured_header(REPLY_DONE, TYPE_ERROR, cookie,
                                       0x7fffffff))
    elif mode == "truncated-header":
        conn.sendall(simple_reply(0, cookie)[:8])
    elif mode == "truncated-data":
        conn.sendall(simple_reply(0, cookie) + b"y" * half)
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
