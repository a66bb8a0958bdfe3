/* The handle and the helpers every part of the library shares.
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
#include "states.h"
#include "string-list.h"
#include "unlocked.h"

/* The longest export or meta context name the protocol allows. */
#define NBD_MAX_STRING 4096

/* The largest read the library asks for, as libnbd limits it. */
#define MAX_READ_SIZE (64 * 1024 * 1024)

/* The sizes of the receive buffer (io.c) and of the send buffer for
 * batched requests (states/issue.c), each allocated when a connection
 * first needs it.
 */
#define INBUF_SIZE (64 * 1024)
#define SEND_BUFFER_SIZE (64 * 1024)

/* A meta context the server agreed to, with the id its replies use. */
struct meta_context {
  uint32_t id;
  char *name;
};

/* A part of a read that a structured reply has filled. */
struct covered_range {
  uint64_t offset;
  uint64_t length;
};

/* A command from its issue to its retirement. */
struct command {
  struct command *next;
  uint64_t cookie;
  uint16_t type;                /* NBD_CMD_* */
  uint16_t flags;               /* LIBNBD_CMD_FLAG_* as sent */
  uint64_t offset;
  uint64_t count;
  void *data;                   /* read: where data goes; write: what */
  bool clear_on_failure;        /* zero data if the read fails */
  const void *payload;          /* what follows the request header */
  size_t payload_len;
  void *owned_payload;          /* payload the library built and frees */
  nbd_chunk_callback chunk;
  nbd_extent_callback extent;
  nbd_extent64_callback extent64;
  nbd_completion_callback completion;
  int error;                    /* the first error, 0 while none */
  char *error_message;          /* what the library found wrong, or NULL */
  uint64_t data_seen;           /* a read's bytes the replies covered */
  struct covered_range *covered;  /* and where, to catch overlaps */
  size_t nr_covered;
  size_t covered_room;          /* covered's size, kept when reused */
};

/* The option exchange in flight, automatic or asked for by a caller. */
struct option_request {
  uint32_t option;              /* NBD_OPT_* */
  bool from_caller;             /* an nbd_opt_* / nbd_aio_opt_* call */
  nbd_list_callback list;
  nbd_context_callback context;
  nbd_completion_callback completion;
  struct string_list queries;   /* meta context queries to send */
  bool explicit_queries;        /* the caller gave queries, maybe none */
  int error;                    /* errno for a refusal, 0 for success */
  int count;                    /* exports or contexts the server named */
};

/* How requests and replies are framed, as the handshake agreed.  Each
 * format allows what the ones before it do: extended headers come with
 * structured replies.  Only option-exchange.c sets it; everything else
 * asks reply_format_at_least.
 */
enum reply_format {
  REPLY_SIMPLE,                 /* compact requests, simple replies */
  REPLY_STRUCTURED,             /* and structured replies */
  REPLY_EXTENDED,               /* extended headers, structured replies */
};

/* A request header, compact or extended. */
union request_header {
  struct nbd_request compact;
  struct nbd_request_ext ext;
};

/* How bytes cross the connection: a plain socket or a TLS session.
 * recv and send behave like the system calls on a nonblocking socket
 * (-1 with errno EAGAIN when they would block), and set the error for
 * any other failure.
 */
struct transport {
  ssize_t (*recv) (struct nbd_handle *h, void *buf, size_t len);
  ssize_t (*send) (struct nbd_handle *h, const void *buf, size_t len);
  bool (*pending) (struct nbd_handle *h);   /* data read but not taken */
  void (*shutdown) (struct nbd_handle *h);  /* no more writing */
};

struct nbd_handle {
  /* Taken by every entry point in api.c for the length of the call. */
  pthread_mutex_t lock;

  char *hname;                  /* handle name, for debug output */
  uintptr_t private_data;

  bool debug;
  nbd_debug_callback debug_callback;
  bool closing;                 /* nbd_close is under way */

  enum state state;             /* changed by nbd_internal_set_state */
  enum event event;             /* why the machine runs now (states/run.c) */

  /* What to ask the server for during the handshake. */
  char *export_name;
  int tls;                      /* LIBNBD_TLS_* */
  char *tls_certificates;
  bool tls_verify_peer;
  char *tls_username;
  char *tls_hostname;
  char *tls_psk_file;
  char *tls_priority;           /* NULL: the build's default */
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
  bool uri_allow_tls_priority;
  bool uri_strict;              /* LIBNBD_URI_STRICT=1: see uri-parse.c */

