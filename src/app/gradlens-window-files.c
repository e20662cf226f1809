/* gradlens-window-files.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gradlens-draft.h"
#include "gradlens-preset-file.h"
#include "gradlens-unsaved-changes.h"
#include "gradlens-window.h"

/* The window's experiment as a file: opened (a file in a worker thread, or a
 * built-in preset), loaded, saved. Written through the window's public API
 * only; a modified experiment is replaced after the question of
 * GradlensUnsavedChanges. */

static void
remember_experiment (GradlensWindow *self,
                     GFile          *file)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (gradlens_window_get_settings (self) != NULL && path != NULL)
    g_settings_set_string (gradlens_window_get_settings (self), "last-experiment", path);
}

/* main thread: the preset was read; apply it, or name the problem */
static void
open_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GradlensWindow *self = g_task_get_source_object (task);
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = g_task_get_task_data (task);

  preset = gradlens_preset_file_read_finish (result, &error);
  /* the window was closed meanwhile */
  if (gradlens_window_is_closed (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "the window was closed");
      return;
    }
  if (preset == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gradlens_window_show_error (self, _("Could Not Open the Experiment"), error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  remember_experiment (self, file);
  /* the presets Gradlens ships are templates: saving asks for a new file */
  gradlens_unsaved_changes_replace (gradlens_window_get_unsaved_changes (self), preset,
                                    gradlens_preset_file_is_shipped (file) ? NULL : file, task);
}

/**
 * gradlens_window_open_file_async:
 * @self: the window
 * @file: a preset file
 * @cancellable: (nullable): stops the reading
 * @callback: (nullable): called when the file was opened or refused
 * @user_data: for @callback
 *
 * Reads @file in a worker thread. If it is a valid preset, the experiment is
 * replaced with it and its runs are computed (after Save or Discard when the
 * experiment on screen is modified; Cancel ends the task with
 * %G_IO_ERROR_CANCELLED). A preset Gradlens ships opens as a template, with
 * no file. Otherwise an AdwMessageDialog names the file, the field and the
 * problem, and the experiment stays as it was.
 */
void
gradlens_window_open_file_async (GradlensWindow      *self,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GRADLENS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gradlens_window_open_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  gradlens_preset_file_read_async (file, cancellable, open_loaded_cb, task);
}

/**
 * gradlens_window_open_file_finish:
 * @self: the window
 * @result: the result given to the callback
 * @error: why the file was refused (already shown to the user)
 *
 * Returns: %TRUE if the file was opened; its runs are being computed
 */
gboolean
gradlens_window_open_file_finish (GradlensWindow  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* opens @file; problems are shown to the user */
void
gradlens_window_open_file (GradlensWindow *self,
                           GFile          *file)
{
  gradlens_window_open_file_async (self, file, NULL, NULL, NULL);
}

/**
 * gradlens_window_open_resource:
 * @self: the window
 * @resource_path: a built-in preset, such as
 *   "/io/github/gradlens/Gradlens/presets/notebook.json"
 *
 * Opens a built-in preset as a template (no file: saving asks for one);
 * a modified experiment on screen is replaced after Save or Discard.
 *
 * Returns: %TRUE if the preset was read (and opened, or waits for the
 *   answer)
 */
gboolean
gradlens_window_open_resource (GradlensWindow *self,
                               const char     *resource_path)
{
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (resource_path != NULL, FALSE);

  name = g_path_get_basename (resource_path);
  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    preset = gradlens_preset_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), name, &error);
  if (preset == NULL)
    {
      gradlens_window_show_error (self, _("Could Not Open the Experiment"), error->message);
      return FALSE;
    }
  gradlens_unsaved_changes_replace (gradlens_window_get_unsaved_changes (self), preset, NULL, NULL);
  return TRUE;
}

/* ---- loading --------------------------------------------------------- */

