/* NBD URIs: applying a parsed one (uri-parse.c) to the handle and
 * connecting where it points, building one that leads back to the
 * current connection, and telling whether a string looks like one.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <inttypes.h>

#include "internal.h"
#include "uri-parse.h"

/* A scheme the library knows, then a colon: a heuristic by design, as
 * callers use it to tell URIs from file names.
 */
int
nbd_unlocked_is_uri (struct nbd_handle *h, const char *uri)
{
  const char *colon = strchr (uri, ':');

  (void) h;
  return colon != NULL &&
    nbd_internal_find_uri_scheme (uri, colon - uri) != NULL;
}

/* ---------------------------------------------------------- building */

/* Append to a growing string; on failure *s is NULL. */
static void
append (char **s, const char *fmt, const char *value)
{
  char *more;

  if (*s == NULL)
    return;
  if (asprintf (&more, fmt, *s, value) == -1)
    more = NULL;
  free (*s);
  *s = more;
}

/* value with every byte outside the unreserved set (and keep) escaped. */
static char *
escape (const char *value, const char *keep)
{
  static const char hex[] = "0123456789ABCDEF";
  char *out = malloc (3 * strlen (value) + 1), *p = out;

  if (out == NULL)
    return NULL;
  for (; *value; value++) {
    unsigned char c = *value;

    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || strchr ("-._~", c) || strchr (keep, c))
      *p++ = c;
    else {
      *p++ = '%';
      *p++ = hex[c >> 4];
      *p++ = hex[c & 15];
    }
  }
  *p = '\0';
  return out;
}

static void
append_escaped (char **s, const char *fmt, const char *value,
                const char *keep)
{
  char *e = escape (value, keep);

  if (e == NULL) {
    free (*s);
    *s = NULL;
    return;
  }
  append (s, fmt, e);
  free (e);
}

/* The user of the authority: ssh's login name for an ssh tunnel, the
 * TLS username otherwise.
 */
static void
append_authority (struct nbd_handle *h, char **uri)
{
  char cid[32];

  if (h->where == WHERE_SSH && h->where_user)
    append_escaped (uri, "%s%s@", h->where_user, "");
  else if (h->where != WHERE_SSH && h->tls == LIBNBD_TLS_REQUIRE &&
           h->tls_username)
    append_escaped (uri, "%s%s@", h->tls_username, "");
  switch (h->where) {
  case WHERE_TCP:
  case WHERE_SSH:
    append (uri, strchr (h->where_host, ':') ? "%s[%s]" : "%s%s",
            h->where_host);
    /* The port is always given, the default one too, as libnbd does;
     * except ssh's, which only the URI may choose.
     */
    if (h->where_port)
      append (uri, "%s:%s", h->where_port);
    break;
  case WHERE_VSOCK:
    snprintf (cid, sizeof cid, "%" PRIu32, h->where_cid);
    append (uri, "%s%s", cid);
    snprintf (cid, sizeof cid, "%" PRIu32, h->where_vsock_port);
    append (uri, "%s:%s", cid);
    break;
  default:
    break;
  }
}

/* One name=value of the query, the value escaped but for keep. */
static void
append_parameter (char **uri, const char **sep, const char *name,
                  const char *value, const char *keep)
{
  append (uri, "%s%s", *sep);
  append (uri, "%s%s=", name);
  append_escaped (uri, "%s%s", value, keep);
  *sep = "&";
}

static void
append_query (struct nbd_handle *h, char **uri)
{
  const char *sep = "?";

  if (h->where_socket)
    append_parameter (uri, &sep, "socket", h->where_socket, "/");
  if (h->where_nbd_port)
    append_parameter (uri, &sep, "nbd-port", h->where_nbd_port, "");
  if (h->where_compress)
    append_parameter (uri, &sep, "compress", "true", "");
  if (h->tls == LIBNBD_TLS_DISABLE)
    return;
  if (h->tls_certificates)
    append_parameter (uri, &sep, "tls-certificates", h->tls_certificates,
                      "/");
  if (h->tls_psk_file)
    append_parameter (uri, &sep, "tls-psk-file", h->tls_psk_file, "/");
  if (h->tls_hostname[0])
    append_parameter (uri, &sep, "tls-hostname", h->tls_hostname, "");
  if (h->tls_priority)
    append_parameter (uri, &sep, "tls-priority", h->tls_priority, "");
  /* The authority's user is ssh's: the TLS username goes here. */
  if (h->where == WHERE_SSH && h->tls == LIBNBD_TLS_REQUIRE &&
      h->tls_username)
    append_parameter (uri, &sep, "tls-username", h->tls_username, "");
  if (!h->tls_verify_peer)
    append_parameter (uri, &sep, "tls-verify-peer", "false", "");
}

