/* gradlens-session-draft.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <string.h>

#include "gradlens-error.h"
#include "gradlens-export.h"
#include "gradlens-json.h"
#include "gradlens-session-private.h"

/* A draft is what Save would write, with what the experiment is called and
 * where it belongs, kept while it is modified (GradlensDraft writes it)
 * so that unsaved work survives a crash:
 *   { "gradlens_draft": 1, "title": "...", "file": "file:///...",
 *     "preset": { the preset, as gradlens_preset_to_data writes it } }
 * "title" and "file" are null for an untitled experiment and a template. */

#define DRAFT_VERSION 1

/**
 * gradlens_session_dup_draft:
 * @self: a session
 *
 * Returns: (transfer full): the experiment as a draft (JSON text)
 */
char *
gradlens_session_dup_draft (GradlensSession *self)
{
  g_autoptr(GradlensPreset) preset = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  preset = gradlens_session_dup_preset (self);
  if (self->file != NULL)
    uri = g_file_get_uri (self->file);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "gradlens_draft");
  json_builder_add_int_value (builder, DRAFT_VERSION);
  json_builder_set_member_name (builder, "title");
  if (self->title != NULL)
    json_builder_add_string_value (builder, self->title);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "file");
  if (uri != NULL)
    json_builder_add_string_value (builder, uri);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "preset");
  json_builder_add_value (builder, gradlens_preset_to_node (preset));
  json_builder_end_object (builder);

  /* written as presets are */
  root = json_builder_get_root (builder);
  return gradlens_json_to_text (root, 2);
}

static const char *
optional_string (JsonObject *object,
                 const char *name,
                 gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (node);
}

/**
 * gradlens_session_parse_draft:
 * @data: a draft (gradlens_session_dup_draft())
 * @length: its length, or -1 when nul-terminated
 * @name: the draft's name in messages
 * @title: (out) (transfer full) (nullable): the experiment's title
 * @file: (out) (transfer full) (nullable): its file
 * @error: names the draft and the problem
 *
 * Returns: (transfer full): the draft's preset, or %NULL with @error set
 */
GradlensPreset *
gradlens_session_parse_draft (const char  *data,
                              gssize       length,
                              const char  *name,
                              char       **title,
                              GFile      **file,
                              GError     **error)
{
  g_autoptr(GradlensPreset) preset = NULL;
  g_autofree char *preset_text = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *preset_node, *version;
  JsonObject *object;
  const char *title_text, *uri;
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (title != NULL && file != NULL, NULL);

  /* the preset reader's JSON: "line 3, column 7: ..." */
  root = gradlens_json_parse_strict (data, length < 0 ? strlen (data) : (gsize) length, GRADLENS_PRESET_MAX_DEPTH + 2,
                                     NULL, &parse_error);
  if (root == NULL)
    {
      /* Translators: %s: a draft's file name; %s: where and why it is not JSON */
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET, _("Could not read the draft “%s”: %s"), name,
                   parse_error->message);
      return NULL;
    }
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  version = object != NULL ? json_object_get_member (object, "gradlens_draft") : NULL;
  preset_node = object != NULL ? json_object_get_member (object, "preset") : NULL;
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64
      || json_node_get_int (version) != DRAFT_VERSION || preset_node == NULL || !JSON_NODE_HOLDS_OBJECT (preset_node))
    {
      /* Translators: %s: a draft's file name */
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET,
                   _("Could not read the draft “%s”: it is not a Gradlens draft of version 1"), name);
      return NULL;
    }
  title_text = optional_string (object, "title", &ok);
  uri = optional_string (object, "file", &ok);
  if (!ok)
    {
      /* Translators: %s: a draft's file name */
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET,
                   _("Could not read the draft “%s”: its title and file must be text or null"), name);
      return NULL;
    }
  preset_text = json_to_string (preset_node, FALSE);
  preset = gradlens_preset_load_data (preset_text, -1, name, error);
  if (preset == NULL)
    return NULL;
  *title = g_strdup (title_text);
  *file = uri != NULL ? g_file_new_for_uri (uri) : NULL;
  return g_steal_pointer (&preset);
}

/**
 * gradlens_session_load_draft:
 * @self: a session
 * @preset: a draft's preset (gradlens_session_parse_draft())
 * @title: (nullable): the draft's title
 * @file: (nullable): the draft's file
 *
 * Replaces the experiment with the draft's, as gradlens_session_load_preset()
 * does, with its title and file; the experiment stays modified (its changes
 * are still unsaved).
 */
void
gradlens_session_load_draft (GradlensSession      *self,
                             const GradlensPreset *preset,
                             const char           *title,
                             GFile                *file)
{
  g_return_if_fail (GRADLENS_IS_SESSION (self));
  g_return_if_fail (preset != NULL);

  gradlens_session_load_preset (self, preset, file);
  _gradlens_session_set_title_and_file (self, title, file);
  _gradlens_session_set_modified (self, TRUE);
}
