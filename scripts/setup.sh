#!/bin/sh
# Prepare a Debian 12 machine to build and test the library, then build it.
# Safe to run again: apt-get skips what is installed, and configure is
# re-run only when the build tree has none yet.
set -e

cd "$(dirname "$0")/.."

PACKAGES="
  build-essential autoconf automake libtool pkg-config python3
  clang libclang-rt-14-dev gcc g++ make
  libgnutls28-dev gnutls-bin libxml2-dev
  nbdkit nbd-server
  mandoc man-db valgrind graphviz
  libnbd-bin libnbd0 python3-libnbd abigail-tools openssh-client
  python3-dev jq iproute2 dpkg-dev fio
"

missing=
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
    missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: need root to install:$missing" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends $missing
fi

# qemu-nbd from Debian 12 (7.2) does not speak extended headers; the
# one in bookworm-backports (10.x) does, and the tests of them need a
# real server that does.  The backports suite is added to apt's sources
# for that one package: apt never takes anything else from it unasked.
qemu_major=$(qemu-nbd --version 2>/dev/null |
               sed -n '1s/^qemu-nbd \([0-9]*\)\..*/\1/p')
if [ "${qemu_major:-0}" -lt 10 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: need root to install qemu-utils from bookworm-backports" >&2
    exit 1
  fi
  . /etc/os-release
  backports=/etc/apt/sources.list.d/$VERSION_CODENAME-backports.sources
  if ! grep -rqs "$VERSION_CODENAME-backports" /etc/apt/sources.list \
       /etc/apt/sources.list.d; then
    cat > "$backports" <<EOF
Types: deb
URIs: http://deb.debian.org/debian
Suites: $VERSION_CODENAME-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends \
    -t "$VERSION_CODENAME-backports" qemu-utils
fi

[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure
make -j"$(nproc)"
