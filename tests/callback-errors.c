/* The rules that language bindings build on, from libnbd(3)'s sections
 * on callbacks: how an error stored by a callback reaches the command's
 * result, how often each callback and each free function runs and in
 * which order, automatic retirement, and a completion callback that
 * frees what the command used.
 *
 *   callback-errors QEMU_SOCKET ERROR_SOCKET
 *
 * callback-errors.sh serves a 2M raw image on QEMU_SOCKET with
 * qemu-nbd --allocation-depth: data in the first 1M, a hole in the
 * second, so that a read of both comes in two chunks and block status
 * reports two contexts.  ERROR_SOCKET is nbdkit, whose reads all fail
 * with EIO.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

#define MiB (1024 * 1024)
#define DEPTH "qemu:allocation-depth"

/* What a callback does, and what it saw.  Each callback appends a
 * letter to the log: K chunk, E extent, c completion; k, e, f their
 * free functions.
 */
struct behaviour {
  int result;             /* what the callback returns */
  int store;              /* stored into *error first, unless 0 */
  int store_on_call;      /* ...only on this call (1, 2, ...), or all */
  unsigned calls;
  int seen[8];            /* *error on entry to each call */
};

static char event_log[64];
static struct behaviour chunk, extent, completion;

static void
log_event (char c)
{
  size_t n = strlen (event_log);

  CHECK (n + 1 < sizeof event_log);
  event_log[n] = c;
}

static int
behave (struct behaviour *b, char letter, int *error)
{
  log_event (letter);
  CHECK (b->calls < sizeof b->seen / sizeof b->seen[0]);
  b->seen[b->calls++] = *error;
  if (b->store &&
      (b->store_on_call == 0 || b->store_on_call == (int) b->calls))
    *error = b->store;
  return b->result;
}

static int
chunk_cb (void *user_data, const void *subbuf, size_t count,
          uint64_t offset, unsigned status, int *error)
{
  (void) subbuf;
  (void) count;
  (void) offset;
  (void) status;
  return behave (user_data, 'K', error);
}

static int
extent_cb (void *user_data, const char *metacontext, uint64_t offset,
           nbd_extent *entries, size_t nr_entries, int *error)
{
  (void) metacontext;
  (void) offset;
  (void) entries;
  (void) nr_entries;
  return behave (user_data, 'E', error);
}

static int
completion_cb (void *user_data, int *error)
{
  return behave (user_data, 'c', error);
}

static void chunk_free (void *user_data) { (void) user_data; log_event ('k'); }
static void extent_free (void *user_data) { (void) user_data; log_event ('e'); }
static void completion_free (void *user_data)
{
  (void) user_data;
  log_event ('f');
}

#define CHUNK ((nbd_chunk_callback) {                                   \
      .callback = chunk_cb, .user_data = &chunk, .free = chunk_free })
#define EXTENT ((nbd_extent64_callback) {                               \
      .callback = extent_cb, .user_data = &extent, .free = extent_free })
#define COMPLETION ((nbd_completion_callback) {                         \
      .callback = completion_cb, .user_data = &completion,              \
      .free = completion_free })

static void
reset (void)
{
  memset (event_log, 0, sizeof event_log);
  memset (&chunk, 0, sizeof chunk);
  memset (&extent, 0, sizeof extent);
  memset (&completion, 0, sizeof completion);
}

static void
check_log (const char *want)
{
  if (strcmp (event_log, want) != 0) {
    fprintf (stderr, "callbacks ran as \"%s\", want \"%s\"\n",
             event_log, want);
    exit (EXIT_FAILURE);
  }
}

static struct nbd_handle *
connect_to (const char *path)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_add_meta_context (nbd, DEPTH) == 0);
  CHECK (nbd_connect_unix (nbd, path) == 0);
  return nbd;
}

/* Run until no command is in flight. */
static void
drain (struct nbd_handle *nbd)
{
  while (nbd_aio_in_flight (nbd) > 0)
    CHECK (nbd_poll (nbd, -1) != -1);
}

/* Run the command to completion and retire it: its result. */
static int
finish (struct nbd_handle *nbd, int64_t cookie)
{
  int r;

  CHECK (cookie > 0);
  while ((r = nbd_aio_command_completed (nbd, cookie)) == 0)
    CHECK (nbd_poll (nbd, -1) != -1);
  return r == -1 ? -1 : 0;
}

