/* Drive a handle from the program's own poll(2) loop, without nbd_poll
 * and without any event library.
 *
 *   nbdkit -U - pattern 1M \
 *     --run 'printf "0\n4096\n" | ./poll-loop "$uri"'
 *
 * The loop waits on two descriptors: the handle's socket and the
 * program's standard input.  Each line read from standard input is an
 * offset; the program starts an asynchronous 16 byte read there and
 * prints the bytes when the completion callback runs.  At end of input
 * it waits for the reads still in flight, then disconnects.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libnbd.h>

#define READ_SIZE 16

/* One read in flight.  It belongs to the library from the moment it is
 * handed to nbd_aio_pread until the library calls free on it.
 */
struct request {
  uint64_t offset;
  char data[READ_SIZE];
};

/* The message from nbd_get_error already starts with the failed call. */
static void
die (void)
{
  fprintf (stderr, "poll-loop: %s\n", nbd_get_error ());
  exit (EXIT_FAILURE);
}

/* Runs inside nbd_aio_notify_read or nbd_aio_notify_write, with the
 * handle locked, so it must not call nbd_* functions on the handle.
 */
static int
read_done (void *user_data, int *error)
{
  struct request *req = user_data;
  int i;

  if (*error) {
    printf ("read at %" PRIu64 " failed: %s\n", req->offset,
            strerror (*error));
    return 1;
  }
  printf ("read at %" PRIu64 ":", req->offset);
  for (i = 0; i < READ_SIZE; i++)
    printf (" %02x", (unsigned char) req->data[i]);
  printf ("\n");
  /* Returning 1 retires the command, so there is no cookie to collect
   * with nbd_aio_command_completed later.
   */
  return 1;
}

static void
start_read (struct nbd_handle *nbd, const char *line)
{
  struct request *req;
  nbd_completion_callback done = { .callback = read_done, .free = free };
  uint64_t offset;
  char *end;

  errno = 0;
  offset = strtoull (line, &end, 0);
  if (errno || end == line || *end != '\0') {
    printf ("not an offset: \"%s\"\n", line);
    return;
  }
  req = calloc (1, sizeof *req);
  if (req == NULL) {
    perror ("calloc");
    exit (EXIT_FAILURE);
  }
  req->offset = offset;
  done.user_data = req;
  /* From here on the library owns req and calls free on it when done
   * with it, even if nbd_aio_pread fails, so do not touch it again.
   */
  if (nbd_aio_pread (nbd, req->data, READ_SIZE, offset, done, 0) == -1)
    printf ("read at %" PRIu64 " refused: %s\n", offset, nbd_get_error ());
}

/* Read what standard input has ready and start a read for each complete
 * line, or for the unterminated last one at end of input.  Returns false
 * at end of input.
 */
static bool
handle_input (struct nbd_handle *nbd)
{
  static char line[256];
  static size_t used;
  char *newline;
  ssize_t r;

  r = read (STDIN_FILENO, line + used, sizeof line - used - 1);
  if (r == -1) {
    perror ("read");
    exit (EXIT_FAILURE);
  }
  if (r == 0) {
    if (used > 0)
      start_read (nbd, line);
    return false;
  }
  used += r;
  line[used] = '\0';
  while ((newline = strchr (line, '\n')) != NULL) {
    *newline = '\0';
    start_read (nbd, line);
    used -= newline + 1 - line;
    memmove (line, newline + 1, used + 1);
  }
  if (used == sizeof line - 1) {
    fprintf (stderr, "poll-loop: input line too long\n");
    exit (EXIT_FAILURE);
  }
  return true;
}

int
main (int argc, char *argv[])
{
  struct nbd_handle *nbd;
  struct pollfd fds[2];
  bool connected = false, input_open = true, disconnecting = false;
  unsigned direction;

  if (argc != 2) {
    fprintf (stderr, "usage: poll-loop URI\n");
    return EXIT_FAILURE;
  }
  nbd = nbd_create ();
  if (nbd == NULL)
    die ();
  /* This only starts the connection: the handshake happens as the loop
   * below reports socket events.
   */
  if (nbd_aio_connect_uri (nbd, argv[1]) == -1)
    die ();
  printf ("connecting: %s\n",
          nbd_aio_is_connecting (nbd) == 1 ? "yes" : "no");

  while (nbd_aio_is_closed (nbd) != 1) {
    if (!connected && nbd_aio_is_ready (nbd) == 1) {
      int64_t size = nbd_get_size (nbd);

      if (size == -1)
        die ();
      connected = true;
      printf ("connected: export size %" PRIi64 "\n", size);
    }
    /* Both the descriptor and the events can change with every step of
     * the handshake, so ask again on each turn.
     */
    fds[0].fd = nbd_aio_get_fd (nbd);
    if (fds[0].fd == -1)
      die ();
    direction = nbd_aio_get_direction (nbd);
    fds[0].events = 0;
    if (direction & LIBNBD_AIO_DIRECTION_READ)
      fds[0].events |= POLLIN;
    if (direction & LIBNBD_AIO_DIRECTION_WRITE)
      fds[0].events |= POLLOUT;
    /* Reads can only be started once connected; until then, and after
     * end of input, poll skips the negative descriptor.
     */
    fds[1].fd = connected && input_open ? STDIN_FILENO : -1;
    fds[1].events = POLLIN;

    if (poll (fds, 2, -1) == -1) {
      if (errno == EINTR)
        continue;
      perror ("poll");
      exit (EXIT_FAILURE);
    }

    /* When both directions are ready, reading first is enough: handling
     * the reply may change what is left to write.
     */
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      if (nbd_aio_notify_read (nbd) == -1)
        die ();
    }
    else if (fds[0].revents & POLLOUT) {
      if (nbd_aio_notify_write (nbd) == -1)
        die ();
    }

    if (fds[1].revents & (POLLIN | POLLHUP))
      input_open = handle_input (nbd);

    /* Nothing to wait for any more: say goodbye.  The server does not
     * answer the disconnect, it closes the socket, and the loop ends when
     * the handle sees that, or at once if the handle could close the
     * connection straight away.  nbd_shutdown would do the same but
     * block.
     */
    if (!input_open && !disconnecting && nbd_aio_in_flight (nbd) == 0) {
      if (nbd_aio_disconnect (nbd, 0) == -1)
        die ();
      disconnecting = true;
      printf ("disconnecting\n");
    }
  }

  printf ("closed\n");
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
