/* Calls that need a connection and are not built yet.  Each fails with
 * ENOTSUP; the issues that build the connection, the transmission phase,
 * TLS and URIs move them out of this file one by one until it is empty.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>

#include "internal.h"

/* The stubs ignore their arguments. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define NOT_IMPLEMENTED(value)                          \
  {                                                     \
    set_error (ENOTSUP, "not implemented");             \
    return (value);                                     \
  }

int
nbd_unlocked_connect_uri (struct nbd_handle *h, const char *uri)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_connect_uri (struct nbd_handle *h, const char *uri)
NOT_IMPLEMENTED (-1)

char *
nbd_unlocked_get_uri (struct nbd_handle *h)
NOT_IMPLEMENTED (NULL)

int
nbd_unlocked_is_uri (struct nbd_handle *h, const char *uri)
NOT_IMPLEMENTED (-1)
