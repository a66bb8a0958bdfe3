/* A new handle's settings: each default, each round trip, and the
 * values each setter refuses.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

static void
test_booleans (struct nbd_handle *nbd)
{
  /* Defaults, as libnbd 1.24 has them. */
  CHECK (nbd_get_debug (nbd) == 0);
  CHECK (nbd_get_request_block_size (nbd) == 1);
  CHECK (nbd_get_full_info (nbd) == 0);
  CHECK (nbd_get_tls_verify_peer (nbd) == 1);
  CHECK (nbd_get_request_extended_headers (nbd) == 1);
  CHECK (nbd_get_request_structured_replies (nbd) == 1);
  CHECK (nbd_get_request_meta_context (nbd) == 1);
  CHECK (nbd_get_pread_initialize (nbd) == 1);
  CHECK (nbd_get_opt_mode (nbd) == 0);

  /* Each one flips and flips back. */
  CHECK (nbd_set_debug (nbd, true) == 0 && nbd_get_debug (nbd) == 1);
  CHECK (nbd_set_debug (nbd, false) == 0 && nbd_get_debug (nbd) == 0);
  CHECK (nbd_set_request_block_size (nbd, false) == 0);
  CHECK (nbd_get_request_block_size (nbd) == 0);
  CHECK (nbd_set_full_info (nbd, true) == 0 && nbd_get_full_info (nbd) == 1);
  CHECK (nbd_set_tls_verify_peer (nbd, false) == 0);
  CHECK (nbd_get_tls_verify_peer (nbd) == 0);
  CHECK (nbd_set_request_extended_headers (nbd, false) == 0);
  CHECK (nbd_get_request_extended_headers (nbd) == 0);
  CHECK (nbd_set_request_structured_replies (nbd, false) == 0);
  CHECK (nbd_get_request_structured_replies (nbd) == 0);
  CHECK (nbd_set_request_meta_context (nbd, false) == 0);
  CHECK (nbd_get_request_meta_context (nbd) == 0);
  CHECK (nbd_set_pread_initialize (nbd, false) == 0);
  CHECK (nbd_get_pread_initialize (nbd) == 0);
  CHECK (nbd_set_opt_mode (nbd, true) == 0 && nbd_get_opt_mode (nbd) == 1);
  CHECK (nbd_set_opt_mode (nbd, false) == 0 && nbd_get_opt_mode (nbd) == 0);
}

static void
test_flags (struct nbd_handle *nbd)
{
  CHECK (nbd_get_handshake_flags (nbd) == LIBNBD_HANDSHAKE_FLAG_MASK);
  CHECK (nbd_set_handshake_flags (nbd, 0) == 0);
  CHECK (nbd_get_handshake_flags (nbd) == 0);
  CHECK (nbd_set_handshake_flags (nbd, LIBNBD_HANDSHAKE_FLAG_NO_ZEROES) == 0);
  CHECK (nbd_get_handshake_flags (nbd) == LIBNBD_HANDSHAKE_FLAG_NO_ZEROES);
  CHECK (nbd_set_handshake_flags (nbd, 0x4) == -1);
  CHECK_FAILED ("nbd_set_handshake_flags", EINVAL, "flags");
  CHECK (nbd_get_handshake_flags (nbd) == LIBNBD_HANDSHAKE_FLAG_NO_ZEROES);

  CHECK (nbd_get_strict_mode (nbd) == LIBNBD_STRICT_MASK);
  CHECK (nbd_set_strict_mode (nbd, LIBNBD_STRICT_BOUNDS) == 0);
  CHECK (nbd_get_strict_mode (nbd) == LIBNBD_STRICT_BOUNDS);
  CHECK (nbd_set_strict_mode (nbd, LIBNBD_STRICT_MASK + 1) == -1);
  CHECK_FAILED ("nbd_set_strict_mode", EINVAL, "flags");
  CHECK (nbd_get_strict_mode (nbd) == LIBNBD_STRICT_BOUNDS);

  CHECK (nbd_set_uri_allow_transports (nbd, LIBNBD_ALLOW_TRANSPORT_UNIX)
         == 0);
  CHECK (nbd_set_uri_allow_transports (nbd, 0x100) == -1);
  CHECK_FAILED ("nbd_set_uri_allow_transports", EINVAL, "mask");
  CHECK (nbd_set_uri_allow_tls (nbd, LIBNBD_TLS_REQUIRE) == 0);
  CHECK (nbd_set_uri_allow_tls (nbd, 3) == -1);
  CHECK_FAILED ("nbd_set_uri_allow_tls", EINVAL, "tls");
  CHECK (nbd_set_uri_allow_local_file (nbd, true) == 0);
}

