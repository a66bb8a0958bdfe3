/* Fuzz the NBD URI parser.  The parser is reached directly rather than
 * through nbd_connect_uri, so that no input can make the fuzzer open a
 * connection or look up a host; everything the handle can allow is
 * allowed, so that every part of the parser is reachable.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "uri-parse.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct parsed_uri parsed = { .verify_peer = -1 };
  struct nbd_handle *nbd;
  char *uri;

  /* The first byte picks strict mode, the rest is the URI. */
  if (size < 1)
    return 0;
  uri = strndup ((const char *) data + 1, size - 1);
  nbd = nbd_create ();
  if (uri == NULL || nbd == NULL)
    abort ();
  nbd_set_strict_mode (nbd, data[0] & 1 ? LIBNBD_STRICT_MASK : 0);
  nbd_set_uri_allow_transports (nbd, LIBNBD_ALLOW_TRANSPORT_MASK);
  nbd_set_uri_allow_tls (nbd, LIBNBD_TLS_ALLOW);
  nbd_set_uri_allow_local_file (nbd, true);

  nbd_is_uri (nbd, uri);
  nbd_internal_parse_uri (nbd, uri, &parsed);
  nbd_internal_free_parsed_uri (&parsed);

  nbd_close (nbd);
  free (uri);
  return 0;
}
