#!/usr/bin/env python3
# A server that breaks off the NBD handshake at a chosen point.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
#
# Usage: hangup-server.py DIR MODE...
# Listens on DIR/MODE.sock for each MODE and serves every connection
# on that socket the same way, until killed.  Every mode but eof,
# short-greeting, bad-magic and oldstyle-short sends a fixed newstyle
# greeting and reads the client's flags and its first option; then
# first-option closes, mid-reply sends half a reply header and closes,
# and no-reply waits for the client to close.  Each socket is bound
# under a temporary name and renamed once it listens, so a client that
# finds DIR/MODE.sock can connect at once; DIR/ready appears last.

import os
import selectors
import socket
import struct
import sys
import threading

NBDMAGIC = b"NBDMAGIC"
IHAVEOPT = 0x49484156454F5054
CLISERV = 0x00420281861253
REPLY_MAGIC = 0x3E889045565A9
FIXED_NEWSTYLE = 1
NO_ZEROES = 2
MODES = ("eof", "short-greeting", "bad-magic", "oldstyle-short",
         "first-option", "mid-reply", "no-reply")


def recv_exactly(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def greeting(conn):
    conn.sendall(NBDMAGIC + struct.pack(">QH", IHAVEOPT,
                                        FIXED_NEWSTYLE | NO_ZEROES))
    return recv_exactly(conn, 4) is not None


def read_option(conn):
    header = recv_exactly(conn, 16)
    if header is None:
        return None
    _, option, length = struct.unpack(">QII", header)
    if recv_exactly(conn, length) is None:
        return None
    return option


def serve(mode, conn):
    if mode == "eof":
        # Close before sending a single byte.
        return
    if mode == "short-greeting":
        # Half of the 8 byte magic, then nothing.
        conn.sendall(NBDMAGIC[:4])
        return
    if mode == "bad-magic":
        # A full-length greeting that is not NBD at all.
        conn.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")
        recv_exactly(conn, 1)
        return
    if mode == "oldstyle-short":
        # Oldstyle magic and size, then the connection drops before
        # the flags and padding.
        conn.sendall(NBDMAGIC + struct.pack(">QQ", CLISERV, 1 << 20))
        return
    if not greeting(conn):
        return
    option = read_option(conn)
    if option is None or mode == "first-option":
        # Drop the connection once the first option has been read whole,
        # so that the close is a clean end of file for the client.
        return
    if mode == "no-reply":
        # Never answer; wait for the client to go away.
        while conn.recv(4096):
            pass
        return
    # mid-reply: start a reply to whatever option was sent, but send
    # only half of its header.
    reply = struct.pack(">QIII", REPLY_MAGIC, option, 1, 0)
    conn.sendall(reply[:10])


def handle(mode, conn):
    try:
        serve(mode, conn)
    except OSError:
        pass
    finally:
        conn.close()


def main():
    directory = sys.argv[1]
    sel = selectors.DefaultSelector()
    for mode in sys.argv[2:]:
        if mode not in MODES:
            raise SystemExit("%s: unknown mode %s" % (sys.argv[0], mode))
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        tmp = os.path.join(directory, mode + ".tmp")
        sock.bind(tmp)
        sock.listen(8)
        os.rename(tmp, os.path.join(directory, mode + ".sock"))
        sel.register(sock, selectors.EVENT_READ, mode)
    open(os.path.join(directory, "ready"), "w").close()
    while True:
        for key, _ in sel.select():
            conn, _ = key.fileobj.accept()
            threading.Thread(target=handle, args=(key.data, conn),
                             daemon=True).start()


main()
