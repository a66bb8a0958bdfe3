/* One client session, as described in session.h.  Each step carries
 * on whatever the step before it did, so a server that misbehaves
 * early still lets the later steps run against a dead handle.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>

#include <libnbd.h>

#include "session.h"

#define READ_SIZE 512
#define STATUS_SIZE (64 * 1024)

/* The poll loop below gives up after this many wakeups, so a server
 * that trickles bytes cannot keep a fuzzing run busy for long.
 */
#define MAX_POLLS 64

/* The callbacks only have to exist: the session looks at nothing the
 * server says, it only has to get through it.
 */
static int
ignore_export (void *user_data, const char *name, const char *description)
{
  (void) user_data;
  (void) name;
  (void) description;
  return 0;
}

static int
ignore_context (void *user_data, const char *name)
{
  (void) user_data;
  (void) name;
  return 0;
}

static int
ignore_chunk (void *user_data, const void *subbuf, size_t count,
             uint64_t offset, unsigned status, int *error)
{
  (void) user_data;
  (void) subbuf;
  (void) count;
  (void) offset;
  (void) status;
  (void) error;
  return 0;
}

static int
ignore_extents (void *user_data, const char *metacontext, uint64_t offset,
                nbd_extent *entries, size_t nr_entries, int *error)
{
  (void) user_data;
  (void) metacontext;
  (void) offset;
  (void) entries;
  (void) nr_entries;
  (void) error;
  return 0;
}

static void
configure (struct nbd_handle *nbd, uint8_t config)
{
  nbd_set_request_structured_replies (nbd,
                                      !(config & SESSION_NO_STRUCTURED));
  nbd_set_request_extended_headers (nbd, !(config & SESSION_NO_EXTENDED));
  if (config & SESSION_NOT_STRICT)
    nbd_set_strict_mode (nbd, 0);
  nbd_set_opt_mode (nbd, !(config & SESSION_DIRECT));
  nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION);
  nbd_add_meta_context (nbd, "qemu:allocation-depth");
}

/* The option phase, when the session asked for one. */
static void
negotiate (struct nbd_handle *nbd)
{
  nbd_opt_list (nbd, (nbd_list_callback) { .callback = ignore_export });
  nbd_opt_list_meta_context (nbd, (nbd_context_callback) {
                               .callback = ignore_context });
  nbd_opt_info (nbd);
  nbd_opt_go (nbd);
}

/* Two reads in flight at once, so that replies can come back out of
 * order or for the wrong cookie.
 */
static void
overlapping_reads (struct nbd_handle *nbd)
{
  static char a[READ_SIZE], b[READ_SIZE];
  int polls;

  nbd_aio_pread (nbd, a, sizeof a, 0, NBD_NULL_COMPLETION, 0);
  nbd_aio_pread (nbd, b, sizeof b, READ_SIZE, NBD_NULL_COMPLETION, 0);
  for (polls = 0; polls < MAX_POLLS && nbd_aio_in_flight (nbd) > 0;
       polls++)
    if (nbd_poll (nbd, -1) == -1)
      break;
  while (nbd_aio_peek_command_completed (nbd) > 0)
    nbd_aio_command_completed (nbd, nbd_aio_peek_command_completed (nbd));
}

static void
transmit (struct nbd_handle *nbd)
{
  static char buf[READ_SIZE];

  nbd_pread (nbd, buf, sizeof buf, 0, 0);
  nbd_pread_structured (nbd, buf, sizeof buf, 0,
                        (nbd_chunk_callback) { .callback = ignore_chunk },
                        0);
  nbd_block_status_64 (nbd, STATUS_SIZE, 0,
                       (nbd_extent64_callback) { .callback = ignore_extents },
                       0);
  overlapping_reads (nbd);
  nbd_pwrite (nbd, buf, sizeof buf, 0, 0);
  nbd_flush (nbd, 0);
}

void
run_session (int fd, uint8_t config)
{
  struct nbd_handle *nbd = nbd_create ();

  if (nbd == NULL)
    abort ();
  configure (nbd, config);
  if (nbd_connect_socket (nbd, fd) == 0) {
    if (!(config & SESSION_DIRECT))
      negotiate (nbd);
    transmit (nbd);
    nbd_shutdown (nbd, 0);
  }
  nbd_close (nbd);
}
