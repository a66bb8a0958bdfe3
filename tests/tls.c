/* TLS against real servers: X.509 and PSK, the refusals each must give,
 * option mode, and large transfers with many commands in flight.
 *
 *   tls MODE SOCKET CREDENTIALS
 *
 * CREDENTIALS is a certificates directory, or a psktool file for the
 * psk modes.  The modes are listed in main.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

#define MiB (1024 * 1024)

static char data[64 * MiB], back[64 * MiB];

static struct nbd_handle *
new_handle (int tls, const char *credentials, bool psk)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_set_tls (nbd, tls) == 0);
  if (psk)
    CHECK (nbd_set_tls_psk_file (nbd, credentials) == 0);
  else if (credentials)
    CHECK (nbd_set_tls_certificates (nbd, credentials) == 0);
  return nbd;
}

/* Wait for every command in flight, then retire each, which must have
 * succeeded.
 */
static void
wait_and_retire (struct nbd_handle *nbd)
{
  while (nbd_aio_in_flight (nbd) > 0)
    CHECK (nbd_poll (nbd, -1) >= 0);
  while (nbd_aio_peek_command_completed (nbd) > 0)
    CHECK (nbd_aio_command_completed (nbd,
             nbd_aio_peek_command_completed (nbd)) == 1);
}

/* 64M written and read back over TLS, 4M and 1M at a time, all in
 * flight together.
 */
static void
large_transfers (struct nbd_handle *nbd)
{
  size_t i;

  for (i = 0; i < sizeof data; i++)
    data[i] = i * 13 + (i >> 20);
  for (i = 0; i < 16; i++)
    CHECK (nbd_aio_pwrite (nbd, data + i * 4 * MiB, 4 * MiB, i * 4 * MiB,
                           NBD_NULL_COMPLETION, 0) > 0);
  wait_and_retire (nbd);
  for (i = 0; i < 64; i++)
    CHECK (nbd_aio_pread (nbd, back + i * MiB, MiB, i * MiB,
                          NBD_NULL_COMPLETION, 0) > 0);
  wait_and_retire (nbd);
  CHECK (memcmp (data, back, sizeof data) == 0);
}

static int
count_extents (void *user_data, const char *metacontext, uint64_t offset,
               nbd_extent *entries, size_t nr_entries, int *error)
{
  int *calls = user_data;

  (void) metacontext;
  (void) offset;
  (void) entries;
  CHECK (nr_entries >= 1 && *error == 0);
  (*calls)++;
  return 0;
}

/* Everything a plain connection does, over TLS. */
static void
use_connection (struct nbd_handle *nbd, bool large)
{
  nbd_extent64_callback cb = { .callback = count_extents };
  int calls = 0;
  char buf[4096];

  cb.user_data = &calls;
  CHECK (nbd_get_tls_negotiated (nbd) == 1);
  memset (buf, 'a', sizeof buf);
  CHECK (nbd_pwrite (nbd, buf, sizeof buf, 0, 0) == 0);
  memset (buf, 0, sizeof buf);
  CHECK (nbd_pread (nbd, buf, sizeof buf, 0, 0) == 0);
  CHECK (buf[0] == 'a' && buf[4095] == 'a');
  CHECK (nbd_block_status_64 (nbd, 65536, 0, cb, 0) == 0);
  CHECK (calls == 1);
  if (large)
    large_transfers (nbd);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  CHECK (nbd_aio_is_closed (nbd) == 1);
}

static void
connect_and_use (const char *socket, const char *credentials, bool psk,
                 bool large)
{
  struct nbd_handle *nbd = new_handle (LIBNBD_TLS_REQUIRE, credentials, psk);

  CHECK (nbd_connect_unix (nbd, socket) == 0);
  use_connection (nbd, large);
  nbd_close (nbd);
}

/* The connection must fail with errnum and words in the message, and
 * nothing may have gone over it in plain text.
 */
static void
refused (struct nbd_handle *nbd, const char *socket, int errnum,
         const char *words)
{
  CHECK (nbd_connect_unix (nbd, socket) == -1);
  CHECK_FAILED ("nbd_connect_unix", errnum, words);
  CHECK (nbd_aio_is_dead (nbd) == 1);
  CHECK (nbd_get_tls_negotiated (nbd) == -1);
  nbd_close (nbd);
}

static int
count_export (void *user_data, const char *name, const char *description)
{
  int *exports = user_data;

  (void) name;
  (void) description;
  (*exports)++;
  return 0;
}

/* Option mode: the library starts TLS by itself before stopping to
 * negotiate; with TLS disabled the caller can start it by hand.
 */
