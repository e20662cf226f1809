/* gradlens-preset-file.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "gradlens-error.h"
#include "gradlens-preset-file.h"

/* worker thread: reads and checks the preset (files up to 16 MiB would
 * block the main loop for a noticeable time) */
static void
read_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    preset = gradlens_preset_load_path (path, &error);
  else
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *contents = NULL;
      g_autoptr(GFileInfo) info = NULL;
      gsize length = 0;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, &error);
      if (info != NULL && g_file_info_get_size (info) > GRADLENS_PRESET_MAX_BYTES)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: the file is larger than 16 MiB"), name);
      else if (info != NULL && g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
        preset = gradlens_preset_load_data (contents, length, name, &error);
      else if (error != NULL)
        g_prefix_error (&error, "%s: ", name);
    }

  if (preset == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&preset), (GDestroyNotify) gradlens_preset_free);
}

/**
 * gradlens_preset_file_read_async:
 * @file: a preset file
 * @cancellable: (nullable): stops the reading
 * @callback: called on the main thread with the preset or the problem
 * @user_data: for @callback
 *
 * Reads and checks @file in a worker thread.
 */
void
gradlens_preset_file_read_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gradlens_preset_file_read_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_worker);
}

/**
 * gradlens_preset_file_read_finish:
 * @result: the result given to the callback
 * @error: names the file, the field and the problem
 *
 * Returns: (transfer full) (nullable): the preset
 */
GradlensPreset *
gradlens_preset_file_read_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gradlens_preset_file_save:
 * @preset: a preset
 * @file: a local file
 * @error: names the file and the problem
 *
 * Saves @preset (atomically), refusing more runs than a preset may hold.
 *
 * Returns: %TRUE on success
 */
gboolean
gradlens_preset_file_save (const GradlensPreset  *preset,
                           GFile                 *file,
                           GError               **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (preset != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: only local files can be saved"), name);
      return FALSE;
    }
  if (preset->runs->len > GRADLENS_PRESET_MAX_RUNS)
    {
      /* Translators: %s is a file, %u the number of runs, %d the most a file can hold */
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE,
                   _("%s: %u runs are more than an experiment file holds (%d); remove some first"),
                   path, preset->runs->len, GRADLENS_PRESET_MAX_RUNS);
      return FALSE;
    }
  return gradlens_preset_save (preset, path, error);
}

/* ---- shipped presets -------------------------------------------------- */

static gboolean
file_in_folder (GFile      *file,
                const char *folder)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *real_path = NULL;
  g_autofree char *real_folder = NULL;
  g_autoptr(GFile) real_file = NULL;
  g_autoptr(GFile) real_dir = NULL;

  if (path == NULL || folder == NULL || folder[0] == '\0')
    return FALSE;
  real_path = realpath (path, NULL);
  real_folder = realpath (folder, NULL);
  if (real_path == NULL || real_folder == NULL)
    return FALSE;
  real_file = g_file_new_for_path (real_path);
  real_dir = g_file_new_for_path (real_folder);
  return g_file_has_prefix (real_file, real_dir);
}

/**
 * gradlens_preset_file_is_shipped:
 * @file: a preset file
 *
 * Whether @file is one of the presets Gradlens ships: installed under the
 * prefix's data folder, or in the source tree's data/presets (`./run.sh`,
 * `meson devenv`). These are opened as templates and never rewritten.
 */
gboolean
gradlens_preset_file_is_shipped (GFile *file)
{
  return file_in_folder (file, PKGDATADIR "/presets") || file_in_folder (file, SOURCE_PRESETS_DIR);
}
