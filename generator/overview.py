"""The text of the libnbd(3) overview page, in the markup described at the
top of api/__init__.py: SECTIONS, one (title, markup) pair per section;
CALL_GROUPS, which sorts every call into one group for the list of
calls; and COMPATIBILITY.  gen_man.py adds NAME, SYNOPSIS, the list of
calls, the list of example programs (from examples.py) and SEE ALSO
itself, and refuses to run while a call of api/ is in no group or in
more than one."""

SECTIONS = [
    ("DESCRIPTION", """
The Network Block Device (NBD) protocol lets a program use a disk, a
disk image or anything else that behaves like a block device over a
network connection or a local socket.  The server exports the device;
a client reads and writes blocks of it and asks about its properties.

This library is an NBD client.  It connects to a server over TCP, a
Unix domain socket, `AF_VSOCK`, a socket the caller provides or a
server it starts itself, negotiates the options of the protocol, and
then sends data commands: reads, writes, flushes, trims, zeroing,
prefetching and block status queries.  Every operation is available
as a simple blocking call, and most also have an asynchronous form
for programs that keep many requests in flight or run an event loop.

This page gives the overall picture: handles and their states, error
reporting, the two styles of calls, callbacks and completion, option
negotiation, meta contexts and block status, TLS, URIs, strict mode,
debugging and threads.  Each call has its own page, such as
nbd_create(3) or nbd_pread(3), listed by purpose under CALLS below.
EXAMPLES lists complete programs, and COMPATIBILITY tells how this
library relates to libnbd 1.24.

A complete program that connects to a server given by an NBD URI and
reads the first 512 bytes of the export looks like this:

    #include <err.h>
    #include <stdlib.h>
    #include <libnbd.h>

    int
    main (void)
    {
      struct nbd_handle *h;
      char buf[512];

      h = nbd_create ();
      if (h == NULL)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());

      if (nbd_connect_uri (h, "nbd://localhost/") == -1 ||
          nbd_pread (h, buf, sizeof buf, 0, 0) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());

      /* ... use the data in buf ... */

      if (nbd_shutdown (h, 0) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      nbd_close (h);
      return EXIT_SUCCESS;
    }

Link it with `-lnbd`, or take the compiler and linker flags from
pkg-config(1) with `pkg-config --cflags --libs libnbd`.  For every
call the header also defines a macro made of `LIBNBD_HAVE_` and the
call's name in capitals, such as `LIBNBD_HAVE_NBD_PREAD`, so that code
can test at compile time whether a call is available.
"""),

    ("HANDLES", """
Everything starts with a handle, made by nbd_create(3).  A handle
holds the configuration for, and later the state of, one connection
to one server.  It starts out unconnected, so that it can be
configured first: the export name (nbd_set_export_name(3)), TLS
(nbd_set_tls(3)), metadata contexts for block status
(nbd_add_meta_context(3)), option mode (nbd_set_opt_mode(3)) and so
on.  Then one of the connect calls, such as nbd_connect_tcp(3),
nbd_connect_unix(3) or nbd_connect_uri(3), makes the connection:

    struct nbd_handle *h = nbd_create ();

    if (h == NULL)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());
    if (nbd_set_handle_name (h, "backup") == -1 ||
        nbd_set_export_name (h, "disk0") == -1 ||
        nbd_connect_tcp (h, "server.example.com", "10809") == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());

    /* ... data commands ... */

    nbd_shutdown (h, 0);
    nbd_close (h);

A handle is used for a single connection only.  Once that connection
is over, whether it ended cleanly or failed, the handle cannot be
connected again; make a new one instead.  Several handles can be open
at once, to the same server or to different ones; for servers that
announce it with nbd_can_multi_conn(3), spreading requests over
several connections to the same export is safe.

Each handle has a name that appears in debugging messages.  It is
made up automatically (`nbd1`, `nbd2`, ...) and can be replaced with
nbd_set_handle_name(3).  A handle also carries one word of private
data for the application, see nbd_set_private_data(3).

When finished, release the handle with nbd_close(3).  It closes the
socket if it is still open, waits for a server subprocess started by
the handle to exit, and frees all memory, including the records of
commands that were never retired.  Passing NULL to nbd_close(3) does
nothing, which keeps clean-up code simple.  A polite way to end the
connection first is nbd_shutdown(3), which tells the server that the
client is leaving.
"""),

    ("ERROR HANDLING", """
Calls report failure through their return value: -1 for those that
return a number, NULL for those that return a pointer.  A few calls
cannot fail, and their pages say so.  After a failure, two calls
describe what went wrong:

- nbd_get_error(3) returns a message in English.  It always starts
  with the name of the call that failed, as in
  "nbd_pwrite: the export is read-only: Operation not permitted", so
  it can be printed as it is.
- nbd_get_errno(3) returns an errno value such as `EINVAL`, or 0 if
  the failure has no errno attached.  A 0 does not mean that the call
  succeeded.

Both read the most recent error of the calling thread, which the
library keeps in thread-local storage.  That is why they take no
handle, and why they also work when nbd_create(3) itself failed and
there is no handle at all.  Call them in the same thread, right after
the failing call: the next call into the library in that thread may
replace the error, and the message string stays valid only until
then, so copy it (for example with strdup(3)) if it is needed later.

For a command the server refused, the errno is the server's error
translated to the local errno value.  Errors the library detects
itself use a few values consistently across calls:

- `EINVAL`: an argument is out of range, a flag is unknown, or the
  handle is in a state that does not allow the call; also a request
  that reaches past the end of the export, has length 0, uses a
  command or flag the server did not announce, or breaks the server's
  block size constraints (see STRICT MODE).
- `EPERM`: a write, trim or zero request on a read-only export
  (refused by the library while `LIBNBD_STRICT_COMMANDS` is set).
- `ENOTCONN`: the call needs a connection and none has been made yet.
- `EFAULT`: a pointer argument that must not be NULL was NULL.  (A
  callback whose function is NULL gives `EINVAL` instead, as in
  libnbd.)  Avoid
  this: besides the error, compilers may warn about it or optimise on
  the assumption that it cannot happen.
- `ENOTSUP`: the feature is missing from this build (for example TLS
  or URI support) or was not negotiated with the server.
- `ERANGE`: a request is larger than the protocol or the server
  allows.
- `ENOMEM`: memory ran out.

The ERRORS section of each call's page lists the values that call
uses.  A program that wants to react to one cause in particular tests
the errno, and prints the message in any case:

    if (nbd_pwrite (h, buf, sizeof buf, offset, 0) == -1) {
      int err = nbd_get_errno ();

      fprintf (stderr, "%s\\n", nbd_get_error ());
      if (err == EPERM)
        fprintf (stderr, "try again with a writable export\\n");
      exit (EXIT_FAILURE);
    }
"""),

    ("HANDLE STATES", """
A handle is a state machine.  Its many internal states fall into
seven groups, and each group has a predicate that tells whether the
handle is in it.  The handle is always in exactly one group:

- created (nbd_aio_is_created(3)): made by nbd_create(3), with no
  connection requested yet.  Settings are made here.
- connecting (nbd_aio_is_connecting(3)): the socket is being opened,
  or the handshake and option negotiation are under way.
- negotiating (nbd_aio_is_negotiating(3)): only in option mode; the
  handshake has stopped so that the caller can pick the next option
  request.  See OPTION MODE.
- ready (nbd_aio_is_ready(3)): connected and in the transmission
  phase, with the library idle.  Commands may be in flight at the
  server.
- processing (nbd_aio_is_processing(3)): connected, and busy sending
  a request or receiving a reply.
- closed (nbd_aio_is_closed(3)): the connection was shut down
  cleanly.
- dead (nbd_aio_is_dead(3)): the connection failed.  The handle can
  only be closed.

One failure goes back to created instead of dead: a TCP connection,
by nbd_connect_tcp(3) or an `nbd:` URI, that no address of the server
accepted.  The handle can then try again, with the same server or
another.

Ready and processing together make up the connected, transmission
phase in which data commands are accepted.  Closed and dead are final:
no call brings the handle back from them.

Every call's page has a HANDLE STATE section listing the groups in
which it may be made.  A call made in any other state fails with
`EINVAL`, or with `ENOTCONN` if the handle simply has not been
connected yet.  For debugging, nbd_connection_state(3) gives the name
of the exact internal state, but programs should rely on the
predicates only.

The predicates matter most when connecting without blocking.  This
loop drives the handle until it has left the connecting state, then
checks where it ended up:

    if (nbd_aio_connect_unix (h, "/run/nbd.sock") == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());
    while (nbd_aio_is_connecting (h))
      if (nbd_poll (h, -1) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
    if (!nbd_aio_is_ready (h))
      errx (EXIT_FAILURE, "the handle is not ready to use");
"""),

    ("SYNCHRONOUS AND ASYNCHRONOUS CALLS", """
The library offers each operation in up to two styles, and the two can
be mixed freely on one handle.

Synchronous calls, such as nbd_connect_tcp(3), nbd_pread(3),
nbd_pwrite(3) or nbd_opt_list(3), do the whole job before they return:
they send the request, block the calling thread while waiting for the
server, and return the result.  They are the easiest to use.  They
run the same state machine as everything else, driving it with
nbd_poll(3) internally.

Asynchronous calls carry the prefix nbd_aio_ (nbd_aio_pread(3),
nbd_aio_connect(3), ...).  They start an operation and return at
once.  Data commands return a cookie, a positive 64 bit number that
identifies the command on this handle; it is never 0 and no other
command on the handle shares it.  The command then moves along
whenever the handle is driven, and ends in one of two ways:

- the program passes the cookie to nbd_aio_command_completed(3),
  which returns true once the command has succeeded, -1 if it failed,
  and false while it is still running; or
- the program supplied a completion callback, which the library calls
  when the command is over (see COMPLETION).

Reading one block without waiting, then waiting for it, looks like
this:

    char buf[4096];
    int64_t cookie;
    int r;

    cookie = nbd_aio_pread (h, buf, sizeof buf, 0, NBD_NULL_COMPLETION, 0);
    if (cookie == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());
    while ((r = nbd_aio_command_completed (h, cookie)) == 0)
      if (nbd_poll (h, -1) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
    if (r == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());

Any number of commands may be in flight on one connection, and the
server may answer them in any order.  Memory passed to an asynchronous
call, such as the buffer of nbd_aio_pread(3) or nbd_aio_pwrite(3),
must stay valid and untouched until the command has completed.
Avoid keeping a write-like command in flight together with another
command on overlapping bytes: a read may then see old data, new data
or a mix, and two overlapping writes may leave neither one intact.
The library queues any number of commands, so a program
should limit how many it keeps outstanding itself; a few dozen per
connection is a reasonable start.  nbd_aio_in_flight(3) counts them.

Something has to drive the handle for asynchronous commands to make
progress.  The simplest way is to call nbd_poll(3) (or nbd_poll2(3),
which also watches one extra descriptor of the caller) in a loop until
the command is done.  A program with its own event loop instead gets
the socket from nbd_aio_get_fd(3), asks nbd_aio_get_direction(3)
whether to wait for it to become readable or writable, and after the
event calls nbd_aio_notify_read(3) or nbd_aio_notify_write(3); the
page of nbd_aio_get_fd(3) has a complete example.  Connecting
asynchronously works the same way: start with nbd_aio_connect(3) or a
similar call and drive the handle until nbd_aio_is_connecting(3)
turns false.
"""),

    ("CALLBACKS", """
Some calls take functions that the library calls back later: the
completion callback of the nbd_aio_ calls, the extent callback of the
block status calls, the chunk callback of nbd_pread_structured(3),
list callbacks in option negotiation, and the debug callback.  In C,
each is passed as a small structure, by value, with three members:

- `callback`: the function itself.  Its first parameter is always the
  `user_data` pointer.
- `user_data`: a pointer that the library hands back to `callback`
  and `free` untouched, for the caller's own state.
- `free`: an optional function that the library calls with
  `user_data` when it no longer needs the callback.

For example, a completion callback with its own data could be passed
as:

    nbd_aio_pread (h, buf, sizeof buf, offset,
                   (nbd_completion_callback) {
                     .callback = read_done,
                     .user_data = state,
                     .free = free_state,
                   },
                   0);

The `free` function, when given, is called exactly once, at the point
where the library knows the callback cannot be called again, however
many times it ran, and even if it never ran.  That includes the case
where the call that took the callback failed, so it is the one safe
place to release `user_data`.  A structure with a NULL `callback` but
a non-NULL `free` is allowed: the callback is skipped, but `free`
still runs when the command is over, which is handy for tidying up
after a command.  Where a callback is optional, the header also
provides ready-made empty values such as `NBD_NULL_COMPLETION`.

When one command has several callbacks, the mid-command callback
(extent or chunk) is reached first, as often as the replies call for
it, and the completion callback after it.  Then come the free
functions: the mid-command callback's first, the completion
callback's last.  So a completion callback may still use data it
shares with the mid-command callback.

Callbacks run inside the library, with the handle locked, from
whichever call is driving the handle at the moment: nbd_poll(3),
nbd_aio_notify_read(3), a synchronous call, and so on.  This can even
happen before the asynchronous call that registered the callback has
returned.  A callback must therefore not call any function on the
same handle; doing so would deadlock.  Calls on other handles are
allowed.

Mid-command and completion callbacks receive a parameter `error`, a
pointer to the errno of any failure seen in the command so far (0 if
none).  A mid-command callback can make the whole command fail by
returning -1; before that it may store an errno value through `error`
to choose the error reported.  Storing into `error` has no effect when
the callback returns anything else.  A mid-command callback may be
reached several times, or never, for example when the server fails
the command or the request was refused before being sent.

Completion callbacks have rules of their own, described next.
"""),

    ("COMPLETION", """
A data command started with an nbd_aio_ call is over once its last
reply has arrived, or once the library knows none will come, for
example because the connection died.  It then waits to be retired:
until that happens the handle keeps a record of it, with its result.
There are two ways to retire a command.

The first is to ask.  nbd_aio_command_completed(3) takes the cookie
and returns 0 while the command is still running.  Once it is over,
the call retires it and returns 1 if it succeeded, or -1 with the
command's error if it failed; after that the cookie is unknown to the
handle.  nbd_aio_peek_command_completed(3) returns the cookie of some
command that is over but not yet retired, which is handy when many
are in flight.

The second is a completion callback, given to the nbd_aio_ call:

- It is called only if the nbd_aio_ call that registered it returned
  success; then it is called exactly once, when the command is over.
  If that call failed, there was no command and the completion
  callback is not called, although its `free` function is.
- It must look at the integer `error` points to.  When that is not 0
  the command failed, and for example the contents of a read buffer
  are undefined.
- If it returns 1, the command is retired on the spot (auto-retirement)
  and nbd_aio_command_completed(3) no longer knows the cookie.  With
  any other return value the command waits to be retired by
  nbd_aio_command_completed(3).  A program that relies on
  auto-retirement should return 1 on every path, errors included: a
  command that is never retired keeps its memory until nbd_close(3).

With auto-retirement, a program can keep a number of reads in flight
and never look at a cookie.  nbd_aio_in_flight(3) counts commands that
are not over yet, so a loop on it runs until the last callback has
been called:

    struct request {
      uint64_t offset;
      size_t size;
      char buf[65536];         /* in the struct: one free() for all */
    };

    static int
    read_done (void *user_data, int *error)
    {
      struct request *req = user_data;

      if (*error != 0)
        fprintf (stderr, "read at %" PRIu64 " failed: %s\\n",
                 req->offset, strerror (*error));
      else
        consume (req);
      return 1;                /* retire the command now */
    }

    /* For each request: */
    if (nbd_aio_pread (h, req->buf, req->size, req->offset,
                       (nbd_completion_callback) {
                         .callback = read_done,
                         .user_data = req,
                         .free = free,
                       },
                       0) == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());

    /* Then drive the handle until every read is over. */
    while (nbd_aio_in_flight (h) > 0)
      if (nbd_poll (h, -1) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());

The library calls `free` on `req` after read_done, or at once if
nbd_aio_pread(3) fails, so the request must not be used after a failed
call.
"""),

    ("OPTION MODE", """
Between opening the socket and exchanging data, an NBD client and a
newstyle server go through a negotiation in which the client sends
options: choosing the export, turning on TLS, extended headers or
structured replies, selecting metadata contexts, and so on.  By
default the library carries out the whole negotiation itself, using
the settings made on the handle before connecting, and the connect
call returns only when the handle is ready for data commands or has
failed.

Calling nbd_set_opt_mode(3) with true before connecting hands part of
that negotiation to the program.  The connect call then stops in the
negotiating state (nbd_aio_is_negotiating(3)), and the program sends
options itself, one at a time, with calls such as:

- nbd_opt_list(3): ask the server which exports it offers.
- nbd_opt_info(3): ask about one export (size, flags, block sizes)
  without entering it.
- nbd_opt_list_meta_context(3) and nbd_opt_set_meta_context(3): find
  out about, or select, metadata contexts.
- nbd_opt_starttls(3), nbd_opt_extended_headers(3) and
  nbd_opt_structured_reply(3): request those features by hand.
- nbd_opt_go(3): enter the chosen export and move on to the
  transmission phase.
- nbd_opt_abort(3): end the connection without using any export.

Settings that are normally fixed before connecting, such as the export
name, may be changed while negotiating.  The protocol allows only one
option request at a time, so there are no cookies; the asynchronous
forms (nbd_aio_opt_list(3) and so on) are over when the handle leaves
the connecting state again.  If nbd_opt_go(3) fails but the
connection survives, the handle returns to the negotiating state and
another export can be tried.

Even in option mode the library first tries TLS (as set by
nbd_set_tls(3)), extended headers and structured replies on its own
before handing over control.  A program that wants to handle those
steps too should turn them off beforehand, with nbd_set_tls(3) set to
`LIBNBD_TLS_DISABLE` and with nbd_set_request_extended_headers(3) and
nbd_set_request_structured_replies(3) set to false.  Oldstyle servers
do not negotiate at all, so with them the handle goes straight to the
ready state and option mode has no effect.

This fragment lists the exports of a server, then enters one of them:

    static int
    print_export (void *user_data, const char *name,
                  const char *description)
    {
      printf ("%s\\t%s\\n", name, description);
      return 0;
    }

    if (nbd_set_opt_mode (h, true) == -1 ||
        nbd_connect_unix (h, "/run/nbd.sock") == -1 ||
        nbd_opt_list (h, (nbd_list_callback) {
                             .callback = print_export }) == -1 ||
        nbd_set_export_name (h, "disk0") == -1 ||
        nbd_opt_go (h) == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());
"""),

    ("META CONTEXTS AND BLOCK STATUS", """
Besides data, a server can describe the export: which parts are holes,
which read as zeroes, which changed since a snapshot.  The protocol
calls each such kind of description a metadata context (meta context
for short), with a name such as `base:allocation`, which every server
that supports block status offers, or `qemu:dirty-bitmap:NAME`, which
qemu-nbd(8) offers for its dirty bitmaps.  The header defines
`LIBNBD_CONTEXT_BASE_ALLOCATION` and similar constants for the names
that are well known.

Meta contexts are negotiated during the handshake, and need structured
replies or extended headers, which the library asks for by default.
Before connecting, register the names wanted with
nbd_add_meta_context(3); the connect call (or, in option mode,
nbd_opt_go(3)) then asks the server for them.  Afterwards
nbd_can_meta_context(3) tells which ones the server agreed to, since a
server silently leaves out the names it does not know.  In option mode,
nbd_opt_list_meta_context(3) asks the server what it offers without
selecting anything, and nbd_opt_set_meta_context(3) selects the
registered names at a time of the program's choosing.

A block status request, nbd_block_status_64(3) or its asynchronous form
nbd_aio_block_status_64(3), asks about a range of the export.  The
server answers with a list of extents for each negotiated context: runs
of bytes that share the same status bits.  The library passes each
list to an extent callback, with the offset where the first extent
starts.  For `base:allocation` the bits are `LIBNBD_STATE_HOLE` and
`LIBNBD_STATE_ZERO`.  The server may describe less than was asked, so
a program that wants a map of the whole export loops, starting each
request where the previous answer ended.  nbd_block_status(3) is the
older form with 32 bit extents; nbd_block_status_filter(3) asks about
only some of the negotiated contexts, where the server allows it
(nbd_can_block_status_payload(3)).

    static int
    print_extents (void *user_data, const char *metacontext,
                   uint64_t offset, nbd_extent *entries,
                   size_t nr_entries, int *error)
    {
      size_t i;

      if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) != 0)
        return 0;
      for (i = 0; i < nr_entries; i++) {
        printf ("%" PRIu64 " +%" PRIu64 " %s\\n",
                offset, entries[i].length,
                entries[i].flags & LIBNBD_STATE_HOLE ? "hole" : "data");
        offset += entries[i].length;
      }
      return 0;
    }

    int64_t size;

    /* Before connecting: */
    nbd_add_meta_context (h, LIBNBD_CONTEXT_BASE_ALLOCATION);

    /* Once connected: ask about the first GiB at most, since a
       server without extended headers takes no more than 4 GiB
       less a byte per request. */
    if (nbd_can_meta_context (h, LIBNBD_CONTEXT_BASE_ALLOCATION) != 1)
      errx (EXIT_FAILURE, "the server does not report allocation");
    size = nbd_get_size (h);
    if (size == -1 ||
        nbd_block_status_64 (h, size < (1 << 30) ? size : (1 << 30), 0,
                             (nbd_extent64_callback) {
                               .callback = print_extents },
                             0) == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());

examples/block-status-map.c walks a whole export this way.
"""),

    ("TLS", """
The library can protect a connection with TLS, which encrypts the
traffic and authenticates the server and, if the server asks for it,
the client.  TLS is off unless requested, for the widest
compatibility; nbd_supports_tls(3) tells whether this build can use
it at all.  Set the policy with nbd_set_tls(3) before connecting:

- `LIBNBD_TLS_DISABLE`: plain text only (the default).
- `LIBNBD_TLS_ALLOW`: use TLS when the server offers it and carry on
  unencrypted otherwise.  nbd_get_tls_negotiated(3) tells afterwards
  what happened.  An attacker between client and server can force the
  unencrypted path, so do not use this where that matters.
- `LIBNBD_TLS_REQUIRE`: use TLS, and fail the connection if it cannot
  be set up.

The peers can prove who they are in two ways:

- X.509 certificates.  nbd_set_tls_certificates(3) names a directory
  with the CA certificate and, for client authentication, the
  client's own certificate and key (client-cert.pem and
  client-key.pem, and more pairs numbered client-cert-0.pem,
  client-cert-1.pem ..., of which gnutls presents the one the server
  can accept).  When no directory was set, the library looks in
  /etc/pki/libnbd for root, and in $HOME/.pki/libnbd or
  $HOME/.config/pki/libnbd for other users; if none of them exists,
  the server's certificate is checked against the certificate
  authorities the system trusts.  nbd_set_tls_verify_peer(3)
  controls whether the server's identity is verified, and
  nbd_set_tls_hostname(3) sets the name to verify it against when it
  differs from the one connected to, as with a proxy.
- Pre-shared keys (PSK).  nbd_set_tls_psk_file(3) names a file of
  username:key lines, as made by psktool(1), and
  nbd_set_tls_username(3) picks the user, which otherwise is the
  local login name.  Keys are simpler to set up than certificates,
  but need a safe way to be handed out.

Which protocol versions, ciphers and key exchanges are offered follows
a gnutls priority string, `NORMAL` unless the library was configured
otherwise; nbd_set_tls_priority(3) replaces it for one handle.

A URI with a scheme such as nbds: turns TLS on by itself, see URIS.
Connecting with a pre-shared key looks like this:

    if (nbd_set_tls (h, LIBNBD_TLS_REQUIRE) == -1 ||
        nbd_set_tls_psk_file (h, "/etc/nbd/keys.psk") == -1 ||
        nbd_set_tls_username (h, "alice") == -1 ||
        nbd_connect_tcp (h, "server.example.com", "10809") == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());
"""),

    ("URIS", """
An NBD URI names a server, the way to reach it and the export in a
single string, following the NBD URI specification.  nbd_connect_uri(3)
and nbd_aio_connect_uri(3) parse such a string, apply the export name,
TLS and other settings it carries to the handle, and connect.  Some
examples:

    nbd://example.com/
    nbds://example.com:10809/disk
    nbd+unix:///disk?socket=/run/nbd.sock
    nbd+vsock://2/
    nbd+ssh://user@server/disk

The scheme picks the transport: nbd: and nbds: for TCP (port 10809
unless one is given), nbd+unix: and nbds+unix: for a Unix domain
socket named by the socket= query parameter, nbd+vsock: and
nbds+vsock: for `AF_VSOCK`, where the host part is the numeric CID,
and nbd+ssh: and nbds+ssh: for a tunnel through ssh(1).  The forms
with nbds require TLS; the others leave the TLS setting as the program
chose it, so a URI can raise it but never lower it.  The path, without its leading slash, is the
export name.  Query parameters can also set TLS details, such as
tls-certificates=, tls-psk-file=, tls-hostname=, tls-username=,
tls-priority= and tls-verify-peer=false, and nbd-port= the server's
port.  For ssh the user and port of the authority are ssh's own, and
compress=true compresses the tunnel.

URIs often come from users, so a program can limit what they may do
before connecting: nbd_set_uri_allow_transports(3) restricts the
transports, nbd_set_uri_allow_tls(3) forbids or requires TLS,
nbd_set_uri_allow_tls_priority(3) decides whether a URI may set the TLS
priority string, and nbd_set_uri_allow_local_file(3) decides whether a
URI may point at files on the local machine, such as a PSK file; both
are refused by default.  Use these controls rather than trying to filter URIs by
hand.  For example, to accept only encrypted TCP connections from a
URI given on the command line:

    if (nbd_set_uri_allow_transports (h,
                                      LIBNBD_ALLOW_TRANSPORT_TCP) == -1 ||
        nbd_set_uri_allow_tls (h, LIBNBD_TLS_REQUIRE) == -1 ||
        nbd_connect_uri (h, argv[1]) == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());

nbd_get_uri(3) does the reverse and builds a URI from a connected
handle; nbd_is_uri(3) guesses whether a string is meant as a URI at
all.  URI support is an optional part of a build, which
nbd_supports_uri(3) reports; without it the URI calls fail with
`ENOTSUP`.
"""),

    ("STRICT MODE", """
Some requests make no sense for a given server, or have undefined
results under the protocol: writing to a read-only export, using a
command or flag the server did not announce, reaching past the end of
the export, sending a request of length 0, ignoring the server's
minimum block size, or sending a payload larger than the server takes.
By default the library refuses such requests itself, before anything
goes over the network, and the call fails at once.  For an
asynchronous call this means no cookie and no completion callback,
although the free functions of its callbacks still run.

nbd_set_strict_mode(3) chooses which of these checks are made, with
one bit per family of checks (`LIBNBD_STRICT_COMMANDS`,
`LIBNBD_STRICT_FLAGS`, `LIBNBD_STRICT_BOUNDS`,
`LIBNBD_STRICT_ZERO_SIZE`, `LIBNBD_STRICT_ALIGN`,
`LIBNBD_STRICT_PAYLOAD` and `LIBNBD_STRICT_AUTO_FLAG`).  Turning
checks off lets such requests through to the server, which is mainly
of use for testing how servers cope with them; the server may then
reject the request, misbehave or drop the connection.  Some limits
stay regardless, such as command flags that do not fit in the
protocol's 16 bits.

Later versions may add checks and turn them on by default.  To switch
off a single check, read the current mask with nbd_get_strict_mode(3),
clear the one bit, and set the result, instead of setting a fixed
value:

    uint32_t checks = nbd_get_strict_mode (h);

    /* Let requests of length 0 through to the server. */
    if (nbd_set_strict_mode (h, checks & ~LIBNBD_STRICT_ZERO_SIZE) == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());

A request refused by a check fails with `EINVAL`, `EPERM` or `ERANGE`
(see ERROR HANDLING), and the message says which rule it broke.
"""),

    ("DEBUGGING", """
The library can describe in detail what it does: each call with its
arguments and result, the state changes of the handle, and the
messages it exchanges with the server.  This is off by default.  Turn
it on for one handle with nbd_set_debug(3), or for every handle a
program creates by setting the environment variable `LIBNBD_DEBUG` to
1 before running it:

    LIBNBD_DEBUG=1 ./prog

Debug messages go to standard error, each tagged with the handle's
name (see nbd_set_handle_name(3)).  To send them elsewhere, such as a
logging system, install a function with nbd_set_debug_callback(3); it
receives the name of the library function the message comes from and
the message text.  Like all callbacks it runs with the handle locked
and must not call functions on the same handle.
nbd_clear_debug_callback(3) goes back to standard error.  A callback
receives messages only while debugging is on:

    static int
    log_debug (void *user_data, const char *context, const char *msg)
    {
      syslog (LOG_DEBUG, "%s: %s", context, msg);
      return 0;
    }

    if (nbd_set_debug_callback (h, (nbd_debug_callback) {
                                  .callback = log_debug }) == -1 ||
        nbd_set_debug (h, true) == -1)
      errx (EXIT_FAILURE, "%s", nbd_get_error ());

Other aids to debugging are nbd_connection_state(3), which names the
handle's current internal state, and the counters of bytes and
protocol chunks exchanged, read with nbd_stats_bytes_sent(3),
nbd_stats_bytes_received(3), nbd_stats_chunks_sent(3) and
nbd_stats_chunks_received(3).
"""),

    ("THREADS", """
The library never starts threads of its own, but it can be used from
several threads.  Every call on a handle is atomic with respect to
other calls on the same handle: it either holds the handle's lock
while it runs or reads the fields it needs atomically.  Any thread may
therefore issue commands on a shared handle.

A synchronous command, such as nbd_pread(3), does not keep the lock
while it waits for the server.  Several threads can therefore each make
synchronous calls on one shared handle, and all their commands are in
flight at the same time: one thread polls the socket while the others
sleep, each until its own command is over.  This is the simplest way to
overlap requests:

    struct job {
      struct nbd_handle *h;
      char buf[65536];
      uint64_t offset;
    };

    static void *
    read_job (void *arg)
    {
      struct job *job = arg;

      if (nbd_pread (job->h, job->buf, sizeof job->buf,
                     job->offset, 0) == -1)
        fprintf (stderr, "%s\\n", nbd_get_error ());
      return NULL;
    }

    /* Four threads, one handle. */
    for (i = 0; i < 4; i++) {
      jobs[i].h = h;
      jobs[i].offset = i * sizeof jobs[i].buf;
      errno = pthread_create (&threads[i], NULL, read_job, &jobs[i]);
      if (errno != 0)
        err (EXIT_FAILURE, "pthread_create");
    }
    for (i = 0; i < 4; i++) {
      errno = pthread_join (threads[i], NULL);
      if (errno != 0)
        err (EXIT_FAILURE, "pthread_join");
    }

Asynchronous calls and nbd_poll(3) mix with this freely.  The other
way to spread work is several connections, one handle each, when the
server allows it (nbd_can_multi_conn(3)).

The synchronous calls that connect, negotiate options (the nbd_opt_*
calls) and shut down (nbd_shutdown(3)) keep the lock until they
return, as libnbd does for every call: another thread's call on the
same handle, if it takes the lock, waits until they are over.

A program that waits on the socket in its own event loop, rather than
in nbd_poll(3) or a synchronous call, must be woken when another thread
issues a command, since the events to wait for may change (see
nbd_aio_get_direction(3)).  Watching an extra descriptor, such as an
eventfd(2) or a pipe, with nbd_poll2(3) or in the loop itself is one
way to achieve this.

Error messages are kept per thread (see ERROR HANDLING), so each
thread sees the errors of its own calls only.  Callbacks run in the
thread that happens to be driving the handle, which is not
necessarily the one that registered them.  nbd_close(3) must not be
called while another thread may still be using the same handle.

The library does not install signal handlers.  Where the platform
allows, it writes to sockets in a way that does not raise `SIGPIPE`;
on platforms where it cannot, the program may want to ignore that
signal.
"""),

    ("ENVIRONMENT VARIABLES", """
- `HOME`: used to find the default TLS certificate directory of a
  user other than root (see nbd_set_tls_certificates(3)).
- `LIBNBD_DEBUG`: when it is exactly 1 at the time a handle is
  created, debugging starts out enabled on that handle (see
  DEBUGGING and nbd_set_debug(3)).
- `LIBNBD_URI_STRICT`: when it is exactly 1 at the time a handle is
  created, that handle refuses URIs with parts that would otherwise
  be ignored (see nbd_connect_uri(3)).
- `LOGNAME`: the default TLS username for PSK authentication (see
  nbd_set_tls_username(3)).
"""),
]

