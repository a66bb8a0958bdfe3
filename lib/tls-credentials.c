/* The credentials of a TLS session: X.509 certificates from a
 * directory, or a pre-shared key from a psktool file.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#ifdef HAVE_GNUTLS

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "internal.h"

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

  if (load_client_pair (cred, dir, "client-cert.pem", "client-key.pem") == -1)
    return -1;
  for (n = 0;; n++) {
    snprintf (cert_name, sizeof cert_name, "client-cert-%u.pem", n);
    snprintf (key_name, sizeof key_name, "client-key-%u.pem", n);
    r = load_client_pair (cred, dir, cert_name, key_name);
    if (r != 0)
      return r == 1 ? 0 : -1;
  }
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
  char *user = nbd_internal_tls_username (h);
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

void
nbd_internal_free_tls_credentials (struct nbd_handle *h)
{
  if (h->tls_credentials == NULL)
    return;
  if (h->tls_psk)
    gnutls_psk_free_client_credentials (h->tls_credentials);
  else
    gnutls_certificate_free_credentials (h->tls_credentials);
  h->tls_credentials = NULL;
}

/* A PSK when a PSK file was named, certificates otherwise. */
int
nbd_internal_load_tls_credentials (struct nbd_handle *h)
{
  return h->tls_psk_file ? psk_credentials (h) : x509_credentials (h);
}

#endif /* HAVE_GNUTLS */
