/* Bad input gets a clear error: a NULL handle or argument, unknown flags,
 * and calls made before the handle is connected.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"

static void
test_null_handle (void)
{
  char buf[512];

  CHECK (nbd_set_debug (NULL, true) == -1);
  CHECK_FAILED ("nbd_set_debug", EFAULT, "handle");
  CHECK (nbd_get_export_name (NULL) == NULL);
  CHECK_FAILED ("nbd_get_export_name", EFAULT, "handle");
  CHECK (nbd_pread (NULL, buf, sizeof buf, 0, 0) == -1);
  CHECK_FAILED ("nbd_pread", EFAULT, "handle");
  CHECK (nbd_aio_pread (NULL, buf, sizeof buf, 0, NBD_NULL_COMPLETION, 0)
         == -1);
  CHECK_FAILED ("nbd_aio_pread", EFAULT, "handle");
  CHECK (nbd_get_size (NULL) == -1);
  CHECK_FAILED ("nbd_get_size", EFAULT, "handle");
  CHECK (nbd_connection_state (NULL) == NULL);
  CHECK_FAILED ("nbd_connection_state", EFAULT, "handle");
}

static void
test_null_arguments (struct nbd_handle *nbd)
{
  CHECK (nbd_add_meta_context (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_add_meta_context", EFAULT, "name");
  CHECK (nbd_set_tls_hostname (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_set_tls_hostname", EFAULT, "hostname");
  CHECK (nbd_set_socket_activation_name (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_set_socket_activation_name", EFAULT, "socket_name");
  CHECK (nbd_connect_unix (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_connect_unix", EFAULT, "unixsocket");
  CHECK (nbd_connect_tcp (nbd, "localhost", NULL) == -1);
  CHECK_FAILED ("nbd_connect_tcp", EFAULT, "port");
  CHECK (nbd_connect_command (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_connect_command", EFAULT, "argv");
  CHECK (nbd_aio_connect (nbd, NULL, 0) == -1);
  CHECK_FAILED ("nbd_aio_connect", EFAULT, "addr");
  CHECK (nbd_is_uri (nbd, NULL) == -1);
  CHECK_FAILED ("nbd_is_uri", EFAULT, "uri");
}

/* Calls that need a connection say so on a new handle, with ENOTCONN. */
static void
test_not_connected (struct nbd_handle *nbd)
{
  char buf[512];

  CHECK (nbd_pread (nbd, buf, sizeof buf, 0, 0) == -1);
  CHECK_FAILED ("nbd_pread", ENOTCONN, "START");
  CHECK (nbd_aio_pwrite (nbd, buf, sizeof buf, 0, NBD_NULL_COMPLETION, 0)
         == -1);
  CHECK_FAILED ("nbd_aio_pwrite", ENOTCONN, "connected");
  CHECK (nbd_get_size (nbd) == -1);
  CHECK_FAILED ("nbd_get_size", ENOTCONN, "negotiating, connected or "
                "shut down");
  CHECK (nbd_can_flush (nbd) == -1);
  CHECK_FAILED ("nbd_can_flush", ENOTCONN, NULL);
  CHECK (nbd_get_canonical_export_name (nbd) == NULL);
  CHECK_FAILED ("nbd_get_canonical_export_name", ENOTCONN, NULL);
  CHECK (nbd_opt_go (nbd) == -1);
  CHECK_FAILED ("nbd_opt_go", ENOTCONN, "negotiating");
  CHECK (nbd_shutdown (nbd, 0) == -1);
  CHECK_FAILED ("nbd_shutdown", ENOTCONN, NULL);
  CHECK (nbd_aio_in_flight (nbd) == -1);
  CHECK_FAILED ("nbd_aio_in_flight", ENOTCONN, NULL);
  CHECK (nbd_get_uri (nbd) == NULL);
  CHECK_FAILED ("nbd_get_uri", ENOTCONN, NULL);
  /* A state error comes before any other check. */
  CHECK (nbd_pread (nbd, NULL, 0, 0, 0xffffffff) == -1);
  CHECK_FAILED ("nbd_pread", ENOTCONN, NULL);
}

static void
test_meta_context_list (struct nbd_handle *nbd)
{
  char name[4098];

  CHECK (nbd_get_nr_meta_contexts (nbd) == 0);
  CHECK (nbd_get_meta_context (nbd, 0) == NULL);
  CHECK_FAILED ("nbd_get_meta_context", EINVAL, NULL);
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_add_meta_context (nbd, "qemu:dirty-bitmap:b0") == 0);
  CHECK (nbd_get_nr_meta_contexts (nbd) == 2);
  CHECK_STRING (nbd_get_meta_context (nbd, 1), "qemu:dirty-bitmap:b0");
  CHECK_STRING (nbd_get_meta_context (nbd, 0), "base:allocation");
  CHECK (nbd_get_meta_context (nbd, 2) == NULL);
  CHECK_FAILED ("nbd_get_meta_context", EINVAL, NULL);
  memset (name, 'm', 4097);
  name[4097] = '\0';
  CHECK (nbd_add_meta_context (nbd, name) == -1);
  CHECK_FAILED ("nbd_add_meta_context", ENAMETOOLONG, NULL);
  CHECK (nbd_get_nr_meta_contexts (nbd) == 2);
  CHECK (nbd_clear_meta_contexts (nbd) == 0);
  CHECK (nbd_get_nr_meta_contexts (nbd) == 0);
  CHECK (nbd_add_meta_context (nbd, "base:allocation") == 0);
  CHECK (nbd_get_nr_meta_contexts (nbd) == 1);
}

int
main (void)
{
  struct nbd_handle *nbd;

  check_our_library ();
  test_null_handle ();
  nbd = create_handle ();
  test_not_connected (nbd);
  test_meta_context_list (nbd);
  test_null_arguments (nbd);
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