# The list of calls in libnbd(3), by purpose: (title, call names as in
# api/).  Every call must be in exactly one group.
CALL_GROUPS = [
    ("Creating, naming and closing handles", [
        "create", "close", "set_handle_name", "get_handle_name",
        "set_private_data", "get_private_data", "get_handle_size",
    ]),
    ("Connecting", [
        "connect_uri", "connect_unix", "connect_tcp", "connect_vsock",
        "connect_socket", "connect_command",
        "connect_systemd_socket_activation",
        "aio_connect", "aio_connect_uri", "aio_connect_unix",
        "aio_connect_tcp", "aio_connect_vsock", "aio_connect_socket",
        "aio_connect_command", "aio_connect_systemd_socket_activation",
    ]),
    ("Server subprocesses", [
        "set_socket_activation_name", "get_socket_activation_name",
        "get_subprocess_pid", "kill_subprocess",
    ]),
    ("URIs", [
        "set_uri_allow_transports", "set_uri_allow_tls",
        "set_uri_allow_local_file", "set_uri_allow_tls_priority",
        "get_uri", "is_uri",
    ]),
    ("TLS", [
        "set_tls", "get_tls", "get_tls_negotiated", "set_tls_certificates",
        "set_tls_verify_peer", "get_tls_verify_peer", "set_tls_username",
        "get_tls_username", "set_tls_hostname", "get_tls_hostname",
        "set_tls_psk_file", "set_tls_priority", "get_tls_priority",
    ]),
    ("Handshake settings", [
        "set_export_name", "get_export_name", "set_full_info",
        "get_full_info", "set_request_block_size", "get_request_block_size",
        "set_request_extended_headers", "get_request_extended_headers",
        "set_request_structured_replies",
        "get_request_structured_replies", "set_request_meta_context",
        "get_request_meta_context", "set_handshake_flags",
        "get_handshake_flags",
    ]),
    ("Option negotiation", [
        "set_opt_mode", "get_opt_mode", "opt_go", "opt_abort", "opt_list",
        "opt_info", "opt_starttls", "opt_extended_headers",
        "opt_structured_reply", "aio_opt_go", "aio_opt_abort",
        "aio_opt_list", "aio_opt_info", "aio_opt_starttls",
        "aio_opt_extended_headers", "aio_opt_structured_reply",
    ]),
    ("Meta contexts", [
        "add_meta_context", "get_nr_meta_contexts", "get_meta_context",
        "clear_meta_contexts", "can_meta_context", "opt_list_meta_context",
        "opt_list_meta_context_queries", "opt_set_meta_context",
        "opt_set_meta_context_queries", "aio_opt_list_meta_context",
        "aio_opt_list_meta_context_queries", "aio_opt_set_meta_context",
        "aio_opt_set_meta_context_queries",
    ]),
    ("Export information", [
        "get_size", "get_block_size", "get_canonical_export_name",
        "get_export_description", "get_protocol", "is_read_only",
        "is_rotational", "can_flush", "can_fua", "can_trim", "can_zero",
        "can_fast_zero", "can_df", "can_cache", "can_multi_conn",
        "can_block_status_payload", "get_structured_replies_negotiated",
        "get_extended_headers_negotiated",
    ]),
    ("Synchronous data commands", [
        "pread", "pread_structured", "pwrite", "flush", "trim", "zero",
        "cache", "block_status", "block_status_64", "block_status_filter",
        "shutdown",
    ]),
    ("Asynchronous data commands", [
        "aio_pread", "aio_pread_structured", "aio_pwrite", "aio_flush",
        "aio_trim", "aio_zero", "aio_cache", "aio_block_status",
        "aio_block_status_64", "aio_block_status_filter", "aio_disconnect",
    ]),
    ("Completion and polling", [
        "aio_command_completed", "aio_peek_command_completed",
        "aio_in_flight", "poll", "poll2", "aio_get_fd",
        "aio_get_direction", "aio_notify_read", "aio_notify_write",
    ]),
    ("State of the handle", [
        "aio_is_created", "aio_is_connecting", "aio_is_negotiating",
        "aio_is_ready", "aio_is_processing", "aio_is_closed",
        "aio_is_dead", "connection_state",
    ]),
    ("Request checking", [
        "set_strict_mode", "get_strict_mode", "set_pread_initialize",
        "get_pread_initialize",
    ]),
    ("Statistics", [
        "stats_bytes_sent", "stats_bytes_received", "stats_chunks_sent",
        "stats_chunks_received",
    ]),
    ("Errors and debugging", [
        "get_error", "get_errno", "set_debug", "get_debug",
        "set_debug_callback", "clear_debug_callback",
    ]),
    ("The library and this build", [
        "get_package_name", "get_version", "get_version_extra",
        "supports_tls", "supports_uri",
        "supports_vsock",
    ]),
]

