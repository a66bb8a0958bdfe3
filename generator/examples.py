"""The example programs of examples/, for the man pages: gen_man.py
lists them all in libnbd(3) and points the page of every call an example
illustrates at it, and docs/check-examples.sh checks that each program
exists and really calls what it is listed for.

One entry per program: (name, what it does, calls it illustrates).  The
name is the file name in examples/ without ".c".  The summary is a
phrase whose verb fits after the file name, as in "examples/NAME.c
lists ...".  Calls are named as in the API table (api/), without the
nbd_ prefix; list the calls a reader would come to the program to see,
not every call it makes."""

EXAMPLES = [
    ("library-info",
     "prints the package name and version of the library and whether "
     "this build supports TLS, NBD URIs and AF_VSOCK",
     ["create", "get_package_name", "get_version", "supports_tls",
      "supports_uri", "supports_vsock"]),
    ("export-survey",
     "probes a server in option mode: what the handshake settled, then "
     "for each export it lists, its meta contexts, size and flags",
     ["set_opt_mode", "opt_list", "set_export_name",
      "aio_opt_list_meta_context", "poll", "opt_info", "opt_abort",
      "get_protocol", "get_tls_negotiated",
      "get_structured_replies_negotiated",
      "get_extended_headers_negotiated", "get_size"]),
    ("list-exports",
     "lists the exports of a server, with their descriptions",
     ["set_opt_mode", "opt_list", "opt_abort"]),
    ("list-meta-contexts",
     "lists the meta contexts an export supports, all of them or those "
     "matching the queries given",
     ["opt_list_meta_context", "opt_list_meta_context_queries"]),
    ("export-description",
     "prints an export's description, canonical name, size and block "
     "size limits",
     ["set_full_info", "get_export_description",
      "get_canonical_export_name", "get_block_size"]),
    ("block-status-map",
     "prints the allocation map of an export: which ranges are data, "
     "zeroes or holes",
     ["add_meta_context", "can_meta_context", "block_status_64"]),
    ("aio-copy",
     "copies one export to another with a queue of asynchronous reads "
     "and writes, driving both handles from one poll() loop",
     ["aio_pread", "aio_pwrite", "aio_get_fd", "aio_get_direction",
      "aio_notify_read", "aio_notify_write", "flush"]),
    ("threaded-reads",
     "reads one export from several threads that share one handle",
     ["pread"]),
    ("poll-loop",
     "runs a handle from the program's own poll() loop, next to input "
     "of its own",
     ["aio_connect_uri", "aio_is_connecting", "aio_is_ready",
      "aio_get_fd", "aio_get_direction", "aio_notify_read",
      "aio_notify_write", "aio_pread", "aio_in_flight",
      "aio_disconnect", "aio_is_closed"]),
    ("tls-psk",
     "connects with TLS and a pre-shared key",
     ["set_tls", "set_tls_psk_file", "set_tls_username",
      "get_tls_negotiated"]),
    ("strict-mode",
     "shows how failed calls report errors, and which requests strict "
     "mode refuses before they reach the server",
     ["get_error", "get_errno", "set_strict_mode", "get_strict_mode"]),
]
