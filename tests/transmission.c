/* Commands against real servers: data written and read back, a pattern
 * checked byte by byte (read into every offset of a page too), structured
 * reads through a chunk callback, many commands in flight with completion
 * callbacks, large and small reads in flight together, errors from the
 * server as errno values, and the strict-mode checks made before sending.
 *
 *   transmission MODE SOCKET [EXPORT]
 *
 * MODE says what the server is: memory (writable, 16M), pattern
 * (nbdkit's pattern plugin, 16M), readonly, or error-EIO, error-ENOSPC,
 * error-EPERM (every request fails with that error), extents (a
 * memory disk asked for base:allocation), threads (a slow pattern disk
 * shared by several threads), readwrite (any writable 16M disk), depth
 * (qemu-nbd with its allocation depth context), aligned (a 4K minimum
 * block size) or slow-writes (each write takes a while).
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

#define MiB (1024 * 1024)
#define EXPORT_SIZE (16 * MiB)

static char buf[4 * MiB], data[4 * MiB];

/* Connect, asking for the contexts the mode's tests look at. */
static struct nbd_handle *
connect_to (const char *socket, const char *mode, const char *export)
{
  struct nbd_handle *nbd = create_handle ();
  bool depth = strcmp (mode, "depth") == 0;

  if (depth || strcmp (mode, "extents") == 0)
    CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  if (depth)
    CHECK (nbd_add_meta_context (nbd,
                                 LIBNBD_CONTEXT_QEMU_ALLOCATION_DEPTH) == 0);
  if (export)
    CHECK (nbd_set_export_name (nbd, export) == 0);
  CHECK (nbd_connect_unix (nbd, socket) == 0);
  CHECK (nbd_get_size (nbd) == EXPORT_SIZE);
  return nbd;
}

static void
test_write_read_back (struct nbd_handle *nbd)
{
  size_t i;

  for (i = 0; i < sizeof data; i++)
    data[i] = i * 7 + (i >> 12);
  CHECK (nbd_pwrite (nbd, data, sizeof data, MiB + 512, 0) == 0);
  CHECK (nbd_pread (nbd, buf, sizeof buf, MiB + 512, 0) == 0);
  CHECK (memcmp (buf, data, sizeof data) == 0);
  /* The rest uses what the server offers (nbdkit's memory disk offers
   * it all, which main checks); strict mode refuses the others.
   */
  if (nbd_can_fua (nbd) == 1)
    CHECK (nbd_pwrite (nbd, data, 4096, 0, LIBNBD_CMD_FLAG_FUA) == 0);
  if (nbd_can_flush (nbd) == 1)
    CHECK (nbd_flush (nbd, 0) == 0);
  if (nbd_can_cache (nbd) == 1)
    CHECK (nbd_cache (nbd, 4096, 0, 0) == 0);
  if (nbd_can_trim (nbd) == 1)
    CHECK (nbd_trim (nbd, MiB, 2 * MiB, 0) == 0);
  if (nbd_can_zero (nbd) == 0)
    return;

  /* A zeroed range reads back as zeroes, whatever surrounds it. */
  CHECK (nbd_zero (nbd, 8192, MiB + 512, 0) == 0);
  /* A fast zero may be refused when it would not be fast. */
  if (nbd_can_fast_zero (nbd) == 1 &&
      nbd_zero (nbd, 4096, 0, LIBNBD_CMD_FLAG_NO_HOLE |
                LIBNBD_CMD_FLAG_FAST_ZERO) == -1)
    CHECK_FAILED ("nbd_zero", ENOTSUP, NULL);
  CHECK (nbd_pread (nbd, buf, 8192, MiB + 512, 0) == 0);
  for (i = 0; i < 8192; i++)
    CHECK (buf[i] == 0);
  CHECK (nbd_pread (nbd, buf, 16, MiB + 512 + 8192, 0) == 0);
  CHECK (memcmp (buf, data + 8192, 16) == 0);
}

