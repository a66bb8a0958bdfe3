/* The options the library knows, by number.  A new option is a file
 * of its own defining its struct option_kind, and a line here.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <stddef.h>

#include "options.h"

static const struct option_kind *const kinds[] = {
  &nbd_internal_option_export_name,
  &nbd_internal_option_abort,
  &nbd_internal_option_list,
  &nbd_internal_option_starttls,
  &nbd_internal_option_info,
  &nbd_internal_option_go,
  &nbd_internal_option_structured_reply,
  &nbd_internal_option_list_meta_context,
  &nbd_internal_option_set_meta_context,
  &nbd_internal_option_extended_headers,
};

const struct option_kind *
nbd_internal_option_kind (uint32_t option)
{
  size_t i;

  for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (kinds[i]->option == option)
      return kinds[i];
  return NULL;
}

const char *
nbd_internal_option_name (uint32_t option)
{
  const struct option_kind *kind = nbd_internal_option_kind (option);

  return kind ? kind->name : "an unknown option";
}
