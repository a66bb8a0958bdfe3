#!/usr/bin/env python3
# Stand-ins for ssh and nc, for the hostile URI test: linked as bin/ssh
# and bin/nc, they act by the name they are run as.
#
# ssh reads its command line as OpenSSH's does: options up to the first
# word that is not one, then the host, then (unless "--" ended the
# options) options again, then the remote command.  It writes what it
# made of the line to $FAKE_SSH_LOG as one JSON line.  An option other
# than the ones the library may use (-p, -l, -C) means a URI smuggled
# one in: that is logged and nothing runs.  Otherwise the remote command
# goes to sh -c, as a remote login shell would run it, here in the
# current directory.
#
# nc logs its arguments to $FAKE_NC_LOG, then joins its standard input
# and output to the Unix socket of "nc -U PATH", or to the TCP port of
# "nc HOST PORT".
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.

import json
import os
import select
import socket
import sys

SSH_FLAGS = set("1246AaCfGgKkMNnqsTtVvXxYy")
SSH_WITH_VALUE = set("BbcDEeFIiJLlmOoPpQRSWw")
ALLOWED = {"-p", "-l", "-C"}


def log(variable, record):
    with open(os.environ[variable], "a") as f:
        f.write(json.dumps(record) + "\n")


def parse_options(args, options):
    """Take options off the front of args as OpenSSH's getopt does;
    return the rest and whether "--" ended them."""
    while args and args[0].startswith("-") and args[0] != "-":
        word = args.pop(0)
        if word == "--":
            return args, True
        i = 1
        while i < len(word):
            letter = word[i]
            if letter in SSH_WITH_VALUE:
                value = word[i + 1:] or (args.pop(0) if args else None)
                options.append(["-" + letter, value])
                break
            options.append(["-" + letter, None])
            i += 1
    return args, False


def ssh(args):
    options = []
    args, ended = parse_options(list(args), options)
    host = args.pop(0) if args else None
    if not ended:
        args, _ = parse_options(args, options)
    smuggled = [o for o in options if o[0] not in ALLOWED]
    log("FAKE_SSH_LOG", {"argv": sys.argv[1:], "options": options,
                         "host": host, "ended": ended, "command": args,
                         "smuggled": smuggled})
    if smuggled or host is None or not args:
        sys.exit(255)
    os.execvp("sh", ["sh", "-c", " ".join(args)])


def relay(sock):
    while True:
        ready, _, _ = select.select([0, sock], [], [])
        if 0 in ready:
            data = os.read(0, 65536)
            if not data:
                sock.shutdown(socket.SHUT_WR)
                break
            sock.sendall(data)
        if sock in ready:
            data = sock.recv(65536)
            if not data:
                return
            os.write(1, data)
    while True:
        data = sock.recv(65536)
        if not data:
            return
        os.write(1, data)


def nc(args):
    log("FAKE_NC_LOG", {"argv": args})
    if len(args) == 2 and args[0] == "-U":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(args[1])
    elif len(args) == 2 and args[1].isdigit():
        sock = socket.create_connection((args[0], int(args[1])))
    else:
        sys.exit("nc: unexpected arguments")
    relay(sock)


if __name__ == "__main__":
    name = os.path.basename(sys.argv[0])
    try:
        ssh(sys.argv[1:]) if name == "ssh" else nc(sys.argv[1:])
    except OSError as e:
        sys.exit("%s: %s" % (name, e))
