/* The connect calls: each makes or takes a socket and starts the
 * handshake; the synchronous forms then wait for it to finish.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#ifdef AF_VSOCK
#include <linux/vm_sockets.h>
#endif

#include "internal.h"

/* A connect call that failed before the machine ran: the handle cannot
 * be connected again, so it is dead, as after any failed connection.
 */
static int
fail (struct nbd_handle *h)
{
  nbd_internal_set_dead (h);
  return -1;
}

/* Forget where the connection went. */
void
nbd_internal_free_where (struct nbd_handle *h)
{
  free (h->where_host);
  free (h->where_port);
  free (h->where_socket);
  free (h->where_user);
  free (h->where_nbd_port);
  h->where_host = h->where_port = h->where_socket = NULL;
  h->where_user = h->where_nbd_port = NULL;
  h->where_compress = false;
  h->where = WHERE_NONE;
}

/* Note where the connection goes, replacing any earlier note. */
int
nbd_internal_remember_where (struct nbd_handle *h, int where, const char *host,
                const char *port, const char *socket)
{
  nbd_internal_free_where (h);
  h->where = where;
  if ((host && (h->where_host = strdup (host)) == NULL) ||
      (port && (h->where_port = strdup (port)) == NULL) ||
      (socket && (h->where_socket = strdup (socket)) == NULL)) {
    set_error (errno, "strdup");
    return -1;
  }
  return 0;
}

int
nbd_internal_start_with_socket (struct nbd_handle *h, int fd)
{
  h->fd = fd;
  return nbd_internal_run (h, EVENT_CONNECTED);
}

int
nbd_internal_start_connect (struct nbd_handle *h, const struct sockaddr *addr,
                            socklen_t addrlen)
{
  h->fd = socket (addr->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                  0);
  if (h->fd == -1) {
    set_error (errno, "socket");
    return fail (h);
  }
  if (addr->sa_family == AF_UNIX)
    nbd_internal_enlarge_socket_buffers (h->fd);
  if (connect (h->fd, addr, addrlen) == 0) {
    /* A server greets a connection only once it has taken it, after
     * this connect returns: looking for the greeting at once would
     * cost every connection a system call that finds nothing.  (A
     * socket from the caller is looked at first, not polled: it may
     * not be a socket at all, which only a recv can tell.)
     */
    h->recv_drained = true;
    return nbd_internal_run (h, EVENT_CONNECTED);
  }
  if (errno != EINPROGRESS) {
    set_error (errno, "connect");
    return fail (h);
  }
  return nbd_internal_run (h, EVENT_CONNECTING);
}

static bool
connected (struct nbd_handle *h, void *arg)
{
  (void) arg;
  return !nbd_internal_is_state_connecting (h->state);
}

/* After an aio connect: wait until the handshake is over, one way or
 * the other.
 */
int
nbd_internal_wait_connected (struct nbd_handle *h)
{
  if (nbd_internal_wait_holding_lock (h, connected, NULL) == -1)
    return -1;
  if (nbd_internal_is_state_dead (h->state)) {
    set_error (ENOTCONN, "the connection failed");
    return -1;
  }
  return 0;
}

/* Note where a caller's socket address leads, as far as a URI can
 * name it: an address and port, a Unix socket in the file system, or
 * a vsock CID and port.
 */
static int
remember_address (struct nbd_handle *h, const struct sockaddr *addr,
                  socklen_t addrlen)
{
  const struct sockaddr_un *sun = (const struct sockaddr_un *) addr;
  char host[NI_MAXHOST], port[NI_MAXSERV];

  switch (addr->sa_family) {
  case AF_INET:
  case AF_INET6:
    if (getnameinfo (addr, addrlen, host, sizeof host, port, sizeof port,
                     NI_NUMERICHOST | NI_NUMERICSERV) == 0)
      return nbd_internal_remember_where (h, WHERE_TCP, host, port, NULL);
    break;
  case AF_UNIX:
    if (addrlen > offsetof (struct sockaddr_un, sun_path) &&
        sun->sun_path[0] != '\0' &&
        memchr (sun->sun_path, '\0', addrlen -
                offsetof (struct sockaddr_un, sun_path)) != NULL)
      return nbd_internal_remember_where (h, WHERE_UNIX, NULL, NULL,
                                          sun->sun_path);
    break;
#ifdef AF_VSOCK
  case AF_VSOCK:
    if (nbd_internal_remember_where (h, WHERE_VSOCK, NULL, NULL, NULL) == -1)
      return -1;
    h->where_cid = ((const struct sockaddr_vm *) addr)->svm_cid;
    h->where_vsock_port = ((const struct sockaddr_vm *) addr)->svm_port;
    return 0;
#endif
  }
  return nbd_internal_remember_where (h, WHERE_ELSEWHERE, NULL, NULL, NULL);
}

int
nbd_unlocked_aio_connect (struct nbd_handle *h, const struct sockaddr *addr,
                          socklen_t addrlen)
{
  if (remember_address (h, addr, addrlen) == -1)
    return -1;
  return nbd_internal_start_connect (h, addr, addrlen);
}

