/* The client half of the hostile server test: for each scenario of the
 * scenario file, do its client action against the scenario's socket and
 * check that the library fails (or copes) as the scenario expects, names
 * what was wrong, leaves the handle dead or usable, frees every callback
 * exactly once and never hangs.
 *
 *   hostile SCENARIO-FILE DIR [NAME...]
 *
 * DIR is where hostile-server.py listens; the NAMEs default to every
 * scenario in the file.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"

/* Far longer than any scenario takes: SIGALRM ends a hung test, whose
 * name is the last one printed.
 */
#define SCENARIO_SECONDS 30
/* How long a stalled server is given before the poll must time out. */
#define STALL_MS 200
#define MAX_CONTEXTS 4
#define MAX_COUNT 65536
#define MAX_SCENARIOS 128
/* Far more bytes than any handshake the cut scenarios script. */
#define MAX_CUTS 1000

enum outcome { OUTCOME_OK, OUTCOME_FAIL, OUTCOME_TIMEOUT };
enum after { AFTER_ANY, AFTER_DEAD, AFTER_USABLE };

struct scenario {
  char *name;
  char *action;
  char *contexts[MAX_CONTEXTS + 1];
  uint64_t count;
  uint64_t offset;
  bool have_want;
  int64_t want;
  bool require_tls;             /* nbd_set_tls (LIBNBD_TLS_REQUIRE) */
  int strict;                   /* nbd_set_strict_mode, or -1 */
  enum outcome outcome;
  int errnum;
  enum after after;
  char *phrase;
};

/* One scenario's run: what its callbacks saw, and which call failed. */
struct run {
  const struct scenario *s;
  char path[PATH_MAX];
  unsigned passed;              /* callbacks handed to the library */
  unsigned frees;               /* and freed by it */
  bool phrase_in_debug;
  unsigned completions;
  uint64_t extents_length;       /* summed over every extent reported */
  const char *failed_call;
  int failed_errno;
  bool read_called;             /* a read into buf was asked for */
  char buf[MAX_COUNT];
};

/* What buf holds before a read: whatever is left in it after a failed
 * read must have come from the library, which leaves zeroes there.
 */
#define STALE_BYTE 0xa5

/* ---- callbacks: each counts what it saw into the run ---- */

static void *
pass (struct run *r)
{
  r->passed++;
  return r;
}

static void
count_free (void *user_data)
{
  struct run *r = user_data;

  r->frees++;
}

static int
note_debug (void *user_data, const char *context, const char *msg)
{
  struct run *r = user_data;

  (void) context;
  if (r->s->phrase && strstr (msg, r->s->phrase))
    r->phrase_in_debug = true;
  return 0;
}

/* Whatever the server sends, the callback sees only the read's range. */
static int
note_chunk (void *user_data, const void *subbuf, size_t count,
            uint64_t offset, unsigned status, int *error)
{
  struct run *r = user_data;

  (void) status;
  (void) error;
  CHECK (offset >= r->s->offset && count <= r->s->count &&
         offset - r->s->offset <= r->s->count - count);
  CHECK ((const char *) subbuf == r->buf + (offset - r->s->offset));
  return 0;
}

static int
note_extent (void *user_data, const char *metacontext, uint64_t offset,
             uint32_t *entries, size_t nr_entries, int *error)
{
  struct run *r = user_data;
  size_t i;

  (void) metacontext;
  (void) offset;
  (void) error;
  CHECK (nr_entries >= 2 && nr_entries % 2 == 0);
  for (i = 0; i < nr_entries; i += 2)
    r->extents_length += entries[i];
  return 0;
}

static int
note_extent64 (void *user_data, const char *metacontext, uint64_t offset,
               nbd_extent *entries, size_t nr_entries, int *error)
{
  struct run *r = user_data;
  size_t i;

  (void) metacontext;
  (void) offset;
  (void) error;
  CHECK (nr_entries >= 1);
  for (i = 0; i < nr_entries; i++)
    r->extents_length += entries[i].length;
  return 0;
}

