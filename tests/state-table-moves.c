/* The library's generated moves, compiled again as part of the test
 * program that includes this file, so that the NDEBUG build of
 * state-table.c runs them without assertions.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include "states/transitions.c"
