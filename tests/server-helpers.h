/* Checks shared by the tests that talk to real servers.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef TESTS_SERVER_HELPERS_H
#define TESTS_SERVER_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>

#include <libnbd.h>

/* No single option or handshake takes anywhere near this long against
 * a local server; it only bounds a hang.
 */
#define DEADLINE_SECONDS 30

/* The sizes of the exports aio-connect.sh and connect-methods.sh serve
 * on a Unix socket and on TCP, and of those the programs start by
 * command and by socket activation: each size tells which one
 * answered.
 */
#define UNIX_SIZE (1024 * 1024)
#define TCP_SIZE (2 * 1024 * 1024)
#define COMMAND_SIZE (3 * 1024 * 1024)
#define ACTIVATION_SIZE (4 * 1024 * 1024)

/* The handle is in exactly the given state, one of "created",
 * "connecting", "negotiating", "ready", "processing", "dead" and
 * "closed", as the nbd_aio_is_* predicates tell it.
 */
#define CHECK_STATE(nbd, want)                                          \
  check_state (__FILE__, __LINE__, (nbd), (want))

extern void check_state (const char *file, int line, struct nbd_handle *nbd,
                         const char *want);

/* Run nbd_poll while the handle is connecting (an option or the
 * handshake is under way).  Returns -1 as soon as nbd_poll fails, 0
 * once the handle has stopped connecting.  A generous deadline turns a
 * state machine that never finishes into a test failure, not a hang.
 */
extern int poll_while_connecting (struct nbd_handle *nbd);

/* poll_while_connecting succeeds, and leaves the handle in the given
 * state, as CHECK_STATE names it.
 */
#define CHECK_POLL_TO_STATE(nbd, want)                                  \
  check_poll_to_state (__FILE__, __LINE__, (nbd), (want))

extern void check_poll_to_state (const char *file, int line,
                                 struct nbd_handle *nbd, const char *want);

/* An aio call named call_name returned r, and what it started fails:
 * either the call itself failed at once (r is -1), or else the
 * poll_while_connecting run here must fail.  Returns the name of the
 * call that reported the failure, call_name or "nbd_poll".
 */
extern const char *which_call_failed (struct nbd_handle *nbd, int r,
                                      const char *call_name);

/* Connect the handle to the Unix socket at path in option mode: it
 * stops at negotiation.  Returns the handle.
 */
extern struct nbd_handle *connect_opt_mode_unix (struct nbd_handle *nbd,
                                                 const char *path);

/* Require TLS with the key of user alice in the PSK file key_file. */
extern void set_psk (struct nbd_handle *nbd, const char *key_file);

/* A TCP socket bound to a free port of the loopback address of family
 * (AF_INET or AF_INET6), not yet listening.  The port number goes in
 * port (len bytes).  Returns the socket, for the caller to close.
 */
extern int bind_loopback (int family, char *port, size_t len);

/* A TCP port on the loopback address that refuses connections: the
 * socket is bound, so nobody else gets the port, but never listens.
 * The port number goes in port (len bytes), and the address in addr
 * unless that is NULL.  Returns the socket, for the caller to close.
 */
extern int bind_refusing_port (char *port, size_t len,
                               struct sockaddr_in *addr);

/* A socket connected to the Unix socket at path. */
extern int connect_unix_socket (const char *path);

/* For a program whose one argument is the server's Unix socket: after
 * checking that it runs on this tree's library, a handle connected
 * there.
 */
extern struct nbd_handle *connect_to_argument (int argc, char *argv[]);

/* What a list or context callback was given, and how many times its
 * free function ran.  The callbacks take a struct names as user_data.
 */
#define MAX_NAMES 16

struct names {
  size_t count;
  char *name[MAX_NAMES];
  char *description[MAX_NAMES];
  unsigned frees;
};

extern int record_export (void *user_data, const char *name,
                          const char *description);
extern int record_context (void *user_data, const char *name);
extern void count_names_free (void *user_data);

/* Forget what was recorded, ready for the next call. */
extern void names_reset (struct names *names);

/* The description recorded with name, or NULL if name was not seen. */
extern const char *names_find (const struct names *names, const char *name);

#define LIST_CALLBACK(names)                                            \
  ((nbd_list_callback) { .callback = record_export,                     \
      .user_data = (names), .free = count_names_free })
#define CONTEXT_CALLBACK(names)                                         \
  ((nbd_context_callback) { .callback = record_context,                 \
      .user_data = (names), .free = count_names_free })

/* A completion callback that stores the error it was given, and counts
 * the calls given one.  The callbacks take a struct completion as
 * user_data.  Another thread waits for calls (or frees) to change with
 * __atomic_load_n (..., __ATOMIC_ACQUIRE), and may then read the rest.
 */
struct completion {
  unsigned calls;
  int error;
  unsigned errors;
  unsigned frees;
};

extern int record_completion (void *user_data, int *error);
extern void count_completion_free (void *user_data);

#define COMPLETION_CALLBACK(c)                                          \
  ((nbd_completion_callback) { .callback = record_completion,           \
      .user_data = (c), .free = count_completion_free })

#endif /* TESTS_SERVER_HELPERS_H */
