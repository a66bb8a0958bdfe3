/* What the handshake tells about an export: size, flags, protocol,
 * structured replies, block sizes, canonical name and description, as
 * each server configuration advertises them.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: export-info MODE UNIXSOCKET [EXPORT]
 * export-info.sh starts the server that MODE describes (see the table
 * below) and passes its socket and, if it needs one, the export name.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

#define MiB (1024 * 1024)

/* -1 in a flag means "not checked": the server's own choice, which
 * may differ between its versions.
 */
struct expect {
  const char *mode;
  const char *protocol;
  int64_t size;
  bool info_size_zero;          /* NBD_OPT_INFO reports size 0 */
  int read_only, flush, fua, rotational, trim, zero, fast_zero, multi_conn;
  int cache, structured_replies, df, base_allocation;
  int extended;                 /* extended headers, block status payload */
  int64_t minimum, preferred, maximum;
  bool full_info;
  const char *canonical;        /* NULL: the server does not report one */
  const char *description;      /* NULL: the server does not report one */
};

static const struct expect modes[] = {
  /* nbdkit eval plugin saying yes to everything, with block size
   * constraints; the exportname filter supplies the canonical name of
   * the default export and a description.
   */
  { .mode = "nbdkit-yes", .protocol = "newstyle-fixed", .size = 1 * MiB,
    .read_only = 0, .flush = 1, .fua = 1, .rotational = 1, .trim = 1,
    .zero = 1, .fast_zero = 1, .multi_conn = 1, .cache = 1,
    .structured_replies = 1, .df = 1, .base_allocation = 1,
    .minimum = 512, .preferred = 4096, .maximum = 4 * MiB,
    .full_info = true, .canonical = "canon",
    .description = "every feature" },
  /* The same plugin saying no to everything, with an odd size and no
   * block sizes.  The plugin has a description, but without full info
   * libnbd does not ask for it, and nbdkit only sends what is asked.
   */
  { .mode = "nbdkit-no", .protocol = "newstyle-fixed", .size = 12345,
    .read_only = 1, .flush = 0, .fua = 0, .rotational = 0, .trim = 0,
    .zero = 0, .fast_zero = 0, .multi_conn = 0, .cache = 0,
    .structured_replies = 1, .df = 1, .base_allocation = 1 },
  /* nbdkit --no-sr: no structured replies, so no fragment-free reads
   * and no meta contexts.
   */
  { .mode = "nbdkit-no-sr", .protocol = "newstyle-fixed", .size = 1 * MiB,
    .read_only = 0, .flush = 1, .fua = 1, .rotational = 0, .trim = 1,
    .zero = 1, .fast_zero = 1, .multi_conn = 1, .cache = 1,
    .structured_replies = 0, .df = 0, .base_allocation = 0 },
  /* nbdkit --oldstyle: no options at all, only size and flags. */
  { .mode = "nbdkit-oldstyle", .protocol = "oldstyle", .size = 1 * MiB,
    .read_only = 0, .flush = 1, .fua = 1, .rotational = 0, .trim = 1,
    .zero = 1, .fast_zero = 1, .multi_conn = 1, .cache = 1,
    .structured_replies = 0, .df = 0, .base_allocation = 0,
    .full_info = true },
  /* nbdkit --mask-handshake=0: newstyle, but not fixed newstyle, so
   * the export is chosen with NBD_OPT_EXPORT_NAME and nothing else is
   * negotiated.
   */
  { .mode = "nbdkit-newstyle", .protocol = "newstyle", .size = 1 * MiB,
    .read_only = 0, .flush = 1, .fua = 1, .rotational = 0, .trim = 1,
    .zero = 1, .fast_zero = 1, .multi_conn = 1, .cache = 1,
    .structured_replies = 0, .df = 0, .base_allocation = 0,
    .full_info = true },
  /* qemu-nbd --read-only with an export name and a description;
   * from version 8.2 it speaks extended headers.
   */
  { .mode = "qemu", .protocol = "newstyle-fixed", .size = 1 * MiB,
    .read_only = 1, .flush = -1, .fua = -1, .rotational = 0, .trim = 0,
    .zero = 0, .fast_zero = 0, .multi_conn = -1, .cache = -1,
    .structured_replies = 1, .df = 1, .base_allocation = 1,
    .minimum = 1, .preferred = 4096, .maximum = 32 * MiB,
    .full_info = true, .canonical = "disk", .description = "a qcow2 disk" },
  { .mode = "qemu-extended", .protocol = "newstyle-fixed", .size = 1 * MiB,
    .read_only = 1, .flush = -1, .fua = -1, .rotational = 0, .trim = 0,
    .zero = 0, .fast_zero = 0, .multi_conn = -1, .cache = -1,
    .structured_replies = 1, .df = 1, .base_allocation = 1, .extended = 1,
    .minimum = 1, .preferred = 4096, .maximum = 32 * MiB,
    .full_info = true, .canonical = "disk", .description = "a qcow2 disk" },
  /* nbd-server 3.24, a read-only export: no structured replies.  It
   * answers NBD_OPT_INFO with a size of 0, only NBD_OPT_GO has the
   * real one.
   */
  { .mode = "nbd-server", .protocol = "newstyle-fixed", .size = 2 * MiB,
    .info_size_zero = true,
    .read_only = 1, .flush = -1, .fua = -1, .rotational = -1, .trim = -1,
    .zero = -1, .fast_zero = -1, .multi_conn = -1, .cache = -1,
    .structured_replies = 0, .df = 0, .base_allocation = 0,
    .full_info = true },
};

