/* Checks shared by the tests that talk to real servers.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <arpa/inet.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

void
check_state (const char *file, int line, struct nbd_handle *nbd,
             const char *want)
{
  char got[128] = "";

  /* Collect every predicate that holds, so that a handle claiming two
   * states at once shows up as a mismatch too.
   */
  if (nbd_aio_is_created (nbd) == 1)
    strcat (got, " created");
  if (nbd_aio_is_connecting (nbd) == 1)
    strcat (got, " connecting");
  if (nbd_aio_is_negotiating (nbd) == 1)
    strcat (got, " negotiating");
  if (nbd_aio_is_ready (nbd) == 1)
    strcat (got, " ready");
  if (nbd_aio_is_processing (nbd) == 1)
    strcat (got, " processing");
  if (nbd_aio_is_dead (nbd) == 1)
    strcat (got, " dead");
  if (nbd_aio_is_closed (nbd) == 1)
    strcat (got, " closed");
  if (got[0] == '\0' || strcmp (got + 1, want) != 0) {
    fprintf (stderr, "%s:%d: handle is in state \"%s\", want \"%s\"\n",
             file, line, got[0] ? got + 1 : "", want);
    exit (EXIT_FAILURE);
  }
}

int
poll_while_connecting (struct nbd_handle *nbd)
{
  time_t deadline = time (NULL) + DEADLINE_SECONDS;

  while (nbd_aio_is_connecting (nbd) == 1) {
    if (nbd_poll (nbd, 1000) == -1)
      return -1;
    if (time (NULL) > deadline) {
      fprintf (stderr, "handle still connecting after %d seconds\n",
               DEADLINE_SECONDS);
      exit (EXIT_FAILURE);
    }
  }
  return 0;
}

void
check_poll_to_state (const char *file, int line, struct nbd_handle *nbd,
                     const char *want)
{
  if (poll_while_connecting (nbd) == -1) {
    fprintf (stderr, "%s:%d: nbd_poll failed: %s\n", file, line,
             nbd_get_error ());
    exit (EXIT_FAILURE);
  }
  check_state (file, line, nbd, want);
}

const char *
which_call_failed (struct nbd_handle *nbd, int r, const char *call_name)
{
  if (r == -1)
    return call_name;
  CHECK (poll_while_connecting (nbd) == -1);
  return "nbd_poll";
}

struct nbd_handle *
connect_opt_mode_unix (struct nbd_handle *nbd, const char *path)
{
  CHECK (nbd_set_opt_mode (nbd, true) == 0);
  CHECK (nbd_connect_unix (nbd, path) == 0);
  CHECK_STATE (nbd, "negotiating");
  return nbd;
}

void
set_psk (struct nbd_handle *nbd, const char *key_file)
{
  CHECK (nbd_set_tls (nbd, LIBNBD_TLS_REQUIRE) == 0);
  CHECK (nbd_set_tls_username (nbd, "alice") == 0);
  CHECK (nbd_set_tls_psk_file (nbd, key_file) == 0);
}

int
bind_loopback (int family, char *port, size_t len)
{
  struct sockaddr_storage ss = { .ss_family = family };
  struct sockaddr_in *sin = (struct sockaddr_in *) &ss;
  struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) &ss;
  socklen_t sslen = family == AF_INET ? sizeof *sin : sizeof *sin6;
  int fd = socket (family, SOCK_STREAM | SOCK_CLOEXEC, 0);

  assert (family == AF_INET || family == AF_INET6);
  if (family == AF_INET)
    sin->sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  else
    sin6->sin6_addr = in6addr_loopback;
  CHECK (fd >= 0);
  CHECK (bind (fd, (struct sockaddr *) &ss, sslen) == 0);
  CHECK (getsockname (fd, (struct sockaddr *) &ss, &sslen) == 0);
  snprintf (port, len, "%d",
            ntohs (family == AF_INET ? sin->sin_port : sin6->sin6_port));
  return fd;
}

int
bind_refusing_port (char *port, size_t len, struct sockaddr_in *addr)
{
  int fd = bind_loopback (AF_INET, port, len);
  socklen_t sinlen = sizeof *addr;

  if (addr)
    CHECK (getsockname (fd, (struct sockaddr *) addr, &sinlen) == 0);
  return fd;
}

int
connect_unix_socket (const char *path)
{
  struct sockaddr_un sun = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

  CHECK (fd >= 0);
  CHECK (strlen (path) < sizeof sun.sun_path);
  strcpy (sun.sun_path, path);
  CHECK (connect (fd, (struct sockaddr *) &sun, sizeof sun) == 0);
  return fd;
}

struct nbd_handle *
connect_to_argument (int argc, char *argv[])
{
  struct nbd_handle *nbd;

  if (argc != 2) {
    fprintf (stderr, "usage: %s SOCKET\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  check_our_library ();
  nbd = create_handle ();
  CHECK (nbd_connect_unix (nbd, argv[1]) == 0);
  return nbd;
}

int
record_export (void *user_data, const char *name, const char *description)
{
  struct names *names = user_data;

  CHECK (name != NULL && description != NULL);
  CHECK (names->count < MAX_NAMES);
  names->name[names->count] = strdup (name);
  names->description[names->count] = strdup (description);
  CHECK (names->name[names->count] && names->description[names->count]);
  names->count++;
  return 0;
}

int
record_context (void *user_data, const char *name)
{
  struct names *names = user_data;

  CHECK (name != NULL);
  CHECK (names->count < MAX_NAMES);
  names->name[names->count] = strdup (name);
  CHECK (names->name[names->count]);
  names->description[names->count] = NULL;
  names->count++;
  return 0;
}

void
count_names_free (void *user_data)
{
  struct names *names = user_data;

  names->frees++;
}

void
names_reset (struct names *names)
{
  size_t i;

  for (i = 0; i < names->count; i++) {
    free (names->name[i]);
    free (names->description[i]);
  }
  memset (names, 0, sizeof *names);
}

const char *
names_find (const struct names *names, const char *name)
{
  size_t i;

  for (i = 0; i < names->count; i++)
    if (strcmp (names->name[i], name) == 0)
      return names->description[i] ? names->description[i] : "";
  return NULL;
}

int
record_completion (void *user_data, int *error)
{
  struct completion *c = user_data;

  CHECK (error != NULL);
  c->error = *error;
  if (*error)
    c->errors++;
  /* The count goes last, with release order: a thread that sees it
   * with acquire order also sees the error, and whatever the library
   * wrote before the callback ran, such as a read's data.
   */
  __atomic_fetch_add (&c->calls, 1, __ATOMIC_RELEASE);
  /* Options have no cookie to retire, but 1 is the value that retires
   * a command automatically, which is what a caller would return.
   */
  return 1;
}

void
count_completion_free (void *user_data)
{
  struct completion *c = user_data;

  __atomic_fetch_add (&c->frees, 1, __ATOMIC_RELEASE);
}
