/* NBD URIs, valid and not, each with what the library must make of it.
 *
 * A URI that parses is connected to asynchronously: to a TCP listener
 * that never answers, or where nothing listens; the handle then shows
 * what the URI set (the export name) and nbd_get_uri gives the URI back
 * in its canonical form.  A URI that does not parse fails before any
 * connection with the errno given, and leaves the handle able to
 * connect again.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/socket.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

#define LOCAL_FILES 1           /* allow tls-certificates, tls-psk-file */
#define ONLY_TCP 2              /* allow only the TCP transport */
#define ONLY_TLS 4              /* allow only TLS URIs */
#define NO_TLS 8                /* allow only plain text URIs */
#define LAX 16                  /* strict mode off */
#define TLS_REQUIRED 32         /* nbd_set_tls (LIBNBD_TLS_REQUIRE) first */
#define TLS_ALLOWED 64          /* nbd_set_tls (LIBNBD_TLS_ALLOW) first */
#define URI_STRICT 128          /* LIBNBD_URI_STRICT=1 */
#define TLS_PRIORITY_OK 256     /* allow tls-priority */

struct case_ {
  const char *uri;
  int setup;
  int error;                    /* 0: it parses */
  const char *export;           /* when it parses */
  const char *canonical;        /* nbd_get_uri, when it parses */
};

