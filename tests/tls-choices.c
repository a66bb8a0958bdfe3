/* What the client chooses for a TLS session, against nbdkit: the
 * priority string, set by call or by URI, the cipher it prefers with a
 * pre-shared key, and which of several client certificates it
 * presents.
 *
 *   tls-choices MODE SOCKET CERTIFICATES
 *   tls-choices psk-cipher SOCKET PSK-FILE CIPHER
 *
 * CERTIFICATES is the directory of the CA and any client certificates;
 * PSK-FILE holds the key of the user "alice", and CIPHER names the
 * cipher the default priority must bring.  The modes are listed in
 * main.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

/* Offers TLS 1.2 only, which nbdkit accepts. */
#define ONLY_TLS12 "NORMAL:-VERS-ALL:+VERS-TLS1.2"
/* Offers only ciphers that nbdkit's defaults refuse. */
#define NO_COMMON_CIPHER "NORMAL:-CIPHER-ALL:+NULL"

static const char *socket_path, *certificates, *psk_file;

/* The debug line in which the library describes the session. */
static char session[256];

static int
catch_session (void *user_data, const char *context, const char *msg)
{
  (void) user_data;
  (void) context;
  if (strstr (msg, "TLS is on:"))
    snprintf (session, sizeof session, "%s", msg);
  return 0;
}

static struct nbd_handle *
new_handle (const char *priority)
{
  struct nbd_handle *nbd = create_handle ();
  nbd_debug_callback cb = { .callback = catch_session };

  CHECK (nbd_set_debug (nbd, true) == 0);
  CHECK (nbd_set_debug_callback (nbd, cb) == 0);
  CHECK (nbd_set_tls (nbd, LIBNBD_TLS_REQUIRE) == 0);
  if (psk_file) {
    CHECK (nbd_set_tls_psk_file (nbd, psk_file) == 0);
    CHECK (nbd_set_tls_username (nbd, "alice") == 0);
  }
  else
    CHECK (nbd_set_tls_certificates (nbd, certificates) == 0);
  if (priority)
    CHECK (nbd_set_tls_priority (nbd, priority) == 0);
  session[0] = '\0';
  return nbd;
}

/* Connected over TLS, in the protocol version expected, and usable. */
static void
check_session (struct nbd_handle *nbd, const char *version)
{
  char buf[512];

  CHECK (nbd_get_tls_negotiated (nbd) == 1);
  fprintf (stderr, "session: %s\n", session);
  CHECK (strstr (session, version) != NULL);
  memset (buf, 'p', sizeof buf);
  CHECK (nbd_pwrite (nbd, buf, sizeof buf, 0, 0) == 0);
  CHECK (nbd_pread (nbd, buf, sizeof buf, 512, 0) == 0);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  nbd_close (nbd);
}

static void
connects (const char *priority, const char *version)
{
  struct nbd_handle *nbd = new_handle (priority);

  CHECK (nbd_connect_unix (nbd, socket_path) == 0);
  check_session (nbd, version);
}

static void
refused (const char *priority, int errnum, const char *words)
{
  struct nbd_handle *nbd = new_handle (priority);

  CHECK (nbd_connect_unix (nbd, socket_path) == -1);
  CHECK_FAILED ("nbd_connect_unix", errnum, words);
  CHECK (nbd_aio_is_dead (nbd) == 1);
  nbd_close (nbd);
}

/* The server turns the client away once its part of the handshake is
 * done: it may be gone before or after the client reads its alert, so
 * how the failure reads depends on timing.
 */
static void
rejected_by_server (void)
{
  struct nbd_handle *nbd = new_handle (NULL);

  CHECK (nbd_connect_unix (nbd, socket_path) == -1);
  CHECK (nbd_get_errno () != 0);
  fprintf (stderr, "rejected: %s\n", nbd_get_error ());
  CHECK (nbd_aio_is_dead (nbd) == 1);
  nbd_close (nbd);
}

/* The priority reaches gnutls: a narrower one picks the version, one
 * with nothing in common with the server fails the handshake, and the
 * default picks TLS 1.3.
 */
