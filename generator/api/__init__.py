"""The API table: every public call of the library, with the enums, flag
sets, constants and callback types the calls use.  Everything the public
header, the entry points, the version script and the man pages say about
a call comes from its entry here.

The calls live in one module per group of the list of calls in
libnbd(3) (overview.CALL_GROUPS), named for the group; constants.py
holds the enums, flag sets, constants and callback types, and shared.py
the errors and paragraphs that several calls share.  The example of a
call, if it has one, is a file of its own in examples/.

Documentation strings use a small markup that gen_man.py turns into
man(7): blank lines separate paragraphs; `code` is set in bold and *arg*
in italics; a line starting "- " begins a bullet item (indent its
continuation lines by two spaces); lines indented by four spaces are a
literal block; nbd_foo(3) style references are made bold."""

from . import (
    handles, connecting, subprocesses, uris, tls, handshake_settings,
    option_negotiation, meta_contexts, export_info, sync_commands,
    aio_commands, completion_polling, handle_state, request_checking, stats,
    errors_debugging, library_and_build,
)
from .constants import ENUMS, FLAGSETS, CONSTANTS, CALLBACKS

# The calls in the order of the groups of libnbd(3), which is the order
# include/libnbd.h declares them in and lib/api.c defines them.
CALLS = [call
         for module in (handles, connecting, subprocesses, uris, tls,
                        handshake_settings, option_negotiation,
                        meta_contexts, export_info, sync_commands,
                        aio_commands, completion_polling, handle_state,
                        request_checking, stats, errors_debugging,
                        library_and_build)
         for call in module.CALLS]
if len({c.name for c in CALLS}) != len(CALLS):
    raise ValueError("api/: a call is defined in two modules")

