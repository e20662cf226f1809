/* gradlens-window-views.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-export.h"
#include "gradlens-window-private.h"

/* The window's views: the pages (GradlensPage) above, the panels of runs and
 * of sweeps (GradlensSeriesPanel) below, which one shows; and the actions that
 * compute (run, sweep, stop) or remove series, forwarded to the session. */

/* ---- the view --------------------------------------------------------- */

const char *
_gradlens_window_get_view (GradlensWindow *self)
{
  const char *name = self->plot_stack != NULL ? gtk_stack_get_visible_child_name (self->plot_stack) : NULL;

  return name != NULL ? name : "gradients";
}

void
_gradlens_window_set_view (GradlensWindow *self,
                           const char     *view)
{
  if (view == NULL || self->plot_stack == NULL || gtk_stack_get_child_by_name (self->plot_stack, view) == NULL)
    return;
  gtk_stack_set_visible_child_name (self->plot_stack, view);
}

/* the page on screen */
GradlensPage *
_gradlens_window_current_page (GradlensWindow *self)
{
  return GRADLENS_PAGE (gtk_stack_get_visible_child (self->plot_stack));
}

/* the rest of the window follows what the plot shows */
static void
view_changed_cb (GradlensWindow *self)
{
  const char *view = _gradlens_window_get_view (self);
  gboolean sweep = g_str_equal (view, "sweep");

  gtk_stack_set_visible_child_name (self->lower_stack, sweep ? "sweeps" : "runs");
  if (g_str_equal (view, "forward") || g_str_equal (view, "backward"))
    gradlens_series_panel_show_table (self->runs_panel, "layers");
  else if (g_str_equal (view, "gradients"))
    gradlens_series_panel_show_table (self->runs_panel, "gradients");
  gradlens_controls_set_sweep_mode (self->controls, sweep);
  _gradlens_window_update_actions (self);
  g_object_notify (G_OBJECT (self), "view");
  _gradlens_window_state_changed (self);
}

static void
statistic_changed_cb (GradlensWindow *self)
{
  g_object_notify (G_OBJECT (self), "statistic");
  _gradlens_window_state_changed (self);
}

/* ---- the lists ------------------------------------------------------- */

/* the layers of a run with several seeds are those of its first */
static void
run_selected_cb (GradlensWindow *self)
{
  GradlensSeries *run;
  GradlensSeriesTable *layers;

  /* the template is gone (dispose) */
  if (self->runs_panel == NULL)
    return;
  run = gradlens_series_panel_get_selected (self->runs_panel);
  layers = gradlens_series_panel_get_table (self->runs_panel, "layers");

  gtk_widget_set_tooltip_text (GTK_WIDGET (gradlens_series_table_get_view (layers)),
                               run != NULL && gradlens_series_has_stats (run)
                               ? _("Over the first seed of the run") : NULL);
  _gradlens_window_update_actions (self);
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

/* ---- computing ------------------------------------------------------- */

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
      _gradlens_window_show_invalid (self, message);
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
 * _gradlens_window_show_invalid:
 * @self: the window
 * @message: (nullable): the first problem of the controls
 *
 * One toast for all problems (the controls carry the details); it replaces
 * the previous one.
 */
void
_gradlens_window_show_invalid (GradlensWindow *self,
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
      _gradlens_window_show_invalid (self, message != NULL ? message : depths_message);
      return FALSE;
    }
  if (!gradlens_session_sweep (self->session, config, (const int *) (void *) depths->data, depths->len, &error))
    {
      gradlens_controls_mark_depths (self->controls, error->message);
      _gradlens_window_show_invalid (self, error->message);
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

/* ---- setup ------------------------------------------------------------ */

void
_gradlens_window_views_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, plot_stack);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, gradients_page);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, forward_page);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_page);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, train_page);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, lower_stack);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, runs_panel);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweeps_panel);

  gtk_widget_class_install_action (widget_class, "win.sweep", NULL, sweep_action);
  gtk_widget_class_install_action (widget_class, "win.clear-runs", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "win.remove-run", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "win.clear-sweeps", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "win.remove-sweep", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "win.undo-remove", NULL, undo_remove_action);
}

void
_gradlens_window_views_init (GradlensWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-remove", FALSE);
  gradlens_series_panel_add_table (self->runs_panel, "gradients",
                                   /* Translators: a table: the gradient norm of each parameter */
                                   _("Gradients"), _("Gradient norms of the selected run"),
                                   &gradlens_run_values_table, GRADLENS_RUN_TABLE_VALUES);
  gradlens_series_panel_add_table (self->runs_panel, "layers",
                                   /* Translators: a table: the forward statistics of each layer */
                                   _("Layers"), _("Forward statistics of each layer of the selected run"),
                                   &gradlens_run_layers_table, GRADLENS_RUN_TABLE_LAYERS);
  gradlens_series_panel_add_table (self->sweeps_panel, "sweep", NULL,
                                   _("The first layer’s gradient norm at each depth of the selected sweep"),
                                   &gradlens_sweep_table, 0);
  gradlens_series_panel_show_table (self->runs_panel, "gradients");
  gradlens_series_panel_bind (self->runs_panel, gradlens_session_get_runs (self->session));
  gradlens_series_panel_bind (self->sweeps_panel, gradlens_session_get_sweeps (self->session));
  g_signal_connect_object (self->runs_panel, "selection-changed", G_CALLBACK (run_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sweeps_panel, "selection-changed", G_CALLBACK (_gradlens_window_update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gradlens_series_panel_get_stack (self->runs_panel), "notify::visible-child-name",
                           G_CALLBACK (_gradlens_window_update_actions), self, G_CONNECT_SWAPPED);
  {
    GradlensPage *pages[] = { self->gradients_page, self->forward_page, self->sweep_page, self->train_page };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        gradlens_page_set_session (pages[i], self->session);
        g_signal_connect_object (pages[i], "figure-changed", G_CALLBACK (_gradlens_window_state_changed), self,
                                 G_CONNECT_SWAPPED);
      }
    g_signal_connect_object (self->forward_page, "notify::statistic", G_CALLBACK (statistic_changed_cb), self,
                             G_CONNECT_SWAPPED);
  }
  {
    /* the Backward Signal view (issue 11), found by its name */
    GtkWidget *backward = gtk_stack_get_child_by_name (self->plot_stack, "backward");

    if (backward != NULL)
      {
        gradlens_page_set_session (GRADLENS_PAGE (backward), self->session);
        g_signal_connect_object (backward, "figure-changed", G_CALLBACK (_gradlens_window_state_changed), self,
                                 G_CONNECT_SWAPPED);
      }
  }
  g_signal_connect_object (self->plot_stack, "notify::visible-child-name", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_gradlens_window_views_dispose (GradlensWindow *self)
{
  if (self->plot_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->plot_stack, self);
  g_clear_pointer (&self->undo_items, g_ptr_array_unref);
}
