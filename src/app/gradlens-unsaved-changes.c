/* gradlens-unsaved-changes.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-unsaved-changes.h"

/* Unsaved changes are never dropped without a question: before the window
 * closes (its close button, Ctrl+W, Ctrl+Q) or another experiment replaces a
 * modified one (a file opened or dropped, a built-in preset), an
 * AdwMessageDialog asks Save / Discard / Cancel, as GNOME Text Editor does.
 * What was about to happen waits ("pending") until the answer: Discard does
 * it, Save does it once the experiment is saved (a template asks for a file
 * first), Cancel forgets it. The session says what is modified. */

struct _GradlensUnsavedChanges
{
  GObject          parent_instance;

  /* Borrowed */
  GradlensWindow  *window;           /* owns this */
  /* Owned */
  GtkWindow       *dialog;           /* the question on screen (weak) */
  GradlensPreset  *pending_preset;   /* to load after the answer */
  GFile           *pending_file;
  GTask           *pending_task;
  gboolean         pending_close;    /* to close after the answer */
  gboolean         close_confirmed;  /* saved or discarded: the window closes */
};

G_DEFINE_FINAL_TYPE (GradlensUnsavedChanges, gradlens_unsaved_changes, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ASKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- what waits for the answer ---------------------------------------- */

static void
drop_pending (GradlensUnsavedChanges *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->pending_task);

  g_clear_pointer (&self->pending_preset, gradlens_preset_free);
  g_clear_object (&self->pending_file);
  self->pending_close = FALSE;
  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "the experiment was kept");
}

static void
load_now (GradlensUnsavedChanges *self,
          const GradlensPreset   *preset,
          GFile                  *file,
          GTask                  *task)
{
  gradlens_window_load_preset (self->window, preset, file);
  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

/* closes the window once the dialog's and the action's handlers have
 * returned (they still use it) */
static gboolean
close_idle_cb (gpointer user_data)
{
  g_autoptr(GradlensWindow) window = user_data;

  gtk_window_close (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
do_pending (GradlensUnsavedChanges *self)
{
  g_autoptr(GradlensPreset) preset = g_steal_pointer (&self->pending_preset);
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);
  g_autoptr(GTask) task = g_steal_pointer (&self->pending_task);

  if (self->pending_close)
    {
      self->pending_close = FALSE;
      self->close_confirmed = TRUE;
      g_idle_add (close_idle_cb, g_object_ref (self->window));
      return;
    }
  if (preset != NULL)
    load_now (self, preset, file, task);
}

/* ---- the question ----------------------------------------------------- */

static void
changes_response_cb (GradlensUnsavedChanges *changes,
                     const char             *response,
                     AdwMessageDialog       *dialog)
{
  g_autoptr(GradlensUnsavedChanges) self = g_object_ref (changes);

  if (g_str_equal (response, "discard"))
    do_pending (self);
  else if (g_str_equal (response, "save"))
    /* saves, or asks for a file first; gradlens_unsaved_changes_saved()
     * goes on */
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.save", NULL);
  else
    drop_pending (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASKING]);
}

static void
ask (GradlensUnsavedChanges *self)
{
  g_autofree char *name = gradlens_window_dup_display_title (self->window);
  GtkWidget *dialog;

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);

  dialog = adw_message_dialog_new (GTK_WINDOW (self->window), _("Save Changes?"), NULL);
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
  if (g_list_model_get_n_items (gradlens_session_get_runs (gradlens_window_get_session (self->window))) == 0)
    {
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (changes_response_cb), self, G_CONNECT_SWAPPED);
  self->dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASKING]);
}

/**
 * gradlens_unsaved_changes_confirm_close:
 * @self: the unsaved changes of a window
 *
 * Returns: %TRUE if the window may close now; otherwise the question is
 *   asked and the window closes after Save or Discard
 */
gboolean
gradlens_unsaved_changes_confirm_close (GradlensUnsavedChanges *self)
{
  if (self->close_confirmed || !gradlens_session_get_modified (gradlens_window_get_session (self->window)))
    return TRUE;
  drop_pending (self);
  self->pending_close = TRUE;
  ask (self);
  return FALSE;
}

/**
 * gradlens_unsaved_changes_replace:
 * @self: the unsaved changes of a window
 * @preset: a valid preset
 * @file: (nullable): where it was read from, %NULL for a template
 * @task: (nullable): completed when the preset is loaded (or cancelled)
 *
 * Loads @preset now, or after the question when the experiment on screen
 * is modified.
 */
void
gradlens_unsaved_changes_replace (GradlensUnsavedChanges *self,
                                  const GradlensPreset   *preset,
                                  GFile                  *file,
                                  GTask                  *task)
{
  if (!gradlens_session_get_modified (gradlens_window_get_session (self->window)))
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
 * gradlens_unsaved_changes_saved:
 * @self: the unsaved changes of a window
 * @saved: whether the experiment was saved
 *
 * Called by every save: after Save in the question, what waited happens
 * once the experiment is saved, and is forgotten when it was not.
 */
void
gradlens_unsaved_changes_saved (GradlensUnsavedChanges *self,
                                gboolean                saved)
{
  if (saved)
    do_pending (self);
  else
    drop_pending (self);
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_unsaved_changes_dispose (GObject *object)
{
  gradlens_unsaved_changes_close (GRADLENS_UNSAVED_CHANGES (object));

  G_OBJECT_CLASS (gradlens_unsaved_changes_parent_class)->dispose (object);
}

static void
gradlens_unsaved_changes_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  GradlensUnsavedChanges *self = GRADLENS_UNSAVED_CHANGES (object);

  switch (prop_id)
    {
    case PROP_ASKING:
      g_value_set_boolean (value, gradlens_unsaved_changes_get_asking (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_unsaved_changes_class_init (GradlensUnsavedChangesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gradlens_unsaved_changes_dispose;
  object_class->get_property = gradlens_unsaved_changes_get_property;

  /* the question is on screen */
  properties[PROP_ASKING] =
    g_param_spec_boolean ("asking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gradlens_unsaved_changes_init (GradlensUnsavedChanges *self)
{
}

/* ---- public API ------------------------------------------------------- */

/**
 * gradlens_unsaved_changes_new:
 * @window: the window whose experiment is guarded; it owns the result
 *
 * Returns: (transfer full): the question before unsaved changes go
 */
GradlensUnsavedChanges *
gradlens_unsaved_changes_new (GradlensWindow *window)
{
  GradlensUnsavedChanges *self;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (window), NULL);

  self = g_object_new (GRADLENS_TYPE_UNSAVED_CHANGES, NULL);
  self->window = window;
  return self;
}

/* the question on screen (the end-to-end tests' state dump says so) */
gboolean
gradlens_unsaved_changes_get_asking (GradlensUnsavedChanges *self)
{
  g_return_val_if_fail (GRADLENS_IS_UNSAVED_CHANGES (self), FALSE);

  return self->dialog != NULL;
}

/* the window goes: what waited is dropped, the question closed */
void
gradlens_unsaved_changes_close (GradlensUnsavedChanges *self)
{
  g_return_if_fail (GRADLENS_IS_UNSAVED_CHANGES (self));

  drop_pending (self);
  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      gtk_window_destroy (self->dialog);
      self->dialog = NULL;
    }
}
