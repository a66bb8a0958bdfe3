/* Threads that keep reads and writes going on a shared handle, each in
 * its own region of the disk, and check that every read returns what
 * the thread last wrote there.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef TESTS_TRAFFIC_H
#define TESTS_TRAFFIC_H

#include <stdbool.h>
#include <stdint.h>

#include <libnbd.h>

/* A thread's region is made of slots of this size.  Each slot has one
 * command at a time, so a read in it always knows what to expect.
 */
#define TRAFFIC_SLOT_SIZE (64 * 1024)

struct traffic_slot;

struct traffic {
  /* Set before the thread starts. */
  struct nbd_handle *nbd;
  uint64_t offset;              /* where the region starts: it is
                                   slots * TRAFFIC_SLOT_SIZE long, and
                                   zero when the thread starts */
  unsigned slots;
  unsigned seed;
  const int *stop;              /* the thread ends once this is set */

  /* What the thread did.  The thread also ends at its first failure:
   * a call that failed (error is nbd_get_errno's, message holds
   * nbd_get_error's text) or a command that did (error is the one its
   * completion callback got, message is NULL).
   */
  uint64_t reads, writes, bytes;
  bool failed;
  int error;
  char *message;

  struct traffic_slot *slot;
};

/* Thread functions for pthread_create, given a struct traffic.  The
 * aio thread keeps a command in flight in every slot, with nbd_poll
 * driving the handle; the sync thread makes one synchronous call at a
 * time.  Data that differs from what was written ends the program.
 */
extern void *traffic_aio (void *traffic);
extern void *traffic_sync (void *traffic);

/* Free what the thread left in the struct, once it has been joined. */
extern void traffic_free (struct traffic *t);

#endif /* TESTS_TRAFFIC_H */
