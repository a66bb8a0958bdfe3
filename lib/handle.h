/* The handle, and the structs it holds: commands, meta contexts, the
 * option in flight, the transport.  The functions that work on them are
 * declared in internal.h.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef NBD_HANDLE_H
#define NBD_HANDLE_H

#include <netdb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "libnbd.h"
#include "command-list.h"
#include "nbd-protocol.h"
#include "states.h"
#include "string-list.h"

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

/* The size from which a transfer goes straight into its destination (a
 * read's data, usually) instead of through inbuf (io.c): a copy through
 * the buffer would cost more than the system calls it saves.
 */
#define DIRECT_RECV_MIN (16 * 1024)

/* Slots for finding a command in flight by its cookie (commands.c). */
#define IN_FLIGHT_SLOTS 256

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
  struct command *next, *prev;  /* on one of the handle's lists */
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
 * structured replies.  Only options/reply-format.c raises it (and
 * STARTTLS resets it); everything else asks reply_format_at_least.
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
   * was read, or the server has nothing to say until it reads what was
   * just sent, and no poll has said otherwise since.
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
  char *request;                /* the option request being sent, or the
                                   client's flags */
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
  bool cflags_unsent;           /* the client's flags wait for an option */
  bool auto_tried_tls;          /* the automatic steps already done */
  bool auto_tried_structured;
  bool auto_tried_extended;

  /* Commands: queued but not sent, sent and awaiting replies, and
   * completed but not yet retired by nbd_aio_command_completed.
   */
  struct command_list cmds_to_issue;
  struct command_list cmds_in_flight;
  struct command_list cmds_done;
  /* Commands in flight by cookie, as far as they fit (commands.c). */
  struct command *in_flight_slots[IN_FLIGHT_SLOTS];
  unsigned nr_unfinished;       /* issued and not yet completed */
  unsigned large_reads_unfinished;  /* of those, reads received directly */
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
  struct waiter *idle_waiters;  /* kept for the next, until nbd_close */
  bool driving;                 /* the driver is in poll (wait.c) */
  unsigned pollers;             /* threads in poll(2), the lock let go */
  int wakeup_fd;                /* eventfd to interrupt the driver's poll */
  unsigned spin_misses;         /* spins in a row that found nothing */
  unsigned yield_misses;        /* yields that found nothing, less hits */
  unsigned yield_rest;          /* depth-1 waits left without a yield */
  unsigned gather_pause;        /* polls left before gathering again */
  bool greeting_looked;         /* the way of the greeting's wait */
  uint64_t handshake_start;     /* when it began, while timed, or 0 */

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

#endif /* NBD_HANDLE_H */
