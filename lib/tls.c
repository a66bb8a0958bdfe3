/* TLS through gnutls: the credentials (X.509 or a pre-shared key), the
 * client session, and the transport that carries the connection once
 * the handshake is done.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#ifdef HAVE_GNUTLS

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#define SESSION(h) ((gnutls_session_t) (h)->tls_session)

/* Where certificates are looked for when none was set, in order. */
static char *
default_certificates_dir (void)
{
  const char *home = getenv ("HOME");
  const char *subdirs[] = { ".pki/libnbd", ".config/pki/libnbd" };
  struct stat st;
  char *dir;
  size_t i;

  if (geteuid () == 0)
    return stat ("/etc/pki/libnbd", &st) == 0 ? strdup ("/etc/pki/libnbd")
      : NULL;
  for (i = 0; home && i < sizeof subdirs / sizeof subdirs[0]; i++) {
    if (asprintf (&dir, "%s/%s", home, subdirs[i]) == -1)
      return NULL;
    if (stat (dir, &st) == 0)
      return dir;
    free (dir);
  }
  return NULL;
}

static bool
file_exists (const char *dir, const char *name, char **path)
{
  struct stat st;

  if (asprintf (path, "%s/%s", dir, name) == -1) {
    *path = NULL;
    return false;
  }
  if (stat (*path, &st) == 0)
    return true;
  free (*path);
  *path = NULL;
  return false;
}

/* A client certificate and its key, when both files are in dir:
 * 0 loaded, 1 absent, -1 with the error set.
 */
static int
load_client_pair (gnutls_certificate_credentials_t cred, const char *dir,
                  const char *cert_name, const char *key_name)
{
  char *cert = NULL, *key = NULL;
  int r = 1;

  if (file_exists (dir, cert_name, &cert) &&
      file_exists (dir, key_name, &key)) {
    r = gnutls_certificate_set_x509_key_file (cred, cert, key,
                                              GNUTLS_X509_FMT_PEM);
    if (r < 0) {
      set_error (EIO, "cannot load the client certificate %s with the key "
                 "%s: %s", cert, key, gnutls_strerror (r));
      r = -1;
    }
  }
  free (cert);
  free (key);
  return r;
}

/* client-cert.pem, then client-cert-0.pem, client-cert-1.pem ... up to
 * the first pair missing: gnutls offers the server whichever suits the
 * algorithms it asks for, so that a classic and a post-quantum
 * certificate can stand side by side.
 */
static int
load_client_certificates (gnutls_certificate_credentials_t cred,
                          const char *dir)
{
  char cert_name[64], key_name[64];
  unsigned n;
  int r;

  r = load_client_pair (cred, dir, "client-cert.pem", "client-key.pem");
  for (n = 0; r != -1; n++) {
    snprintf (cert_name, sizeof cert_name, "client-cert-%u.pem", n);
    snprintf (key_name, sizeof key_name, "client-key-%u.pem", n);
    r = load_client_pair (cred, dir, cert_name, key_name);
    if (r == 1)
      return 0;
  }
  return -1;
}

/* The CA, revocation list and client certificates in dir, each if it
 * is there; the system's trust store when no CA is.
 */
static int
load_x509_dir (gnutls_certificate_credentials_t cred, const char *dir)
{
  char *ca = NULL, *crl = NULL;
  int r = 0;

  if (dir && file_exists (dir, "ca-cert.pem", &ca))
    r = gnutls_certificate_set_x509_trust_file (cred, ca,
                                                GNUTLS_X509_FMT_PEM);
  else
    r = gnutls_certificate_set_x509_system_trust (cred);
  if (r >= 0 && dir && file_exists (dir, "ca-crl.pem", &crl))
    r = gnutls_certificate_set_x509_crl_file (cred, crl, GNUTLS_X509_FMT_PEM);
  free (ca);
  free (crl);
  if (r < 0) {
    set_error (EIO, "cannot load the certificates in %s: %s",
               dir ? dir : "the system trust store", gnutls_strerror (r));
    return -1;
  }
  return dir ? load_client_certificates (cred, dir) : 0;
}

