/* The gnutls priority string of a TLS session: the caller's as given,
 * or the build's default, and in either case with a pre-shared key the
 * key exchanges that can use one.
 *
 * With a key, TLS 1.3 can use only the suites that hash with SHA-256
 * (the key is bound to it), so AES-256-GCM, NORMAL's first choice,
 * drops out and its second, ChaCha20-Poly1305, is what the server
 * picks.  Where the CPU does AES in hardware that cipher is far slower
 * than AES-128-GCM: gnutls here encrypts 5.7 GB/s with AES-128-GCM
 * and 0.34 GB/s with ChaCha20, and over a PSK session 1 MiB reads at
 * depth 16 went from 265 a second (libnbd 1.22 the same) to 1700-1900,
 * 4 KiB reads at depth 64 from 50k to 170k at a quarter of the CPU
 * per read.  So the default, with a key, puts ChaCha20 after the
 * other ciphers, as NORMAL puts AES-GCM first without one: the same
 * ciphers are offered, only their order changes.  That is done only
 * where gnutls itself ranks AES-128-GCM above ChaCha20 for speed (its
 * PERFORMANCE string, which it orders by the CPU's features), and only
 * if it leaves the default's set of ciphers as it was: a default
 * without ChaCha20 must not gain it.  A caller's string is never
 * changed beyond the key exchanges.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

#ifdef HAVE_GNUTLS

#include <gnutls/gnutls.h>

#define PSK_KEY_EXCHANGES ":+ECDHE-PSK:+DHE-PSK:+PSK"
#define CHACHA20_LAST ":-CHACHA20-POLY1305:+CHACHA20-POLY1305"

int
nbd_internal_check_tls_priority (const char *priority)
{
  gnutls_priority_t cache;
  const char *where = NULL;
  int r = gnutls_priority_init (&cache, priority, &where);

  if (r < 0) {
    set_error (EINVAL, "the TLS priority string is not valid (%s), at "
               "\"%s\"", gnutls_strerror (r), where ? where : priority);
    return -1;
  }
  gnutls_priority_deinit (cache);
  return 0;
}

/* Where two ciphers stand in a priority string's list (-1 for one it
 * lacks), and how long the list is.
 */
struct cipher_ranks {
  int count;
  int aes128_gcm;
  int chacha20;
};

static bool
rank_ciphers (const char *priority, struct cipher_ranks *ranks)
{
  gnutls_priority_t cache;
  const unsigned int *list;
  int i, n;

  if (gnutls_priority_init (&cache, priority, NULL) < 0)
    return false;
  n = gnutls_priority_cipher_list (cache, &list);
  *ranks = (struct cipher_ranks) { .count = n, .aes128_gcm = -1,
                                   .chacha20 = -1 };
  for (i = 0; i < n; i++) {
    if (list[i] == GNUTLS_CIPHER_AES_128_GCM)
      ranks->aes128_gcm = i;
    else if (list[i] == GNUTLS_CIPHER_CHACHA20_POLY1305)
      ranks->chacha20 = i;
  }
  gnutls_priority_deinit (cache);
  return n > 0;
}

static bool chacha20_last;
static pthread_once_t chacha20_last_once = PTHREAD_ONCE_INIT;

/* Both strings are fixed for the life of the process (see above). */
static void
decide_chacha20_last (void)
{
  struct cipher_ranks speed, base, reordered;

  chacha20_last =
    rank_ciphers ("PERFORMANCE", &speed) &&
    speed.aes128_gcm >= 0 && speed.chacha20 > speed.aes128_gcm &&
    rank_ciphers (TLS_PRIORITY, &base) &&
    rank_ciphers (TLS_PRIORITY CHACHA20_LAST, &reordered) &&
    reordered.count == base.count;
}

char *
nbd_internal_session_priority (struct nbd_handle *h)
{
  const char *base = h->tls_priority ? h->tls_priority : TLS_PRIORITY;
  const char *order = "";
  char *priority;

  if (h->tls_psk && !h->tls_priority) {
    pthread_once (&chacha20_last_once, decide_chacha20_last);
    if (chacha20_last)
      order = CHACHA20_LAST;
  }
  if (asprintf (&priority, "%s%s%s", base,
                h->tls_psk ? PSK_KEY_EXCHANGES : "", order) == -1)
    return NULL;
  return priority;
}

#else /* !HAVE_GNUTLS */

/* Without TLS the priority is only kept, never used. */
int
nbd_internal_check_tls_priority (const char *priority)
{
  (void) priority;
  return 0;
}

#endif /* !HAVE_GNUTLS */
