"""The example programs of examples/, for the man pages: gen_man.py
lists them all in libnbd(3) and points the page of every call an example
illustrates at it, and docs/check-examples.sh checks that each program
exists and really calls what it is listed for.

One entry per program: (name, what it does, calls it illustrates).  The
name is the file name in examples/ without ".c".  The summary is a
phrase whose verb fits after the file name, as in "examples/NAME.c
lists ...".  Calls are named as in api.py, without the nbd_ prefix;
list the calls a reader would come to the program to see, not every
call it makes."""

EXAMPLES = [
    ("library-info",
     "prints the package name and version of the library and whether "
     "this build supports TLS, NBD URIs and AF_VSOCK",
     ["create", "get_package_name", "get_version", "supports_tls",
      "supports_uri", "supports_vsock"]),
    ("export-survey",
     "connects in option mode and, for each export the server lists, "
     "prints its meta contexts, its size and its flags",
     ["set_opt_mode", "opt_list", "set_export_name",
      "aio_opt_list_meta_context", "poll", "opt_info", "opt_abort",
      "get_protocol", "get_size", "is_read_only", "can_multi_conn"]),
]