/* Nothing listens at TCP port 1, /nonexistent, or vsock CID 3. */
static const struct case_ cases[] = {
  /* TCP */
  { "nbd://127.0.0.1:1", 0, 0, "", "nbd://127.0.0.1:1/" },
  { "nbd://127.0.0.1:1/", 0, 0, "", "nbd://127.0.0.1:1/" },
  { "nbd://127.0.0.1:1/disk", 0, 0, "disk", "nbd://127.0.0.1:1/disk" },
  { "nbd://127.0.0.1:1//disk", 0, 0, "/disk", "nbd://127.0.0.1:1//disk" },
  { "nbd://127.0.0.1:1/a/b/c", 0, 0, "a/b/c", "nbd://127.0.0.1:1/a/b/c" },
  { "nbd://127.0.0.1:1/a%20b", 0, 0, "a b", "nbd://127.0.0.1:1/a%20b" },
  { "nbd://127.0.0.1:1/%41%42", 0, 0, "AB", "nbd://127.0.0.1:1/AB" },
  { "nbd://127.0.0.1:1/caf%C3%A9", 0, 0, "caf\xc3\xa9",
    "nbd://127.0.0.1:1/caf%C3%A9" },
  { "nbd://127.0.0.1:1/q%3Fx", 0, 0, "q?x", "nbd://127.0.0.1:1/q%3Fx" },
  { "NBD://127.0.0.1:1/up", 0, 0, "up", "nbd://127.0.0.1:1/up" },
  { "nbd://[::1]:1/six", 0, 0, "six", "nbd://[::1]:1/six" },
  { "nbd://[::1]:1", 0, 0, "", "nbd://[::1]:1/" },
  { "nbds://127.0.0.1:1/secure", 0, 0, "secure",
    "nbds://127.0.0.1:1/secure" },
  { "nbds://alice@127.0.0.1:1/", 0, 0, "", "nbds://alice@127.0.0.1:1/" },
  { "nbds://127.0.0.1:1/?tls-hostname=srv.example", 0, 0, "",
    "nbds://127.0.0.1:1/?tls-hostname=srv.example" },
  { "nbds://127.0.0.1:1/?tls-verify-peer=false", 0, 0, "",
    "nbds://127.0.0.1:1/?tls-verify-peer=false" },
  { "nbds://127.0.0.1:1/?tls-verify-peer=true", 0, 0, "",
    "nbds://127.0.0.1:1/" },
  { "nbds://127.0.0.1:1/?tls-username=bob", 0, 0, "",
    "nbds://bob@127.0.0.1:1/" },
  { "nbds://127.0.0.1:1/?tls-certificates=/etc/certs", LOCAL_FILES, 0, "",
    "nbds://127.0.0.1:1/?tls-certificates=/etc/certs" },
  { "nbds://127.0.0.1:1/?tls-psk-file=/k.psk", LOCAL_FILES, 0, "",
    "nbds://127.0.0.1:1/?tls-psk-file=/k.psk" },
  { "nbd://127.0.0.1:1/?tls-hostname=x", 0, 0, "", "nbd://127.0.0.1:1/" },
  /* The authority's user is the TLS username, unless tls-username
   * says otherwise; nbd-port replaces the authority's port.
   */
  { "nbds://alice@127.0.0.1:1/?tls-username=bob", 0, 0, "",
    "nbds://bob@127.0.0.1:1/" },
  { "nbd://127.0.0.1:7/?nbd-port=1", 0, 0, "", "nbd://127.0.0.1:1/" },
  { "nbd://127.0.0.1/x?nbd-port=1", 0, 0, "x", "nbd://127.0.0.1:1/x" },
  { "nbd+unix:///?socket=/nonexistent/s&nbd-port=9", 0, 0, "",
    "nbd+unix:///?socket=/nonexistent/s" },
  { "nbds://127.0.0.1:1/?tls-priority=NORMAL:-VERS-TLS1.2", TLS_PRIORITY_OK,
    0, "", "nbds://127.0.0.1:1/?tls-priority=NORMAL%3A-VERS-TLS1.2" },
  { "nbd://127.0.0.1:1/?tls-priority=NORMAL", TLS_PRIORITY_OK, 0, "",
    "nbd://127.0.0.1:1/" },
  { "nbd://127.0.0.1:1/?mystery=1", LAX, 0, "", "nbd://127.0.0.1:1/" },
  /* What libnbd passes over, and so do we unless LIBNBD_URI_STRICT=1:
   * unknown parameters, a server in a Unix socket URI, what follows an
   * escaped NUL.
   */
  { "nbd://127.0.0.1:1/?mystery=1", 0, 0, "", "nbd://127.0.0.1:1/" },
  { "nbd+unix://host/?socket=/nonexistent/s", 0, 0, "",
    "nbd+unix:///?socket=/nonexistent/s" },
  { "nbd://127.0.0.1:1/a%00b", 0, 0, "a", "nbd://127.0.0.1:1/a" },
  { "nbd://127.0.0.1:1/x", ONLY_TCP, 0, "x", "nbd://127.0.0.1:1/x" },
  { "nbds://127.0.0.1:1/x", ONLY_TLS, 0, "x", "nbds://127.0.0.1:1/x" },
  { "nbd://127.0.0.1:1/x", NO_TLS, 0, "x", "nbd://127.0.0.1:1/x" },
  /* Unix */
  { "nbd+unix:///?socket=/nonexistent/s", 0, 0, "",
    "nbd+unix:///?socket=/nonexistent/s" },
  { "nbd+unix:///disk?socket=/nonexistent/s", 0, 0, "disk",
    "nbd+unix:///disk?socket=/nonexistent/s" },
  { "nbd+unix:///?socket=/nonexistent/a%20b", 0, 0, "",
    "nbd+unix:///?socket=/nonexistent/a%20b" },
  { "nbd+unix:///e;socket=/x", 0, EINVAL, NULL, NULL },
  { "nbds+unix:///?socket=/nonexistent/s", 0, 0, "",
    "nbds+unix:///?socket=/nonexistent/s" },
  { "nbds+unix://alice@/?socket=/nonexistent/s&tls-verify-peer=0", 0, 0, "",
    "nbds+unix://alice@/?socket=/nonexistent/s&tls-verify-peer=false" },
  /* vsock */
  { "nbd+vsock://3", 0, 0, "", "nbd+vsock://3:10809/" },
  { "nbd+vsock://3:2000/v", 0, 0, "v", "nbd+vsock://3:2000/v" },
  { "nbd+vsock://3/?nbd-port=4000000000", 0, 0, "",
    "nbd+vsock://3:4000000000/" },
  { "nbds+vsock://3/v", 0, 0, "v", "nbds+vsock://3:10809/v" },
  /* ssh (to a port where no sshd listens) */
  { "nbd+ssh://127.0.0.1:1/e?socket=/tmp/s", 0, 0, "e",
    "nbd+ssh://127.0.0.1:1/e?socket=/tmp/s" },
  { "nbd+ssh://127.0.0.1:1/", 0, 0, "", "nbd+ssh://127.0.0.1:1/" },
  /* The authority's user and port are ssh's; nbd-port and tls-username
   * are the NBD server's, beyond.
   */
  { "nbd+ssh://alice@127.0.0.1:1/", 0, 0, "",
    "nbd+ssh://alice@127.0.0.1:1/" },
  { "nbds+ssh://alice@127.0.0.1:1/d?tls-username=bob&nbd-port=02000"
    "&compress=yes", 0, 0, "d",
    "nbds+ssh://alice@127.0.0.1:1/d?nbd-port=2000&compress=true"
    "&tls-username=bob" },
  { "nbd+ssh://127.0.0.1:1/?compress=false", 0, 0, "",
    "nbd+ssh://127.0.0.1:1/" },
  /* A plain scheme leaves the caller's TLS setting as it was: a URI
   * must not turn TLS off (compare CVE-2019-14842).
   */
  { "nbd://127.0.0.1:1/x", TLS_REQUIRED, 0, "x", "nbds://127.0.0.1:1/x" },
  { "nbd+unix:///?socket=/nonexistent/s", TLS_REQUIRED, 0, "",
    "nbds+unix:///?socket=/nonexistent/s" },
  { "nbd://127.0.0.1:1/x", TLS_ALLOWED, 0, "x", "nbd://127.0.0.1:1/x" },
  /* Refused by what the handle allows */
  { "nbds://127.0.0.1:1/?tls-certificates=/c", 0, EPERM, NULL, NULL },
  { "nbds://127.0.0.1:1/?tls-psk-file=/k", 0, EPERM, NULL, NULL },
  { "nbds://127.0.0.1:1/?tls-priority=NORMAL", 0, EPERM, NULL, NULL },
  { "nbd+unix:///?socket=/s", ONLY_TCP, EPERM, NULL, NULL },
  { "nbd+vsock://3", ONLY_TCP, EPERM, NULL, NULL },
  { "nbd+ssh://h/", ONLY_TCP, EPERM, NULL, NULL },
  { "nbd://127.0.0.1:1/", ONLY_TLS, EPERM, NULL, NULL },
  { "nbds://127.0.0.1:1/", NO_TLS, EPERM, NULL, NULL },
  /* Malformed */
  { "", 0, EINVAL, NULL, NULL },
  { "nbd", 0, EINVAL, NULL, NULL },
  { "http://example.com/", 0, EINVAL, NULL, NULL },
  { "nbdx://example.com/", 0, EINVAL, NULL, NULL },
  { "nbd+tcp://example.com/", 0, EINVAL, NULL, NULL },
  { "/just/a/path", 0, EINVAL, NULL, NULL },
  { "nbd://h:99999999999/", 0, EINVAL, NULL, NULL },
  { "nbd://h:port/", 0, EINVAL, NULL, NULL },
  { "nbd://h/%zz", 0, EINVAL, NULL, NULL },
  { "nbd://h/%4", 0, EINVAL, NULL, NULL },
  { "nbd://h/a%00b", URI_STRICT, EINVAL, NULL, NULL },
  { "nbd+unix:///x?socket=%00", URI_STRICT, EINVAL, NULL, NULL },
  { "nbd+unix:///x", 0, EINVAL, NULL, NULL },
  { "nbd+unix://host/?socket=/s", URI_STRICT, EINVAL, NULL, NULL },
  { "nbd://h/?socket=/s", 0, EINVAL, NULL, NULL },
  { "nbd+vsock://3/?socket=/s", 0, EINVAL, NULL, NULL },
  { "nbd+vsock://host/", 0, EINVAL, NULL, NULL },
  { "nbd://h/?mystery=1", URI_STRICT, EINVAL, NULL, NULL },
  { "nbds://h/?tls-verify-peer=maybe", 0, EINVAL, NULL, NULL },
  { "nbd://h/?tls-certificates=%zz", LOCAL_FILES, EINVAL, NULL, NULL },
  { "nbd://h:1:2/", 0, EINVAL, NULL, NULL },
  { "nbd://h/?nbd-port=0", 0, EINVAL, NULL, NULL },
  { "nbd://h/?nbd-port=65536", 0, EINVAL, NULL, NULL },
  { "nbd://h/?nbd-port=-1", 0, EINVAL, NULL, NULL },
  { "nbd://h/?nbd-port=%2B1", 0, EINVAL, NULL, NULL },
  { "nbd://h/?nbd-port=1x", 0, EINVAL, NULL, NULL },
  { "nbd://h/?nbd-port=", 0, EINVAL, NULL, NULL },
  { "nbd+vsock://3/?nbd-port=4294967296", 0, EINVAL, NULL, NULL },
  { "nbds://h/?tls-priority=NORMAL:%2BNOTHING", TLS_PRIORITY_OK, EINVAL,
    NULL, NULL },
  /* Without "//" the authority would be read as the export name. */
  { "nbd:127.0.0.1:10820/x", 0, EINVAL, NULL, NULL },
  { "nbd:/x", 0, EINVAL, NULL, NULL },
  { "nbds:x", 0, EINVAL, NULL, NULL },
  { "nbd+unix:x?socket=/s", 0, EINVAL, NULL, NULL },
  { "nbd+unix:/?socket=/s", 0, EINVAL, NULL, NULL },
  { "nbd+vsock:3", 0, EINVAL, NULL, NULL },
  { "nbd+ssh:h", 0, EINVAL, NULL, NULL },
  /* What ssh or the remote shell would misread (hostile-uris.sh has
   * many more).
   */
  { "nbd+ssh:///?socket=/s", 0, EINVAL, NULL, NULL },
  { "nbd+ssh://-oProxyCommand=x/", 0, EINVAL, NULL, NULL },
  { "nbd+ssh://h/?socket=-x", 0, EINVAL, NULL, NULL },
  { "nbd+ssh://h/?nbd-port=22%20-x", 0, EINVAL, NULL, NULL },
  { "nbd+ssh://-l@h/", 0, EINVAL, NULL, NULL },
  { "nbd+ssh://a%20b@h/", 0, EINVAL, NULL, NULL },
  { "nbd+ssh://h/?compress=maybe", 0, EINVAL, NULL, NULL },
};

