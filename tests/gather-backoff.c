/* Gathering with many commands in flight (wait.c): an nbd_poll caller
 * sleeps a moment before polling, so that replies pile up in the
 * socket, unless a recent round brought in more than a server's socket
 * buffer can hold without its threads blocking.  With 128 KiB reads
 * kept 32 deep, every round that ends a reply brings in at least that
 * much, so the handle must seldom sleep: the test counts its sleeps by
 * providing nanosleep itself, and checks every byte read.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: gather-backoff SOCKET
 * gather-backoff.sh starts nbdkit's pattern plugin on SOCKET, whose
 * every 8-byte word holds its own offset, big-endian.
 */

#include <config.h>

#include <endian.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

/* Deep enough to gather (GATHER_DEPTH in wait.c). */
#define DEPTH 32
#define READ_SIZE (128 * 1024)
#define READS 1200
#define EXPORT_SIZE (64 * 1024 * 1024)
/* A round that ends a reply brings more than the limit, so gathering
 * pauses for several polls after each; one poll in four is more than
 * that allows, and fewer than the polls that gathered before the limit
 * existed (two in five).
 */
#define POLLS_PER_SLEEP_MIN 4

/* The library's calls of nanosleep come here, and are counted. */
static unsigned sleeps;

int
nanosleep (const struct timespec *request, struct timespec *remaining)
{
  sleeps++;
  return syscall (SYS_nanosleep, request, remaining);
}

struct slot {
  char buf[READ_SIZE];
  uint64_t offset;
  struct completion done;
};

static struct slot slots[DEPTH];
static uint64_t next_offset;

static void
issue (struct nbd_handle *nbd, struct slot *slot)
{
  slot->offset = next_offset;
  next_offset = (next_offset + READ_SIZE) % EXPORT_SIZE;
  memset (&slot->done, 0, sizeof slot->done);
  CHECK (nbd_aio_pread (nbd, slot->buf, READ_SIZE, slot->offset,
                        COMPLETION_CALLBACK (&slot->done), 0) > 0);
}

static void
check_read (const struct slot *slot)
{
  uint64_t word;
  size_t i;

  CHECK (slot->done.calls == 1 && slot->done.error == 0);
  for (i = 0; i < READ_SIZE; i += sizeof word) {
    memcpy (&word, slot->buf + i, sizeof word);
    CHECK (be64toh (word) == slot->offset + i);
  }
}

int
main (int argc, char *argv[])
{
  struct nbd_handle *nbd;
  unsigned polls = 0, issued = 0, checked = 0, i;

  nbd = connect_to_argument (argc, argv);
  for (i = 0; i < DEPTH; i++, issued++)
    issue (nbd, &slots[i]);
  sleeps = 0;
  while (checked < READS) {
    CHECK (nbd_poll (nbd, -1) == 1);
    polls++;
    for (i = 0; i < DEPTH; i++) {
      if (slots[i].done.calls == 0 || slots[i].done.frees == 0)
        continue;
      check_read (&slots[i]);
      checked++;
      if (issued < READS) {
        issue (nbd, &slots[i]);
        issued++;
      }
      else
        slots[i].done.calls = 0;
    }
  }
  CHECK (nbd_aio_in_flight (nbd) == 0);
  fprintf (stderr, "%u polls, %u sleeps to gather\n", polls, sleeps);
  CHECK (sleeps * POLLS_PER_SLEEP_MIN <= polls);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
