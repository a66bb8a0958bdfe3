/* Helpers that every program in the consumer corpus needs.  Each
 * program defines PROGRAM (its name, for messages) before including
 * this file.  The functions are static inline so that a program which
 * does not use one of them still compiles cleanly with -Werror.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef CONSUMER_H
#define CONSUMER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnbd.h>

/* Report the last libnbd error of this thread and give up. */
static inline void
die (const char *what)
{
  fprintf (stderr, "%s: %s: %s\n", PROGRAM, what, nbd_get_error ());
  exit (EXIT_FAILURE);
}

/* Every program takes its arguments this way or explains them. */
static inline void
usage_unless (bool arguments_ok, const char *synopsis)
{
  if (!arguments_ok) {
    fprintf (stderr, "usage: %s %s\n", PROGRAM, synopsis);
    exit (EXIT_FAILURE);
  }
}

/* The programs take either an NBD URI or the path of a Unix socket. */
static inline void
connect_to (struct nbd_handle *nbd, const char *target)
{
  if (strstr (target, "://") != NULL) {
    if (nbd_connect_uri (nbd, target) == -1)
      die ("nbd_connect_uri");
  }
  else if (nbd_connect_unix (nbd, target) == -1)
    die ("nbd_connect_unix");
}

/* A new handle, or the program gives up. */
static inline struct nbd_handle *
create_handle (void)
{
  struct nbd_handle *nbd = nbd_create ();

  if (nbd == NULL)
    die ("nbd_create");
  return nbd;
}

/* A new handle, connected to the target with the default settings. */
static inline struct nbd_handle *
open_connection (const char *target)
{
  struct nbd_handle *nbd = create_handle ();

  connect_to (nbd, target);
  return nbd;
}

/* nbdkit's pattern plugin fills its export with big-endian 64-bit
 * words, each holding its own offset.  Count the whole words in
 * p[0..count), which starts at export offset offset, that break the
 * pattern.  The buffer may start mid-word (structured read chunks do).
 */
static inline uint64_t
pattern_mismatches (const unsigned char *p, size_t count, uint64_t offset)
{
  uint64_t bad = 0;
  size_t i;
  int j;

  for (i = (8 - offset % 8) % 8; i + 8 <= count; i += 8) {
    uint64_t word = 0;

    for (j = 0; j < 8; j++)
      word = (word << 8) | p[i + j];
    if (word != offset + i)
      bad++;
  }
  return bad;
}

#endif /* CONSUMER_H */
