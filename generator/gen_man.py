"""Emit docs/nbd_<call>.3 for every call and the docs/libnbd.3 overview,
in man(7) markup."""

import api
import examples
import overview
from apitypes import (
    ALL_STATES, STATE_LABELS, Buffer, Closure, EnumArg, FlagsArg,
)
from markup import render, inline, code_block, escape
from gen_header import callback_struct
from output import banner

DATE = "2026-11-24"

RETURNS = {
    "err": "Returns 0 on success, or \\-1 when the call fails.",
    "bool": "Returns 1 for true and 0 for false, or \\-1 when the call "
            "fails.",
    "int": "Returns a number that is zero or more, or \\-1 when the call "
           "fails.",
    "fd": "Returns a file descriptor, or \\-1 when the call fails.",
    "enum": "Returns one of the constants listed in DESCRIPTION, or \\-1 "
            "when the call fails.",
    "int64": "Returns a 64 bit number that is zero or more, or \\-1 when "
             "the call fails.",
    "cookie": "Returns the cookie that names this command, a 64 bit number "
              "of 1 or more that no other command on this handle shares, "
              "or \\-1 when the call fails.",
    "size": "Returns a count that is zero or more, or \\-1 when the call "
            "fails.",
    "flags": "Returns the current bitmask.",
    "counter": "Returns the counter's current value.",
    "uintptr": "Returns the stored value.",
    "direction": "Returns a bitmask made of "
                 "\\fBLIBNBD_AIO_DIRECTION_READ\\fR and "
                 "\\fBLIBNBD_AIO_DIRECTION_WRITE\\fR, or 0 when the handle "
                 "is not waiting on the socket.",
    "static_string": "Returns a string that belongs to the library: do not "
                     "free or change it.",
    "string": "Returns a string newly allocated for the caller, who must "
              "release it with \\fBfree\\fR(3), or NULL when the call "
              "fails.",
    "handle": "Returns the new handle, or NULL when it could not be made.",
    "void": "This function returns nothing.",
    "errno": "Returns the error number of the last failed call in this "
             "thread, or 0 when there was none.",
}


def header(name, summary, version):
    return [banner(".\\\"", ""),
            '.TH %s 3 "%s" "libnbd %s" "libnbd"' % (name.upper(), DATE,
                                                    version),
            ".SH NAME", "%s \\- %s" % (name, escape(summary))]


def callback_typedefs(call):
    out = []
    kinds = []
    for c in call.closures():
        if c.kind not in kinds:
            kinds.append(c.kind)
    for kind, params in api.CALLBACKS:
        if kind not in kinds:
            continue
        out += ["", "/* nbd_%s_callback: */" % kind]
        out += callback_struct(kind, params)
    return out


def synopsis(call):
    ret = call.ret.c_type
    sep = "" if ret.endswith("*") else " "
    params = call.c_params()
    lead = "%s%s\\fB%s\\fR (" % (ret, sep, call.c_name)
    width = len(ret) + len(sep) + len(call.c_name) + 2
    body = [lead + params[0] + ("," if len(params) > 1 else ");")]
    for i, p in enumerate(params[1:], 2):
        end = "," if i < len(params) else ");"
        body.append(" " * width + p + end)
    typedefs = callback_typedefs(call)
    return ([".SH SYNOPSIS", ".nf", "\\fB#include <libnbd.h>\\fR", ""]
            + body + typedefs + [".fi"])


def notes(call):
    """Sentences every page of a kind of call carries, from the facts."""
    out = []
    for a in call.args:
        if isinstance(a, Buffer) and a.persist:
            out += [".PP", "The buffer \\fI%s\\fR is used after this call "
                    "returns: keep it valid, and do not touch its contents, "
                    "until the command has completed." % a.name]
    if call.may_block:
        out += [".PP", "This call blocks: it returns only once the work is "
                "done or has failed."]
        twin = "aio_" + call.name
        if any(c.name == twin for c in api.CALLS):
            out.append("\\fBnbd_%s\\fR(3) does the same work without "
                       "waiting." % twin)
    return out


