#!/usr/bin/env python3
# Start a server by systemd socket activation on a socket that is
# already listening, so clients can connect as soon as the address is
# published.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
#
# Usage: socket-activate.py tcp PORTFILE COMMAND [ARGS...]
#        socket-activate.py unix PATH COMMAND [ARGS...]
# For tcp, listens on 127.0.0.1 at a port the kernel picks and writes
# the port number to PORTFILE; for unix, listens on PATH.  Either way
# the address appears only once the socket listens.  Then execs
# COMMAND with the socket as fd 3 and LISTEN_PID/LISTEN_FDS set; exec
# keeps the process id, so LISTEN_PID names the server itself.

import os
import socket
import sys

from nbd_wire import listen

kind, where, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
if kind == "tcp":
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    tmp = where + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % sock.getsockname()[1])
    os.rename(tmp, where)
elif kind == "unix":
    sock = listen(where, 16)
else:
    raise SystemExit("unknown socket kind " + kind)

if sock.fileno() != 3:
    os.dup2(sock.fileno(), 3)
    sock.close()
os.set_inheritable(3, True)
os.environ["LISTEN_PID"] = str(os.getpid())
os.environ["LISTEN_FDS"] = "1"
os.execvp(argv[0], argv)