COMPATIBILITY = """
This library is written to replace libnbd 1.24 without changes to the
programs that use it.  It installs the same header, `<libnbd.h>`, the
same pkg-config(1) module, `libnbd`, and the same shared library,
libnbd.so.0, and nbd_get_version(3) reports a 1.24 release.  The
header declares every call, type, constant and `LIBNBD_HAVE_` macro of
libnbd 1.24, with the same values, so source code builds unchanged.
The library exports the same 165 symbols with the same symbol
versions, from `LIBNBD_1.0` for the oldest calls to `LIBNBD_1.24` for
the newest; the version script is generated from the API table, like
the header.  A program linked against libnbd 1.24 or any older release
(each is a subset of the next) runs on this library without being
rebuilt.  The VERSION section of each call's page names the release
and symbol version that brought the call in.

Every call of libnbd 1.24 is implemented; none is a stub that only
fails.  Some depend on how the library was built: without GnuTLS, TLS
calls and nbds: URIs fail with `ENOTSUP`; without libxml2 the URI
calls do; and nbd_connect_vsock(3) needs a system with `AF_VSOCK`.
nbd_supports_tls(3), nbd_supports_uri(3) and nbd_supports_vsock(3) tell
a program which parts it can use.

Where this library behaves differently from libnbd:

- Error messages from nbd_get_error(3) are worded differently, and
  every failure sets an errno.  Where libnbd leaves nbd_get_errno(3)
  at 0, this library says what happened: `ECONNRESET` when the server
  hangs up during the handshake, `EPROTO` when the peer does not speak
  NBD, `ENOENT` when a host name does not resolve.
- A URI that is refused changes nothing on the handle; libnbd may
  already have switched TLS on for an `nbds:` scheme when it finds
  the fault further along.  A URI never turns TLS off.
- URIs are read more carefully where they could do harm: a scheme
  must be followed by `//`, and an ssh host, user or socket path that
  could be taken for an option of ssh(1) is refused (see
  nbd_connect_uri(3)).
- nbd_set_tls_priority(3) checks the string at once and refuses one
  that gnutls cannot read with `EINVAL`, rather than letting the
  handshake fail later.
- A block status filter, nbd_block_status_filter(3), is only sent
  when extended headers were negotiated and the command carries
  `LIBNBD_CMD_FLAG_PAYLOAD_LEN`, whether strict mode is on or not;
  without them the server could not tell where the request ends.
- The buffer of a failed read is cleared when the read fails, not
  before every read, so a read that succeeds costs no extra pass over
  its buffer (see nbd_set_pread_initialize(3)).

The test suite checks all this by, among other things, running
programs built against libnbd on this library and comparing what they
print; README.md in the source tree says more.
"""
