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
# and no-reply waits for the client to close.  Each socket appears only
# once it listens, so a client that finds DIR/MODE.sock can connect at
# once; DIR/ready appears last.

import os
import selectors
import struct
import sys
import threading

from nbd_wire import (FLAG_FIXED_NEWSTYLE, FLAG_NO_ZEROES, NBDMAGIC,
                      OLD_VERSION, REP_ACK, REP_MAGIC, ClientGone, greet,
                      listen, next_option, recv_exactly)

MODES = ("eof", "short-greeting", "bad-magic", "oldstyle-short",
         "first-option", "mid-reply", "no-reply")


def serve(mode, conn):
    if mode == "eof":
        # Close before sending a single byte.
        return
    if mode == "short-greeting":
        # Half of the 8 byte magic, then nothing.
        conn.sendall(struct.pack(">Q", NBDMAGIC)[:4])
        return
    if mode == "bad-magic":
        # A full-length greeting that is not NBD at all.
        conn.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")
        recv_exactly(conn, 1)
        return
    if mode == "oldstyle-short":
        # Oldstyle magic and size, then the connection drops before
        # the flags and padding.
        conn.sendall(struct.pack(">QQQ", NBDMAGIC, OLD_VERSION, 1 << 20))
        return
    greet(conn, FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES)
    option, _ = next_option(conn)
    if mode == "first-option":
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
    reply = struct.pack(">QIII", REP_MAGIC, option, REP_ACK, 0)
    conn.sendall(reply[:10])


def handle(mode, conn):
    try:
        serve(mode, conn)
    except (ClientGone, OSError):
        pass
    finally:
        conn.close()


def main():
    directory = sys.argv[1]
    sel = selectors.DefaultSelector()
    for mode in sys.argv[2:]:
        if mode not in MODES:
            raise SystemExit("%s: unknown mode %s" % (sys.argv[0], mode))
        sel.register(listen(os.path.join(directory, mode + ".sock")),
                     selectors.EVENT_READ, mode)
    open(os.path.join(directory, "ready"), "w").close()
    while True:
        for key, _ in sel.select():
            conn, _ = key.fileobj.accept()
            threading.Thread(target=handle, args=(key.data, conn),
                             daemon=True).start()


main()
