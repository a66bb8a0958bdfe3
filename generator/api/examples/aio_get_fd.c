#include <err.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <libnbd.h>

extern void serve_input (int fd);   /* the program's own work */

/* Drive the handle from our own poll(2) loop, which also watches
   other_fd, until the command named by cookie is finished.
   Returns 0 if it succeeded, -1 if it failed. */
static int
wait_for_command (struct nbd_handle *h, int64_t cookie, int other_fd)
{
  for (;;) {
    struct pollfd fds[2];
    unsigned dir;
    int r;

    r = nbd_aio_command_completed (h, cookie);
    if (r != 0)
      return r == 1 ? 0 : -1;

    dir = nbd_aio_get_direction (h);
    if (dir == 0)                     /* closed or dead */
      return -1;
    fds[0].fd = nbd_aio_get_fd (h);   /* fetch it again each time */
    if (fds[0].fd == -1)
      return -1;
    fds[0].events = 0;
    if (dir & LIBNBD_AIO_DIRECTION_READ)
      fds[0].events |= POLLIN;
    if (dir & LIBNBD_AIO_DIRECTION_WRITE)
      fds[0].events |= POLLOUT;
    fds[1].fd = other_fd;
    fds[1].events = POLLIN;

    if (poll (fds, 2, -1) == -1)
      return -1;

    if (fds[1].revents & POLLIN)
      serve_input (other_fd);

    /* The direction may have moved on meanwhile: ask once more. */
    dir = nbd_aio_get_direction (h);
    r = 0;
    if ((dir & LIBNBD_AIO_DIRECTION_READ) &&
        (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
      r = nbd_aio_notify_read (h);
    else if ((dir & LIBNBD_AIO_DIRECTION_WRITE) &&
             (fds[0].revents & POLLOUT))
      r = nbd_aio_notify_write (h);
    if (r == -1)
      return -1;
  }
}

/* Read the start of the export, serving standard input meanwhile. */
void
read_start (struct nbd_handle *h, char buf[static 65536])
{
  int64_t cookie = nbd_aio_pread (h, buf, 65536, 0,
                                  NBD_NULL_COMPLETION, 0);

  if (cookie == -1 ||
      wait_for_command (h, cookie, STDIN_FILENO) == -1)
    errx (EXIT_FAILURE, "%s", nbd_get_error ());
}