static int
x509_credentials (struct nbd_handle *h)
{
  gnutls_certificate_credentials_t cred;
  char *dir = h->tls_certificates ? strdup (h->tls_certificates) :
    default_certificates_dir ();
  int r;

  r = gnutls_certificate_allocate_credentials (&cred);
  if (r < 0) {
    set_error (ENOMEM, "gnutls_certificate_allocate_credentials: %s",
               gnutls_strerror (r));
    free (dir);
    return -1;
  }
  r = load_x509_dir (cred, dir);
  free (dir);
  if (r == -1) {
    gnutls_certificate_free_credentials (cred);
    return -1;
  }
  h->tls_credentials = cred;
  h->tls_psk = false;
  return 0;
}

/* The hex key of user in a psktool file ("user:hexkey" lines). */
static char *
find_psk (const char *file, const char *user)
{
  /* "e": another thread may fork and exec while the file is open. */
  FILE *fp = fopen (file, "re");
  size_t n = strlen (user), len = 0;
  char *line = NULL, *key = NULL;

  if (fp == NULL) {
    set_error (errno, "cannot open the PSK file %s", file);
    return NULL;
  }
  while (getline (&line, &len, fp) != -1) {
    if (strncmp (line, user, n) == 0 && line[n] == ':') {
      line[strcspn (line, "\r\n")] = '\0';
      key = strdup (line + n + 1);
      break;
    }
  }
  free (line);
  fclose (fp);
  if (key == NULL)
    set_error (ENOENT, "the PSK file %s has no key for user %s", file, user);
  return key;
}

static int
psk_credentials (struct nbd_handle *h)
{
  gnutls_psk_client_credentials_t cred;
  char *user = nbd_unlocked_get_tls_username (h);
  char *key;
  gnutls_datum_t datum;
  int r;

  if (user == NULL)
    return -1;
  key = find_psk (h->tls_psk_file, user);
  if (key == NULL) {
    free (user);
    return -1;
  }
  datum = (gnutls_datum_t) { .data = (unsigned char *) key,
                             .size = strlen (key) };
  r = gnutls_psk_allocate_client_credentials (&cred);
  if (r == 0) {
    r = gnutls_psk_set_client_credentials (cred, user, &datum,
                                           GNUTLS_PSK_KEY_HEX);
    if (r < 0)
      gnutls_psk_free_client_credentials (cred);
  }
  free (user);
  free (key);
  if (r < 0) {
    set_error (EINVAL, "cannot use the pre-shared key: %s",
               gnutls_strerror (r));
    return -1;
  }
  h->tls_credentials = cred;
  h->tls_psk = true;
  return 0;
}

static void
free_credentials (struct nbd_handle *h)
{
  if (h->tls_credentials == NULL)
    return;
  if (h->tls_psk)
    gnutls_psk_free_client_credentials (h->tls_credentials);
  else
    gnutls_certificate_free_credentials (h->tls_credentials);
  h->tls_credentials = NULL;
}

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

/* The session's priority: the caller's or the build's, and with a
 * pre-shared key the key exchanges that can use one.
 */
static int
set_priority (struct nbd_handle *h, gnutls_session_t s)
{
  const char *base = h->tls_priority ? h->tls_priority : TLS_PRIORITY;
  char *priority;
  int r;

  if (asprintf (&priority, "%s%s", base,
                h->tls_psk ? ":+ECDHE-PSK:+DHE-PSK:+PSK" : "") == -1)
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
  if ((h->tls_psk_file ? psk_credentials (h) : x509_credentials (h)) == -1)
    return -1;
  r = gnutls_init (&s, GNUTLS_CLIENT | GNUTLS_NONBLOCK);
  if (r < 0) {
    set_error (ENOMEM, "gnutls_init: %s", gnutls_strerror (r));
    free_credentials (h);
    return -1;
  }
  h->tls_session = s;
  if (configure_session (h, s) == -1)
    return -1;
  h->state = STATE_TLS_HANDSHAKE;
  return 0;
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
  free_credentials (h);
}

#else /* !HAVE_GNUTLS */

/* Without TLS the priority is only kept, never used. */
int
nbd_internal_check_tls_priority (const char *priority)
{
  (void) priority;
  return 0;
}

int
nbd_internal_start_tls (struct nbd_handle *h)
{
  (void) h;
  set_error (ENOTSUP, "this build of the library has no TLS support");
  return -1;
}

int
nbd_internal_tls_handshake_step (struct nbd_handle *h)
{
  (void) h;
  set_error (ENOTSUP, "this build of the library has no TLS support");
  return -1;
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
