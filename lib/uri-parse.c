/* Taking an NBD URI apart with libxml2: the scheme, the authority, the
 * export name and the query parameters (uri-query.c), each checked
 * against what the handle allows.  Connecting is uri.c's job.
 *
 * By default a URI means what it means to libnbd, which passes over
 * what it does not use.  With LIBNBD_URI_STRICT=1 in the environment
 * when the handle is made, whatever libnbd would pass over is refused
 * instead: unknown query parameters, a server named in a Unix socket
 * URI, and an escaped NUL, which cuts the string short.
 *
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "uri-parse.h"

#ifdef HAVE_LIBXML2
#include <libxml/uri.h>
#endif

static const struct uri_scheme schemes[] = {
  { "nbd", WHERE_TCP, LIBNBD_ALLOW_TRANSPORT_TCP, false },
  { "nbds", WHERE_TCP, LIBNBD_ALLOW_TRANSPORT_TCP, true },
  { "nbd+unix", WHERE_UNIX, LIBNBD_ALLOW_TRANSPORT_UNIX, false },
  { "nbds+unix", WHERE_UNIX, LIBNBD_ALLOW_TRANSPORT_UNIX, true },
  { "nbd+vsock", WHERE_VSOCK, LIBNBD_ALLOW_TRANSPORT_VSOCK, false },
  { "nbds+vsock", WHERE_VSOCK, LIBNBD_ALLOW_TRANSPORT_VSOCK, true },
  { "nbd+ssh", WHERE_SSH, LIBNBD_ALLOW_TRANSPORT_SSH, false },
  { "nbds+ssh", WHERE_SSH, LIBNBD_ALLOW_TRANSPORT_SSH, true },
};

const struct uri_scheme *
nbd_internal_find_uri_scheme (const char *name, size_t len)
{
  size_t i;

  for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
    if (strlen (schemes[i].name) == len &&
        strncasecmp (schemes[i].name, name, len) == 0)
      return &schemes[i];
  return NULL;
}

/* The scheme of a URI that leads to this kind of connection. */
const char *
nbd_internal_uri_scheme_name (int where, bool tls)
{
  size_t i;

  for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
    if (schemes[i].where == where && schemes[i].tls == tls)
      return schemes[i].name;
  return NULL;
}

#ifdef HAVE_LIBXML2

void
nbd_internal_free_parsed_uri (struct parsed_uri *p)
{
  free (p->host);
  free (p->port);
  free (p->nbd_port);
  free (p->socket);
  free (p->export);
  free (p->user);
  free (p->tls_username);
  free (p->tls_certificates);
  free (p->tls_psk_file);
  free (p->tls_hostname);
  free (p->tls_priority);
}

/* The authority, as the transport reads it. */
static int
parse_authority (struct nbd_handle *h, struct parsed_uri *p, xmlURIPtr u)
{
  const char *server = u->server ? u->server : "";
  size_t len = strlen (server);
  char port[16];

  if (u->user && (p->user = strdup (u->user)) == NULL)
    goto nomem;
  if (len >= 2 && server[0] == '[' && server[len - 1] == ']') {
    server++;
    len -= 2;
  }
  if (p->scheme->where == WHERE_UNIX) {
    if (len > 0 && h->uri_strict) {
      set_error (EINVAL, "a Unix socket URI names no server; use the socket "
                 "parameter");
      return -1;
    }
    return 0;
  }
  if (len == 0 && p->scheme->where == WHERE_SSH) {
    set_error (EINVAL, "an ssh URI must name the server");
    return -1;
  }
  if (len == 0)
    server = p->scheme->where == WHERE_VSOCK ? "2" : "localhost";
  p->host = strndup (server, len ? len : strlen (server));
  if (p->host == NULL)
    goto nomem;
  /* ssh picks its own port when the URI names none. */
  if (u->port <= 0 && p->scheme->where == WHERE_SSH)
    return 0;
  if (u->port > 0)
    snprintf (port, sizeof port, "%d", u->port);
  else
    snprintf (port, sizeof port, "%s", NBD_DEFAULT_PORT);
  p->port = strdup (port);
  if (p->port == NULL)
    goto nomem;
  return 0;
 nomem:
  set_error (errno, "strdup");
  return -1;
}

