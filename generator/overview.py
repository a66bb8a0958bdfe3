"""The text of the libnbd(3) overview page, one (title, markup) pair per
section, in the markup described at the top of api.py.  gen_man.py adds
NAME, SYNOPSIS, the list of calls and SEE ALSO itself."""

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
reporting, the two styles of calls, callbacks, option negotiation,
TLS, URIs, strict mode, debugging and threads.  Each call has its own
page, such as nbd_create(3) or nbd_pread(3), listed under CALLS below.

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
nbd_connect_unix(3) or nbd_connect_uri(3), makes the connection.

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
  "nbd_pread: request out of bounds", so it can be printed as it is.
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
  that breaks the server's block size constraints.
- `ENOTCONN`: the call needs a connection and none has been made yet.
- `EFAULT`: a pointer argument that must not be NULL was NULL.  Avoid
  this: besides the error, compilers may warn about it or optimise on
  the assumption that it cannot happen.
- `ENOTSUP`: the feature is missing from this build (for example TLS
  or URI support) or was not negotiated with the server.
- `ERANGE`: a request is too large, or reaches outside the export.
- `ENOMEM`: memory ran out.

The ERRORS section of each call's page lists the values that call
uses.
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

Ready and processing together make up the connected, transmission
phase in which data commands are accepted.  Closed and dead are final:
no call brings the handle back from them.

Every call's page has a HANDLE STATE section listing the groups in
which it may be made.  A call made in any other state fails with
`EINVAL`, or with `ENOTCONN` if the handle simply has not been
connected yet.  For debugging, nbd_connection_state(3) gives the name
of the exact internal state, but programs should rely on the
predicates only.
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
  when the command is over (see CALLBACKS).

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

When one command has several callbacks, they are reached in this
order: the mid-command callbacks (extent or chunk), the completion
callback, then the free function of the mid-command callback, and
last the free function of the completion callback.

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

The completion callback follows its own rules:

- It is called only if the asynchronous call that registered it
  returned success; then it is called exactly once, when the command
  is over.  If that call failed, there was no command and the
  completion callback is not called, although its `free` function is.
- It must look at the integer `error` points to.  When that is not 0
  the command failed, and for example the contents of a read buffer
  are undefined.
- If it returns 1, the command is retired on the spot, and
  nbd_aio_command_completed(3) will no longer know the cookie; with
  any other return value the command waits to be retired by
  nbd_aio_command_completed(3).  A program that relies on automatic
  retirement should return 1 on every path, including errors; a
  command that is never retired keeps its memory until nbd_close(3).
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
  client-key.pem).  When no directory was set, the library looks in
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

A URI with a scheme such as nbds: turns TLS on by itself, see URIS.
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
with nbds require TLS.  The path, without its leading slash, is the
export name.  Query parameters can also set TLS details, such as
tls-certificates=, tls-psk-file=, tls-hostname= and
tls-verify-peer=false.

URIs often come from users, so a program can limit what they may do
before connecting: nbd_set_uri_allow_transports(3) restricts the
transports, nbd_set_uri_allow_tls(3) forbids or requires TLS, and
nbd_set_uri_allow_local_file(3) decides whether a URI may point at
files on the local machine, such as a PSK file, which is refused by
default.  Use these controls rather than trying to filter URIs by
hand.

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
value.
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
nbd_clear_debug_callback(3) goes back to standard error.

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

Because of that lock, synchronous calls made on one handle from
several threads run one after another, not in parallel.  To overlap
requests, use the asynchronous calls, which only hold the lock
briefly, and let one thread drive the handle while others issue
commands; or open several connections, one handle each, when the
server supports it (nbd_can_multi_conn(3)).

A thread that waits on the socket in its own loop must be woken when
another thread issues a command, since the events to wait for may
change.  Watching an extra descriptor, such as an eventfd(2) or a
pipe, with nbd_poll2(3) or in the program's own loop is one way to
achieve this.

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
- `LOGNAME`: the default TLS username for PSK authentication (see
  nbd_set_tls_username(3)).
"""),
]
