#!/usr/bin/env python3
# Hostile URIs for every transport, each connected by uri-outcome with
# the stand-in ssh and nc of fake-ssh.py first on PATH, in a directory
# where a payload that ran would leave a file named "pwned".
#
#   hostile-uris.py PROGRAM SOCKET
# PROGRAM is uri-outcome; SOCKET is an nbdkit server's socket, whose name is full of characters
# a shell cares about; the ssh cases that name it must reach it intact.
#
# After every case: nothing ran that a URI smuggled in (no "pwned", no
# ssh option but the URI's compression, port and user, the host after
# ssh's "--"); a
# refused URI failed with EINVAL before anything ran; a URI that
# reached ssh gave nc exactly the words the URI meant.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.

import errno
import json
import os
import subprocess
import sys
from urllib.parse import quote, urlsplit

program, sock = sys.argv[1:]
SOCK = quote(sock, safe="/")
DEFAULT = ["localhost", "10809"]

# (URI, outcome, the ssh host, nc's arguments).  Outcomes: "refused"
# (EINVAL, nothing run), "elsewhere" (a transport that runs nothing:
# it may fail as it likes, with nothing run), "runs" (ssh and nc ran
# as given, then the connection failed), "connects" (and it worked),
# "no-tls" (ENOTSUP, nothing run: a library built without TLS, asked
# for it), "no-tls-refused" (the same library, asked by a URI it would
# refuse anyway: EINVAL or ENOTSUP, whichever it saw first).
SSH_CASES = [
    ("{s}://-oProxyCommand=touch%20pwned/", "refused", None, None),
    ("{s}://-oProxyCommand=touch%20pwned:2222/", "refused", None, None),
    ("{s}://user@-oProxyCommand=touch%20pwned/", "refused", None, None),
    ("{s}://%2DoProxyCommand=touch%20pwned/", "refused", None, None),
    ("{s}://-/", "refused", None, None),
    ("{s}:///?socket=" + SOCK, "refused", None, None),
    ("{s}://host%20-oProxyCommand=touch%20pwned/", "refused", None, None),
    ("{s}://a%3Btouch%20pwned/", "refused", None, None),
    ("{s}://%24(touch%20pwned)/", "refused", None, None),
    ("{s}://%60touch%20pwned%60/", "refused", None, None),
    ("{s}://a%0Atouch%20pwned/", "refused", None, None),
    ("{s}://localhost:22%20-oProxyCommand=x/", "refused", None, None),
    ("{s}://localhost/?socket=-e/bin/sh", "refused", None, None),
    ("{s}://localhost/?socket=--", "refused", None, None),
    ("{s}://localhost/?socket=x%0Atouch%20pwned", "refused", None, None),
    ("{s}://localhost/?socket=x%0Dtouch%20pwned", "refused", None, None),
    ("{s}://localhost/?socket=" + SOCK + "&socket=-oX", "refused",
     None, None),
    ("{s}:-oProxyCommand=touch%20pwned", "refused", None, None),
    ("{s}:localhost?socket=" + SOCK, "refused", None, None),
    ("{s}://-oProxyCommand=touch%20pwned@localhost/", "refused", None, None),
    ("{s}://%24(touch%20pwned)%3B@localhost:2222/", "refused", None, None),
    ("{s}://a%20-oX@localhost/", "refused", None, None),
    ("{s}://localhost/?nbd-port=1%3Btouch%20pwned", "refused", None, None),
    ("{s}://localhost/?nbd-port=%24(touch%20pwned)", "refused", None, None),
    ("{s}://localhost/?nbd-port=-e/bin/sh", "refused", None, None),
    ("{s}://localhost/?nbd-port=99999", "refused", None, None),
    ("{s}://localhost/?compress=-oX", "refused", None, None),
    ("{s}://alice@localhost:2222/", "runs", "localhost", DEFAULT),
    ("{s}://localhost/?nbd-port=2000&compress=true", "runs",
     "localhost", ["localhost", "2000"]),
    ("{s}://localhost/?tls-username=-oProxyCommand%3Dtouch%20pwned", "runs",
     "localhost", DEFAULT),
    ("{s}://localhost/?socket=/nonexistent%3Btouch%20pwned", "runs",
     "localhost", ["-U", "/nonexistent;touch pwned"]),
    ("{s}://localhost/?socket=%24(touch%20pwned)", "runs",
     "localhost", ["-U", "$(touch pwned)"]),
    ("{s}://localhost/?socket=%60touch%20pwned%60", "runs",
     "localhost", ["-U", "`touch pwned`"]),
    ("{s}://localhost/?socket=x'%3Btouch%20pwned%3B'", "runs",
     "localhost", ["-U", "x';touch pwned;'"]),
    ("{s}://localhost/?socket=x%20%7C%20touch%20pwned%20%26", "runs",
     "localhost", ["-U", "x | touch pwned &"]),
    ("{s}://localhost/?socket=x%22%24(touch%20pwned)%22%5C", "runs",
     "localhost", ["-U", 'x"$(touch pwned)"\\']),
    ("{s}://127.0.0.1/?socket=" + SOCK, "connects",
     "127.0.0.1", ["-U", sock]),
    ("{s}://bob.smith_2@127.0.0.1:2222/?compress=on&socket=" + SOCK,
     "connects", "127.0.0.1", ["-U", sock]),
    ("{s}://localhost:2222/%24(touch%20pwned)?socket=" + SOCK, "connects",
     "localhost", ["-U", sock]),
    ("{s}://[::1]/?socket=" + SOCK, "connects", "::1", ["-U", sock]),
    ("{s}://localhost/?tls-hostname=-oProxyCommand%3Dtouch%20pwned&socket="
     + SOCK, "connects", "localhost", ["-U", sock]),
]

