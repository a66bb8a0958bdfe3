/* Option mode: the handle stops at negotiation, and each option call,
 * synchronous and asynchronous, does what the server answers: list,
 * info, go, abort, structured replies and extended headers, including
 * the server's refusals.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: opt-mode UNIXSOCKET
 * opt-mode.sh starts nbdkit advertising three read-only exports:
 * "a" (1M, described "export a"), "b" (2M, "export b") and
 * "with space" (3M, no description).  Other names, the default export
 * "" included, are refused, and nbdkit answers only one NBD_OPT_LIST
 * per connection.  nbdkit 1.32 does not know extended headers.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

#define MiB (1024 * 1024)

static const char *unixsocket;

/* A handle connected in option mode, stopped at negotiation. */
static struct nbd_handle *
connect_opt_mode (bool structured_replies)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_set_request_structured_replies (nbd, structured_replies) == 0);
  return connect_opt_mode_unix (nbd, unixsocket);
}

static void
check_export_list (struct names *names)
{
  CHECK (names->count == 3);
  CHECK (strcmp (names->name[0], "a") == 0);
  CHECK (strcmp (names->description[0], "export a") == 0);
  CHECK (strcmp (names->name[1], "b") == 0);
  CHECK (strcmp (names->description[1], "export b") == 0);
  CHECK (strcmp (names->name[2], "with space") == 0);
  CHECK (strcmp (names->description[2], "") == 0);
}

static void
test_negotiating (void)
{
  struct nbd_handle *nbd = connect_opt_mode (true);

  CHECK (nbd_get_opt_mode (nbd) == 1);
  CHECK (strcmp (nbd_get_protocol (nbd), "newstyle-fixed") == 0);
  /* Structured replies were asked for before the pause; nbdkit 1.32
   * refuses extended headers.
   */
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 1);
  CHECK (nbd_get_extended_headers_negotiated (nbd) == 0);
  /* No export has been chosen, so there is nothing to report yet. */
  CHECK (nbd_get_size (nbd) == -1);
  CHECK_FAILED ("nbd_get_size", EINVAL, NULL);
  CHECK (nbd_is_read_only (nbd) == -1);
  CHECK_FAILED ("nbd_is_read_only", EINVAL, NULL);
  CHECK (nbd_can_flush (nbd) == -1);
  CHECK_FAILED ("nbd_can_flush", EINVAL, NULL);
  /* The library waits for the caller, not for the socket. */
  CHECK (nbd_aio_get_direction (nbd) == 0);
  CHECK (nbd_aio_get_fd (nbd) >= 0);
  CHECK (fcntl (nbd_aio_get_fd (nbd), F_GETFL) & O_NONBLOCK);
  /* Negotiation is not the transmission phase. */
  CHECK (nbd_aio_disconnect (nbd, 0) == -1);
  CHECK_FAILED ("nbd_aio_disconnect", EINVAL, NULL);
  CHECK (nbd_connect_unix (nbd, unixsocket) == -1);
  CHECK_FAILED ("nbd_connect_unix", EINVAL, NULL);
  CHECK_STATE (nbd, "negotiating");
  nbd_close (nbd);
}

static void
test_opt_list (void)
{
  struct nbd_handle *nbd = connect_opt_mode (true);
  struct names names = { 0 };

  CHECK (nbd_opt_list (nbd, LIST_CALLBACK (&names)) == 3);
  check_export_list (&names);
  CHECK (names.frees == 1);
  CHECK_STATE (nbd, "negotiating");

  /* nbdkit answers a second request with an error: the call fails,
   * the callback is not reached, and negotiation goes on.
   */
  names_reset (&names);
  CHECK (nbd_opt_list (nbd, LIST_CALLBACK (&names)) == -1);
  CHECK_FAILED ("nbd_opt_list", ENOTSUP, NULL);
  CHECK (names.count == 0 && names.frees == 1);
  CHECK_STATE (nbd, "negotiating");
  nbd_close (nbd);
  names_reset (&names);
}