static int
note_export (void *user_data, const char *name, const char *description)
{
  (void) user_data;
  CHECK (strlen (name) <= 4096 && strlen (description) <= 4096);
  return 0;
}

static int
note_context (void *user_data, const char *name)
{
  (void) user_data;
  CHECK (strlen (name) <= 4096);
  return 0;
}

static int
note_completion (void *user_data, int *error)
{
  struct run *r = user_data;

  (void) error;
  r->completions++;
  return 0;
}

#define WITH_FREE(type, fn, r)                                          \
  ((type) { .callback = (fn), .user_data = pass (r), .free = count_free })

/* ---- client actions: 0 success, -1 failure, 1 timed out ---- */

static int
failed (struct run *r, const char *call)
{
  r->failed_errno = errno;
  r->failed_call = call;
  return -1;
}

/* A value the action read from the library must be the scenario's. */
static int
check_want (struct run *r, const char *call, int64_t got)
{
  if (got == -1)
    return failed (r, call);
  if (r->s->have_want && got != r->s->want) {
    fprintf (stderr, "%s: %s gave %" PRIi64 ", want %" PRIi64 "\n",
             r->s->name, call, got, r->s->want);
    exit (EXIT_FAILURE);
  }
  return 0;
}

static int
act_connect (struct nbd_handle *h, struct run *r)
{
  (void) h;
  (void) r;
  return 0;
}

static int
act_list (struct nbd_handle *h, struct run *r)
{
  if (nbd_opt_list (h, WITH_FREE (nbd_list_callback, note_export, r)) == -1)
    return failed (r, "nbd_opt_list");
  return 0;
}

static int
act_list_meta (struct nbd_handle *h, struct run *r)
{
  if (nbd_opt_list_meta_context (h, WITH_FREE (nbd_context_callback,
                                                note_context, r)) == -1)
    return failed (r, "nbd_opt_list_meta_context");
  return 0;
}

static int
act_info (struct nbd_handle *h, struct run *r)
{
  if (nbd_opt_info (h) == -1)
    return failed (r, "nbd_opt_info");
  return 0;
}

static int
act_opt_go (struct nbd_handle *h, struct run *r)
{
  if (nbd_opt_go (h) == -1)
    return failed (r, "nbd_opt_go");
  return 0;
}

static int
act_size (struct nbd_handle *h, struct run *r)
{
  return check_want (r, "nbd_get_size", nbd_get_size (h));
}

static int
act_block_size (struct nbd_handle *h, struct run *r)
{
  if (check_want (r, "nbd_get_block_size",
                  nbd_get_block_size (h, LIBNBD_SIZE_MINIMUM)) == -1 ||
      check_want (r, "nbd_get_block_size",
                  nbd_get_block_size (h, LIBNBD_SIZE_PREFERRED)) == -1 ||
      check_want (r, "nbd_get_block_size",
                  nbd_get_block_size (h, LIBNBD_SIZE_MAXIMUM)) == -1)
    return -1;
  return 0;
}

static int
act_can_df (struct nbd_handle *h, struct run *r)
{
  return check_want (r, "nbd_can_df", nbd_can_df (h));
}

static int
act_can_fast_zero (struct nbd_handle *h, struct run *r)
{
  return check_want (r, "nbd_can_fast_zero", nbd_can_fast_zero (h));
}

static int
act_can_block_status_payload (struct nbd_handle *h, struct run *r)
{
  return check_want (r, "nbd_can_block_status_payload",
                     nbd_can_block_status_payload (h));
}

static int
act_pread (struct nbd_handle *h, struct run *r)
{
  r->read_called = true;
  if (nbd_pread (h, r->buf, r->s->count, r->s->offset, 0) == -1)
    return failed (r, "nbd_pread");
  return 0;
}

/* The second read is the scenario's: the first puts the server where
 * the scenario wants it.
 */
static int
act_pread_twice (struct nbd_handle *h, struct run *r)
{
  CHECK (nbd_pread (h, r->buf, r->s->count, r->s->offset, 0) == 0);
  return act_pread (h, r);
}