static void
priority_calls (void)
{
  connects (NULL, "TLS1.3");
  connects (ONLY_TLS12, "TLS1.2");
  refused (NO_COMMON_CIPHER, EPERM, "TLS handshake");
}

static void
uri_for (char *uri, size_t len, const char *priority)
{
  snprintf (uri, len, "nbds+unix:///?socket=%s&tls-certificates=%s"
            "&tls-priority=%s", socket_path, certificates, priority);
}

/* tls-priority in a URI only with nbd_set_uri_allow_tls_priority, and
 * nbd_get_uri gives it back.
 */
static void
priority_uri (void)
{
  /* The same string as ONLY_TLS12, with its '+' escaped. */
  const char *escaped = "NORMAL:-VERS-ALL:%2BVERS-TLS1.2";
  struct nbd_handle *nbd;
  char uri[4096];
  char *back;

  uri_for (uri, sizeof uri, escaped);
  nbd = new_handle (NULL);
  CHECK (nbd_set_uri_allow_local_file (nbd, true) == 0);
  CHECK (nbd_connect_uri (nbd, uri) == -1);
  CHECK_FAILED ("nbd_connect_uri", EPERM, "nbd_set_uri_allow_tls_priority");
  CHECK (nbd_aio_is_created (nbd) == 1);
  CHECK_STRING (nbd_get_tls_priority (nbd), TLS_PRIORITY);

  CHECK (nbd_set_uri_allow_tls_priority (nbd, true) == 0);
  CHECK (nbd_connect_uri (nbd, uri) == 0);
  CHECK_STRING (nbd_get_tls_priority (nbd), ONLY_TLS12);
  back = nbd_get_uri (nbd);
  CHECK (back != NULL);
  fprintf (stderr, "uri back: %s\n", back);
  CHECK (strstr (back, "tls-priority=NORMAL%3A-VERS-ALL%3A%2BVERS-TLS1.2"));
  free (back);
  check_session (nbd, "TLS1.2");

  /* A string gnutls cannot read fails in the URI as in the call. */
  uri_for (uri, sizeof uri, "NORMAL:%2BNO-SUCH-THING");
  nbd = new_handle (NULL);
  CHECK (nbd_set_uri_allow_local_file (nbd, true) == 0);
  CHECK (nbd_set_uri_allow_tls_priority (nbd, true) == 0);
  CHECK (nbd_connect_uri (nbd, uri) == -1);
  CHECK_FAILED ("nbd_connect_uri", EINVAL, "priority");
  CHECK (nbd_aio_is_created (nbd) == 1);
  nbd_close (nbd);
}

/* With a key, the default prefers AES-128-GCM to ChaCha20 where gnutls
 * ranks it above for speed (lib/tls-priority.c says why); a string the
 * caller sets is used as given.  nbdkit follows the client's order, so
 * each session has the cipher the client put first of those a key
 * allows.
 */
static void
psk_cipher_order (const char *expected)
{
  connects (NULL, expected);
  connects ("NORMAL", "CHACHA20-POLY1305");
}

int
main (int argc, char *argv[])
{
  const char *mode;

  check_our_library ();
  CHECK (argc >= 4);
  mode = argv[1];
  socket_path = argv[2];
  certificates = argv[3];
  /* Only psk-cipher takes a fourth argument. */
  CHECK (argc == (strcmp (mode, "psk-cipher") == 0 ? 5 : 4));

  if (strcmp (mode, "psk-cipher") == 0) {
    psk_file = argv[3];
    psk_cipher_order (argv[4]);
  }
  else if (strcmp (mode, "priority") == 0) {
    priority_calls ();
    priority_uri ();
  }
  /* The server insists on a client certificate from its CA. */
  else if (strcmp (mode, "client-cert") == 0)
    connects (NULL, "TLS1.3");
  else if (strcmp (mode, "no-client-cert") == 0)
    rejected_by_server ();
  else if (strcmp (mode, "broken-client-cert") == 0)
    refused (NULL, EIO, "client-cert-0.pem");
  else
    CHECK (!"unknown mode");
  return EXIT_SUCCESS;
}