static void
option_mode (const char *socket, const char *credentials)
{
  struct nbd_handle *nbd = new_handle (LIBNBD_TLS_REQUIRE, credentials,
                                       false);
  int exports = 0;
  nbd_list_callback list = { .callback = count_export,
                             .user_data = &exports };

  CHECK (nbd_set_opt_mode (nbd, true) == 0);
  CHECK (nbd_connect_unix (nbd, socket) == 0);
  CHECK (nbd_aio_is_negotiating (nbd) == 1);
  CHECK (nbd_get_tls_negotiated (nbd) == 1);
  CHECK (nbd_opt_list (nbd, list) == 1 && exports == 1);
  CHECK (nbd_opt_go (nbd) == 0);
  use_connection (nbd, false);
  nbd_close (nbd);

  nbd = new_handle (LIBNBD_TLS_DISABLE, credentials, false);
  CHECK (nbd_set_opt_mode (nbd, true) == 0);
  CHECK (nbd_connect_unix (nbd, socket) == 0);
  CHECK (nbd_get_tls_negotiated (nbd) == 0);
  CHECK (nbd_opt_starttls (nbd) == 1);
  CHECK (nbd_get_tls_negotiated (nbd) == 1);
  /* What plain text negotiated is forgotten and must be asked again. */
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 0);
  CHECK (nbd_opt_structured_reply (nbd) == 1);
  CHECK (nbd_opt_go (nbd) == 0);
  use_connection (nbd, false);
  nbd_close (nbd);
}

int
main (int argc, char *argv[])
{
  const char *mode, *socket, *credentials;
  struct nbd_handle *nbd;

  check_our_library ();
  CHECK (argc == 4);
  mode = argv[1];
  socket = argv[2];
  credentials = argv[3];

  if (strcmp (mode, "x509") == 0)
    connect_and_use (socket, credentials, false, true);
  else if (strcmp (mode, "x509-small") == 0)
    connect_and_use (socket, credentials, false, false);
  else if (strcmp (mode, "psk") == 0)
    connect_and_use (socket, credentials, true, true);
  else if (strcmp (mode, "psk-small") == 0)
    connect_and_use (socket, credentials, true, false);
  else if (strcmp (mode, "opt-mode") == 0)
    option_mode (socket, credentials);
  else if (strcmp (mode, "untrusted") == 0)
    refused (new_handle (LIBNBD_TLS_REQUIRE, credentials, false), socket,
             EPERM, "not trusted");
  else if (strcmp (mode, "hostname") == 0) {
    nbd = new_handle (LIBNBD_TLS_REQUIRE, credentials, false);
    CHECK (nbd_set_tls_hostname (nbd, "wrong.example") == 0);
    refused (nbd, socket, EPERM, "does not match");
    nbd = new_handle (LIBNBD_TLS_REQUIRE, credentials, false);
    CHECK (nbd_set_tls_hostname (nbd, "localhost") == 0);
    CHECK (nbd_connect_unix (nbd, socket) == 0);
    use_connection (nbd, false);
    nbd_close (nbd);
  }
  else if (strcmp (mode, "bad-psk") == 0)
    refused (new_handle (LIBNBD_TLS_REQUIRE, credentials, true), socket,
             EPERM, "TLS handshake");
  else if (strcmp (mode, "plain-server-require") == 0)
    refused (new_handle (LIBNBD_TLS_REQUIRE, credentials, false), socket,
             ENOTSUP, "refused");
  else if (strcmp (mode, "plain-server-allow") == 0) {
    nbd = new_handle (LIBNBD_TLS_ALLOW, credentials, false);
    CHECK (nbd_connect_unix (nbd, socket) == 0);
    CHECK (nbd_get_tls_negotiated (nbd) == 0);
    CHECK (nbd_shutdown (nbd, 0) == 0);
    nbd_close (nbd);
  }
  else if (strcmp (mode, "allow-tls") == 0) {
    /* ALLOW takes TLS when the server offers it. */
    nbd = new_handle (LIBNBD_TLS_ALLOW, credentials, false);
    CHECK (nbd_connect_unix (nbd, socket) == 0);
    use_connection (nbd, false);
    nbd_close (nbd);
  }
  else if (strcmp (mode, "no-verify") == 0) {
    /* Without verification an untrusted server is accepted. */
    nbd = new_handle (LIBNBD_TLS_REQUIRE, credentials, false);
    CHECK (nbd_get_tls_verify_peer (nbd) == 1);
    CHECK (nbd_set_tls_verify_peer (nbd, false) == 0);
    CHECK (nbd_connect_unix (nbd, socket) == 0);
    use_connection (nbd, false);
    nbd_close (nbd);
  }
  else if (strcmp (mode, "tls-server-disable") == 0)
    refused (new_handle (LIBNBD_TLS_DISABLE, NULL, false), socket, EPERM,
             "requires TLS");
  else
    CHECK (!"unknown mode");
  return EXIT_SUCCESS;
}