static int
act_pread_structured (struct nbd_handle *h, struct run *r)
{
  r->read_called = true;
  if (nbd_pread_structured (h, r->buf, r->s->count, r->s->offset,
                            WITH_FREE (nbd_chunk_callback, note_chunk, r),
                            0) == -1)
    return failed (r, "nbd_pread_structured");
  return 0;
}

static int
act_pwrite (struct nbd_handle *h, struct run *r)
{
  if (nbd_pwrite (h, r->buf, r->s->count, r->s->offset, 0) == -1)
    return failed (r, "nbd_pwrite");
  return 0;
}

static int
act_trim (struct nbd_handle *h, struct run *r)
{
  if (nbd_trim (h, r->s->count, r->s->offset, 0) == -1)
    return failed (r, "nbd_trim");
  return 0;
}

static int
act_flush (struct nbd_handle *h, struct run *r)
{
  if (nbd_flush (h, 0) == -1)
    return failed (r, "nbd_flush");
  return 0;
}

static int
act_block_status (struct nbd_handle *h, struct run *r)
{
  if (nbd_block_status (h, r->s->count, r->s->offset,
                        WITH_FREE (nbd_extent_callback, note_extent, r),
                        0) == -1)
    return failed (r, "nbd_block_status");
  return check_want (r, "the extents' total length", r->extents_length);
}

static int
act_block_status_64 (struct nbd_handle *h, struct run *r)
{
  if (nbd_block_status_64 (h, r->s->count, r->s->offset,
                           WITH_FREE (nbd_extent64_callback, note_extent64,
                                      r), 0) == -1)
    return failed (r, "nbd_block_status_64");
  return check_want (r, "the extents' total length", r->extents_length);
}

/* A read through the asynchronous API and nbd_poll, retired by hand. */
static int
act_aio_pread (struct nbd_handle *h, struct run *r)
{
  int64_t cookie;
  int done;

  r->read_called = true;
  cookie = nbd_aio_pread (h, r->buf, r->s->count, r->s->offset,
                          WITH_FREE (nbd_completion_callback,
                                     note_completion, r), 0);
  if (cookie == -1)
    return failed (r, "nbd_aio_pread");
  while ((done = nbd_aio_command_completed (h, cookie)) == 0)
    if (nbd_poll (h, -1) == -1)
      return failed (r, "nbd_poll");
  if (done == -1)
    return failed (r, "nbd_aio_command_completed");
  CHECK (r->completions == 1);
  return 0;
}

/* A read the server never answers: the caller's poll times out and the
 * read stays in flight, for nbd_close to clear up.
 */
static int
act_aio_stall (struct nbd_handle *h, struct run *r)
{
  int64_t cookie;

  cookie = nbd_aio_pread (h, r->buf, r->s->count, r->s->offset,
                          WITH_FREE (nbd_completion_callback,
                                     note_completion, r), 0);
  if (cookie == -1)
    return failed (r, "nbd_aio_pread");
  if (nbd_poll (h, STALL_MS) == -1)
    return failed (r, "nbd_poll");
  CHECK (nbd_poll (h, STALL_MS) == 0);
  CHECK (nbd_aio_in_flight (h) == 1);
  CHECK_STATE (h, "processing");
  return 1;
}

/* A handshake the server stops answering. */
static int
act_connect_stall (struct nbd_handle *h, struct run *r)
{
  int i, ready = 1;

  if (nbd_aio_connect_unix (h, r->path) == -1)
    return failed (r, "nbd_aio_connect_unix");
  for (i = 0; i < 100 && ready == 1; i++)
    ready = nbd_poll (h, STALL_MS);
  if (ready == -1)
    return failed (r, "nbd_poll");
  CHECK (ready == 0);
  CHECK_STATE (h, "connecting");
  return 1;
}

static struct nbd_handle *new_handle (struct run *r);

/* Connect again and again to a server that hangs up one byte later
 * each time: every attempt fails cleanly until the handshake fits.
 */
