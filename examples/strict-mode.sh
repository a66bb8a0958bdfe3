#!/bin/sh -
# Run strict-mode against a server with a 512 byte minimum block size
# whose last block cannot be read, and compare everything it prints:
# the state, bounds and alignment errors found by the library, and the
# errors the server sends back.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

nbdkit -U - --filter=blocksize-policy eval \
  blocksize-minimum=512 blocksize-error-policy=error \
  get_size='echo 1M' \
  pread='test $4 -lt 1048064 || { echo EIO bad block >&2; exit 1; }
         head -c $3 /dev/zero' \
  --run './strict-mode "$uri"' >"$dir/out"

# Backslash-newline joins lines, because the delimiter is not quoted.
cat >"$dir/expected" <<END
read before connecting: returned -1
  errno: 107 (Transport endpoint is not connected)
  message: nbd_pread: the handle is in state START, but this call needs \
it to be connected: Transport endpoint is not connected
export size: 1048576, minimum block size: 512
aligned read at 0: returned 0
read past the end: returned -1
  errno: 22 (Invalid argument)
  message: nbd_pread: the request (512 bytes at 1048576) goes past the \
end of the export (1048576 bytes): Invalid argument
unaligned read: returned -1
  errno: 22 (Invalid argument)
  message: nbd_pread: the request is not aligned to the server's \
minimum block size of 512: Invalid argument
unaligned read, not strict: returned -1
  errno: 22 (Invalid argument)
  message: nbd_pread: the server reported an error: Invalid argument
read of the last block: returned -1
  errno: 5 (Input/output error)
  message: nbd_pread: the server reported an error: Input/output error
aligned read at 0 again: returned 0
set export name when connected: returned -1
  errno: 22 (Invalid argument)
  message: nbd_set_export_name: the handle is in state READY, but this \
call needs it to be newly created or negotiating: Invalid argument
END
cat "$dir/out"
diff -u "$dir/expected" "$dir/out"
