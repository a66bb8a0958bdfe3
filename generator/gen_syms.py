"""Emit lib/libnbd.syms, the linker version script: one node per libnbd
release that added calls, each inheriting from the one before."""

import api
from output import banner


def version_key(v):
    return tuple(int(x) for x in v.split("."))


def generate(version):
    del version  # the same for every release
    versions = sorted({c.since for c in api.CALLS}, key=version_key)
    out = [banner("#", "")]
    previous = None
    for v in versions:
        names = sorted(c.c_name for c in api.CALLS if c.since == v)
        out += ["", "LIBNBD_%s {" % v, "  global:"]
        out += ["    %s;" % n for n in names]
        if previous is None:
            out += ["  local: *;", "};"]
        else:
            out += ["} LIBNBD_%s;" % previous]
        previous = v
    return {"lib/libnbd.syms": "\n".join(out) + "\n"}
