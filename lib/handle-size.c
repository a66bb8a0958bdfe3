/* nbd_get_handle_size: how much memory a handle holds, for garbage
 * collected bindings deciding when a handle is worth freeing.  Counted:
 * the handle, its strings, buffers, commands and meta contexts, as
 * allocated now.  Not counted: what gnutls, libxml2 and the C library
 * keep for it, which they do not report, and the caller's own buffers.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <string.h>

#include "internal.h"

static size_t
string_size (const char *s)
{
  return s ? strlen (s) + 1 : 0;
}

static size_t
string_list_size (const struct string_list *list)
{
  size_t total = list->cap * sizeof list->items[0], i;

  for (i = 0; i < list->len; i++)
    total += string_size (list->items[i]);
  return total;
}

static size_t
command_size (const struct command *cmd)
{
  size_t total = sizeof *cmd;

  total += cmd->covered_room * sizeof cmd->covered[0];
  total += string_size (cmd->error_message);
  if (cmd->owned_payload)
    total += cmd->payload_len;
  return total;
}

static size_t
commands_size (const struct command *cmd)
{
  size_t total = 0;

  for (; cmd; cmd = cmd->next)
    total += command_size (cmd);
  return total;
}

static size_t
settings_size (const struct nbd_handle *h)
{
  return string_size (h->hname) + string_size (h->export_name) +
    string_size (h->tls_certificates) + string_size (h->tls_username) +
    string_size (h->tls_hostname) + string_size (h->tls_psk_file) +
    string_size (h->tls_priority) +
    string_size (h->socket_activation_name) +
    string_list_size (&h->meta_contexts_wanted);
}

static size_t
connection_size (const struct nbd_handle *h)
{
  size_t total = 0;
  const struct addrinfo *a;

  total += string_size (h->where_host) + string_size (h->where_port) +
    string_size (h->where_socket) + string_size (h->where_user) +
    string_size (h->where_nbd_port) + string_size (h->sa_tmpdir);
  for (a = h->addresses; a; a = a->ai_next)
    total += sizeof *a + a->ai_addrlen + string_size (a->ai_canonname);
  total += h->inbuf ? INBUF_SIZE : 0;
  total += h->sendbuf ? SEND_BUFFER_SIZE : 0;
  total += h->request_size + h->payload_room;
  return total;
}

static size_t
negotiation_size (const struct nbd_handle *h)
{
  size_t total = 0, i;

  total += string_size (h->canonical_name) + string_size (h->description);
  total += h->nr_meta_contexts * sizeof h->meta_contexts[0];
  for (i = 0; i < h->nr_meta_contexts; i++)
    total += string_size (h->meta_contexts[i].name);
  total += string_list_size (&h->opt.queries);
  total += string_size (h->last_opt_message);
  return total;
}

ssize_t
nbd_unlocked_get_handle_size (struct nbd_handle *h)
{
  size_t total = sizeof *h;

  total += settings_size (h) + connection_size (h) + negotiation_size (h);
  total += commands_size (h->cmds_to_issue.first);
  total += commands_size (h->cmds_in_flight.first);
  total += commands_size (h->cmds_done.first);
  total += commands_size (h->spare_commands);
  if (h->sending)
    total += command_size (h->sending);
  if (h->reply_cmd)
    total += command_size (h->reply_cmd);
  return total;
}
