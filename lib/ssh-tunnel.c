/* The command that tunnels NBD through ssh for an nbd+ssh:// URI:
 *
 *   ssh [-p PORT] -- HOST nc -U 'SOCKET'     (or nc localhost 10809)
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

#define NC_DEFAULT_PORT "10809"

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

int
nbd_internal_connect_ssh (struct nbd_handle *h, const char *host,
                          const char *port, const char *socket)
{
  char *argv[10], *quoted;
  size_t n = 0;
  int r;

  if (!is_host_name (host)) {
    set_error (EINVAL, "\"%s\" is not a host name that ssh may be given",
               host);
    return -1;
  }
  if (socket && check_remote_word ("socket", socket) == -1)
    return -1;
  quoted = shell_quote (socket ? socket : NC_DEFAULT_PORT);
  if (quoted == NULL) {
    set_error (errno, "malloc");
    return -1;
  }

  argv[n++] = (char *) "ssh";
  if (port) {
    argv[n++] = (char *) "-p";
    argv[n++] = (char *) port;
  }
  argv[n++] = (char *) "--";
  argv[n++] = (char *) host;
  argv[n++] = (char *) "nc";
  argv[n++] = (char *) (socket ? "-U" : "localhost");
  argv[n++] = quoted;
  argv[n] = NULL;
  assert (n < sizeof argv / sizeof argv[0]);

  r = nbd_internal_remember_where (h, WHERE_SSH, host, port, socket);
  if (r == 0)
    r = nbd_internal_connect_command (h, argv);
  free (quoted);
  return r;
}
