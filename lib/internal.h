/* What every part of the library shares: the handle (handle.h), and
 * the functions of each file that others call, by file.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef NBD_INTERNAL_H
#define NBD_INTERNAL_H

#include <netdb.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

#include "libnbd.h"
#include "command-list.h"
#include "nbd-protocol.h"
#include "handle.h"
#include "options/options.h"
#include "states.h"
#include "string-list.h"
#include "unlocked.h"

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

/* A request is part sent, or waits its turn. */
static inline bool
nbd_internal_requests_to_send (const struct nbd_handle *h)
{
  return h->sending || h->batch_requests || h->cmds_to_issue.first;
}

/* Whether a command is a read whose data goes straight from the socket
 * to the caller's buffer; the handle counts those unfinished (io.c).
 */
static inline bool
nbd_internal_large_read (const struct command *cmd)
{
  return cmd->type == NBD_CMD_READ && cmd->count >= DIRECT_RECV_MIN;
}

/* Requests were issued while the handle waited for a reply, and none
 * has started to go: whoever runs the machine next sends them, in one
 * batch (see nbd_internal_issue).
 */
static inline bool
nbd_internal_requests_held (const struct nbd_handle *h)
{
  return h->state == STATE_AWAIT_REPLY && h->cmds_to_issue.first &&
    !h->sending && !h->batch_requests;
}

/* io.c: move bytes between the connection and rbuf/wbuf.  Each returns 0
 * when the transfer is complete, 1 when the socket would block, -1 on
 * error (after set_error).
 */
extern const struct transport nbd_internal_plain_transport;
extern int nbd_internal_recv (struct nbd_handle *h);
extern int nbd_internal_send (struct nbd_handle *h);
/* Read and drop discard_left bytes. */
extern int nbd_internal_discard (struct nbd_handle *h);
extern int nbd_internal_payload_room (struct nbd_handle *h, size_t len);
/* Bytes already read from the connection and not yet used: poll would
 * not wake for them.
 */
extern bool nbd_internal_input_pending (struct nbd_handle *h);

/* tls-credentials.c, with gnutls only */
extern int nbd_internal_load_tls_credentials (struct nbd_handle *h);
extern void nbd_internal_free_tls_credentials (struct nbd_handle *h);

/* tls-priority.c */
extern int nbd_internal_check_tls_priority (const char *priority);
/* The string for a session, to be freed, or NULL out of memory. */
extern char *nbd_internal_session_priority (struct nbd_handle *h);

/* tls.c */
extern const struct transport nbd_internal_tls_transport;
/* 0, or -1 with ENOTSUP set in a build without TLS. */
extern int nbd_internal_require_tls_support (void);
/* Set up the session whose handshake follows NBD_OPT_STARTTLS. */
extern int nbd_internal_start_tls (struct nbd_handle *h);
extern int nbd_internal_tls_handshake_step (struct nbd_handle *h);
extern void nbd_internal_free_tls (struct nbd_handle *h);
#define RECV_INTO(h, buf, len) \
  ((h)->rbuf = (char *) (buf), (h)->rlen = (len))
#define SEND_FROM(h, buf, len) \
  ((h)->wbuf = (const char *) (buf), (h)->wlen = (len))

/* close-socket.c */
extern void nbd_internal_close_fd (struct nbd_handle *h);
extern void nbd_internal_free_request (struct nbd_handle *h);
extern void nbd_internal_close_socket (struct nbd_handle *h);

/* wakeup.c: the eventfd that wakes a driver asleep in poll (wait.c). */
extern int nbd_internal_wakeup_fd (struct nbd_handle *h);
extern void nbd_internal_wake_driver (struct nbd_handle *h);

/* states/run.c: the state machine's driver. */
extern int nbd_internal_run (struct nbd_handle *h, enum event event);
extern void nbd_internal_set_dead (struct nbd_handle *h);

