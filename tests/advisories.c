/* libnbd's past advisories, replayed against real servers: each mode
 * is one class of flaw, named in its opening comment, and checks that
 * this library does not have it.  SECURITY.md lists every advisory
 * and the test that covers it; the scripted hostile servers of
 * hostile-scenarios.txt and the URIs of hostile-uris.sh cover the
 * rest.
 *
 *   advisories MODE SOCKET [ARG]
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

static char *
unix_uri (const char *scheme, const char *socket)
{
  char *uri;

  CHECK (asprintf (&uri, "%s:///?socket=%s", scheme, socket) > 0);
  return uri;
}

/* CVE-2019-14842 (protocol downgrade with LIBNBD_TLS_REQUIRE): a
 * server that offers no TLS must not get a plain-text connection from
 * a handle that requires TLS, however the handle connects, and a plain
 * URI must not lower the TLS setting either.
 */
static void
tls_required_plain_server (const char *socket)
{
  char *uri = unix_uri ("nbd+unix", socket);
  struct nbd_handle *h;
  int opt_mode;

  for (opt_mode = 0; opt_mode <= 1; opt_mode++) {
    h = create_handle ();
    CHECK (nbd_set_tls (h, LIBNBD_TLS_REQUIRE) == 0);
    CHECK (nbd_set_opt_mode (h, opt_mode) == 0);
    CHECK (nbd_connect_uri (h, uri) == -1);
    CHECK_FAILED ("nbd_connect_uri", ENOTSUP, "TLS");
    CHECK (nbd_get_tls (h) == LIBNBD_TLS_REQUIRE);
    CHECK (nbd_aio_is_dead (h) == 1);
    nbd_close (h);

    h = create_handle ();
    CHECK (nbd_set_tls (h, LIBNBD_TLS_REQUIRE) == 0);
    CHECK (nbd_set_opt_mode (h, opt_mode) == 0);
    CHECK (nbd_connect_unix (h, socket) == -1);
    CHECK_FAILED ("nbd_connect_unix", ENOTSUP, "TLS");
    CHECK (nbd_aio_is_dead (h) == 1);
    nbd_close (h);
  }
  free (uri);
}

/* CVE-2019-14842 again, from the other side: with TLS allowed, a plain
 * URI still tries TLS, and gets it from a server that insists.
 */
static void
tls_allowed_plain_uri (const char *socket, const char *psk_file)
{
  char *uri = unix_uri ("nbd+unix", socket);
  struct nbd_handle *h = create_handle ();

  CHECK (nbd_set_tls (h, LIBNBD_TLS_ALLOW) == 0);
  CHECK (nbd_set_tls_psk_file (h, psk_file) == 0);
  CHECK (nbd_set_tls_username (h, "alice") == 0);
  CHECK (nbd_connect_uri (h, uri) == 0);
  CHECK (nbd_get_tls (h) == LIBNBD_TLS_ALLOW);
  CHECK (nbd_get_tls_negotiated (h) == 1);
  CHECK (nbd_shutdown (h, 0) == 0);
  nbd_close (h);
  free (uri);
}

/* CVE-2021-20286 (denial of service in option mode): option calls in
 * every state after the options are over fail cleanly.
 */
static void
opt_mode_after_abort (const char *socket)
{
  struct nbd_handle *h = create_handle ();

  CHECK (nbd_set_opt_mode (h, true) == 0);
  CHECK (nbd_connect_unix (h, socket) == 0);
  CHECK (nbd_aio_is_negotiating (h) == 1);
  CHECK (nbd_opt_abort (h) == 0);
  CHECK (nbd_opt_go (h) == -1);
  CHECK_FAILED ("nbd_opt_go", EINVAL, NULL);
  CHECK (nbd_opt_info (h) == -1);
  CHECK_FAILED ("nbd_opt_info", EINVAL, NULL);
  CHECK (nbd_opt_abort (h) == -1);
  CHECK_FAILED ("nbd_opt_abort", EINVAL, NULL);
  nbd_close (h);

  /* Once the export is open, the option calls are over too. */
  h = create_handle ();
  CHECK (nbd_set_opt_mode (h, true) == 0);
  CHECK (nbd_connect_unix (h, socket) == 0);
  CHECK (nbd_opt_go (h) == 0);
  CHECK (nbd_opt_go (h) == -1);
  CHECK_FAILED ("nbd_opt_go", EINVAL, NULL);
  CHECK (nbd_aio_is_ready (h) == 1);
  CHECK (nbd_shutdown (h, 0) == 0);
  nbd_close (h);
}

/* Returns 0, so that the command waits for nbd_aio_command_completed. */
static int
note_error (void *user_data, int *error)
{
  *(int *) user_data = *error;
  return 0;
}

/* CVE-2022-0485 (silent data corruption in nbdcopy): a read the
 * server fails must say so at every level the program can look at:
 * the completion callback's error, nbd_aio_command_completed and the
 * synchronous call.  (drop-in.sh runs Debian's nbdcopy itself.)
 */