OTHER_CASES = [
    "nbd://-oProxyCommand=touch%20pwned/",
    "nbds://%24(touch%20pwned)/",
    "nbd://localhost/%24(touch%20pwned)",
    "nbd+unix:///?socket=%24(touch%20pwned)",
    "nbd+unix:///?socket=-oProxyCommand=touch%20pwned",
    "nbds+unix:///x%3Btouch?socket=%60touch%20pwned%60",
    "nbd+vsock://-oProxyCommand=touch%20pwned/",
    "nbds+vsock://1/%24(touch%20pwned)",
]

REFUSED_OTHERS = [
    "nbd:127.0.0.1:10820/x",
    "nbd:-oProxyCommand=touch%20pwned",
    "nbd+unix:x?socket=" + SOCK,
    "nbds+unix:/?socket=" + SOCK,
    "nbd+vsock:2",
]


def read_log(name):
    try:
        with open(os.environ[name]) as f:
            return [json.loads(line) for line in f]
    except FileNotFoundError:
        return []


def outcome(uri):
    for name in ("FAKE_SSH_LOG", "FAKE_NC_LOG"):
        if os.path.exists(os.environ[name]):
            os.unlink(os.environ[name])
    out = subprocess.run([program, uri], stdout=subprocess.PIPE,
                         universal_newlines=True,
                         timeout=60).stdout.split(None, 2)
    return out, read_log("FAKE_SSH_LOG"), read_log("FAKE_NC_LOG")


def ssh_options(uri):
    """The options the URI asks ssh for, in the order the library
    gives them: -C for compression, then sshd's port and the login
    name, each only when the URI names one."""
    parts = urlsplit(uri)
    options = []
    if any(p.lower() in ("compress=true", "compress=on")
           for p in parts.query.split("&")):
        options.append(["-C", None])
    if parts.port:
        options.append(["-p", str(parts.port)])
    if parts.username:
        options.append(["-l", parts.username])
    return options


def check(uri, want, host, nc_argv):
    out, ssh_runs, nc_runs = outcome(uri)
    problems = []
    if os.path.exists("pwned"):
        problems.append("a payload ran")
        os.unlink("pwned")
    for run in ssh_runs:
        if run["options"] != ssh_options(uri):
            problems.append("ssh was given options %s" % run["options"])
        if run["smuggled"]:
            problems.append("ssh was given options %s" % run["smuggled"])
        if not run["ended"]:
            problems.append("the host was not after ssh's --")
    if want in ("refused", "elsewhere", "no-tls", "no-tls-refused") and \
       (ssh_runs or nc_runs):
        problems.append("a command ran: %s" % (ssh_runs or nc_runs))
    if want == "refused" and out[:2] != ["failed", str(errno.EINVAL)]:
        problems.append("not refused with EINVAL: %s" % out)
    if want == "no-tls" and out[:2] != ["failed", str(errno.ENOTSUP)]:
        problems.append("not refused with ENOTSUP: %s" % out)
    if want == "no-tls-refused" and \
       out[:2] not in [["failed", str(e)] for e in (errno.EINVAL,
                                                     errno.ENOTSUP)]:
        problems.append("not refused with EINVAL or ENOTSUP: %s" % out)
    if want == "elsewhere" and out[0] != "failed":
        problems.append("connected")
    if want in ("runs", "connects"):
        hosts = [run["host"] for run in ssh_runs]
        if hosts != [host]:
            problems.append("ssh ran for hosts %s" % hosts)
        if [run["argv"] for run in nc_runs] != [nc_argv]:
            problems.append("nc got %s" % nc_runs)
    if want == "runs" and out[0] != "failed":
        problems.append("connected")
    if want == "connects" and out[0] != "connected":
        problems.append("did not connect: %s" % out)
    print("%-9s %s%s" % (want, uri, "".join("\n  FAIL: " + p
                                             for p in problems)))
    return not problems


def main():
    has_tls = os.environ["LIBRARY_HAS_TLS"] == "yes"
    cases = []
    for scheme in ("nbd+ssh", "nbds+ssh"):
        for uri, want, host, nc_argv in SSH_CASES:
            # Without credentials, TLS fails once nc has connected.
            if scheme == "nbds+ssh" and want == "connects":
                want = "runs"
            if scheme == "nbds+ssh" and not has_tls:
                want = "no-tls-refused" if want == "refused" else "no-tls"
            cases.append((uri.format(s=scheme), want, host, nc_argv))
    cases += [(uri, "elsewhere", None, None) for uri in OTHER_CASES]
    cases += [(uri, "refused", None, None) for uri in REFUSED_OTHERS]
    failed = [case[0] for case in cases if not check(*case)]
    if failed:
        sys.exit("%d of %d hostile URIs were mishandled" %
                 (len(failed), len(cases)))


main()
