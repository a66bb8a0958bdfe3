#!/bin/sh -
# Run export-description against nbdkit set up with and without a
# description and block size constraints, and check each detail it
# prints.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

# The URI names no export, so the server picks its default, "scratch",
# and says so through the canonical name.
out=$(nbdkit -U - --filter=exportname --filter=blocksize-policy memory 1M \
        default-export=scratch exportdesc=fixed:'a scratch disk' \
        blocksize-minimum=512 blocksize-preferred=4096 blocksize-maximum=64K \
        --run './export-description "$uri"')
echo "$out"
test "$out" = 'name: "scratch"
description: "a scratch disk"
size: 1048576
minimum block size: 512
preferred block size: 4096
maximum block size: 65536'

# Here the URI names the export, and the description depends on it.
# There are no block size constraints to report.
out=$(nbdkit -U - -e beta --filter=exportname memory 2M \
        exportdesc=script:'echo "disk $name"' \
        --run './export-description "$uri"')
echo "$out"
test "$out" = 'name: "beta"
description: "disk beta"
size: 2097152
minimum block size: not reported
preferred block size: not reported
maximum block size: not reported'

# Without the filter nbdkit has no description to send.
out=$(nbdkit -U - memory 1M --run './export-description "$uri"')
echo "$out"
echo "$out" | grep -qx 'description: not reported'
