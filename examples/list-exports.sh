#!/bin/sh -
# Run list-exports against servers that list several exports (some with
# a description), none at all, or refuse to list, and check what it
# prints in each case.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
set -e

# Give alpha and beta a description and leave gamma without one.
out=$(nbdkit -U - --filter=exportname memory 1M \
        exportname-list=explicit \
        exportname=alpha exportname=beta exportname=gamma \
        exportdesc='script:case $name in
                             alpha) echo "the first disk" ;;
                             beta) echo "scratch space, 1 MiB" ;;
                           esac' \
        --run './list-exports "$uri"')
echo "$out"
expected='"alpha": the first disk
"beta": scratch space, 1 MiB
"gamma"
3 exports'
test "$out" = "$expected"

out=$(nbdkit -U - --filter=exportname memory 1M exportname-list=empty \
        --run './list-exports "$uri"')
echo "$out"
test "$out" = '0 exports'

# A refusal must make the program fail and say which call failed.
if out=$(nbdkit -U - --filter=exportname memory 1M exportname-list=error \
           --run './list-exports "$uri" 2>&1'); then
  echo "$0: list-exports succeeded although the server refused" >&2
  exit 1
fi
echo "$out"
echo "$out" | grep -q '^list-exports: nbd_opt_list: '