static void
check_flag (const char *what, int got, int want)
{
  if (want != -1 && got != want) {
    fprintf (stderr, "%s: got %d, want %d\n", what, got, want);
    exit (EXIT_FAILURE);
  }
  /* Even unchecked, a flag is a boolean: the call must not fail. */
  CHECK (got == 0 || got == 1);
}

static void
check_export (struct nbd_handle *nbd, const struct expect *e, int64_t size)
{
  const char *protocol = nbd_get_protocol (nbd);
  char *s;

  CHECK (protocol != NULL && strcmp (protocol, e->protocol) == 0);
  CHECK (nbd_get_size (nbd) == size);
  check_flag ("is_read_only", nbd_is_read_only (nbd), e->read_only);
  check_flag ("can_flush", nbd_can_flush (nbd), e->flush);
  check_flag ("can_fua", nbd_can_fua (nbd), e->fua);
  check_flag ("is_rotational", nbd_is_rotational (nbd), e->rotational);
  check_flag ("can_trim", nbd_can_trim (nbd), e->trim);
  check_flag ("can_zero", nbd_can_zero (nbd), e->zero);
  check_flag ("can_fast_zero", nbd_can_fast_zero (nbd), e->fast_zero);
  check_flag ("can_multi_conn", nbd_can_multi_conn (nbd), e->multi_conn);
  check_flag ("can_cache", nbd_can_cache (nbd), e->cache);
  check_flag ("can_df", nbd_can_df (nbd), e->df);
  check_flag ("structured_replies_negotiated",
              nbd_get_structured_replies_negotiated (nbd),
              e->structured_replies);
  check_flag ("extended_headers_negotiated",
              nbd_get_extended_headers_negotiated (nbd), e->extended);
  check_flag ("can_block_status_payload",
              nbd_can_block_status_payload (nbd), e->extended);
  check_flag ("can_meta_context",
              nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION),
              e->base_allocation);
  check_flag ("can_meta_context (unknown)",
              nbd_can_meta_context (nbd, "nosuch:context"), 0);

  CHECK (nbd_get_block_size (nbd, LIBNBD_SIZE_MINIMUM) == e->minimum);
  CHECK (nbd_get_block_size (nbd, LIBNBD_SIZE_PREFERRED) == e->preferred);
  CHECK (nbd_get_block_size (nbd, LIBNBD_SIZE_MAXIMUM) == e->maximum);
  /* The payload limit is libnbd's own: the server's maximum when that
   * lies between 1M and 64M, and within those bounds in any case.
   */
  if (e->maximum >= 1 * MiB && e->maximum <= 64 * MiB)
    CHECK (nbd_get_block_size (nbd, LIBNBD_SIZE_PAYLOAD) == e->maximum);
  else {
    int64_t payload = nbd_get_block_size (nbd, LIBNBD_SIZE_PAYLOAD);
    CHECK (payload >= 1 * MiB && payload <= 64 * MiB);
  }
  CHECK (nbd_get_block_size (nbd, 99) == -1);
  CHECK_FAILED ("nbd_get_block_size", EINVAL, NULL);

  s = nbd_get_canonical_export_name (nbd);
  if (e->canonical)
    CHECK_STRING (s, e->canonical);
  else {
    CHECK (s == NULL);
    CHECK_FAILED ("nbd_get_canonical_export_name", ENOTSUP, NULL);
  }
  s = nbd_get_export_description (nbd);
  if (e->description)
    CHECK_STRING (s, e->description);
  else {
    CHECK (s == NULL);
    CHECK_FAILED ("nbd_get_export_description", ENOTSUP, NULL);
  }
}

