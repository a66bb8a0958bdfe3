/* Compile-time proof that include/libnbd.h matches libnbd 1.24's API:
 * every call is assigned to a pointer of the exact prototype, every
 * callback struct is filled in member order with functions of the exact
 * types, and every constant and LIBNBD_HAVE_ macro is checked.  Built as
 * C99, C11 and C++ with warnings as errors, so any mismatch fails the
 * build.  The expected prototypes were written from libnbd 1.24's list of
 * functions, not from our generator.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

#ifdef __cplusplus
#define STATIC_ASSERT(e) static_assert ((e), #e)
#else
#define STATIC_ASSERT(e) _Static_assert ((e), #e)
#endif

/* Callback functions of the exact types the structs expect. */
static int chunk_fn (void *u, const void *b, size_t c, uint64_t o,
                     unsigned s, int *e)
{ (void) u; (void) b; (void) c; (void) o; (void) s; (void) e; return 0; }
static int completion_fn (void *u, int *e) { (void) u; (void) e; return 0; }
static int debug_fn (void *u, const char *c, const char *m)
{ (void) u; (void) c; (void) m; return 0; }
static int extent_fn (void *u, const char *m, uint64_t o, uint32_t *e,
                      size_t n, int *err)
{ (void) u; (void) m; (void) o; (void) e; (void) n; (void) err; return 0; }
static int extent64_fn (void *u, const char *m, uint64_t o, nbd_extent *e,
                        size_t n, int *err)
{ (void) u; (void) m; (void) o; (void) e; (void) n; (void) err; return 0; }
static int list_fn (void *u, const char *n, const char *d)
{ (void) u; (void) n; (void) d; return 0; }
static int context_fn (void *u, const char *n) { (void) u; (void) n; return 0; }
static void free_fn (void *u) { (void) u; }

/* Positional initialisers check the members' order as well as types. */
nbd_chunk_callback chunk_cb = { chunk_fn, NULL, free_fn };
nbd_completion_callback completion_cb = { completion_fn, NULL, free_fn };
nbd_debug_callback debug_cb = { debug_fn, NULL, free_fn };
nbd_extent_callback extent_cb = { extent_fn, NULL, free_fn };
nbd_extent64_callback extent64_cb = { extent64_fn, NULL, free_fn };
nbd_list_callback list_cb = { list_fn, NULL, free_fn };
nbd_context_callback context_cb = { context_fn, NULL, free_fn };
nbd_extent extent = { 1, 2 };
STATIC_ASSERT (sizeof (nbd_extent) == 2 * sizeof (uint64_t));

