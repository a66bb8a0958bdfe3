/* Copy one export to another with the asynchronous API, keeping a
 * fixed number of requests in flight on both connections.
 *
 *   nbdkit -U - pattern 64M --run '
 *     src="$uri" nbdkit -U - memory 64M --run "./aio-copy \"\$src\" \"\$uri\""'
 *
 * Each slot of the queue owns one buffer.  A slot starts as a read
 * from the source; the read's completion callback turns it into a
 * write of the same buffer to the destination, and the write's
 * completion frees the slot for the next read.  The main loop tops up
 * the reads and then waits with poll() on both sockets at once, which
 * nbd_poll cannot do since it watches a single handle.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#define QUEUE_SIZE 16
#define BUFFER_SIZE (256 * 1024)

struct copy;

struct slot {
  struct copy *copy;
  bool busy;
  uint64_t offset;
  size_t count;
  char buffer[BUFFER_SIZE];
};

struct copy {
  struct nbd_handle *src, *dst;
  uint64_t size;
  uint64_t next_offset;         /* where the next read starts */
  unsigned in_flight;           /* slots that are busy */
  uint64_t bytes_written;
  bool failed;
  char failure[256];            /* the first error, if failed */
  struct slot slots[QUEUE_SIZE];
};

static void
die (const char *what)
{
  fprintf (stderr, "aio-copy: %s: %s\n", what, nbd_get_error ());
  exit (EXIT_FAILURE);
}

/* Callbacks cannot stop the program on the spot, so they keep the
 * first error for the main loop, which stops starting new reads and
 * reports it once the requests in flight are done.
 */
static void
record_failure (struct copy *copy, const char *what, uint64_t offset,
                const char *why)
{
  if (copy->failed)
    return;
  copy->failed = true;
  snprintf (copy->failure, sizeof copy->failure,
            "%s at offset %" PRIu64 ": %s", what, offset, why);
}

static int
write_done (void *user_data, int *error)
{
  struct slot *slot = user_data;
  struct copy *copy = slot->copy;

  if (*error)
    record_failure (copy, "write", slot->offset, strerror (*error));
  else
    copy->bytes_written += slot->count;
  slot->busy = false;
  copy->in_flight--;
  /* Returning 1 retires the command: nothing else asks for its status. */
  return 1;
}

static int
read_done (void *user_data, int *error)
{
  struct slot *slot = user_data;
  struct copy *copy = slot->copy;
  nbd_completion_callback on_write = { .callback = write_done,
                                       .user_data = slot };

  if (*error) {
    record_failure (copy, "read", slot->offset, strerror (*error));
    slot->busy = false;
    copy->in_flight--;
    return 1;
  }
  /* The callback runs with the source's lock held, so it must not call
   * the library on the source handle; the destination is a different
   * handle and may be used.  nbd_aio_pwrite does not wait for the
   * server: the main loop's poll on the destination sends what is left
   * of the request and collects the reply.
   */
  if (nbd_aio_pwrite (copy->dst, slot->buffer, slot->count, slot->offset,
                      on_write, 0) == -1) {
    record_failure (copy, "nbd_aio_pwrite", slot->offset, nbd_get_error ());
    slot->busy = false;
    copy->in_flight--;
  }
  return 1;
}

static void
start_reads (struct copy *copy)
{
  struct slot *slot;
  nbd_completion_callback on_read = { .callback = read_done };
  int i;

  for (i = 0; i < QUEUE_SIZE && !copy->failed; i++) {
    slot = &copy->slots[i];
    if (slot->busy || copy->next_offset >= copy->size)
      continue;
    slot->offset = copy->next_offset;
    slot->count = BUFFER_SIZE;
    if (slot->count > copy->size - slot->offset)
      slot->count = copy->size - slot->offset;
    on_read.user_data = slot;
    if (nbd_aio_pread (copy->src, slot->buffer, slot->count, slot->offset,
                       on_read, 0) == -1)
      die ("nbd_aio_pread");
    slot->busy = true;
    copy->in_flight++;
    copy->next_offset += slot->count;
  }
}

