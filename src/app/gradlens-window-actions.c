/* gradlens-window-actions.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-builtin-presets.h"
#include "gradlens-file-chooser.h"
#include "gradlens-guide.h"
#include "gradlens-preset-file.h"
#include "gradlens-preview.h"
#include "gradlens-window-private.h"

/* Every win.* action of the window, installed here (as GNOME Text Editor's
 * editor-window-actions.c does), and what they do: compute, stop, remove and
 * undo forward to the session; zoom and copy to the page on screen; open and
 * save go through the session and the question before unsaved changes go
 * (GradlensUnsavedChanges); export opens GradlensExportDialog. */

/* ---- messages --------------------------------------------------------- */

/**
 * gradlens_window_show_error:
 * @self: the window
 * @heading: what failed
 * @body: why, naming the file and the problem
 *
 * Shows an AdwMessageDialog; a previous one still open is closed first, so
 * errors never pile up.
 */
void
gradlens_window_show_error (GradlensWindow *self,
                            const char     *heading,
                            const char     *body)
{
  GtkWidget *dialog;

  g_return_if_fail (GRADLENS_IS_WINDOW (self));

  if (self->error_dialog != NULL)
    gtk_window_destroy (self->error_dialog);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  self->error_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->error_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* a short notice: a file saved or exported */
void
gradlens_window_add_toast (GradlensWindow *self,
                           const char     *text)
{
  AdwToast *t;

  g_return_if_fail (GRADLENS_IS_WINDOW (self));

  t = adw_toast_new (text);
  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* ---- file choosers ---------------------------------------------------- */

static void
set_folder_from_setting (GradlensWindow *self,
                         GtkFileChooser *chooser,
                         const char     *key,
                         gboolean        parent)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->settings == NULL)
    return;
  path = g_settings_get_string (self->settings, key);
  if (path[0] == '\0')
    return;
  file = g_file_new_for_path (path);
  folder = parent ? g_file_get_parent (file) : g_object_ref (file);
  if (folder != NULL && g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

/* ---- open ------------------------------------------------------------- */

static void
open_response_cb (GradlensWindow       *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = gradlens_file_chooser_finish (&self->chooser, native, response);

  if (file != NULL)
    gradlens_window_open_file (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Experiment"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gradlens_file_chooser_add_json_filters (GTK_FILE_CHOOSER (native));
  set_folder_from_setting (self, GTK_FILE_CHOOSER (native), "last-experiment", TRUE);
  gradlens_file_chooser_show (&self->chooser, native, G_CALLBACK (open_response_cb), self);
}

static void
open_builtin_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gradlens_window_open_resource (GRADLENS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* ---- drag and drop ---------------------------------------------------- */

static gboolean
drop_cb (GradlensWindow *self,
         const GValue   *value,
         double          x,
         double          y,
         GtkDropTarget  *target)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      file = files != NULL ? files->data : NULL;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;
  gradlens_window_open_file (self, file);
  return TRUE;
}

/* ---- save ------------------------------------------------------------- */

static void
save_response_cb (GradlensWindow       *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = gradlens_file_chooser_finish (&self->chooser, native, response);

  if (file != NULL)
    gradlens_window_save_to (self, file);
  else
    gradlens_unsaved_changes_saved (self->changes, FALSE);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  native = gtk_file_chooser_native_new (_("Save Experiment"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gradlens_file_chooser_add_json_filters (GTK_FILE_CHOOSER (native));
  /* beside the user's own file, else in the documents folder (never in the
   * folder of a shipped preset, nor the process's working folder) */
  if (gradlens_session_get_file (self->session) != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), gradlens_session_get_file (self->session), NULL);
  else
    {
      g_autoptr(GFile) folder = gradlens_dup_save_folder (NULL);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
      name = gradlens_suggested_file_name (gradlens_session_get_title (self->session), "json");
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }
  gradlens_file_chooser_show (&self->chooser, native, G_CALLBACK (save_response_cb), self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  GFile *file = gradlens_session_get_file (self->session);

  if (file != NULL && g_file_is_native (file))
    gradlens_window_save_to (self, file);
  else
    save_as_action (widget, "win.save-as", NULL);
}

/* ---- computing ------------------------------------------------------- */

/* results landed: show the first new one's table */
static void
job_results_cb (GradlensWindow  *self,
                GListModel      *list,
                int              position,
                GradlensSession *session)
{
  if (self->closed)
    return;
  if (list == gradlens_session_get_sweeps (session))
    {
      if (position >= 0)
        gradlens_series_panel_select (self->sweeps_panel, position);
      return;
    }
  gradlens_series_panel_select (self->runs_panel, g_list_model_get_n_items (list) - 1);
}

static void
job_finished_cb (GradlensWindow  *self,
                 GradlensJobKind  kind,
                 const GError    *error,
                 GradlensSession *session)
{
  if (self->closed || error == NULL)
    return;
  if (kind == GRADLENS_JOB_TRAIN && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Training stopped")));
  else if (kind == GRADLENS_JOB_TRAIN)
    gradlens_window_show_error (self, _("The Training Failed"), error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (kind == GRADLENS_JOB_SWEEP ? _("Sweep stopped")
                                                                           : _("Computation stopped")));
  else
    gradlens_window_show_error (self, kind == GRADLENS_JOB_SWEEP ? _("The Sweep Failed") : _("The Run Failed"),
                                 error->message);
}

/* one toast for all problems of the controls (the controls carry the
 * details); it replaces the previous one */
static void
show_invalid (GradlensWindow *self,
              const char     *message)
{
  if (self->error_toast != NULL)
    adw_toast_dismiss (self->error_toast);
  self->error_toast = adw_toast_new (message != NULL ? message : _("Some values are invalid"));
  adw_toast_set_timeout (self->error_toast, 6);
  g_object_add_weak_pointer (G_OBJECT (self->error_toast), (gpointer *) &self->error_toast);
  adw_toast_overlay_add_toast (self->toast_overlay, self->error_toast);
}

/**
 * gradlens_window_run:
 * @self: the window
 *
 * Checks the controls and computes a run of them in a worker thread; the
 * run is added in the next free palette colour when it is done. Invalid
 * controls are marked, and a toast names the first problem.
 *
 * Returns: %TRUE if the computation started
 */
gboolean
gradlens_window_run (GradlensWindow *self)
{
  g_autoptr(GradlensRunConfig) config = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);

  /* one computation at a time: a run or a sweep */
  if (gradlens_window_get_running (self))
    return FALSE;
  config = gradlens_run_config_new ();
  if (!gradlens_controls_get_config (self->controls, config, &message))
    {
      show_invalid (self, message);
      return FALSE;
    }
  if (self->error_toast != NULL)
    adw_toast_dismiss (self->error_toast);
  gradlens_session_run (self->session, &config, 1);
  /* the next run gets a label of its own */
  gradlens_controls_clear_label (self->controls);
  return TRUE;
}

void
gradlens_window_stop (GradlensWindow *self)
{
  g_return_if_fail (GRADLENS_IS_WINDOW (self));

  if (self->session != NULL)
    gradlens_session_stop (self->session);
}

gboolean
gradlens_window_get_running (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);

  return self->session != NULL && gradlens_session_get_running (self->session);
}



/**
 * gradlens_window_sweep:
 * @self: the window
 *
 * Checks the controls and the sweep's depths, then computes a depth sweep of
 * the controls' network (with its seeds) in a worker thread
 * (gradlens_session_sweep()).
 *
 * Returns: %TRUE if the computation started
 */
gboolean
gradlens_window_sweep (GradlensWindow *self)
{
  g_autoptr(GradlensRunConfig) config = NULL;
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *depths_message = NULL;
  gboolean ok;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);

  if (gradlens_window_get_running (self))
    return FALSE;
  config = gradlens_run_config_new ();
  ok = gradlens_controls_get_config (self->controls, config, &message);
  ok = gradlens_controls_get_depths (self->controls, depths, &depths_message) && ok;
  if (!ok)
    {
      show_invalid (self, message != NULL ? message : depths_message);
      return FALSE;
    }
  if (!gradlens_session_sweep (self->session, config, (const int *) (void *) depths->data, depths->len, &error))
    {
      gradlens_controls_mark_depths (self->controls, error->message);
      show_invalid (self, error->message);
      return FALSE;
    }
  if (self->error_toast != NULL)
    adw_toast_dismiss (self->error_toast);
  /* the next run or sweep gets a label of its own */
  gradlens_controls_clear_label (self->controls);
  return TRUE;
}

static void
sweep_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gradlens_window_sweep (GRADLENS_WINDOW (widget));
}

/* win.undo-remove, the toast's Undo: the series removed last back where
 * they were */
static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  g_autoptr(GPtrArray) removed = g_steal_pointer (&self->undo_items);

  gtk_widget_action_set_enabled (widget, "win.undo-remove", FALSE);
  if (removed == NULL || self->session == NULL)
    return;
  gradlens_session_insert (self->session, self->undo_model, self->undo_position, removed);
}

/* win.remove-run, win.remove-sweep (the row's index), win.clear-runs,
 * win.clear-sweeps: removed, with a toast to undo it */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  gboolean sweeps = strstr (action_name, "sweep") != NULL;
  GListModel *model = sweeps ? gradlens_session_get_sweeps (self->session) : gradlens_session_get_runs (self->session);
  GradlensSeriesPanel *panel = sweeps ? self->sweeps_panel : self->runs_panel;
  guint n = g_list_model_get_n_items (model);
  guint index = parameter != NULL ? g_variant_get_uint32 (parameter) : 0;

  guint count = parameter != NULL ? 1 : n;
  g_autoptr(GPtrArray) removed = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (index >= n)
    return;
  removed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < count; i++)
    g_ptr_array_add (removed, g_list_model_get_item (model, index + i));
  gradlens_session_remove (self->session, model, index, count);
  if (parameter != NULL && n > 1)
    gradlens_series_panel_select (panel, MIN (index, n - 2));

  /* a toast offers to undo, as GNOME apps do */
  if (count == 1)
    /* Translators: %s is the label of a run or sweep */
    text = g_strdup_printf (_("Removed “%s”"), gradlens_series_get_label (removed->pdata[0]));
  else if (sweeps)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Removed %u sweep", "Removed %u sweeps", count), count);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Removed %u run", "Removed %u runs", count), count);
  g_clear_pointer (&self->undo_items, g_ptr_array_unref);
  self->undo_items = g_steal_pointer (&removed);
  self->undo_model = model;
  self->undo_position = index;
  gtk_widget_action_set_enabled (widget, "win.undo-remove", TRUE);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-remove");
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  gradlens_window_run (GRADLENS_WINDOW (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gradlens_window_stop (GRADLENS_WINDOW (widget));
}

static void
copy_values_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  g_autofree char *text = gradlens_window_dup_values_tsv (self);

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Values copied")));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  GradlensPlotView *view = gradlens_page_get_plot_view (gradlens_window_get_visible_page (self));

  if (g_str_equal (action_name, "win.zoom-in"))
    gradlens_plot_view_zoom (view, 1.25);
  else if (g_str_equal (action_name, "win.zoom-out"))
    gradlens_plot_view_zoom (view, 0.8);
  else
    gradlens_plot_view_reset_view (view);
}

