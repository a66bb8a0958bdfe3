/* The option layer: one struct option_kind per option, in a file per
 * group of options (go-info.c, meta-context.c, list.c, starttls.c,
 * reply-format.c, export-name.c, abort.c), found through table.c;
 * building requests (request.c), taking in replies and deciding where
 * negotiation goes (exchange.c), and refusals (refusals.c).
 *
 * The steps that move negotiation return the state it goes to next
 * (states/options.c makes the move with nbd_internal_option_next), or
 * -1.  The files of the kinds call nothing in this layer but the
 * request builder, so that a kind never depends on the flow it is
 * used by.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef NBD_OPTIONS_H
#define NBD_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nbd_handle;

/* A request under construction: the header, then the payload.  On
 * failure to grow, failed is set and later puts do nothing.
 */
struct request_builder {
  char *buf;
  size_t len;
  size_t cap;
  bool failed;
};

extern void nbd_internal_put (struct request_builder *b, const void *data,
                              size_t len);
extern void nbd_internal_put_u16 (struct request_builder *b, uint16_t v);
extern void nbd_internal_put_u32 (struct request_builder *b, uint32_t v);
extern void nbd_internal_put_string (struct request_builder *b,
                                     const char *s);

/* What one of an option's replies leaves to do. */
enum option_outcome {
  OPTION_FAILED = -1,           /* the error is set */
  OPTION_OVER,                  /* the option is over, successfully */
  OPTION_MORE,                  /* more replies to it are due */
  OPTION_TLS,                   /* the TLS handshake comes next */
};

struct option_kind {
  uint32_t option;              /* NBD_OPT_* */
  const char *name;             /* "NBD_OPT_GO" */
  /* Append the request's payload; NULL if it has none. */
  void (*payload) (struct nbd_handle *h, struct request_builder *b);
  /* As the request goes, forget what its answer will replace; NULL if
   * nothing.
   */
  void (*forget) (struct nbd_handle *h);
  /* The reply (NBD_REP_*) that may come before the last, 0 if none,
   * and how to take one in: OPTION_MORE or OPTION_FAILED.
   */
  uint32_t partial_reply;
  enum option_outcome (*take_partial) (struct nbd_handle *h);
  /* What the server's acknowledgement means: OPTION_OVER, OPTION_TLS
   * or OPTION_FAILED; NULL if it only ends the option.
   */
  enum option_outcome (*acknowledged) (struct nbd_handle *h);
};

extern const struct option_kind nbd_internal_option_go;
extern const struct option_kind nbd_internal_option_info;
extern const struct option_kind nbd_internal_option_set_meta_context;
extern const struct option_kind nbd_internal_option_list_meta_context;
extern const struct option_kind nbd_internal_option_list;
extern const struct option_kind nbd_internal_option_starttls;
extern const struct option_kind nbd_internal_option_structured_reply;
extern const struct option_kind nbd_internal_option_extended_headers;
extern const struct option_kind nbd_internal_option_export_name;
extern const struct option_kind nbd_internal_option_abort;

/* table.c: the kind of an option the library knows, else NULL. */
extern const struct option_kind *nbd_internal_option_kind (uint32_t option);
extern const char *nbd_internal_option_name (uint32_t option);

/* request-builder.c: the put functions above. */

/* request.c: building an option's request. */
extern bool nbd_internal_fixed_newstyle (struct nbd_handle *h);
extern int nbd_internal_start_option (struct nbd_handle *h,
                                      uint32_t option);
extern int nbd_internal_start_go_or_info (struct nbd_handle *h);
extern int nbd_internal_start_client_flags (struct nbd_handle *h);

/* exchange.c: what option replies mean, and where negotiation goes
 * when an option ends.
 */
extern int nbd_internal_check_option_reply (struct nbd_handle *h);
extern int nbd_internal_handle_option_reply (struct nbd_handle *h);
extern int nbd_internal_option_done (struct nbd_handle *h, int error);
extern void nbd_internal_finish_option (struct nbd_handle *h, int error);
extern int nbd_internal_starttls_done (struct nbd_handle *h);

/* refusals.c */
extern int nbd_internal_option_refused (struct nbd_handle *h);

#endif /* NBD_OPTIONS_H */
