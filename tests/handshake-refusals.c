/* Servers that say no: an unknown export, no structured replies, no
 * fixed newstyle, no listing, no meta contexts; and servers that hang
 * up in the middle of the handshake.  Each refusal fails the call with
 * its name and errno, or makes an option call return false, and leaves
 * the handle in the state libnbd leaves it in.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: handshake-refusals MODE ARG
 *   strict UNIXSOCKET      nbdkit accepting only the export "good"
 *   no-sr UNIXSOCKET       nbdkit --no-sr
 *   newstyle UNIXSOCKET    nbdkit without fixed newstyle
 *   nbd-server UNIXSOCKET  nbd-server with exports disk1 and disk2,
 *                          listing allowed
 *   nbd-server-nolist UNIXSOCKET  the same, listing not allowed
 *   hangup DIR             hangup-server.py serving DIR/MODE.sock
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

#define MiB (1024 * 1024)

static struct nbd_handle *
connect_opt_mode (const char *unixsocket, bool request_options)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_set_request_structured_replies (nbd, request_options) == 0);
  CHECK (nbd_set_request_extended_headers (nbd, request_options) == 0);
  return connect_opt_mode_unix (nbd, unixsocket);
}

static void
test_strict (const char *unixsocket)
{
  struct nbd_handle *nbd;
  const char *call;

  /* Without option mode a refused export fails the connect call and
   * kills the handle.
   */
  nbd = create_handle ();
  CHECK (nbd_set_export_name (nbd, "bad") == 0);
  CHECK (nbd_connect_unix (nbd, unixsocket) == -1);
  CHECK_FAILED ("nbd_connect_unix", ENOENT, NULL);
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);

  /* Asynchronously, whichever call runs into the refusal reports it:
   * the aio call itself if the server answers at once, else the poll.
   */
  nbd = create_handle ();
  CHECK (nbd_set_export_name (nbd, "bad") == 0);
  call = which_call_failed (nbd, nbd_aio_connect_unix (nbd, unixsocket),
                            "nbd_aio_connect_unix");
  CHECK_FAILED (call, ENOENT, NULL);
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);

  nbd = create_handle ();
  CHECK (nbd_set_export_name (nbd, "good") == 0);
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  CHECK (nbd_get_size (nbd) == 1 * MiB);
  nbd_close (nbd);
}

static void
test_no_sr (const char *unixsocket)
{
  struct nbd_handle *nbd;
  struct names names = { 0 };
  struct completion done = { 0 };

  /* Asked for automatically, and refused: the connection goes on. */
  nbd = create_handle ();
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 0);
  CHECK (nbd_get_extended_headers_negotiated (nbd) == 0);
  /* No structured replies, so no meta context was negotiated. */
  CHECK (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_can_df (nbd) == 0);
  nbd_close (nbd);

  /* Asked for by hand: the option calls return false. */
  nbd = connect_opt_mode (unixsocket, false);
  CHECK (nbd_opt_structured_reply (nbd) == 0);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 0);
  CHECK (nbd_opt_extended_headers (nbd) == 0);
  CHECK (nbd_get_extended_headers_negotiated (nbd) == 0);
  CHECK (nbd_aio_opt_structured_reply (nbd, COMPLETION_CALLBACK (&done))
         == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error != 0 && done.frees == 1);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 0);
  CHECK_STATE (nbd, "negotiating");

  /* Listing meta contexts without structured replies is still asked,
   * as libnbd asks it, and nbdkit answers.
   */
  CHECK (nbd_opt_list_meta_context (nbd, CONTEXT_CALLBACK (&names)) == 1);
  CHECK (names.count == 1 && names.frees == 1);
  CHECK (strcmp (names.name[0], LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);

  /* Setting them is left to the server to refuse. */
  names_reset (&names);
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_opt_set_meta_context (nbd, CONTEXT_CALLBACK (&names)) == -1);
  CHECK_FAILED ("nbd_opt_set_meta_context", ENOTSUP, NULL);
  CHECK (names.count == 0 && names.frees == 1);
  CHECK_STATE (nbd, "negotiating");

  names_reset (&names);
  memset (&done, 0, sizeof done);
  CHECK (nbd_aio_opt_set_meta_context (nbd, CONTEXT_CALLBACK (&names),
                                       COMPLETION_CALLBACK (&done)) == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error == ENOTSUP && done.frees == 1);
  CHECK (names.count == 0 && names.frees == 1);

  /* The export itself is still there. */
  CHECK (nbd_opt_go (nbd) == 0);
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_get_size (nbd) == 1 * MiB);
  nbd_close (nbd);
  names_reset (&names);
}

/* Without fixed newstyle the server cannot answer any option but the
 * export name, so libnbd refuses to send the others.
 */
