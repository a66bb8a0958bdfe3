"""Emit lib/unlocked.h: the prototype of every nbd_unlocked_* function,
the hand-written implementation each entry point calls with the handle
locked and the arguments checked.  Callback structs are passed by pointer
so that an implementation can take ownership of one (it then clears the
struct, and the entry point has nothing left to free)."""

import api
from apitypes import Closure
from output import banner, wrap_params


def unlocked_params(call):
    params = ["struct nbd_handle *h"] if call.has_handle else []
    for a in call.args:
        if isinstance(a, Closure):
            params.append("nbd_%s_callback *%s" % (a.kind, a.name))
        else:
            params += a.c_params()
    return params or ["void"]


def unlocked_args(call):
    args = ["h"] if call.has_handle else []
    for a in call.args:
        if isinstance(a, Closure):
            args.append("&" + a.name)
        else:
            args += [p.split()[-1].lstrip("*") for p in a.c_params()]
    return args


def generate(version):
    del version  # the same for every release
    out = [banner("/*", " */"), "#ifndef NBD_UNLOCKED_H",
           "#define NBD_UNLOCKED_H", "", '#include "libnbd.h"', ""]
    for call in api.CALLS:
        ret = call.ret.c_type
        sep = "" if ret.endswith("*") else " "
        out.append(wrap_params("extern %s%snbd_unlocked_%s"
                               % (ret, sep, call.name),
                               unlocked_params(call), ";"))
    out += ["", "#endif /* NBD_UNLOCKED_H */", ""]
    return {"lib/unlocked.h": "\n".join(out)}
