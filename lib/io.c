/* Moving bytes between the connection and the handle's transfer
 * buffers, through the handle's transport: the plain socket below, or
 * a TLS session (tls.c).  States never know which.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

static ssize_t
plain_recv (struct nbd_handle *h, void *buf, size_t len)
{
  ssize_t r = recv (h->fd, buf, len, 0);

  if (r == -1 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
    set_error (errno, "recv");
  return r;
}

static ssize_t
plain_send (struct nbd_handle *h, const void *buf, size_t len)
{
  ssize_t r = send (h->fd, buf, len, MSG_NOSIGNAL);

  if (r == -1 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
    set_error (errno, "send");
  return r;
}

static bool
plain_pending (struct nbd_handle *h)
{
  (void) h;
  return false;
}

static void
plain_shutdown (struct nbd_handle *h)
{
  shutdown (h->fd, SHUT_WR);
}

const struct transport nbd_internal_plain_transport = {
  .recv = plain_recv,
  .send = plain_send,
  .pending = plain_pending,
  .shutdown = plain_shutdown,
};

static bool
would_block (void)
{
  return errno == EAGAIN || errno == EWOULDBLOCK;
}

/* What one recv into the receive buffer asks for while a large read is
 * unfinished (see recv_once).
 */
#define NEAR_LARGE_READ_RECV (4 * 1024)

bool
nbd_internal_input_pending (struct nbd_handle *h)
{
  return h->in_end > h->in_start || h->transport->pending (h);
}

/* A copy whose destination lies just above its source modulo 4 KiB
 * makes each load wait for the store just before it to the same page
 * offset (the processor matches loads to pending stores by the low 12
 * address bits).  glibc's memcpy copies forwards, and on the
 * benchmark's machine such a copy of 4 KiB took some 60 times as long
 * as any other.  A read's data lands at every offset of the receive
 * buffer in turn, so one 4 KiB read in 15 paid it, and memcpy took 4.7%
 * of the CPU of reads at queue depth 64, 0.5% once those went
 * backwards: copied from the end, no load follows a store to its
 * offset.
 */
#define ALIASING_DISTANCE 64
#define BACKWARD_COPY_MIN 256

typedef char sixteen_bytes __attribute__ ((vector_size (16)));

static void
copy_out (char *dst, const char *src, size_t n)
{
  if (n < BACKWARD_COPY_MIN ||
      ((uintptr_t) dst - (uintptr_t) src) % 4096 >= ALIASING_DISTANCE) {
    memcpy (dst, src, n);
    return;
  }
  /* 64 bytes at a time, all loaded before any is stored, so that no
   * load follows a store within the block either.
   */
  while (n >= 4 * sizeof (sixteen_bytes)) {
    sixteen_bytes a, b, c, d;

    n -= 4 * sizeof a;
    memcpy (&a, src + n, sizeof a);
    memcpy (&b, src + n + 16, sizeof b);
    memcpy (&c, src + n + 32, sizeof c);
    memcpy (&d, src + n + 48, sizeof d);
    memcpy (dst + n, &a, sizeof a);
    memcpy (dst + n + 16, &b, sizeof b);
    memcpy (dst + n + 32, &c, sizeof c);
    memcpy (dst + n + 48, &d, sizeof d);
  }
  memcpy (dst, src, n);
}

/* Hand over what the receive buffer holds, as far as rbuf wants it. */
static void
take_buffered (struct nbd_handle *h)
{
  size_t n = h->in_end - h->in_start;

  assert (h->in_start < h->in_end && h->in_end <= INBUF_SIZE);
  if (n > h->rlen)
    n = h->rlen;
  copy_out (h->rbuf, h->inbuf + h->in_start, n);
  h->in_start += n;
  h->rbuf += n;
  h->rlen -= n;
}