/* nbdkit's pattern plugin: each 8-byte word holds its own offset, big
 * endian.  Checked byte by byte, so that reads may start and end
 * anywhere.
 */
static void
check_pattern (const char *p, uint64_t offset, size_t count)
{
  size_t i;

  for (i = 0; i < count; i++) {
    uint64_t at = offset + i;
    unsigned shift = 56 - 8 * (at % 8);

    CHECK ((unsigned char) p[i] == (((at - at % 8) >> shift) & 0xff));
  }
}

struct chunks {
  int data;
  int holes;
  uint64_t bytes;
};

static int
count_chunk (void *user_data, const void *subbuf, size_t count,
             uint64_t offset, unsigned status, int *error)
{
  struct chunks *c = user_data;

  (void) subbuf;
  (void) offset;
  CHECK (*error == 0);
  if (status == LIBNBD_READ_DATA)
    c->data++;
  else if (status == LIBNBD_READ_HOLE)
    c->holes++;
  c->bytes += count;
  return 0;
}

static void
test_pattern (struct nbd_handle *nbd)
{
  struct chunks c = { 0 };
  nbd_chunk_callback cb = { .callback = count_chunk, .user_data = &c };

  CHECK (nbd_pread (nbd, buf, MiB, 5 * MiB + 64, 0) == 0);
  check_pattern (buf, 5 * MiB + 64, MiB);
  CHECK (nbd_pread_structured (nbd, buf, 65536, 0, cb, 0) == 0);
  check_pattern (buf, 0, 65536);
  if (nbd_can_df (nbd) == 1) {
    /* Unfragmented: the whole read in one data chunk. */
    struct chunks whole = { 0 };
    nbd_chunk_callback wcb = { .callback = count_chunk,
                               .user_data = &whole };

    CHECK (nbd_pread_structured (nbd, buf, 65536, 65536, wcb,
                                 LIBNBD_CMD_FLAG_DF) == 0);
    CHECK (whole.data == 1 && whole.bytes == 65536);
    check_pattern (buf, 65536, 65536);
  }
  if (nbd_get_structured_replies_negotiated (nbd))
    CHECK (c.data >= 1);
  CHECK (c.bytes == 65536 || !nbd_get_structured_replies_negotiated (nbd));
}

/* Many reads in flight at once, retired by their completion callbacks;
 * each lands in its own part of the buffer.  There are more of them
 * than the library has slots to find a reply's command by its cookie
 * (commands.c), so some share a slot and must be found otherwise, and
 * the server's threads answer them out of order.
 */
#define MANY_READS 600

static void
test_many_in_flight (struct nbd_handle *nbd)
{
  struct completion log = { 0 };
  nbd_completion_callback cb = COMPLETION_CALLBACK (&log);
  int i;

  for (i = 0; i < MANY_READS; i++)
    CHECK (nbd_aio_pread (nbd, buf + i * 4096, 4096, i * 24576, cb, 0) > 0);
  CHECK (nbd_aio_in_flight (nbd) == MANY_READS);
  /* A reply whose command is not found leaves that read in flight:
   * fail then, rather than wait for ever.
   */
  while (nbd_aio_in_flight (nbd) > 0)
    CHECK (nbd_poll (nbd, 30000) == 1);
  CHECK (log.calls == MANY_READS && log.errors == 0);
  for (i = 0; i < MANY_READS; i++)
    check_pattern (buf + i * 4096, i * 24576, 4096);
  CHECK (nbd_aio_peek_command_completed (nbd) == -1);
  CHECK_FAILED ("nbd_aio_peek_command_completed", EINVAL, NULL);
}

/* Reads large and small in flight together, sizes either side of the
 * one from which the library receives data straight into the caller's
 * buffer: while a large read is unfinished, the library reads the
 * headers of every reply through a smaller part of its buffer (io.c),
 * and the small replies' data still arrives through it.
 */
