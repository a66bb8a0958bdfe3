/* Every callback's free function runs exactly once when the call that
 * was given it is rejected: NULL handle, wrong state, missing function.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>

#include <libnbd.h>

#include "helpers.h"

static int frees;

static void
count_free (void *user_data)
{
  CHECK (user_data == &frees);
  frees++;
}

static int
completion (void *user_data, int *error)
{
  (void) user_data;
  (void) error;
  return 1;
}

static int
context (void *user_data, const char *name)
{
  (void) user_data;
  (void) name;
  return 0;
}

static int
list (void *user_data, const char *name, const char *description)
{
  (void) user_data;
  (void) name;
  (void) description;
  return 0;
}

static int
extent64 (void *user_data, const char *metacontext, uint64_t offset,
          nbd_extent *entries, size_t nr_entries, int *error)
{
  (void) user_data;
  (void) metacontext;
  (void) offset;
  (void) entries;
  (void) nr_entries;
  (void) error;
  return 0;
}

/* Run one rejected call; it must fail with errnum and free n callbacks. */
#define REJECTED(call, errnum, n)                               \
  do {                                                          \
    frees = 0;                                                  \
    CHECK ((call) == -1);                                       \
    CHECK (nbd_get_errno () == (errnum));                       \
    CHECK (frees == (n));                                       \
  } while (0)

int
main (void)
{
  nbd_completion_callback done = { completion, &frees, count_free };
  nbd_context_callback ctx = { context, &frees, count_free };
  nbd_list_callback lst = { list, &frees, count_free };
  nbd_extent64_callback ext = { extent64, &frees, count_free };
  nbd_extent64_callback ext_no_fn = { NULL, &frees, count_free };
  nbd_completion_callback done_no_fn = { NULL, &frees, count_free };
  char buf[512];
  char *contexts[] = { NULL };
  struct nbd_handle *nbd;

  check_our_library ();
  REJECTED (nbd_aio_pread (NULL, buf, sizeof buf, 0, done, 0), EFAULT, 1);
  REJECTED (nbd_aio_opt_list_meta_context (NULL, ctx, done), EFAULT, 2);
  REJECTED (nbd_set_debug_callback (NULL, (nbd_debug_callback) {
        .callback = NULL, .user_data = &frees, .free = count_free }),
    EFAULT, 1);

  nbd = create_handle ();
  REJECTED (nbd_aio_pread (nbd, buf, sizeof buf, 0, done, 0), ENOTCONN, 1);
  REJECTED (nbd_aio_opt_list_meta_context (nbd, ctx, done), ENOTCONN, 2);
  REJECTED (nbd_aio_opt_list (nbd, lst, done), ENOTCONN, 2);
  REJECTED (nbd_opt_list (nbd, lst), ENOTCONN, 1);
  REJECTED (nbd_opt_set_meta_context_queries (nbd, contexts, ctx),
            ENOTCONN, 1);
  REJECTED (nbd_block_status_filter (nbd, 512, 0, contexts, ext, 0),
            ENOTCONN, 1);
  REJECTED (nbd_aio_block_status_64 (nbd, 512, 0, ext_no_fn, done, 0),
            ENOTCONN, 2);
  /* An optional callback without its function is still freed. */
  REJECTED (nbd_aio_flush (nbd, done_no_fn, 0), ENOTCONN, 1);
  /* A required callback without its function is refused, with EINVAL
   * as libnbd refuses it.
   */
  REJECTED (nbd_set_debug_callback (nbd, (nbd_debug_callback) {
        .callback = NULL, .user_data = &frees, .free = count_free }),
    EINVAL, 1);
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
