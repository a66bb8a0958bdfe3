/* The client session that the server-session fuzzer runs against
 * arbitrary server bytes, and that the recorder runs against real
 * servers to make the seed corpus.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#ifndef FUZZING_SESSION_H
#define FUZZING_SESSION_H

#include <stdint.h>

/* The first byte of every server-session input chooses how the client
 * behaves, so that one corpus covers several configurations.
 */
#define SESSION_NO_STRUCTURED   0x01 /* do not ask for structured replies */
#define SESSION_NO_EXTENDED     0x02 /* do not ask for extended headers */
#define SESSION_NOT_STRICT      0x04 /* strict mode off */
#define SESSION_DIRECT          0x08 /* no option mode: straight to GO */
#define SESSION_CONFIG_MASK     0x0f

/* Connect over fd (the session owns it from here on) and run a whole
 * session: list exports and meta contexts, go, read, block status,
 * two reads in flight at once, disconnect.  Every failure is expected
 * and passed over: the session only has to end without harm.
 */
extern void run_session (int fd, uint8_t config);

#endif /* FUZZING_SESSION_H */