static int
act_connect_cuts (struct nbd_handle *unused, struct run *r)
{
  struct nbd_handle *h;
  int64_t n;

  (void) unused;
  for (n = 0; n < MAX_CUTS; n++) {
    h = new_handle (r);
    if (nbd_connect_unix (h, r->path) == 0) {
      CHECK_STATE (h, "ready");
      nbd_close (h);
      return check_want (r, "the number of cuts", n);
    }
    CHECK (nbd_get_errno () != 0 && errno == nbd_get_errno ());
    CHECK (strncmp (nbd_get_error (), "nbd_connect_unix: ", 18) == 0);
    CHECK_STATE (h, "dead");
    nbd_close (h);
  }
  fprintf (stderr, "%s: no connection got through\n", r->s->name);
  exit (EXIT_FAILURE);
}

struct action {
  const char *name;
  int (*run) (struct nbd_handle *h, struct run *r);
  enum { CONNECT, OPT_MODE, OWN_CONNECT } connect;
};

static const struct action actions[] = {
  { "connect", act_connect, CONNECT },
  { "list", act_list, OPT_MODE },
  { "list-meta", act_list_meta, OPT_MODE },
  { "info", act_info, OPT_MODE },
  { "opt-go", act_opt_go, OPT_MODE },
  { "size", act_size, CONNECT },
  { "block-size", act_block_size, CONNECT },
  { "can-df", act_can_df, CONNECT },
  { "can-fast-zero", act_can_fast_zero, CONNECT },
  { "can-block-status-payload", act_can_block_status_payload, CONNECT },
  { "pread", act_pread, CONNECT },
  { "pread-twice", act_pread_twice, CONNECT },
  { "pread-structured", act_pread_structured, CONNECT },
  { "pwrite", act_pwrite, CONNECT },
  { "trim", act_trim, CONNECT },
  { "flush", act_flush, CONNECT },
  { "block-status", act_block_status, CONNECT },
  { "block-status-64", act_block_status_64, CONNECT },
  { "aio-pread", act_aio_pread, CONNECT },
  { "aio-stall", act_aio_stall, CONNECT },
  { "connect-stall", act_connect_stall, OWN_CONNECT },
  { "connect-cuts", act_connect_cuts, OWN_CONNECT },
};

static const struct action *
find_action (const char *name)
{
  size_t i;

  for (i = 0; i < sizeof actions / sizeof actions[0]; i++)
    if (strcmp (actions[i].name, name) == 0)
      return &actions[i];
  return NULL;
}

/* ---- running a scenario ---- */

static struct nbd_handle *
new_handle (struct run *r)
{
  struct nbd_handle *h = create_handle ();
  size_t i;

  CHECK (nbd_set_debug_callback (h, WITH_FREE (nbd_debug_callback,
                                               note_debug, r)) == 0);
  CHECK (nbd_set_debug (h, true) == 0);
  for (i = 0; r->s->contexts[i]; i++)
    CHECK (nbd_add_meta_context (h, r->s->contexts[i]) == 0);
  if (r->s->require_tls)
    CHECK (nbd_set_tls (h, LIBNBD_TLS_REQUIRE) == 0);
  if (r->s->strict >= 0)
    CHECK (nbd_set_strict_mode (h, r->s->strict) == 0);
  return h;
}

/* The handle still works: it finishes negotiating if need be, then
 * reads what the server's serve step presents.
 */
static void
prove_usable (struct nbd_handle *h)
{
  char buf[512];
  size_t i;

  if (nbd_aio_is_negotiating (h) == 1)
    CHECK (nbd_opt_go (h) == 0);
  CHECK_STATE (h, "ready");
  CHECK (nbd_pread (h, buf, sizeof buf, 4096, 0) == 0);
  for (i = 0; i < sizeof buf; i++)
    CHECK ((unsigned char) buf[i] == ((4096 + i) & 0xff));
}

/* A failed read leaves no stale bytes in the buffer, whether the server
 * sent part of the data first or nothing at all.
 */
