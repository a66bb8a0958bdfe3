#!/usr/bin/env python3
# A scripted hostile NBD server: each scenario of a scenario file is a
# list of steps in a small language, so that a test states a broken or
# malicious server in a few lines.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
#
# Usage: hostile-server.py SCENARIO-FILE DIR
#
# Listens on DIR/NAME.sock for every scenario NAME in the file and runs
# that scenario's steps on each connection made there, one connection
# at a time, until killed.  Each socket appears only once it listens;
# DIR/ready appears after the last.
#
# Steps:
#   greet [FLAGS]           newstyle greeting, then read the client's flags
#   send TOKEN...           send the bytes the tokens make (see below)
#   recv-option             read an option and remember its code (option)
#   option-reply TYPE [option=V] TOKEN...
#                           reply to the remembered option
#   negotiate [structured=no] [extended=yes] [context=NAME:ID]...
#                           answer the options a client sends by itself
#                           (structured replies, extended headers, and
#                           meta contexts if any are given) until another
#                           comes, which is remembered and left unanswered
#   go [size=V] [flags=V] [block=MIN:PREF:MAX]
#                           describe the export and accept the
#                           remembered NBD_OPT_GO or NBD_OPT_INFO
#   handshake ...           negotiate, then go, taking the arguments of both
#   recv-request            read a request and its payload; remember
#                           cookie, offset, length and type, and the
#                           previous cookie as old_cookie
#   simple-reply ERROR [cookie=V] TOKEN...
#   chunk done|more TYPE [cookie=V] TOKEN...
#                           a structured chunk, or an extended one once
#                           extended headers are negotiated
#   serve                   answer requests correctly until the client leaves
#   close                   hang up at once
#   stall                   send nothing more; wait for the client to leave
#   limit-send N|each       hang up rather than send more than N bytes
#   limit-recv N|each       hang up rather than read more than N bytes
#                           (each: N counts the connections before this one)
# When the steps run out the server sends nothing more and waits for the
# client to leave, so that the client reads all it was sent.
#
# Tokens: u8:V u16:V u32:V u64:V (big endian), bytes:TEXT, zeros:N,
# fill:N:C (N copies of C), hex:HEX.  V is a number, a protocol name
# from nbd_wire.py or a remembered value, and may add or subtract a
# number: u64:offset+512.

import os
import re
import selectors
import shlex
import socket
import struct
import sys
import traceback

import nbd_wire
from nbd_wire import (CMD_DISC, CMD_READ, CMD_WRITE, FLAG_PAYLOAD_LEN,
                      INFO_BLOCK_SIZE, OPT_EXTENDED_HEADERS,
                      OPT_SET_META_CONTEXT, OPT_STRUCTURED_REPLY, REP_ACK,
                      REP_ERR_UNSUP, REP_INFO, REP_META_CONTEXT, REP_SERVER,
                      REPLY_DONE, TYPE_BLOCK_STATUS, TYPE_BLOCK_STATUS_EXT,
                      TYPE_ERROR, TYPE_ERROR_OFFSET, TYPE_NONE,
                      TYPE_OFFSET_DATA, TYPE_OFFSET_HOLE, ClientGone,
                      extended_header, greet, listen, next_option,
                      option_reply, pattern, recv_exactly, recv_request,
                      reply_go, simple_reply, structured_header)

# The protocol's numbers, by the names nbd_wire.py gives them.
NAMES = {name: value for name, value in vars(nbd_wire).items()
         if name.isupper()}
REPLY_TYPES = {"ack": REP_ACK, "server": REP_SERVER, "info": REP_INFO,
               "context": REP_META_CONTEXT, "err-unsup": REP_ERR_UNSUP}
CHUNK_TYPES = {"none": TYPE_NONE, "data": TYPE_OFFSET_DATA,
               "hole": TYPE_OFFSET_HOLE, "status": TYPE_BLOCK_STATUS,
               "status-ext": TYPE_BLOCK_STATUS_EXT, "error": TYPE_ERROR,
               "error-offset": TYPE_ERROR_OFFSET}
# Has flags, can flush, FUA, trim, write zeroes and cache.
DEFAULT_FLAGS = 1 | 4 | 8 | 32 | 64 | 1024
DEFAULT_SIZE = 1 << 20


class Hangup(Exception):
    """A byte limit was reached: the server hangs up."""


