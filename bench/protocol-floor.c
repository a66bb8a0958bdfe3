/* The most a client could get from the benchmark's server on this
 * machine: a bare NBD client, no library, that speaks only what a case
 * needs over a Unix socket.  It asks for what libnbd asks for
 * (extended headers, which the benchmark's nbdkit refuses, then
 * structured replies) and goes straight to the export, so that its
 * handshake says what a library's does.  It reads replies through a
 * buffer as many at a time as the socket holds, and sends the requests
 * that replace them in one system call.  It checks nothing it need not.
 * A library's figure close to this one means that what is left of the
 * time is the server's and the kernel's.
 *
 * Usage: protocol-floor CASE SOCKET SECONDS, where CASE is handshake or
 * one of nbd-bench's read-SIZE-qdN and write-SIZE-qdN.  It prints a
 * line as nbd-bench does, with "floor" for the library.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "../lib/nbd-protocol.h"
#include "timing.h"
#include "workload.h"

#define INBUF_SIZE (256 * 1024)
/* Data this long goes straight from the socket to its destination. */
#define DIRECT_MIN (16 * 1024)

struct connection {
  int fd;
  uint64_t export_size;
  char *in;                     /* received, not yet used: [start, end) */
  size_t start, end;
};

static void
fail (const char *what)
{
  perror (what);
  exit (EXIT_FAILURE);
}

static void
send_all (int fd, const void *buf, size_t len)
{
  while (len > 0) {
    ssize_t r = send (fd, buf, len, MSG_NOSIGNAL);

    if (r <= 0)
      fail ("send");
    buf = (const char *) buf + r;
    len -= r;
  }
}

/* recv whatever is there, up to len bytes, sleeping in poll while
 * there is nothing.  A recv that blocks on a Unix socket also wakes
 * each time the server reads what this side sent (the kernel announces
 * the freed room on the same wait queue), and such needless wakeups
 * would cost this client what a library waiting in poll never pays.
 */
static size_t
receive (int fd, void *buf, size_t len)
{
  struct pollfd input = { .fd = fd, .events = POLLIN };
  ssize_t r;

  while ((r = recv (fd, buf, len, MSG_DONTWAIT)) == -1 &&
         (errno == EAGAIN || errno == EWOULDBLOCK))
    if (poll (&input, 1, -1) == -1)
      fail ("poll");
  if (r == -1)
    fail ("recv");
  return r;
}

/* Some of len bytes, at least one: the server must not have closed. */
static size_t
receive_more (int fd, void *buf, size_t len)
{
  size_t r = receive (fd, buf, len);

  if (r == 0)
    fail ("the server closed the connection");
  return r;
}

/* Make sure len bytes are buffered, reading as much as the socket has. */
static void
fill (struct connection *c, size_t len)
{
  if (c->end - c->start >= len)
    return;
  memmove (c->in, c->in + c->start, c->end - c->start);
  c->end -= c->start;
  c->start = 0;
  while (c->end < len)
    c->end += receive_more (c->fd, c->in + c->end, INBUF_SIZE - c->end);
}

/* The next len bytes, into dst (or dropped when dst is NULL). */
static void
take (struct connection *c, void *dst, size_t len)
{
  size_t buffered = c->end - c->start;
  size_t n = buffered < len ? buffered : len;

  if (dst)
    memcpy (dst, c->in + c->start, n);
  c->start += n;
  len -= n;
  if (len == 0)
    return;
  if (len < DIRECT_MIN || dst == NULL) {
    fill (c, len);
    take (c, dst ? (char *) dst + n : NULL, len);
    return;
  }
  while (len > 0) {
    size_t r = receive_more (c->fd, (char *) dst + n, len);

    n += r;
    len -= r;
  }
}

static void
send_option (struct connection *c, uint32_t option, const void *data,
             uint32_t len)
{
  struct nbd_option_header hdr = {
    .magic = htobe64 (NBD_NEW_VERSION),
    .option = htobe32 (option),
    .length = htobe32 (len),
  };
  struct iovec iov[2] = { { &hdr, sizeof hdr }, { (void *) data, len } };

  if (writev (c->fd, iov, 2) != (ssize_t) (sizeof hdr + len))
    fail ("writev");
}

/* One option reply: its type; an export's size is kept. */
static uint32_t
option_reply (struct connection *c)
{
  struct nbd_option_reply reply;
  char payload[1024];
  uint32_t type, len;
  uint16_t info;

  take (c, &reply, sizeof reply);
  type = be32toh (reply.reply);
  len = be32toh (reply.length);
  if (len > sizeof payload)
    fail ("option reply too long");
  take (c, payload, len);
  memcpy (&info, payload, sizeof info);
  if (type == NBD_REP_INFO && len >= 12 && be16toh (info) == NBD_INFO_EXPORT) {
    memcpy (&c->export_size, payload + 2, sizeof c->export_size);
    c->export_size = be64toh (c->export_size);
  }
  return type;
}

