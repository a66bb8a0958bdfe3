/* NBD URIs: parsing one with libxml2 into the handle's settings and a
 * connect call, building one that leads back to the current connection,
 * and telling whether a string looks like one.
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

#ifdef HAVE_LIBXML2
#include <libxml/uri.h>
#endif

#define DEFAULT_PORT "10809"

struct scheme {
  const char *name;
  int where;                    /* WHERE_* */
  uint32_t allow;               /* LIBNBD_ALLOW_TRANSPORT_* */
  bool tls;
};

static const struct scheme schemes[] = {
  { "nbd", WHERE_TCP, LIBNBD_ALLOW_TRANSPORT_TCP, false },
  { "nbds", WHERE_TCP, LIBNBD_ALLOW_TRANSPORT_TCP, true },
  { "nbd+unix", WHERE_UNIX, LIBNBD_ALLOW_TRANSPORT_UNIX, false },
  { "nbds+unix", WHERE_UNIX, LIBNBD_ALLOW_TRANSPORT_UNIX, true },
  { "nbd+vsock", WHERE_VSOCK, LIBNBD_ALLOW_TRANSPORT_VSOCK, false },
  { "nbds+vsock", WHERE_VSOCK, LIBNBD_ALLOW_TRANSPORT_VSOCK, true },
  { "nbd+ssh", WHERE_SSH, LIBNBD_ALLOW_TRANSPORT_SSH, false },
  { "nbds+ssh", WHERE_SSH, LIBNBD_ALLOW_TRANSPORT_SSH, true },
};

static const struct scheme *
find_scheme (const char *name, size_t len)
{
  size_t i;

  for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
    if (strlen (schemes[i].name) == len &&
        strncasecmp (schemes[i].name, name, len) == 0)
      return &schemes[i];
  return NULL;
}

void
nbd_internal_free_where (struct nbd_handle *h)
{
  free (h->where_host);
  free (h->where_port);
  free (h->where_socket);
  h->where_host = h->where_port = h->where_socket = NULL;
  h->where = WHERE_NONE;
}

/* A scheme the library knows, then a colon: a heuristic by design, as
 * callers use it to tell URIs from file names.
 */
