/* Listing and setting meta contexts in option mode, synchronous and
 * asynchronous, with the handle's own query list and with explicit
 * queries, against nbdkit (base:allocation only) and qemu-nbd (its
 * qemu: contexts too).
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: opt-meta-context nbdkit UNIXSOCKET
 *        opt-meta-context qemu UNIXSOCKET EXPORT
 * For qemu, opt-meta-context.sh runs qemu-nbd with --allocation-depth
 * and --bitmap=b0 on a qcow2 image that qemu-img gave the bitmap b0.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

#define DEPTH "qemu:allocation-depth"
#define BITMAP "qemu:dirty-bitmap:b0"

static const char *unixsocket, *export = "";
static bool qemu;

static struct nbd_handle *
connect_opt_mode (void)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_set_export_name (nbd, export) == 0);
  connect_opt_mode_unix (nbd, unixsocket);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == 1);
  return nbd;
}

/* Every context the server has for the export. */
static void
check_all_contexts (struct names *names)
{
  CHECK (names_find (names, LIBNBD_CONTEXT_BASE_ALLOCATION) != NULL);
  if (qemu) {
    CHECK (names->count == 3);
    CHECK (names_find (names, DEPTH) != NULL);
    CHECK (names_find (names, BITMAP) != NULL);
  }
  else
    CHECK (names->count == 1);
}

/* What the server has under the "qemu:" namespace. */
static void
check_qemu_contexts (struct names *names, int count)
{
  if (qemu) {
    CHECK (count == 2 && names->count == 2);
    CHECK (names_find (names, DEPTH) != NULL);
    CHECK (names_find (names, BITMAP) != NULL);
  }
  else
    CHECK (count == 0 && names->count == 0);
}

static void
test_list (void)
{
  struct nbd_handle *nbd = connect_opt_mode ();
  struct names names = { 0 };
  char *qemu_queries[] = { "qemu:", NULL };
  char *no_queries[] = { NULL };
  char *unknown[] = { "nosuch:context", NULL };
  int r;

  /* With no queries, the server lists everything it has. */
  CHECK (nbd_get_nr_meta_contexts (nbd) == 0);
  r = nbd_opt_list_meta_context (nbd, CONTEXT_CALLBACK (&names));
  CHECK (r >= 1 && (size_t) r == names.count);
  check_all_contexts (&names);
  CHECK (names.frees == 1);

  /* The handle's list is the query. */
  names_reset (&names);
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_opt_list_meta_context (nbd, CONTEXT_CALLBACK (&names)) == 1);
  CHECK (names.count == 1 && names.frees == 1);
  CHECK (strcmp (names.name[0], LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);

  /* Explicit queries are used instead of the handle's list, which they
   * leave alone.  A namespace on its own asks for all of it.
   */
  names_reset (&names);
  r = nbd_opt_list_meta_context_queries (nbd, qemu_queries,
                                         CONTEXT_CALLBACK (&names));
  check_qemu_contexts (&names, r);
  CHECK (names.frees == 1);
  CHECK (nbd_get_nr_meta_contexts (nbd) == 1);
  CHECK_STRING (nbd_get_meta_context (nbd, 0),
                LIBNBD_CONTEXT_BASE_ALLOCATION);

  names_reset (&names);
  r = nbd_opt_list_meta_context_queries (nbd, no_queries,
                                         CONTEXT_CALLBACK (&names));
  CHECK (r >= 1 && (size_t) r == names.count);
  check_all_contexts (&names);

  /* Nothing matches: success with nothing listed. */
  names_reset (&names);
  CHECK (nbd_opt_list_meta_context_queries (nbd, unknown,
                                            CONTEXT_CALLBACK (&names)) == 0);
  CHECK (names.count == 0 && names.frees == 1);
  CHECK_STATE (nbd, "negotiating");

  CHECK (nbd_opt_list_meta_context_queries (nbd, NULL,
                                            CONTEXT_CALLBACK (&names)) == -1);
  CHECK_FAILED ("nbd_opt_list_meta_context_queries", EFAULT, NULL);
  CHECK (names.frees == 2);
  /* Leave politely, so that qemu-nbd does not complain. */
  CHECK (nbd_opt_abort (nbd) == 0);
  nbd_close (nbd);
  names_reset (&names);
}

