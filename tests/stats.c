/* The statistics counters after a handshake, counted against what the
 * protocol puts on the wire for each step.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: stats newstyle UNIXSOCKET
 *        stats oldstyle UNIXSOCKET
 * stats.sh starts nbdkit serving 1M of memory, listing the exports "a"
 * and "b" for newstyle, and with --oldstyle for oldstyle.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

struct stats {
  uint64_t bytes_sent, chunks_sent, bytes_received, chunks_received;
};

static void
get_stats (struct nbd_handle *nbd, struct stats *s)
{
  s->bytes_sent = nbd_stats_bytes_sent (nbd);
  s->chunks_sent = nbd_stats_chunks_sent (nbd);
  s->bytes_received = nbd_stats_bytes_received (nbd);
  s->chunks_received = nbd_stats_chunks_received (nbd);
}

/* The counters grew by exactly this much since *s; update *s. */
static void
check_growth (struct nbd_handle *nbd, struct stats *s, const char *step,
              uint64_t bytes_sent, uint64_t chunks_sent,
              uint64_t bytes_received, uint64_t chunks_received)
{
  struct stats now;

  get_stats (nbd, &now);
  if (now.bytes_sent - s->bytes_sent != bytes_sent ||
      now.chunks_sent - s->chunks_sent != chunks_sent ||
      now.bytes_received - s->bytes_received != bytes_received ||
      now.chunks_received - s->chunks_received != chunks_received) {
    fprintf (stderr, "%s: sent %llu bytes in %llu chunks, received %llu "
             "bytes in %llu chunks; want %llu, %llu, %llu, %llu\n", step,
             (unsigned long long) (now.bytes_sent - s->bytes_sent),
             (unsigned long long) (now.chunks_sent - s->chunks_sent),
             (unsigned long long) (now.bytes_received - s->bytes_received),
             (unsigned long long) (now.chunks_received - s->chunks_received),
             (unsigned long long) bytes_sent,
             (unsigned long long) chunks_sent,
             (unsigned long long) bytes_received,
             (unsigned long long) chunks_received);
    exit (EXIT_FAILURE);
  }
  *s = now;
}

static int
ignore_export (void *user_data, const char *name, const char *description)
{
  (void) user_data;
  (void) name;
  (void) description;
  return 0;
}

static void
test_newstyle (const char *unixsocket)
{
  struct nbd_handle *nbd = create_handle ();
  static char buf[3][512];
  struct stats s = { 0 };
  unsigned i;

  check_growth (nbd, &s, "new handle", 0, 0, 0, 0);

  /* With nothing negotiated automatically, the handshake is the
   * greeting (8 byte magic, 8 byte IHAVEOPT, 2 bytes of flags) and the
   * client's 4 bytes of flags.  Whether the greeting counts as a chunk
   * is left open; everything after is counted exactly.
   */
  CHECK (nbd_set_opt_mode (nbd, true) == 0);
  CHECK (nbd_set_request_structured_replies (nbd, false) == 0);
  CHECK (nbd_set_request_extended_headers (nbd, false) == 0);
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  get_stats (nbd, &s);
  CHECK (s.bytes_sent == 4 && s.bytes_received == 18);
  CHECK (s.chunks_sent == 0);
  CHECK (s.chunks_received <= 1);

  /* An option is one chunk: 16 bytes of header.  The reply is one
   * chunk of 20 bytes.
   */
  CHECK (nbd_opt_structured_reply (nbd) == 1);
  check_growth (nbd, &s, "NBD_OPT_STRUCTURED_REPLY", 16, 1, 20, 1);

  /* NBD_OPT_LIST: one reply per export (20 bytes, a 4 byte name
   * length, a 1 byte name, no description), and the final ACK.
   */
  CHECK (nbd_opt_list (nbd, (nbd_list_callback) {
        .callback = ignore_export }) == 2);
  check_growth (nbd, &s, "NBD_OPT_LIST", 16, 1, 3 * 20 + 2 * 5, 3);

  /* NBD_OPT_GO for "a" asking for block sizes: 16 + 4 + 1 + 2 + 2
   * bytes.  nbdkit's memory plugin has no block sizes, so the replies
   * are NBD_INFO_EXPORT (20 + 12) and the ACK (20).
   */
  CHECK (nbd_set_export_name (nbd, "a") == 0);
  CHECK (nbd_opt_go (nbd) == 0);
  check_growth (nbd, &s, "NBD_OPT_GO", 25, 1, 52, 2);

  /* Nothing more happens in the ready state until asked. */
  CHECK (nbd_poll (nbd, 0) == 0);
  check_growth (nbd, &s, "idle", 0, 0, 0, 0);

  /* Of commands issued back to back, the first goes out at once (28
   * bytes) with its reply left for the poll; the others wait for the
   * poll, and go out together before it waits.
   */
  for (i = 0; i < 3; i++)
    CHECK (nbd_aio_pread (nbd, buf[i], sizeof buf[i], i * sizeof buf[i],
                          NBD_NULL_COMPLETION, 0) > 0);
  check_growth (nbd, &s, "three reads issued", 28, 1, 0, 0);
  CHECK (nbd_aio_get_direction (nbd) == LIBNBD_AIO_DIRECTION_BOTH);
  CHECK (nbd_poll (nbd, -1) == 1);
  CHECK (s.chunks_sent + 2 == (uint64_t) nbd_stats_chunks_sent (nbd));
  CHECK (s.bytes_sent + 2 * 28 == (uint64_t) nbd_stats_bytes_sent (nbd));
  while (nbd_aio_in_flight (nbd) > 0)
    CHECK (nbd_poll (nbd, -1) == 1);
  get_stats (nbd, &s);

  /* NBD_CMD_DISC is one 28 byte request, with no reply. */
  CHECK (nbd_shutdown (nbd, 0) == 0);
  check_growth (nbd, &s, "NBD_CMD_DISC", 28, 1, 0, 0);
  CHECK_STATE (nbd, "closed");
  nbd_close (nbd);
}

static void
test_oldstyle (const char *unixsocket)
{
  struct nbd_handle *nbd = create_handle ();
  struct stats s;

  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  /* The whole handshake is the server's: two magics, the size, the
   * flags and 124 bytes of padding.  The client says nothing.
   */
  get_stats (nbd, &s);
  CHECK (s.bytes_sent == 0 && s.chunks_sent == 0);
  CHECK (s.bytes_received == 8 + 8 + 8 + 4 + 124);
  CHECK (s.chunks_received <= 1);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  check_growth (nbd, &s, "NBD_CMD_DISC", 28, 1, 0, 0);
  nbd_close (nbd);
}

int
main (int argc, char *argv[])
{
  check_our_library ();
  if (argc != 3) {
    fprintf (stderr, "usage: %s newstyle|oldstyle UNIXSOCKET\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  if (strcmp (argv[1], "oldstyle") == 0)
    test_oldstyle (argv[2]);
  else
    test_newstyle (argv[2]);
  return EXIT_SUCCESS;
}
