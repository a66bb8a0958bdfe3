"""Emit lib/api.c: the public entry point of every call.  Each one checks
its arguments, locks the handle, checks the handle's state, traces entry
and exit when debugging is on, calls nbd_unlocked_<call>, and frees any
callback the implementation did not take, on every path."""

import api
from apitypes import (
    ALL_STATES, STATE_WORDS, Bool, Int, UInt32, UInt64, SizeT, UIntPtr, Fd,
    String, StringList, EnumArg, FlagsArg, Buffer, SockAddr, Closure,
)
from gen_unlocked import unlocked_args
from states import CALL_STATES
from output import banner, wrap_params

HEAD = """\
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Everything defined below is an entry point: export it.  The version
 * script decides under which version node.
 */
#pragma GCC visibility push(default)
"""


def trace_parts(arg):
    """printf format pieces and values describing one argument."""
    n = arg.name
    if isinstance(arg, Bool):
        return ["%s=%%s" % n], ['%s ? "true" : "false"' % n]
    if isinstance(arg, (Int, Fd, EnumArg)):
        return ["%s=%%d" % n], [n]
    if isinstance(arg, FlagsArg):
        return ["%s=0x%%\" PRIx32 \"" % n], [n]
    if isinstance(arg, UInt32):
        return ["%s=%%\" PRIu32 \"" % n], [n]
    if isinstance(arg, UInt64):
        return ["%s=%%\" PRIu64 \"" % n], [n]
    if isinstance(arg, SizeT):
        return ["%s=%%zu" % n], [n]
    if isinstance(arg, UIntPtr):
        return ["%s=%%\" PRIuPTR \"" % n], [n]
    if isinstance(arg, String):
        return ["%s=\\\"%%s\\\"" % n], ['%s ? %s : "(null)"' % (n, n)]
    if isinstance(arg, StringList):
        return ["%s=<list>" % n], []
    if isinstance(arg, Buffer):
        return ["%s=<buf> %s=%%zu" % (n, arg.count)], [arg.count]
    if isinstance(arg, SockAddr):
        return (["%s=<addr> %s=%%u" % (n, arg.length)],
                ["(unsigned) " + arg.length])
    if isinstance(arg, Closure):
        return ["%s=<fun>" % n], []
    raise TypeError(arg)


def trace_enter(call):
    fmts, vals = [], []
    for a in call.args:
        f, v = trace_parts(a)
        fmts += f
        vals += v
    fmt = "enter:" + "".join(" " + f for f in fmts)
    args = "".join(", " + v for v in vals)
    return ['  if (h->debug)',
            '    nbd_internal_debug (h, "%s", "%s"%s);'
            % (call.c_name, fmt, args)]


def trace_leave(call):
    r = call.ret
    name = call.c_name
    if r.kind == "void":
        return []
    if r.kind in ("string", "static_string"):
        shown = 'ret ? ret : "(null)"'
        fmt = '\\"%s\\"'
    elif r.kind == "handle":
        return []
    else:
        shown, fmt = "ret", r.format
    lines = ["  if (h->debug) {"]
    if r.error_value is not None:
        lines += ["    if (ret == %s)" % r.error_value,
                  '      nbd_internal_debug (h, "%s",' % name,
                  '                          "leave: error=\\"%s\\"",',
                  "                          nbd_get_error ());",
                  "    else"]
        indent = "      "
    else:
        indent = "    "
    lines += ['%snbd_internal_debug (h, "%s", "leave: ret=%s", %s);'
              % (indent, name, fmt, shown), "  }"]
    return lines


def state_check(call):
    if call.states is None or set(call.states) == set(ALL_STATES):
        return []
    tests = ["nbd_internal_is_state_%s (h->state)" % situation
             for s in call.states for situation in CALL_STATES[s]]
    words = [STATE_WORDS[s] for s in call.states]
    wanted = words[0] if len(words) == 1 else \
        "%s or %s" % (", ".join(words[:-1]), words[-1])
    return ["  if (!(%s)) {" % " ||\n        ".join(tests),
            '    nbd_internal_set_state_error (h, "%s");' % wanted,
            "    goto fail;",
            "  }"]