static struct nbd_handle *
new_handle (const struct expect *e, const char *export)
{
  struct nbd_handle *nbd = create_handle ();

  CHECK (nbd_set_full_info (nbd, e->full_info) == 0);
  CHECK (nbd_set_export_name (nbd, export) == 0);
  CHECK (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == 0);
  return nbd;
}

int
main (int argc, char *argv[])
{
  const struct expect *e = NULL;
  const char *unixsocket, *export = "";
  struct nbd_handle *nbd;
  size_t i;

  check_our_library ();
  if (argc < 3 || argc > 4) {
    fprintf (stderr, "usage: %s MODE UNIXSOCKET [EXPORT]\n", argv[0]);
    return EXIT_FAILURE;
  }
  for (i = 0; i < sizeof modes / sizeof modes[0]; i++)
    if (strcmp (modes[i].mode, argv[1]) == 0)
      e = &modes[i];
  if (e == NULL) {
    fprintf (stderr, "%s: unknown mode %s\n", argv[0], argv[1]);
    exit (EXIT_FAILURE);
  }
  unixsocket = argv[2];
  if (argc == 4)
    export = argv[3];

  /* Before connecting there is nothing to report. */
  nbd = new_handle (e, export);
  CHECK (nbd_get_size (nbd) == -1);
  CHECK_FAILED ("nbd_get_size", ENOTCONN, NULL);
  CHECK (nbd_get_protocol (nbd) == NULL);
  CHECK_FAILED ("nbd_get_protocol", ENOTCONN, NULL);
  CHECK (nbd_can_fua (nbd) == -1);
  CHECK_FAILED ("nbd_can_fua", ENOTCONN, NULL);
  CHECK (nbd_get_block_size (nbd, LIBNBD_SIZE_MINIMUM) == -1);
  CHECK_FAILED ("nbd_get_block_size", ENOTCONN, NULL);
  CHECK (nbd_get_structured_replies_negotiated (nbd) == -1);
  CHECK_FAILED ("nbd_get_structured_replies_negotiated", ENOTCONN, NULL);

  /* Connected, and still after the connection is shut down. */
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  CHECK_STATE (nbd, "ready");
  check_export (nbd, e, e->size);
  CHECK (nbd_shutdown (nbd, 0) == 0);
  CHECK_STATE (nbd, "closed");
  check_export (nbd, e, e->size);
  nbd_close (nbd);

  /* In option mode the same facts are known after nbd_opt_info,
   * before the export is chosen, unless the server cannot negotiate:
   * an oldstyle server goes straight to the ready state, and a server
   * without fixed newstyle knows no NBD_OPT_INFO.
   */
  nbd = new_handle (e, export);
  CHECK (nbd_set_opt_mode (nbd, true) == 0);
  CHECK (nbd_connect_unix (nbd, unixsocket) == 0);
  if (strcmp (e->protocol, "oldstyle") == 0) {
    CHECK_STATE (nbd, "ready");
    check_export (nbd, e, e->size);
    CHECK (nbd_opt_info (nbd) == -1);
    CHECK_FAILED ("nbd_opt_info", EINVAL, NULL);
  }
  else if (strcmp (e->protocol, "newstyle") == 0) {
    CHECK_STATE (nbd, "negotiating");
    CHECK (nbd_opt_info (nbd) == -1);
    CHECK_FAILED ("nbd_opt_info", ENOTSUP, NULL);
    CHECK (nbd_opt_go (nbd) == 0);
    check_export (nbd, e, e->size);
  }
  else {
    CHECK_STATE (nbd, "negotiating");
    CHECK (nbd_opt_info (nbd) == 0);
    CHECK_STATE (nbd, "negotiating");
    /* libnbd passes on what the server said, even a wrong size. */
    check_export (nbd, e, e->info_size_zero ? 0 : e->size);
    CHECK (nbd_opt_go (nbd) == 0);
    CHECK_STATE (nbd, "ready");
    check_export (nbd, e, e->size);
  }
  nbd_close (nbd);
  return EXIT_SUCCESS;
}
