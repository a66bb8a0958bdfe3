/* TLS through gnutls: the client session and the transport that
 * carries the connection once the handshake is done.  The credentials
 * it uses come from tls-credentials.c, its priority string from
 * tls-priority.c.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

#ifdef HAVE_GNUTLS

#include <gnutls/gnutls.h>

#define SESSION(h) ((gnutls_session_t) (h)->tls_session)

/* The name the server's certificate must carry, or NULL for none. */
static const char *
expected_hostname (struct nbd_handle *h)
{
  if (h->tls_hostname[0])
    return h->tls_hostname;
  return h->where == WHERE_TCP || h->where == WHERE_SSH ?
    h->where_host : NULL;
}

/* The socket beneath the session, written without SIGPIPE: a server
 * that hangs up must give the caller an error, not kill the process.
 */
static ssize_t
push (gnutls_transport_ptr_t ptr, const void *buf, size_t len)
{
  struct nbd_handle *h = ptr;
  ssize_t r = send (h->fd, buf, len, MSG_NOSIGNAL);

  if (r == -1) {
    h->tls_socket_errno = errno;
    gnutls_transport_set_errno (h->tls_session, errno);
  }
  return r;
}

static ssize_t
pull (gnutls_transport_ptr_t ptr, void *buf, size_t len)
{
  struct nbd_handle *h = ptr;
  ssize_t r = recv (h->fd, buf, len, 0);

  if (r == -1) {
    h->tls_socket_errno = errno;
    gnutls_transport_set_errno (h->tls_session, errno);
  }
  return r;
}

int
nbd_internal_require_tls_support (void)
{
  return 0;
}

static int
set_priority (struct nbd_handle *h, gnutls_session_t s)
{
  char *priority = nbd_internal_session_priority (h);
  int r;

  if (priority == NULL)
    return GNUTLS_E_MEMORY_ERROR;
  r = gnutls_priority_set_direct (s, priority, NULL);
  free (priority);
  return r;
}

static int
configure_session (struct nbd_handle *h, gnutls_session_t s)
{
  const char *hostname = expected_hostname (h);
  int r;

  r = set_priority (h, s);
  if (r >= 0)
    r = gnutls_credentials_set (s, h->tls_psk ? GNUTLS_CRD_PSK :
                                GNUTLS_CRD_CERTIFICATE, h->tls_credentials);
  if (r >= 0 && hostname && !h->tls_psk)
    r = gnutls_server_name_set (s, GNUTLS_NAME_DNS, hostname,
                                strlen (hostname));
  if (r < 0) {
    set_error (EIO, "cannot set up the TLS session: %s", gnutls_strerror (r));
    return -1;
  }
  if (!h->tls_psk && h->tls_verify_peer)
    gnutls_session_set_verify_cert (s, hostname, 0);
  gnutls_transport_set_ptr (s, h);
  gnutls_transport_set_push_function (s, push);
  gnutls_transport_set_pull_function (s, pull);
  return 0;
}

int
nbd_internal_start_tls (struct nbd_handle *h)
{
  gnutls_session_t s;
  int r;

  /* The server speaks next only to answer our hello; anything already
   * received would be lost to the session.
   */
  if (nbd_internal_input_pending (h)) {
    set_error (EPROTO, "the server sent data before the TLS handshake");
    return -1;
  }
  if (nbd_internal_load_tls_credentials (h) == -1)
    return -1;
  r = gnutls_init (&s, GNUTLS_CLIENT | GNUTLS_NONBLOCK);
  if (r < 0) {
    set_error (ENOMEM, "gnutls_init: %s", gnutls_strerror (r));
    nbd_internal_free_tls_credentials (h);
    return -1;
  }
  h->tls_session = s;
  return configure_session (h, s);
}

