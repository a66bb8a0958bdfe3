/* Larger kernel buffers for the Unix domain sockets the library makes.
 * Linux gives a Unix socket about 200 KiB to send with, which a single
 * 1 MiB read or write already overflows: the writer then sleeps until
 * the reader drains the socket, one slice at a time.  Bigger buffers
 * let a whole request or reply cross in one go, which is most of the
 * throughput of large requests over a local socket.  (TCP sizes its
 * own buffers as the connection runs and is left alone.)
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <sys/socket.h>

#include "internal.h"

#define UNIX_SOCKET_BUFFER (2 * 1024 * 1024)

/* Best effort: the kernel caps the size at its limit (net.core.wmem_max
 * and rmem_max), and a socket that keeps its default still works.
 */
void
nbd_internal_enlarge_socket_buffers (int fd)
{
  int size = UNIX_SOCKET_BUFFER;

  (void) setsockopt (fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  (void) setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}