/* wait-contest.c: whether a wait looks at the socket before it
 * sleeps or yields, timed across the process (wait.c).
 */
enum contest {
  CONTEST_OPTION_ANSWER,        /* a look, or sleeping at once */
  CONTEST_GREETING,             /* the same, timed over the handshake */
  CONTEST_SECOND_REPLY,         /* with two in flight, a look or a yield */
  NR_CONTESTS
};
extern bool nbd_internal_contest_look (enum contest which);
extern void nbd_internal_contest_took (enum contest which, bool looked,
                                       uint64_t elapsed_usecs);

/* wait.c: synchronous calls wait here, the lock held on entry and
 * return, until done (h, arg) is true.  A command's caller waits with
 * the lock let go, so that other threads' commands go out meanwhile.
 * The handshake, option calls and nbd_shutdown keep it while they wait,
 * as libnbd keeps it through every call: no other thread has work for
 * a handle that is negotiating or closing, and a wait that keeps the
 * lock needs no eventfd to be woken by one.
 */
extern int nbd_internal_wait (struct nbd_handle *h,
                              bool (*done) (struct nbd_handle *, void *),
                              void *arg);
extern int nbd_internal_wait_holding_lock (struct nbd_handle *h,
                                           bool (*done) (struct nbd_handle *,
                                                         void *),
                                           void *arg);
/* The waiters kept for reuse, freed when the handle closes. */
extern void nbd_internal_free_waiters (struct nbd_handle *h);

/* connect.c */
extern int nbd_internal_start_connect (struct nbd_handle *h,
                                       const struct sockaddr *addr,
                                       socklen_t addrlen);
extern int nbd_internal_start_with_socket (struct nbd_handle *h, int fd);
extern int nbd_internal_remember_where (struct nbd_handle *h, int where,
                                        const char *host, const char *port,
                                        const char *socket);
extern void nbd_internal_free_where (struct nbd_handle *h);

/* The synchronous form of a connect call: start, then wait for the
 * handshake.
 */