/* Every call, through a pointer of the reference prototype. */
void (*p_nbd_close) (struct nbd_handle *h) = nbd_close;
struct nbd_handle *(*p_nbd_create) (void) = nbd_create;
const char *(*p_nbd_get_error) (void) = nbd_get_error;
int (*p_nbd_get_errno) (void) = nbd_get_errno;
int (*p_nbd_set_debug) (struct nbd_handle *h, bool debug) = nbd_set_debug;
int (*p_nbd_get_debug) (struct nbd_handle *h) = nbd_get_debug;
int (*p_nbd_set_debug_callback) (struct nbd_handle *h, nbd_debug_callback debug_callback) = nbd_set_debug_callback;
int (*p_nbd_clear_debug_callback) (struct nbd_handle *h) = nbd_clear_debug_callback;
uint64_t (*p_nbd_stats_bytes_sent) (struct nbd_handle *h) = nbd_stats_bytes_sent;
uint64_t (*p_nbd_stats_chunks_sent) (struct nbd_handle *h) = nbd_stats_chunks_sent;
uint64_t (*p_nbd_stats_bytes_received) (struct nbd_handle *h) = nbd_stats_bytes_received;
uint64_t (*p_nbd_stats_chunks_received) (struct nbd_handle *h) = nbd_stats_chunks_received;
int (*p_nbd_set_handle_name) (struct nbd_handle *h, const char *handle_name) = nbd_set_handle_name;
char *(*p_nbd_get_handle_name) (struct nbd_handle *h) = nbd_get_handle_name;
uintptr_t (*p_nbd_set_private_data) (struct nbd_handle *h, uintptr_t private_data) = nbd_set_private_data;
uintptr_t (*p_nbd_get_private_data) (struct nbd_handle *h) = nbd_get_private_data;
int (*p_nbd_set_export_name) (struct nbd_handle *h, const char *export_name) = nbd_set_export_name;
char *(*p_nbd_get_export_name) (struct nbd_handle *h) = nbd_get_export_name;
int (*p_nbd_set_request_block_size) (struct nbd_handle *h, bool request) = nbd_set_request_block_size;
int (*p_nbd_get_request_block_size) (struct nbd_handle *h) = nbd_get_request_block_size;
int (*p_nbd_set_full_info) (struct nbd_handle *h, bool request) = nbd_set_full_info;
int (*p_nbd_get_full_info) (struct nbd_handle *h) = nbd_get_full_info;
char *(*p_nbd_get_canonical_export_name) (struct nbd_handle *h) = nbd_get_canonical_export_name;
char *(*p_nbd_get_export_description) (struct nbd_handle *h) = nbd_get_export_description;
int (*p_nbd_set_tls) (struct nbd_handle *h, int tls) = nbd_set_tls;
int (*p_nbd_get_tls) (struct nbd_handle *h) = nbd_get_tls;
int (*p_nbd_get_tls_negotiated) (struct nbd_handle *h) = nbd_get_tls_negotiated;
int (*p_nbd_set_tls_certificates) (struct nbd_handle *h, const char *dir) = nbd_set_tls_certificates;
int (*p_nbd_set_tls_verify_peer) (struct nbd_handle *h, bool verify) = nbd_set_tls_verify_peer;
int (*p_nbd_get_tls_verify_peer) (struct nbd_handle *h) = nbd_get_tls_verify_peer;
int (*p_nbd_set_tls_username) (struct nbd_handle *h, const char *username) = nbd_set_tls_username;
char *(*p_nbd_get_tls_username) (struct nbd_handle *h) = nbd_get_tls_username;
int (*p_nbd_set_tls_hostname) (struct nbd_handle *h, const char *hostname) = nbd_set_tls_hostname;
char *(*p_nbd_get_tls_hostname) (struct nbd_handle *h) = nbd_get_tls_hostname;
int (*p_nbd_set_tls_psk_file) (struct nbd_handle *h, const char *filename) = nbd_set_tls_psk_file;
int (*p_nbd_set_request_extended_headers) (struct nbd_handle *h, bool request) = nbd_set_request_extended_headers;
int (*p_nbd_get_request_extended_headers) (struct nbd_handle *h) = nbd_get_request_extended_headers;
int (*p_nbd_get_extended_headers_negotiated) (struct nbd_handle *h) = nbd_get_extended_headers_negotiated;
int (*p_nbd_set_request_structured_replies) (struct nbd_handle *h, bool request) = nbd_set_request_structured_replies;
int (*p_nbd_get_request_structured_replies) (struct nbd_handle *h) = nbd_get_request_structured_replies;
int (*p_nbd_get_structured_replies_negotiated) (struct nbd_handle *h) = nbd_get_structured_replies_negotiated;
int (*p_nbd_set_request_meta_context) (struct nbd_handle *h, bool request) = nbd_set_request_meta_context;
int (*p_nbd_get_request_meta_context) (struct nbd_handle *h) = nbd_get_request_meta_context;
int (*p_nbd_set_handshake_flags) (struct nbd_handle *h, uint32_t flags) = nbd_set_handshake_flags;
uint32_t (*p_nbd_get_handshake_flags) (struct nbd_handle *h) = nbd_get_handshake_flags;
int (*p_nbd_set_pread_initialize) (struct nbd_handle *h, bool request) = nbd_set_pread_initialize;
int (*p_nbd_get_pread_initialize) (struct nbd_handle *h) = nbd_get_pread_initialize;
int (*p_nbd_set_strict_mode) (struct nbd_handle *h, uint32_t flags) = nbd_set_strict_mode;
uint32_t (*p_nbd_get_strict_mode) (struct nbd_handle *h) = nbd_get_strict_mode;
int (*p_nbd_set_opt_mode) (struct nbd_handle *h, bool enable) = nbd_set_opt_mode;
int (*p_nbd_get_opt_mode) (struct nbd_handle *h) = nbd_get_opt_mode;
int (*p_nbd_opt_go) (struct nbd_handle *h) = nbd_opt_go;
int (*p_nbd_opt_abort) (struct nbd_handle *h) = nbd_opt_abort;
int (*p_nbd_opt_starttls) (struct nbd_handle *h) = nbd_opt_starttls;
int (*p_nbd_opt_extended_headers) (struct nbd_handle *h) = nbd_opt_extended_headers;
int (*p_nbd_opt_structured_reply) (struct nbd_handle *h) = nbd_opt_structured_reply;
int (*p_nbd_opt_list) (struct nbd_handle *h, nbd_list_callback list_callback) = nbd_opt_list;
int (*p_nbd_opt_info) (struct nbd_handle *h) = nbd_opt_info;
int (*p_nbd_opt_list_meta_context) (struct nbd_handle *h, nbd_context_callback context_callback) = nbd_opt_list_meta_context;
int (*p_nbd_opt_list_meta_context_queries) (struct nbd_handle *h, char **queries, nbd_context_callback context_callback) = nbd_opt_list_meta_context_queries;
int (*p_nbd_opt_set_meta_context) (struct nbd_handle *h, nbd_context_callback context_callback) = nbd_opt_set_meta_context;
int (*p_nbd_opt_set_meta_context_queries) (struct nbd_handle *h, char **queries, nbd_context_callback context_callback) = nbd_opt_set_meta_context_queries;
int (*p_nbd_add_meta_context) (struct nbd_handle *h, const char *name) = nbd_add_meta_context;
ssize_t (*p_nbd_get_nr_meta_contexts) (struct nbd_handle *h) = nbd_get_nr_meta_contexts;
char *(*p_nbd_get_meta_context) (struct nbd_handle *h, size_t i) = nbd_get_meta_context;
int (*p_nbd_clear_meta_contexts) (struct nbd_handle *h) = nbd_clear_meta_contexts;
int (*p_nbd_set_uri_allow_transports) (struct nbd_handle *h, uint32_t mask) = nbd_set_uri_allow_transports;
int (*p_nbd_set_uri_allow_tls) (struct nbd_handle *h, int tls) = nbd_set_uri_allow_tls;
int (*p_nbd_set_uri_allow_local_file) (struct nbd_handle *h, bool allow) = nbd_set_uri_allow_local_file;
int (*p_nbd_connect_uri) (struct nbd_handle *h, const char *uri) = nbd_connect_uri;
int (*p_nbd_connect_unix) (struct nbd_handle *h, const char *unixsocket) = nbd_connect_unix;
int (*p_nbd_connect_vsock) (struct nbd_handle *h, uint32_t cid, uint32_t port) = nbd_connect_vsock;
int (*p_nbd_connect_tcp) (struct nbd_handle *h, const char *hostname, const char *port) = nbd_connect_tcp;
int (*p_nbd_connect_socket) (struct nbd_handle *h, int sock) = nbd_connect_socket;
int (*p_nbd_connect_command) (struct nbd_handle *h, char **argv) = nbd_connect_command;
int (*p_nbd_connect_systemd_socket_activation) (struct nbd_handle *h, char **argv) = nbd_connect_systemd_socket_activation;
int (*p_nbd_set_socket_activation_name) (struct nbd_handle *h, const char *socket_name) = nbd_set_socket_activation_name;
char *(*p_nbd_get_socket_activation_name) (struct nbd_handle *h) = nbd_get_socket_activation_name;
int (*p_nbd_is_read_only) (struct nbd_handle *h) = nbd_is_read_only;
int (*p_nbd_can_flush) (struct nbd_handle *h) = nbd_can_flush;
int (*p_nbd_can_fua) (struct nbd_handle *h) = nbd_can_fua;
int (*p_nbd_is_rotational) (struct nbd_handle *h) = nbd_is_rotational;
int (*p_nbd_can_trim) (struct nbd_handle *h) = nbd_can_trim;
int (*p_nbd_can_zero) (struct nbd_handle *h) = nbd_can_zero;
int (*p_nbd_can_fast_zero) (struct nbd_handle *h) = nbd_can_fast_zero;
int (*p_nbd_can_block_status_payload) (struct nbd_handle *h) = nbd_can_block_status_payload;
int (*p_nbd_can_df) (struct nbd_handle *h) = nbd_can_df;
int (*p_nbd_can_multi_conn) (struct nbd_handle *h) = nbd_can_multi_conn;
int (*p_nbd_can_cache) (struct nbd_handle *h) = nbd_can_cache;
int (*p_nbd_can_meta_context) (struct nbd_handle *h, const char *metacontext) = nbd_can_meta_context;
const char *(*p_nbd_get_protocol) (struct nbd_handle *h) = nbd_get_protocol;
int64_t (*p_nbd_get_size) (struct nbd_handle *h) = nbd_get_size;
int64_t (*p_nbd_get_block_size) (struct nbd_handle *h, int size_type) = nbd_get_block_size;
int (*p_nbd_pread) (struct nbd_handle *h, void *buf, size_t count, uint64_t offset, uint32_t flags) = nbd_pread;
int (*p_nbd_pread_structured) (struct nbd_handle *h, void *buf, size_t count, uint64_t offset, nbd_chunk_callback chunk_callback, uint32_t flags) = nbd_pread_structured;
int (*p_nbd_pwrite) (struct nbd_handle *h, const void *buf, size_t count, uint64_t offset, uint32_t flags) = nbd_pwrite;
int (*p_nbd_shutdown) (struct nbd_handle *h, uint32_t flags) = nbd_shutdown;
int (*p_nbd_flush) (struct nbd_handle *h, uint32_t flags) = nbd_flush;
int (*p_nbd_trim) (struct nbd_handle *h, uint64_t count, uint64_t offset, uint32_t flags) = nbd_trim;
int (*p_nbd_cache) (struct nbd_handle *h, uint64_t count, uint64_t offset, uint32_t flags) = nbd_cache;
int (*p_nbd_zero) (struct nbd_handle *h, uint64_t count, uint64_t offset, uint32_t flags) = nbd_zero;
int (*p_nbd_block_status) (struct nbd_handle *h, uint64_t count, uint64_t offset, nbd_extent_callback extent_callback, uint32_t flags) = nbd_block_status;
int (*p_nbd_block_status_64) (struct nbd_handle *h, uint64_t count, uint64_t offset, nbd_extent64_callback extent64_callback, uint32_t flags) = nbd_block_status_64;
int (*p_nbd_block_status_filter) (struct nbd_handle *h, uint64_t count, uint64_t offset, char **contexts, nbd_extent64_callback extent64_callback, uint32_t flags) = nbd_block_status_filter;
int (*p_nbd_poll) (struct nbd_handle *h, int timeout) = nbd_poll;
int (*p_nbd_poll2) (struct nbd_handle *h, int fd, int timeout) = nbd_poll2;
int (*p_nbd_aio_connect) (struct nbd_handle *h, const struct sockaddr *addr, socklen_t addrlen) = nbd_aio_connect;
int (*p_nbd_aio_connect_uri) (struct nbd_handle *h, const char *uri) = nbd_aio_connect_uri;
int (*p_nbd_aio_connect_unix) (struct nbd_handle *h, const char *unixsocket) = nbd_aio_connect_unix;
int (*p_nbd_aio_connect_vsock) (struct nbd_handle *h, uint32_t cid, uint32_t port) = nbd_aio_connect_vsock;
int (*p_nbd_aio_connect_tcp) (struct nbd_handle *h, const char *hostname, const char *port) = nbd_aio_connect_tcp;
int (*p_nbd_aio_connect_socket) (struct nbd_handle *h, int sock) = nbd_aio_connect_socket;
int (*p_nbd_aio_connect_command) (struct nbd_handle *h, char **argv) = nbd_aio_connect_command;
int (*p_nbd_aio_connect_systemd_socket_activation) (struct nbd_handle *h, char **argv) = nbd_aio_connect_systemd_socket_activation;
int (*p_nbd_aio_opt_go) (struct nbd_handle *h, nbd_completion_callback completion_callback) = nbd_aio_opt_go;
int (*p_nbd_aio_opt_abort) (struct nbd_handle *h) = nbd_aio_opt_abort;
int (*p_nbd_aio_opt_starttls) (struct nbd_handle *h, nbd_completion_callback completion_callback) = nbd_aio_opt_starttls;
int (*p_nbd_aio_opt_extended_headers) (struct nbd_handle *h, nbd_completion_callback completion_callback) = nbd_aio_opt_extended_headers;
int (*p_nbd_aio_opt_structured_reply) (struct nbd_handle *h, nbd_completion_callback completion_callback) = nbd_aio_opt_structured_reply;
int (*p_nbd_aio_opt_list) (struct nbd_handle *h, nbd_list_callback list_callback, nbd_completion_callback completion_callback) = nbd_aio_opt_list;
int (*p_nbd_aio_opt_info) (struct nbd_handle *h, nbd_completion_callback completion_callback) = nbd_aio_opt_info;
int (*p_nbd_aio_opt_list_meta_context) (struct nbd_handle *h, nbd_context_callback context_callback, nbd_completion_callback completion_callback) = nbd_aio_opt_list_meta_context;
int (*p_nbd_aio_opt_list_meta_context_queries) (struct nbd_handle *h, char **queries, nbd_context_callback context_callback, nbd_completion_callback completion_callback) = nbd_aio_opt_list_meta_context_queries;
int (*p_nbd_aio_opt_set_meta_context) (struct nbd_handle *h, nbd_context_callback context_callback, nbd_completion_callback completion_callback) = nbd_aio_opt_set_meta_context;
int (*p_nbd_aio_opt_set_meta_context_queries) (struct nbd_handle *h, char **queries, nbd_context_callback context_callback, nbd_completion_callback completion_callback) = nbd_aio_opt_set_meta_context_queries;
int64_t (*p_nbd_aio_pread) (struct nbd_handle *h, void *buf, size_t count, uint64_t offset, nbd_completion_callback completion_callback, uint32_t flags) = nbd_aio_pread;
int64_t (*p_nbd_aio_pread_structured) (struct nbd_handle *h, void *buf, size_t count, uint64_t offset, nbd_chunk_callback chunk_callback, nbd_completion_callback completion_callback, uint32_t flags) = nbd_aio_pread_structured;
int64_t (*p_nbd_aio_pwrite) (struct nbd_handle *h, const void *buf, size_t count, uint64_t offset, nbd_completion_callback completion_callback, uint32_t flags) = nbd_aio_pwrite;
int (*p_nbd_aio_disconnect) (struct nbd_handle *h, uint32_t flags) = nbd_aio_disconnect;
int64_t (*p_nbd_aio_flush) (struct nbd_handle *h, nbd_completion_callback completion_callback, uint32_t flags) = nbd_aio_flush;
int64_t (*p_nbd_aio_trim) (struct nbd_handle *h, uint64_t count, uint64_t offset, nbd_completion_callback completion_callback, uint32_t flags) = nbd_aio_trim;
int64_t (*p_nbd_aio_cache) (struct nbd_handle *h, uint64_t count, uint64_t offset, nbd_completion_callback completion_callback, uint32_t flags) = nbd_aio_cache;
int64_t (*p_nbd_aio_zero) (struct nbd_handle *h, uint64_t count, uint64_t offset, nbd_completion_callback completion_callback, uint32_t flags) = nbd_aio_zero;
int64_t (*p_nbd_aio_block_status) (struct nbd_handle *h, uint64_t count, uint64_t offset, nbd_extent_callback extent_callback, nbd_completion_callback completion_callback, uint32_t flags) = nbd_aio_block_status;
int64_t (*p_nbd_aio_block_status_64) (struct nbd_handle *h, uint64_t count, uint64_t offset, nbd_extent64_callback extent64_callback, nbd_completion_callback completion_callback, uint32_t flags) = nbd_aio_block_status_64;
int64_t (*p_nbd_aio_block_status_filter) (struct nbd_handle *h, uint64_t count, uint64_t offset, char **contexts, nbd_extent64_callback extent64_callback, nbd_completion_callback completion_callback, uint32_t flags) = nbd_aio_block_status_filter;
int (*p_nbd_aio_get_fd) (struct nbd_handle *h) = nbd_aio_get_fd;
unsigned (*p_nbd_aio_get_direction) (struct nbd_handle *h) = nbd_aio_get_direction;
int (*p_nbd_aio_notify_read) (struct nbd_handle *h) = nbd_aio_notify_read;
int (*p_nbd_aio_notify_write) (struct nbd_handle *h) = nbd_aio_notify_write;
int (*p_nbd_aio_is_created) (struct nbd_handle *h) = nbd_aio_is_created;
int (*p_nbd_aio_is_connecting) (struct nbd_handle *h) = nbd_aio_is_connecting;
int (*p_nbd_aio_is_negotiating) (struct nbd_handle *h) = nbd_aio_is_negotiating;
int (*p_nbd_aio_is_ready) (struct nbd_handle *h) = nbd_aio_is_ready;
int (*p_nbd_aio_is_processing) (struct nbd_handle *h) = nbd_aio_is_processing;
int (*p_nbd_aio_is_dead) (struct nbd_handle *h) = nbd_aio_is_dead;
int (*p_nbd_aio_is_closed) (struct nbd_handle *h) = nbd_aio_is_closed;
int (*p_nbd_aio_command_completed) (struct nbd_handle *h, uint64_t cookie) = nbd_aio_command_completed;
int64_t (*p_nbd_aio_peek_command_completed) (struct nbd_handle *h) = nbd_aio_peek_command_completed;
int (*p_nbd_aio_in_flight) (struct nbd_handle *h) = nbd_aio_in_flight;
const char *(*p_nbd_connection_state) (struct nbd_handle *h) = nbd_connection_state;
const char *(*p_nbd_get_package_name) (struct nbd_handle *h) = nbd_get_package_name;
const char *(*p_nbd_get_version) (struct nbd_handle *h) = nbd_get_version;
ssize_t (*p_nbd_get_handle_size) (struct nbd_handle *h) = nbd_get_handle_size;
int (*p_nbd_set_tls_priority) (struct nbd_handle *h, const char *priority) = nbd_set_tls_priority;
char *(*p_nbd_get_tls_priority) (struct nbd_handle *h) = nbd_get_tls_priority;
int (*p_nbd_set_uri_allow_tls_priority) (struct nbd_handle *h, bool allow) = nbd_set_uri_allow_tls_priority;
const char *(*p_nbd_get_version_extra) (struct nbd_handle *h) = nbd_get_version_extra;
int (*p_nbd_kill_subprocess) (struct nbd_handle *h, int signum) = nbd_kill_subprocess;
int64_t (*p_nbd_get_subprocess_pid) (struct nbd_handle *h) = nbd_get_subprocess_pid;
int (*p_nbd_supports_tls) (struct nbd_handle *h) = nbd_supports_tls;
int (*p_nbd_supports_vsock) (struct nbd_handle *h) = nbd_supports_vsock;
int (*p_nbd_supports_uri) (struct nbd_handle *h) = nbd_supports_uri;
char *(*p_nbd_get_uri) (struct nbd_handle *h) = nbd_get_uri;
int (*p_nbd_is_uri) (struct nbd_handle *h, const char *uri) = nbd_is_uri;