def clear_read_buffers(call):
    """A buffer the library would have filled is cleared when a check
    fails, as libnbd clears it before any check, so that a caller who
    ignores the error reads zeroes rather than stale data.  (The call
    itself clears it when the command fails, and a read that succeeds
    fills it all: see lib/aio-commands.c.)"""
    out = []
    for a in call.args:
        if isinstance(a, Buffer) and a.write:
            out += ["  if (h->pread_initialize && %s != NULL)" % a.name,
                    "    memset (%s, 0, %s);" % (a.name, a.count)]
    return out


def arg_checks(call):
    out = []
    for a in call.args:
        if isinstance(a, Closure):
            if not a.optional:
                out += ["  if (%s.callback == NULL) {" % a.name,
                        '    set_error (EINVAL, "%s: the callback function '
                        'must not be NULL");' % a.name,
                        "    goto fail;", "  }"]
            continue
        for n in a.nonnull():
            out += ["  if (%s == NULL) {" % n,
                    '    set_error (EFAULT, "%s: must not be NULL");' % n,
                    "    goto fail;", "  }"]
        if isinstance(a, EnumArg):
            tests = " && ".join("%s != %s" % (a.name, v)
                                for v, _, _ in a.enum.values)
            out += ["  if (%s) {" % tests,
                    '    set_error (EINVAL, "%s: %%d is not a known value",'
                    ' %s);' % (a.name, a.name),
                    "    goto fail;", "  }"]
        if isinstance(a, FlagsArg):
            test = "(%s & ~%s) != 0" % (a.name, a.flagset.mask_name)
            if a.flagset.strict_guarded:
                test = ("%s &&\n      ((h->strict & LIBNBD_STRICT_FLAGS) "
                        "|| %s > UINT16_MAX)" % (test, a.name))
            out += ["  if (%s) {" % test,
                    '    set_error (EINVAL, "%s: unknown flag bits 0x%%"'
                    ' PRIx32, %s & ~%s);'
                    % (a.name, a.name, a.flagset.mask_name),
                    "    goto fail;", "  }"]
    return out


def free_closures(call, indent="  "):
    return ["%sFREE_CALLBACK (%s);" % (indent, c.name)
            for c in call.closures()]


def null_handle_return(call):
    closures = free_closures(call, "    ")
    if call.name == "close":
        return ["  if (h == NULL)", "    return;"]
    lines = ["  if (h == NULL) {",
             '    set_error (EFAULT, "h: the handle must not be NULL");']
    lines += closures
    value = call.ret.error_value or "0"
    lines += ["    return %s;" % value, "  }"]
    return lines


def entry_point(call):
    ret = call.ret.c_type
    params = call.c_params()
    call_expr = "nbd_unlocked_%s (%s)" % (call.name,
                                         ", ".join(unlocked_args(call)))
    out = [ret, wrap_params(call.c_name, params), "{"]
    if ret != "void":
        out += ["  %s%sret;" % (ret, "" if ret.endswith("*") else " "), ""]
    if call.name not in ("get_error", "get_errno"):
        out.append('  nbd_internal_set_error_context ("%s");' % call.c_name)
    if not call.has_handle:
        out += ["  ret = %s;" % call_expr, "  return ret;", "}", ""]
        return out
    out += null_handle_return(call)
    if not call.locks:
        out += ["  %s;" % call_expr, "}", ""]
        return out
    out += ["", "  pthread_mutex_lock (&h->lock);"]
    out += trace_enter(call)
    checks = state_check(call) + arg_checks(call)
    out += checks
    assign = "ret = " if ret != "void" else ""
    out += ["  %s%s;" % (assign, call_expr)]
    if checks:
        out += [" out:"]
    out += trace_leave(call)
    out += free_closures(call)
    out += ["  pthread_mutex_unlock (&h->lock);", "  return ret;"]
    if checks:
        value = call.ret.error_value or "0"
        out += ["", " fail:"] + clear_read_buffers(call)
        out += ["  ret = %s;" % value, "  goto out;"]
    out += ["}", ""]
    return out


def generate(version):
    del version  # the same for every release
    out = [banner("/*", " */"), "", HEAD]
    for call in api.CALLS:
        out += entry_point(call)
    text = "\n".join(out).replace(' ""', "")
    return {"lib/api.c": text}
