#!/bin/sh -
# Hostile URIs, for every transport, against stand-ins for ssh and nc:
# see hostile-uris.py.  The advisories CVE-2025-14946 (an nbd+ssh host
# read by ssh as an option) and the later injection through the socket
# and nbd-port parameters (words run by the remote shell) are this
# test's business.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit "$PYTHON"

here=$(cd "$srcdir" && pwd)
mkdir "$tmp/bin" "$tmp/scratch"
for name in ssh nc; do
  ln -s "$here/fake-ssh.py" "$tmp/bin/$name"
done
# A socket name that a shell would take apart, were it given the chance.
sock="$tmp/it's a \$(sock);\`x\` & \"y\""
start_server nbdkit -f -U "$sock" memory 1M
wait_for "$sock"

program="$(pwd)/uri-outcome"
LIBRARY_HAS_TLS=yes
built_with_tls || LIBRARY_HAS_TLS=no
export LIBRARY_HAS_TLS
cd "$tmp/scratch"
PATH="$tmp/bin:$PATH" FAKE_SSH_LOG="$tmp/ssh.log" FAKE_NC_LOG="$tmp/nc.log" \
  "$PYTHON" "$here/hostile-uris.py" "$program" "$sock"
