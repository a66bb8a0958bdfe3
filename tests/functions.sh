# Shell functions for the tests that start real servers.  Source this
# file after `set -e`; it creates $tmp, a private directory that is
# removed on exit together with every server started by
# start_server.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.

: "${PYTHON:=python3}"
: "${srcdir:=.}"

# Skip the test (exit status 77) unless each program is installed.  In
# CI, where scripts/setup.sh installs them all, a missing one is a
# failure instead.
requires ()
{
  for prog; do
    command -v "$prog" >/dev/null 2>&1 || cannot_run "$prog is not installed"
  done
}

# The test cannot run for the reason given: skip it, or fail in CI.
cannot_run ()
{
  if [ "${CI:-}" = true ]; then
    echo "$0: $1" >&2
    exit 1
  fi
  echo "$0: $1, skipping"
  exit 77
}

# Whether the library was built with TLS (config.h says, as configure
# found gnutls or not).
built_with_tls ()
{
  grep -q '^#define HAVE_GNUTLS 1' "$top_builddir/config.h"
}

# The same, saying if not that the checks named are skipped, as they
# cannot apply to the library.
library_has_tls ()
{
  built_with_tls && return 0
  echo "skipped, the library being built without TLS: $1"
  return 1
}

# Skip a test that is about TLS, in a library built without it (in CI,
# whose build has TLS, fail instead: these tests are what notice its
# loss).
requires_tls ()
{
  built_with_tls || cannot_run "the library was built without TLS"
}

tmp=$(mktemp -d)
server_pids=

