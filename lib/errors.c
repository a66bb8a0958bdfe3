/* The last error of each thread: nbd_get_error and nbd_get_errno.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct last_error {
  char *msg;
  int errnum;
};

/* The name of the call the thread is in, set by every entry point, so
 * that messages can start with it.  A plain thread-local pointer keeps
 * the per-call cost to one store.
 */
static __thread const char *error_context;

/* The thread's last error.  The key exists only to free it when the
 * thread exits.
 */
static __thread struct last_error *last_error;
static pthread_key_t last_error_key;
static pthread_once_t last_error_once = PTHREAD_ONCE_INIT;
static bool have_key;

static void
free_last_error (void *p)
{
  struct last_error *e = p;

  free (e->msg);
  free (e);
}

static void
make_key (void)
{
  have_key = pthread_key_create (&last_error_key, free_last_error) == 0;
}

/* When the library is unloaded: the key goes, or a thread that exits
 * later would run a destructor that is no longer mapped (a program may
 * dlopen the library in one thread and dlclose it there, as nbdkit
 * does with plugins).  The unloading thread's error goes too, and so
 * does the main thread's, which never runs key destructors, so that
 * leak checkers stay quiet.  Other threads' errors are left behind.
 */
static void __attribute__ ((__destructor__))
forget_errors_on_unload (void)
{
  if (have_key)
    pthread_key_delete (last_error_key);
  if (last_error) {
    free_last_error (last_error);
    last_error = NULL;
  }
}

static struct last_error *
get_last_error (void)
{
  if (last_error == NULL) {
    pthread_once (&last_error_once, make_key);
    last_error = calloc (1, sizeof *last_error);
    if (last_error == NULL)
      return NULL;
    pthread_setspecific (last_error_key, last_error);
  }
  return last_error;
}

void
nbd_internal_set_error_context (const char *context)
{
  error_context = context;
}

const char *
nbd_internal_get_error_context (void)
{
  return error_context ? error_context : "libnbd";
}

void
nbd_internal_set_error (int errnum, const char *fmt, ...)
{
  struct last_error *e = get_last_error ();
  char *detail = NULL, *msg = NULL;
  va_list args;
  int r;

  if (e == NULL)
    goto out;
  va_start (args, fmt);
  r = vasprintf (&detail, fmt, args);
  va_end (args);
  if (r == -1)
    goto out;
  if (errnum != 0)
    r = asprintf (&msg, "%s: %s: %s", nbd_internal_get_error_context (),
                  detail, strerror (errnum));
  else
    r = asprintf (&msg, "%s: %s", nbd_internal_get_error_context (), detail);
  free (detail);
  if (r == -1)
    goto out;
  free (e->msg);
  e->msg = msg;
  e->errnum = errnum;
 out:
  errno = errnum;
}

void
nbd_internal_set_state_error (struct nbd_handle *h, const char *wanted)
{
  int errnum = nbd_internal_is_state_created (h->state) ? ENOTCONN : EINVAL;

  set_error (errnum, "the handle is in state %s, but this call needs it "
             "to be %s",
             nbd_internal_state_short_string (h->state), wanted);
}

const char *
nbd_unlocked_get_error (void)
{
  return last_error ? last_error->msg : NULL;
}

int
nbd_unlocked_get_errno (void)
{
  return last_error ? last_error->errnum : 0;
}
