/* Make a seed for the server-session fuzzer from a real server: run
 * the fuzzer's client session (session.c) through a relay to the
 * server's Unix socket, and save the configuration byte followed by
 * the server's turns (session.h): a turn is all it sent between two
 * things the client sent.  Replaying the file then takes the client
 * down the same path as the real session did.
 *
 *   session-recorder SOCKET CONFIG OUTPUT
 *
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "session.h"

struct relay {
  int client;                   /* our end of the client's socketpair */
  int server;
  FILE *out;
  unsigned char turn[65535];    /* the server's turn, so far */
  size_t turn_len;
  bool client_spoke;            /* since the turn began */
};

static void
die (const char *what)
{
  perror (what);
  exit (EXIT_FAILURE);
}

/* Save the turn so far, if there is one. */
static void
end_turn (struct relay *r)
{
  unsigned char header[SESSION_TURN_HEADER] = {
    r->turn_len >> 8, r->turn_len & 0xff
  };

  if (r->turn_len == 0)
    return;
  if (fwrite (header, sizeof header, 1, r->out) != 1 ||
      fwrite (r->turn, r->turn_len, 1, r->out) != 1)
    die ("fwrite");
  r->turn_len = 0;
}

/* What the server sent joins its turn, or begins a new one when the
 * client has spoken since.
 */
static void
record (struct relay *r, const char *buf, size_t len)
{
  size_t n;

  if (r->client_spoke)
    end_turn (r);
  r->client_spoke = false;
  while (len > 0) {
    if (r->turn_len == sizeof r->turn)
      end_turn (r);
    n = sizeof r->turn - r->turn_len;
    n = n < len ? n : len;
    memcpy (r->turn + r->turn_len, buf, n);
    r->turn_len += n;
    buf += n;
    len -= n;
  }
}

/* Copy what one side sent to the other; false at end of stream. */
static bool
pass_on (struct relay *r, bool from_server)
{
  int from = from_server ? r->server : r->client;
  int to = from_server ? r->client : r->server;
  char buf[65536];
  ssize_t n = recv (from, buf, sizeof buf, 0);

  if (n <= 0)
    return false;
  if (from_server)
    record (r, buf, n);
  else
    r->client_spoke = true;
  return send (to, buf, n, MSG_NOSIGNAL) == n;
}

static void *
relay (void *arg)
{
  struct relay *r = arg;
  struct pollfd pfd[2] = {
    { .fd = r->client, .events = POLLIN },
    { .fd = r->server, .events = POLLIN },
  };

  for (;;) {
    if (poll (pfd, 2, -1) == -1) {
      if (errno == EINTR)
        continue;
      die ("poll");
    }
    if (pfd[0].revents && !pass_on (r, false))
      break;
    if (pfd[1].revents && !pass_on (r, true))
      break;
  }
  end_turn (r);
  /* Whichever side ended, the other learns of it. */
  shutdown (r->client, SHUT_RDWR);
  shutdown (r->server, SHUT_RDWR);
  return NULL;
}

static int
connect_unix (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

  if (fd == -1)
    die ("socket");
  if (strlen (path) >= sizeof addr.sun_path) {
    fprintf (stderr, "%s: socket path too long\n", path);
    exit (EXIT_FAILURE);
  }
  strcpy (addr.sun_path, path);
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) == -1)
    die (path);
  return fd;
}

int
main (int argc, char *argv[])
{
  static struct relay r;
  pthread_t thread;
  uint8_t config;
  int sv[2];

  if (argc != 4) {
    fprintf (stderr, "usage: %s SOCKET CONFIG OUTPUT\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  config = strtoul (argv[2], NULL, 0) & SESSION_CONFIG_MASK;
  r.server = connect_unix (argv[1]);
  r.out = fopen (argv[3], "wb");
  if (r.out == NULL)
    die (argv[3]);
  if (fputc (config, r.out) == EOF)
    die ("fputc");
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
    die ("socketpair");
  r.client = sv[1];
  if (pthread_create (&thread, NULL, relay, &r) != 0)
    die ("pthread_create");

  run_session (sv[0], config);

  pthread_join (thread, NULL);
  close (r.client);
  close (r.server);
  if (fclose (r.out) == EOF)
    die (argv[3]);
  return EXIT_SUCCESS;
}
