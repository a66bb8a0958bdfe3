#!/usr/bin/env python3
# A one-connection NBD server that negotiates extended headers, then
# serves a 1M disk whose byte at offset N is N & 0xff: reads as data
# chunks, writes acknowledged, and block status answered in the 64-bit
# form, honouring a context filter sent as the request's payload.  No
# installed server speaks extended headers yet.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
#
# Usage: ext-server.py SOCKET

import struct
import sys

from nbd_wire import (CMD_BLOCK_STATUS, CMD_DISC, CMD_READ, CMD_WRITE,
                      EXT_REQUEST_MAGIC, FLAG_PAYLOAD_LEN,
                      OPT_EXTENDED_HEADERS, OPT_GO, OPT_SET_META_CONTEXT,
                      REP_ACK, REP_ERR_UNSUP, REP_META_CONTEXT, REPLY_DONE,
                      TYPE_BLOCK_STATUS_EXT, TYPE_NONE, TYPE_OFFSET_DATA,
                      accept_one, extended_header, greet, next_option,
                      option_reply, pattern, recv_exactly, recv_request,
                      reply_go)

SIZE = 1 << 20
# Has flags, can flush, block status payload.
EXPORT_FLAGS = 1 | 4 | (1 << 12)
CONTEXTS = {"base:allocation": 1, "example:other": 2}


def set_meta_context(conn, data):
    name_len = struct.unpack(">I", data[:4])[0]
    pos = 4 + name_len
    count = struct.unpack(">I", data[pos:pos + 4])[0]
    pos += 4
    for _ in range(count):
        qlen = struct.unpack(">I", data[pos:pos + 4])[0]
        query = data[pos + 4:pos + 4 + qlen].decode()
        pos += 4 + qlen
        if query in CONTEXTS:
            option_reply(conn, OPT_SET_META_CONTEXT, REP_META_CONTEXT,
                         struct.pack(">I", CONTEXTS[query]) + query.encode())
    option_reply(conn, OPT_SET_META_CONTEXT, REP_ACK)


def negotiate(conn):
    greet(conn)
    while True:
        option, data = next_option(conn)
        if option == OPT_EXTENDED_HEADERS:
            option_reply(conn, option, REP_ACK)
        elif option == OPT_SET_META_CONTEXT:
            set_meta_context(conn, data)
        elif option == OPT_GO:
            reply_go(conn, SIZE, EXPORT_FLAGS)
            return
        else:
            option_reply(conn, option, REP_ERR_UNSUP)


def reply(conn, rtype, cookie, offset, payload=b"", flags=REPLY_DONE):
    conn.sendall(extended_header(flags, rtype, cookie, offset, len(payload)) +
                 payload)


def block_status(conn, flags, cookie, offset, length):
    ids = [CONTEXTS["base:allocation"]]
    effect = length
    if flags & FLAG_PAYLOAD_LEN:
        payload = recv_exactly(conn, length)
        effect = struct.unpack(">Q", payload[:8])[0]
        ids = [struct.unpack(">I", payload[i:i + 4])[0]
               for i in range(8, len(payload), 4)]
    # The last chunk carries the DONE flag; the others must not.
    for n, context in enumerate(ids):
        done = REPLY_DONE if n == len(ids) - 1 else 0
        reply(conn, TYPE_BLOCK_STATUS_EXT, cookie, offset,
              struct.pack(">IIQQ", context, 1, effect, 0), done)


def serve(conn):
    while True:
        magic, flags, cmd, cookie, offset, length = recv_request(
            conn, extended=True)
        if magic != EXT_REQUEST_MAGIC or cmd == CMD_DISC:
            return
        if cmd == CMD_READ:
            reply(conn, TYPE_OFFSET_DATA, cookie, offset,
                  struct.pack(">Q", offset) + pattern(offset, length))
        elif cmd == CMD_WRITE:
            recv_exactly(conn, length)
            reply(conn, TYPE_NONE, cookie, offset)
        elif cmd == CMD_BLOCK_STATUS:
            block_status(conn, flags, cookie, offset, length)
        else:
            reply(conn, TYPE_NONE, cookie, offset)


def main():
    conn = accept_one(sys.argv[1])
    negotiate(conn)
    serve(conn)


main()
