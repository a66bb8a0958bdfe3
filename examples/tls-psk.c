/* Connect over TLS, authenticating with a pre-shared key (PSK) instead
 * of X.509 certificates, and read the start of the export.
 *
 *   psktool -u alice -p keys.psk
 *   nbdkit -U - --tls=require --tls-psk=keys.psk data '"Hello"' size=1M \
 *     --run './tls-psk keys.psk alice $unixsocket'
 *
 * Client and server must hold the same key for the same user name.
 * psktool writes one "username:key" line per user, and the same file
 * serves both sides here; in real use the client's file would only
 * hold its own key.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <libnbd.h>

#define READ_SIZE 16

/* The message from nbd_get_error already starts with the failed call. */
static void
die (void)
{
  fprintf (stderr, "tls-psk: %s\n", nbd_get_error ());
  exit (EXIT_FAILURE);
}

int
main (int argc, char *argv[])
{
  struct nbd_handle *nbd;
  unsigned char buf[READ_SIZE];
  int negotiated, i;
  int64_t size;

  if (argc != 4) {
    fprintf (stderr, "usage: %s PSK-FILE USERNAME UNIX-SOCKET\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  nbd = nbd_create ();
  if (nbd == NULL)
    die ();

  /* LIBNBD_TLS_REQUIRE makes the connection fail rather than fall back
   * to plain text when the server does not offer TLS.
   */
  if (nbd_set_tls (nbd, LIBNBD_TLS_REQUIRE) == -1)
    die ();
  /* Naming a PSK file is what selects PSK rather than certificates. */
  if (nbd_set_tls_psk_file (nbd, argv[1]) == -1)
    die ();
  if (nbd_set_tls_username (nbd, argv[2]) == -1)
    die ();

  /* The three settings above can come from a URI instead:
   *
   *   nbds+unix://alice@/?socket=SOCKET&tls-psk-file=keys.psk
   *
   * "nbds" requires TLS and the user name goes before the "@".  A URI
   * may name a local file only after nbd_set_uri_allow_local_file
   * (nbd, true), because URIs often come from people you do not trust.
   * The call is then nbd_connect_uri (nbd, uri).
   *
   * With a wrong key the TLS handshake fails, and its error says little
   * more than that, so tell the user what to check.
   */
  if (nbd_connect_unix (nbd, argv[3]) == -1) {
    fprintf (stderr, "tls-psk: %s\n", nbd_get_error ());
    fprintf (stderr, "tls-psk: if the TLS handshake failed, check that "
             "the server has the key for user \"%s\" that is in %s\n",
             argv[2], argv[1]);
    exit (EXIT_FAILURE);
  }

  negotiated = nbd_get_tls_negotiated (nbd);
  if (negotiated == -1)
    die ();
  printf ("TLS negotiated: %s\n", negotiated ? "yes" : "no");
  size = nbd_get_size (nbd);
  if (size == -1)
    die ();
  printf ("export size: %" PRIi64 "\n", size);

  if (nbd_pread (nbd, buf, sizeof buf, 0, 0) == -1)
    die ();
  /* Printed as text, with a dot for each byte that is not printable. */
  printf ("first %d bytes: ", READ_SIZE);
  for (i = 0; i < READ_SIZE; i++)
    putchar (isprint (buf[i]) ? buf[i] : '.');
  printf ("\n");

  if (nbd_shutdown (nbd, 0) == -1)
    die ();
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