static void
test_mixed_sizes (struct nbd_handle *nbd)
{
  static const size_t sizes[] = {
    MiB, 4096, 512, 65536, 20, 16384, 16383, 300000, 1,
  };
  const size_t nr_sizes = sizeof sizes / sizeof sizes[0];
  struct completion log = { 0 };
  nbd_completion_callback cb = COMPLETION_CALLBACK (&log);
  size_t at = 0, round, i;

  for (round = 0; round < 2; round++)
    for (i = 0; i < nr_sizes; i++) {
      CHECK (at + sizes[i] <= sizeof buf);
      CHECK (nbd_aio_pread (nbd, buf + at, sizes[i], 3 * at + 7, cb,
                            0) > 0);
      at += sizes[i];
    }
  while (nbd_aio_in_flight (nbd) > 0)
    CHECK (nbd_poll (nbd, 30000) == 1);
  CHECK (log.calls == 2 * nr_sizes && log.errors == 0);
  at = 0;
  for (round = 0; round < 2; round++)
    for (i = 0; i < nr_sizes; i++) {
      check_pattern (buf + at, 3 * at + 7, sizes[i]);
      at += sizes[i];
    }
}

/* Reads into every 16-byte offset of a page: whatever offset of the
 * library's receive buffer a read's data arrives at, some of these
 * destinations lie just above it modulo 4 KiB, where the library copies
 * backwards.  Sizes with and without a remainder of 64 bytes; the bytes
 * around each destination must be left alone.
 */
static void
test_every_offset (struct nbd_handle *nbd)
{
  static const size_t sizes[] = { 300, 1000, 4096, 16000 };
  const char guard = 0x5a;
  size_t s, off, i;

  for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    for (off = 0; off < 4096; off += 16) {
      uint64_t from = (s * 4096 + off) * 8;

      memset (buf, guard, 2 * 4096 + sizes[s]);
      CHECK (nbd_pread (nbd, buf + 4096 + off, sizes[s], from, 0) == 0);
      check_pattern (buf + 4096 + off, from, sizes[s] & ~(size_t) 7);
      for (i = 0; i < 4096 + off; i++)
        CHECK (buf[i] == guard);
      for (i = 4096 + off + sizes[s]; i < 2 * 4096 + sizes[s]; i++)
        CHECK (buf[i] == guard);
    }
  }
}

/* Without a completion callback a command waits to be retired. */
static void
test_retire_by_cookie (struct nbd_handle *nbd)
{
  int64_t cookie = nbd_aio_pread (nbd, buf, 512, 0, NBD_NULL_COMPLETION, 0);

  CHECK (cookie > 0);
  while (nbd_aio_peek_command_completed (nbd) == 0)
    CHECK (nbd_poll (nbd, -1) >= 0);
  CHECK (nbd_aio_peek_command_completed (nbd) == cookie);
  CHECK (nbd_aio_command_completed (nbd, cookie) == 1);
  CHECK (nbd_aio_command_completed (nbd, cookie) == 0);
  check_pattern (buf, 0, 512);
}

/* Reads are limited to 64M whatever the server would take. */
static void
test_read_limit (struct nbd_handle *nbd)
{
  char *big = malloc (64 * MiB + 1);

  CHECK (big != NULL);
  CHECK (nbd_pread (nbd, big, 64 * MiB + 1, 0, 0) == -1);
  CHECK_FAILED ("nbd_pread", ERANGE, "read");
  free (big);
}