static void
check_zeroed (const struct run *r)
{
  size_t i;

  for (i = 0; i < r->s->count; i++)
    if (r->buf[i] != 0) {
      fprintf (stderr, "%s: byte %zu of the failed read is 0x%02x\n",
               r->s->name, i, (unsigned char) r->buf[i]);
      exit (EXIT_FAILURE);
    }
}

static void
check_outcome (struct nbd_handle *h, struct run *r, int result)
{
  const struct scenario *s = r->s;

  switch (s->outcome) {
  case OUTCOME_OK:
    CHECK (result == 0);
    if (s->phrase && !r->phrase_in_debug) {
      fprintf (stderr, "%s: no debug message says \"%s\"\n", s->name,
               s->phrase);
      exit (EXIT_FAILURE);
    }
    break;
  case OUTCOME_FAIL:
    CHECK (result == -1);
    CHECK_ERROR (r->failed_call, s->errnum, s->phrase);
    CHECK (r->failed_errno == s->errnum);
    if (r->read_called)
      check_zeroed (r);
    break;
  case OUTCOME_TIMEOUT:
    CHECK (result == 1);
    break;
  }
  if (s->after == AFTER_DEAD) {
    CHECK_STATE (h, "dead");
    CHECK (nbd_pread (h, r->buf, 512, 0, 0) == -1);
    CHECK_ERROR ("nbd_pread", EINVAL, "DEAD");
  }
  if (s->after == AFTER_USABLE)
    prove_usable (h);
}

static void
run_scenario (const struct scenario *s, const char *dir)
{
  static struct run r;
  const struct action *a = find_action (s->action);
  struct nbd_handle *h;
  int result = 0;

  memset (&r, 0, sizeof r);
  memset (r.buf, STALE_BYTE, sizeof r.buf);
  r.s = s;
  CHECK (snprintf (r.path, sizeof r.path, "%s/%s.sock", dir, s->name) <
         (int) sizeof r.path);
  CHECK (s->count <= MAX_COUNT);
  printf ("%s\n", s->name);
  fflush (stdout);
  alarm (SCENARIO_SECONDS);

  h = new_handle (&r);
  if (a->connect == OPT_MODE)
    CHECK (nbd_set_opt_mode (h, true) == 0);
  if (a->connect != OWN_CONNECT && nbd_connect_unix (h, r.path) == -1)
    result = failed (&r, "nbd_connect_unix");
  if (result == 0)
    result = a->run (h, &r);
  check_outcome (h, &r, result);
  nbd_close (h);
  if (r.passed != r.frees) {
    fprintf (stderr, "%s: %u callbacks passed, %u freed\n", s->name,
             r.passed, r.frees);
    exit (EXIT_FAILURE);
  }
  CHECK (r.completions <= 1);
  alarm (0);
}

/* ---- reading the scenario file ---- */

/* The next word of a line, or of a "quoted phrase"; NULL at the end. */
static char *
next_word (char **p)
{
  char *word, *end;

  *p += strspn (*p, " \t\n");
  if (**p == '\0' || **p == '#')
    return NULL;
  if (**p == '"') {
    word = *p + 1;
    end = strchr (word, '"');
    CHECK (end != NULL);
  }
  else {
    word = *p;
    end = word + strcspn (word, " \t\n");
  }
  *p = *end ? end + 1 : end;
  *end = '\0';
  return word;
}

static int
errno_named (const char *name)
{
  static const struct { const char *name; int errnum; } names[] = {
    { "EPROTO", EPROTO }, { "ECONNRESET", ECONNRESET },
    { "EOVERFLOW", EOVERFLOW }, { "ENOTSUP", ENOTSUP },
    { "EINVAL", EINVAL }, { "EIO", EIO }, { "EPERM", EPERM },
  };
  size_t i;

  for (i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp (names[i].name, name) == 0)
      return names[i].errnum;
  fprintf (stderr, "unknown errno name %s\n", name);
  exit (EXIT_FAILURE);
}