int
nbd_unlocked_is_uri (struct nbd_handle *h, const char *uri)
{
  const char *colon = strchr (uri, ':');

  (void) h;
  return colon != NULL && find_scheme (uri, colon - uri) != NULL;
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

static const char *
scheme_name (struct nbd_handle *h)
{
  bool tls = h->tls == LIBNBD_TLS_REQUIRE;
  size_t i;

  for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
    if (schemes[i].where == (int) h->where && schemes[i].tls == tls)
      return schemes[i].name;
  return NULL;
}

static void
append_authority (struct nbd_handle *h, char **uri)
{
  char cid[32];

  if (h->tls == LIBNBD_TLS_REQUIRE && h->tls_username)
    append_escaped (uri, "%s%s@", h->tls_username, "");
  switch (h->where) {
  case WHERE_TCP:
  case WHERE_SSH:
    append (uri, strchr (h->where_host, ':') ? "%s[%s]" : "%s%s",
            h->where_host);
    if (h->where_port && strcmp (h->where_port, DEFAULT_PORT) != 0)
      append (uri, "%s:%s", h->where_port);
    break;
  case WHERE_VSOCK:
    snprintf (cid, sizeof cid, "%" PRIu32, h->where_cid);
    append (uri, "%s%s", cid);
    if (h->where_vsock_port != 10809) {
      snprintf (cid, sizeof cid, "%" PRIu32, h->where_vsock_port);
      append (uri, "%s:%s", cid);
    }
    break;
  default:
    break;
  }
}

static void
append_query (struct nbd_handle *h, char **uri)
{
  const char *sep = "?";

  if (h->where_socket) {
    append_escaped (uri, "%s?socket=%s", h->where_socket, "/");
    sep = "&";
  }
  if (h->tls == LIBNBD_TLS_DISABLE)
    return;
  if (h->tls_certificates) {
    append (uri, "%s%s", sep);
    append_escaped (uri, "%stls-certificates=%s", h->tls_certificates, "/");
    sep = "&";
  }
  if (h->tls_psk_file) {
    append (uri, "%s%s", sep);
    append_escaped (uri, "%stls-psk-file=%s", h->tls_psk_file, "/");
    sep = "&";
  }
  if (h->tls_hostname[0]) {
    append (uri, "%s%s", sep);
    append_escaped (uri, "%stls-hostname=%s", h->tls_hostname, "");
    sep = "&";
  }
  if (!h->tls_verify_peer) {
    append (uri, "%s%s", sep);
    append (uri, "%s%s", "tls-verify-peer=false");
  }
}

char *
nbd_unlocked_get_uri (struct nbd_handle *h)
{
  const char *scheme = scheme_name (h);
  char *uri;

  if (scheme == NULL) {
    set_error (ENOTSUP, "this connection was not made to a place a URI "
               "can name (a socket or a command, say)");
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

/* ----------------------------------------------------------- parsing */

#ifdef HAVE_LIBXML2

/* Everything a URI says, before any of it touches the handle. */
struct parsed {
  const struct scheme *scheme;
  char *host;
  char *port;
  char *socket;
  char *export;
  char *username;
  char *tls_certificates;
  char *tls_psk_file;
  char *tls_hostname;
  int verify_peer;              /* -1 when the URI does not say */
};

static void
free_parsed (struct parsed *p)
{
  free (p->host);
  free (p->port);
  free (p->socket);
  free (p->export);
  free (p->username);
  free (p->tls_certificates);
  free (p->tls_psk_file);
  free (p->tls_hostname);
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Percent-decode s[0..len); an invalid escape or a NUL is an error. */
static char *
decode (const char *s, size_t len)
{
  char *out = malloc (len + 1), *p = out;
  size_t i;

  if (out == NULL) {
    set_error (errno, "malloc");
    return NULL;
  }
  for (i = 0; i < len; i++) {
    if (s[i] != '%') {
      *p++ = s[i];
      continue;
    }
    if (i + 2 >= len) {
      free (out);
      set_error (EINVAL, "the URI has an incomplete %% escape");
      return NULL;
    }
    if (hex_digit (s[i + 1]) < 0 || hex_digit (s[i + 2]) < 0 ||
        (s[i + 1] == '0' && s[i + 2] == '0')) {
      free (out);
      set_error (EINVAL, "the URI has an invalid %% escape");
      return NULL;
    }
    *p++ = hex_digit (s[i + 1]) * 16 + hex_digit (s[i + 2]);
    i += 2;
  }
  *p = '\0';
  return out;
}

static int
set_string (char **dst, const char *s, size_t len)
{
  free (*dst);
  *dst = decode (s, len);
  return *dst ? 0 : -1;
}

static bool
local_file_allowed (struct nbd_handle *h, const char *key)
{
  if (!h->uri_allow_local_file) {
    set_error (EPERM, "the URI parameter %s names a local file, which "
               "nbd_set_uri_allow_local_file has not allowed", key);
    return false;
  }
  return true;
}

/* One key=value of the query. */
static int
parse_parameter (struct nbd_handle *h, struct parsed *p, const char *param,
                 size_t len)
{
  const char *eq = memchr (param, '=', len);
  size_t klen = eq ? (size_t) (eq - param) : len;
  const char *value = eq ? eq + 1 : param + len;
  size_t vlen = param + len - value;
  char *v;

#define KEY(name) (klen == strlen (name) && strncmp (param, name, klen) == 0)
  if (KEY ("socket"))
    return set_string (&p->socket, value, vlen);
  if (KEY ("tls-certificates"))
    return local_file_allowed (h, "tls-certificates") ?
      set_string (&p->tls_certificates, value, vlen) : -1;
  if (KEY ("tls-psk-file"))
    return local_file_allowed (h, "tls-psk-file") ?
      set_string (&p->tls_psk_file, value, vlen) : -1;
  if (KEY ("tls-hostname"))
    return set_string (&p->tls_hostname, value, vlen);
  if (KEY ("tls-username"))
    return set_string (&p->username, value, vlen);
  if (KEY ("tls-verify-peer")) {
    v = decode (value, vlen);
    if (v == NULL)
      return -1;
    if (strcmp (v, "false") == 0 || strcmp (v, "0") == 0 ||
        strcmp (v, "no") == 0)
      p->verify_peer = 0;
    else if (strcmp (v, "true") == 0 || strcmp (v, "1") == 0 ||
             strcmp (v, "yes") == 0)
      p->verify_peer = 1;
    else {
      set_error (EINVAL, "tls-verify-peer=%s is neither true nor false", v);
      free (v);
      return -1;
    }
    free (v);
    return 0;
  }
#undef KEY
  /* An unknown parameter may change what the URI means to whoever
   * wrote it, so strict mode refuses it; otherwise it is passed over.
   */
  if (h->strict) {
    set_error (EINVAL, "the URI parameter %.*s is unknown", (int) klen,
               param);
    return -1;
  }
  debug (h, "ignoring the unknown URI parameter %.*s", (int) klen, param);
  return 0;
}

static int
parse_query (struct nbd_handle *h, struct parsed *p, const char *query)
{
  while (query && *query) {
    size_t len = strcspn (query, "&;");

    if (len > 0 && parse_parameter (h, p, query, len) == -1)
      return -1;
    query += len;
    if (*query)
      query++;
  }
  return 0;
}

/* The authority, as the transport reads it. */
static int
parse_authority (struct parsed *p, xmlURIPtr u)
{
  const char *server = u->server ? u->server : "";
  size_t len = strlen (server);
  char port[16];

  if (u->user && (p->username = strdup (u->user)) == NULL)
    goto nomem;
  if (len >= 2 && server[0] == '[' && server[len - 1] == ']') {
    server++;
    len -= 2;
  }
  if (p->scheme->where == WHERE_UNIX) {
    if (len > 0) {
      set_error (EINVAL, "a Unix socket URI names no server; use the socket "
                 "parameter");
      return -1;
    }
    return 0;
  }
  if (len == 0)
    server = p->scheme->where == WHERE_VSOCK ? "2" : "localhost";
  p->host = strndup (server, len ? len : strlen (server));
  snprintf (port, sizeof port, "%d", u->port > 0 ? u->port : 10809);
  p->port = strdup (port);
  if (p->host == NULL || p->port == NULL)
    goto nomem;
  return 0;
 nomem:
  set_error (errno, "strdup");
  return -1;
}

/* The export name: the path less its first slash. */
static int
parse_export (struct parsed *p, xmlURIPtr u)
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

/* What the transport needs and forbids. */
static int
check_transport (struct parsed *p)
{
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
check_allowed (struct nbd_handle *h, const struct scheme *s)
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
  if (s->tls && !nbd_unlocked_supports_tls (h)) {
    set_error (ENOTSUP, "the URI asks for TLS, which this build of the "
               "library lacks");
    return -1;
  }
  return 0;
}

static int
parse (struct nbd_handle *h, const char *uri, struct parsed *p)
{
  xmlURIPtr u;
  int r = -1;

  /* A NUL escape would cut the string short where libxml2 decodes. */
  if (strstr (uri, "%00")) {
    set_error (EINVAL, "the URI contains an escaped NUL");
    return -1;
  }
  u = xmlParseURI (uri);
  if (u == NULL) {
    set_error (EINVAL, "cannot parse the URI %s", uri);
    return -1;
  }
  p->scheme = u->scheme ? find_scheme (u->scheme, strlen (u->scheme)) :
    NULL;
  if (p->scheme == NULL) {
    set_error (EINVAL, "%s is not an NBD URI scheme",
               u->scheme ? u->scheme : "(none)");
    goto out;
  }
  if (check_allowed (h, p->scheme) == -1 ||
      parse_authority (p, u) == -1 || parse_export (p, u) == -1 ||
      parse_query (h, p, u->query_raw) == -1 || check_transport (p) == -1)
    goto out;
  r = 0;
 out:
  xmlFreeURI (u);
  return r;
}

static int
copy_if (char **dst, const char *src)
{
  return src ? nbd_internal_copy_string (dst, src) : 0;
}

/* The URI's settings, onto the handle. */
static int
apply (struct nbd_handle *h, const struct parsed *p)
{
  if (nbd_unlocked_set_tls (h, p->scheme->tls ? LIBNBD_TLS_REQUIRE :
                            LIBNBD_TLS_DISABLE) == -1 ||
      nbd_unlocked_set_export_name (h, p->export) == -1 ||
      copy_if (&h->tls_username, p->username) == -1 ||
      copy_if (&h->tls_certificates, p->tls_certificates) == -1 ||
      copy_if (&h->tls_psk_file, p->tls_psk_file) == -1 ||
      copy_if (&h->tls_hostname, p->tls_hostname) == -1)
    return -1;
  if (p->verify_peer >= 0)
    h->tls_verify_peer = p->verify_peer;
  return 0;
}

/* ssh to the host, and nc there to the server's socket or port. */
static int
connect_ssh (struct nbd_handle *h, const struct parsed *p)
{
  char *argv[] = { (char *) "ssh", (char *) "-p", p->port, p->host,
                   (char *) "nc", (char *) "-U", p->socket, NULL };

  if (p->socket == NULL) {
    argv[5] = (char *) "localhost";
    argv[6] = (char *) DEFAULT_PORT;
  }
  nbd_internal_free_where (h);
  h->where = WHERE_SSH;
  h->where_host = strdup (p->host);
  h->where_port = strdup (p->port);
  if (p->socket)
    h->where_socket = strdup (p->socket);
  return nbd_unlocked_aio_connect_command (h, argv);
}

static int
connect_parsed (struct nbd_handle *h, const struct parsed *p)
{
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
    return nbd_unlocked_aio_connect_vsock (h, cid, atoi (p->port));
  default:
    return connect_ssh (h, p);
  }
}

int
nbd_unlocked_aio_connect_uri (struct nbd_handle *h, const char *uri)
{
  struct parsed p = { .verify_peer = -1 };
  int r = -1;

  if (parse (h, uri, &p) == 0 && apply (h, &p) == 0)
    r = connect_parsed (h, &p);
  free_parsed (&p);
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