static void
test_strict (struct nbd_handle *nbd)
{
  test_read_limit (nbd);
  CHECK (nbd_pread (nbd, buf, 512, EXPORT_SIZE, 0) == -1);
  CHECK_FAILED ("nbd_pread", EINVAL, "past the end");
  CHECK (nbd_pread (nbd, buf, 0, 0, 0) == -1);
  CHECK_FAILED ("nbd_pread", EINVAL, "length 0");
  CHECK (nbd_pread (nbd, buf, 512, 0, LIBNBD_CMD_FLAG_FUA) == -1);
  CHECK_FAILED ("nbd_pread", EINVAL, "flags");
  CHECK (nbd_aio_in_flight (nbd) == 0);
  /* With the checks off, the server gets to say no itself. */
  CHECK (nbd_set_strict_mode (nbd, 0) == 0);
  CHECK (nbd_pread (nbd, buf, 512, EXPORT_SIZE, 0) == -1);
  CHECK (nbd_get_errno () == EINVAL || nbd_get_errno () == EIO);
  CHECK (nbd_set_strict_mode (nbd, LIBNBD_STRICT_MASK) == 0);
}

static void
test_read_only (struct nbd_handle *nbd)
{
  CHECK (nbd_is_read_only (nbd) == 1);
  CHECK (nbd_pwrite (nbd, data, 512, 0, 0) == -1);
  CHECK_FAILED ("nbd_pwrite", EPERM, "read-only");
  CHECK (nbd_trim (nbd, 512, 0, 0) == -1);
  CHECK_FAILED ("nbd_trim", EPERM, "read-only");
  CHECK (nbd_pread (nbd, buf, 512, 0, 0) == 0);
}

/* Every request fails on the server with the given error. */
static void
test_errors (struct nbd_handle *nbd, int err)
{
  struct completion log = { 0 };
  nbd_completion_callback cb = COMPLETION_CALLBACK (&log);

  /* A failed read leaves a buffer the library zeroed first, unless
   * told not to touch it.
   */
  memset (buf, 'x', 512);
  CHECK (nbd_pread (nbd, buf, 512, 0, 0) == -1);
  CHECK_FAILED ("nbd_pread", err, NULL);
  CHECK (buf[0] == 0 && buf[511] == 0);
  CHECK (nbd_set_pread_initialize (nbd, false) == 0);
  memset (buf, 'x', 512);
  CHECK (nbd_pread (nbd, buf, 512, 0, 0) == -1);
  CHECK (buf[0] == 'x' && buf[511] == 'x');
  CHECK (nbd_set_pread_initialize (nbd, true) == 0);
  CHECK (nbd_pwrite (nbd, data, 512, 0, 0) == -1);
  CHECK_FAILED ("nbd_pwrite", err, NULL);
  CHECK (nbd_aio_pread (nbd, buf, 512, 0, cb, 0) > 0);
  while (nbd_aio_in_flight (nbd) > 0)
    CHECK (nbd_poll (nbd, -1) >= 0);
  CHECK (log.calls == 1 && log.errors == 1);
  /* The handle is still usable after errors from the server. */
  CHECK (nbd_aio_is_ready (nbd) == 1);
}

/* What the extent callbacks saw: the first extents of one call. */
struct extents {
  int calls;
  size_t n;
  uint64_t length[8];
  uint64_t flags[8];
};