/* the controls panel as the preset saved it, else its first run's */
static void
show_controls_of (GradlensWindow       *self,
                  const GradlensPreset *preset)
{
  if (preset->controls != NULL)
    gradlens_controls_set_config (gradlens_window_get_controls (self), preset->controls);
  else if (preset->runs->len > 0)
    {
      g_autoptr(GradlensRunConfig) first = gradlens_run_config_dup (g_ptr_array_index (preset->runs, 0));

      g_clear_pointer (&first->label, g_free);
      gradlens_controls_set_config (gradlens_window_get_controls (self), first);
    }
}

/**
 * gradlens_window_load_preset:
 * @self: the window
 * @preset: a valid preset
 * @file: (nullable): where it was read from (%NULL for a built-in one)
 *
 * Replaces the experiment (gradlens_session_load_preset()) and puts the
 * preset's saved controls in the controls panel, or else its first run's
 * network, but not its label: a run made from changed controls is another
 * run and gets a label of its own.
 */
void
gradlens_window_load_preset (GradlensWindow       *self,
                             const GradlensPreset *preset,
                             GFile                *file)
{
  g_return_if_fail (GRADLENS_IS_WINDOW (self));
  g_return_if_fail (preset != NULL);

  show_controls_of (self, preset);
  gradlens_session_load_preset (gradlens_window_get_session (self), preset, file);
}

/**
 * gradlens_window_recover_draft:
 * @self: a new window
 * @path: a draft a window left when its process ended before the user
 *   saved or discarded its changes (gradlens_drafts_claim_orphans())
 *
 * Shows the draft's experiment as it was, still modified: its title and
 * file, its runs computed again, and a toast that says it was recovered.
 * The draft stays until the experiment is saved or discarded. A draft that
 * cannot be read is kept beside, renamed “….broken”, and the error shown.
 *
 * Returns: %TRUE if the draft was recovered
 */
gboolean
gradlens_window_recover_draft (GradlensWindow *self,
                               const char     *path)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = g_path_get_basename (path);
  if (g_file_get_contents (path, &data, &length, &error))
    preset = gradlens_session_parse_draft (data, (gssize) length, name, &title, &file, &error);
  if (preset == NULL)
    {
      g_autofree char *broken = g_strconcat (path, ".broken", NULL);

      g_rename (path, broken);
      gradlens_window_show_error (self, _("Could Not Recover Unsaved Changes"), error->message);
      return FALSE;
    }
  show_controls_of (self, preset);
  gradlens_session_load_draft (gradlens_window_get_session (self), preset, title, file);
  gradlens_draft_adopt (gradlens_window_get_draft (self), path);
  display = gradlens_window_dup_display_title (self);
  /* Translators: %s: the experiment's name; said when the app starts after a crash */
  text = g_strdup_printf (_("Recovered the unsaved changes of “%s”"), display);
  gradlens_window_add_toast (self, text);
  return TRUE;
}

/* ---- save ------------------------------------------------------------- */

/**
 * gradlens_window_save_to:
 * @self: the window
 * @file: where to save the experiment
 *
 * Saves the experiment (gradlens_session_save()) and says so in a toast, or
 * shows why not; then what waited for the save (closing, another experiment)
 * goes on, or is forgotten.
 *
 * Returns: %TRUE if the experiment was saved
 */
gboolean
gradlens_window_save_to (GradlensWindow *self,
                         GFile          *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GradlensRunConfig) controls = NULL;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  basename = g_file_get_basename (file);
  /* the controls as they are (unless a value is invalid: then as loaded) */
  controls = gradlens_run_config_new ();
  if (gradlens_controls_get_config (gradlens_window_get_controls (self), controls, NULL))
    gradlens_session_set_controls (gradlens_window_get_session (self), controls);
  if (!gradlens_session_save (gradlens_window_get_session (self), file, &error))
    {
      gradlens_window_show_error (self, _("Could Not Save the Experiment"), error->message);
      gradlens_unsaved_changes_saved (gradlens_window_get_unsaved_changes (self), FALSE);
      return FALSE;
    }
  remember_experiment (self, file);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Saved “%s”"), basename);
  gradlens_window_add_toast (self, text);
  /* what waited for the save (closing, another experiment) goes on */
  gradlens_unsaved_changes_saved (gradlens_window_get_unsaved_changes (self), TRUE);
  return TRUE;
}