static void
test_aio_list (void)
{
  struct nbd_handle *nbd = connect_opt_mode ();
  struct names names = { 0 };
  struct completion done = { 0 };
  char *qemu_queries[] = { "qemu:", NULL };

  CHECK (nbd_aio_opt_list_meta_context (nbd, CONTEXT_CALLBACK (&names),
                                        COMPLETION_CALLBACK (&done)) == 0);
  CHECK_POLL_TO_STATE (nbd, "negotiating");
  check_all_contexts (&names);
  CHECK (done.calls == 1 && done.error == 0);
  CHECK (names.frees == 1 && done.frees == 1);

  names_reset (&names);
  memset (&done, 0, sizeof done);
  CHECK (nbd_aio_opt_list_meta_context_queries (nbd, qemu_queries,
                                                CONTEXT_CALLBACK (&names),
                                                COMPLETION_CALLBACK (&done))
         == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  check_qemu_contexts (&names, names.count);
  CHECK (done.calls == 1 && done.error == 0);
  CHECK (names.frees == 1 && done.frees == 1);
  CHECK (nbd_get_nr_meta_contexts (nbd) == 0);
  CHECK (nbd_opt_abort (nbd) == 0);
  nbd_close (nbd);
  names_reset (&names);
}

static void
test_set (void)
{
  struct nbd_handle *nbd = connect_opt_mode ();
  struct names names = { 0 };
  char *depth[] = { DEPTH, NULL };

  /* Only what the server knows is set, and stays visible through
   * nbd_can_meta_context while negotiating.
   */
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_add_meta_context (nbd, "nosuch:context") == 0);
  CHECK (nbd_opt_set_meta_context (nbd, CONTEXT_CALLBACK (&names)) == 1);
  CHECK (names.count == 1 && names.frees == 1);
  CHECK (strcmp (names.name[0], LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 1);
  CHECK (nbd_can_meta_context (nbd, "nosuch:context") == 0);
  CHECK_STATE (nbd, "negotiating");

  /* A new request replaces the last one. */
  names_reset (&names);
  CHECK (nbd_opt_set_meta_context_queries (nbd, depth,
                                           CONTEXT_CALLBACK (&names))
         == (qemu ? 1 : 0));
  CHECK (names.count == (qemu ? 1 : 0) && names.frees == 1);
  CHECK (nbd_can_meta_context (nbd, DEPTH) == (qemu ? 1 : 0));
  CHECK (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  /* The explicit query left the handle's list alone. */
  CHECK (nbd_get_nr_meta_contexts (nbd) == 2);

  /* Without the automatic request, nbd_opt_go keeps what was set. */
  CHECK (nbd_set_request_meta_context (nbd, false) == 0);
  CHECK (nbd_opt_go (nbd) == 0);
  CHECK_STATE (nbd, "ready");
  CHECK (nbd_can_meta_context (nbd, DEPTH) == (qemu ? 1 : 0));
  CHECK (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  nbd_close (nbd);
  names_reset (&names);
}

static void
test_aio_set (void)
{
  struct nbd_handle *nbd = connect_opt_mode ();
  struct names names = { 0 };
  struct completion done = { 0 };
  char *queries[] = { LIBNBD_CONTEXT_BASE_ALLOCATION, BITMAP, NULL };

  CHECK (nbd_add_meta_context (nbd, DEPTH) == 0);
  CHECK (nbd_aio_opt_set_meta_context (nbd, CONTEXT_CALLBACK (&names),
                                       COMPLETION_CALLBACK (&done)) == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error == 0);
  CHECK (names.frees == 1 && done.frees == 1);
  CHECK (names.count == (qemu ? 1 : 0));
  CHECK (nbd_can_meta_context (nbd, DEPTH) == (qemu ? 1 : 0));

  names_reset (&names);
  memset (&done, 0, sizeof done);
  CHECK (nbd_aio_opt_set_meta_context_queries (nbd, queries,
                                               CONTEXT_CALLBACK (&names),
                                               COMPLETION_CALLBACK (&done))
         == 0);
  CHECK (poll_while_connecting (nbd) == 0);
  CHECK (done.calls == 1 && done.error == 0);
  CHECK (names.frees == 1 && done.frees == 1);
  CHECK (names.count == (qemu ? 2 : 1));
  CHECK (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 1);
  CHECK (nbd_can_meta_context (nbd, BITMAP) == (qemu ? 1 : 0));
  CHECK (nbd_can_meta_context (nbd, DEPTH) == 0);

  /* nbd_opt_go asks again for the handle's list (DEPTH alone). */
  CHECK (nbd_opt_go (nbd) == 0);
  CHECK (nbd_can_meta_context (nbd, DEPTH) == (qemu ? 1 : 0));
  CHECK (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  nbd_close (nbd);
  names_reset (&names);
}

/* Without option mode, the contexts on the handle's list are
 * negotiated as part of connecting.
 */
static void
test_connect (void)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_set_export_name (nbd, export) == 0);
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  CHECK (nbd_add_meta_context (nbd, BITMAP) == 0);
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  CHECK (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 1);
  CHECK (nbd_can_meta_context (nbd, BITMAP) == (qemu ? 1 : 0));
  CHECK (nbd_can_meta_context (nbd, DEPTH) == 0);
  nbd_close (nbd);
}

int
main (int argc, char *argv[])
{
  check_our_library ();
  if (argc < 3 || argc > 4) {
    fprintf (stderr, "usage: %s nbdkit|qemu UNIXSOCKET [EXPORT]\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  qemu = strcmp (argv[1], "qemu") == 0;
  unixsocket = argv[2];
  if (argc == 4)
    export = argv[3];

  test_list ();
  test_aio_list ();
  test_connect ();
  test_set ();
  test_aio_set ();
  return EXIT_SUCCESS;
}
