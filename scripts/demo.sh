#!/bin/sh
# The main job: survey a real NBD server with the library just built.
# nbdkit serves two exports on a private Unix socket for as long as the
# survey runs, then stops.
set -e
cd "$(dirname "$0")/.."
exec nbdkit -U - --filter=exportname memory 64M \
  exportname-list=explicit exportname=alpha exportname=beta \
  --run 'examples/export-survey "$unixsocket"'
