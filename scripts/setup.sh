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
  nbdkit qemu-utils nbd-server
  mandoc man-db valgrind
  libnbd-bin libnbd0 python3-libnbd abigail-tools openssh-client
  python3-dev jq iproute2 dpkg-dev
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

[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure
make -j"$(nproc)"