static char long_uri[4200];

static struct nbd_handle *
handle_for (int setup)
{
  struct nbd_handle *nbd;

  if (setup & URI_STRICT)
    CHECK (setenv ("LIBNBD_URI_STRICT", "1", 1) == 0);
  nbd = create_handle ();
  CHECK (unsetenv ("LIBNBD_URI_STRICT") == 0);
  if (setup & LOCAL_FILES)
    CHECK (nbd_set_uri_allow_local_file (nbd, true) == 0);
  if (setup & ONLY_TCP)
    CHECK (nbd_set_uri_allow_transports (nbd,
                                         LIBNBD_ALLOW_TRANSPORT_TCP) == 0);
  if (setup & ONLY_TLS)
    CHECK (nbd_set_uri_allow_tls (nbd, LIBNBD_TLS_REQUIRE) == 0);
  if (setup & NO_TLS)
    CHECK (nbd_set_uri_allow_tls (nbd, LIBNBD_TLS_DISABLE) == 0);
  if (setup & LAX)
    CHECK (nbd_set_strict_mode (nbd, 0) == 0);
  if (setup & TLS_REQUIRED)
    CHECK (nbd_set_tls (nbd, LIBNBD_TLS_REQUIRE) == 0);
  if (setup & TLS_ALLOWED)
    CHECK (nbd_set_tls (nbd, LIBNBD_TLS_ALLOW) == 0);
  if (setup & TLS_PRIORITY_OK)
    CHECK (nbd_set_uri_allow_tls_priority (nbd, true) == 0);
  return nbd;
}

