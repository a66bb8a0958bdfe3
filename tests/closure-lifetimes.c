/* Every closure given to an option call has its free function run
 * exactly once: when the option succeeds, when the server refuses it,
 * when the connection dies under it, when the handle is closed with it
 * pending, and when the call itself is rejected.  Callbacks run in the
 * documented order: the per-item callback each time, then completion,
 * then the item callback's free, then the completion's free.  Data
 * commands keep that order too.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: closure-lifetimes UNIXSOCKET HANGUP_DIR
 * closure-lifetimes.sh starts nbdkit on UNIXSOCKET listing the exports
 * "a" and "b" and refusing all others (the default export "" too),
 * and hangup-server.py with the first-option and no-reply modes in
 * HANGUP_DIR.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

/* Each callback appends a letter to the log:
 *   L  list callback      l  its free
 *   C  context callback   x  its free
 *   c  completion         f  its free
 *   E  extent callback    e  its free
 *   K  chunk callback     k  its free
 */
static char log_text[256];
static int completion_error;

static void
log_event (char c)
{
  size_t n = strlen (log_text);

  CHECK (n + 1 < sizeof log_text);
  log_text[n] = c;
  log_text[n + 1] = '\0';
}

static int
list_cb (void *user_data, const char *name, const char *description)
{
  CHECK (user_data == log_text);
  CHECK (name != NULL && description != NULL);
  log_event ('L');
  return 0;
}

static void
list_free (void *user_data)
{
  CHECK (user_data == log_text);
  log_event ('l');
}

static int
context_cb (void *user_data, const char *name)
{
  CHECK (user_data == log_text);
  CHECK (name != NULL);
  log_event ('C');
  return 0;
}

static void
context_free (void *user_data)
{
  CHECK (user_data == log_text);
  log_event ('x');
}

static int
completion_cb (void *user_data, int *error)
{
  CHECK (user_data == log_text);
  completion_error = *error;
  log_event ('c');
  return 1;
}

static void
completion_free (void *user_data)
{
  CHECK (user_data == log_text);
  log_event ('f');
}

static int
extent_cb (void *user_data, const char *metacontext, uint64_t offset,
           nbd_extent *entries, size_t nr_entries, int *error)
{
  CHECK (user_data == log_text);
  CHECK (metacontext != NULL && entries != NULL && nr_entries > 0);
  (void) offset;
  (void) error;
  log_event ('E');
  return 0;
}

static void
extent_free (void *user_data)
{
  CHECK (user_data == log_text);
  log_event ('e');
}

static int
chunk_cb (void *user_data, const void *subbuf, size_t count,
          uint64_t offset, unsigned status, int *error)
{
  CHECK (user_data == log_text);
  (void) subbuf;
  (void) count;
  (void) offset;
  (void) status;
  (void) error;
  log_event ('K');
  return 0;
}

static void
chunk_free (void *user_data)
{
  CHECK (user_data == log_text);
  log_event ('k');
}

#define LIST ((nbd_list_callback) { list_cb, log_text, list_free })
#define CONTEXT ((nbd_context_callback) { context_cb, log_text, context_free })
#define DONE ((nbd_completion_callback) { completion_cb, log_text,      \
                                          completion_free })

static void
reset_log (void)
{
  log_text[0] = '\0';
  completion_error = -1;
}

static void
check_log (const char *want)
{
  if (strcmp (log_text, want) != 0) {
    fprintf (stderr, "callbacks ran as \"%s\", want \"%s\"\n",
             log_text, want);
    exit (EXIT_FAILURE);
  }
}

/* A rejected call frees each of its closures once and calls none:
 * which free comes first is not specified.
 */
static void
check_rejected (const char *frees)
{
  size_t i;

  CHECK (strlen (log_text) == strlen (frees));
  for (i = 0; frees[i]; i++)
    CHECK (strchr (log_text, frees[i]) != NULL);
}

static const char *unixsocket, *hangup_dir;

static struct nbd_handle *
connect_opt_mode (const char *path, bool structured_replies)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_set_request_structured_replies (nbd, structured_replies) == 0);
  CHECK (nbd_set_request_extended_headers (nbd, false) == 0);
  return connect_opt_mode_unix (nbd, path);
}