int
nbd_unlocked_aio_connect_unix (struct nbd_handle *h, const char *unixsocket)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  size_t len = strlen (unixsocket);

  if (len >= sizeof addr.sun_path) {
    set_error (ENAMETOOLONG, "the socket path is longer than %zu bytes",
               sizeof addr.sun_path - 1);
    return -1;
  }
  memcpy (addr.sun_path, unixsocket, len + 1);
  if (nbd_internal_remember_where (h, WHERE_UNIX, NULL, NULL, unixsocket) == -1)
    return -1;
  return nbd_internal_start_connect (h, (struct sockaddr *) &addr,
                                     sizeof addr);
}

int
nbd_unlocked_aio_connect_vsock (struct nbd_handle *h, uint32_t cid,
                                uint32_t port)
{
#ifdef AF_VSOCK
  struct sockaddr_vm addr = {
    .svm_family = AF_VSOCK, .svm_cid = cid, .svm_port = port,
  };

  if (nbd_internal_remember_where (h, WHERE_VSOCK, NULL, NULL, NULL) == -1)
    return -1;
  h->where_cid = cid;
  h->where_vsock_port = port;
  return nbd_internal_start_connect (h, (struct sockaddr *) &addr,
                                     sizeof addr);
#else
  (void) cid;
  (void) port;
  set_error (ENOTSUP, "this system has no AF_VSOCK sockets");
  return -1;
#endif
}

int
nbd_unlocked_aio_connect_tcp (struct nbd_handle *h, const char *hostname,
                              const char *port)
{
  struct addrinfo hints = {
    .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
    .ai_flags = AI_ADDRCONFIG,
  };
  int r = getaddrinfo (hostname, port, &hints, &h->addresses);

  /* A name that does not resolve leaves the handle unused, as in
   * libnbd.
   */
  if (r != 0) {
    set_error (r == EAI_SYSTEM ? errno : ENOENT, "getaddrinfo: %s:%s: %s",
               hostname, port, gai_strerror (r));
    h->addresses = NULL;
    return -1;
  }
  h->next_address = h->addresses;
  h->connect_errno = 0;
  /* A server's certificate names the host it was reached as. */
  if (nbd_internal_remember_where (h, WHERE_TCP, hostname, port, NULL) == -1)
    return fail (h);
  return nbd_internal_run (h, EVENT_RESOLVED);
}

int
nbd_unlocked_aio_connect_socket (struct nbd_handle *h, int sock)
{
  int flags = fcntl (sock, F_GETFL);

  /* A bad descriptor is bad input: the handle stays as it was. */
  if (flags == -1 || fcntl (sock, F_SETFL, flags | O_NONBLOCK) == -1) {
    set_error (errno, "fcntl: cannot use socket %d", sock);
    return -1;
  }
  nbd_internal_remember_where (h, WHERE_ELSEWHERE, NULL, NULL, NULL);
  return nbd_internal_start_with_socket (h, sock);
}

/* An empty command is bad input, refused before anything starts. */
static bool
command_given (char **argv)
{
  if (argv[0] == NULL) {
    set_error (EINVAL, "argv: the command is empty");
    return false;
  }
  return true;
}

/* Start the command and talk NBD over its standard input and output;
 * the caller has noted where that leads.
 */
int
nbd_internal_connect_command (struct nbd_handle *h, char **argv)
{
  int fd = nbd_internal_spawn_command (h, argv);

  if (fd == -1)
    return fail (h);
  return nbd_internal_start_with_socket (h, fd);
}

int
nbd_unlocked_aio_connect_command (struct nbd_handle *h, char **argv)
{
  if (!command_given (argv))
    return -1;
  nbd_internal_remember_where (h, WHERE_ELSEWHERE, NULL, NULL, NULL);
  return nbd_internal_connect_command (h, argv);
}

int
nbd_unlocked_aio_connect_systemd_socket_activation (struct nbd_handle *h,
                                                    char **argv)
{
  struct sockaddr_un addr;

  if (!command_given (argv))
    return -1;
  nbd_internal_remember_where (h, WHERE_ELSEWHERE, NULL, NULL, NULL);
  if (nbd_internal_spawn_activated (h, argv, &addr) == -1)
    return fail (h);
  return nbd_internal_start_connect (h, (struct sockaddr *) &addr,
                                     sizeof addr);
}

SYNC_CONNECT (connect_unix, (struct nbd_handle *h, const char *unixsocket),
              (h, unixsocket))
SYNC_CONNECT (connect_vsock, (struct nbd_handle *h, uint32_t cid,
                              uint32_t port),
              (h, cid, port))
SYNC_CONNECT (connect_tcp, (struct nbd_handle *h, const char *hostname,
                            const char *port),
              (h, hostname, port))
SYNC_CONNECT (connect_socket, (struct nbd_handle *h, int sock), (h, sock))
SYNC_CONNECT (connect_command, (struct nbd_handle *h, char **argv),
              (h, argv))
SYNC_CONNECT (connect_systemd_socket_activation,
              (struct nbd_handle *h, char **argv), (h, argv))
