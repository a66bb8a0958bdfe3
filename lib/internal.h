/* The handle and the helpers every part of the library shares.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef NBD_INTERNAL_H
#define NBD_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libnbd.h"
#include "states.h"
#include "string-list.h"
#include "unlocked.h"

/* The longest export or meta context name the protocol allows. */
#define NBD_MAX_STRING 4096

struct nbd_handle {
  /* Taken by every entry point in api.c for the length of the call. */
  pthread_mutex_t lock;

  char *hname;                  /* handle name, for debug output */
  uintptr_t private_data;

  bool debug;
  nbd_debug_callback debug_callback;

  enum state state;

  /* What to ask the server for during the handshake. */
  char *export_name;
  int tls;                      /* LIBNBD_TLS_* */
  char *tls_certificates;
  bool tls_verify_peer;
  char *tls_username;
  char *tls_hostname;
  char *tls_psk_file;
  bool request_extended_headers;
  bool request_structured_replies;
  bool request_meta_context;
  bool request_block_size;
  bool full_info;
  bool opt_mode;
  uint32_t handshake_flags;     /* LIBNBD_HANDSHAKE_FLAG_* */
  struct string_list meta_contexts_wanted;

  bool pread_initialize;
  uint32_t strict;              /* LIBNBD_STRICT_* */

  /* Limits on what nbd_connect_uri will accept. */
  uint32_t uri_allow_transports;
  int uri_allow_tls;
  bool uri_allow_local_file;

  char *socket_activation_name;

  /* Traffic counters reported by nbd_stats_*. */
  uint64_t bytes_sent;
  uint64_t chunks_sent;
  uint64_t bytes_received;
  uint64_t chunks_received;
};

/* errors.c */
extern void nbd_internal_set_error_context (const char *context);
extern const char *nbd_internal_get_error_context (void);
extern void nbd_internal_set_error (int errnum, const char *fmt, ...)
  __attribute__ ((__format__ (__printf__, 2, 3)));
extern void nbd_internal_set_state_error (struct nbd_handle *h,
                                          const char *wanted);
#define set_error(errnum, ...) nbd_internal_set_error ((errnum), __VA_ARGS__)

/* debug.c */
extern void nbd_internal_debug (struct nbd_handle *h, const char *context,
                                const char *fmt, ...)
  __attribute__ ((__format__ (__printf__, 3, 4)));
#define debug(h, ...)                                           \
  do {                                                          \
    if ((h)->debug)                                             \
      nbd_internal_debug ((h), NULL, __VA_ARGS__);              \
  } while (0)

/* Hand a callback's user data back to its free function, once: the
 * struct is cleared so that a second FREE_CALLBACK does nothing.
 */
#define FREE_CALLBACK(cb)                                       \
  do {                                                          \
    if ((cb).free)                                              \
      (cb).free ((cb).user_data);                               \
    (cb).callback = NULL;                                       \
    (cb).free = NULL;                                           \
  } while (0)

/* Take a callback out of the caller's struct, leaving nothing there for
 * the entry point to free.
 */
#define MOVE_CALLBACK(dst, src)                                 \
  do {                                                          \
    (dst) = *(src);                                             \
    (src)->callback = NULL;                                     \
    (src)->free = NULL;                                         \
  } while (0)

/* A boolean setting is a field of the handle of the same name, which
 * the setter stores and the getter reads back.
 */
#define BOOLEAN_SETTING(field)                                          \
  int                                                                   \
  nbd_unlocked_set_##field (struct nbd_handle *h, bool value)           \
  {                                                                     \
    h->field = value;                                                   \
    return 0;                                                           \
  }                                                                     \
                                                                        \
  int                                                                   \
  nbd_unlocked_get_##field (struct nbd_handle *h)                       \
  {                                                                     \
    return h->field;                                                    \
  }

/* settings.c */
extern int nbd_internal_copy_string (char **dst, const char *src);
extern char *nbd_internal_copy_setting (const char *value);
extern int nbd_internal_check_protocol_string (const char *name);

#endif /* NBD_INTERNAL_H */