static void
test_newstyle (const char *unixsocket)
{
  struct nbd_handle *nbd = connect_opt_mode (unixsocket, true);
  struct names names = { 0 };
  struct completion done = { 0 };
  char *queries[] = { NULL };

  CHECK (strcmp (nbd_get_protocol (nbd), "newstyle") == 0);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 0);

  CHECK (nbd_opt_list (nbd, LIST_CALLBACK (&names)) == -1);
  CHECK_FAILED ("nbd_opt_list", ENOTSUP, NULL);
  CHECK (nbd_aio_opt_list (nbd, LIST_CALLBACK (&names),
                           COMPLETION_CALLBACK (&done)) == -1);
  CHECK_FAILED ("nbd_aio_opt_list", ENOTSUP, NULL);
  CHECK (nbd_opt_info (nbd) == -1);
  CHECK_FAILED ("nbd_opt_info", ENOTSUP, NULL);
  CHECK (nbd_aio_opt_info (nbd, COMPLETION_CALLBACK (&done)) == -1);
  CHECK_FAILED ("nbd_aio_opt_info", ENOTSUP, NULL);
  CHECK (nbd_opt_list_meta_context (nbd, CONTEXT_CALLBACK (&names)) == -1);
  CHECK_FAILED ("nbd_opt_list_meta_context", ENOTSUP, NULL);
  CHECK (nbd_opt_list_meta_context_queries (nbd, queries,
                                            CONTEXT_CALLBACK (&names))
         == -1);
  CHECK_FAILED ("nbd_opt_list_meta_context_queries", ENOTSUP, NULL);
  CHECK (nbd_opt_set_meta_context (nbd, CONTEXT_CALLBACK (&names)) == -1);
  CHECK_FAILED ("nbd_opt_set_meta_context", ENOTSUP, NULL);
  CHECK (nbd_opt_set_meta_context_queries (nbd, queries,
                                           CONTEXT_CALLBACK (&names)) == -1);
  CHECK_FAILED ("nbd_opt_set_meta_context_queries", ENOTSUP, NULL);
  CHECK (nbd_opt_structured_reply (nbd) == -1);
  CHECK_FAILED ("nbd_opt_structured_reply", ENOTSUP, NULL);
  CHECK (nbd_opt_extended_headers (nbd) == -1);
  CHECK_FAILED ("nbd_opt_extended_headers", ENOTSUP, NULL);
  /* Refused calls never reach their callbacks, but free them. */
  CHECK (names.count == 0 && names.frees == 6);
  CHECK (done.calls == 0 && done.frees == 2);
  CHECK_STATE (nbd, "negotiating");

  CHECK (nbd_opt_go (nbd) == 0);
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_get_size (nbd) == 1 * MiB);
  nbd_close (nbd);
}

static void
test_nbd_server (const char *unixsocket, bool can_list)
{
  struct nbd_handle *nbd = connect_opt_mode (unixsocket, true);
  struct names names = { 0 };
  struct completion done = { 0 };
  int r;

  CHECK (strcmp (nbd_get_protocol (nbd), "newstyle-fixed") == 0);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 0);

  r = nbd_opt_list (nbd, LIST_CALLBACK (&names));
  if (can_list) {
    CHECK (r == 2 && names.count == 2);
    CHECK (names_find (&names, "disk1") != NULL);
    CHECK (names_find (&names, "disk2") != NULL);
  }
  else {
    CHECK (r == -1);
    CHECK_FAILED ("nbd_opt_list", ENOTSUP, NULL);
    CHECK (names.count == 0);
  }
  CHECK (names.frees == 1);

  /* nbd-server has neither structured replies nor meta contexts. */
  CHECK (nbd_opt_structured_reply (nbd) == 0);
  CHECK (nbd_opt_extended_headers (nbd) == 0);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 0);
  names_reset (&names);
  CHECK (nbd_opt_set_meta_context (nbd, CONTEXT_CALLBACK (&names)) == -1);
  CHECK_FAILED ("nbd_opt_set_meta_context", ENOTSUP, NULL);
  CHECK (names.count == 0 && names.frees == 1);
  CHECK_STATE (nbd, "negotiating");

  /* Unknown exports, the default one included, are refused. */
  CHECK (nbd_opt_info (nbd) == -1);
  CHECK_FAILED ("nbd_opt_info", ENOENT, NULL);
  CHECK (nbd_aio_opt_go (nbd, COMPLETION_CALLBACK (&done)) == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error == ENOENT && done.frees == 1);
  CHECK_STATE (nbd, "negotiating");

  CHECK (nbd_set_export_name (nbd, "disk1") == 0);
  CHECK (nbd_opt_go (nbd) == 0);
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_get_size (nbd) == 1 * MiB);
  CHECK (nbd_is_read_only (nbd) == 0);
  nbd_close (nbd);

  nbd = create_handle ();
  CHECK (nbd_set_export_name (nbd, "disk2") == 0);
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  CHECK (nbd_get_size (nbd) == 2 * MiB);
  CHECK (nbd_is_read_only (nbd) == 1);
  nbd_close (nbd);
  names_reset (&names);
}

