/* The client session that the server-session fuzzer runs against
 * arbitrary server bytes, and that the recorder runs against real
 * servers to make the seed corpus.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef FUZZING_SESSION_H
#define FUZZING_SESSION_H

#include <stdint.h>

/* A server-session input is one byte that chooses how the client
 * behaves (so that one corpus covers several configurations), then
 * the server's turns: each a 16-bit big-endian length and that many
 * bytes.  The first turn is sent at once, each later one when the
 * client has sent something since the turn before, as a server
 * answers requests; a server that answered early would only cut the
 * session short at the first idle moment.
 */
#define SESSION_NO_STRUCTURED   0x01 /* do not ask for structured replies */
#define SESSION_NO_EXTENDED     0x02 /* do not ask for extended headers */
#define SESSION_NOT_STRICT      0x04 /* strict mode off */
#define SESSION_DIRECT          0x08 /* no option mode: straight to GO */
#define SESSION_CONFIG_MASK     0x0f
#define SESSION_TURN_HEADER     2

/* Connect over fd (the session owns it from here on) and run a whole
 * session: list exports and meta contexts, go, read, block status,
 * two reads in flight at once, disconnect.  Every failure is expected
 * and passed over: the session only has to end without harm.
 */
extern void run_session (int fd, uint8_t config);

#endif /* FUZZING_SESSION_H */