def returns(call):
    out = [".SH RETURN VALUE", ".PP", RETURNS[call.ret.kind]]
    if call.returns:
        out += render(call.returns)
    return out


def generic_errors(call):
    items = []
    pointers = [n for n in call.nonnull()]
    if pointers:
        items.append(("EFAULT", "A pointer argument that must not be NULL "
                      "was NULL: %s." % ", ".join("*%s*" % p
                                                  for p in pointers)))
    required = [a.name for a in call.args
                if isinstance(a, Closure) and not a.optional]
    if required:
        items.append(("EFAULT", "The callback function of %s was NULL."
                      % ", ".join("*%s*" % r for r in required)))
    for a in call.args:
        if isinstance(a, EnumArg):
            items.append(("EINVAL", "*%s* is not one of the known "
                          "values." % a.name))
        if isinstance(a, FlagsArg):
            items.append(("EINVAL", "*%s* has a bit set outside `%s`."
                          % (a.name, a.flagset.mask_name)))
    if call.states is not None and set(call.states) != set(ALL_STATES):
        if "created" not in call.states:
            items.append(("ENOTCONN", "The handle has not been connected "
                          "yet."))
        items.append(("EINVAL", "The handle is in a state in which this "
                      "call is not allowed (see HANDLE STATE)."))
    return items


def sentence(text):
    """Start with a capital and end with a full stop."""
    text = text.strip()
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def errors(call):
    out = [".SH ERRORS"]
    if not call.has_handle and call.name != "create":
        out += [".PP", "This call cannot fail."]
        return out
    if call.ret.error_value is None:
        out += [".PP", "Given a valid handle, this call cannot fail."]
        return out
    out += [".PP", "When the call fails, \\fBnbd_get_error\\fR(3) returns "
            "a message that starts with the call's name, and "
            "\\fBnbd_get_errno\\fR(3) returns the error number, which "
            "includes:"]
    for errno, when in generic_errors(call) + list(call.errors):
        out += [".TP", "\\fB%s\\fR" % errno, inline(sentence(when))]
    return out


def handle_state(call):
    out = [".SH HANDLE STATE", ".PP"]
    if call.states is None or not call.has_handle:
        return out + ["This call may be made in any state of the handle."]
    out.append("Whether the call is allowed, by the state of the handle:")
    for s in ALL_STATES:
        verdict = "allowed" if s in call.states else "refused"
        out += [".IP \\(bu 2", "%s: %s" % (STATE_LABELS[s], verdict)]
    return out


def version_section(call):
    macro = "LIBNBD_HAVE_%s" % call.c_name.upper()
    return [".SH VERSION", ".PP",
            "First provided by libnbd %s (symbol version LIBNBD_%s)."
            % (call.since, call.since),
            "A program can find out at compile time whether the header "
            "declares this call by testing for the macro:",
            ".PP", ".RS 4", ".nf", "#define %s 1" % macro, ".fi", ".RE"]


def see_also(names):
    refs = [inline(n) for n in names]
    return [".SH SEE ALSO", ",\n".join(refs) + "."]


def tidy(lines):
    """Drop a paragraph macro that directly follows a section heading,
    where man(7) already starts a paragraph."""
    out = []
    for line in lines:
        if line == ".PP" and out and out[-1].startswith(".SH"):
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def call_page(call, version, programs):
    out = header(call.c_name, call.summary, version)
    out += synopsis(call)
    out += [".SH DESCRIPTION"] + render(call.description) + notes(call)
    out += returns(call) + errors(call) + handle_state(call)
    out += version_section(call)
    if call.example:
        out += [".SH EXAMPLE"] + code_block(call.example) + programs
    elif programs:
        out += [".SH EXAMPLES"] + programs
    out += see_also(call.see_also or ["libnbd(3)"])
    return tidy(out)


