/* Checks shared by the tests that talk to real servers.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

/* No single option or handshake takes anywhere near this long against
 * a local server; it only bounds a hang.
 */
#define DEADLINE_SECONDS 30

void
check_error (const char *file, int line, const char *call_name, int errnum,
             const char *words)
{
  const char *msg = nbd_get_error ();
  size_t n = strlen (call_name);

  if (nbd_get_errno () != errnum || msg == NULL ||
      strncmp (msg, call_name, n) != 0 || strncmp (msg + n, ": ", 2) != 0 ||
      (words && strstr (msg, words) == NULL)) {
    fprintf (stderr, "%s:%d: expected %s to fail with errno %d (\"%s\"), "
             "got errno %d, message \"%s\"\n", file, line, call_name,
             errnum, words ? words : "", nbd_get_errno (),
             msg ? msg : "(none)");
    exit (EXIT_FAILURE);
  }
}

void
check_string_equal (const char *file, int line, const char *expr,
                    char *got, const char *want)
{
  if (got == NULL || strcmp (got, want) != 0) {
    fprintf (stderr, "%s:%d: %s: got \"%s\", want \"%s\" (%s)\n",
             file, line, expr, got ? got : "(null)", want,
             got ? "" : nbd_get_error ());
    exit (EXIT_FAILURE);
  }
  free (got);
}

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
  c->calls++;
  c->error = *error;
  /* Options have no cookie to retire, but 1 is the value that retires
   * a command automatically, which is what a caller would return.
   */
  return 1;
}

void
count_completion_free (void *user_data)
{
  struct completion *c = user_data;

  c->frees++;
}