  char *socket_activation_name;

  /* The connection.  fd is -1 until a connect call makes it. */
  int fd;
  const struct transport *transport;
  void *tls_session;            /* gnutls_session_t, when TLS is on */
  void *tls_credentials;        /* what the session was given */
  bool tls_psk;                 /* the credentials are a PSK's */
  int tls_socket_errno;         /* of the socket's last failure under TLS */
  /* Where the connect call went: for certificates and nbd_get_uri. */
  enum { WHERE_NONE, WHERE_TCP, WHERE_UNIX, WHERE_VSOCK, WHERE_SSH,
         WHERE_ELSEWHERE } where;
  char *where_host;             /* TCP and ssh */
  char *where_port;
  char *where_socket;           /* Unix, and ssh's remote socket */
  char *where_user;             /* ssh's login name */
  char *where_nbd_port;         /* ssh: the server's port beyond */
  bool where_compress;          /* ssh compresses */
  uint32_t where_cid;           /* vsock */
  uint32_t where_vsock_port;
  pid_t pid;                    /* of connect_command's server, or 0 */
  char *sa_tmpdir;              /* socket activation's private directory */
  struct addrinfo *addresses;   /* connect_tcp: what the name resolved to */
  struct addrinfo *next_address;
  int connect_errno;            /* why the first address refused */

  /* Transfers in progress: bytes still to come into rbuf, or still to
   * go from wbuf.
   */
  char *rbuf;
  size_t rlen;
  /* What one recv brought beyond what the states asked for, so that a
   * single system call can carry many small replies: inbuf[in_start,
   * in_end).  recv_drained: the socket had nothing the last time it
   * was read, and no poll has said otherwise since.
   */
  char *inbuf;
  size_t in_start, in_end;
  bool recv_drained;
  /* nbd_aio_get_direction last told the caller the handle wanted to
   * write, so a write notification is expected, even if the handle has
   * moved on since.
   */
  bool write_announced;
  const char *wbuf;
  size_t wlen;
  char *sendbuf;                /* a batch of requests (states/issue.c) */
  char *request;                /* the option request being sent */
  size_t request_size;
  char *payload;                /* an option reply's or chunk's payload */
  size_t payload_room;          /* payload's size, kept between replies */
  uint64_t discard_left;        /* bytes still to read and drop */
  char discard[4096];           /* where dropped bytes go */
  union {
    struct {
      uint64_t magic;
      uint64_t version;
    } __attribute__ ((__packed__)) greeting;
    struct {
      uint64_t size;
      uint32_t flags;
      char zeroes[124];
    } __attribute__ ((__packed__)) oldstyle;
    struct {
      uint64_t size;
      uint16_t flags;
      char zeroes[124];
    } __attribute__ ((__packed__)) export_name;
    uint16_t gflags;
    uint32_t cflags;
    char option_reply[20];
    union request_header request;   /* of a request sent alone */
  } scratch;

  /* What the handshake learned. */
  const char *protocol;         /* "oldstyle", "newstyle", ... or NULL */
  uint16_t agreed_flags;        /* handshake flags both sides use */
  uint16_t eflags;              /* the export's transmission flags */
  uint64_t exportsize;
  bool have_export;             /* exportsize and eflags are known */
  uint32_t block_minimum;
  uint32_t block_preferred;
  uint32_t block_maximum;
  char *canonical_name;
  char *description;
  enum reply_format reply_format;
  bool tls_negotiated;
  struct meta_context *meta_contexts;
  size_t nr_meta_contexts;
  bool meta_valid;              /* meta_contexts belong to this export */

  /* Option negotiation. */
  struct option_request opt;
  bool opt_in_flight;
  uint32_t wire_option;         /* the option being exchanged now */
  uint32_t reply_type;          /* of the option reply being read */
  uint32_t reply_len;
  int last_opt_error;           /* how the last caller's option ended */
  int last_opt_count;
  char *last_opt_message;
  bool auto_tried_tls;          /* the automatic steps already done */
  bool auto_tried_structured;
  bool auto_tried_extended;

