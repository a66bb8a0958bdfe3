#!/bin/bash -
# Debian's own libnbd programs (nbdinfo, nbdcopy, nbddump, nbdsh and
# nbdkit's nbd plugin), built against the real libnbd, run on our
# library: each scenario runs once with the reference libnbd and once
# with ours first on the library path, the outputs must agree, and the
# dynamic loader must say ours was the one loaded.  The reference is
# libnbd 1.22 as make check-conformance builds it, or, before that has
# run, Debian's own libnbd0 (1.14).
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
. "$srcdir/functions.sh"
requires nbdkit nbdinfo nbdcopy nbddump nbdsh qemu-nbd qemu-img qemu-io \
  "$PYTHON"

ours=$(cd "$top_builddir/lib/.libs" && pwd)
find_reference_libnbd
reference=$reference_libnbd
# nbdsh is Python; Debian's bindings live with Debian's interpreter.
nbdsh="env PATH=/usr/bin:$PATH nbdsh"

# The scenarios' output is captured; this stays the test's own stderr.
exec 3>&2

# A library built with --enable-sanitizers needs the sanitizer runtime
# loaded first, which Debian's programs do not do for themselves.  Their
# own leaks (Python's, say) are not ours to report.
preload=
if [ -n "${SANITIZER_PRELOAD:-}" ]; then
  preload=$SANITIZER_PRELOAD
  export ASAN_OPTIONS=detect_leaks=0
fi

# Run "$@" with our library first on the path; fail unless the loader
# initialised ours and no other libnbd.
with_ours ()
{
  local status=0

  rm -f "$tmp"/ld.*
  LD_PRELOAD=$preload LD_LIBRARY_PATH=$ours LD_DEBUG=libs \
    LD_DEBUG_OUTPUT=$tmp/ld "$@" || status=$?
  grep -h 'calling init: .*libnbd\.so' "$tmp"/ld.* > "$tmp/loaded" || :
  if ! grep -q "calling init: $ours/libnbd.so.0" "$tmp/loaded" ||
     grep -v "$ours/" "$tmp/loaded" >&3; then
    echo "$0: our libnbd was not the one loaded: $*" >&3
    exit 1
  fi
  return $status
}

# The same scenario with the reference libnbd and with ours: same
# output.  Socket paths differ from run to run and are blanked out.
same ()
{
  LD_LIBRARY_PATH=$reference "$@" > "$tmp/theirs" 2>&1 ||
    echo "exit $?" >> "$tmp/theirs"
  with_ours "$@" > "$tmp/mine" 2>&1 || echo "exit $?" >> "$tmp/mine"
  sed -i 's,/tmp/[A-Za-z0-9._/-]*,PATH,g' "$tmp/theirs" "$tmp/mine"
  if ! diff -u "$tmp/theirs" "$tmp/mine"; then
    echo "$0: differs with our library: $*" >&2
    exit 1
  fi
}

serve ()
{
  nbdkit -U - --filter=exportname "$@" exportname=a exportname=b
}

# nbdinfo: every view of a server.
for args in "" --json --list "--list --json" --map "--map --totals" \
            --size --content "--can flush" "--can zero" "--is read-only" \
            "--is rotational" "--can multi-conn"; do
  same serve memory 1M --run "nbdinfo $args \"\$uri\"; echo status \$?"
done
same nbdkit -U - -r pattern 1M --run 'nbdinfo --content "$uri"'
# libnbd 1.14 does not ask for meta contexts without structured
# replies; 1.22 asks, as this library does.
if [ -n "$reference" ]; then
  same nbdkit -U - --no-sr memory 1M --run 'nbdinfo "$uri"'
fi
same nbdkit -U - --oldstyle memory 1M --run 'nbdinfo "$uri"'

# qemu-nbd's contexts through nbdinfo --map.
qemu-img create -q -f qcow2 "$tmp/disk.qcow2" 4M
qemu-io -f qcow2 -c 'write 1M 1M' "$tmp/disk.qcow2" >/dev/null
socket_activate unix "$tmp/q.sock" qemu-nbd --persistent --format=qcow2 \
  --allocation-depth "$tmp/disk.qcow2"
same nbdinfo --map "nbd+unix:///?socket=$tmp/q.sock"
same nbdinfo --map=qemu:allocation-depth "nbd+unix:///?socket=$tmp/q.sock"

# nbddump.
same nbdkit -U - pattern 64K --run 'nbddump "$uri"'

# nbdcopy between plugins, files and qemu-nbd, in both directions, with
# the data checked by checksum.
head -c 8M /dev/urandom > "$tmp/source"
sum=$(md5sum < "$tmp/source")
for opts in "" "--requests=4" "--connections=2" "--flush" "--allocated"; do
  rm -f "$tmp/copy"
  with_ours nbdkit -U - memory 8M --run "
    nbdcopy $opts '$tmp/source' \"\$uri\" &&
    nbdcopy $opts \"\$uri\" '$tmp/copy'"
  test "$(md5sum < "$tmp/copy")" = "$sum"
