"""Meta contexts: the calls that choose, list and query the metadata
contexts that block status reports on."""

from apitypes import (
    CREATED, NEGOTIATING, CONNECTED, CLOSED, Call, SizeT, String, StringList,
    Closure, RErr, RBool, RInt, RSizeT, RString,
)
from .shared import (
    OPTION_WIRE_ERRORS, OUT_OF_MEMORY_ERROR, COPY_OUT_OF_MEMORY_ERROR,
    AIO_NO_FIXED_NEWSTYLE_ERROR, OPTION_REFUSED_ERROR, load_example,
)

CALLS = [
Call(
    "opt_list_meta_context", "1.6",
    args=[Closure("context_callback", "context")],
    ret=RInt,
    states=(NEGOTIATING,),
    may_block=True,
    summary="list the server's meta contexts for the export",
    description="""
Sends `NBD_OPT_LIST_META_CONTEXT` for the export named by the latest
nbd_set_export_name(3), or by the URI given to nbd_connect_uri(3).  The
handle must be in option mode (see nbd_set_opt_mode(3)).

The protocol lets the client send any number of queries along with the
request.  This call does not take them as an argument; it sends the
list of contexts registered with nbd_add_meta_context(3), which can be
reset with nbd_clear_meta_contexts(3) and filled again between calls.
To pass the queries directly, use nbd_opt_list_meta_context_queries(3).
With an empty list, servers usually report every context they support;
otherwise they report only supported contexts matching the queries.

A reply is not always one usable context name.  The server may send a
single string that stands for a whole group of possible contexts, so
the list does not prove that a given name will work with nbd_opt_go(3).
Check with nbd_can_meta_context(3) after connecting.

For each reply, the function in *context_callback* is called with its
`user_data` and the `name` sent by the server.  The string is only
valid during the callback, so copy it if it is needed afterwards.  The
callback must not call functions on the same handle; in particular,
register contexts with nbd_add_meta_context(3) only after this call has
returned.  The callback's return value is currently ignored, but it
should not return -1.

Not every server supports the request.  A server may answer with an
empty list because nothing matched, or fail after delivering part of
its answer, so the call can succeed with nothing reported or fail after
the callback has run.  There is no protocol limit on the number of
replies, so the list may be long.
""",
    returns="""
On success the number of replies the server sent is returned, which
may be 0.
""",
    errors=[("ENOTSUP", "the server does not speak the fixed newstyle "
             "handshake, or it refused the request (as servers do when "
             "neither structured replies nor extended headers were "
             "negotiated), in which case the message from "
             "nbd_get_error(3) gives its reason")]
    + OPTION_WIRE_ERRORS,
    example=load_example("opt_list_meta_context.txt"),
    see_also=["nbd_aio_opt_list_meta_context(3)",
              "nbd_opt_list_meta_context_queries(3)",
              "nbd_opt_set_meta_context(3)", "nbd_add_meta_context(3)",
              "nbd_clear_meta_contexts(3)", "nbd_can_meta_context(3)",
              "nbd_set_export_name(3)", "nbd_connect_uri(3)",
              "nbd_set_opt_mode(3)", "nbd_opt_go(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "opt_list_meta_context_queries", "1.16",
    args=[StringList("queries"), Closure("context_callback", "context")],
    ret=RInt,
    states=(NEGOTIATING,),
    may_block=True,
    summary="list the server's meta contexts for given queries",
    description="""
Works like nbd_opt_list_meta_context(3), sending
`NBD_OPT_LIST_META_CONTEXT` for the export named by the latest
nbd_set_export_name(3) or by the URI given to nbd_connect_uri(3), but
the queries come from *queries*, a NULL-terminated array of strings,
instead of the list built with nbd_add_meta_context(3).  That list is
neither used nor changed.  The handle must be in option mode (see
nbd_set_opt_mode(3)).

With an empty array, servers usually report every context they
support; otherwise they report only supported contexts that match one
of the queries.  A reply may stand for a group of contexts rather than
name one that nbd_opt_go(3) will accept, so confirm with
nbd_can_meta_context(3) after connecting.

For each reply, the function in *context_callback* is called with its
`user_data` and the `name` from the server; copy the string if it is
needed later, since it is only valid during the callback.  The callback
must not call functions on the same handle, so do not call
nbd_add_meta_context(3) from inside it.  Its return value is currently
ignored, but it should not return -1.

Not every server supports the request.  An empty answer, or a failure
after some replies were delivered, are both possible, so the call can
succeed with nothing reported or fail after the callback has run.
There is no protocol limit on the number of replies.
""",
    returns="""
On success the number of replies the server sent is returned, which
may be 0.
""",
    errors=[("ENOTSUP", "the server does not speak the fixed newstyle "
             "handshake, or it refused the request (as servers do when "
             "neither structured replies nor extended headers were "
             "negotiated), in which case the message from "
             "nbd_get_error(3) gives its reason")]
    + OPTION_WIRE_ERRORS,
    example=load_example("opt_list_meta_context_queries.txt"),
    see_also=["nbd_aio_opt_list_meta_context_queries(3)",
              "nbd_opt_list_meta_context(3)",
              "nbd_opt_set_meta_context_queries(3)",
              "nbd_add_meta_context(3)", "nbd_can_meta_context(3)",
              "nbd_set_export_name(3)", "nbd_connect_uri(3)",
              "nbd_set_opt_mode(3)", "nbd_opt_go(3)", "nbd_create(3)",
              "libnbd(3)"],
),
Call(
    "opt_set_meta_context", "1.16",
    args=[Closure("context_callback", "context")],
    ret=RInt,
    states=(NEGOTIATING,),
    may_block=True,
    summary="select meta contexts from the registered list",
    description="""
Sends `NBD_OPT_SET_META_CONTEXT`, asking the server to activate, for the
export named by the latest nbd_set_export_name(3) or by the URI given
to nbd_connect_uri(3), those contexts from the list registered with
nbd_add_meta_context(3) that it recognises.  The handle must be in
option mode (see nbd_set_opt_mode(3)).

Usually there is no need for this call: nbd_opt_go(3) does the same
thing by itself once structured replies or extended headers are in use.
It is meant for fine-grained control, typically when testing how a
server deals with odd negotiation sequences, and is then normally
combined with turning off nbd_set_request_meta_context(3), so that
nbd_opt_go(3) does not repeat the request.

The queries are the current list of the handle; use
nbd_clear_meta_contexts(3) and nbd_add_meta_context(3) to change it,
or nbd_opt_set_meta_context_queries(3) to pass an explicit list.
Because the call is aimed at testing servers, it does not stop you
from sending an empty list, or from sending the request when
nbd_set_request_structured_replies(3) turned structured replies off;
the point is to see how the server reacts.

For each context the server activates, the function in
*context_callback* is called with its `user_data` and the context
`name`.  The callback must not call any functions on the handle, and
its return value is currently ignored, although it should not return
-1.  The names also become visible through nbd_can_meta_context(3),
and stay so until the next nbd_set_export_name(3) or
nbd_opt_set_meta_context(3), or an nbd_opt_go(3) or nbd_opt_info(3)
that makes the automatic request.

Not every server supports the request.  An empty answer because nothing
matched, or a failure after some replies, are both possible, so the
call can succeed with nothing reported or fail after the callback has
run.
""",
    returns="""
On success the number of contexts the server reported is returned,
which may be 0.
""",
    errors=[OPTION_REFUSED_ERROR] + OPTION_WIRE_ERRORS,
    example=load_example("opt_set_meta_context.txt"),
    see_also=["nbd_aio_opt_set_meta_context(3)",
              "nbd_opt_set_meta_context_queries(3)",
              "nbd_opt_list_meta_context(3)", "nbd_add_meta_context(3)",
              "nbd_clear_meta_contexts(3)", "nbd_can_meta_context(3)",
              "nbd_set_request_meta_context(3)",
              "nbd_set_request_structured_replies(3)",
              "nbd_set_export_name(3)", "nbd_connect_uri(3)",
              "nbd_set_opt_mode(3)", "nbd_opt_go(3)", "nbd_opt_info(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "opt_set_meta_context_queries", "1.16",
    args=[StringList("queries"), Closure("context_callback", "context")],
    ret=RInt,
    states=(NEGOTIATING,),
    may_block=True,
    summary="select meta contexts from an explicit list",
    description="""
Works like nbd_opt_set_meta_context(3), sending
`NBD_OPT_SET_META_CONTEXT` for the export named by the latest
nbd_set_export_name(3) or by the URI given to nbd_connect_uri(3), but
the contexts asked for come from *queries*, a NULL-terminated array of
strings, instead of the list built with nbd_add_meta_context(3).  The
handle must be in option mode (see nbd_set_opt_mode(3)).

As with its sibling, nbd_opt_go(3) normally makes this request by
itself once structured replies or extended headers are in use, so the
call is mostly a tool for testing servers, usually together with
turning off nbd_set_request_meta_context(3).  For the same reason it
accepts an empty array, and it works even when
nbd_set_request_structured_replies(3) turned structured replies off.

For each context the server activates, the function in
*context_callback* is called with its `user_data` and the context
`name`; the callback must not call any functions on the handle, and
its return value is currently ignored, although it should not return
-1.  The names are also reported by nbd_can_meta_context(3) until the
next nbd_set_export_name(3) or nbd_opt_set_meta_context(3), or an
nbd_opt_go(3) or nbd_opt_info(3) that makes the automatic request.

Not every server supports the request.  An empty answer, or a failure
after some replies, are both possible, so the call can succeed with
nothing reported or fail after the callback has run.
""",
    returns="""
On success the number of contexts the server reported is returned,
which may be 0.
""",
    errors=[OPTION_REFUSED_ERROR] + OPTION_WIRE_ERRORS,
    example=load_example("opt_set_meta_context_queries.txt"),
    see_also=["nbd_aio_opt_set_meta_context_queries(3)",
              "nbd_opt_set_meta_context(3)",
              "nbd_opt_list_meta_context_queries(3)",
              "nbd_can_meta_context(3)", "nbd_set_request_meta_context(3)",
              "nbd_set_request_structured_replies(3)",
              "nbd_set_export_name(3)", "nbd_connect_uri(3)",
              "nbd_set_opt_mode(3)", "nbd_opt_go(3)", "nbd_opt_info(3)",
              "nbd_add_meta_context(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "add_meta_context", "1.0",
    args=[String("name")],
    ret=RErr,
    states=(CREATED, NEGOTIATING,),
    summary="add a meta context to request from the server",
    description="""
Meta contexts select which kinds of metadata the server reports through
block status commands such as nbd_block_status_64(3).  The best known,
`base:allocation`, tells which parts of the export are holes or read as
zeroes.  The handle keeps a list of contexts to ask for during the
handshake, and this call appends *name* to it.  It may be called any
number of times.

The list is empty when the handle is created.  nbd_get_nr_meta_contexts(3)
and nbd_get_meta_context(3) show what it holds, and
nbd_clear_meta_contexts(3) empties it.  In option mode the list may
still be changed while negotiating; it is then used by the next
nbd_opt_go(3), nbd_opt_info(3), nbd_opt_list_meta_context(3) or
nbd_opt_set_meta_context(3).

*name* is a UTF-8 string of at most 4096 bytes, the protocol limit,
although servers may accept less.  The header defines constants
starting with `LIBNBD_CONTEXT_` for well-known contexts, for example
`LIBNBD_CONTEXT_BASE_ALLOCATION`, but any name may be given.  Other
contexts are specific to a server; qemu-nbd(8) offers
`qemu:dirty-bitmap:` followed by a bitmap name (its -B option) and
`qemu:allocation-depth` (its -A option).

Adding a context is only a request.  Servers support different
contexts, so after connecting ask nbd_can_meta_context(3) whether a
context was actually agreed.
""",
    errors=[("ENAMETOOLONG", "when *name* is longer than the 4096 "
             "bytes the protocol allows"),
            ("ENOMEM", "there was not enough memory to add the name to "
             "the list")],
    see_also=["nbd_get_nr_meta_contexts(3)", "nbd_get_meta_context(3)",
              "nbd_clear_meta_contexts(3)", "nbd_can_meta_context(3)",
              "nbd_set_request_meta_context(3)",
              "nbd_opt_list_meta_context(3)", "nbd_opt_set_meta_context(3)",
              "nbd_opt_go(3)", "nbd_block_status_64(3)", "nbd_opt_info(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_nr_meta_contexts", "1.6",
    args=[],
    ret=RSizeT,
    summary="count the meta contexts registered on the handle",
    description="""
Returns the length of the handle's list of meta contexts to request,
that is, how many names were added with nbd_add_meta_context(3) since
the handle was created or the list was last emptied with
nbd_clear_meta_contexts(3).  Meta contexts choose the metadata that
block status commands such as nbd_block_status_64(3) report.

The count describes requests, not results.  The server may turn some of
them down; nbd_can_meta_context(3) tells which ones it accepted.
""",
    returns="""
On success the number of registered contexts is returned, which may be
0.
""",
    see_also=["nbd_add_meta_context(3)", "nbd_get_meta_context(3)",
              "nbd_clear_meta_contexts(3)", "nbd_can_meta_context(3)",
              "nbd_block_status_64(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "get_meta_context", "1.6",
    args=[SizeT("i")],
    ret=RString,
    summary="return one of the registered meta context names",
    description="""
Returns a copy of entry *i* of the handle's list of meta contexts to
request, counting from 0 in the order the names were added with
nbd_add_meta_context(3).  Valid indexes run up to, but not including,
the value of nbd_get_nr_meta_contexts(3).  Meta contexts choose the
metadata that block status commands such as nbd_block_status_64(3)
report.

The name returned is the one the client asked for; whether the server
supports it is answered by nbd_can_meta_context(3).
""",
    errors=[
        ("EINVAL", "when *i* is not less than the number of "
         "registered contexts"),
        COPY_OUT_OF_MEMORY_ERROR,
    ],
    see_also=["nbd_add_meta_context(3)", "nbd_get_nr_meta_contexts(3)",
              "nbd_clear_meta_contexts(3)", "nbd_can_meta_context(3)",
              "nbd_block_status_64(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "clear_meta_contexts", "1.6",
    args=[],
    ret=RErr,
    states=(CREATED, NEGOTIATING,),
    summary="empty the list of meta contexts to request",
    description="""
Removes every name from the handle's list of meta contexts to request,
so that nbd_add_meta_context(3) can build a new list from scratch.
Meta contexts choose the metadata that block status commands such as
nbd_block_status_64(3) report.

This matters mostly in option mode (see nbd_set_opt_mode(3)), where an
application may want to ask about different contexts from one export
query to the next, for example between calls to
nbd_opt_list_meta_context(3).  Contexts the server has already agreed
to are not affected by clearing the list.
""",
    see_also=["nbd_add_meta_context(3)", "nbd_get_nr_meta_contexts(3)",
              "nbd_get_meta_context(3)", "nbd_can_meta_context(3)",
              "nbd_set_opt_mode(3)", "nbd_opt_list_meta_context(3)",
              "nbd_block_status_64(3)", "nbd_create(3)", "libnbd(3)"],
),
Call(
    "can_meta_context", "1.0",
    args=[String("metacontext")],
    ret=RBool,
    states=(NEGOTIATING, CONNECTED, CLOSED,),
    summary="test whether the server agreed to a meta context",
    description="""
Tell whether the meta context named *metacontext* was accepted by the
server during negotiation, so that block status requests can report
on it.  A context is only ever accepted if the client asked for it,
normally with nbd_add_meta_context(3) before connecting, or with
nbd_opt_set_meta_context(3) in option mode.  The answer is false for
a context that was not requested, that the server turned down, or
when neither structured replies nor extended headers were negotiated.

*metacontext* is a full context name, for example
`LIBNBD_CONTEXT_BASE_ALLOCATION` (`"base:allocation"`) or a qemu
dirty bitmap name starting with `LIBNBD_CONTEXT_QEMU_DIRTY_BITMAP`.
The header defines constants beginning with `LIBNBD_CONTEXT_` for
well-known contexts, but any string may be passed.

The call fails, rather than answering false, when contexts were
requested but no meta context negotiation with the server has taken
place, or it did not succeed; this can happen in option mode, for
example when nbd_set_request_meta_context(3) was turned off and
nbd_opt_set_meta_context(3) was never called.

When the server supports filtered block status (see
nbd_can_block_status_payload(3)), every context named in a call to
nbd_block_status_filter(3) must be one for which this call returns
true.

The answer comes from information saved in the handle during
negotiation, so the call does not block.
""",
    errors=[
        ("EINVAL", "Contexts were requested, but no meta context negotiation "
         "with the server has taken place or it did not succeed, as "
         "described above."),
    ],
    see_also=["nbd_add_meta_context(3)", "nbd_opt_set_meta_context(3)",
              "nbd_set_request_meta_context(3)", "nbd_block_status_64(3)",
              "nbd_aio_block_status_64(3)", "nbd_block_status_filter(3)",
              "nbd_can_block_status_payload(3)", "nbd_opt_info(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "aio_opt_list_meta_context", "1.6",
    args=[Closure("context_callback", "context"),
          Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask which metadata contexts match, without waiting",
    description="""
The asynchronous form of nbd_opt_list_meta_context(3).  It sends
`NBD_OPT_LIST_META_CONTEXT` for the export named by the latest
nbd_set_export_name(3) or nbd_connect_uri(3), and returns without
waiting for the answer.

This call is only accepted while the handle is negotiating: option mode
must have been enabled with nbd_set_opt_mode(3) before connecting, and
no other option may be in progress.  In any other state it fails at
once.  The request is sent even when neither structured replies nor
extended headers were negotiated (the library negotiates them by
default while connecting); most servers then refuse it, and the
completion callback gets the error.

The queries sent are the names currently in the handle's list of
requested contexts, as built with nbd_add_meta_context(3) and emptied
with nbd_clear_meta_contexts(3); to pass a list explicitly, use
nbd_aio_opt_list_meta_context_queries(3).  With an empty list a server
normally reports every context it supports; otherwise it reports only
the supported contexts that match the queries.  A reply may stand for
a family of contexts rather than one exact name, so after connecting
nbd_can_meta_context(3) is still the way to know what was really
selected.

*context_callback* is invoked once for each reply, with the context
`name` sent by the server.  The string is only valid during the
invocation; copy it if needed.  The callback must not call nbd_
functions on this handle, including nbd_add_meta_context(3).  Its
return value is currently ignored, but it should not return -1.  This
form cannot return the number of replies as nbd_opt_list_meta_context(3)
does; count them in the callback if needed.

Completion works as follows.

- Drive the handle (nbd_poll(3) or a main loop) until
  nbd_aio_is_connecting(3) is false again, or until the completion
  callback has run.
- *completion_callback* is optional.  When present it is invoked
  exactly once, after the last invocation of *context_callback*.  The
  value its `error` parameter points to is 0 if the server completed
  the listing, or an errno value if the server refused it or failed
  part way.  If the connection breaks, it is still invoked, with a
  non-zero value.
- A refusal by the server is visible only through that `error` value.
  The return value of this call merely tells whether the request could
  be started; the synchronous form folds the server's answer into its
  own result instead.
- The request retires by itself.  Whatever the completion callback
  returns, there is no cookie and nothing to pass to
  nbd_aio_command_completed(3).
- The free function of each callback is called exactly once: first the
  one of *context_callback*, then the one of *completion_callback*,
  after the last invocation.  This also holds when this call fails, in
  which case neither callback is invoked at all.

Servers differ.  Some do not understand the request, some answer with
an empty list when nothing matches, and some fail after sending part
of the list, so replies may have been delivered even when the
completion reports an error.  The protocol puts no bound on the length
of the list.
""",
    errors=[
        AIO_NO_FIXED_NEWSTYLE_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example=load_example("aio_opt_list_meta_context.c"),
    see_also=["nbd_opt_list_meta_context(3)",
              "nbd_aio_opt_list_meta_context_queries(3)",
              "nbd_aio_opt_set_meta_context(3)",
              "nbd_add_meta_context(3)", "nbd_clear_meta_contexts(3)",
              "nbd_can_meta_context(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_aio_is_connecting(3)",
              "nbd_aio_is_negotiating(3)", "libnbd(3)"],
),
Call(
    "aio_opt_list_meta_context_queries", "1.16",
    args=[StringList("queries"),
          Closure("context_callback", "context"),
          Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="ask which of the given contexts match, without waiting",
    description="""
Works like nbd_aio_opt_list_meta_context(3), except that the queries
sent with `NBD_OPT_LIST_META_CONTEXT` come from *queries*, a
NULL-terminated list of context names or prefixes, rather than from the
list built with nbd_add_meta_context(3), which is left untouched.  The
library copies *queries* before returning.  An empty list normally
makes the server report every context it supports.  It is the
asynchronous form of nbd_opt_list_meta_context_queries(3).

It is only allowed while negotiating (see nbd_set_opt_mode(3)).  It is
sent even without structured replies or extended headers, which most
servers then refuse.
*context_callback* is invoked once per reply with the context `name`,
valid only during the invocation; it must not call nbd_ functions on
this handle, and its return value is ignored (but avoid -1).  A reply
may cover several contexts at once, so check nbd_can_meta_context(3)
after connecting.

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
The optional *completion_callback* runs once after the last reply, with
its `error` parameter pointing to 0 on success or to an errno value if
the server refused or failed, which is the only way to see that.  The
request retires by itself whatever the callback returns.  Each free
function is called exactly once, even if this call fails.  Servers may
not understand the request, may answer with nothing, or may fail after
a partial list.
""",
    errors=[
        AIO_NO_FIXED_NEWSTYLE_ERROR,
        OUT_OF_MEMORY_ERROR,
    ],
    example=load_example("aio_opt_list_meta_context_queries.c"),
    see_also=["nbd_opt_list_meta_context_queries(3)",
              "nbd_aio_opt_list_meta_context(3)",
              "nbd_aio_opt_set_meta_context_queries(3)",
              "nbd_can_meta_context(3)", "nbd_set_opt_mode(3)",
              "nbd_set_export_name(3)", "nbd_aio_is_connecting(3)",
              "libnbd(3)"],
),
Call(
    "aio_opt_set_meta_context", "1.16",
    args=[Closure("context_callback", "context"),
          Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="select the requested metadata contexts, without waiting",
    description="""
The asynchronous form of nbd_opt_set_meta_context(3).  It sends
`NBD_OPT_SET_META_CONTEXT` for the export named by the latest
nbd_set_export_name(3) or nbd_connect_uri(3), asking the server to
select the contexts in the list built with nbd_add_meta_context(3), and
returns without waiting.  It is only allowed while negotiating (see
nbd_set_opt_mode(3)); to pass an explicit list, use
nbd_aio_opt_set_meta_context_queries(3).

Ordinarily this is unnecessary, since nbd_opt_go(3) makes the same
request itself when structured replies or extended headers are in use.
Doing it by hand is useful for testing how servers cope with odd
sequences, typically after turning the automatic request off with
nbd_set_request_meta_context(3).  For the same reason the library does
not stop you from sending an empty list, or from sending the request
when structured replies were disabled with
nbd_set_request_structured_replies(3).

*context_callback* is invoked once for each context the server
selects, with its `name`, valid only during the invocation.  The
callback must not call any nbd_ function, and its return value is
currently ignored (but do not return -1).  The selected names are also
what nbd_can_meta_context(3) reports until the selection is replaced:
by a new nbd_set_export_name(3), another context selection, or an
nbd_opt_go(3) or nbd_opt_info(3) that requests contexts automatically.

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
The optional *completion_callback* is invoked once, after the last
context, with its `error` parameter pointing to 0 or to an errno value
if the server refused or failed; only there is a refusal visible.  The
request is retired automatically whatever the callback returns, and
each free function is called exactly once, even if this call fails.
""",
    errors=[AIO_NO_FIXED_NEWSTYLE_ERROR, OUT_OF_MEMORY_ERROR],
    example=load_example("aio_opt_set_meta_context.c"),
    see_also=["nbd_opt_set_meta_context(3)",
              "nbd_aio_opt_set_meta_context_queries(3)",
              "nbd_add_meta_context(3)", "nbd_can_meta_context(3)",
              "nbd_set_request_meta_context(3)", "nbd_aio_opt_go(3)",
              "nbd_set_opt_mode(3)", "nbd_set_export_name(3)",
              "nbd_aio_is_connecting(3)", "libnbd(3)"],
),
Call(
    "aio_opt_set_meta_context_queries", "1.16",
    args=[StringList("queries"),
          Closure("context_callback", "context"),
          Closure("completion_callback", "completion", optional=True)],
    ret=RErr,
    states=(NEGOTIATING,),
    summary="select the given metadata contexts, without waiting",
    description="""
Works like nbd_aio_opt_set_meta_context(3), except that the contexts to
select come from *queries*, a NULL-terminated list of names, rather
than from the list built with nbd_add_meta_context(3).  The library
copies *queries* before returning.  It is the asynchronous form of
nbd_opt_set_meta_context_queries(3), and is only allowed while
negotiating (see nbd_set_opt_mode(3)).

As with the other form, this is mostly for testing servers, usually
together with nbd_set_request_meta_context(3) so that nbd_opt_go(3)
does not make its own request; an empty list is allowed.
*context_callback* is invoked once per selected context with its
`name`, must not call nbd_ functions, and has its return value ignored
(avoid -1).  The selection is what nbd_can_meta_context(3) reports
until it is replaced.

Keep driving the handle until nbd_aio_is_connecting(3) becomes false.
The optional *completion_callback* is invoked once at the end with its
`error` parameter pointing to 0 or to an errno value if the server
refused, which is the only way to learn of a refusal.  The request
retires itself whatever the callback returns, and each free function is
called exactly once, even if this call fails.
""",
    errors=[AIO_NO_FIXED_NEWSTYLE_ERROR, OUT_OF_MEMORY_ERROR],
    example=load_example("aio_opt_set_meta_context_queries.c"),
    see_also=["nbd_opt_set_meta_context_queries(3)",
              "nbd_aio_opt_set_meta_context(3)",
              "nbd_can_meta_context(3)",
              "nbd_set_request_meta_context(3)", "nbd_aio_opt_go(3)",
              "nbd_set_opt_mode(3)", "nbd_aio_is_connecting(3)",
              "libnbd(3)"],
),
]