#define SYNC_CONNECT(call, params, args)                                \
  int                                                                   \
  nbd_unlocked_##call params                                            \
  {                                                                     \
    if (nbd_unlocked_aio_##call args == -1)                             \
      return -1;                                                        \
    return nbd_internal_wait_connected (h);                             \
  }
extern int nbd_internal_connect_command (struct nbd_handle *h, char **argv);
extern int nbd_internal_wait_connected (struct nbd_handle *h);

/* socket-buffers.c */
extern void nbd_internal_enlarge_socket_buffers (int fd);

/* ssh-tunnel.c: where an nbd+ssh:// URI leads. */
struct ssh_target {
  const char *host;
  const char *port;             /* sshd's, or NULL for ssh's default */
  const char *user;             /* the login name, or NULL for ssh's */
  const char *socket;           /* the server's Unix socket there, */
  const char *nbd_port;         /* or its TCP port, NULL for 10809 */
  bool compress;
};
extern int nbd_internal_connect_ssh (struct nbd_handle *h,
                                     const struct ssh_target *t);

/* subprocess.c */
extern int nbd_internal_spawn_command (struct nbd_handle *h, char **argv);
extern int nbd_internal_spawn_activated (struct nbd_handle *h, char **argv,
                                         struct sockaddr_un *addr);
extern void nbd_internal_reap_subprocess (struct nbd_handle *h);

/* states/greeting.c */
extern void nbd_internal_begin_handshake (struct nbd_handle *h);

/* states/reply.c: starting and ending a reply, and what the chunk
 * states (states/chunk.c) share with it.
 */
extern void nbd_internal_begin_reply (struct nbd_handle *h);
extern const char *nbd_internal_command_name (uint16_t type);
extern int nbd_internal_reply_done (struct nbd_handle *h, bool last);
extern bool
nbd_internal_large_reply_under_way (const struct nbd_handle *h);
extern int nbd_internal_skip_rest (struct nbd_handle *h, uint64_t left);
extern int nbd_internal_skip_chunk (struct nbd_handle *h, uint64_t left,
                                    const char *fmt, ...)
  __attribute__ ((__format__ (__printf__, 3, 4)));
extern void nbd_internal_server_error (struct nbd_handle *h, int err,
                                       const char *msg, size_t len);
extern void nbd_internal_call_chunk (struct nbd_handle *h, const void *buf,
                                     uint64_t length, uint64_t offset,
                                     unsigned status, int error);

/* states/block-status.c: whether the chunk's header suits its command
 * (if not, the command has failed), then the chunk itself.
 */
extern bool nbd_internal_block_status_acceptable (struct nbd_handle *h);
extern int nbd_internal_block_status_chunk (struct nbd_handle *h);

/* aio-commands.c */
extern int64_t nbd_internal_issue (struct nbd_handle *h,
                                   struct command *cmd,
                                   nbd_completion_callback *completion);

/* command-checks.c */
extern int nbd_internal_check_command (struct nbd_handle *h, uint16_t type,
                                       uint32_t flags, uint64_t offset,
                                       uint64_t count);

/* commands.c */
extern struct command *nbd_internal_new_command (struct nbd_handle *h,
                                                 uint16_t type,
                                                 uint32_t flags,
                                                 uint64_t offset,
                                                 uint64_t count);
extern void nbd_internal_recycle_command (struct nbd_handle *h,
                                          struct command *cmd);
extern void nbd_internal_put_in_flight (struct nbd_handle *h,
                                        struct command *cmd,
                                        bool first_in_line);
extern struct command *nbd_internal_take_in_flight (struct nbd_handle *h,
                                                    uint64_t cookie);
extern void nbd_internal_complete (struct nbd_handle *h,
                                   struct command *cmd);
extern void nbd_internal_fail_command (struct nbd_handle *h,
                                       struct command *cmd, int error,
                                       const char *why);
extern void nbd_internal_command_verror (struct nbd_handle *h,
                                         struct command *cmd, int errnum,
                                         const char *fmt, va_list args)
  __attribute__ ((__format__ (__printf__, 4, 0)));
extern void nbd_internal_command_error (struct nbd_handle *h,
                                        struct command *cmd, int errnum,
                                        const char *fmt, ...)
  __attribute__ ((__format__ (__printf__, 4, 5)));
extern void nbd_internal_forget_command (struct nbd_handle *h,
                                         uint64_t cookie);
extern void nbd_internal_fail_all_commands (struct nbd_handle *h,
                                            int error);
extern int nbd_internal_errno_of_nbd (uint32_t error);
extern void nbd_internal_free_commands (struct nbd_handle *h);

/* states/options.c */
extern int nbd_internal_option_next (struct nbd_handle *h, int next);

/* export-facts.c: what the handshake learns of the export. */
extern int nbd_internal_set_export (struct nbd_handle *h, uint64_t size,
                                    uint16_t flags);
extern void nbd_internal_reset_export (struct nbd_handle *h);
extern void nbd_internal_free_meta_contexts (struct nbd_handle *h);
extern void nbd_internal_forget_export (struct nbd_handle *h);
extern int nbd_internal_add_meta_context (struct nbd_handle *h, uint32_t id,
                                          const char *name);
extern const struct meta_context *
nbd_internal_meta_context_by_id (struct nbd_handle *h, uint32_t id);
extern const struct meta_context *
nbd_internal_meta_context_by_name (struct nbd_handle *h, const char *name);

/* copy-string.c */
extern int nbd_internal_copy_string (char **dst, const char *src);
extern char *nbd_internal_copy_setting (const char *value);

/* settings.c */
extern int nbd_internal_check_protocol_string (const char *name);

/* tls-username.c: a copy of the TLS username in force, or NULL with
 * the error set.
 */
extern char *nbd_internal_tls_username (struct nbd_handle *h);

#endif /* NBD_INTERNAL_H */
