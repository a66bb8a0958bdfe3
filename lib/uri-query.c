/* The query of an NBD URI: its key=value parameters, percent-decoded,
 * each checked against what the handle allows.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "uri-parse.h"

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

/* Percent-decode s[0..len); an invalid escape is an error.  An escaped
 * NUL ends the string there, as it does for libnbd.
 */
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
    if (hex_digit (s[i + 1]) < 0 || hex_digit (s[i + 2]) < 0) {
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

static bool
tls_priority_allowed (struct nbd_handle *h)
{
  if (!h->uri_allow_tls_priority) {
    set_error (EPERM, "the URI parameter tls-priority is not allowed "
               "(see nbd_set_uri_allow_tls_priority)");
    return false;
  }
  return true;
}

/* 1 or 0 for the words libnbd takes as true or false, whatever their
 * case; -1 for anything else.
 */
static int
parse_boolean (const char *word)
{
  static const char *const words[2][6] = {
    { "false", "f", "no", "n", "off", "0" },
    { "true", "t", "yes", "y", "on", "1" },
  };
  int value;
  size_t i;

  for (value = 0; value <= 1; value++)
    for (i = 0; i < sizeof words[0] / sizeof words[0][0]; i++)
      if (strcasecmp (word, words[value][i]) == 0)
        return value;
  return -1;
}

/* A true or false parameter's value into *result. */
static int
parse_boolean_value (const char *key, const char *value, size_t vlen,
                     int *result)
{
  char *v = decode (value, vlen);

  if (v == NULL)
    return -1;
  *result = parse_boolean (v);
  if (*result == -1)
    set_error (EINVAL, "%s=%s is neither true nor false", key, v);
  free (v);
  return *result == -1 ? -1 : 0;
}

/* One key=value of the query. */
static int
parse_parameter (struct nbd_handle *h, struct parsed_uri *p, const char *param,
                 size_t len)
{
  const char *eq = memchr (param, '=', len);
  size_t klen = eq ? (size_t) (eq - param) : len;
  const char *value = eq ? eq + 1 : param + len;
  size_t vlen = param + len - value;

  /* Names are compared without regard to case, as libnbd does. */
#define KEY(name) \
  (klen == strlen (name) && strncasecmp (param, name, klen) == 0)
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
    return set_string (&p->tls_username, value, vlen);
  if (KEY ("tls-priority"))
    return tls_priority_allowed (h) ?
      set_string (&p->tls_priority, value, vlen) : -1;
  if (KEY ("tls-verify-peer"))
    return parse_boolean_value ("tls-verify-peer", value, vlen,
                                &p->verify_peer);
  if (KEY ("nbd-port"))
    return set_string (&p->nbd_port, value, vlen);
  if (KEY ("compress"))
    return parse_boolean_value ("compress", value, vlen, &p->compress);
#undef KEY
  if (h->uri_strict) {
    set_error (EINVAL, "the URI parameter %.*s is unknown", (int) klen,
               param);
    return -1;
  }
  debug (h, "ignoring the unknown URI parameter %.*s", (int) klen, param);
  return 0;
}

int
nbd_internal_parse_uri_query (struct nbd_handle *h, struct parsed_uri *p,
                              const char *query)
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