/* A chunk callback's error fails the command, and the callback is
 * still reached for the next chunk, seeing the error so far.  An error
 * stored without returning -1 is ignored, and so is -1 with no error
 * stored.
 */
static void
test_chunk_errors (struct nbd_handle *nbd)
{
  static char buf[2 * MiB];

  reset ();
  chunk.result = -1;
  chunk.store = EXDEV;
  chunk.store_on_call = 1;
  CHECK (nbd_pread_structured (nbd, buf, sizeof buf, 0, CHUNK, 0) == -1);
  CHECK_FAILED ("nbd_pread_structured", EXDEV, NULL);
  check_log ("KKk");
  CHECK (chunk.seen[0] == 0 && chunk.seen[1] == EXDEV);

  reset ();
  chunk.store = EXDEV;
  CHECK (nbd_pread_structured (nbd, buf, sizeof buf, 0, CHUNK, 0) == 0);
  check_log ("KKk");
  CHECK (chunk.seen[1] == 0);

  reset ();
  chunk.result = -1;
  CHECK (nbd_pread_structured (nbd, buf, sizeof buf, 0, CHUNK, 0) == -1);
  CHECK_FAILED ("nbd_pread_structured", EPROTO, NULL);
  check_log ("KKk");
  CHECK (chunk.seen[1] == EPROTO);

  /* Asynchronously the completion callback sees the error, then the
   * command's result carries it.
   */
  reset ();
  chunk.result = -1;
  chunk.store = EXDEV;
  CHECK (finish (nbd, nbd_aio_pread_structured (nbd, buf, sizeof buf, 0,
                                                CHUNK, COMPLETION, 0)) == -1);
  CHECK_FAILED ("nbd_aio_command_completed", EXDEV, NULL);
  check_log ("KKckf");
  CHECK (completion.calls == 1 && completion.seen[0] == EXDEV);
}

/* Block status: the extent callback runs once per context.  Of the
 * errors the mid-command callbacks store, the first counts; the
 * completion callback may replace it.
 */
static void
test_extent_errors (struct nbd_handle *nbd)
{
  reset ();
  extent.result = -1;
  extent.store = EXDEV;
  extent.store_on_call = 1;
  CHECK (nbd_block_status_64 (nbd, 2 * MiB, 0, EXTENT, 0) == -1);
  CHECK_FAILED ("nbd_block_status_64", EXDEV, NULL);
  check_log ("EEe");

  reset ();
  extent.result = -1;
  extent.store = EXDEV;
  extent.store_on_call = 1;
  completion.result = -1;
  completion.store = ENOSPC;
  CHECK (finish (nbd, nbd_aio_block_status_64 (nbd, 2 * MiB, 0, EXTENT,
                                               COMPLETION, 0)) == -1);
  CHECK_FAILED ("nbd_aio_command_completed", ENOSPC, NULL);
  check_log ("EEcef");
  CHECK (extent.seen[1] == EXDEV && completion.seen[0] == EXDEV);
}

/* A completion callback that returns -1 fails a command that had
 * succeeded, with the error it stored.
 */
static void
test_completion_errors (struct nbd_handle *nbd)
{
  static char buf[4096];

  reset ();
  completion.result = -1;
  completion.store = ENOSPC;
  CHECK (finish (nbd, nbd_aio_pread (nbd, buf, sizeof buf, 0,
                                     COMPLETION, 0)) == -1);
  CHECK_FAILED ("nbd_aio_command_completed", ENOSPC, NULL);
  check_log ("cf");
  CHECK (completion.seen[0] == 0);

  /* Storing an error while returning 0 changes nothing. */
  reset ();
  completion.store = ENOSPC;
  CHECK (finish (nbd, nbd_aio_pread (nbd, buf, sizeof buf, 0,
                                     COMPLETION, 0)) == 0);
  check_log ("cf");
}

/* Returning 1 retires the command at once: nothing is left to peek
 * at, and the cookie is then unknown, which nbd_aio_command_completed
 * answers as libnbd does, as if the command were still on its way.
 */
