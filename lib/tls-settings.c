/* TLS settings kept on the handle until the handshake uses them.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int
nbd_unlocked_set_tls (struct nbd_handle *h, int tls)
{
  if (tls != LIBNBD_TLS_DISABLE && nbd_internal_require_tls_support () == -1)
    return -1;
  h->tls = tls;
  return 0;
}

int
nbd_unlocked_get_tls (struct nbd_handle *h)
{
  return h->tls;
}

int
nbd_unlocked_set_tls_certificates (struct nbd_handle *h, const char *dir)
{
  return nbd_internal_copy_string (&h->tls_certificates, dir);
}

BOOLEAN_SETTING (tls_verify_peer)

int
nbd_unlocked_set_tls_username (struct nbd_handle *h, const char *username)
{
  return nbd_internal_copy_string (&h->tls_username, username);
}

char *
nbd_unlocked_get_tls_username (struct nbd_handle *h)
{
  return nbd_internal_tls_username (h);
}

int
nbd_unlocked_set_tls_hostname (struct nbd_handle *h, const char *hostname)
{
  return nbd_internal_copy_string (&h->tls_hostname, hostname);
}

char *
nbd_unlocked_get_tls_hostname (struct nbd_handle *h)
{
  return nbd_internal_copy_setting (h->tls_hostname);
}

int
nbd_unlocked_set_tls_psk_file (struct nbd_handle *h, const char *filename)
{
  return nbd_internal_copy_string (&h->tls_psk_file, filename);
}

/* The priority is checked now, while the caller can still choose
 * another, rather than at the handshake, where it could only kill the
 * connection.
 */
int
nbd_unlocked_set_tls_priority (struct nbd_handle *h, const char *priority)
{
  if (nbd_internal_check_tls_priority (priority) == -1)
    return -1;
  return nbd_internal_copy_string (&h->tls_priority, priority);
}

char *
nbd_unlocked_get_tls_priority (struct nbd_handle *h)
{
  return nbd_internal_copy_setting (h->tls_priority ? h->tls_priority
                                    : TLS_PRIORITY);
}

int
nbd_unlocked_set_uri_allow_tls_priority (struct nbd_handle *h, bool allow)
{
  h->uri_allow_tls_priority = allow;
  return 0;
}