char *
nbd_unlocked_get_uri (struct nbd_handle *h)
{
  bool tls = h->tls == LIBNBD_TLS_REQUIRE || h->tls_negotiated;
  const char *scheme = nbd_internal_uri_scheme_name (h->where, tls);
  char *uri;

  if (scheme == NULL) {
    set_error (EINVAL, "this connection was not made to a place a URI "
               "can name (a socket or a command, say)");
    return NULL;
  }
  /* An empty path is the abstract namespace, which URIs cannot name. */
  if (h->where_socket && h->where_socket[0] == '\0') {
    set_error (EPROTONOSUPPORT, "a Unix socket in the abstract namespace "
               "has no URI");
    return NULL;
  }
  if (asprintf (&uri, "%s://", scheme) == -1) {
    set_error (errno, "asprintf");
    return NULL;
  }
  append_authority (h, &uri);
  append_escaped (&uri, "%s/%s", h->export_name, "/");
  append_query (h, &uri);
  if (uri == NULL)
    set_error (ENOMEM, "cannot build the URI");
  return uri;
}

/* -------------------------------------------------------- connecting */

#ifdef HAVE_LIBXML2

/* The URI's settings, onto the handle, through the same setters a
 * caller would use; what the URI does not say is left as it was.  An
 * nbds: scheme raises the TLS setting to "require"; no scheme lowers
 * it, or whoever writes the URI could turn off the caller's TLS.
 */
static int
apply (struct nbd_handle *h, const struct parsed_uri *p)
{
  /* An ssh URI's authority names ssh's user, not the TLS username. */
  const char *tls_username = p->tls_username ? p->tls_username :
    p->scheme->where == WHERE_SSH ? NULL : p->user;

  if ((p->scheme->tls &&
       nbd_unlocked_set_tls (h, LIBNBD_TLS_REQUIRE) == -1) ||
      nbd_unlocked_set_export_name (h, p->export) == -1 ||
      (tls_username &&
       nbd_unlocked_set_tls_username (h, tls_username) == -1) ||
      (p->tls_priority &&
       nbd_unlocked_set_tls_priority (h, p->tls_priority) == -1) ||
      (p->tls_certificates &&
       nbd_unlocked_set_tls_certificates (h, p->tls_certificates) == -1) ||
      (p->tls_psk_file &&
       nbd_unlocked_set_tls_psk_file (h, p->tls_psk_file) == -1) ||
      (p->tls_hostname &&
       nbd_unlocked_set_tls_hostname (h, p->tls_hostname) == -1))
    return -1;
  if (p->verify_peer >= 0)
    h->tls_verify_peer = p->verify_peer;
  return 0;
}

static int
connect_parsed (struct nbd_handle *h, const struct parsed_uri *p)
{
  const struct ssh_target ssh = {
    .host = p->host, .port = p->port, .user = p->user,
    .socket = p->socket, .nbd_port = p->nbd_port, .compress = p->compress,
  };
  char *end;
  unsigned long cid;

  switch (p->scheme->where) {
  case WHERE_TCP:
    return nbd_unlocked_aio_connect_tcp (h, p->host, p->port);
  case WHERE_UNIX:
    return nbd_unlocked_aio_connect_unix (h, p->socket);
  case WHERE_VSOCK:
    errno = 0;
    cid = strtoul (p->host, &end, 10);
    if (errno || *end || end == p->host || cid > UINT32_MAX) {
      set_error (EINVAL, "a vsock URI's server must be a numeric CID, not "
                 "%s", p->host);
      return -1;
    }
    return nbd_unlocked_aio_connect_vsock (h, cid,
                                           strtoul (p->port, NULL, 10));
  default:
    return nbd_internal_connect_ssh (h, &ssh);
  }
}

int
nbd_unlocked_aio_connect_uri (struct nbd_handle *h, const char *uri)
{
  struct parsed_uri p = { .verify_peer = -1 };
  int r = -1;

  if (nbd_internal_parse_uri (h, uri, &p) == 0 && apply (h, &p) == 0)
    r = connect_parsed (h, &p);
  nbd_internal_free_parsed_uri (&p);
  return r;
}

#else /* !HAVE_LIBXML2 */

int
nbd_unlocked_aio_connect_uri (struct nbd_handle *h, const char *uri)
{
  (void) h;
  (void) uri;
  set_error (ENOTSUP, "this build of the library has no URI support");
  return -1;
}

#endif /* !HAVE_LIBXML2 */

SYNC_CONNECT (connect_uri, (struct nbd_handle *h, const char *uri), (h, uri))