static void
handshake (struct connection *c, const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  char greeting[18], go[6] = { 0 };
  uint32_t flags = htobe32 (NBD_FLAG_C_FIXED_NEWSTYLE |
                            NBD_FLAG_C_NO_ZEROES);

  int buffer = 2 * 1024 * 1024;

  snprintf (addr.sun_path, sizeof addr.sun_path, "%s", path);
  c->fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  /* Socket buffers as large as this library's. */
  if (c->fd == -1 ||
      setsockopt (c->fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer) ||
      setsockopt (c->fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer) ||
      connect (c->fd, (struct sockaddr *) &addr, sizeof addr) == -1)
    fail ("connect");
  c->start = c->end = 0;
  take (c, greeting, sizeof greeting);
  send_all (c->fd, &flags, sizeof flags);
  send_option (c, NBD_OPT_EXTENDED_HEADERS, NULL, 0);
  if (option_reply (c) == NBD_REP_ACK)
    fail ("extended headers agreed");
  send_option (c, NBD_OPT_STRUCTURED_REPLY, NULL, 0);
  if (option_reply (c) != NBD_REP_ACK)
    fail ("structured replies refused");
  send_option (c, NBD_OPT_GO, go, sizeof go);
  while (option_reply (c) != NBD_REP_ACK)
    ;
}

static void
disconnect (struct connection *c)
{
  struct nbd_request disc = {
    .magic = htobe32 (NBD_REQUEST_MAGIC),
    .type = htobe16 (NBD_CMD_DISC),
  };

  send_all (c->fd, &disc, sizeof disc);
  shutdown (c->fd, SHUT_WR);
  /* Replies still owed come before the server closes. */
  while (receive (c->fd, c->in, INBUF_SIZE) > 0)
    ;
  close (c->fd);
}

static uint64_t
run_handshakes (const char *path, double seconds)
{
  struct connection c = { .in = malloc (INBUF_SIZE) };
  double end = now () + seconds;
  uint64_t ops = 0;

  while (now () < end) {
    handshake (&c, path);
    disconnect (&c);
    ops++;
  }
  free (c.in);
  return ops;
}

/* One reply, whole: its data into buf.  True when it ends its command. */
static bool
reply (struct connection *c, char *buf)
{
  struct nbd_structured_reply chunk;
  uint32_t magic, len;

  fill (c, sizeof (struct nbd_simple_reply));
  memcpy (&magic, c->in + c->start, sizeof magic);
  if (be32toh (magic) == NBD_SIMPLE_REPLY_MAGIC) {
    take (c, NULL, sizeof (struct nbd_simple_reply));
    return true;
  }
  take (c, &chunk, sizeof chunk);
  len = be32toh (chunk.length);
  if (be16toh (chunk.type) == NBD_REPLY_TYPE_OFFSET_DATA && len >= 8) {
    take (c, NULL, 8);
    take (c, buf, len - 8);
  }
  else
    take (c, NULL, len);
  return be16toh (chunk.flags) & NBD_REPLY_FLAG_DONE;
}

/* Requests for the next n commands in one system call; writes carry
 * data.
 */
static void
send_requests (struct connection *c, const struct workload *w,
               struct offsets *o, unsigned n, const char *data)
{
  struct nbd_request req[MAX_DEPTH];
  struct iovec iov[2 * MAX_DEPTH];
  unsigned i, nr_iov = 0;

  for (i = 0; i < n; i++) {
    req[i] = (struct nbd_request) {
      .magic = htobe32 (NBD_REQUEST_MAGIC),
      .type = htobe16 (w->write ? NBD_CMD_WRITE : NBD_CMD_READ),
      .offset = htobe64 (next_offset (w, o, c->export_size)),
      .count = htobe32 (w->size),
    };
    iov[nr_iov++] = (struct iovec) { &req[i], sizeof req[i] };
    if (w->write)
      iov[nr_iov++] = (struct iovec) { (void *) data, w->size };
  }
  for (i = 0; i < nr_iov; i += IOV_MAX)
    if (writev (c->fd, iov + i, nr_iov - i < IOV_MAX ? nr_iov - i : IOV_MAX)
        == -1)
      fail ("writev");
}

/* Keep w->depth commands in flight, replacing those completed since
 * the last look all at once.  The commands share one buffer.
 */
static uint64_t
run_io (const char *path, double seconds, const struct workload *w)
{
  struct connection c = { .in = malloc (INBUF_SIZE) };
  struct offsets offsets = { .rng = 88172645463325252ULL };
  char *buf = calloc (1, w->size);
  double end;
  uint64_t ops = 0;
  unsigned done;

  if (c.in == NULL || buf == NULL)
    fail ("malloc");
  handshake (&c, path);
  end = now () + seconds;
  send_requests (&c, w, &offsets, w->depth, buf);
  while (now () < end) {
    done = 0;
    do
      done += reply (&c, buf);
    while (c.end - c.start >= sizeof (struct nbd_simple_reply));
    ops += done;
    send_requests (&c, w, &offsets, done, buf);
  }
  disconnect (&c);
  free (buf);
  free (c.in);
  return ops;
}

int
main (int argc, char *argv[])
{
  struct workload w = { .size = 0 };
  double seconds, start, cpu, elapsed;
  uint64_t ops;

  if (argc != 4 || (seconds = atof (argv[3])) <= 0) {
    fprintf (stderr, "usage: %s CASE SOCKET SECONDS\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  start = now ();
  cpu = cpu_seconds ();
  if (strcmp (argv[1], "handshake") == 0)
    ops = run_handshakes (argv[2], seconds);
  else if (parse_io_case (argv[1], &w) && w.threads == 0)
    ops = run_io (argv[2], seconds, &w);
  else {
    fprintf (stderr, "%s: no floor for case %s\n", argv[0], argv[1]);
    exit (EXIT_FAILURE);
  }
  elapsed = now () - start;
  cpu = cpu_seconds () - cpu;
  printf ("%s %.0f %.1f %.2f floor\n", argv[1], ops / elapsed,
          ops * w.size / elapsed / (1024 * 1024), cpu * 1e6 / ops);
  return EXIT_SUCCESS;
}
