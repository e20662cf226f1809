/* gradlens-window-views.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-export.h"
#include "gradlens-series-row.h"
#include "gradlens-window-private.h"

/* The views: "Gradient Norms" and "Forward Pass" (a statistic of each
 * layer's forward pass) draw the session's runs, "Depth Sweep" (the first
 * layer's weight gradient norm against the depth) its sweeps; the figures
 * come from gradlens-figure.c. Below them the list of runs or sweeps (one
 * GradlensSeriesRow each) and the selected one's tables (GradlensSeriesTable). */

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
  if (g_str_equal (view, "forward"))
    gtk_stack_set_visible_child_name (self->tables_stack, "layers");
  else if (g_str_equal (view, "gradients"))
    gtk_stack_set_visible_child_name (self->tables_stack, "gradients");
  gradlens_controls_set_sweep_mode (self->controls, sweep);
  _gradlens_window_update_tables (self);
  g_object_notify (G_OBJECT (self), "view");
  _gradlens_window_state_changed (self);
}

static void
statistic_changed_cb (GradlensWindow *self)
{
  g_object_notify (G_OBJECT (self), "statistic");
  _gradlens_window_state_changed (self);
}

/* ---- the lists and their tables --------------------------------------- */

static GradlensSeries *
selected_series (GtkListBox *list)
{
  GtkListBoxRow *row = list != NULL ? gtk_list_box_get_selected_row (list) : NULL;

  return row != NULL ? gradlens_series_row_get_series (GRADLENS_SERIES_ROW (row)) : NULL;
}

/**
 * _gradlens_window_update_tables:
 * @self: the window
 *
 * The tables show the selected run and the selected sweep; their headings
 * name them.
 */
void
_gradlens_window_update_tables (GradlensWindow *self)
{
  GradlensSeries *run = selected_series (self->runs_list);
  GradlensSeries *sweep = selected_series (self->sweeps_list);

  if (self->values_table == NULL)
    return;
  gradlens_series_table_set_series (self->values_table, run);
  gradlens_series_table_set_series (self->layers_table, run);
  gradlens_series_table_set_series (self->sweep_table, sweep);
  if (run != NULL)
    {
      /* Translators: the heading of the table of values, %s is a run's label */
      g_autofree char *title = g_strdup_printf (_("Values of “%s”"), gradlens_series_get_label (run));

      /* the switcher beside it says which table: the heading names the run */
      gtk_label_set_label (self->values_title, gradlens_series_get_label (run));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->values_title), title);
    }
  else
    {
      gtk_label_set_label (self->values_title, _("Values"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->values_title), NULL);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->layers_view),
                               run != NULL && gradlens_series_has_stats (run)
                               ? _("Over the first seed of the run") : NULL);
  if (sweep != NULL)
    {
      /* Translators: the heading of the table of values, %s is a run's label */
      g_autofree char *title = g_strdup_printf (_("Values of “%s”"), gradlens_series_get_label (sweep));

      gtk_label_set_label (self->sweep_values_title, title);
    }
  else
    gtk_label_set_label (self->sweep_values_title, _("Values"));
  _gradlens_window_update_actions (self);
}

/* the table on screen */
GradlensSeriesTable *
_gradlens_window_current_table (GradlensWindow *self)
{
  if (g_strcmp0 (_gradlens_window_get_view (self), "sweep") == 0)
    return self->sweep_table;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->tables_stack), "layers") == 0)
    return self->layers_table;
  return self->values_table;
}

void
_gradlens_window_select (GradlensWindow *self,
                         GtkListBox     *list,
                         guint           index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  if (row != NULL)
    gtk_list_box_select_row (list, row);
  _gradlens_window_update_tables (self);
}

static GtkWidget *
create_run_row_cb (gpointer item,
                   gpointer user_data)
{
  return gradlens_series_row_new (GRADLENS_SERIES (item), "win.remove-run");
}

static GtkWidget *
create_sweep_row_cb (gpointer item,
                     gpointer user_data)
{
  return gradlens_series_row_new (GRADLENS_SERIES (item), "win.remove-sweep");
}

