/* The option-mode calls: each aio form starts one option exchange and
 * returns; each synchronous form waits for it and reports the result.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nbd-protocol.h"

/* Whether the server can be asked this at all.  A server without fixed
 * newstyle may hang up on any option it does not know, so only the
 * oldest ones are sent to it.  Anything else is the server's to answer:
 * some list meta contexts without structured replies, as libnbd lets
 * them.
 */
static bool
option_possible (struct nbd_handle *h, uint32_t option)
{
  if (!nbd_internal_fixed_newstyle (h) &&
      option != NBD_OPT_GO && option != NBD_OPT_ABORT) {
    set_error (ENOTSUP, "the server does not speak fixed newstyle, so it "
               "cannot be sent this option");
    return false;
  }
  return true;
}

/* Take the caller's callbacks and start the option on the wire. */
static int
start_option (struct nbd_handle *h, uint32_t option,
              nbd_list_callback *list, nbd_context_callback *context,
              char **queries, nbd_completion_callback *completion)
{
  struct option_request *opt = &h->opt;
  size_t i;
  int r;

  if (!option_possible (h, option))
    return -1;

  *opt = (struct option_request) { .option = option, .from_caller = true };
  if (queries) {
    /* Even an empty list means these queries, not the handle's list. */
    opt->explicit_queries = true;
    for (i = 0; queries[i]; i++) {
      if (string_list_append (&opt->queries, queries[i]) == -1) {
        set_error (errno, "cannot copy the queries");
        string_list_clear (&opt->queries);
        return -1;
      }
    }
  }
  if (list)
    MOVE_CALLBACK (opt->list, list);
  if (context)
    MOVE_CALLBACK (opt->context, context);
  if (completion)
    MOVE_CALLBACK (opt->completion, completion);
  h->opt_in_flight = true;
  if (option == NBD_OPT_GO && !nbd_internal_fixed_newstyle (h))
    r = nbd_internal_start_option (h, NBD_OPT_EXPORT_NAME);
  else if (option == NBD_OPT_GO || option == NBD_OPT_INFO)
    r = nbd_internal_start_go_or_info (h);
  else
    r = nbd_internal_start_option (h, option);
  if (r == -1) {
    /* Nothing was sent: hand the callbacks back to the entry point,
     * which frees them, and stay negotiating.
     */
    h->opt_in_flight = false;
    if (list)
      MOVE_CALLBACK (*list, &opt->list);
    if (context)
      MOVE_CALLBACK (*context, &opt->context);
    if (completion)
      MOVE_CALLBACK (*completion, &opt->completion);
    string_list_clear (&opt->queries);
    return -1;
  }
  return nbd_internal_run (h, EVENT_OPTION);
}

int
nbd_unlocked_aio_opt_go (struct nbd_handle *h,
                         nbd_completion_callback *completion_callback)
{
  return start_option (h, NBD_OPT_GO, NULL, NULL, NULL, completion_callback);
}

int
nbd_unlocked_aio_opt_info (struct nbd_handle *h,
                           nbd_completion_callback *completion_callback)
{
  return start_option (h, NBD_OPT_INFO, NULL, NULL, NULL,
                       completion_callback);
}

/* A server without fixed newstyle may not know NBD_OPT_ABORT: the
 * connection is just dropped, leaving the handle dead, as libnbd does.
 */
static bool
dropped_instead_of_abort (struct nbd_handle *h)
{
  if (nbd_internal_fixed_newstyle (h))
    return false;
  debug (h, "the server does not speak fixed newstyle: dropping the "
         "connection instead of sending NBD_OPT_ABORT");
  nbd_internal_set_dead (h);
  return true;
}

int
nbd_unlocked_aio_opt_abort (struct nbd_handle *h)
{
  if (dropped_instead_of_abort (h))
    return 0;
  return start_option (h, NBD_OPT_ABORT, NULL, NULL, NULL, NULL);
}

int
nbd_unlocked_aio_opt_list (struct nbd_handle *h,
                           nbd_list_callback *list_callback,
                           nbd_completion_callback *completion_callback)
{
  return start_option (h, NBD_OPT_LIST, list_callback, NULL, NULL,
                       completion_callback);
}

int
nbd_unlocked_aio_opt_structured_reply (struct nbd_handle *h,
                                       nbd_completion_callback *cb)
{
  return start_option (h, NBD_OPT_STRUCTURED_REPLY, NULL, NULL, NULL, cb);
}

int
nbd_unlocked_aio_opt_extended_headers (struct nbd_handle *h,
                                       nbd_completion_callback *cb)
{
  return start_option (h, NBD_OPT_EXTENDED_HEADERS, NULL, NULL, NULL, cb);
}

int
nbd_unlocked_aio_opt_list_meta_context (struct nbd_handle *h,
                                        nbd_context_callback *context,
                                        nbd_completion_callback *cb)
{
  return start_option (h, NBD_OPT_LIST_META_CONTEXT, NULL, context, NULL,
                       cb);
}

int
nbd_unlocked_aio_opt_list_meta_context_queries (struct nbd_handle *h,
                                                char **queries,
                                                nbd_context_callback *context,
                                                nbd_completion_callback *cb)
{
  return start_option (h, NBD_OPT_LIST_META_CONTEXT, NULL, context, queries,
                       cb);
}