static void
parse_client (struct scenario *s, char *p)
{
  size_t n = 0;
  char *word;

  s->action = strdup (next_word (&p));
  CHECK (s->action && find_action (s->action));
  s->count = 512;
  s->strict = -1;
  while ((word = next_word (&p)) != NULL) {
    if (strncmp (word, "context=", 8) == 0) {
      CHECK (n < MAX_CONTEXTS);
      s->contexts[n++] = strdup (word + 8);
    }
    else if (strncmp (word, "count=", 6) == 0)
      s->count = strtoull (word + 6, NULL, 0);
    else if (strncmp (word, "offset=", 7) == 0)
      s->offset = strtoull (word + 7, NULL, 0);
    else if (strcmp (word, "tls=require") == 0)
      s->require_tls = true;
    else if (strncmp (word, "strict=", 7) == 0)
      s->strict = strtol (word + 7, NULL, 0);
    else if (strncmp (word, "want=", 5) == 0) {
      s->have_want = true;
      s->want = strtoll (word + 5, NULL, 0);
    }
    else {
      fprintf (stderr, "%s: unknown client argument %s\n", s->name, word);
      exit (EXIT_FAILURE);
    }
  }
}

static void
parse_expect (struct scenario *s, char *p)
{
  char *word = next_word (&p);

  CHECK (word != NULL);
  if (strcmp (word, "ok") == 0)
    s->outcome = OUTCOME_OK;
  else if (strcmp (word, "timeout") == 0)
    s->outcome = OUTCOME_TIMEOUT;
  else {
    CHECK (strcmp (word, "fail") == 0);
    s->outcome = OUTCOME_FAIL;
    s->errnum = errno_named (next_word (&p));
  }
  while ((word = next_word (&p)) != NULL) {
    if (strcmp (word, "dead") == 0)
      s->after = AFTER_DEAD;
    else if (strcmp (word, "usable") == 0)
      s->after = AFTER_USABLE;
    else
      s->phrase = strdup (word);
  }
}

/* Each scenario's name, client and expect lines; the server's steps
 * are the server's business.
 */
static size_t
read_scenarios (const char *path, struct scenario *scenarios)
{
  FILE *fp = fopen (path, "r");
  char *line = NULL, *p, *word;
  size_t len = 0, n = 0;

  CHECK (fp != NULL);
  while (getline (&line, &len, fp) != -1) {
    p = line;
    word = next_word (&p);
    if (word == NULL)
      continue;
    if (strcmp (word, "scenario") == 0) {
      CHECK (n < MAX_SCENARIOS);
      scenarios[n++].name = strdup (next_word (&p));
    }
    else if (strcmp (word, "client") == 0) {
      CHECK (n > 0);
      parse_client (&scenarios[n - 1], p);
    }
    else if (strcmp (word, "expect") == 0) {
      CHECK (n > 0);
      parse_expect (&scenarios[n - 1], p);
    }
  }
  free (line);
  fclose (fp);
  return n;
}

static void
free_scenario (struct scenario *s)
{
  size_t i;

  free (s->name);
  free (s->action);
  for (i = 0; s->contexts[i]; i++)
    free (s->contexts[i]);
  free (s->phrase);
}

static bool
wanted (const char *name, int argc, char *argv[])
{
  int i;

  if (argc == 3)
    return true;
  for (i = 3; i < argc; i++)
    if (strcmp (argv[i], name) == 0)
      return true;
  return false;
}

int
main (int argc, char *argv[])
{
  static struct scenario scenarios[MAX_SCENARIOS];
  size_t n, i;
  bool tls;

  check_our_library ();
  CHECK (argc >= 3);
  n = read_scenarios (argv[1], scenarios);
  tls = library_has_tls ("the scenarios with tls=require");
  for (i = 0; i < n; i++) {
    CHECK (scenarios[i].action != NULL);
    if (wanted (scenarios[i].name, argc, argv) &&
        (tls || !scenarios[i].require_tls))
      run_scenario (&scenarios[i], argv[2]);
  }
  for (i = 0; i < n; i++)
    free_scenario (&scenarios[i]);
  return EXIT_SUCCESS;
}