static short
poll_events (struct nbd_handle *nbd)
{
  unsigned direction = nbd_aio_get_direction (nbd);
  short events = 0;

  if (direction & LIBNBD_AIO_DIRECTION_READ)
    events |= POLLIN;
  if (direction & LIBNBD_AIO_DIRECTION_WRITE)
    events |= POLLOUT;
  return events;
}

/* Tell the library what poll() saw, so that it reads replies and
 * sends queued requests; those may run completion callbacks.
 */
static void
notify (struct nbd_handle *nbd, short revents)
{
  if (revents & (POLLIN | POLLHUP | POLLERR)) {
    if (nbd_aio_notify_read (nbd) == -1)
      die ("nbd_aio_notify_read");
  }
  else if (revents & POLLOUT) {
    if (nbd_aio_notify_write (nbd) == -1)
      die ("nbd_aio_notify_write");
  }
}

static void
wait_for_progress (struct copy *copy)
{
  struct pollfd fds[2];

  fds[0].fd = nbd_aio_get_fd (copy->src);
  fds[1].fd = nbd_aio_get_fd (copy->dst);
  if (fds[0].fd == -1 || fds[1].fd == -1)
    die ("nbd_aio_get_fd");
  /* The events to wait for change with every request, so they are
   * asked for again before each poll.
   */
  fds[0].events = poll_events (copy->src);
  fds[1].events = poll_events (copy->dst);
  if (poll (fds, 2, -1) == -1) {
    if (errno == EINTR)
      return;
    perror ("aio-copy: poll");
    exit (EXIT_FAILURE);
  }
  notify (copy->src, fds[0].revents);
  notify (copy->dst, fds[1].revents);
}

static struct nbd_handle *
open_uri (const char *uri)
{
  struct nbd_handle *nbd = nbd_create ();

  if (!nbd)
    die ("nbd_create");
  if (nbd_connect_uri (nbd, uri) == -1)
    die ("nbd_connect_uri");
  return nbd;
}

int
main (int argc, char *argv[])
{
  struct copy *copy;
  int64_t src_size, dst_size;
  int can_flush, i;

  if (argc != 3) {
    fprintf (stderr, "usage: %s SOURCE-URI DESTINATION-URI\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  /* The buffers are too large for the stack. */
  copy = calloc (1, sizeof *copy);
  if (!copy) {
    perror ("aio-copy: calloc");
    exit (EXIT_FAILURE);
  }
  for (i = 0; i < QUEUE_SIZE; i++)
    copy->slots[i].copy = copy;
  copy->src = open_uri (argv[1]);
  copy->dst = open_uri (argv[2]);
  src_size = nbd_get_size (copy->src);
  if (src_size == -1)
    die ("nbd_get_size");
  dst_size = nbd_get_size (copy->dst);
  if (dst_size == -1)
    die ("nbd_get_size");
  if (dst_size < src_size) {
    fprintf (stderr, "aio-copy: the destination is smaller than the "
             "source (%" PRIi64 " < %" PRIi64 " bytes)\n",
             dst_size, src_size);
    exit (EXIT_FAILURE);
  }
  copy->size = src_size;

  start_reads (copy);
  while (copy->in_flight > 0) {
    wait_for_progress (copy);
    start_reads (copy);
  }
  if (copy->failed) {
    fprintf (stderr, "aio-copy: %s\n", copy->failure);
    exit (EXIT_FAILURE);
  }

  /* The server may have acknowledged writes it holds only in a cache;
   * the copy is complete once they reach stable storage.  A server
   * that cannot flush writes everything through at once, and would
   * refuse the request.
   */
  can_flush = nbd_can_flush (copy->dst);
  if (can_flush == -1)
    die ("nbd_can_flush");
  if (can_flush && nbd_flush (copy->dst, 0) == -1)
    die ("nbd_flush");
  printf ("copied %" PRIu64 " bytes\n", copy->bytes_written);

  if (nbd_shutdown (copy->src, 0) == -1 || nbd_shutdown (copy->dst, 0) == -1)
    die ("nbd_shutdown");
  nbd_close (copy->src);
  nbd_close (copy->dst);
  free (copy);
  return EXIT_SUCCESS;
}
