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

# The order in which include/libnbd.h declares the calls and lib/api.c
# and lib/unlocked.h define them.  A new call goes into the module of
# its group and into this list.
CALL_ORDER = [
    "close", "create", "get_error", "get_errno", "set_debug", "get_debug",
    "set_debug_callback", "clear_debug_callback", "stats_bytes_sent",
    "stats_chunks_sent", "stats_bytes_received", "stats_chunks_received",
    "set_handle_name", "get_handle_name", "set_private_data",
    "get_private_data", "get_handle_size", "set_export_name",
    "get_export_name", "set_request_block_size", "get_request_block_size",
    "set_full_info", "get_full_info", "get_canonical_export_name",
    "get_export_description", "set_tls", "get_tls", "get_tls_negotiated",
    "set_tls_certificates", "set_tls_verify_peer", "get_tls_verify_peer",
    "set_tls_username", "get_tls_username", "set_tls_hostname",
    "get_tls_hostname", "set_tls_priority", "get_tls_priority",
    "set_tls_psk_file", "set_request_extended_headers",
    "get_request_extended_headers", "get_extended_headers_negotiated",
    "set_request_structured_replies", "get_request_structured_replies",
    "get_structured_replies_negotiated", "set_request_meta_context",
    "get_request_meta_context", "set_handshake_flags", "get_handshake_flags",
    "set_pread_initialize", "get_pread_initialize", "set_strict_mode",
    "get_strict_mode", "set_opt_mode", "get_opt_mode", "opt_go", "opt_abort",
    "opt_starttls", "opt_extended_headers", "opt_structured_reply", "opt_list",
    "opt_info", "opt_list_meta_context", "opt_list_meta_context_queries",
    "opt_set_meta_context", "opt_set_meta_context_queries", "add_meta_context",
    "get_nr_meta_contexts", "get_meta_context", "clear_meta_contexts",
    "set_uri_allow_transports", "set_uri_allow_tls",
    "set_uri_allow_local_file", "set_uri_allow_tls_priority", "connect_uri",
    "connect_unix", "connect_vsock", "connect_tcp", "connect_socket",
    "connect_command", "connect_systemd_socket_activation",
    "set_socket_activation_name", "get_socket_activation_name", "is_read_only",
    "can_flush", "can_fua", "is_rotational", "can_trim", "can_zero",
    "can_fast_zero", "can_block_status_payload", "can_df", "can_multi_conn",
    "can_cache", "can_meta_context", "get_protocol", "get_size",
    "get_block_size", "pread", "pread_structured", "pwrite", "shutdown",
    "flush", "trim", "cache", "zero", "block_status", "block_status_64",
    "block_status_filter", "poll", "poll2", "aio_connect", "aio_connect_uri",
    "aio_connect_unix", "aio_connect_vsock", "aio_connect_tcp",
    "aio_connect_socket", "aio_connect_command",
    "aio_connect_systemd_socket_activation", "aio_opt_go", "aio_opt_abort",
    "aio_opt_starttls", "aio_opt_extended_headers", "aio_opt_structured_reply",
    "aio_opt_list", "aio_opt_info", "aio_opt_list_meta_context",
    "aio_opt_list_meta_context_queries", "aio_opt_set_meta_context",
    "aio_opt_set_meta_context_queries", "aio_pread", "aio_pread_structured",
    "aio_pwrite", "aio_disconnect", "aio_flush", "aio_trim", "aio_cache",
    "aio_zero", "aio_block_status", "aio_block_status_64",
    "aio_block_status_filter", "aio_get_fd", "aio_get_direction",
    "aio_notify_read", "aio_notify_write", "aio_is_created",
    "aio_is_connecting", "aio_is_negotiating", "aio_is_ready",
    "aio_is_processing", "aio_is_dead", "aio_is_closed",
    "aio_command_completed", "aio_peek_command_completed", "aio_in_flight",
    "connection_state", "get_package_name", "get_version", "get_version_extra",
    "kill_subprocess", "get_subprocess_pid", "supports_tls", "supports_vsock",
    "supports_uri", "get_uri", "is_uri",
]

_defined = [call
            for module in (handles, connecting, subprocesses, uris, tls,
                           handshake_settings, option_negotiation,
                           meta_contexts, export_info, sync_commands,
                           aio_commands, completion_polling, handle_state,
                           request_checking, stats, errors_debugging,
                           library_and_build)
            for call in module.CALLS]
if sorted(c.name for c in _defined) != sorted(CALL_ORDER):
    raise ValueError("api/__init__.py: CALL_ORDER must name every call of "
                     "the modules of api/ exactly once")
CALLS = sorted(_defined, key=lambda c: CALL_ORDER.index(c.name))
