/* Servers killed at random moments under load.  Each round the handle
 * starts nbdkit itself (by connect_command, socket activation, or
 * socket activation with TLS, in turn), two threads keep commands in
 * flight and two make synchronous calls, and the server is killed with
 * SIGKILL after a random delay.  Every thread must then fail cleanly,
 * every read that succeeded must have returned what was written, the
 * handle must be dead, and closing it must leave no file descriptor and
 * no process behind.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 *
 * Usage: stress-kill PSKFILE
 * PSKFILE holds the key of user alice.  STRESS_ROUNDS sets the number
 * of rounds (20 by default); STRESS_SEED repeats an earlier run.
 */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libnbd.h>

#include "helpers.h"
#include "server-helpers.h"
#include "traffic.h"

#define THREADS 4
#define SLOTS 16
#define DISK_SIZE "4M"          /* THREADS * SLOTS * TRAFFIC_SLOT_SIZE */
#define MAX_DELAY_MS 500
/* A round takes well under a second: this only turns a hang into a
 * failure.
 */
#define ROUND_SECONDS 120

static const char *psk_file;

/* How the threads' first failures began: the call's name, or
 * "a command's callback" when a command failed.
 */
#define MAX_KINDS 16

static struct {
  char what[64];
  unsigned count;
} kinds[MAX_KINDS];

static void
tally (const struct traffic *t)
{
  char what[64] = "a command's callback";
  size_t i;

  if (t->message)
    snprintf (what, sizeof what, "%.*s", (int) strcspn (t->message, ":"),
              t->message);
  for (i = 0; i < MAX_KINDS && kinds[i].count; i++)
    if (strcmp (kinds[i].what, what) == 0)
      break;
  CHECK (i < MAX_KINDS);
  strcpy (kinds[i].what, what);
  kinds[i].count++;
}

static unsigned
env_or (const char *name, unsigned value)
{
  const char *env = getenv (name);

  return env ? strtoul (env, NULL, 10) : value;
}

static const char *const server_names[] = {
  "connect_command", "socket activation", "socket activation with TLS",
};

static struct nbd_handle *
start_server (unsigned kind)
{
  char *stdio[] = { "nbdkit", "-s", "--exit-with-parent", "memory",
                    DISK_SIZE, NULL };
  char *activated[] = { "nbdkit", "--exit-with-parent", "memory", DISK_SIZE,
                        NULL };
  char tls_psk[PATH_MAX + 16];
  char *activated_tls[] = { "nbdkit", "--exit-with-parent", "--tls=require",
                            tls_psk, "memory", DISK_SIZE, NULL };
  struct nbd_handle *nbd = create_handle ();

  snprintf (tls_psk, sizeof tls_psk, "--tls-psk=%s", psk_file);
  switch (kind) {
  case 0:
    CHECK (nbd_connect_command (nbd, stdio) == 0);
    break;
  case 1:
    CHECK (nbd_connect_systemd_socket_activation (nbd, activated) == 0);
    break;
  default:
    set_psk (nbd, psk_file);
    CHECK (nbd_connect_systemd_socket_activation (nbd, activated_tls) == 0);
  }
  return nbd;
}

/* The thread stopped at its first failure, which said what it was: a
 * call names itself and why, with an errno; a command taken by the
 * connection fails with ENOTCONN.
 */
static void
check_clean_failure (const struct traffic *t)
{
  CHECK (t->failed);
  if (t->message == NULL) {
    CHECK (t->error == ENOTCONN);
    return;
  }
  if (t->error == 0 || strncmp (t->message, "nbd_", 4) != 0 ||
      strstr (t->message, ": ") == NULL) {
    fprintf (stderr, "unclear failure: errno %d, \"%s\"\n", t->error,
             t->message);
    exit (EXIT_FAILURE);
  }
}

static void
sleep_ms (unsigned ms)
{
  struct timespec delay = { .tv_sec = ms / 1000,
                            .tv_nsec = ms % 1000 * 1000000L };

  nanosleep (&delay, NULL);
}

/* One round; returns the number of commands verified. */
static uint64_t
run_round (unsigned round, unsigned *seed)
{
  struct traffic t[THREADS];
  pthread_t thread[THREADS];
  unsigned kind = round % 3, delay = rand_r (seed) % (MAX_DELAY_MS + 1), i;
  struct open_fds before;
  struct nbd_handle *nbd;
  uint64_t verified = 0;
  int stop = 0;
  pid_t pid;

  alarm (ROUND_SECONDS);
  list_open_fds (&before);
  nbd = start_server (kind);
  pid = nbd_get_subprocess_pid (nbd);
  CHECK (pid > 0);
  for (i = 0; i < THREADS; i++) {
    t[i] = (struct traffic) {
      .nbd = nbd, .offset = (uint64_t) i * SLOTS * TRAFFIC_SLOT_SIZE,
      .slots = SLOTS, .seed = rand_r (seed), .stop = &stop,
    };
    CHECK (pthread_create (&thread[i], NULL,
                           i % 2 ? traffic_sync : traffic_aio, &t[i]) == 0);
  }
  sleep_ms (delay);
  CHECK (kill (pid, SIGKILL) == 0);
  for (i = 0; i < THREADS; i++) {
    CHECK (pthread_join (thread[i], NULL) == 0);
    check_clean_failure (&t[i]);
    tally (&t[i]);
    verified += t[i].reads + t[i].writes;
    traffic_free (&t[i]);
  }
  CHECK (nbd_aio_is_dead (nbd) == 1);
  CHECK (nbd_aio_in_flight (nbd) == 0);
  nbd_close (nbd);
  CHECK_NO_NEW_FDS (&before, server_names[kind]);
  CHECK_NO_CHILDREN (server_names[kind]);
  alarm (0);
  printf ("stress-kill: round %u (%s): killed after %u ms, %llu commands "
          "verified\n", round, server_names[kind], delay,
          (unsigned long long) verified);
  return verified;
}

int
main (int argc, char *argv[])
{
  unsigned rounds = env_or ("STRESS_ROUNDS", 20);
  unsigned seed = env_or ("STRESS_SEED", time (NULL)), round;
  uint64_t verified = 0;
  size_t i;

  check_our_library ();
  if (argc != 2) {
    fprintf (stderr, "usage: %s PSKFILE\n", argv[0]);
    exit (EXIT_FAILURE);
  }
  psk_file = argv[1];
  printf ("stress-kill: %u rounds, seed %u\n", rounds, seed);
  for (round = 0; round < rounds; round++)
    verified += run_round (round, &seed);
  printf ("stress-kill: %u rounds, %llu commands verified before the kills\n",
          rounds, (unsigned long long) verified);
  for (i = 0; i < MAX_KINDS && kinds[i].count; i++)
    printf ("stress-kill: first failure in %s: %u threads\n",
            kinds[i].what, kinds[i].count);
  return EXIT_SUCCESS;
}