/* One recv, into rbuf directly when it wants a lot, else into the
 * receive buffer.  Returns what recv returned.
 *
 * While a large read is unfinished, the next reply's header may be
 * followed in the socket by that read's data.  A recv of the whole
 * receive buffer would then take up to 64 KiB of the data, to be
 * copied out again, where the recv straight into the caller's buffer
 * would have put it in place at once.  So the buffer's recv asks for
 * NEAR_LARGE_READ_RECV only, enough for the headers and for a few
 * small replies.  In two runs side by side with the build before (five
 * to eight rounds each), nbdcopy's copies of 1 GiB went 5% and 23% faster,
 * 1 MiB reads at depth 16 2% and 10%, fio's 1 MiB random reads 4% and
 * 10%, 256 KiB reads 6% both times, at the same or up to a sixth less
 * CPU per read.  Asking for 64 bytes gained less.  With no large read
 * unfinished, nothing changes.
 */
static ssize_t
recv_once (struct nbd_handle *h)
{
  size_t room;
  ssize_t r;

  if (h->rlen >= DIRECT_RECV_MIN) {
    r = h->transport->recv (h, h->rbuf, h->rlen);
    if (r > 0) {
      h->rbuf += r;
      h->rlen -= r;
    }
    return r;
  }
  /* The buffer is only refilled once all it held has been taken. */
  assert (h->in_start == h->in_end);
  if (h->inbuf == NULL && (h->inbuf = malloc (INBUF_SIZE)) == NULL) {
    set_error (errno, "malloc");
    return -1;
  }
  room = h->large_reads_unfinished ? NEAR_LARGE_READ_RECV : INBUF_SIZE;
  r = h->transport->recv (h, h->inbuf, room);
  h->in_start = 0;
  h->in_end = r > 0 ? r : 0;
  return r;
}

int
nbd_internal_recv (struct nbd_handle *h)
{
  while (h->rlen > 0) {
    ssize_t r;

    if (h->in_end > h->in_start) {
      take_buffered (h);
      continue;
    }
    /* An empty socket stays empty until poll says otherwise: asking
     * again would only cost a system call.
     */
    if (h->recv_drained && !h->transport->pending (h))
      return 1;
    r = recv_once (h);
    if (r == -1) {
      if (would_block ()) {
        h->recv_drained = true;
        return 1;
      }
      if (errno == EINTR)
        continue;
      return -1;
    }
    if (r == 0) {
      /* After a disconnect this is how the server answers, and
       * states/run.c ends the connection cleanly: nothing to report.
       */
      if (h->disconnect_sent)
        errno = ECONNRESET;
      else
        set_error (ECONNRESET, "the server closed the connection "
                   "unexpectedly");
      return -1;
    }
    h->bytes_received += r;
  }
  return 0;
}

int
nbd_internal_send (struct nbd_handle *h)
{
  while (h->wlen > 0) {
    ssize_t r = h->transport->send (h, h->wbuf, h->wlen);

    if (r == -1) {
      if (would_block ())
        return 1;
      if (errno == EINTR)
        continue;
      return -1;
    }
    assert ((size_t) r <= h->wlen);
    h->bytes_sent += r;
    h->wbuf += r;
    h->wlen -= r;
  }
  return 0;
}

/* A server's bytes that nothing will use still have to be read for
 * the connection to stay in step.  They pass through a small buffer in
 * the handle, so that their number costs no memory.
 */
int
nbd_internal_discard (struct nbd_handle *h)
{
  for (;;) {
    size_t n;
    int r;

    if (h->rlen == 0) {
      if (h->discard_left == 0)
        return 0;
      n = h->discard_left < sizeof h->discard ?
        h->discard_left : sizeof h->discard;
      RECV_INTO (h, h->discard, n);
      h->discard_left -= n;
    }
    r = nbd_internal_recv (h);
    if (r != 0)
      return r;
  }
}

/* Room in h->payload for a payload of len bytes and a NUL after it, so
 * that string payloads can be used as they are.  The buffer is kept
 * from one reply to the next: block status answers come often, and
 * mostly at the same size.
 */
int
nbd_internal_payload_room (struct nbd_handle *h, size_t len)
{
  if (len >= h->payload_room) {
    char *p = realloc (h->payload, len + 1);

    if (p == NULL) {
      set_error (errno, "realloc");
      return -1;
    }
    h->payload = p;
    h->payload_room = len + 1;
  }
  h->payload[len] = '\0';
  return 0;
}