/* A server that hangs up, or sends bytes that are not NBD: the error
 * says which, as ECONNRESET (end of file, or a reset), EPIPE (the client
 * was still sending) or EPROTO (not the protocol), from the call that
 * met it.
 */
#define CHECK_HANGUP(call_name)                                         \
  do {                                                                  \
    int e_ = nbd_get_errno ();                                          \
    CHECK (e_ == ECONNRESET || e_ == EPIPE || e_ == EPROTO);            \
    CHECK_ERROR ((call_name), e_, NULL);                                \
  } while (0)

/* The server hangs up before or during the greeting. */
static void
check_greeting_hangup (const char *dir, const char *mode)
{
  struct nbd_handle *nbd;
  const char *call;
  char path[256];

  snprintf (path, sizeof path, "%s/%s.sock", dir, mode);
  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, path) == -1);
  CHECK_HANGUP ("nbd_connect_unix");
  CHECK_STATE (nbd, "dead");
  CHECK (nbd_get_size (nbd) == -1);
  CHECK_FAILED ("nbd_get_size", EINVAL, NULL);
  nbd_close (nbd);

  /* The aio call runs the handshake as far as it can: if the hangup is
   * already there it fails at once, otherwise the poll that meets it.
   */
  nbd = create_handle ();
  call = which_call_failed (nbd, nbd_aio_connect_unix (nbd, path),
                            "nbd_aio_connect_unix");
  CHECK_HANGUP (call);
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);
}

/* The server hangs up once an option arrives, or halfway through its
 * reply.
 */
static void
check_option_hangup (const char *dir, const char *mode)
{
  struct nbd_handle *nbd;
  struct names names = { 0 };
  struct completion done = { 0 };
  const char *call;
  char path[256];
  int r;

  snprintf (path, sizeof path, "%s/%s.sock", dir, mode);

  /* The automatic options meet the hangup: end of file, or a reset if
   * the client had more to say.
   */
  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, path) == -1);
  CHECK_HANGUP ("nbd_connect_unix");
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);

  /* In option mode with nothing automatic, the caller's option is the
   * first and only one sent, and meets the hangup.
   */
  nbd = connect_opt_mode (path, false);
  CHECK (nbd_opt_list (nbd, LIST_CALLBACK (&names)) == -1);
  CHECK_HANGUP ("nbd_opt_list");
  CHECK (names.count == 0 && names.frees == 1);
  CHECK_STATE (nbd, "dead");
  CHECK (nbd_opt_go (nbd) == -1);
  CHECK_FAILED ("nbd_opt_go", EINVAL, NULL);
  nbd_close (nbd);

  nbd = connect_opt_mode (path, false);
  CHECK (nbd_opt_go (nbd) == -1);
  CHECK_HANGUP ("nbd_opt_go");
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);

  /* The completion callback still runs once, with an error, as the
   * connection dies under the option.
   */
  names_reset (&names);
  nbd = connect_opt_mode (path, false);
  r = nbd_aio_opt_list (nbd, LIST_CALLBACK (&names),
                        COMPLETION_CALLBACK (&done));
  call = which_call_failed (nbd, r, "nbd_aio_opt_list");
  CHECK_HANGUP (call);
  CHECK_STATE (nbd, "dead");
  CHECK (names.count == 0 && names.frees == 1);
  CHECK (done.calls == 1 && done.error == ENOTCONN && done.frees == 1);
  nbd_close (nbd);
}

static void
test_hangup (const char *dir)
{
  check_greeting_hangup (dir, "eof");
  check_greeting_hangup (dir, "short-greeting");
  check_greeting_hangup (dir, "bad-magic");
  check_greeting_hangup (dir, "oldstyle-short");
  check_option_hangup (dir, "first-option");
  check_option_hangup (dir, "mid-reply");
}

int
main (int argc, char *argv[])
{
  check_our_library ();
  if (argc != 3) {
    fprintf (stderr, "usage: %s MODE ARG\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  if (strcmp (argv[1], "strict") == 0)
    test_strict (argv[2]);
  else if (strcmp (argv[1], "no-sr") == 0)
    test_no_sr (argv[2]);
  else if (strcmp (argv[1], "newstyle") == 0)
    test_newstyle (argv[2]);
  else if (strcmp (argv[1], "nbd-server") == 0)
    test_nbd_server (argv[2], true);
  else if (strcmp (argv[1], "nbd-server-nolist") == 0)
    test_nbd_server (argv[2], false);
  else if (strcmp (argv[1], "hangup") == 0)
    test_hangup (argv[2]);
  else {
    fprintf (stderr, "%s: unknown mode %s\n", argv[0], argv[1]);
    exit (EXIT_FAILURE);
  }
  return EXIT_SUCCESS;
}
