/* The command that tunnels NBD through ssh for an nbd+ssh:// URI:
 *
 *   ssh [-C] [-p PORT] [-l USER] -- HOST nc -U 'SOCKET'
 *                                    (or nc localhost 'NBD-PORT')
 *
 * Everything the URI puts into that line comes from whoever wrote the
 * URI, so none of it may become an option of ssh or nc, nor a command.
 * ssh reads no options after "--", so the host can only be a host (and
 * must look like one, since ssh's configuration may hand it on to a
 * ProxyCommand).  ssh joins the words after the host into one line for
 * the remote shell, so each word from the URI travels single-quoted,
 * and a word that nc would take for an option is refused.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Names, IPv4 and IPv6 addresses (with a zone after '%'), and no more. */
static bool
is_host_name (const char *host)
{
  return host[0] != '\0' && host[0] != '-' &&
    strspn (host, "abcdefghijklmnopqrstuvwxyz"
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:%") == strlen (host);
}

/* A control character would end the remote shell's line early. */
static bool
has_control_character (const char *s)
{
  for (; *s; s++)
    if ((unsigned char) *s < 0x20 || *s == 0x7f)
      return true;
  return false;
}

static int
check_remote_word (const char *what, const char *word)
{
  if (word[0] == '-' || word[0] == '\0') {
    set_error (EINVAL, "the ssh URI's %s \"%s\" would be read as an option "
               "by nc", what, word);
    return -1;
  }
  if (has_control_character (word)) {
    set_error (EINVAL, "the ssh URI's %s contains a control character",
               what);
    return -1;
  }
  return 0;
}

/* word in single quotes for a POSIX shell; a quote inside becomes '\''. */
static char *
shell_quote (const char *word)
{
  size_t quotes = 0;
  const char *s;
  char *out, *p;

  for (s = word; *s; s++)
    quotes += *s == '\'';
  out = malloc (strlen (word) + 3 * quotes + 3);
  if (out == NULL)
    return NULL;
  p = out;
  *p++ = '\'';
  for (s = word; *s; s++) {
    if (*s == '\'') {
      memcpy (p, "'\\''", 4);
      p += 4;
    }
    else
      *p++ = *s;
  }
  *p++ = '\'';
  *p = '\0';
  return out;
}

/* Login names are letters, digits, '.', '_' and '-' (not first):
 * ssh's configuration may hand the name on to a ProxyCommand.
 */
static int
check_user (const char *user)
{
  if (user[0] == '\0' || user[0] == '-' ||
      strspn (user, "abcdefghijklmnopqrstuvwxyz"
              "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != strlen (user)) {
    set_error (EINVAL, "\"%s\" is not a user name that ssh may be given",
               user);
    return -1;
  }
  return 0;
}

static int
check_target (const struct ssh_target *t)
{
  if (!is_host_name (t->host)) {
    set_error (EINVAL, "\"%s\" is not a host name that ssh may be given",
               t->host);
    return -1;
  }
  if (t->user && check_user (t->user) == -1)
    return -1;
  if (t->socket && check_remote_word ("socket", t->socket) == -1)
    return -1;
  if (t->nbd_port && check_remote_word ("nbd-port", t->nbd_port) == -1)
    return -1;
  return 0;
}

/* Note what nbd_get_uri gives back beyond the host, port and socket. */
static int
remember_target (struct nbd_handle *h, const struct ssh_target *t)
{
  if (nbd_internal_remember_where (h, WHERE_SSH, t->host, t->port,
                                   t->socket) == -1)
    return -1;
  h->where_compress = t->compress;
  if ((t->user && (h->where_user = strdup (t->user)) == NULL) ||
      (t->nbd_port && (h->where_nbd_port = strdup (t->nbd_port)) == NULL)) {
    set_error (errno, "strdup");
    return -1;
  }
  return 0;
}

int
nbd_internal_connect_ssh (struct nbd_handle *h, const struct ssh_target *t)
{
  char *argv[16], *quoted;
  size_t n = 0;
  int r;

  if (check_target (t) == -1)
    return -1;
  quoted = shell_quote (t->socket ? t->socket :
                        t->nbd_port ? t->nbd_port : NBD_DEFAULT_PORT);
  if (quoted == NULL) {
    set_error (errno, "malloc");
    return -1;
  }

  argv[n++] = (char *) "ssh";
  if (t->compress)
    argv[n++] = (char *) "-C";
  if (t->port) {
    argv[n++] = (char *) "-p";
    argv[n++] = (char *) t->port;
  }
  if (t->user) {
    argv[n++] = (char *) "-l";
    argv[n++] = (char *) t->user;
  }
  argv[n++] = (char *) "--";
  argv[n++] = (char *) t->host;
  argv[n++] = (char *) "nc";
  argv[n++] = (char *) (t->socket ? "-U" : "localhost");
  argv[n++] = quoted;
  argv[n] = NULL;
  assert (n < sizeof argv / sizeof argv[0]);

  r = remember_target (h, t);
  if (r == 0)
    r = nbd_internal_connect_command (h, argv);
  free (quoted);
  return r;
}