def examples_by_call():
    """For each call name, the (program, summary) pairs of the examples
    listed for it in examples.py, refusing calls the API does not have."""
    known = {c.name for c in api.CALLS}
    table = {}
    for program, summary, calls in examples.EXAMPLES:
        for name in calls:
            if name not in known:
                raise ValueError("examples.py: %s lists %s, which is not a "
                                 "call in api/" % (program, name))
            table.setdefault(name, []).append((program, summary))
    return table


def example_programs(programs):
    """The paragraph pointing at the programs in examples/ that use a
    call, given as (program, summary) pairs, or nothing for none."""
    if len(programs) == 1:
        program, summary = programs[0]
        return [".PP", "The program \\fBexamples/%s.c\\fR in the source "
                "tree uses this call: it %s." % (program, escape(summary))]
    out = []
    if programs:
        out += [".PP", "These programs in the source tree use this call:"]
    for program, summary in programs:
        out += [".IP \\(bu 2", "\\fBexamples/%s.c\\fR %s."
                % (program, escape(summary))]
    return out


def call_groups():
    """overview.CALL_GROUPS with each name replaced by its call, after
    checking that every call of api/ is in exactly one group, so that
    a new call cannot be left out of libnbd(3)."""
    calls = {c.name: c for c in api.CALLS}
    seen = {}
    for title, names in overview.CALL_GROUPS:
        for name in names:
            if name not in calls:
                raise ValueError("overview.py: the group \"%s\" lists %s, "
                                 "which is not a call in api/"
                                 % (title, name))
            if name in seen:
                raise ValueError("overview.py: nbd_%s is in two groups, "
                                 "\"%s\" and \"%s\"; keep it in one"
                                 % (name, seen[name], title))
            seen[name] = title
    missing = [c.c_name for c in api.CALLS if c.name not in seen]
    if missing:
        raise ValueError("overview.py: add %s to a group of CALL_GROUPS, "
                         "so that libnbd(3) lists it" % ", ".join(missing))
    return [(title, [calls[n] for n in names])
            for title, names in overview.CALL_GROUPS]


def calls_section():
    out = [".SH CALLS", ".PP", "The calls of the library, grouped by "
           "purpose.  Each has a page of its own."]
    for title, calls in call_groups():
        out += [".SS %s" % title]
        for call in calls:
            out += [".TP", "\\fB%s\\fR(3)" % call.c_name,
                    escape(call.summary)]
    return out


def examples_section():
    out = [".SH EXAMPLES", ".PP", "The directory examples/ of the source "
           "tree holds small programs to copy from.  \\fBmake check\\fR "
           "builds and runs every one of them, so they keep working.  The "
           "page of each call that an example illustrates points at it."]
    for program, summary, _ in examples.EXAMPLES:
        out += [".TP", "\\fBexamples/%s.c\\fR" % program,
                sentence(escape(summary))]
    return out


def overview_page(version):
    out = header("libnbd", "client library for the Network Block Device "
                 "protocol", version)
    out += [".SH SYNOPSIS", ".nf", "\\fB#include <libnbd.h>\\fR", "",
            "cc prog.c -o prog -lnbd", ".fi"]
    for title, text in overview.SECTIONS:
        out += [".SH %s" % title] + render(text)
    out += calls_section() + examples_section()
    out += [".SH COMPATIBILITY"] + render(overview.COMPATIBILITY)
    out += see_also(["nbdinfo(1)", "nbdcopy(1)", "nbdsh(1)", "nbdkit(1)",
                     "qemu-nbd(8)"])
    return tidy(out)


def generate(version):
    by_call = examples_by_call()
    pages = {"docs/%s.3" % c.c_name:
             call_page(c, version,
                       example_programs(by_call.get(c.name, [])))
             for c in api.CALLS}
    pages["docs/libnbd.3"] = overview_page(version)
    return pages
