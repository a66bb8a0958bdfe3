/* The synchronous commands: the aio form, then a wait for that command
 * alone, then its retirement, which reports how it went.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include "internal.h"

static bool
command_done (struct nbd_handle *h, void *arg)
{
  const uint64_t *cookie = arg;
  struct command *cmd;

  for (cmd = h->cmds_done.first; cmd; cmd = cmd->next)
    if (cmd->cookie == *cookie)
      return true;
  return false;
}

static int
wait_for (struct nbd_handle *h, int64_t cookie)
{
  uint64_t c = cookie;

  if (cookie == -1)
    return -1;
  if (nbd_internal_wait (h, command_done, &c) == -1) {
    /* Retire it anyway, so that the handle holds nothing of it, but
     * keep the error that says why the wait failed.
     */
    nbd_internal_forget_command (h, c);
    return -1;
  }
  return nbd_unlocked_aio_command_completed (h, c) == 1 ? 0 : -1;
}

int
nbd_unlocked_pread (struct nbd_handle *h, void *buf, size_t count,
                    uint64_t offset, uint32_t flags)
{
  return wait_for (h, nbd_unlocked_aio_pread (h, buf, count, offset, NULL,
                                              flags));
}

int
nbd_unlocked_pread_structured (struct nbd_handle *h, void *buf, size_t count,
                               uint64_t offset, nbd_chunk_callback *chunk,
                               uint32_t flags)
{
  return wait_for (h, nbd_unlocked_aio_pread_structured (h, buf, count,
                                                         offset, chunk, NULL,
                                                         flags));
}

int
nbd_unlocked_pwrite (struct nbd_handle *h, const void *buf, size_t count,
                     uint64_t offset, uint32_t flags)
{
  return wait_for (h, nbd_unlocked_aio_pwrite (h, buf, count, offset, NULL,
                                               flags));
}

int
nbd_unlocked_flush (struct nbd_handle *h, uint32_t flags)
{
  return wait_for (h, nbd_unlocked_aio_flush (h, NULL, flags));
}

int
nbd_unlocked_trim (struct nbd_handle *h, uint64_t count, uint64_t offset,
                   uint32_t flags)
{
  return wait_for (h, nbd_unlocked_aio_trim (h, count, offset, NULL, flags));
}

int
nbd_unlocked_cache (struct nbd_handle *h, uint64_t count, uint64_t offset,
                    uint32_t flags)
{
  return wait_for (h, nbd_unlocked_aio_cache (h, count, offset, NULL,
                                              flags));
}

int
nbd_unlocked_zero (struct nbd_handle *h, uint64_t count, uint64_t offset,
                   uint32_t flags)
{
  return wait_for (h, nbd_unlocked_aio_zero (h, count, offset, NULL, flags));
}

int
nbd_unlocked_block_status (struct nbd_handle *h, uint64_t count,
                           uint64_t offset, nbd_extent_callback *extent,
                           uint32_t flags)
{
  return wait_for (h, nbd_unlocked_aio_block_status (h, count, offset, extent,
                                                     NULL, flags));
}

int
nbd_unlocked_block_status_64 (struct nbd_handle *h, uint64_t count,
                              uint64_t offset,
                              nbd_extent64_callback *extent64, uint32_t flags)
{
  return wait_for (h, nbd_unlocked_aio_block_status_64 (h, count, offset,
                                                        extent64, NULL,
                                                        flags));
}

int
nbd_unlocked_block_status_filter (struct nbd_handle *h, uint64_t count,
                                  uint64_t offset, char **contexts,
                                  nbd_extent64_callback *extent64,
                                  uint32_t flags)
{
  return wait_for (h, nbd_unlocked_aio_block_status_filter (h, count, offset,
                                                            contexts,
                                                            extent64, NULL,
                                                            flags));
}