/* Every constant has the reference value. */
STATIC_ASSERT (LIBNBD_TLS_DISABLE == 0);
STATIC_ASSERT (LIBNBD_TLS_ALLOW == 1);
STATIC_ASSERT (LIBNBD_TLS_REQUIRE == 2);
STATIC_ASSERT (LIBNBD_SIZE_MINIMUM == 0);
STATIC_ASSERT (LIBNBD_SIZE_PREFERRED == 1);
STATIC_ASSERT (LIBNBD_SIZE_MAXIMUM == 2);
STATIC_ASSERT (LIBNBD_SIZE_PAYLOAD == 3);
STATIC_ASSERT (LIBNBD_CMD_FLAG_FUA == 0x01U);
STATIC_ASSERT (LIBNBD_CMD_FLAG_NO_HOLE == 0x02U);
STATIC_ASSERT (LIBNBD_CMD_FLAG_DF == 0x04U);
STATIC_ASSERT (LIBNBD_CMD_FLAG_REQ_ONE == 0x08U);
STATIC_ASSERT (LIBNBD_CMD_FLAG_FAST_ZERO == 0x10U);
STATIC_ASSERT (LIBNBD_CMD_FLAG_PAYLOAD_LEN == 0x20U);
STATIC_ASSERT (LIBNBD_CMD_FLAG_MASK == 0x3fU);
STATIC_ASSERT (LIBNBD_HANDSHAKE_FLAG_FIXED_NEWSTYLE == 0x01U);
STATIC_ASSERT (LIBNBD_HANDSHAKE_FLAG_NO_ZEROES == 0x02U);
STATIC_ASSERT (LIBNBD_HANDSHAKE_FLAG_MASK == 0x03U);
STATIC_ASSERT (LIBNBD_STRICT_COMMANDS == 0x01U);
STATIC_ASSERT (LIBNBD_STRICT_FLAGS == 0x02U);
STATIC_ASSERT (LIBNBD_STRICT_BOUNDS == 0x04U);
STATIC_ASSERT (LIBNBD_STRICT_ZERO_SIZE == 0x08U);
STATIC_ASSERT (LIBNBD_STRICT_ALIGN == 0x10U);
STATIC_ASSERT (LIBNBD_STRICT_PAYLOAD == 0x20U);
STATIC_ASSERT (LIBNBD_STRICT_AUTO_FLAG == 0x40U);
STATIC_ASSERT (LIBNBD_STRICT_MASK == 0x7fU);
STATIC_ASSERT (LIBNBD_ALLOW_TRANSPORT_TCP == 0x01U);
STATIC_ASSERT (LIBNBD_ALLOW_TRANSPORT_UNIX == 0x02U);
STATIC_ASSERT (LIBNBD_ALLOW_TRANSPORT_VSOCK == 0x04U);
STATIC_ASSERT (LIBNBD_ALLOW_TRANSPORT_SSH == 0x08U);
STATIC_ASSERT (LIBNBD_ALLOW_TRANSPORT_MASK == 0x0fU);
STATIC_ASSERT (LIBNBD_SHUTDOWN_ABANDON_PENDING == 0x10000U);
STATIC_ASSERT (LIBNBD_SHUTDOWN_MASK == 0x10000U);
STATIC_ASSERT (LIBNBD_AIO_DIRECTION_READ == 1);
STATIC_ASSERT (LIBNBD_AIO_DIRECTION_WRITE == 2);
STATIC_ASSERT (LIBNBD_AIO_DIRECTION_BOTH == 3);
STATIC_ASSERT (LIBNBD_READ_DATA == 1);
STATIC_ASSERT (LIBNBD_READ_HOLE == 2);
STATIC_ASSERT (LIBNBD_READ_ERROR == 3);
STATIC_ASSERT (LIBNBD_STATE_HOLE == 1);
STATIC_ASSERT (LIBNBD_STATE_ZERO == 2);
STATIC_ASSERT (LIBNBD_STATE_DIRTY == 1);