static void
setup_list (GradlensWindow             *self,
            GtkListBox                 *list,
            GListModel                 *model,
            GtkListBoxCreateWidgetFunc  create_row,
            const char                 *empty)
{
  GtkWidget *placeholder = gtk_label_new (empty);

  gtk_list_box_bind_model (list, model, create_row, NULL, NULL);
  g_signal_connect_object (list, "row-selected", G_CALLBACK (_gradlens_window_update_tables), self,
                           G_CONNECT_SWAPPED);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_label_set_justify (GTK_LABEL (placeholder), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (list, placeholder);
}

/* win.remove-run, win.remove-sweep (the row's index), win.clear-runs,
 * win.clear-sweeps */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  gboolean sweeps = strstr (action_name, "sweep") != NULL;
  GListModel *model = sweeps ? gradlens_session_get_sweeps (self->session) : gradlens_session_get_runs (self->session);
  GtkListBox *list = sweeps ? self->sweeps_list : self->runs_list;
  guint n = g_list_model_get_n_items (model);
  guint index = parameter != NULL ? g_variant_get_uint32 (parameter) : 0;

  if (index >= n)
    return;
  gradlens_session_remove (self->session, model, index, parameter != NULL ? 1 : n);
  if (parameter != NULL && n > 1)
    _gradlens_window_select (self, list, MIN (index, n - 2));
  else
    _gradlens_window_update_tables (self);
}

/* ---- computing a sweep ------------------------------------------------ */

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
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, lower_stack);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, tables_stack);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, layers_view);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, layers_scroller);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweeps_list);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_values_title);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_values_view);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_values_scroller);

  gtk_widget_class_install_action (widget_class, "win.sweep", NULL, sweep_action);
  gtk_widget_class_install_action (widget_class, "win.clear-runs", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "win.remove-run", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "win.clear-sweeps", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "win.remove-sweep", "u", remove_action);
}

void
_gradlens_window_views_init (GradlensWindow *self)
{
  self->values_table = gradlens_series_table_new (self->values_view, &gradlens_run_values_table,
                                                  GRADLENS_RUN_TABLE_VALUES, GTK_WIDGET (self->values_scroller));
  self->layers_table = gradlens_series_table_new (self->layers_view, &gradlens_run_layers_table,
                                                  GRADLENS_RUN_TABLE_LAYERS, GTK_WIDGET (self->layers_scroller));
  self->sweep_table = gradlens_series_table_new (self->sweep_values_view, &gradlens_sweep_table, 0,
                                                 GTK_WIDGET (self->sweep_values_scroller));
  setup_list (self, self->runs_list, gradlens_session_get_runs (self->session), create_run_row_cb,
              _("No runs yet: set up a network and press Run"));
  setup_list (self, self->sweeps_list, gradlens_session_get_sweeps (self->session), create_sweep_row_cb,
              _("No sweeps yet: choose the depths in the side panel and press Sweep"));

  {
    GradlensPage *pages[] = { self->gradients_page, self->forward_page, self->sweep_page };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        gradlens_page_set_session (pages[i], self->session);
        g_signal_connect_object (pages[i], "figure-changed", G_CALLBACK (_gradlens_window_state_changed), self,
                                 G_CONNECT_SWAPPED);
      }
    g_signal_connect_object (self->forward_page, "notify::statistic", G_CALLBACK (statistic_changed_cb), self,
                             G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (self->plot_stack, "notify::visible-child-name", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tables_stack, "notify::visible-child-name",
                           G_CALLBACK (_gradlens_window_update_actions), self, G_CONNECT_SWAPPED);
}

void
_gradlens_window_views_dispose (GradlensWindow *self)
{
  if (self->plot_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->plot_stack, self);
  if (self->tables_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->tables_stack, self);
  if (self->runs_list != NULL)
    g_signal_handlers_disconnect_by_data (self->runs_list, self);
  if (self->sweeps_list != NULL)
    g_signal_handlers_disconnect_by_data (self->sweeps_list, self);
  g_clear_object (&self->values_table);
  g_clear_object (&self->layers_table);
  g_clear_object (&self->sweep_table);
}
