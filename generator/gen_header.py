"""Emit include/libnbd.h, the public header, from the API table."""

import api
from output import banner, wrap_params


def flag_literal(value):
    return "0x%02xU" % value if value < 0x100 else "0x%xU" % value


def constants():
    out = []
    for e in api.ENUMS:
        out += ["#define %-40s %d" % (n, v) for n, v, _ in e.values]
        out.append("")
    for fs in api.FLAGSETS:
        out += ["#define %-40s %s" % (n, flag_literal(v))
                for n, v, _ in fs.flags]
        out.append("#define %-40s %s" % (fs.mask_name, flag_literal(fs.mask)))
        out.append("")
    out += ["#define %-40s %s" % (n, v) for n, v, _ in api.CONSTANTS]
    return out


def callback_struct(kind, params):
    """The typedef of one callback struct, as the header and the man
    pages show it."""
    return ["typedef struct {",
            wrap_params("  int (*callback)", ["void *user_data"] + params,
                        ";"),
            "  void *user_data;",
            "  void (*free) (void *user_data);",
            "} nbd_%s_callback;" % kind]


def callback_structs():
    out = ["typedef struct {", "  uint64_t length;", "  uint64_t flags;",
           "} nbd_extent;", ""]
    for kind, params in api.CALLBACKS:
        out += callback_struct(kind, params)
        out += ["#define LIBNBD_HAVE_NBD_%s_CALLBACK 1" % kind.upper(), ""]
    out += ["#define NBD_NULL_COMPLETION \\",
            "  ((nbd_completion_callback) { .callback = NULL, \\",
            "                               .user_data = NULL, \\",
            "                               .free = NULL })", ""]
    return out


def prototype(call):
    ret = call.ret.c_type
    sep = "" if ret.endswith("*") else " "
    params = call.c_params()
    decl = wrap_params("extern %s%s%s" % (ret, sep, call.c_name), params)
    nonnull = call.nonnull() if call.name != "close" else []
    positions = [str(i + 1) for i, p in enumerate(params)
                 if p.split()[-1].lstrip("*") in nonnull]
    if positions:
        decl += "\n    LIBNBD_ATTRIBUTE_NONNULL (%s)" % ", ".join(positions)
    return [decl + ";",
            "#define LIBNBD_HAVE_%s 1" % call.c_name.upper(), ""]


PREAMBLE = """\
#ifndef LIBNBD_H
#define LIBNBD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Pointer arguments that must not be NULL are marked so that the compiler
 * can warn.  Define LIBNBD_NO_NONNULL_ATTRIBUTE before including this
 * header to turn the marks off (the library itself does, because it checks
 * for NULL at run time).
 */
#if defined (__GNUC__) && __GNUC__ >= 4 && \\
  !defined (LIBNBD_NO_NONNULL_ATTRIBUTE)
#define LIBNBD_ATTRIBUTE_NONNULL(...) \\
  __attribute__ ((__nonnull__ (__VA_ARGS__)))
#else
#define LIBNBD_ATTRIBUTE_NONNULL(...)
#endif

struct nbd_handle;
"""

POSTAMBLE = """\
#ifdef __cplusplus
}
#endif

#endif /* LIBNBD_H */
"""


def generate(version):
    del version  # the same for every release
    out = [banner("/*", " */"), "", PREAMBLE]
    out += constants() + [""]
    out += callback_structs()
    for call in api.CALLS:
        out += prototype(call)
    out.append(POSTAMBLE)
    return {"include/libnbd.h": "\n".join(out)}
