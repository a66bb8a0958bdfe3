/* Making and closing handles, and what a handle says about itself and
 * about the library.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* Numbers handle names: nbd1, nbd2, ... unique within the process. */
static unsigned handle_counter;

static void
set_defaults (struct nbd_handle *h)
{
  const char *debug = getenv ("LIBNBD_DEBUG");
  const char *uri_strict = getenv ("LIBNBD_URI_STRICT");

  h->debug = debug && strcmp (debug, "1") == 0;
  h->uri_strict = uri_strict && strcmp (uri_strict, "1") == 0;
  /* The handle was zeroed: it starts in STATE_START, with no event. */
  _Static_assert (STATE_START == 0 && EVENT_NONE == 0,
                  "the state and event tables begin with START and NONE");
  h->fd = -1;
  h->transport = &nbd_internal_plain_transport;
  h->wakeup_fd = -1;
  h->tls = LIBNBD_TLS_DISABLE;
  h->tls_verify_peer = true;
  h->request_extended_headers = true;
  h->request_structured_replies = true;
  h->request_meta_context = true;
  h->request_block_size = true;
  h->handshake_flags = LIBNBD_HANDSHAKE_FLAG_MASK;
  h->pread_initialize = true;
  h->strict = LIBNBD_STRICT_MASK;
  h->uri_allow_transports = LIBNBD_ALLOW_TRANSPORT_MASK;
  h->uri_allow_tls = LIBNBD_TLS_ALLOW;
}

struct nbd_handle *
nbd_unlocked_create (void)
{
  struct nbd_handle *h = calloc (1, sizeof *h);
  unsigned n;

  if (h == NULL) {
    set_error (errno, "calloc");
    return NULL;
  }
  set_defaults (h);
  n = __atomic_add_fetch (&handle_counter, 1, __ATOMIC_RELAXED);
  if (asprintf (&h->hname, "nbd%u", n) == -1) {
    set_error (errno, "asprintf");
    goto err_handle;
  }
  h->export_name = strdup ("");
  h->tls_hostname = strdup ("");
  h->socket_activation_name = strdup ("");
  if (!h->export_name || !h->tls_hostname || !h->socket_activation_name) {
    set_error (errno, "strdup");
    goto err_strings;
  }
  errno = pthread_mutex_init (&h->lock, NULL);
  if (errno != 0) {
    set_error (errno, "pthread_mutex_init");
    goto err_strings;
  }
  debug (h, "handle created");
  return h;

 err_strings:
  free (h->export_name);
  free (h->tls_hostname);
  free (h->socket_activation_name);
  free (h->hname);
 err_handle:
  free (h);
  return NULL;
}

void
nbd_unlocked_close (struct nbd_handle *h)
{
  debug (h, "closing handle");
  h->closing = true;
  nbd_internal_finish_option (h, ENOTCONN);
  nbd_internal_free_commands (h);
  nbd_internal_close_socket (h);
  nbd_internal_reap_subprocess (h);
  nbd_internal_free_where (h);
  nbd_internal_forget_export (h);
  nbd_internal_free_waiters (h);
  free (h->last_opt_message);
  if (h->wakeup_fd >= 0)
    close (h->wakeup_fd);
  FREE_CALLBACK (h->debug_callback);
  string_list_clear (&h->meta_contexts_wanted);
  free (h->export_name);
  free (h->tls_certificates);
  free (h->tls_username);
  free (h->tls_hostname);
  free (h->tls_psk_file);
  free (h->tls_priority);
  free (h->socket_activation_name);
  free (h->hname);
  pthread_mutex_destroy (&h->lock);
  free (h);
}

int
nbd_unlocked_set_handle_name (struct nbd_handle *h, const char *handle_name)
{
  return nbd_internal_copy_string (&h->hname, handle_name);
}

char *
nbd_unlocked_get_handle_name (struct nbd_handle *h)
{
  return nbd_internal_copy_setting (h->hname);
}

uintptr_t
nbd_unlocked_set_private_data (struct nbd_handle *h, uintptr_t private_data)
{
  uintptr_t old = h->private_data;

  h->private_data = private_data;
  return old;
}

uintptr_t
nbd_unlocked_get_private_data (struct nbd_handle *h)
{
  return h->private_data;
}

const char *
nbd_unlocked_get_package_name (struct nbd_handle *h)
{
  (void) h;
  return PACKAGE_NAME;
}

const char *
nbd_unlocked_get_version (struct nbd_handle *h)
{
  (void) h;
  return PACKAGE_VERSION;
}

const char *
nbd_unlocked_get_version_extra (struct nbd_handle *h)
{
  (void) h;
  return PACKAGE_VERSION_EXTRA;
}

int
nbd_unlocked_supports_tls (struct nbd_handle *h)
{
  (void) h;
#ifdef HAVE_GNUTLS
  return 1;
#else
  return 0;
#endif
}

int
nbd_unlocked_supports_vsock (struct nbd_handle *h)
{
  (void) h;
#ifdef AF_VSOCK
  return 1;
#else
  return 0;
#endif
}

int
nbd_unlocked_supports_uri (struct nbd_handle *h)
{
  (void) h;
#ifdef HAVE_LIBXML2
  return 1;
#else
  return 0;
#endif
}