/* win.export: the Export dialog (gradlens-export-dialog.c) */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gradlens_export_dialog_present (GRADLENS_WINDOW (widget)->export_dialog);
}

/* ---- which apply ------------------------------------------------------ */

/* which actions apply: computing or not, runs or sweeps, the view */
void
_gradlens_window_update_actions (GradlensWindow *self)
{
  gboolean running, has_runs, has_sweeps, sweep_view, has_table;
  GradlensSeriesPanel *panel;

  /* the template is gone (dispose) */
  if (self->run_button == NULL || self->session == NULL || self->runs_panel == NULL || self->sweeps_panel == NULL)
    return;
  running = gradlens_session_get_running (self->session);
  has_runs = g_list_model_get_n_items (gradlens_session_get_runs (self->session)) > 0;
  has_sweeps = g_list_model_get_n_items (gradlens_session_get_sweeps (self->session)) > 0;
  sweep_view = g_strcmp0 (gradlens_window_get_view (self), "sweep") == 0;
  panel = sweep_view ? self->sweeps_panel : self->runs_panel;
  has_table = gradlens_series_panel_get_selected (panel) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sweep", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-runs", has_runs && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-sweeps", has_sweeps && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-sweep", !running);
  /* the figure on screen, or the values of the runs */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", sweep_view ? has_sweeps : has_runs);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-values", has_table);
  /* a preset holds at least one run */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_runs);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_runs);
  /* the view's own computation: a run, or a sweep */
  gtk_widget_set_visible (GTK_WIDGET (self->run_button), !running && !sweep_view);
  gtk_widget_set_visible (GTK_WIDGET (self->sweep_button), !running && sweep_view);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), running);
}