/* Listening sockets on the loopback addresses that never accept: a
 * connection to them stays in the handshake, where nbd_get_uri
 * answers.  The table's port 1 (where nothing listens) stands for
 * theirs.
 */
static char port4[16], port6[16];

static int
listen_loopback (int family, char *port, size_t len)
{
  int fd = bind_loopback (family, port, len);

  CHECK (listen (fd, 64) == 0);
  return fd;
}

/* s with each loopback address at port 1 (and nbd-port=1, which is
 * IPv4's in the table) moved to the listeners.
 */
static void
localize (const char *s, char *out, size_t len)
{
  static const char *const hosts[3] = {
    "127.0.0.1:1", "[::1]:1", "nbd-port=1"
  };
  const char *ports[3] = { port4, port6, port4 };
  size_t n = 0, i;

  while (*s) {
    for (i = 0; i < 3; i++)
      if (strncmp (s, hosts[i], strlen (hosts[i])) == 0 &&
          !isdigit ((unsigned char) s[strlen (hosts[i])]))
        break;
    if (i < 3) {
      n += snprintf (out + n, len - n, "%.*s%s",
                     (int) strlen (hosts[i]) - 1, hosts[i], ports[i]);
      s += strlen (hosts[i]);
    }
    else if (n + 1 < len)
      out[n++] = *s++;
    CHECK (n < len);
  }
  out[n] = '\0';
}

