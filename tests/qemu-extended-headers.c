/* Extended headers against a real server that speaks them, qemu-nbd 10:
 * what is negotiated with and without them, 64-bit block status entries
 * for two contexts, block status filtered to one context, a 64-bit
 * zero request, and nbd_opt_extended_headers in option mode.
 *
 *   qemu-extended-headers SOCKET
 *
 * qemu-extended-headers.sh serves an 8 GiB qcow2 image with the
 * allocation depth as a context.  Its layout (see the script): data in
 * [0, 1M), a zeroed cluster range in [1M, 2M), data in [6G, 6G+64K),
 * the rest never written.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

#define DEPTH "qemu:allocation-depth"
#define GiB (UINT64_C (1) << 30)
#define MiB (UINT64_C (1) << 20)
#define EXPORT_SIZE (8 * GiB)
#define SECOND_DATA (6 * GiB)
#define SECOND_DATA_LEN (64 * 1024)
#define HOLE_ZERO (LIBNBD_STATE_HOLE | LIBNBD_STATE_ZERO)

/* The extents one block status call reported, for each context. */
#define MAX_EXTENTS 64

struct extents {
  const char *context;
  size_t calls;
  size_t count;
  uint64_t offset[MAX_EXTENTS];
  uint64_t length[MAX_EXTENTS];
  uint64_t flags[MAX_EXTENTS];
};

struct report {
  struct extents allocation, depth;
  size_t others;
};

static int
record_extents (void *user_data, const char *metacontext, uint64_t offset,
                nbd_extent *entries, size_t nr_entries, int *error)
{
  struct report *report = user_data;
  struct extents *e;
  size_t i;

  CHECK (*error == 0);
  if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0)
    e = &report->allocation;
  else if (strcmp (metacontext, DEPTH) == 0)
    e = &report->depth;
  else {
    report->others++;
    return 0;
  }
  e->calls++;
  for (i = 0; i < nr_entries; i++) {
    CHECK (e->count < MAX_EXTENTS);
    e->offset[e->count] = offset;
    e->length[e->count] = entries[i].length;
    e->flags[e->count] = entries[i].flags;
    offset += entries[i].length;
    e->count++;
  }
  return 0;
}

#define EXTENT_CALLBACK(report)                                         \
  ((nbd_extent64_callback) { .callback = record_extents,                \
      .user_data = (report) })

/* The index of the extent that holds offset; the extents must reach
 * it.
 */
static size_t
extent_at (const struct extents *e, uint64_t offset)
{
  size_t i;

  for (i = 0; i < e->count; i++)
    if (e->offset[i] <= offset && offset - e->offset[i] < e->length[i])
      return i;
  fprintf (stderr, "%s: no extent holds offset %" PRIu64 "\n",
           e->context, offset);
  exit (EXIT_FAILURE);
}

/* Each extent's length, and the flags at the image's landmarks.  The
 * first extent holds the data at the start: 1M of it for
 * base:allocation, which reports the zeroed clusters after it as a
 * hole, and 2M for the allocation depth, which counts them as
 * allocated.
 */
static void
check_layout (const struct extents *e, uint64_t hole_flags,
              uint64_t data_flags, uint64_t first_length,
              uint64_t max_length)
{
  uint64_t biggest = 0;
  size_t i;

  CHECK (e->calls == 1 && e->count > 0 && e->offset[0] == 0);
  for (i = 0; i < e->count; i++) {
    CHECK (e->length[i] > 0 && e->length[i] <= max_length);
    if (e->length[i] > biggest)
      biggest = e->length[i];
  }
  CHECK (e->flags[0] == data_flags);
  CHECK (e->length[0] == first_length);
  CHECK (e->flags[extent_at (e, 3 * GiB)] == hole_flags);
  if (e->offset[e->count - 1] + e->length[e->count - 1] > SECOND_DATA) {
    i = extent_at (e, SECOND_DATA);
    CHECK (e->offset[i] == SECOND_DATA && e->flags[i] == data_flags);
    CHECK (e->length[i] == SECOND_DATA_LEN);
  }
  /* With 64-bit lengths, qemu-nbd reports the never-written range
   * between the two data ranges (more than 4 GiB) as one extent.
   */
  if (max_length > UINT32_MAX)
    CHECK (biggest > UINT32_MAX);
}

static void
reset_report (struct report *report)
{
  memset (report, 0, sizeof *report);
  report->allocation.context = LIBNBD_CONTEXT_BASE_ALLOCATION;
  report->depth.context = DEPTH;
}

static struct nbd_handle *
connect_with_contexts (const char *path, bool extended)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_set_request_extended_headers (nbd, extended) == 0);
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_add_meta_context (nbd, DEPTH) == 0);
  CHECK (nbd_connect_unix (nbd, path) == 0);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 1);
  CHECK (nbd_get_size (nbd) == (int64_t) EXPORT_SIZE);
  CHECK (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 1);
  CHECK (nbd_can_meta_context (nbd, DEPTH) == 1);
  return nbd;
}

static void
check_pattern (struct nbd_handle *nbd, uint64_t offset, unsigned char byte)
{
  static char buf[SECOND_DATA_LEN];
  size_t i;

  CHECK (nbd_pread (nbd, buf, sizeof buf, offset, 0) == 0);
  for (i = 0; i < sizeof buf; i++)
    CHECK ((unsigned char) buf[i] == byte);
}

/* Extended headers negotiated by default: 64-bit extents for both
 * contexts, a filter to one of them, and a zero request longer than
 * 32 bits can say.
 */