/* Every LIBNBD_HAVE_ macro is defined. */
#ifndef LIBNBD_HAVE_NBD_CLOSE
#error "LIBNBD_HAVE_NBD_CLOSE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CREATE
#error "LIBNBD_HAVE_NBD_CREATE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_ERROR
#error "LIBNBD_HAVE_NBD_GET_ERROR is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_ERRNO
#error "LIBNBD_HAVE_NBD_GET_ERRNO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CHUNK_CALLBACK
#error "LIBNBD_HAVE_NBD_CHUNK_CALLBACK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_COMPLETION_CALLBACK
#error "LIBNBD_HAVE_NBD_COMPLETION_CALLBACK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_DEBUG_CALLBACK
#error "LIBNBD_HAVE_NBD_DEBUG_CALLBACK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_EXTENT_CALLBACK
#error "LIBNBD_HAVE_NBD_EXTENT_CALLBACK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_EXTENT64_CALLBACK
#error "LIBNBD_HAVE_NBD_EXTENT64_CALLBACK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_LIST_CALLBACK
#error "LIBNBD_HAVE_NBD_LIST_CALLBACK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CONTEXT_CALLBACK
#error "LIBNBD_HAVE_NBD_CONTEXT_CALLBACK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_DEBUG
#error "LIBNBD_HAVE_NBD_SET_DEBUG is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_DEBUG
#error "LIBNBD_HAVE_NBD_GET_DEBUG is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_DEBUG_CALLBACK
#error "LIBNBD_HAVE_NBD_SET_DEBUG_CALLBACK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CLEAR_DEBUG_CALLBACK
#error "LIBNBD_HAVE_NBD_CLEAR_DEBUG_CALLBACK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_STATS_BYTES_SENT
#error "LIBNBD_HAVE_NBD_STATS_BYTES_SENT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_STATS_CHUNKS_SENT
#error "LIBNBD_HAVE_NBD_STATS_CHUNKS_SENT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_STATS_BYTES_RECEIVED
#error "LIBNBD_HAVE_NBD_STATS_BYTES_RECEIVED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_STATS_CHUNKS_RECEIVED
#error "LIBNBD_HAVE_NBD_STATS_CHUNKS_RECEIVED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_HANDLE_NAME
#error "LIBNBD_HAVE_NBD_SET_HANDLE_NAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_HANDLE_NAME
#error "LIBNBD_HAVE_NBD_GET_HANDLE_NAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_PRIVATE_DATA
#error "LIBNBD_HAVE_NBD_SET_PRIVATE_DATA is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_PRIVATE_DATA
#error "LIBNBD_HAVE_NBD_GET_PRIVATE_DATA is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_EXPORT_NAME
#error "LIBNBD_HAVE_NBD_SET_EXPORT_NAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_EXPORT_NAME
#error "LIBNBD_HAVE_NBD_GET_EXPORT_NAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_REQUEST_BLOCK_SIZE
#error "LIBNBD_HAVE_NBD_SET_REQUEST_BLOCK_SIZE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_REQUEST_BLOCK_SIZE
#error "LIBNBD_HAVE_NBD_GET_REQUEST_BLOCK_SIZE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_FULL_INFO
#error "LIBNBD_HAVE_NBD_SET_FULL_INFO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_FULL_INFO
#error "LIBNBD_HAVE_NBD_GET_FULL_INFO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_CANONICAL_EXPORT_NAME
#error "LIBNBD_HAVE_NBD_GET_CANONICAL_EXPORT_NAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_EXPORT_DESCRIPTION
#error "LIBNBD_HAVE_NBD_GET_EXPORT_DESCRIPTION is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_TLS
#error "LIBNBD_HAVE_NBD_SET_TLS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_TLS
#error "LIBNBD_HAVE_NBD_GET_TLS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_TLS_NEGOTIATED
#error "LIBNBD_HAVE_NBD_GET_TLS_NEGOTIATED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_TLS_CERTIFICATES
#error "LIBNBD_HAVE_NBD_SET_TLS_CERTIFICATES is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_TLS_VERIFY_PEER
#error "LIBNBD_HAVE_NBD_SET_TLS_VERIFY_PEER is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_TLS_VERIFY_PEER
#error "LIBNBD_HAVE_NBD_GET_TLS_VERIFY_PEER is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_TLS_USERNAME
#error "LIBNBD_HAVE_NBD_SET_TLS_USERNAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_TLS_USERNAME
#error "LIBNBD_HAVE_NBD_GET_TLS_USERNAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_TLS_HOSTNAME
#error "LIBNBD_HAVE_NBD_SET_TLS_HOSTNAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_TLS_HOSTNAME
#error "LIBNBD_HAVE_NBD_GET_TLS_HOSTNAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_TLS_PSK_FILE
#error "LIBNBD_HAVE_NBD_SET_TLS_PSK_FILE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_REQUEST_EXTENDED_HEADERS
#error "LIBNBD_HAVE_NBD_SET_REQUEST_EXTENDED_HEADERS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_REQUEST_EXTENDED_HEADERS
#error "LIBNBD_HAVE_NBD_GET_REQUEST_EXTENDED_HEADERS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_EXTENDED_HEADERS_NEGOTIATED
#error "LIBNBD_HAVE_NBD_GET_EXTENDED_HEADERS_NEGOTIATED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_REQUEST_STRUCTURED_REPLIES
#error "LIBNBD_HAVE_NBD_SET_REQUEST_STRUCTURED_REPLIES is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_REQUEST_STRUCTURED_REPLIES
#error "LIBNBD_HAVE_NBD_GET_REQUEST_STRUCTURED_REPLIES is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_STRUCTURED_REPLIES_NEGOTIATED
#error "LIBNBD_HAVE_NBD_GET_STRUCTURED_REPLIES_NEGOTIATED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_REQUEST_META_CONTEXT
#error "LIBNBD_HAVE_NBD_SET_REQUEST_META_CONTEXT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_REQUEST_META_CONTEXT
#error "LIBNBD_HAVE_NBD_GET_REQUEST_META_CONTEXT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_HANDSHAKE_FLAGS
#error "LIBNBD_HAVE_NBD_SET_HANDSHAKE_FLAGS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_HANDSHAKE_FLAGS
#error "LIBNBD_HAVE_NBD_GET_HANDSHAKE_FLAGS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_PREAD_INITIALIZE
#error "LIBNBD_HAVE_NBD_SET_PREAD_INITIALIZE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_PREAD_INITIALIZE
#error "LIBNBD_HAVE_NBD_GET_PREAD_INITIALIZE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_STRICT_MODE
#error "LIBNBD_HAVE_NBD_SET_STRICT_MODE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_STRICT_MODE
#error "LIBNBD_HAVE_NBD_GET_STRICT_MODE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_OPT_MODE
#error "LIBNBD_HAVE_NBD_SET_OPT_MODE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_OPT_MODE
#error "LIBNBD_HAVE_NBD_GET_OPT_MODE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_GO
#error "LIBNBD_HAVE_NBD_OPT_GO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_ABORT
#error "LIBNBD_HAVE_NBD_OPT_ABORT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_STARTTLS
#error "LIBNBD_HAVE_NBD_OPT_STARTTLS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_EXTENDED_HEADERS
#error "LIBNBD_HAVE_NBD_OPT_EXTENDED_HEADERS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_STRUCTURED_REPLY
#error "LIBNBD_HAVE_NBD_OPT_STRUCTURED_REPLY is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_LIST
#error "LIBNBD_HAVE_NBD_OPT_LIST is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_INFO
#error "LIBNBD_HAVE_NBD_OPT_INFO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_LIST_META_CONTEXT
#error "LIBNBD_HAVE_NBD_OPT_LIST_META_CONTEXT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_LIST_META_CONTEXT_QUERIES
#error "LIBNBD_HAVE_NBD_OPT_LIST_META_CONTEXT_QUERIES is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_SET_META_CONTEXT
#error "LIBNBD_HAVE_NBD_OPT_SET_META_CONTEXT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_OPT_SET_META_CONTEXT_QUERIES
#error "LIBNBD_HAVE_NBD_OPT_SET_META_CONTEXT_QUERIES is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_ADD_META_CONTEXT
#error "LIBNBD_HAVE_NBD_ADD_META_CONTEXT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_NR_META_CONTEXTS
#error "LIBNBD_HAVE_NBD_GET_NR_META_CONTEXTS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_META_CONTEXT
#error "LIBNBD_HAVE_NBD_GET_META_CONTEXT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CLEAR_META_CONTEXTS
#error "LIBNBD_HAVE_NBD_CLEAR_META_CONTEXTS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_URI_ALLOW_TRANSPORTS
#error "LIBNBD_HAVE_NBD_SET_URI_ALLOW_TRANSPORTS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_URI_ALLOW_TLS
#error "LIBNBD_HAVE_NBD_SET_URI_ALLOW_TLS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_URI_ALLOW_LOCAL_FILE
#error "LIBNBD_HAVE_NBD_SET_URI_ALLOW_LOCAL_FILE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CONNECT_URI
#error "LIBNBD_HAVE_NBD_CONNECT_URI is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CONNECT_UNIX
#error "LIBNBD_HAVE_NBD_CONNECT_UNIX is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CONNECT_VSOCK
#error "LIBNBD_HAVE_NBD_CONNECT_VSOCK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CONNECT_TCP
#error "LIBNBD_HAVE_NBD_CONNECT_TCP is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CONNECT_SOCKET
#error "LIBNBD_HAVE_NBD_CONNECT_SOCKET is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CONNECT_COMMAND
#error "LIBNBD_HAVE_NBD_CONNECT_COMMAND is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CONNECT_SYSTEMD_SOCKET_ACTIVATION
#error "LIBNBD_HAVE_NBD_CONNECT_SYSTEMD_SOCKET_ACTIVATION is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_SOCKET_ACTIVATION_NAME
#error "LIBNBD_HAVE_NBD_SET_SOCKET_ACTIVATION_NAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_SOCKET_ACTIVATION_NAME
#error "LIBNBD_HAVE_NBD_GET_SOCKET_ACTIVATION_NAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_IS_READ_ONLY
#error "LIBNBD_HAVE_NBD_IS_READ_ONLY is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CAN_FLUSH
#error "LIBNBD_HAVE_NBD_CAN_FLUSH is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CAN_FUA
#error "LIBNBD_HAVE_NBD_CAN_FUA is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_IS_ROTATIONAL
#error "LIBNBD_HAVE_NBD_IS_ROTATIONAL is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CAN_TRIM
#error "LIBNBD_HAVE_NBD_CAN_TRIM is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CAN_ZERO
#error "LIBNBD_HAVE_NBD_CAN_ZERO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CAN_FAST_ZERO
#error "LIBNBD_HAVE_NBD_CAN_FAST_ZERO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CAN_BLOCK_STATUS_PAYLOAD
#error "LIBNBD_HAVE_NBD_CAN_BLOCK_STATUS_PAYLOAD is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CAN_DF
#error "LIBNBD_HAVE_NBD_CAN_DF is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CAN_MULTI_CONN
#error "LIBNBD_HAVE_NBD_CAN_MULTI_CONN is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CAN_CACHE
#error "LIBNBD_HAVE_NBD_CAN_CACHE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CAN_META_CONTEXT
#error "LIBNBD_HAVE_NBD_CAN_META_CONTEXT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_PROTOCOL
#error "LIBNBD_HAVE_NBD_GET_PROTOCOL is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_SIZE
#error "LIBNBD_HAVE_NBD_GET_SIZE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_BLOCK_SIZE
#error "LIBNBD_HAVE_NBD_GET_BLOCK_SIZE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_PREAD
#error "LIBNBD_HAVE_NBD_PREAD is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_PREAD_STRUCTURED
#error "LIBNBD_HAVE_NBD_PREAD_STRUCTURED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_PWRITE
#error "LIBNBD_HAVE_NBD_PWRITE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SHUTDOWN
#error "LIBNBD_HAVE_NBD_SHUTDOWN is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_FLUSH
#error "LIBNBD_HAVE_NBD_FLUSH is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_TRIM
#error "LIBNBD_HAVE_NBD_TRIM is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CACHE
#error "LIBNBD_HAVE_NBD_CACHE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_ZERO
#error "LIBNBD_HAVE_NBD_ZERO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_BLOCK_STATUS
#error "LIBNBD_HAVE_NBD_BLOCK_STATUS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_BLOCK_STATUS_64
#error "LIBNBD_HAVE_NBD_BLOCK_STATUS_64 is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_BLOCK_STATUS_FILTER
#error "LIBNBD_HAVE_NBD_BLOCK_STATUS_FILTER is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_POLL
#error "LIBNBD_HAVE_NBD_POLL is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_POLL2
#error "LIBNBD_HAVE_NBD_POLL2 is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_CONNECT
#error "LIBNBD_HAVE_NBD_AIO_CONNECT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_CONNECT_URI
#error "LIBNBD_HAVE_NBD_AIO_CONNECT_URI is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_CONNECT_UNIX
#error "LIBNBD_HAVE_NBD_AIO_CONNECT_UNIX is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_CONNECT_VSOCK
#error "LIBNBD_HAVE_NBD_AIO_CONNECT_VSOCK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_CONNECT_TCP
#error "LIBNBD_HAVE_NBD_AIO_CONNECT_TCP is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_CONNECT_SOCKET
#error "LIBNBD_HAVE_NBD_AIO_CONNECT_SOCKET is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_CONNECT_COMMAND
#error "LIBNBD_HAVE_NBD_AIO_CONNECT_COMMAND is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_CONNECT_SYSTEMD_SOCKET_ACTIVATION
#error "LIBNBD_HAVE_NBD_AIO_CONNECT_SYSTEMD_SOCKET_ACTIVATION is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_GO
#error "LIBNBD_HAVE_NBD_AIO_OPT_GO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_ABORT
#error "LIBNBD_HAVE_NBD_AIO_OPT_ABORT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_STARTTLS
#error "LIBNBD_HAVE_NBD_AIO_OPT_STARTTLS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_EXTENDED_HEADERS
#error "LIBNBD_HAVE_NBD_AIO_OPT_EXTENDED_HEADERS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_STRUCTURED_REPLY
#error "LIBNBD_HAVE_NBD_AIO_OPT_STRUCTURED_REPLY is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_LIST
#error "LIBNBD_HAVE_NBD_AIO_OPT_LIST is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_INFO
#error "LIBNBD_HAVE_NBD_AIO_OPT_INFO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_LIST_META_CONTEXT
#error "LIBNBD_HAVE_NBD_AIO_OPT_LIST_META_CONTEXT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_LIST_META_CONTEXT_QUERIES
#error "LIBNBD_HAVE_NBD_AIO_OPT_LIST_META_CONTEXT_QUERIES is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_SET_META_CONTEXT
#error "LIBNBD_HAVE_NBD_AIO_OPT_SET_META_CONTEXT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_OPT_SET_META_CONTEXT_QUERIES
#error "LIBNBD_HAVE_NBD_AIO_OPT_SET_META_CONTEXT_QUERIES is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_PREAD
#error "LIBNBD_HAVE_NBD_AIO_PREAD is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_PREAD_STRUCTURED
#error "LIBNBD_HAVE_NBD_AIO_PREAD_STRUCTURED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_PWRITE
#error "LIBNBD_HAVE_NBD_AIO_PWRITE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_DISCONNECT
#error "LIBNBD_HAVE_NBD_AIO_DISCONNECT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_FLUSH
#error "LIBNBD_HAVE_NBD_AIO_FLUSH is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_TRIM
#error "LIBNBD_HAVE_NBD_AIO_TRIM is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_CACHE
#error "LIBNBD_HAVE_NBD_AIO_CACHE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_ZERO
#error "LIBNBD_HAVE_NBD_AIO_ZERO is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_BLOCK_STATUS
#error "LIBNBD_HAVE_NBD_AIO_BLOCK_STATUS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_BLOCK_STATUS_64
#error "LIBNBD_HAVE_NBD_AIO_BLOCK_STATUS_64 is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_BLOCK_STATUS_FILTER
#error "LIBNBD_HAVE_NBD_AIO_BLOCK_STATUS_FILTER is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_GET_FD
#error "LIBNBD_HAVE_NBD_AIO_GET_FD is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_GET_DIRECTION
#error "LIBNBD_HAVE_NBD_AIO_GET_DIRECTION is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_NOTIFY_READ
#error "LIBNBD_HAVE_NBD_AIO_NOTIFY_READ is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_NOTIFY_WRITE
#error "LIBNBD_HAVE_NBD_AIO_NOTIFY_WRITE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_IS_CREATED
#error "LIBNBD_HAVE_NBD_AIO_IS_CREATED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_IS_CONNECTING
#error "LIBNBD_HAVE_NBD_AIO_IS_CONNECTING is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_IS_NEGOTIATING
#error "LIBNBD_HAVE_NBD_AIO_IS_NEGOTIATING is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_IS_READY
#error "LIBNBD_HAVE_NBD_AIO_IS_READY is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_IS_PROCESSING
#error "LIBNBD_HAVE_NBD_AIO_IS_PROCESSING is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_IS_DEAD
#error "LIBNBD_HAVE_NBD_AIO_IS_DEAD is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_IS_CLOSED
#error "LIBNBD_HAVE_NBD_AIO_IS_CLOSED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_COMMAND_COMPLETED
#error "LIBNBD_HAVE_NBD_AIO_COMMAND_COMPLETED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_PEEK_COMMAND_COMPLETED
#error "LIBNBD_HAVE_NBD_AIO_PEEK_COMMAND_COMPLETED is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_AIO_IN_FLIGHT
#error "LIBNBD_HAVE_NBD_AIO_IN_FLIGHT is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_CONNECTION_STATE
#error "LIBNBD_HAVE_NBD_CONNECTION_STATE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_PACKAGE_NAME
#error "LIBNBD_HAVE_NBD_GET_PACKAGE_NAME is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_VERSION
#error "LIBNBD_HAVE_NBD_GET_VERSION is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_HANDLE_SIZE
#error "LIBNBD_HAVE_NBD_GET_HANDLE_SIZE is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_TLS_PRIORITY
#error "LIBNBD_HAVE_NBD_SET_TLS_PRIORITY is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_TLS_PRIORITY
#error "LIBNBD_HAVE_NBD_GET_TLS_PRIORITY is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SET_URI_ALLOW_TLS_PRIORITY
#error "LIBNBD_HAVE_NBD_SET_URI_ALLOW_TLS_PRIORITY is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_VERSION_EXTRA
#error "LIBNBD_HAVE_NBD_GET_VERSION_EXTRA is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_KILL_SUBPROCESS
#error "LIBNBD_HAVE_NBD_KILL_SUBPROCESS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_SUBPROCESS_PID
#error "LIBNBD_HAVE_NBD_GET_SUBPROCESS_PID is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SUPPORTS_TLS
#error "LIBNBD_HAVE_NBD_SUPPORTS_TLS is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SUPPORTS_VSOCK
#error "LIBNBD_HAVE_NBD_SUPPORTS_VSOCK is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_SUPPORTS_URI
#error "LIBNBD_HAVE_NBD_SUPPORTS_URI is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_GET_URI
#error "LIBNBD_HAVE_NBD_GET_URI is not defined"
#endif
#ifndef LIBNBD_HAVE_NBD_IS_URI
#error "LIBNBD_HAVE_NBD_IS_URI is not defined"
#endif

int
main (void)
{
  nbd_completion_callback none = NBD_NULL_COMPLETION;

  if (none.callback != NULL)
    return 1;
  /* The string constants hold the expected text. */
  if (strcmp (LIBNBD_NAMESPACE_BASE, "base:") != 0)
    return 1;
  if (strcmp (LIBNBD_CONTEXT_BASE_ALLOCATION, "base:allocation") != 0)
    return 1;
  if (strcmp (LIBNBD_NAMESPACE_QEMU, "qemu:") != 0)
    return 1;
  if (strcmp (LIBNBD_CONTEXT_QEMU_DIRTY_BITMAP, "qemu:dirty-bitmap:") != 0)
    return 1;
  if (strcmp (LIBNBD_CONTEXT_QEMU_ALLOCATION_DEPTH, "qemu:allocation-depth") != 0)
    return 1;
  return p_nbd_create == NULL;
}
