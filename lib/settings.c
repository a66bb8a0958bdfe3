/* The handle's negotiation and behaviour settings: what the handshake
 * asks for, strictness, and the limits on URIs.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool
c_isalnum (char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
    (c >= 'A' && c <= 'Z');
}

/* Names sent in the handshake (exports, meta contexts) have a limit. */
int
nbd_internal_check_protocol_string (const char *name)
{
  if (strnlen (name, NBD_MAX_STRING + 1) > NBD_MAX_STRING) {
    set_error (ENAMETOOLONG, "the name is longer than the %d bytes the "
               "protocol allows", NBD_MAX_STRING);
    return -1;
  }
  return 0;
}

int
nbd_unlocked_set_export_name (struct nbd_handle *h, const char *export_name)
{
  if (nbd_internal_check_protocol_string (export_name) == -1)
    return -1;
  if (h->export_name && strcmp (h->export_name, export_name) == 0)
    return 0;
  if (nbd_internal_copy_string (&h->export_name, export_name) == -1)
    return -1;
  /* What the server said of the export, and the contexts it agreed to,
   * belong to the export they were asked for; a new name needs them
   * asked for again.
   */
  nbd_internal_forget_export (h);
  return 0;
}

char *
nbd_unlocked_get_export_name (struct nbd_handle *h)
{
  return nbd_internal_copy_setting (h->export_name);
}

BOOLEAN_SETTING (request_block_size)
BOOLEAN_SETTING (full_info)
BOOLEAN_SETTING (request_extended_headers)
BOOLEAN_SETTING (request_structured_replies)
BOOLEAN_SETTING (request_meta_context)
BOOLEAN_SETTING (pread_initialize)
BOOLEAN_SETTING (opt_mode)

int
nbd_unlocked_set_handshake_flags (struct nbd_handle *h, uint32_t flags)
{
  h->handshake_flags = flags;
  return 0;
}

uint32_t
nbd_unlocked_get_handshake_flags (struct nbd_handle *h)
{
  return h->handshake_flags;
}

int
nbd_unlocked_set_strict_mode (struct nbd_handle *h, uint32_t flags)
{
  h->strict = flags;
  return 0;
}

uint32_t
nbd_unlocked_get_strict_mode (struct nbd_handle *h)
{
  return h->strict;
}

int
nbd_unlocked_set_uri_allow_transports (struct nbd_handle *h, uint32_t mask)
{
  h->uri_allow_transports = mask;
  return 0;
}

int
nbd_unlocked_set_uri_allow_tls (struct nbd_handle *h, int tls)
{
  h->uri_allow_tls = tls;
  return 0;
}

int
nbd_unlocked_set_uri_allow_local_file (struct nbd_handle *h, bool allow)
{
  h->uri_allow_local_file = allow;
  return 0;
}

int
nbd_unlocked_set_socket_activation_name (struct nbd_handle *h,
                                         const char *socket_name)
{
  const char *p;

  /* The name travels in LISTEN_FDNAMES, whose names systemd limits to
   * 255 characters; keeping to letters and digits keeps it clear of the
   * list's separators in every server.
   */
  if (strlen (socket_name) > 255) {
    set_error (EINVAL, "the name is longer than 255 bytes");
    return -1;
  }
  for (p = socket_name; *p; p++) {
    if (!c_isalnum (*p)) {
      set_error (EINVAL, "the name may hold only ASCII letters and digits");
      return -1;
    }
  }
  return nbd_internal_copy_string (&h->socket_activation_name, socket_name);
}

char *
nbd_unlocked_get_socket_activation_name (struct nbd_handle *h)
{
  return nbd_internal_copy_setting (h->socket_activation_name);
}
