/* Calls that need a connection and are not built yet.  Each fails with
 * ENOTSUP; the issues that build the connection, the transmission phase,
 * TLS and URIs move them out of this file one by one until it is empty.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <errno.h>

#include "internal.h"

/* The stubs ignore their arguments. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define NOT_IMPLEMENTED(value)                          \
  {                                                     \
    set_error (ENOTSUP, "not implemented");             \
    return (value);                                     \
  }

char *
nbd_unlocked_get_canonical_export_name (struct nbd_handle *h)
NOT_IMPLEMENTED (NULL)

char *
nbd_unlocked_get_export_description (struct nbd_handle *h)
NOT_IMPLEMENTED (NULL)

int
nbd_unlocked_get_tls_negotiated (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_get_extended_headers_negotiated (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_get_structured_replies_negotiated (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_go (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_abort (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_starttls (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_extended_headers (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_structured_reply (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_list (struct nbd_handle *h, nbd_list_callback *list_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_info (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_list_meta_context (struct nbd_handle *h,
                                    nbd_context_callback *context_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_list_meta_context_queries (struct nbd_handle *h,
                                            char **queries,
                                            nbd_context_callback *context_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_set_meta_context (struct nbd_handle *h,
                                   nbd_context_callback *context_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_opt_set_meta_context_queries (struct nbd_handle *h,
                                           char **queries,
                                           nbd_context_callback *context_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_connect_uri (struct nbd_handle *h, const char *uri)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_connect_unix (struct nbd_handle *h, const char *unixsocket)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_connect_vsock (struct nbd_handle *h, uint32_t cid, uint32_t port)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_connect_tcp (struct nbd_handle *h, const char *hostname,
                          const char *port)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_connect_socket (struct nbd_handle *h, int sock)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_connect_command (struct nbd_handle *h, char **argv)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_connect_systemd_socket_activation (struct nbd_handle *h,
                                                char **argv)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_is_read_only (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_can_flush (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_can_fua (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_is_rotational (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_can_trim (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_can_zero (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_can_fast_zero (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_can_block_status_payload (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_can_df (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_can_multi_conn (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_can_cache (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_can_meta_context (struct nbd_handle *h, const char *metacontext)
NOT_IMPLEMENTED (-1)

const char *
nbd_unlocked_get_protocol (struct nbd_handle *h)
NOT_IMPLEMENTED (NULL)

int64_t
nbd_unlocked_get_size (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_get_block_size (struct nbd_handle *h, int size_type)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_pread (struct nbd_handle *h, void *buf, size_t count,
                    uint64_t offset, uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_pread_structured (struct nbd_handle *h, void *buf, size_t count,
                               uint64_t offset,
                               nbd_chunk_callback *chunk_callback,
                               uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_pwrite (struct nbd_handle *h, const void *buf, size_t count,
                     uint64_t offset, uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_shutdown (struct nbd_handle *h, uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_flush (struct nbd_handle *h, uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_trim (struct nbd_handle *h, uint64_t count, uint64_t offset,
                   uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_cache (struct nbd_handle *h, uint64_t count, uint64_t offset,
                    uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_zero (struct nbd_handle *h, uint64_t count, uint64_t offset,
                   uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_block_status (struct nbd_handle *h, uint64_t count,
                           uint64_t offset,
                           nbd_extent_callback *extent_callback,
                           uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_block_status_64 (struct nbd_handle *h, uint64_t count,
                              uint64_t offset,
                              nbd_extent64_callback *extent64_callback,
                              uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_block_status_filter (struct nbd_handle *h, uint64_t count,
                                  uint64_t offset, char **contexts,
                                  nbd_extent64_callback *extent64_callback,
                                  uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_poll (struct nbd_handle *h, int timeout)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_poll2 (struct nbd_handle *h, int fd, int timeout)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_connect (struct nbd_handle *h, const struct sockaddr *addr,
                          socklen_t addrlen)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_connect_uri (struct nbd_handle *h, const char *uri)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_connect_unix (struct nbd_handle *h, const char *unixsocket)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_connect_vsock (struct nbd_handle *h, uint32_t cid,
                                uint32_t port)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_connect_tcp (struct nbd_handle *h, const char *hostname,
                              const char *port)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_connect_socket (struct nbd_handle *h, int sock)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_connect_command (struct nbd_handle *h, char **argv)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_connect_systemd_socket_activation (struct nbd_handle *h,
                                                    char **argv)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_go (struct nbd_handle *h,
                         nbd_completion_callback *completion_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_abort (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_starttls (struct nbd_handle *h,
                               nbd_completion_callback *completion_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_extended_headers (struct nbd_handle *h,
                                       nbd_completion_callback *completion_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_structured_reply (struct nbd_handle *h,
                                       nbd_completion_callback *completion_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_list (struct nbd_handle *h,
                           nbd_list_callback *list_callback,
                           nbd_completion_callback *completion_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_info (struct nbd_handle *h,
                           nbd_completion_callback *completion_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_list_meta_context (struct nbd_handle *h,
                                        nbd_context_callback *context_callback,
                                        nbd_completion_callback *completion_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_list_meta_context_queries (struct nbd_handle *h,
                                                char **queries,
                                                nbd_context_callback *context_callback,
                                                nbd_completion_callback *completion_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_set_meta_context (struct nbd_handle *h,
                                       nbd_context_callback *context_callback,
                                       nbd_completion_callback *completion_callback)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_opt_set_meta_context_queries (struct nbd_handle *h,
                                               char **queries,
                                               nbd_context_callback *context_callback,
                                               nbd_completion_callback *completion_callback)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_pread (struct nbd_handle *h, void *buf, size_t count,
                        uint64_t offset,
                        nbd_completion_callback *completion_callback,
                        uint32_t flags)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_pread_structured (struct nbd_handle *h, void *buf,
                                   size_t count, uint64_t offset,
                                   nbd_chunk_callback *chunk_callback,
                                   nbd_completion_callback *completion_callback,
                                   uint32_t flags)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_pwrite (struct nbd_handle *h, const void *buf, size_t count,
                         uint64_t offset,
                         nbd_completion_callback *completion_callback,
                         uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_disconnect (struct nbd_handle *h, uint32_t flags)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_flush (struct nbd_handle *h,
                        nbd_completion_callback *completion_callback,
                        uint32_t flags)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_trim (struct nbd_handle *h, uint64_t count, uint64_t offset,
                       nbd_completion_callback *completion_callback,
                       uint32_t flags)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_cache (struct nbd_handle *h, uint64_t count, uint64_t offset,
                        nbd_completion_callback *completion_callback,
                        uint32_t flags)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_zero (struct nbd_handle *h, uint64_t count, uint64_t offset,
                       nbd_completion_callback *completion_callback,
                       uint32_t flags)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_block_status (struct nbd_handle *h, uint64_t count,
                               uint64_t offset,
                               nbd_extent_callback *extent_callback,
                               nbd_completion_callback *completion_callback,
                               uint32_t flags)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_block_status_64 (struct nbd_handle *h, uint64_t count,
                                  uint64_t offset,
                                  nbd_extent64_callback *extent64_callback,
                                  nbd_completion_callback *completion_callback,
                                  uint32_t flags)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_block_status_filter (struct nbd_handle *h, uint64_t count,
                                      uint64_t offset, char **contexts,
                                      nbd_extent64_callback *extent64_callback,
                                      nbd_completion_callback *completion_callback,
                                      uint32_t flags)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_get_fd (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_notify_read (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_notify_write (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_command_completed (struct nbd_handle *h, uint64_t cookie)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_aio_peek_command_completed (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_aio_in_flight (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

int
nbd_unlocked_kill_subprocess (struct nbd_handle *h, int signum)
NOT_IMPLEMENTED (-1)

int64_t
nbd_unlocked_get_subprocess_pid (struct nbd_handle *h)
NOT_IMPLEMENTED (-1)

char *
nbd_unlocked_get_uri (struct nbd_handle *h)
NOT_IMPLEMENTED (NULL)

int
nbd_unlocked_is_uri (struct nbd_handle *h, const char *uri)
NOT_IMPLEMENTED (-1)