static void
test_auto_retire (struct nbd_handle *nbd)
{
  static char buf[4096];
  int64_t cookie;

  reset ();
  completion.result = 1;
  cookie = nbd_aio_pread (nbd, buf, sizeof buf, 0, COMPLETION, 0);
  CHECK (cookie > 0);
  drain (nbd);
  check_log ("cf");
  CHECK (nbd_aio_peek_command_completed (nbd) == -1);
  CHECK_FAILED ("nbd_aio_peek_command_completed", EINVAL, NULL);
  CHECK (nbd_aio_command_completed (nbd, cookie) == 0);

  /* Even a failed command: its error is nobody's to see. */
  reset ();
  completion.result = 1;
  chunk.result = -1;
  chunk.store = EXDEV;
  CHECK (nbd_aio_pread_structured (nbd, buf, sizeof buf, 0, CHUNK,
                                   COMPLETION, 0) > 0);
  drain (nbd);
  check_log ("Kckf");
  CHECK (completion.seen[0] == EXDEV);
  CHECK (nbd_aio_peek_command_completed (nbd) == -1);
}

/* A completion callback may free the buffer the command read into and
 * the data its callbacks shared: the library touches neither again.
 * Under valgrind or the address sanitizer a later use would show.
 */
struct owned_read {
  char *buf;
  unsigned *completions;
};

static int
free_owned_read (void *user_data, int *error)
{
  struct owned_read *r = user_data;

  CHECK (*error == 0);
  (*r->completions)++;
  free (r->buf);
  free (r);
  return 1;
}

static void
test_completion_frees (struct nbd_handle *nbd)
{
  unsigned completions = 0, i;

  for (i = 0; i < 16; i++) {
    struct owned_read *r = malloc (sizeof *r);

    CHECK (r != NULL);
    r->buf = malloc (MiB);
    CHECK (r->buf != NULL);
    r->completions = &completions;
    CHECK (nbd_aio_pread (nbd, r->buf, MiB, i * 65536,
                          (nbd_completion_callback) {
                            .callback = free_owned_read, .user_data = r },
                          0) > 0);
  }
  drain (nbd);
  CHECK (completions == 16);
}

/* Without a function, the free function still runs, once, when the
 * command is retired; when the call itself fails, the completion
 * callback never runs but its free function does.
 */
static void
test_free_only (struct nbd_handle *nbd)
{
  static char buf[4096];
  int64_t cookie;

  reset ();
  cookie = nbd_aio_pread (nbd, buf, sizeof buf, 0,
                          (nbd_completion_callback) {
                            .free = completion_free }, 0);
  CHECK (finish (nbd, cookie) == 0);
  check_log ("f");

  reset ();
  CHECK (nbd_aio_pread (nbd, buf, sizeof buf, 4 * MiB, COMPLETION, 0) == -1);
  CHECK_FAILED ("nbd_aio_pread", EINVAL, NULL);
  check_log ("f");
}

/* A server error fails the command before any chunk arrives: the
 * completion callback sees it, and the chunk callback never runs.
 */
static void
test_server_error (const char *path)
{
  struct nbd_handle *nbd = create_handle ();
  static char buf[4096];

  CHECK (nbd_connect_unix (nbd, path) == 0);
  reset ();
  CHECK (finish (nbd, nbd_aio_pread_structured (nbd, buf, sizeof buf, 0,
                                                CHUNK, COMPLETION, 0)) == -1);
  CHECK_FAILED ("nbd_aio_command_completed", EIO, NULL);
  check_log ("ckf");
  CHECK (completion.seen[0] == EIO && chunk.calls == 0);

  reset ();
  CHECK (nbd_pread_structured (nbd, buf, sizeof buf, 0, CHUNK, 0) == -1);
  CHECK_FAILED ("nbd_pread_structured", EIO, NULL);
  check_log ("k");
  nbd_close (nbd);
}

int
main (int argc, char *argv[])
{
  struct nbd_handle *nbd;

  check_our_library ();
  CHECK (argc == 3);
  nbd = connect_to (argv[1]);
  test_chunk_errors (nbd);
  test_extent_errors (nbd);
  test_completion_errors (nbd);
  test_auto_retire (nbd);
  test_completion_frees (nbd);
  test_free_only (nbd);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);
  test_server_error (argv[2]);
  return EXIT_SUCCESS;
}
