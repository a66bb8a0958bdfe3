/* States that read the server's greeting: the magic that tells
 * oldstyle from newstyle, the oldstyle export details, and the newstyle
 * handshake flags, which the client answers with its first option.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <endian.h>
#include <errno.h>
#include <inttypes.h>

#include "internal.h"
#include "states/set-state.h"
#include "nbd-protocol.h"

void
nbd_internal_begin_handshake (struct nbd_handle *h)
{
  RECV_INTO (h, &h->scratch.greeting, sizeof h->scratch.greeting);
  nbd_internal_set_state (h, STATE_RECV_GREETING);
}

int
nbd_internal_state_RECV_GREETING (struct nbd_handle *h)
{
  uint64_t magic, version;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  magic = be64toh (h->scratch.greeting.magic);
  version = be64toh (h->scratch.greeting.version);
  if (magic != NBD_MAGIC) {
    set_error (EPROTO, "the peer is not an NBD server: it did not start "
               "with the NBD magic");
    return -1;
  }
  if (version == NBD_NEW_VERSION) {
    RECV_INTO (h, &h->scratch.gflags, sizeof h->scratch.gflags);
    nbd_internal_set_state (h, STATE_RECV_GFLAGS);
  }
  else if (version == NBD_OLD_VERSION) {
    RECV_INTO (h, &h->scratch.oldstyle, sizeof h->scratch.oldstyle);
    nbd_internal_set_state (h, STATE_RECV_OLDSTYLE);
  }
  else {
    set_error (EPROTO, "the server speaks an unknown handshake (0x%"
               PRIx64 ")", version);
    return -1;
  }
  return 0;
}

/* Oldstyle servers send the export's details at once and take no
 * options, so option mode does not apply.
 */
int
nbd_internal_state_RECV_OLDSTYLE (struct nbd_handle *h)
{
  uint32_t flags;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  if (h->tls == LIBNBD_TLS_REQUIRE) {
    set_error (ENOTSUP, "TLS is required but an oldstyle server cannot "
               "negotiate it");
    return -1;
  }
  flags = be32toh (h->scratch.oldstyle.flags);
  h->protocol = "oldstyle";
  h->agreed_flags = flags >> 16;
  if (nbd_internal_set_export (h, be64toh (h->scratch.oldstyle.size),
                               flags & 0xffff) == -1)
    return -1;
  nbd_internal_set_state (h, STATE_READY);
  return 0;
}

/* The client's flags are not sent yet: they go out with the first
 * option (options/request.c), since a server that reads them alone and
 * then waits for that option costs a wakeup and a system call on each
 * side for every connection.
 */
int
nbd_internal_state_RECV_GFLAGS (struct nbd_handle *h)
{
  uint16_t gflags;
  int r = nbd_internal_recv (h);

  if (r != 0)
    return r;
  gflags = be16toh (h->scratch.gflags);
  h->protocol = gflags & NBD_FLAG_FIXED_NEWSTYLE ?
    "newstyle-fixed" : "newstyle";
  /* The client takes up what the server offers and the caller allows. */
  h->agreed_flags = gflags & h->handshake_flags;
  h->cflags_unsent = true;
  nbd_internal_set_state (h, STATE_CHOOSE_OPTION);
  return 0;
}