class LimitedConn:
    """The client's socket, with optional limits on the bytes that may
    still cross it before the server hangs up."""

    def __init__(self, sock):
        self.sock = sock
        self.send_left = self.recv_left = None

    def sendall(self, data):
        if self.send_left is not None:
            if len(data) > self.send_left:
                self.sock.sendall(data[:self.send_left])
                raise Hangup
            self.send_left -= len(data)
        self.sock.sendall(data)

    def recv(self, n):
        if self.recv_left is not None:
            if self.recv_left == 0:
                raise Hangup
            n = min(n, self.recv_left)
        data = self.sock.recv(n)
        if self.recv_left is not None:
            self.recv_left -= len(data)
        return data


class Session:
    """One connection running one scenario, and what it remembers."""

    def __init__(self, sock, ordinal):
        self.conn = LimitedConn(sock)
        self.ordinal = ordinal
        self.structured = self.extended = False
        self.vars = {"cookie": 0, "old_cookie": 0, "offset": 0, "length": 0,
                     "type": 0, "option": 0}

    def value(self, text):
        """A number, a name or a remembered value, plus or minus a
        number."""
        m = re.fullmatch(r"([A-Za-z_]\w*)([+-]\w+)?", text)
        if m is None:
            return int(text, 0)
        base = self.vars.get(m.group(1), NAMES.get(m.group(1)))
        if base is None:
            raise ValueError("unknown name " + m.group(1))
        return base + int(m.group(2) or "0", 0)

    def payload(self, tokens):
        out = b""
        for token in tokens:
            kind, _, arg = token.partition(":")
            if kind in ("u8", "u16", "u32", "u64"):
                size = int(kind[1:]) // 8
                out += (self.value(arg) % (1 << size * 8)).to_bytes(size,
                                                                    "big")
            elif kind == "bytes":
                out += arg.encode()
            elif kind == "zeros":
                out += bytes(self.value(arg))
            elif kind == "fill":
                count, _, char = arg.partition(":")
                out += char.encode() * self.value(count)
            elif kind == "hex":
                out += bytes.fromhex(arg)
            else:
                raise ValueError("unknown token " + token)
        return out

    def split(self, args):
        """key=value arguments, and the tokens that follow."""
        options = dict(a.split("=", 1) for a in args if "=" in a)
        return options, [a for a in args if "=" not in a]


def step_greet(s, args):
    greet(s.conn, s.value(args[0]) if args else 1)


def step_send(s, args):
    s.conn.sendall(s.payload(args))


def step_recv_option(s, args):
    s.vars["option"], _ = next_option(s.conn)


def step_option_reply(s, args):
    options, tokens = s.split(args[1:])
    reply = REPLY_TYPES.get(args[0]) or s.value(args[0])
    option = s.value(options.get("option", "option"))
    option_reply(s.conn, option, reply, s.payload(tokens))


def set_meta_context(s, contexts):
    for name, context_id in contexts:
        option_reply(s.conn, OPT_SET_META_CONTEXT, REP_META_CONTEXT,
                     struct.pack(">I", context_id) + name.encode())
    option_reply(s.conn, OPT_SET_META_CONTEXT, REP_ACK)


def step_negotiate(s, args):
    options, _ = s.split(args)
    contexts = []
    for arg in args:
        if arg.startswith("context="):
            name, _, context_id = arg[len("context="):].rpartition(":")
            contexts.append((name, s.value(context_id)))
    while True:
        option, _ = next_option(s.conn)
        if option == OPT_STRUCTURED_REPLY and \
           options.get("structured") != "no":
            option_reply(s.conn, option, REP_ACK)
            s.structured = True
        elif option == OPT_EXTENDED_HEADERS and \
                options.get("extended") == "yes":
            option_reply(s.conn, option, REP_ACK)
            s.extended = True
        elif option == OPT_SET_META_CONTEXT and contexts:
            set_meta_context(s, contexts)
        elif option in (OPT_STRUCTURED_REPLY, OPT_EXTENDED_HEADERS):
            option_reply(s.conn, option, REP_ERR_UNSUP)
        else:
            s.vars["option"] = option
            return


def step_go(s, args):
    options, _ = s.split(args)
    option = s.vars["option"]
    if "block" in options:
        sizes = [s.value(v) for v in options["block"].split(":")]
        option_reply(s.conn, option, REP_INFO,
                     struct.pack(">HIII", INFO_BLOCK_SIZE, *sizes))
    reply_go(s.conn, s.value(options.get("size", str(DEFAULT_SIZE))),
             s.value(options.get("flags", str(DEFAULT_FLAGS))), option)


def step_handshake(s, args):
    step_negotiate(s, args)
    step_go(s, args)