/* Whether the case asks for TLS, by its scheme or its setup. */
static bool
needs_tls (const struct case_ *c)
{
  return strncasecmp (c->uri, "nbds", 4) == 0 ||
    (c->setup & (ONLY_TLS | TLS_REQUIRED | TLS_ALLOWED)) != 0;
}

static void
check_case (const struct case_ *c)
{
  struct nbd_handle *nbd = handle_for (c->setup);
  static char uri[8192], canonical[8192];

  fprintf (stderr, "uri: %.80s\n", c->uri);
  if (c->error) {
    CHECK (nbd_aio_connect_uri (nbd, c->uri) == -1);
    CHECK_FAILED ("nbd_aio_connect_uri", c->error, NULL);
    CHECK (nbd_aio_is_created (nbd) == 1);
    /* Still usable: a good URI gets as far as connecting, which fails
     * where nothing listens, leaving the handle able to try again, as
     * in libnbd.
     */
    CHECK (nbd_connect_uri (nbd, c->setup & ONLY_TLS ? "nbds://127.0.0.1:1/"
                            : "nbd://127.0.0.1:1/") == -1);
    CHECK_FAILED ("nbd_connect_uri", ECONNREFUSED, NULL);
    CHECK (nbd_aio_is_created (nbd) == 1);
  }
  else {
    /* ssh would wait for ever for a banner from a listener that never
     * accepts, so ssh rows keep port 1, where ssh fails at once.
     */
    if (strstr (c->uri, "+ssh:")) {
      snprintf (uri, sizeof uri, "%s", c->uri);
      snprintf (canonical, sizeof canonical, "%s", c->canonical);
    }
    else {
      localize (c->uri, uri, sizeof uri);
      localize (c->canonical, canonical, sizeof canonical);
    }
    /* The connection is refused, never made, or stays in the
     * handshake; either way the handle is no longer unused.
     */
    nbd_aio_connect_uri (nbd, uri);
    CHECK (nbd_aio_is_created (nbd) == 0);
    CHECK_STRING (nbd_get_export_name (nbd), c->export);
    CHECK_STRING (nbd_get_uri (nbd), canonical);
    if (c->setup & TLS_REQUIRED)
      CHECK (nbd_get_tls (nbd) == LIBNBD_TLS_REQUIRE);
    if (c->setup & TLS_ALLOWED)
      CHECK (nbd_get_tls (nbd) == LIBNBD_TLS_ALLOW);
  }
  nbd_close (nbd);
}

int
main (void)
{
  struct case_ too_long = { long_uri, 0, ENAMETOOLONG, NULL, NULL };
  struct nbd_handle *nbd;
  size_t i;

  int listener4, listener6;
  bool tls;

  check_our_library ();
  listener4 = listen_loopback (AF_INET, port4, sizeof port4);
  listener6 = listen_loopback (AF_INET6, port6, sizeof port6);
  CHECK (sizeof cases / sizeof cases[0] >= 60);
  tls = library_has_tls ("the URIs that ask for TLS");
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    if (tls || !needs_tls (&cases[i]))
      check_case (&cases[i]);

  strcpy (long_uri, "nbd://127.0.0.1:1/");
  memset (long_uri + strlen (long_uri), 'x', 4097);
  check_case (&too_long);

  /* nbd_is_uri is a heuristic on the scheme alone. */
  nbd = nbd_create ();
  CHECK (nbd_is_uri (nbd, "nbd://anything") == 1);
  CHECK (nbd_is_uri (nbd, "nbds+unix:///?socket=x") == 1);
  CHECK (nbd_is_uri (nbd, "/dev/sda") == 0);
  CHECK (nbd_is_uri (nbd, "disk.img") == 0);
  CHECK (nbd_is_uri (nbd, "http://x/") == 0);
  nbd_close (nbd);

  /* A connection made to a command has no URI to give back. */
  {
    char *argv[] = { (char *) "false", NULL };

    nbd = nbd_create ();
    CHECK (nbd_connect_command (nbd, argv) == -1);
    CHECK (nbd_get_uri (nbd) == NULL);
    CHECK_FAILED ("nbd_get_uri", EINVAL, NULL);
    nbd_close (nbd);
  }
  close (listener4);
  close (listener6);
  return EXIT_SUCCESS;
}