static void
test_aio_opt_list (void)
{
  struct nbd_handle *nbd = connect_opt_mode (true);
  struct names names = { 0 };
  struct completion done = { 0 };

  CHECK (nbd_aio_opt_list (nbd, LIST_CALLBACK (&names),
                           COMPLETION_CALLBACK (&done)) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_export_list (&names);
  CHECK (done.calls == 1 && done.error == 0);
  CHECK (names.frees == 1 && done.frees == 1);

  /* Only the completion callback learns of the refusal. */
  names_reset (&names);
  memset (&done, 0, sizeof done);
  CHECK (nbd_aio_opt_list (nbd, LIST_CALLBACK (&names),
                           COMPLETION_CALLBACK (&done)) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  CHECK (names.count == 0);
  CHECK (done.calls == 1 && done.error == ENOTSUP);
  CHECK (names.frees == 1 && done.frees == 1);
  nbd_close (nbd);
  names_reset (&names);
}

static void
test_opt_info (void)
{
  struct nbd_handle *nbd = connect_opt_mode (true);
  struct completion done = { 0 };

  CHECK (nbd_set_export_name (nbd, "b") == 0);
  CHECK (nbd_opt_info (nbd) == 0);
  CHECK_STATE (nbd, "negotiating");
  CHECK (nbd_get_size (nbd) == 2 * MiB);
  CHECK (nbd_is_read_only (nbd) == 1);
  CHECK (nbd_can_flush (nbd) == 0);

  /* An unknown name: the server's "unknown export" is ENOENT, and what
   * was learned about "b" no longer holds.
   */
  CHECK (nbd_set_export_name (nbd, "nope") == 0);
  CHECK (nbd_opt_info (nbd) == -1);
  CHECK_FAILED ("nbd_opt_info", ENOENT, NULL);
  CHECK_STATE (nbd, "negotiating");
  CHECK (nbd_get_size (nbd) == -1);
  CHECK_FAILED ("nbd_get_size", EINVAL, NULL);

  CHECK (nbd_set_export_name (nbd, "a") == 0);
  CHECK (nbd_aio_opt_info (nbd, COMPLETION_CALLBACK (&done)) == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error == 0 && done.frees == 1);
  CHECK (nbd_get_size (nbd) == 1 * MiB);

  memset (&done, 0, sizeof done);
  CHECK (nbd_set_export_name (nbd, "") == 0);
  CHECK (nbd_aio_opt_info (nbd, COMPLETION_CALLBACK (&done)) == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error == ENOENT && done.frees == 1);
  CHECK_STATE (nbd, "negotiating");
  CHECK (nbd_get_size (nbd) == -1);
  nbd_close (nbd);
}

static void
test_opt_go (void)
{
  struct nbd_handle *nbd = connect_opt_mode (true);

  /* A refused export leaves the handle negotiating, ready for another
   * name.
   */
  CHECK (nbd_opt_go (nbd) == -1);
  CHECK_FAILED ("nbd_opt_go", ENOENT, NULL);
  CHECK_STATE (nbd, "negotiating");
  CHECK (nbd_set_export_name (nbd, "with space") == 0);
  CHECK (nbd_opt_go (nbd) == 0);
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_get_size (nbd) == 3 * MiB);
  CHECK_STRING (nbd_get_export_name (nbd), "with space");

  /* Negotiation is over. */
  CHECK (nbd_opt_go (nbd) == -1);
  CHECK_FAILED ("nbd_opt_go", EINVAL, NULL);
  CHECK (nbd_opt_info (nbd) == -1);
  CHECK_FAILED ("nbd_opt_info", EINVAL, NULL);
  CHECK (nbd_opt_abort (nbd) == -1);
  CHECK_FAILED ("nbd_opt_abort", EINVAL, NULL);
  CHECK (nbd_set_export_name (nbd, "a") == -1);
  CHECK_FAILED ("nbd_set_export_name", EINVAL, NULL);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  CHECK_STATE (nbd, "closed");
  nbd_close (nbd);
}

static void
test_aio_opt_go (void)
{
  struct nbd_handle *nbd = connect_opt_mode (true);
  struct completion done = { 0 };

  CHECK (nbd_set_export_name (nbd, "nope") == 0);
  CHECK (nbd_aio_opt_go (nbd, COMPLETION_CALLBACK (&done)) == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error == ENOENT && done.frees == 1);
  CHECK_STATE (nbd, "negotiating");

  memset (&done, 0, sizeof done);
  CHECK (nbd_set_export_name (nbd, "a") == 0);
  CHECK (nbd_aio_opt_go (nbd, COMPLETION_CALLBACK (&done)) == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error == 0 && done.frees == 1);
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_get_size (nbd) == 1 * MiB);
  nbd_close (nbd);
}

/* Each way of leaving negotiation without an export ends with the
 * connection closed cleanly, not dead.
 */
