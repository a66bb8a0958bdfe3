/* A server that breaks the protocol in a reply: the command fails with
 * a clear error, its completion callback runs once, and the handle is
 * dead rather than out of step.
 *
 *   bad-replies MODE SOCKET        (MODE as bad-reply-server.py has it)
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

/* Well-formed chunks that do not cover the read exactly: the read fails
 * (EIO for a gap, EPROTO for an overlap) but the connection stays in
 * step, until the server hangs up.
 */
static void
test_bad_coverage (struct nbd_handle *nbd, const char *mode)
{
  char buf[512];

  CHECK (nbd_pread (nbd, buf, sizeof buf, 4096, 0) == -1);
  CHECK_FAILED ("nbd_pread", strcmp (mode, "missing-data") == 0 ?
                EIO : EPROTO, NULL);
  CHECK (nbd_aio_is_dead (nbd) == 0);
  nbd_close (nbd);
}

struct statuses {
  int data;
  int errors;
  int error_seen;
};

static int
note_status (void *user_data, const void *subbuf, size_t count,
             uint64_t offset, unsigned status, int *error)
{
  struct statuses *s = user_data;

  (void) subbuf;
  (void) count;
  if (status == LIBNBD_READ_DATA)
    s->data++;
  if (status == LIBNBD_READ_ERROR) {
    CHECK (offset == 4096 + 256);
    s->errors++;
    s->error_seen = *error;
  }
  return 0;
}

/* An error for part of a read: the chunk callback hears of it with
 * LIBNBD_READ_ERROR, the read fails with the server's error, and the
 * connection carries on.
 */
static void
test_error_offset (struct nbd_handle *nbd)
{
  struct statuses s = { 0 };
  nbd_chunk_callback cb = { .callback = note_status, .user_data = &s };
  char buf[512];

  CHECK (nbd_pread_structured (nbd, buf, sizeof buf, 4096, cb, 0) == -1);
  CHECK_FAILED ("nbd_pread_structured", EIO, NULL);
  CHECK (s.data == 1 && s.errors == 1 && s.error_seen == EIO);
  CHECK (nbd_aio_is_dead (nbd) == 0);
  nbd_close (nbd);
}

int
main (int argc, char *argv[])
{
  struct completion c = { 0 };
  nbd_completion_callback cb = COMPLETION_CALLBACK (&c);
  const char *mode;
  struct nbd_handle *nbd;
  char buf[512];
  int64_t cookie;
  int expected;

  check_our_library ();
  CHECK (argc == 3);
  mode = argv[1];
  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, argv[2]) == 0);
  CHECK (nbd_get_size (nbd) == 1024 * 1024);

  if (strcmp (mode, "error-offset") == 0) {
    test_error_offset (nbd);
    return EXIT_SUCCESS;
  }
  if (strcmp (mode, "missing-data") == 0 ||
      strcmp (mode, "overlapping-data") == 0) {
    test_bad_coverage (nbd, mode);
    return EXIT_SUCCESS;
  }
  cookie = nbd_aio_pread (nbd, buf, sizeof buf, 4096, cb, 0);
  /* A reply that cannot be trusted is EPROTO; one cut off is the
   * connection ending.  The aio call only queues the command, so the
   * poll that reads the reply is the call that says so.
   */
  CHECK (cookie > 0);
  expected = strncmp (mode, "truncated", 9) == 0 ? ECONNRESET : EPROTO;
  while (nbd_poll (nbd, -1) != -1)
    CHECK (!nbd_aio_is_dead (nbd));
  CHECK_FAILED ("nbd_poll", expected, NULL);
  CHECK (nbd_aio_is_dead (nbd) == 1);
  CHECK (c.calls == 1 && c.error == ENOTCONN && c.frees == 1);
  CHECK (nbd_aio_in_flight (nbd) == 0);
  CHECK (nbd_pread (nbd, buf, sizeof buf, 0, 0) == -1);
  CHECK_FAILED ("nbd_pread", EINVAL, "DEAD");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