/* The export name: the path less its first slash. */
static int
parse_export (struct parsed_uri *p, xmlURIPtr u)
{
  const char *path = u->path ? u->path : "";

  if (path[0] == '/')
    path++;
  p->export = strdup (path);
  if (p->export == NULL) {
    set_error (errno, "strdup");
    return -1;
  }
  return nbd_internal_check_protocol_string (p->export);
}

/* nbd-port: a decimal port number that fits the transport, which for
 * TCP and vsock replaces the authority's port.  (For ssh it is the
 * port of the NBD server beyond, the authority's being sshd's.)  It
 * reaches a command line for ssh, so nothing but digits may pass.
 */
static int
check_nbd_port (struct parsed_uri *p)
{
  unsigned long max = p->scheme->where == WHERE_VSOCK ? UINT32_MAX : 65535;
  unsigned long port;
  char *end;

  if (p->nbd_port == NULL || p->scheme->where == WHERE_UNIX)
    return 0;
  errno = 0;
  port = strtoul (p->nbd_port, &end, 10);
  if (p->nbd_port[0] < '0' || p->nbd_port[0] > '9' || *end || errno ||
      port == 0 || port > max) {
    set_error (EINVAL, "nbd-port=%s is not a port number from 1 to %lu",
               p->nbd_port, max);
    return -1;
  }
  snprintf (p->nbd_port, strlen (p->nbd_port) + 1, "%lu", port);
  if (p->scheme->where == WHERE_SSH)
    return 0;
  free (p->port);
  p->port = p->nbd_port;
  p->nbd_port = NULL;
  return 0;
}

/* What the transport needs and forbids. */
static int
check_transport (struct parsed_uri *p)
{
  if (check_nbd_port (p) == -1)
    return -1;
  switch (p->scheme->where) {
  case WHERE_UNIX:
    if (p->socket == NULL) {
      set_error (EINVAL, "a Unix socket URI needs the socket parameter");
      return -1;
    }
    return 0;
  case WHERE_SSH:
    return 0;
  default:
    if (p->socket) {
      set_error (EINVAL, "the socket parameter belongs only to Unix "
                 "socket and ssh URIs");
      return -1;
    }
    return 0;
  }
}

/* The URI against what the handle allows. */
static int
check_allowed (struct nbd_handle *h, const struct uri_scheme *s)
{
  if (!(h->uri_allow_transports & s->allow)) {
    set_error (EPERM, "the %s transport is not allowed (see "
               "nbd_set_uri_allow_transports)", s->name);
    return -1;
  }
  if ((s->tls && h->uri_allow_tls == LIBNBD_TLS_DISABLE) ||
      (!s->tls && h->uri_allow_tls == LIBNBD_TLS_REQUIRE)) {
    set_error (EPERM, "%s URIs are not allowed (see nbd_set_uri_allow_tls)",
               s->tls ? "TLS" : "plain text");
    return -1;
  }
  if (s->tls && nbd_internal_require_tls_support () == -1)
    return -1;
  return 0;
}

int
nbd_internal_parse_uri (struct nbd_handle *h, const char *uri,
                        struct parsed_uri *p)
{
  xmlURIPtr u;
  int r = -1;

  if (h->uri_strict && strstr (uri, "%00")) {
    set_error (EINVAL, "the URI contains an escaped NUL");
    return -1;
  }
  u = xmlParseURI (uri);
  if (u == NULL) {
    set_error (EINVAL, "cannot parse the URI %s", uri);
    return -1;
  }
  p->scheme = u->scheme ?
    nbd_internal_find_uri_scheme (u->scheme, strlen (u->scheme)) : NULL;
  if (p->scheme == NULL) {
    set_error (EINVAL, "%s is not an NBD URI scheme",
               u->scheme ? u->scheme : "(none)");
    goto out;
  }
  /* Without the authority's "//", "nbd:host:port/x" would name the
   * export "host:port/x" on localhost: not what its writer meant.
   */
  if (strncmp (uri + strlen (u->scheme), "://", 3) != 0) {
    set_error (EINVAL, "the URI must begin with %s://", p->scheme->name);
    goto out;
  }
  if (check_allowed (h, p->scheme) == -1 ||
      parse_authority (h, p, u) == -1 || parse_export (p, u) == -1 ||
      nbd_internal_parse_uri_query (h, p, u->query_raw) == -1 || check_transport (p) == -1)
    goto out;
  r = 0;
 out:
  xmlFreeURI (u);
  return r;
}

#endif /* HAVE_LIBXML2 */