static void
test_abort (void)
{
  struct nbd_handle *nbd;
  struct names names = { 0 };

  nbd = connect_opt_mode (true);
  CHECK (nbd_opt_abort (nbd) == 0);
  CHECK_STATE (nbd, "closed");
  CHECK (strcmp (nbd_get_protocol (nbd), "newstyle-fixed") == 0);
  CHECK (nbd_opt_abort (nbd) == -1);
  CHECK_FAILED ("nbd_opt_abort", EINVAL, NULL);
  CHECK (nbd_opt_list (nbd, LIST_CALLBACK (&names)) == -1);
  CHECK_FAILED ("nbd_opt_list", EINVAL, NULL);
  CHECK (names.count == 0 && names.frees == 1);
  nbd_close (nbd);

  nbd = connect_opt_mode (true);
  CHECK (nbd_aio_opt_abort (nbd) == 0);
  CHECK_POLL_TO_STATE (nbd, "closed");
  nbd_close (nbd);

  /* nbd_shutdown works in negotiation too (libnbd 1.14 refused). */
  nbd = connect_opt_mode (true);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  CHECK_STATE (nbd, "closed");
  nbd_close (nbd);
}

static void
test_opt_structured_reply (void)
{
  struct nbd_handle *nbd = connect_opt_mode (false);
  struct completion done = { 0 };

  /* Nothing was asked for automatically. */
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 0);
  CHECK (nbd_opt_structured_reply (nbd) == 1);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 1);
  CHECK_STATE (nbd, "negotiating");

  /* A repeat may be refused as redundant; what was agreed holds. */
  CHECK (nbd_aio_opt_structured_reply (nbd, COMPLETION_CALLBACK (&done))
         == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.frees == 1);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 1);
  CHECK_STATE (nbd, "negotiating");

  CHECK (nbd_set_export_name (nbd, "a") == 0);
  CHECK (nbd_opt_go (nbd) == 0);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 1);
  /* Fragment-free reads need structured replies, and nbdkit has them. */
  CHECK (nbd_can_df (nbd) == 1);
  nbd_close (nbd);

  /* Asynchronously, the completion callback sees the server's yes. */
  nbd = connect_opt_mode (false);
  memset (&done, 0, sizeof done);
  CHECK (nbd_aio_opt_structured_reply (nbd, COMPLETION_CALLBACK (&done))
         == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error == 0 && done.frees == 1);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 1);
  nbd_close (nbd);
}

static void
test_opt_extended_headers (void)
{
  struct nbd_handle *nbd;
  struct completion done = { 0 };

  /* nbdkit 1.32 does not know the option: a refusal, so false, and
   * the connection is as it was.
   */
  nbd = connect_opt_mode (false);
  CHECK (nbd_opt_extended_headers (nbd) == 0);
  CHECK (nbd_get_extended_headers_negotiated (nbd) == 0);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 0);
  CHECK_STATE (nbd, "negotiating");

  CHECK (nbd_aio_opt_extended_headers (nbd, COMPLETION_CALLBACK (&done))
         == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error != 0 && done.frees == 1);
  CHECK (nbd_get_extended_headers_negotiated (nbd) == 0);
  CHECK_STATE (nbd, "negotiating");

  /* Structured replies are still there to be had. */
  CHECK (nbd_opt_structured_reply (nbd) == 1);
  CHECK (nbd_set_export_name (nbd, "b") == 0);
  CHECK (nbd_opt_go (nbd) == 0);
  CHECK (nbd_get_extended_headers_negotiated (nbd) == 0);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 1);
  CHECK (nbd_can_block_status_payload (nbd) == 0);
  CHECK (nbd_get_size (nbd) == 2 * MiB);
  nbd_close (nbd);
}

/* Without option mode the same server is reached in one call, and the
 * option calls are state errors.
 */
static void
test_without_opt_mode (void)
{
  struct nbd_handle *nbd = create_handle ();
  struct names names = { 0 };

  CHECK (nbd_set_export_name (nbd, "b") == 0);
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_get_size (nbd) == 2 * MiB);
  CHECK (nbd_opt_list (nbd, LIST_CALLBACK (&names)) == -1);
  CHECK_FAILED ("nbd_opt_list", EINVAL, NULL);
  CHECK (names.count == 0 && names.frees == 1);
  CHECK (nbd_opt_structured_reply (nbd) == -1);
  CHECK_FAILED ("nbd_opt_structured_reply", EINVAL, NULL);
  nbd_close (nbd);

  /* The default export is refused, so the whole connection fails. */
  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, unixsocket) == -1);
  CHECK_FAILED ("nbd_connect_unix", ENOENT, NULL);
  CHECK_STATE (nbd, "dead");
  nbd_close (nbd);
}

int
main (int argc, char *argv[])
{
  check_our_library ();
  if (argc != 2) {
    fprintf (stderr, "usage: %s UNIXSOCKET\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  unixsocket = argv[1];

  test_negotiating ();
  test_opt_list ();
  test_aio_opt_list ();
  test_opt_info ();
  test_opt_go ();
  test_aio_opt_go ();
  test_without_opt_mode ();
  test_abort ();
  test_opt_structured_reply ();
  test_opt_extended_headers ();
  return EXIT_SUCCESS;
}