cleanup ()
{
  status=$?
  for pid in $server_pids; do
    kill "$pid" 2>/dev/null || :
  done
  for pid in $server_pids; do
    wait "$pid" 2>/dev/null || :
  done
  rm -rf "$tmp"
  exit $status
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Run a server in the background; cleanup stops it.
start_server ()
{
  "$@" &
  server_pids="$server_pids $!"
}

# Whether qemu-nbd speaks extended headers, as it does from 8.2.
qemu_nbd_has_extended_headers ()
{
  set -- $(qemu-nbd --version |
             sed -n '1s/^qemu-nbd \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
  [ "$1" -gt 8 ] || { [ "$1" -eq 8 ] && [ "$2" -ge 2 ]; }
}

# Set reference_libnbd to the directory of libnbd 1.22's libnbd.so.0 as
# make check-conformance builds it (in the build tree or the source
# tree), or to nothing.
find_reference_libnbd ()
{
  reference_libnbd=
  for dir in "$top_builddir" "$top_srcdir"; do
    if [ -f "$dir/.conformance/reference/libnbd.so.0" ]; then
      reference_libnbd=$(cd "$dir/.conformance/reference" && pwd)
      return
    fi
  done
}

# Set debian_libnbd to the path of Debian's libnbd.so.0 (the libnbd0
# package), which some tests and the benchmark compare with ours; fail
# at once when it is not installed.
find_debian_libnbd ()
{
  debian_libnbd=$(dpkg-query -L libnbd0 2>/dev/null |
                    grep '/libnbd\.so\.0$' | head -n 1) || :
  if [ -z "$debian_libnbd" ] || [ ! -e "$debian_libnbd" ]; then
    echo "$0: Debian's libnbd.so.0 (package libnbd0) is not installed" >&2
    exit 1
  fi
}

# Wait until `test OP FILE` holds.  The limit only bounds a server that
# failed to start.
wait_until ()
{
  tries=0
  while ! test "$1" "$2"; do
    tries=$((tries + 1))
    if test $tries -gt 300; then
      echo "$0: timed out waiting for $2" >&2
      exit 1
    fi
    sleep 0.1
  done
}

# Remember a server that put itself in the background and writes its
# process id to the file.
adopt_server ()
{
  wait_until -s "$1"
  server_pids="$server_pids $(cat "$1")"
}

# Wait until the file (a socket, a port file) exists.  The servers
# publish it only once they accept connections, so this is the whole
# of the synchronisation.
wait_for ()
{
  wait_until -e "$1"
}

# socket_activate unix|tcp WHERE COMMAND...: start COMMAND by socket
# activation (see socket-activate.py) on a Unix socket at WHERE, or on
# a loopback TCP port whose number is written to the file WHERE, and
# wait until the socket listens.
socket_activate ()
{
  start_server "$PYTHON" "$srcdir/socket-activate.py" "$@"
  wait_for "$2"
}

# Wait until a server accepts connections on the Unix socket, for
# servers that create the socket some time before they listen on it.
wait_for_listener ()
{
  "$PYTHON" - "$1" <<'EOF'
import socket
import sys
import time

deadline = time.monotonic() + 30
while True:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(sys.argv[1])
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("timed out waiting for a listener on " + sys.argv[1])
        time.sleep(0.05)
    finally:
        sock.close()
EOF
}

# A port nothing uses now, on the given address.
free_port ()
{
  "$PYTHON" -c 'import socket, sys
s = socket.socket(socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET)
s.bind((sys.argv[1], 0))
print(s.getsockname()[1])' "$1"
}

# Wait until something accepts TCP connections at host $1, port $2.
wait_for_tcp ()
{
  "$PYTHON" - "$1" "$2" <<'EOF2'
import socket
import sys
import time

deadline = time.monotonic() + 30
while True:
    try:
        socket.create_connection((sys.argv[1], int(sys.argv[2]))).close()
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("timed out waiting for a listener on port " + sys.argv[2])
        time.sleep(0.05)
EOF2
}

# nbd_server NAME: nbd-server on the Unix socket $tmp/NAME.sock, with
# the rest of its configuration (more [generic] settings, then the
# exports) read from standard input.  Returns once it accepts
# connections; cleanup stops it.
nbd_server ()
{
  { printf '[generic]\nunixsock = %s\n' "$tmp/$1.sock"; cat; } \
    > "$tmp/$1.conf"
  # nbd-server puts itself in the background before it listens.
  nbd-server -C "$tmp/$1.conf" -p "$tmp/$1.pid"
  adopt_server "$tmp/$1.pid"
  wait_for_listener "$tmp/$1.sock"
}

# A CA named $2 (ca-cert.pem, ca-key.pem) in the directory $1.
make_ca ()
{
  mkdir -p "$1"
  certtool --generate-privkey --outfile "$1/ca-key.pem" 2>/dev/null
  printf 'cn = %s\nca\ncert_signing_key\nexpiration_days = 30\n' "$2" \
    > "$1/ca.info"
  certtool --generate-self-signed --load-privkey "$1/ca-key.pem" \
    --template "$1/ca.info" --outfile "$1/ca-cert.pem" 2>/dev/null
}

# A client certificate and key signed by the CA in $1, written to the
# directory $2 as client-cert.pem and client-key.pem, or as
# client-cert-$3.pem and client-key-$3.pem when $3 is given.
make_client_cert ()
{
  suffix=${3:+-$3}
  certtool --generate-privkey --outfile "$2/client-key$suffix.pem" \
    2>/dev/null
  printf 'cn = client\ntls_www_client\nencryption_key\nsigning_key\n' \
    > "$2/client.info"
  certtool --generate-certificate --load-ca-certificate "$1/ca-cert.pem" \
    --load-ca-privkey "$1/ca-key.pem" \
    --load-privkey "$2/client-key$suffix.pem" --template "$2/client.info" \
    --outfile "$2/client-cert$suffix.pem" 2>/dev/null
}

# A CA, and a server certificate it signed for localhost, in $1; the
# certificate's dates are the rest of the arguments (certtool template
# lines).
make_pki ()
{
  dir=$1
  shift
  make_ca "$dir" "Test CA"
  certtool --generate-privkey --outfile "$dir/server-key.pem" 2>/dev/null
  { printf 'cn = localhost\ndns_name = localhost\ntls_www_server\n'
    printf 'encryption_key\nsigning_key\n'
    for line; do echo "$line"; done; } > "$dir/server.info"
  certtool --generate-certificate --load-ca-certificate "$dir/ca-cert.pem" \
    --load-ca-privkey "$dir/ca-key.pem" \
    --load-privkey "$dir/server-key.pem" --template "$dir/server.info" \
    --outfile "$dir/server-cert.pem" 2>/dev/null
}