static void
test_success (void)
{
  struct nbd_handle *nbd = connect_opt_mode (unixsocket, true);
  char *queries[] = { LIBNBD_CONTEXT_BASE_ALLOCATION, NULL };

  /* A synchronous call frees its closure before it returns. */
  reset_log ();
  CHECK (nbd_opt_list (nbd, LIST) == 2);
  check_log ("LLl");

  reset_log ();
  CHECK (nbd_opt_list_meta_context (nbd, CONTEXT) == 1);
  check_log ("Cx");
  reset_log ();
  CHECK (nbd_opt_list_meta_context_queries (nbd, queries, CONTEXT) == 1);
  check_log ("Cx");
  reset_log ();
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_opt_set_meta_context (nbd, CONTEXT) == 1);
  check_log ("Cx");
  reset_log ();
  CHECK (nbd_opt_set_meta_context_queries (nbd, queries, CONTEXT) == 1);
  check_log ("Cx");

  reset_log ();
  CHECK (nbd_aio_opt_list_meta_context (nbd, CONTEXT, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("Ccxf");
  CHECK (completion_error == 0);
  reset_log ();
  CHECK (nbd_aio_opt_list_meta_context_queries (nbd, queries, CONTEXT, DONE)
         == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("Ccxf");
  CHECK (completion_error == 0);
  reset_log ();
  CHECK (nbd_aio_opt_set_meta_context (nbd, CONTEXT, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("Ccxf");
  CHECK (completion_error == 0);
  reset_log ();
  CHECK (nbd_aio_opt_set_meta_context_queries (nbd, queries, CONTEXT, DONE)
         == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("Ccxf");
  CHECK (completion_error == 0);

  CHECK (nbd_set_export_name (nbd, "a") == 0);
  reset_log ();
  CHECK (nbd_aio_opt_info (nbd, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("cf");
  CHECK (completion_error == 0);
  reset_log ();
  CHECK (nbd_aio_opt_structured_reply (nbd, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("cf");

  /* A completion without a function still has its free run, once the
   * option is over.
   */
  reset_log ();
  CHECK (nbd_aio_opt_info (nbd, (nbd_completion_callback) {
        .callback = NULL, .user_data = log_text, .free = completion_free })
    == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("f");

  reset_log ();
  CHECK (nbd_aio_opt_go (nbd, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "ready");
  check_log ("cf");
  CHECK (completion_error == 0);
  nbd_close (nbd);

  /* A fresh connection for the asynchronous list: nbdkit answers one
   * NBD_OPT_LIST per connection.
   */
  nbd = connect_opt_mode (unixsocket, true);
  reset_log ();
  CHECK (nbd_aio_opt_list (nbd, LIST, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("LLclf");
  CHECK (completion_error == 0);
  reset_log ();
  CHECK (nbd_aio_opt_abort (nbd) == 0);
  CHECK_POLL_TO_STATE (nbd, "closed");
  check_log ("");
  nbd_close (nbd);
}

static void
run_until_idle (struct nbd_handle *nbd)
{
  while (nbd_aio_in_flight (nbd) > 0)
    CHECK (nbd_poll (nbd, -1) != -1);
}

/* Export "a" holds 1M of zeroes, so each command's mid-command callback
 * runs once: one extent, one data chunk.
 */
static void
test_data_commands (void)
{
  struct nbd_handle *nbd = create_handle ();
  static char buf[4096];

  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_set_export_name (nbd, "a") == 0);
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);

  reset_log ();
  CHECK (nbd_aio_block_status_64 (nbd, sizeof buf, 0,
                                  (nbd_extent64_callback) {
                                    extent_cb, log_text, extent_free },
                                  DONE, LIBNBD_CMD_FLAG_REQ_ONE) > 0);
  run_until_idle (nbd);
  check_log ("Ecef");
  CHECK (completion_error == 0);

  reset_log ();
  CHECK (nbd_aio_pread_structured (nbd, buf, sizeof buf, 0,
                                   (nbd_chunk_callback) {
                                     chunk_cb, log_text, chunk_free },
                                   DONE, 0) > 0);
  run_until_idle (nbd);
  check_log ("Kckf");
  CHECK (completion_error == 0);
  nbd_close (nbd);
}

static void
test_server_error (void)
{
  struct nbd_handle *nbd = connect_opt_mode (unixsocket, true);

  CHECK (nbd_opt_list (nbd, LIST) == 2);

  /* nbdkit refuses a second list. */
  reset_log ();
  CHECK (nbd_opt_list (nbd, LIST) == -1);
  CHECK_FAILED ("nbd_opt_list", ENOTSUP, NULL);
  check_log ("l");
  reset_log ();
  CHECK (nbd_aio_opt_list (nbd, LIST, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("clf");
  CHECK (completion_error == ENOTSUP);

  /* The default export is refused. */
  reset_log ();
  CHECK (nbd_aio_opt_info (nbd, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("cf");
  CHECK (completion_error == ENOENT);
  reset_log ();
  CHECK (nbd_aio_opt_go (nbd, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("cf");
  CHECK (completion_error == ENOENT);

  /* nbdkit 1.32 does not know extended headers. */
  reset_log ();
  CHECK (nbd_aio_opt_extended_headers (nbd, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("cf");
  CHECK (completion_error != 0);
  nbd_close (nbd);

  /* Without structured replies nbdkit refuses to set meta contexts. */
  nbd = connect_opt_mode (unixsocket, false);
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  reset_log ();
  CHECK (nbd_opt_set_meta_context (nbd, CONTEXT) == -1);
  CHECK_FAILED ("nbd_opt_set_meta_context", ENOTSUP, NULL);
  check_log ("x");
  reset_log ();
  CHECK (nbd_aio_opt_set_meta_context (nbd, CONTEXT, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("cxf");
  CHECK (completion_error == ENOTSUP);
  nbd_close (nbd);
}

static void
test_rejected (void)
{
  struct nbd_handle *nbd;
  char *queries[] = { NULL };

  /* No handle. */
  reset_log ();
  CHECK (nbd_aio_opt_list (NULL, LIST, DONE) == -1);
  CHECK_FAILED ("nbd_aio_opt_list", EFAULT, NULL);
  check_rejected ("lf");
  reset_log ();
  CHECK (nbd_opt_list_meta_context (NULL, CONTEXT) == -1);
  CHECK_FAILED ("nbd_opt_list_meta_context", EFAULT, NULL);
  check_rejected ("x");

  /* Not negotiating yet. */
  nbd = create_handle ();
  reset_log ();
  CHECK (nbd_aio_opt_go (nbd, DONE) == -1);
  CHECK_FAILED ("nbd_aio_opt_go", ENOTCONN, NULL);
  check_rejected ("f");
  nbd_close (nbd);

  nbd = connect_opt_mode (unixsocket, false);
  /* A required argument missing. */
  reset_log ();
  CHECK (nbd_aio_opt_list_meta_context_queries (nbd, NULL, CONTEXT, DONE)
         == -1);
  CHECK_FAILED ("nbd_aio_opt_list_meta_context_queries", EFAULT, NULL);
  check_rejected ("xf");
  /* The list callback is not optional. */
  reset_log ();
  CHECK (nbd_opt_list (nbd, (nbd_list_callback) {
        .callback = NULL, .user_data = log_text, .free = list_free })
    == -1);
  CHECK_FAILED ("nbd_opt_list", EINVAL, NULL);
  check_rejected ("l");
  /* Without structured replies the contexts are still asked for, as
   * libnbd asks, and nbdkit answers all the same.
   */
  reset_log ();
  CHECK (nbd_aio_opt_list_meta_context (nbd, CONTEXT, DONE) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_log ("Ccxf");
  CHECK (completion_error == 0);
  reset_log ();
  CHECK (nbd_opt_list_meta_context_queries (nbd, queries, CONTEXT) == 1);
  check_log ("Cx");

  /* Negotiation is over. */
  CHECK (nbd_set_export_name (nbd, "b") == 0);
  CHECK (nbd_opt_go (nbd) == 0);
  reset_log ();
  CHECK (nbd_aio_opt_list (nbd, LIST, DONE) == -1);
  CHECK_FAILED ("nbd_aio_opt_list", EINVAL, NULL);
  check_rejected ("lf");
  reset_log ();
  CHECK (nbd_aio_opt_set_meta_context_queries (nbd, queries, CONTEXT, DONE)
         == -1);
  CHECK_FAILED ("nbd_aio_opt_set_meta_context_queries", EINVAL, NULL);
  check_rejected ("xf");
  reset_log ();
  CHECK (nbd_aio_opt_structured_reply (nbd, DONE) == -1);
  CHECK_FAILED ("nbd_aio_opt_structured_reply", EINVAL, NULL);
  check_rejected ("f");
  nbd_close (nbd);
}

static void
test_connection_lost (void)
{
  struct nbd_handle *nbd;
  char path[256];

  /* The server hangs up once it has the option: the completion
   * callback hears of it, then both closures are freed.  If the hangup
   * is quick, sending the option already meets it and the aio call
   * fails; otherwise the poll does.
   */
  snprintf (path, sizeof path, "%s/first-option.sock", hangup_dir);
  nbd = connect_opt_mode (path, false);
  reset_log ();
  which_call_failed (nbd, nbd_aio_opt_list (nbd, LIST, DONE),
                     "nbd_aio_opt_list");
  CHECK_STATE (nbd, "dead");
  check_log ("clf");
  CHECK (completion_error == ENOTCONN);
  nbd_close (nbd);

  /* The server never answers and the handle is closed with the option
   * pending: each closure is freed once, by nbd_close.  The completion
   * may be told of the failure, but must not report success.
   */
  snprintf (path, sizeof path, "%s/no-reply.sock", hangup_dir);
  nbd = connect_opt_mode (path, false);
  reset_log ();
  CHECK (nbd_aio_opt_list (nbd, LIST, DONE) == 0);
  CHECK (nbd_poll (nbd, 0) >= 0);
  CHECK (nbd_aio_is_connecting (nbd) == 1);
  check_log ("");
  nbd_close (nbd);
  if (strcmp (log_text, "clf") == 0)
    CHECK (completion_error != 0);
  else
    check_log ("lf");

  nbd = connect_opt_mode (path, false);
  reset_log ();
  CHECK (nbd_aio_opt_info (nbd, DONE) == 0);
  check_log ("");
  nbd_close (nbd);
  if (strcmp (log_text, "cf") == 0)
    CHECK (completion_error != 0);
  else
    check_log ("f");
}

int
main (int argc, char *argv[])
{
  check_our_library ();
  if (argc != 3) {
    fprintf (stderr, "usage: %s UNIXSOCKET HANGUP_DIR\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  unixsocket = argv[1];
  hangup_dir = argv[2];

  test_rejected ();
  test_success ();
  test_data_commands ();
  test_server_error ();
  test_connection_lost ();
  return EXIT_SUCCESS;
}