static void
test_tls (struct nbd_handle *nbd)
{
  const char *saved = getenv ("LOGNAME");

  CHECK (nbd_get_tls (nbd) == LIBNBD_TLS_DISABLE);
  if (nbd_supports_tls (nbd)) {
    CHECK (nbd_set_tls (nbd, LIBNBD_TLS_REQUIRE) == 0);
    CHECK (nbd_get_tls (nbd) == LIBNBD_TLS_REQUIRE);
    CHECK (nbd_set_tls (nbd, LIBNBD_TLS_ALLOW) == 0);
    CHECK (nbd_get_tls (nbd) == LIBNBD_TLS_ALLOW);
  }
  else {
    CHECK (nbd_set_tls (nbd, LIBNBD_TLS_REQUIRE) == -1);
    CHECK_FAILED ("nbd_set_tls", ENOTSUP, "TLS");
  }
  CHECK (nbd_set_tls (nbd, 3) == -1);
  CHECK_FAILED ("nbd_set_tls", EINVAL, "tls");
  CHECK (nbd_set_tls (nbd, -1) == -1);
  CHECK_FAILED ("nbd_set_tls", EINVAL, "tls");

  /* Without a username set, the login name is used. */
  setenv ("LOGNAME", "someone", 1);
  CHECK_STRING (nbd_get_tls_username (nbd), "someone");
  if (saved)
    setenv ("LOGNAME", saved, 1);
  else
    unsetenv ("LOGNAME");
  CHECK (nbd_set_tls_username (nbd, "alice") == 0);
  CHECK_STRING (nbd_get_tls_username (nbd), "alice");
  CHECK (nbd_set_tls_username (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_set_tls_username", EFAULT, "username");

  CHECK_STRING (nbd_get_tls_hostname (nbd), "");
  CHECK (nbd_set_tls_hostname (nbd, "server.example") == 0);
  CHECK_STRING (nbd_get_tls_hostname (nbd), "server.example");

  CHECK (nbd_set_tls_certificates (nbd, "/nonexistent/dir") == 0);
  CHECK (nbd_set_tls_certificates (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_set_tls_certificates", EFAULT, "dir");
  CHECK (nbd_set_tls_psk_file (nbd, "/nonexistent/keys.psk") == 0);
  CHECK (nbd_set_tls_psk_file (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_set_tls_psk_file", EFAULT, "filename");
}

/* The priority string: the build's default until set, checked when it
 * is set, and an unreadable one leaves the last good one in place.
 */
static void
test_tls_priority (struct nbd_handle *nbd)
{
  CHECK_STRING (nbd_get_tls_priority (nbd), TLS_PRIORITY);
  CHECK (nbd_set_tls_priority (nbd, "NORMAL:-VERS-TLS1.2") == 0);
  CHECK_STRING (nbd_get_tls_priority (nbd), "NORMAL:-VERS-TLS1.2");
  CHECK (nbd_set_tls_priority (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_set_tls_priority", EFAULT, "priority");
#ifdef HAVE_GNUTLS
  CHECK (nbd_set_tls_priority (nbd, "NORMAL:+NO-SUCH-THING") == -1);
  CHECK_FAILED ("nbd_set_tls_priority", EINVAL, "NO-SUCH-THING");
  CHECK (nbd_set_tls_priority (nbd, "") == -1);
  CHECK_FAILED ("nbd_set_tls_priority", EINVAL, "priority");
#endif
  CHECK_STRING (nbd_get_tls_priority (nbd), "NORMAL:-VERS-TLS1.2");
  CHECK (nbd_set_uri_allow_tls_priority (nbd, true) == 0);
  CHECK (nbd_set_uri_allow_tls_priority (nbd, false) == 0);
}

static void
test_names (struct nbd_handle *nbd)
{
  char longest[4097];

  CHECK_STRING (nbd_get_export_name (nbd), "");
  CHECK (nbd_set_export_name (nbd, "disk1") == 0);
  CHECK_STRING (nbd_get_export_name (nbd), "disk1");
  memset (longest, 'x', 4096);
  longest[4096] = '\0';
  CHECK (nbd_set_export_name (nbd, longest) == 0);
  CHECK_STRING (nbd_get_export_name (nbd), longest);
  CHECK (nbd_set_export_name (nbd, "disk2") == 0);
  {
    char too_long[4098];

    memset (too_long, 'y', 4097);
    too_long[4097] = '\0';
    CHECK (nbd_set_export_name (nbd, too_long) == -1);
    CHECK_FAILED ("nbd_set_export_name", ENAMETOOLONG, NULL);
  }
  CHECK_STRING (nbd_get_export_name (nbd), "disk2");
  CHECK (nbd_set_export_name (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_set_export_name", EFAULT, "export_name");

  CHECK_STRING (nbd_get_socket_activation_name (nbd), "");
  CHECK (nbd_set_socket_activation_name (nbd, "nbd0") == 0);
  CHECK_STRING (nbd_get_socket_activation_name (nbd), "nbd0");
  CHECK (nbd_set_socket_activation_name (nbd, "a:b") == -1);
  CHECK_FAILED ("nbd_set_socket_activation_name", EINVAL, NULL);
  memset (longest, 'z', 256);
  longest[256] = '\0';
  CHECK (nbd_set_socket_activation_name (nbd, longest) == -1);
  CHECK_FAILED ("nbd_set_socket_activation_name", EINVAL, NULL);
  CHECK_STRING (nbd_get_socket_activation_name (nbd), "nbd0");
  CHECK (nbd_set_socket_activation_name (nbd, "") == 0);
  CHECK_STRING (nbd_get_socket_activation_name (nbd), "");
}

static void
test_handle_identity (void)
{
  struct nbd_handle *a = nbd_create (), *b = nbd_create ();
  char *name_a, *name_b;

  CHECK (a && b);
  name_a = nbd_get_handle_name (a);
  name_b = nbd_get_handle_name (b);
  CHECK (name_a && name_b);
  CHECK (strncmp (name_a, "nbd", 3) == 0 && strncmp (name_b, "nbd", 3) == 0);
  CHECK (strcmp (name_a, name_b) != 0);
  free (name_a);
  free (name_b);
  CHECK (nbd_set_handle_name (a, "primary") == 0);
  CHECK_STRING (nbd_get_handle_name (a), "primary");
  CHECK (nbd_set_handle_name (a, NULL) == -1);
  CHECK_FAILED ("nbd_set_handle_name", EFAULT, "handle_name");

  CHECK (nbd_get_private_data (a) == 0);
  CHECK (nbd_set_private_data (a, 42) == 0);
  CHECK (nbd_set_private_data (a, 7) == 42);
  CHECK (nbd_get_private_data (a) == 7);
  CHECK (nbd_get_private_data (b) == 0);

  CHECK (strcmp (nbd_get_package_name (a), "libnbd") == 0);
  CHECK (strcmp (nbd_get_version (a), PACKAGE_VERSION) == 0);
  CHECK (strncmp (nbd_get_version (a), "1.24.", 5) == 0);
  CHECK (strcmp (nbd_get_version_extra (a), PACKAGE_VERSION_EXTRA) == 0);
  CHECK (nbd_supports_vsock (a) == 1);
#ifdef HAVE_GNUTLS
  CHECK (nbd_supports_tls (a) == 1);
#else
  CHECK (nbd_supports_tls (a) == 0);
#endif
#ifdef HAVE_LIBXML2
  CHECK (nbd_supports_uri (a) == 1);
#else
  CHECK (nbd_supports_uri (a) == 0);
#endif
  nbd_close (a);
  nbd_close (b);
  nbd_close (NULL);
}

static void
test_fresh_state (struct nbd_handle *nbd)
{
  CHECK (nbd_aio_is_created (nbd) == 1);
  CHECK (nbd_aio_is_connecting (nbd) == 0);
  CHECK (nbd_aio_is_negotiating (nbd) == 0);
  CHECK (nbd_aio_is_ready (nbd) == 0);
  CHECK (nbd_aio_is_processing (nbd) == 0);
  CHECK (nbd_aio_is_dead (nbd) == 0);
  CHECK (nbd_aio_is_closed (nbd) == 0);
  CHECK (nbd_aio_get_direction (nbd) == 0);
  CHECK (strncmp (nbd_connection_state (nbd), "START: ", 7) == 0);
  CHECK (nbd_stats_bytes_sent (nbd) == 0);
  CHECK (nbd_stats_chunks_sent (nbd) == 0);
  CHECK (nbd_stats_bytes_received (nbd) == 0);
  CHECK (nbd_stats_chunks_received (nbd) == 0);
}

int
main (void)
{
  struct nbd_handle *nbd;

  check_our_library ();
  unsetenv ("LIBNBD_DEBUG");
  nbd = create_handle ();
  test_fresh_state (nbd);
  test_booleans (nbd);
  test_flags (nbd);
  test_tls (nbd);
  test_tls_priority (nbd);
  test_names (nbd);
  nbd_close (nbd);
  test_handle_identity ();
  return EXIT_SUCCESS;
}