def step_recv_request(s, args):
    _, flags, cmd, cookie, offset, length = recv_request(s.conn, s.extended)
    if cmd == CMD_WRITE or (s.extended and flags & FLAG_PAYLOAD_LEN):
        recv_exactly(s.conn, length)
    s.vars.update(old_cookie=s.vars["cookie"], cookie=cookie, offset=offset,
                  length=length, type=cmd)


def step_simple_reply(s, args):
    options, tokens = s.split(args[1:])
    cookie = s.value(options.get("cookie", "cookie"))
    s.conn.sendall(simple_reply(s.value(args[0]), cookie) +
                   s.payload(tokens))


def send_chunk(s, flags, chunk_type, cookie, payload):
    if s.extended:
        header = extended_header(flags, chunk_type, cookie, s.vars["offset"],
                                 len(payload))
    else:
        header = structured_header(flags, chunk_type, cookie, len(payload))
    s.conn.sendall(header + payload)


def step_chunk(s, args):
    options, tokens = s.split(args[2:])
    flags = {"done": REPLY_DONE, "more": 0}[args[0]]
    chunk_type = CHUNK_TYPES.get(args[1])
    if chunk_type is None:
        chunk_type = s.value(args[1])
    send_chunk(s, flags, chunk_type,
               s.value(options.get("cookie", "cookie")), s.payload(tokens))


def step_serve(s, args):
    while True:
        step_recv_request(s, [])
        cmd, cookie = s.vars["type"], s.vars["cookie"]
        offset, length = s.vars["offset"], s.vars["length"]
        if cmd == CMD_DISC:
            return
        if cmd == CMD_READ and (s.structured or s.extended):
            send_chunk(s, REPLY_DONE, TYPE_OFFSET_DATA, cookie,
                       struct.pack(">Q", offset) + pattern(offset, length))
        elif s.structured or s.extended:
            send_chunk(s, REPLY_DONE, TYPE_NONE, cookie, b"")
        else:
            data = pattern(offset, length) if cmd == CMD_READ else b""
            s.conn.sendall(simple_reply(0, cookie) + data)


def step_close(s, args):
    raise Hangup


def step_stall(s, args):
    while s.conn.sock.recv(4096):
        pass
    raise ClientGone(0)


def limit(s, args):
    return s.ordinal if args[0] == "each" else s.value(args[0])


def step_limit_send(s, args):
    s.conn.send_left = limit(s, args)


def step_limit_recv(s, args):
    s.conn.recv_left = limit(s, args)


STEPS = {
    "greet": step_greet, "send": step_send,
    "recv-option": step_recv_option, "option-reply": step_option_reply,
    "negotiate": step_negotiate, "go": step_go, "handshake": step_handshake,
    "recv-request": step_recv_request, "simple-reply": step_simple_reply,
    "chunk": step_chunk, "serve": step_serve, "close": step_close,
    "stall": step_stall, "limit-send": step_limit_send,
    "limit-recv": step_limit_recv,
}


def read_scenarios(path):
    """{name: [(step, args)]}.  A scenario is a `scenario NAME` line,
    then its lines up to a blank one; client and expect lines are for
    the client."""
    scenarios, steps = {}, None
    with open(path) as f:
        for number, line in enumerate(f, 1):
            words = shlex.split(line, comments=True)
            if not line.strip():
                steps = None
            elif not words or words[0] in ("client", "expect"):
                continue
            elif words[0] == "scenario" and words[1] not in scenarios:
                steps = scenarios[words[1]] = []
            elif steps is None or words[0] not in STEPS:
                sys.exit("%s:%d: not a step: %s" % (path, number, line))
            else:
                steps.append((words[0], words[1:]))
    return scenarios


def run(sock, steps, ordinal):
    s = Session(sock, ordinal)
    try:
        for step, args in steps:
            STEPS[step](s, args)
        sock.shutdown(socket.SHUT_WR)
        step_stall(s, [])
    except (Hangup, ClientGone, ConnectionError):
        pass
    except Exception:
        traceback.print_exc()
    finally:
        sock.close()


def main():
    scenarios = read_scenarios(sys.argv[1])
    directory = sys.argv[2]
    sel = selectors.DefaultSelector()
    for name in scenarios:
        sel.register(listen(os.path.join(directory, name + ".sock")),
                     selectors.EVENT_READ, name)
    open(os.path.join(directory, "ready"), "w").close()
    connections = dict.fromkeys(scenarios, 0)
    while True:
        for key, _ in sel.select():
            sock, _ = key.fileobj.accept()
            run(sock, scenarios[key.data], connections[key.data])
            connections[key.data] += 1


main()