  /* Commands: queued but not sent, sent and awaiting replies, and
   * completed but not yet retired by nbd_aio_command_completed.
   */
  struct command_list cmds_to_issue;
  struct command_list cmds_in_flight;
  struct command_list cmds_done;
  unsigned nr_unfinished;       /* issued and not yet completed */
  /* Retired commands kept for the next ones, so that a command costs
   * no allocation once the queue is as deep as it gets.
   */
  struct command *spare_commands;
  unsigned nr_spare_commands;
  uint64_t next_cookie;
  struct command *sending;      /* sent alone, its request partly out */
  unsigned batch_requests;      /* in the batch being sent, or 0 */
  bool disconnect_queued;       /* NBD_CMD_DISC is queued or sent */
  bool disconnect_sent;
  bool sending_payload;         /* the header is out, the data is next */
  /* The command the reply being read is for, out of cmds_in_flight
   * until the reply ends, so that finding it is the only list walk.
   */
  struct command *reply_cmd;
  union {
    struct nbd_simple_reply simple;
    struct nbd_structured_reply structured;
    struct nbd_extended_reply extended;
    char bytes[32];
  } reply;
  uint16_t chunk_flags;
  uint16_t chunk_type;
  uint64_t chunk_length;
  uint64_t chunk_offset;

  /* Synchronous callers: one drives the socket, the others wait. */
  struct waiter *waiters;       /* asleep until done or needed (wait.c) */
  bool driving;                 /* the driver is in poll (wait.c) */
  unsigned pollers;             /* threads in poll(2), the lock let go */
  int wakeup_fd;                /* eventfd to interrupt the driver's poll */

  /* Traffic counters reported by nbd_stats_*. */
  uint64_t bytes_sent;
  uint64_t chunks_sent;
  uint64_t bytes_received;
  uint64_t chunks_received;
};

static inline bool
reply_format_at_least (const struct nbd_handle *h, enum reply_format format)
{
  return h->reply_format >= format;
}

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

/* tls.c */
extern const struct transport nbd_internal_tls_transport;
/* 0, or -1 with ENOTSUP set in a build without TLS. */
extern int nbd_internal_require_tls_support (void);
extern int nbd_internal_check_tls_priority (const char *priority);
/* STATE_TLS_HANDSHAKE, where the session just set up goes on, or -1. */
extern int nbd_internal_start_tls (struct nbd_handle *h);
extern int nbd_internal_tls_handshake_step (struct nbd_handle *h);
extern void nbd_internal_free_tls (struct nbd_handle *h);
#define RECV_INTO(h, buf, len) \
  ((h)->rbuf = (char *) (buf), (h)->rlen = (len))
#define SEND_FROM(h, buf, len) \
  ((h)->wbuf = (const char *) (buf), (h)->wlen = (len))

/* close-socket.c */
extern void nbd_internal_close_socket (struct nbd_handle *h);

/* wakeup.c: the eventfd that wakes a driver asleep in poll (wait.c). */
extern int nbd_internal_wakeup_fd (struct nbd_handle *h);
extern void nbd_internal_wake_driver (struct nbd_handle *h);

/* states/run.c: the state machine's driver. */
extern int nbd_internal_run (struct nbd_handle *h, enum event event);
extern void nbd_internal_set_dead (struct nbd_handle *h);

/* wait.c: synchronous calls wait here, the lock held on entry and
 * return, until done (h, arg) is true.
 */
extern int nbd_internal_wait (struct nbd_handle *h,
                              bool (*done) (struct nbd_handle *, void *),
                              void *arg);

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

/* The option steps below return the state negotiation moves to next
 * (nbd_internal_option_next makes the move), or -1.
 *
 * option-request.c: building an option's request.
 */
extern const char *nbd_internal_option_name (uint32_t option);
extern bool nbd_internal_fixed_newstyle (struct nbd_handle *h);
extern int nbd_internal_start_option (struct nbd_handle *h,
                                      uint32_t option);
extern int nbd_internal_start_go_or_info (struct nbd_handle *h);

/* option-exchange.c: what option replies mean, and where negotiation
 * goes when an option ends.
 */
extern int nbd_internal_check_option_reply (struct nbd_handle *h);
extern int nbd_internal_handle_option_reply (struct nbd_handle *h);
extern int nbd_internal_option_done (struct nbd_handle *h, int error);
extern void nbd_internal_finish_option (struct nbd_handle *h, int error);
extern int nbd_internal_starttls_done (struct nbd_handle *h);

/* option-refusals.c */
extern int nbd_internal_option_refused (struct nbd_handle *h);

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