/* Why verification failed, in the certificate library's words. */
static void
set_handshake_error (struct nbd_handle *h, int r)
{
  gnutls_datum_t text = { NULL, 0 };
  unsigned status = gnutls_session_get_verify_cert_status (SESSION (h));

  if (r == GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR &&
      gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509,
                                                    &text, 0) == 0) {
    set_error (EPERM, "TLS handshake: the server's certificate is not "
               "trusted: %s", text.data);
    gnutls_free (text.data);
    return;
  }
  set_error (EPERM, "TLS handshake: %s", gnutls_strerror (r));
}

/* One step of the handshake: 0 done, 1 to be continued, -1 failed. */
int
nbd_internal_tls_handshake_step (struct nbd_handle *h)
{
  int r = gnutls_handshake (SESSION (h));

  if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED)
    return 1;
  if (r < 0) {
    set_handshake_error (h, r);
    return -1;
  }
  h->transport = &nbd_internal_tls_transport;
  h->tls_negotiated = true;
  if (h->debug) {
    char *desc = gnutls_session_get_desc (SESSION (h));

    debug (h, "TLS is on: %s", desc ? desc : "");
    gnutls_free (desc);
  }
  return 0;
}

unsigned
nbd_internal_tls_direction (struct nbd_handle *h)
{
  return gnutls_record_get_direction (SESSION (h)) ?
    LIBNBD_AIO_DIRECTION_WRITE : LIBNBD_AIO_DIRECTION_READ;
}

/* gnutls's answer as the system call's: a count, or -1 with errno. */
static ssize_t
record_result (struct nbd_handle *h, ssize_t r, const char *what)
{
  if (r >= 0)
    return r;
  if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
    errno = EAGAIN;
    return -1;
  }
  if (r == GNUTLS_E_PREMATURE_TERMINATION)
    return 0;
  /* The socket failed beneath the session: its errno (a reset, a
   * broken pipe) says more than gnutls's words for it.
   */
  if (r == GNUTLS_E_PUSH_ERROR || r == GNUTLS_E_PULL_ERROR)
    set_error (h->tls_socket_errno, "TLS %s", what);
  else
    set_error (EIO, "TLS %s: %s", what, gnutls_strerror (r));
  return -1;
}

static ssize_t
tls_recv (struct nbd_handle *h, void *buf, size_t len)
{
  return record_result (h, gnutls_record_recv (SESSION (h), buf, len),
                        "recv");
}

static ssize_t
tls_send (struct nbd_handle *h, const void *buf, size_t len)
{
  return record_result (h, gnutls_record_send (SESSION (h), buf, len),
                        "send");
}

static bool
tls_pending (struct nbd_handle *h)
{
  return gnutls_record_check_pending (SESSION (h)) > 0;
}

/* Say goodbye as TLS asks, without waiting for an answer. */
static void
tls_shutdown (struct nbd_handle *h)
{
  gnutls_bye (SESSION (h), GNUTLS_SHUT_WR);
}

const struct transport nbd_internal_tls_transport = {
  .recv = tls_recv,
  .send = tls_send,
  .pending = tls_pending,
  .shutdown = tls_shutdown,
};

void
nbd_internal_free_tls (struct nbd_handle *h)
{
  if (h->tls_session) {
    gnutls_deinit (SESSION (h));
    h->tls_session = NULL;
  }
  nbd_internal_free_tls_credentials (h);
}

#else /* !HAVE_GNUTLS */

int
nbd_internal_require_tls_support (void)
{
  set_error (ENOTSUP, "this build of the library has no TLS support");
  return -1;
}

int
nbd_internal_start_tls (struct nbd_handle *h)
{
  (void) h;
  return nbd_internal_require_tls_support ();
}

int
nbd_internal_tls_handshake_step (struct nbd_handle *h)
{
  (void) h;
  return nbd_internal_require_tls_support ();
}

unsigned
nbd_internal_tls_direction (struct nbd_handle *h)
{
  (void) h;
  return 0;
}

void
nbd_internal_free_tls (struct nbd_handle *h)
{
  (void) h;
}

#endif /* !HAVE_GNUTLS */