done
with_ours nbdkit -U - pattern 8M --run "nbdcopy \"\$uri\" '$tmp/pattern'"
nbdkit -U - pattern 8M --run "nbdcopy \"\$uri\" '$tmp/pattern.theirs'"
cmp "$tmp/pattern" "$tmp/pattern.theirs"
with_ours nbdkit -U - null 8M --run "nbdcopy \"\$uri\" '$tmp/null'"
cmp "$tmp/null" <(head -c 8M /dev/zero)
qemu-img create -q -f raw "$tmp/raw" 8M
socket_activate unix "$tmp/raw.sock" qemu-nbd --persistent --format=raw \
  "$tmp/raw"
with_ours nbdcopy "$tmp/source" "nbd+unix:///?socket=$tmp/raw.sock"
with_ours nbdcopy "nbd+unix:///?socket=$tmp/raw.sock" "$tmp/back"
test "$(md5sum < "$tmp/back")" = "$sum"

# CVE-2022-0485 (nbdcopy's silent data corruption): reads that the
# server fails must fail the copy, on Debian's library and on ours.
start_server nbdkit -U "$tmp/failing.sock" -f --filter=error pattern 8M \
  error-pread=EIO error-pread-rate=1
wait_for "$tmp/failing.sock"
for run in "" with_ours; do
  if $run nbdcopy "nbd+unix:///?socket=$tmp/failing.sock" "$tmp/failed" \
       2>/dev/null; then
    echo "$0: nbdcopy ${run:+on our library }copied failed reads" >&2
    exit 1
  fi
done

# nbdsh scripts: option mode, every kind of command, aio with
# callbacks, and the errors a script sees.
cat > "$tmp/options.py" <<'PY'
import os
import nbd
uri = os.environ["uri"]
h = nbd.NBD()
h.set_opt_mode(True)
h.connect_uri(uri)
names = []
h.opt_list(lambda name, desc: names.append(name))
print("exports", sorted(names))
contexts = []
h.opt_list_meta_context(lambda name: contexts.append(name))
print("contexts", contexts)
h.set_export_name("b")
h.opt_info()
print("size", h.get_size(), "read-only", h.is_read_only())
h.opt_abort()
PY
cat > "$tmp/commands.py" <<'PY'
import errno
import os
import nbd
h = nbd.NBD()
h.add_meta_context("base:allocation")
h.connect_uri(os.environ["uri"])
h.pwrite(b"x" * 4096, 0)
print(h.pread(8, 0))
h.zero(4096, 0)
print(h.pread(8, 0))
h.trim(4096, 8192)
h.flush()
extents = []
h.block_status(65536, 0,
               lambda ctx, off, ents, err: extents.append((ctx, ents)))
print(extents)
done = []
buf = nbd.Buffer(512)
cookie = h.aio_pread(buf, 0, lambda err: done.append(err) or 1)
while not done:
    h.poll(-1)
print("aio", done, h.aio_in_flight())
try:
    h.pread(512, 1 << 40)
except nbd.Error as e:
    print("error", e.errno == errno.EINVAL)
try:
    h.set_tls(99)
except nbd.Error as e:
    print("bad tls", e.errno)
h.shutdown()
print("closed", h.aio_is_closed())
PY
same serve memory 1M --run "uri=\"\$uri\" $nbdsh -c 'exec(open(\"$tmp/options.py\").read())'"
same nbdkit -U - memory 1M --run "uri=\"\$uri\" $nbdsh -c 'exec(open(\"$tmp/commands.py\").read())'"
same nbdkit -U - memory 1M --run "$nbdsh -u \"\$uri\" -c 'print(h.get_size(), h.get_protocol(), h.can_trim())'"

# nbdkit's nbd plugin, itself a libnbd program, proxying to nbdkit's
# memory disk; used through qemu-img and nbdcopy.  Not on a sanitizer
# build: nbdkit with the sanitizer runtime preloaded never finishes
# exiting (p11-kit's destructor waits on a glibc locale lock), with
# Debian's libnbd as with ours.  The plain build runs it.
if [ -z "$preload" ]; then
  start_server nbdkit -U "$tmp/back.sock" -f memory 8M
  wait_for "$tmp/back.sock"
  with_ours nbdkit -U - nbd socket="$tmp/back.sock" --run "
    qemu-img convert -n -O raw '$tmp/source' \"\$uri\" &&
    qemu-img info \"\$uri\" | grep -q 'virtual size: 8 MiB' &&
    nbdcopy \"\$uri\" '$tmp/proxied'"
  test "$(md5sum < "$tmp/proxied")" = "$sum"
else
  echo "$0: nbdkit's nbd plugin is left to the build without sanitizers"
fi