int
nbd_unlocked_aio_opt_set_meta_context (struct nbd_handle *h,
                                       nbd_context_callback *context,
                                       nbd_completion_callback *cb)
{
  return start_option (h, NBD_OPT_SET_META_CONTEXT, NULL, context, NULL, cb);
}

int
nbd_unlocked_aio_opt_set_meta_context_queries (struct nbd_handle *h,
                                               char **queries,
                                               nbd_context_callback *context,
                                               nbd_completion_callback *cb)
{
  return start_option (h, NBD_OPT_SET_META_CONTEXT, NULL, context, queries,
                       cb);
}

/* ---- synchronous forms ---- */

struct sync_option {
  bool done;
};

static int
sync_option_done (void *user_data, int *error)
{
  struct sync_option *s = user_data;

  (void) error;
  s->done = true;
  return 1;
}

static bool
option_over (struct nbd_handle *h, void *arg)
{
  struct sync_option *s = arg;

  return s->done || !nbd_internal_is_state_connecting (h->state);
}

/* Run an option to its end.  Returns 0 when the server accepted it, 1
 * when the server refused it (the error set), -1 when it could not be
 * carried out.
 */
static int
run_option (struct nbd_handle *h, uint32_t option, nbd_list_callback *list,
            nbd_context_callback *context, char **queries)
{
  struct sync_option s = { .done = false };
  nbd_completion_callback c = { .callback = sync_option_done,
                                .user_data = &s };

  if (start_option (h, option, list, context, queries, &c) == -1)
    return -1;
  if (nbd_internal_wait_holding_lock (h, option_over, &s) == -1)
    return -1;
  if (!s.done || nbd_internal_is_state_dead (h->state)) {
    set_error (ENOTCONN, "the connection died during the option");
    return -1;
  }
  if (h->last_opt_error) {
    set_error (h->last_opt_error, "%s",
               h->last_opt_message ? h->last_opt_message :
               "the server refused the option");
    return 1;
  }
  return 0;
}

/* For calls whose only result is success or failure. */
static int
run_option_err (struct nbd_handle *h, uint32_t option)
{
  return run_option (h, option, NULL, NULL, NULL) == 0 ? 0 : -1;
}

int
nbd_unlocked_opt_go (struct nbd_handle *h)
{
  return run_option_err (h, NBD_OPT_GO);
}

int
nbd_unlocked_opt_info (struct nbd_handle *h)
{
  return run_option_err (h, NBD_OPT_INFO);
}

int
nbd_unlocked_opt_abort (struct nbd_handle *h)
{
  if (dropped_instead_of_abort (h))
    return 0;
  return run_option_err (h, NBD_OPT_ABORT);
}

/* These report the server's answer as true or false. */
static int
run_option_bool (struct nbd_handle *h, uint32_t option)
{
  int r = run_option (h, option, NULL, NULL, NULL);

  return r == -1 ? -1 : r == 0;
}

int
nbd_unlocked_opt_structured_reply (struct nbd_handle *h)
{
  return run_option_bool (h, NBD_OPT_STRUCTURED_REPLY);
}

int
nbd_unlocked_opt_extended_headers (struct nbd_handle *h)
{
  return run_option_bool (h, NBD_OPT_EXTENDED_HEADERS);
}

/* These return how many items the server named. */
static int
run_option_count (struct nbd_handle *h, uint32_t option,
                  nbd_list_callback *list, nbd_context_callback *context,
                  char **queries)
{
  int r = run_option (h, option, list, context, queries);

  return r == 0 ? h->last_opt_count : -1;
}

int
nbd_unlocked_opt_list (struct nbd_handle *h, nbd_list_callback *list)
{
  return run_option_count (h, NBD_OPT_LIST, list, NULL, NULL);
}

int
nbd_unlocked_opt_list_meta_context (struct nbd_handle *h,
                                    nbd_context_callback *context)
{
  return run_option_count (h, NBD_OPT_LIST_META_CONTEXT, NULL, context,
                           NULL);
}

int
nbd_unlocked_opt_list_meta_context_queries (struct nbd_handle *h,
                                            char **queries,
                                            nbd_context_callback *context)
{
  return run_option_count (h, NBD_OPT_LIST_META_CONTEXT, NULL, context,
                           queries);
}

int
nbd_unlocked_opt_set_meta_context (struct nbd_handle *h,
                                   nbd_context_callback *context)
{
  return run_option_count (h, NBD_OPT_SET_META_CONTEXT, NULL, context, NULL);
}

int
nbd_unlocked_opt_set_meta_context_queries (struct nbd_handle *h,
                                           char **queries,
                                           nbd_context_callback *context)
{
  return run_option_count (h, NBD_OPT_SET_META_CONTEXT, NULL, context,
                           queries);
}

int
nbd_unlocked_aio_opt_starttls (struct nbd_handle *h,
                               nbd_completion_callback *cb)
{
  if (nbd_internal_require_tls_support () == -1)
    return -1;
  return start_option (h, NBD_OPT_STARTTLS, NULL, NULL, NULL, cb);
}

int
nbd_unlocked_opt_starttls (struct nbd_handle *h)
{
  if (nbd_internal_require_tls_support () == -1)
    return -1;
  return run_option_bool (h, NBD_OPT_STARTTLS);
}