static void
read_errors_reach_caller (const char *socket)
{
  struct nbd_handle *h = create_handle ();
  nbd_completion_callback cb = { .callback = note_error };
  static char buf[65536];
  int error = -1;
  int64_t cookie;

  CHECK (nbd_connect_unix (h, socket) == 0);
  CHECK (nbd_pread (h, buf, sizeof buf, 0, 0) == -1);
  CHECK_FAILED ("nbd_pread", EIO, NULL);

  cb.user_data = &error;
  cookie = nbd_aio_pread (h, buf, sizeof buf, 0, cb, 0);
  CHECK (cookie > 0);
  while (nbd_aio_in_flight (h) > 0)
    CHECK (nbd_poll (h, -1) != -1);
  CHECK (error == EIO);
  CHECK (nbd_aio_command_completed (h, cookie) == -1);
  CHECK_FAILED ("nbd_aio_command_completed", EIO, NULL);

  /* Without a completion callback the error is kept for the caller. */
  cookie = nbd_aio_pread (h, buf, sizeof buf, 0, NBD_NULL_COMPLETION, 0);
  CHECK (cookie > 0);
  while (nbd_aio_peek_command_completed (h) != cookie)
    CHECK (nbd_poll (h, -1) != -1);
  CHECK (nbd_aio_command_completed (h, cookie) == -1);
  CHECK_FAILED ("nbd_aio_command_completed", EIO, NULL);
  CHECK (nbd_shutdown (h, 0) == 0);
  nbd_close (h);
}

static int
count_extents (void *user_data, const char *context, uint64_t offset,
               nbd_extent *entries, size_t n, int *error)
{
  (void) context;
  (void) offset;
  (void) entries;
  (void) error;
  *(size_t *) user_data += n;
  return 0;
}

/* CVE-2023-5871 (assertion on 64-bit flags in block status), from the
 * caller's side: flags the call does not know are refused before
 * anything is sent, and the handle carries on.
 */
static void
block_status_flags (const char *socket)
{
  static const uint32_t bad_flags[] = {
    UINT32_MAX, 1u << 31, 1u << 16, LIBNBD_CMD_FLAG_FUA,
  };
  struct nbd_handle *h = create_handle ();
  nbd_extent64_callback cb = { .callback = count_extents };
  size_t i, extents = 0;

  cb.user_data = &extents;
  CHECK (nbd_add_meta_context (h, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_connect_unix (h, socket) == 0);
  for (i = 0; i < sizeof bad_flags / sizeof bad_flags[0]; i++) {
    CHECK (nbd_block_status_64 (h, 65536, 0, cb, bad_flags[i]) == -1);
    CHECK_FAILED ("nbd_block_status_64", EINVAL, NULL);
  }
  CHECK (extents == 0);
  CHECK (nbd_block_status_64 (h, 65536, 0, cb,
                              LIBNBD_CMD_FLAG_REQ_ONE) == 0);
  CHECK (extents > 0);
  CHECK (nbd_shutdown (h, 0) == 0);
  nbd_close (h);
}

/* CVE-2024-7383 (flaws in TLS server certificate checking): over TCP
 * the certificate must name the host the URI names, unless the URI or
 * the program says which name to check, and must come from a trusted
 * authority, unless verification is turned off.
 *
 *   advisories tls-certificate URI DIR ok|refused
 */
static void
tls_certificate (const char *uri, const char *dir, const char *expect)
{
  struct nbd_handle *h = create_handle ();

  CHECK (nbd_set_tls_certificates (h, dir) == 0);
  if (strcmp (expect, "ok") == 0) {
    if (nbd_connect_uri (h, uri) == -1) {
      fprintf (stderr, "%s: %s\n", uri, nbd_get_error ());
      exit (EXIT_FAILURE);
    }
    CHECK (nbd_get_tls_negotiated (h) == 1);
    CHECK (nbd_shutdown (h, 0) == 0);
  }
  else {
    CHECK (strcmp (expect, "refused") == 0);
    if (nbd_connect_uri (h, uri) == 0) {
      fprintf (stderr, "%s: the server's certificate was accepted\n", uri);
      exit (EXIT_FAILURE);
    }
    CHECK_FAILED ("nbd_connect_uri", EPERM, "certificate");
    CHECK (nbd_aio_is_dead (h) == 1);
  }
  nbd_close (h);
}

int
main (int argc, char *argv[])
{
  const char *mode = argc > 2 ? argv[1] : "";

  check_our_library ();
  if (strcmp (mode, "tls-required-plain-server") == 0)
    tls_required_plain_server (argv[2]);
  else if (strcmp (mode, "tls-allowed-plain-uri") == 0 && argc == 4)
    tls_allowed_plain_uri (argv[2], argv[3]);
  else if (strcmp (mode, "opt-mode-after-abort") == 0)
    opt_mode_after_abort (argv[2]);
  else if (strcmp (mode, "read-errors") == 0)
    read_errors_reach_caller (argv[2]);
  else if (strcmp (mode, "block-status-flags") == 0)
    block_status_flags (argv[2]);
  else if (strcmp (mode, "tls-certificate") == 0 && argc == 5)
    tls_certificate (argv[2], argv[3], argv[4]);
  else {
    fprintf (stderr, "usage: advisories MODE SOCKET [ARG]\n");
    exit (EXIT_FAILURE);
  }
  return EXIT_SUCCESS;
}
