/* gradlens-window-changes.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "gradlens-window-private.h"

/* Unsaved changes are never dropped without a question: before the window
 * closes (its close button, Ctrl+W, Ctrl+Q) or another experiment replaces a
 * modified one (a file opened or dropped, a built-in preset), an
 * AdwMessageDialog asks Save / Discard / Cancel, as GNOME Text Editor does.
 * What was about to happen waits ("pending") until the answer: Discard does
 * it, Save does it once the experiment is saved (a template asks for a file
 * first), Cancel forgets it. The session says what is modified. */

/* ---- templates -------------------------------------------------------- */

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
 * _gradlens_window_is_shipped:
 * @file: a preset file
 *
 * Whether @file is one of the presets Gradlens ships: installed under the
 * prefix's data folder, or in the source tree's data/presets (`./run.sh`,
 * `meson devenv`). These are opened as templates and never rewritten.
 */
gboolean
_gradlens_window_is_shipped (GFile *file)
{
  return file_in_folder (file, PKGDATADIR "/presets") || file_in_folder (file, SOURCE_PRESETS_DIR);
}

/* ---- what waits for the answer ---------------------------------------- */

static void
drop_pending (GradlensWindow *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->pending_task);

  g_clear_pointer (&self->pending_preset, gradlens_preset_free);
  g_clear_object (&self->pending_file);
  self->pending_close = FALSE;
  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "the experiment was kept");
}

static void
load_now (GradlensWindow       *self,
          const GradlensPreset *preset,
          GFile                *file,
          GTask                *task)
{
  gradlens_window_load_preset (self, preset, file);
  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

/* closes the window once the dialog's and the action's handlers have
 * returned (they still use it) */
static gboolean
close_idle_cb (gpointer user_data)
{
  g_autoptr(GradlensWindow) self = user_data;

  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
do_pending (GradlensWindow *self)
{
  g_autoptr(GradlensPreset) preset = g_steal_pointer (&self->pending_preset);
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);
  g_autoptr(GTask) task = g_steal_pointer (&self->pending_task);

  if (self->pending_close)
    {
      self->pending_close = FALSE;
      self->close_confirmed = TRUE;
      g_idle_add (close_idle_cb, g_object_ref (self));
      return;
    }
  if (preset != NULL)
    load_now (self, preset, file, task);
}

/* ---- the question ----------------------------------------------------- */

static void
changes_response_cb (GradlensWindow   *window,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  g_autoptr(GradlensWindow) self = g_object_ref (window);

  if (g_str_equal (response, "discard"))
    do_pending (self);
  else if (g_str_equal (response, "save"))
    /* saves, or asks for a file first; _gradlens_window_changes_saved()
     * goes on */
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
  else
    drop_pending (self);
  _gradlens_window_state_changed (self);
}

static void
ask (GradlensWindow *self)
{
  g_autofree char *name = _gradlens_window_dup_display_title (self);
  GtkWidget *dialog;

  if (self->changes_dialog != NULL)
    gtk_window_destroy (self->changes_dialog);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Save Changes?"));
  /* Translators: %s is the experiment's title */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has changes that are not saved. Without saving, they are lost."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  /* a preset holds at least one run: an experiment without any cannot be
   * saved */
  if (g_list_model_get_n_items (gradlens_session_get_runs (self->session)) == 0)
    {
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (changes_response_cb), self, G_CONNECT_SWAPPED);
  self->changes_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->changes_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  _gradlens_window_state_changed (self);
}

/**
 * _gradlens_window_confirm_close:
 * @self: the window
 *
 * Returns: %TRUE if the window may close now; otherwise the question is
 *   asked and the window closes after Save or Discard
 */
gboolean
_gradlens_window_confirm_close (GradlensWindow *self)
{
  if (self->close_confirmed || !gradlens_session_get_modified (self->session))
    return TRUE;
  drop_pending (self);
  self->pending_close = TRUE;
  ask (self);
  return FALSE;
}

/**
 * _gradlens_window_replace:
 * @self: the window
 * @preset: a valid preset
 * @file: (nullable): where it was read from, %NULL for a template
 * @task: (nullable): completed when the preset is loaded (or cancelled)
 *
 * Loads @preset now, or after the question when the experiment on screen
 * is modified.
 */
void
_gradlens_window_replace (GradlensWindow       *self,
                          const GradlensPreset *preset,
                          GFile                *file,
                          GTask                *task)
{
  if (!gradlens_session_get_modified (self->session))
    {
      load_now (self, preset, file, task);
      return;
    }
  drop_pending (self);
  self->pending_preset = gradlens_preset_copy (preset);
  self->pending_file = file != NULL ? g_object_ref (file) : NULL;
  self->pending_task = task != NULL ? g_object_ref (task) : NULL;
  ask (self);
}

/**
 * _gradlens_window_changes_saved:
 * @self: the window
 * @saved: whether the experiment was saved
 *
 * Called by every save: after Save in the question, what waited happens
 * once the experiment is saved, and is forgotten when it was not.
 */
void
_gradlens_window_changes_saved (GradlensWindow *self,
                                gboolean        saved)
{
  if (saved)
    do_pending (self);
  else
    drop_pending (self);
}

/* the state dump: the question on screen */
gboolean
_gradlens_window_get_asking (GradlensWindow *self)
{
  return self->changes_dialog != NULL;
}

void
_gradlens_window_changes_dispose (GradlensWindow *self)
{
  drop_pending (self);
  if (self->changes_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->changes_dialog), (gpointer *) &self->changes_dialog);
      gtk_window_destroy (self->changes_dialog);
      self->changes_dialog = NULL;
    }
}