/* ---- setup ------------------------------------------------------------ */

void
_gradlens_window_actions_class_init (GtkWidgetClass *widget_class)
{
  /* computing and the series */
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.sweep", NULL, sweep_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.clear-runs", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "win.remove-run", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "win.clear-sweeps", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "win.remove-sweep", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "win.undo-remove", NULL, undo_remove_action);
  /* the page on screen */
  gtk_widget_class_install_action (widget_class, "win.copy-values", NULL, copy_values_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.reset-view", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  /* the window's properties: the plot settings, the view, the statistic */
  gtk_widget_class_install_property_action (widget_class, "win.y-scale", "y-scale");
  gtk_widget_class_install_property_action (widget_class, "win.x-axis", "x-axis");
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");
  gtk_widget_class_install_property_action (widget_class, "win.statistic", "statistic");
  /* files */
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-builtin", "s", open_builtin_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  /* the guide (F1) and the live preview, each in its own window */
  gradlens_guide_install_action (widget_class);
  gradlens_preview_install_action (widget_class);
}

void
_gradlens_window_actions_init (GradlensWindow *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-remove", FALSE);
  g_signal_connect_object (self->session, "job-results", G_CALLBACK (job_results_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "job-finished", G_CALLBACK (job_finished_cb), self, G_CONNECT_SWAPPED);
  gradlens_builtin_presets_fill_menu (self->presets_menu);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