static void
test_extended (const char *path)
{
  char *depth_only[] = { (char *) DEPTH, NULL };
  char *unknown[] = { (char *) "qemu:dirty-bitmap:none", NULL };
  struct nbd_handle *nbd = connect_with_contexts (path, true);
  struct report report;

  CHECK (nbd_get_extended_headers_negotiated (nbd) == 1);
  CHECK (nbd_can_block_status_payload (nbd) == 1);
  check_pattern (nbd, 0, 0x55);
  check_pattern (nbd, SECOND_DATA, 0xaa);

  reset_report (&report);
  CHECK (nbd_block_status_64 (nbd, EXPORT_SIZE, 0,
                              EXTENT_CALLBACK (&report), 0) == 0);
  CHECK (report.others == 0);
  check_layout (&report.allocation, HOLE_ZERO, 0, MiB, UINT64_MAX);
  check_layout (&report.depth, 0, 1, 2 * MiB, UINT64_MAX);

  /* The filter is sent as the request's payload, with or without the
   * caller's PAYLOAD_LEN flag: libnbd sets it on the wire.
   */
  reset_report (&report);
  CHECK (nbd_block_status_filter (nbd, EXPORT_SIZE, 0, depth_only,
                                  EXTENT_CALLBACK (&report), 0) == 0);
  CHECK (report.others == 0 && report.allocation.calls == 0);
  check_layout (&report.depth, 0, 1, 2 * MiB, UINT64_MAX);
  reset_report (&report);
  CHECK (nbd_block_status_filter (nbd, EXPORT_SIZE, 0, depth_only,
                                  EXTENT_CALLBACK (&report),
                                  LIBNBD_CMD_FLAG_PAYLOAD_LEN) == 0);
  CHECK (report.allocation.calls == 0);
  check_layout (&report.depth, 0, 1, 2 * MiB, UINT64_MAX);
  CHECK (nbd_block_status_filter (nbd, EXPORT_SIZE, 0, unknown,
                                  EXTENT_CALLBACK (&report), 0) == -1);
  CHECK_FAILED ("nbd_block_status_filter", EINVAL, "qemu:dirty-bitmap:none");

  /* 5 GiB of zeroes in one request, over the second data range. */
  CHECK (nbd_zero (nbd, 5 * GiB, 2 * GiB, 0) == 0);
  check_pattern (nbd, SECOND_DATA, 0);
  check_pattern (nbd, 0, 0x55);

  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);
}

/* Extended headers not asked for: structured replies only, so every
 * extent fits 32 bits, no filter, and no request over 32 bits.
 */
static void
test_compact (const char *path)
{
  char *depth_only[] = { (char *) DEPTH, NULL };
  struct nbd_handle *nbd = connect_with_contexts (path, false);
  struct report report;

  CHECK (nbd_get_extended_headers_negotiated (nbd) == 0);
  CHECK (nbd_can_block_status_payload (nbd) == 0);

  reset_report (&report);
  CHECK (nbd_block_status_64 (nbd, EXPORT_SIZE, 0,
                              EXTENT_CALLBACK (&report), 0) == -1);
  CHECK_FAILED ("nbd_block_status_64", ERANGE, "");
  CHECK (nbd_block_status_64 (nbd, 4 * GiB - MiB, 0,
                              EXTENT_CALLBACK (&report), 0) == 0);
  check_layout (&report.allocation, HOLE_ZERO, 0, MiB, UINT32_MAX);
  check_layout (&report.depth, 0, 1, 2 * MiB, UINT32_MAX);

  reset_report (&report);
  CHECK (nbd_block_status_filter (nbd, MiB, 0, depth_only,
                                  EXTENT_CALLBACK (&report), 0) == -1);
  CHECK_FAILED ("nbd_block_status_filter", ENOTSUP, "");
  CHECK (report.depth.calls == 0);

  CHECK (nbd_zero (nbd, 5 * GiB, 2 * GiB, 0) == -1);
  CHECK_FAILED ("nbd_zero", ERANGE, "");

  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);
}

/* In option mode with nothing negotiated automatically: asking for
 * extended headers brings structured replies with them.
 */
static void
test_option_mode (const char *path)
{
  struct nbd_handle *nbd = create_handle ();
  struct report report;

  CHECK (nbd_set_request_extended_headers (nbd, false) == 0);
  CHECK (nbd_set_request_structured_replies (nbd, false) == 0);
  CHECK (nbd_add_meta_context (nbd, DEPTH) == 0);
  connect_opt_mode_unix (nbd, path);
  CHECK (nbd_get_extended_headers_negotiated (nbd) == 0);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 0);

  CHECK (nbd_opt_extended_headers (nbd) == 1);
  CHECK (nbd_get_extended_headers_negotiated (nbd) == 1);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 1);
  /* Asking again changes nothing, and neither does asking for the
   * structured replies that extended headers already imply.
   */
  CHECK (nbd_opt_extended_headers (nbd) == 0);
  CHECK (nbd_opt_structured_reply (nbd) == 0);
  CHECK (nbd_get_extended_headers_negotiated (nbd) == 1);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 1);

  CHECK (nbd_opt_go (nbd) == 0);
  CHECK (nbd_can_block_status_payload (nbd) == 1);
  reset_report (&report);
  CHECK (nbd_block_status_64 (nbd, EXPORT_SIZE, 0,
                              EXTENT_CALLBACK (&report), 0) == 0);
  CHECK (report.allocation.calls == 0);
  check_layout (&report.depth, 0, 1, 2 * MiB, UINT64_MAX);

  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);
}

int
main (int argc, char *argv[])
{
  check_our_library ();
  CHECK (argc == 2);
  test_compact (argv[1]);
  test_option_mode (argv[1]);
  test_extended (argv[1]);
  return EXIT_SUCCESS;
}
