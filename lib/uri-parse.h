/* NBD URIs taken apart: the schemes the library knows, and the fields
 * a URI string holds before any of them touches a handle.  Parsing is
 * kept apart from connecting so that it can be exercised on its own.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef LIBNBD_URI_PARSE_H
#define LIBNBD_URI_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nbd_handle;

struct uri_scheme {
  const char *name;
  int where;                    /* WHERE_* */
  uint32_t allow;               /* LIBNBD_ALLOW_TRANSPORT_* */
  bool tls;
};

/* Everything a URI says, before any of it touches the handle. */
struct parsed_uri {
  const struct uri_scheme *scheme;
  char *host;
  char *port;                   /* the NBD server's; for ssh, sshd's */
  char *nbd_port;               /* nbd-port= */
  char *socket;
  char *export;
  char *user;                   /* the authority's: TLS's, or ssh's */
  char *tls_username;           /* tls-username= */
  char *tls_certificates;
  char *tls_psk_file;
  char *tls_hostname;
  char *tls_priority;
  int verify_peer;              /* -1 when the URI does not say */
  int compress;                 /* ssh -C: 1, or 0 */
};

extern const struct uri_scheme *nbd_internal_find_uri_scheme (const char *name,
                                                              size_t len);
extern const char *nbd_internal_uri_scheme_name (int where, bool tls);

/* The handle supplies what it allows (transports, TLS, local files,
 * strictness); nothing of the URI is applied to it.  On failure the
 * error is set and p must still be freed.
 */
extern int nbd_internal_parse_uri (struct nbd_handle *h, const char *uri,
                                   struct parsed_uri *p);
extern void nbd_internal_free_parsed_uri (struct parsed_uri *p);

/* uri-query.c: the query's parameters into p. */
extern int nbd_internal_parse_uri_query (struct nbd_handle *h,
                                         struct parsed_uri *p,
                                         const char *query);

#endif /* LIBNBD_URI_PARSE_H */
