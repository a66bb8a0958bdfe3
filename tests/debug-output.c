/* Debug output: LIBNBD_DEBUG, the trace of each call on stderr, and the
 * caller's debug callback in its place.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libnbd.h>

#include "helpers.h"

struct capture {
  char text[8192];
  int frees;
};

static int
collect (void *user_data, const char *context, const char *msg)
{
  struct capture *c = user_data;
  size_t len = strlen (c->text);

  snprintf (c->text + len, sizeof c->text - len, "%s: %s\n", context, msg);
  return 0;
}

static void
count_free (void *user_data)
{
  struct capture *c = user_data;

  c->frees++;
}

/* Run nbd_set_export_name with stderr sent to a file; return what was
 * written there.
 */
static char *
stderr_of_call (struct nbd_handle *nbd, const char *export_name)
{
  char path[] = "/tmp/debug-output-XXXXXX";
  int fd = mkstemp (path), saved = dup (2);
  static char text[8192];
  ssize_t n;

  CHECK (fd >= 0 && saved >= 0);
  unlink (path);
  fflush (stderr);
  CHECK (dup2 (fd, 2) == 2);
  CHECK (nbd_set_export_name (nbd, export_name) == 0);
  fflush (stderr);
  CHECK (dup2 (saved, 2) == 2);
  close (saved);
  n = pread (fd, text, sizeof text - 1, 0);
  CHECK (n >= 0);
  text[n] = '\0';
  close (fd);
  return text;
}

static void
test_environment (void)
{
  struct nbd_handle *nbd;
  char *out;

  setenv ("LIBNBD_DEBUG", "1", 1);
  nbd = create_handle ();
  CHECK (nbd_get_debug (nbd) == 1);
  CHECK (nbd_set_handle_name (nbd, "traced") == 0);
  out = stderr_of_call (nbd, "disk");
  CHECK (strstr (out, "libnbd: debug: traced: nbd_set_export_name: "
                 "enter: export_name=\"disk\"") != NULL);
  CHECK (strstr (out, "nbd_set_export_name: leave: ret=0") != NULL);
  CHECK (nbd_set_debug (nbd, false) == 0);
  out = stderr_of_call (nbd, "quiet");
  CHECK (strcmp (out, "") == 0);
  nbd_close (nbd);

  setenv ("LIBNBD_DEBUG", "0", 1);
  nbd = nbd_create ();
  CHECK (nbd && nbd_get_debug (nbd) == 0);
  nbd_close (nbd);
  unsetenv ("LIBNBD_DEBUG");
  nbd = nbd_create ();
  CHECK (nbd && nbd_get_debug (nbd) == 0);
  nbd_close (nbd);
}

static void
test_callback (void)
{
  struct capture first = { .frees = 0 }, second = { .frees = 0 };
  nbd_debug_callback cb1 = { collect, &first, count_free };
  nbd_debug_callback cb2 = { collect, &second, count_free };
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_set_debug (nbd, true) == 0);
  CHECK (nbd_set_debug_callback (nbd, cb1) == 0);
  CHECK (strcmp (stderr_of_call (nbd, "one"), "") == 0);
  CHECK (strstr (first.text,
                 "nbd_set_export_name: enter: export_name=\"one\"") != NULL);
  CHECK (strstr (first.text, "nbd_set_export_name: leave: ret=0") != NULL);

  /* A failing call is traced with its error. */
  CHECK (nbd_set_tls (nbd, 99) == -1);
  CHECK (strstr (first.text, "nbd_set_tls: leave: error=\"nbd_set_tls: "
                 "tls: 99") != NULL);

  /* Replacing the callback frees the old one, once. */
  CHECK (nbd_set_debug_callback (nbd, cb2) == 0);
  CHECK (first.frees == 1 && second.frees == 0);
  CHECK (nbd_set_export_name (nbd, "two") == 0);
  CHECK (strstr (second.text, "export_name=\"two\"") != NULL);
  CHECK (strstr (first.text, "export_name=\"two\"") == NULL);

  CHECK (nbd_clear_debug_callback (nbd) == 0);
  CHECK (second.frees == 1);
  CHECK (nbd_clear_debug_callback (nbd) == 0);
  CHECK (second.frees == 1);

  /* Closing the handle frees a callback still set. */
  first.frees = 0;
  CHECK (nbd_set_debug_callback (nbd, cb1) == 0);
  nbd_close (nbd);
  CHECK (first.frees == 1);
}

int
main (void)
{
  check_our_library ();
  test_environment ();
  test_callback ();
  return EXIT_SUCCESS;
}