static int
record64 (void *user_data, const char *metacontext, uint64_t offset,
          nbd_extent *entries, size_t nr_entries, int *error)
{
  struct extents *x = user_data;
  size_t i;

  CHECK (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (offset == 0 && *error == 0);
  x->calls++;
  for (x->n = 0, i = 0; i < nr_entries && i < 8; i++, x->n++) {
    x->length[i] = entries[i].length;
    x->flags[i] = entries[i].flags;
  }
  return 0;
}

static int
record32 (void *user_data, const char *metacontext, uint64_t offset,
          uint32_t *entries, size_t nr_entries, int *error)
{
  struct extents *x = user_data;
  size_t i;

  CHECK (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (offset == 0 && *error == 0 && nr_entries % 2 == 0);
  x->calls++;
  for (x->n = 0, i = 0; i < nr_entries && i < 16; i += 2, x->n++) {
    x->length[i / 2] = entries[i];
    x->flags[i / 2] = entries[i + 1];
  }
  return 0;
}

/* A memory disk with 64K written at 128K: a hole, the data, a hole. */
static void
check_allocation (const struct extents *x)
{
  const uint64_t hole = LIBNBD_STATE_HOLE | LIBNBD_STATE_ZERO;

  CHECK (x->calls == 1 && x->n == 3);
  CHECK (x->length[0] == 131072 && x->flags[0] == hole);
  CHECK (x->length[1] == 65536 && x->flags[1] == 0);
  CHECK (x->length[2] == MiB - 196608 && x->flags[2] == hole);
}

static void
test_extents (struct nbd_handle *nbd)
{
  struct extents x64 = { 0 }, x32 = { 0 }, one = { 0 };
  nbd_extent64_callback cb64 = { .callback = record64, .user_data = &x64 };
  nbd_extent_callback cb32 = { .callback = record32, .user_data = &x32 };
  nbd_extent64_callback cb_one = { .callback = record64, .user_data = &one };

  CHECK (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 1);
  memset (data, 1, 65536);
  CHECK (nbd_pwrite (nbd, data, 65536, 131072, 0) == 0);
  CHECK (nbd_block_status_64 (nbd, MiB, 0, cb64, 0) == 0);
  check_allocation (&x64);
  CHECK (nbd_block_status (nbd, MiB, 0, cb32, 0) == 0);
  check_allocation (&x32);
  CHECK (nbd_block_status_64 (nbd, MiB, 0, cb_one,
                              LIBNBD_CMD_FLAG_REQ_ONE) == 0);
  CHECK (one.calls == 1 && one.n == 1 && one.length[0] == 131072);

  /* A filter needs extended headers, which this server lacks. */
  {
    char *contexts[] = { (char *) LIBNBD_CONTEXT_BASE_ALLOCATION, NULL };

    CHECK (nbd_get_extended_headers_negotiated (nbd) == 0);
    CHECK (nbd_block_status_filter (nbd, MiB, 0, contexts, cb64, 0) == -1);
    CHECK_FAILED ("nbd_block_status_filter", ENOTSUP, "filter");
    CHECK (x64.calls == 1);
  }
}

/* Without a negotiated context there is nothing to ask about. */
static void
test_no_extents (struct nbd_handle *nbd)
{
  nbd_extent64_callback cb64 = { .callback = record64 };

  CHECK (nbd_block_status_64 (nbd, 512, 0, cb64, 0) == -1);
  CHECK_FAILED ("nbd_block_status_64", ENOTSUP, "meta context");
}

#define THREADS 24             /* more than one poll's batch of wakeups */
#define READS_PER_THREAD 160

/* Each thread reads its own offsets from the shared handle and checks
 * the pattern: synchronous calls from several threads pipeline on one
 * connection.
 */
static void *
read_in_thread (void *arg)
{
  struct nbd_handle *nbd = arg;
  static int next_id;
  int id = __atomic_fetch_add (&next_id, 1, __ATOMIC_RELAXED), i;
  char block[4096];

  for (i = 0; i < READS_PER_THREAD; i++) {
    uint64_t offset = (uint64_t) (id * READS_PER_THREAD + i) * 4096;

    CHECK (nbd_pread (nbd, block, sizeof block, offset, 0) == 0);
    check_pattern (block, offset, sizeof block);
  }
  return NULL;
}

static void
test_threads (struct nbd_handle *nbd)
{
  pthread_t threads[THREADS];
  int i;

  for (i = 0; i < THREADS; i++)
    CHECK (pthread_create (&threads[i], NULL, read_in_thread, nbd) == 0);
  for (i = 0; i < THREADS; i++)
    CHECK (pthread_join (threads[i], NULL) == 0);
  CHECK (nbd_aio_in_flight (nbd) == 0);
}

/* Shutting down with reads in flight: each one completes, with its data
 * or, if the server hung up first, with ENOTCONN, and the handle ends
 * closed.
 */
static void
test_shutdown_in_flight (struct nbd_handle *nbd)
{
  struct completion log = { 0 };
  nbd_completion_callback cb = COMPLETION_CALLBACK (&log);
  int i;

  for (i = 0; i < 16; i++)
    CHECK (nbd_aio_pread (nbd, buf + i * 4096, 4096, 0, cb, 0) > 0);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  CHECK (nbd_aio_is_closed (nbd) == 1);
  CHECK (log.calls == 16);
  CHECK (nbd_pread (nbd, buf, 512, 0, 0) == -1);
  CHECK_FAILED ("nbd_pread", EINVAL, "CLOSED");
}

/* The server closing after the disconnect is how a shutdown ends, not
 * an error: the thread's last error stays what a failed call left.
 */
static void
test_clean_shutdown (struct nbd_handle *nbd)
{
  CHECK (nbd_set_export_name (nbd, "other") == -1);
  CHECK_FAILED ("nbd_set_export_name", EINVAL, "state");
  CHECK (nbd_shutdown (nbd, 0) == 0);
  CHECK_ERROR ("nbd_set_export_name", EINVAL, "state");
}

struct depth {
  int calls;
  uint64_t top_flags;           /* allocation depth where data was written */
  uint64_t base_flags;          /* base:allocation there */
};

static int
record_depth (void *user_data, const char *metacontext, uint64_t offset,
              nbd_extent *entries, size_t nr_entries, int *error)
{
  struct depth *d = user_data;

  CHECK (offset == 131072 && nr_entries >= 1 && *error == 0);
  d->calls++;
  if (strcmp (metacontext, LIBNBD_CONTEXT_QEMU_ALLOCATION_DEPTH) == 0)
    d->top_flags = entries[0].flags;
  else if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0)
    d->base_flags = entries[0].flags;
  else
    CHECK (!"unexpected context");
  return 0;
}

/* qemu reports both contexts for a block of a qcow2 written through it:
 * allocated in the top layer (depth 1), holding data.
 */
static void
test_depth (struct nbd_handle *nbd)
{
  struct depth d = { 0 };
  nbd_extent64_callback cb = { .callback = record_depth, .user_data = &d };

  CHECK (nbd_can_meta_context (nbd,
                               LIBNBD_CONTEXT_QEMU_ALLOCATION_DEPTH) == 1);
  memset (data, 1, 65536);
  CHECK (nbd_pwrite (nbd, data, 65536, 131072, 0) == 0);
  CHECK (nbd_block_status_64 (nbd, 65536, 131072, cb, 0) == 0);
  CHECK (d.calls == 2 && d.top_flags == 1 && d.base_flags == 0);

  /* A block never written comes back as a hole, filled with zeroes. */
  {
    struct chunks c = { 0 };
    nbd_chunk_callback ccb = { .callback = count_chunk, .user_data = &c };
    size_t i;

    memset (buf, 'x', 65536);
    CHECK (nbd_pread_structured (nbd, buf, 65536, 8 * MiB, ccb, 0) == 0);
    CHECK (c.holes >= 1 && c.bytes == 65536);
    for (i = 0; i < 65536; i++)
      CHECK (buf[i] == 0);
  }
}

/* A server that advertises a 4K minimum block size: unaligned requests
 * are refused before they are sent, unless strict mode allows them.
 */
static void
test_alignment (struct nbd_handle *nbd)
{
  CHECK (nbd_get_block_size (nbd, LIBNBD_SIZE_MINIMUM) == 4096);
  CHECK (nbd_pread (nbd, buf, 4096, 4096, 0) == 0);
  CHECK (nbd_pread (nbd, buf, 512, 4096, 0) == -1);
  CHECK_FAILED ("nbd_pread", EINVAL, "aligned");
  CHECK (nbd_pread (nbd, buf, 4096, 100, 0) == -1);
  CHECK_FAILED ("nbd_pread", EINVAL, "aligned");
}

/* Writes queued behind a slow one: shutting down with
 * LIBNBD_SHUTDOWN_ABANDON_PENDING fails those not yet sent, and every
 * one completes once.  A disconnect queued behind them by
 * nbd_aio_disconnect is not abandoned: it still goes out, and the
 * shutdown ends.
 */
static void
test_abandon_pending (struct nbd_handle *nbd, bool disconnect_first)
{
  struct completion log = { 0 };
  nbd_completion_callback cb = COMPLETION_CALLBACK (&log);
  int i;

  for (i = 0; i < 8; i++)
    CHECK (nbd_aio_pwrite (nbd, data, MiB, i * MiB, cb, 0) > 0);
  CHECK (nbd_aio_in_flight (nbd) == 8);
  if (disconnect_first)
    CHECK (nbd_aio_disconnect (nbd, 0) == 0);
  CHECK (nbd_shutdown (nbd, LIBNBD_SHUTDOWN_ABANDON_PENDING) == 0);
  CHECK (nbd_aio_is_closed (nbd) == 1);
  CHECK (log.calls == 8 && log.errors >= 1);
}

/* Many handles in one program, each with its own connection, used in
 * turn and all open at once.
 */
static void
test_many_handles (const char *socket)
{
  struct nbd_handle *handles[16];
  char block[512];
  int i;

  for (i = 0; i < 16; i++)
    handles[i] = connect_to (socket, "pattern", NULL);
  for (i = 0; i < 16; i++) {
    CHECK (nbd_pread (handles[i], block, sizeof block, i * 4096, 0) == 0);
    check_pattern (block, i * 4096, sizeof block);
  }
  for (i = 0; i < 16; i++)
    nbd_close (handles[i]);
}

int
main (int argc, char *argv[])
{
  const char *mode;
  struct nbd_handle *nbd;

  check_our_library ();
  CHECK (argc == 3 || argc == 4);
  mode = argv[1];
  nbd = connect_to (argv[2], mode, argc == 4 ? argv[3] : NULL);
  if (strcmp (mode, "memory") == 0) {
    CHECK (nbd_can_fua (nbd) == 1 && nbd_can_flush (nbd) == 1 &&
           nbd_can_cache (nbd) == 1 && nbd_can_trim (nbd) == 1 &&
           nbd_can_zero (nbd) == 1);
    test_write_read_back (nbd);
    test_strict (nbd);
    test_no_extents (nbd);
  }
  else if (strcmp (mode, "extents") == 0)
    test_extents (nbd);
  else if (strcmp (mode, "readwrite") == 0)
    test_write_read_back (nbd);
  else if (strcmp (mode, "aligned") == 0)
    test_alignment (nbd);
  else if (strcmp (mode, "slow-writes") == 0) {
    test_abandon_pending (nbd, false);
    nbd_close (nbd);
    nbd = connect_to (argv[2], mode, NULL);
    test_abandon_pending (nbd, true);
  }
  else if (strcmp (mode, "depth") == 0)
    test_depth (nbd);
  else if (strcmp (mode, "threads") == 0) {
    test_threads (nbd);
    test_shutdown_in_flight (nbd);
  }
  else if (strcmp (mode, "pattern") == 0) {
    test_many_handles (argv[2]);
    test_pattern (nbd);
    test_many_in_flight (nbd);
    test_mixed_sizes (nbd);
    test_every_offset (nbd);
    test_retire_by_cookie (nbd);
  }
  else if (strcmp (mode, "readonly") == 0)
    test_read_only (nbd);
  else if (strcmp (mode, "error-EIO") == 0)
    test_errors (nbd, EIO);
  else if (strcmp (mode, "error-ENOSPC") == 0)
    test_errors (nbd, ENOSPC);
  else if (strcmp (mode, "error-EPERM") == 0)
    test_errors (nbd, EPERM);
  else
    CHECK (!"unknown mode");
  if (!nbd_aio_is_closed (nbd))
    test_clean_shutdown (nbd);
  CHECK (nbd_aio_is_closed (nbd) == 1);
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
