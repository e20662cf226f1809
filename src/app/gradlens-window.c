/* gradlens-window.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-figure.h"
#include "gradlens-param.h"
#include "gradlens-run-row.h"
#include "gradlens-window-private.h"

/* How long a computation may take before the progress bar shows (ms): the
 * notebook's runs take microseconds and should not make it flicker */
#define PROGRESS_DELAY_MS 150

G_DEFINE_FINAL_TYPE (GradlensWindow, gradlens_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_Y_SCALE,
  PROP_X_AXIS,
  PROP_VIEW,
  PROP_STATISTIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_job (GradlensWindow            *self,
                       GradlensRunConfig * const *configs,
                       guint                      n_configs);

/* ---- the figure ------------------------------------------------------- */

PlotTheme
_gradlens_window_current_theme (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? PLOT_THEME_DARK : PLOT_THEME_LIGHT;
}

/**
 * _gradlens_window_update_figure:
 * @self: the window
 * @keep_view: keep the zoom (a run renamed or hidden) or reset it (runs added,
 *   removed, another axis)
 *
 * Builds the figure from the runs with gradlens_figure_from_results(), the
 * code the CLI and the exports use, then applies what only the screen has:
 * the window's dark or light style, hidden runs, the zoom.
 */
void
_gradlens_window_update_figure (GradlensWindow *self,
                                gboolean        keep_view)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  g_autofree GradlensRunResult **results = g_new0 (GradlensRunResult *, n + 1);
  g_autoptr(PlotFigure) figure = NULL;
  double lo, hi;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRun) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

      results[i] = (GradlensRunResult *) gradlens_run_get_result (run);
    }
  figure = gradlens_figure_from_results (&self->plot_settings, results, n);
  plot_figure_set_theme (figure, _gradlens_window_current_theme ());
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRun) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);
      g_autofree char *suffix = gradlens_format_decay_for_people (results[i]->decay_per_layer);

      plot_figure_set_series_visible (figure, i, gradlens_run_get_visible (run));
      /* the legend in the window's language */
      if (suffix != NULL)
        plot_figure_set_series_legend_suffix (figure, i, suffix);
    }
  if (keep_view && self->figure != NULL)
    {
      if (plot_figure_get_x_view (self->figure, &lo, &hi))
        plot_figure_set_x_view (figure, lo, hi);
      if (plot_figure_get_y_view (self->figure, &lo, &hi))
        plot_figure_set_y_view (figure, lo, hi);
    }

  g_clear_pointer (&self->figure, plot_figure_unref);
  self->figure = g_steal_pointer (&figure);
  gradlens_plot_view_set_figure (self->plot_view, self->figure);
  _gradlens_window_update_forward_figure (self, keep_view);
  _gradlens_window_state_changed (self);
}

static void
dark_changed_cb (GradlensWindow  *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *style_manager)
{
  if (self->figure != NULL)
    {
      plot_figure_set_theme (self->figure, _gradlens_window_current_theme ());
      gradlens_plot_view_figure_changed (self->plot_view);
    }
  _gradlens_window_views_theme_changed (self);
  _gradlens_window_state_changed (self);
}

static void
legend_clicked_cb (GradlensWindow   *self,
                   guint             series,
                   GradlensPlotView *view)
{
  g_autoptr(GradlensRun) run = g_list_model_get_item (G_LIST_MODEL (self->runs), series);

  if (run != NULL)
    gradlens_run_set_visible (run, !gradlens_run_get_visible (run));
}

static void
view_changed_cb (GradlensWindow *self)
{
  _gradlens_window_state_changed (self);
}

/* ---- the title -------------------------------------------------------- */

void
_gradlens_window_update_title (GradlensWindow *self)
{
  const char *title = self->preset_title != NULL && self->preset_title[0] != '\0'
                      ? self->preset_title : _("Untitled Experiment");
  g_autofree char *window_title = NULL;
  g_autofree char *basename = NULL;

  if (self->file != NULL)
    basename = g_file_get_basename (self->file);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, basename);
  /* Translators: the window title: "<experiment> – Gradlens" */
  window_title = g_strdup_printf (_("%s – Gradlens"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* ---- the runs and the table of values --------------------------------- */

static void
update_values (GradlensWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->runs_list);
  GradlensRun *run = row != NULL ? gradlens_run_row_get_run (GRADLENS_RUN_ROW (row)) : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean stats = run != NULL && gradlens_run_has_stats (run);

  if (run != NULL)
    {
      const GradlensRunResult *result = gradlens_run_get_result (run);
      g_autofree char *title = NULL;

      for (int p = 0; p < result->n_params; p++)
        g_ptr_array_add (items, gradlens_param_new (run, p));
      /* the switcher beside it says which table: the heading names the run */
      /* Translators: the heading of the table of values, %s is a run's label */
      title = g_strdup_printf (_("Values of “%s”"), gradlens_run_get_label (run));
      gtk_label_set_label (self->values_title, gradlens_run_get_label (run));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->values_title), title);
    }
  else
    {
      gtk_label_set_label (self->values_title, _("Values"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->values_title), NULL);
    }

  g_list_store_splice (self->params, 0, g_list_model_get_n_items (G_LIST_MODEL (self->params)),
                       items->pdata, items->len);
  for (guint c = GRADLENS_COLUMN_MIN; c < GRADLENS_N_COLUMNS; c++)
    gtk_column_view_column_set_visible (self->columns[c], stats);
  _gradlens_window_update_layers (self, run);
  _gradlens_window_update_actions (self);
}

static void
row_selected_cb (GradlensWindow *self,
                 GtkListBoxRow  *row,
                 GtkListBox     *list)
{
  update_values (self);
}

static GtkWidget *
create_run_row_cb (gpointer item,
                   gpointer user_data)
{
  return gradlens_run_row_new (GRADLENS_RUN (item));
}

static void
run_visible_cb (GradlensWindow *self,
                GParamSpec     *pspec,
                GradlensRun    *run)
{
  guint position;

  if (self->figure != NULL && g_list_store_find (self->runs, run, &position))
    {
      plot_figure_set_series_visible (self->figure, position, gradlens_run_get_visible (run));
      gradlens_plot_view_figure_changed (self->plot_view);
      if (self->forward_figure != NULL && position < plot_figure_get_n_series (self->forward_figure))
        {
          plot_figure_set_series_visible (self->forward_figure, position, gradlens_run_get_visible (run));
          gradlens_plot_view_figure_changed (self->forward_view);
        }
    }
  _gradlens_window_state_changed (self);
}

static void
run_label_cb (GradlensWindow *self,
              GParamSpec     *pspec,
              GradlensRun    *run)
{
  _gradlens_window_update_figure (self, TRUE);
  update_values (self);
}

/* The first colour of the palette that no run has, so that a removed run
 * frees its colour. */
static char *
next_color (GradlensWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));

  for (guint c = 0; c < PLOT_PALETTE_SIZE; c++)
    {
      PlotRgba rgba;
      g_autofree char *color = NULL;
      gboolean used = FALSE;

      plot_palette_color (c, &rgba);
      color = plot_rgba_to_string (&rgba);
      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(GradlensRun) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

          used = g_ascii_strcasecmp (gradlens_run_get_color (run), color) == 0;
        }
      if (!used)
        return g_steal_pointer (&color);
    }
  {
    PlotRgba rgba;

    plot_palette_color (n, &rgba);
    return plot_rgba_to_string (&rgba);
  }
}

static gboolean
label_taken (GradlensWindow *self,
             const char     *label)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRun) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

      if (g_strcmp0 (gradlens_run_get_label (run), label) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_result (GradlensWindow    *self,
            GradlensRunResult *result)
{
  g_autoptr(GradlensRun) run = NULL;
  GradlensRunConfig *config = &result->config;
  PlotRgba rgba;

  self->n_runs_made++;
  if (config->color == NULL || !plot_rgba_parse (&rgba, config->color))
    {
      g_free (config->color);
      config->color = next_color (self);
    }
  if (config->label == NULL || config->label[0] == '\0')
    {
      g_free (config->label);
      config->label = gradlens_default_label (config, self->n_runs_made);
    }
  if (label_taken (self, config->label))
    {
      g_autofree char *base = g_steal_pointer (&config->label);

      for (guint k = 2; config->label == NULL || label_taken (self, config->label); k++)
        {
          g_free (config->label);
          /* Translators: a second run with the same label, "Leaky ReLU (2)" */
          config->label = g_strdup_printf (_("%s (%u)"), base, k);
        }
    }

  run = gradlens_run_new (result);
  g_signal_connect_object (run, "notify::visible", G_CALLBACK (run_visible_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (run, "notify::label", G_CALLBACK (run_label_cb), self, G_CONNECT_SWAPPED);
  g_list_store_append (self->runs, run);
}

static void
remove_runs (GradlensWindow *self,
             guint           position,
             guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRun) run = g_list_model_get_item (G_LIST_MODEL (self->runs), position + i);

      g_signal_handlers_disconnect_by_data (run, self);
    }
  g_list_store_splice (self->runs, position, n, NULL, 0);
}

static void
select_last_run (GradlensWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  GtkListBoxRow *row = n > 0 ? gtk_list_box_get_row_at_index (self->runs_list, n - 1) : NULL;

  if (row != NULL)
    gtk_list_box_select_row (self->runs_list, row);
  update_values (self);
}

static void
runs_changed_cb (GradlensWindow *self)
{
  _gradlens_window_update_actions (self);
  _gradlens_window_state_changed (self);
}

/* ---- computing -------------------------------------------------------- */

void
_gradlens_window_update_actions (GradlensWindow *self)
{
  gboolean running = self->job != NULL || self->sweep_job != NULL;
  gboolean has_runs = self->runs != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->runs)) > 0;
  gboolean has_sweeps = _gradlens_window_has_sweeps (self);
  gboolean sweep_view = g_strcmp0 (_gradlens_window_get_view (self), "sweep") == 0;
  GtkListBox *list = sweep_view ? self->sweeps_list : self->runs_list;
  gboolean has_table = list != NULL && gtk_list_box_get_selected_row (list) != NULL;

  /* the template is gone (dispose) */
  if (self->run_button == NULL)
    return;

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

static void
results_ready_cb (GradlensWindow *self,
                  GradlensJob    *job)
{
  g_autoptr(GPtrArray) results = NULL;

  if (job != self->job)
    return;
  results = gradlens_job_steal_results (job);
  if (results->len == 0)
    return;
  for (guint i = 0; i < results->len; i++)
    add_result (self, g_steal_pointer (&g_ptr_array_index (results, i)));
  g_ptr_array_set_free_func (results, NULL);
  _gradlens_window_update_figure (self, FALSE);
  select_last_run (self);
}

static double
progress_fraction (GradlensWindow *self)
{
  if (self->job != NULL)
    return gradlens_job_get_fraction (self->job);
  if (self->sweep_job != NULL)
    return gradlens_sweep_job_get_fraction (self->sweep_job);
  return 0.0;
}

/* the progress bar, and the header's subtitle once the bar shows */
void
_gradlens_window_progress_update (GradlensWindow *self)
{
  double fraction = progress_fraction (self);
  g_autofree char *text = NULL;

  if (self->job == NULL && self->sweep_job == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  if (!gtk_revealer_get_reveal_child (self->progress_revealer))
    return;
  if (self->sweep_job != NULL)
    /* Translators: progress of a depth sweep, in the header bar */
    text = g_strdup_printf (_("Sweeping… %.0f %%"), 100.0 * fraction);
  else if (gradlens_job_get_n_runs (self->job) > 1)
    {
      guint n = gradlens_job_get_n_runs (self->job);
      guint done = gradlens_job_get_n_done (self->job);

      /* Translators: progress of a computation of several runs, in the header bar */
      text = g_strdup_printf (_("Computing run %u of %u… %.0f %%"), MIN (done + 1, n), n, 100.0 * fraction);
    }
  else
    /* Translators: progress of a computation, in the header bar */
    text = g_strdup_printf (_("Computing… %.0f %%"), 100.0 * fraction);
  adw_window_title_set_subtitle (self->window_title, text);
}

static void
fraction_cb (GradlensWindow *self,
             GParamSpec     *pspec,
             GradlensJob    *job)
{
  if (job != self->job)
    return;
  _gradlens_window_progress_update (self);
}

/* a single long run reports no fraction until it ends: show that it works */
static gboolean
pulse_cb (gpointer user_data)
{
  GradlensWindow *self = user_data;

  if ((self->job == NULL && self->sweep_job == NULL) || progress_fraction (self) > 0.0)
    {
      self->pulse_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static gboolean
show_progress_cb (gpointer user_data)
{
  GradlensWindow *self = user_data;

  self->progress_timeout_id = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  _gradlens_window_progress_update (self);
  if ((self->job != NULL || self->sweep_job != NULL) && progress_fraction (self) == 0.0 && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (120, pulse_cb, self);
  return G_SOURCE_REMOVE;
}

/* a computation starts: the progress bar shows only if it takes a while, so
 * that the notebook's runs (microseconds; 1000 seeds in ~10 ms) feel instant */
void
_gradlens_window_progress_begin (GradlensWindow *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_show_text (self->progress_bar, FALSE);
  g_clear_handle_id (&self->progress_timeout_id, g_source_remove);
  self->progress_timeout_id = g_timeout_add (PROGRESS_DELAY_MS, show_progress_cb, self);
}

void
_gradlens_window_progress_end (GradlensWindow *self)
{
  g_clear_handle_id (&self->progress_timeout_id, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->progress_revealer != NULL && gtk_revealer_get_reveal_child (self->progress_revealer))
    {
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
      _gradlens_window_update_title (self);
    }
}

/* a computation started or ended */
void
_gradlens_window_computing_changed (GradlensWindow *self)
{
  if (self->runs != NULL && self->run_button != NULL)
    {
      _gradlens_window_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      _gradlens_window_state_changed (self);
    }
}

static void
set_running (GradlensWindow *self,
             GradlensJob    *job)
{
  if (job != NULL)
    {
      g_set_object (&self->job, job);
      _gradlens_window_progress_begin (self);
    }
  else
    {
      if (self->job != NULL)
        g_signal_handlers_disconnect_by_data (self->job, self);
      g_clear_object (&self->job);
      _gradlens_window_progress_end (self);
    }
  _gradlens_window_computing_changed (self);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GradlensWindow) self = user_data;
  GradlensJob *job = GRADLENS_JOB (object);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = gradlens_job_run_finish (job, result, &error);
  /* a newer job replaced this one, or the window is gone */
  if (job != self->job)
    return;
  if (self->closed)
    {
      set_running (self, NULL);
      return;
    }

  results_ready_cb (self, job);
  set_running (self, NULL);

  if (ok)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Computation stopped")));
      return;
    }
  _gradlens_window_show_error (self, _("The Run Failed"), error->message);
}

static void
start_job (GradlensWindow            *self,
           GradlensRunConfig * const *configs,
           guint                      n_configs)
{
  g_autoptr(GradlensJob) job = NULL;

  /* a job still running is cancelled and forgotten: its callback finds
   * itself replaced and drops what it computed */
  gradlens_window_stop (self);
  set_running (self, NULL);
  _gradlens_window_forget_sweep_job (self);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  job = gradlens_job_new (configs, n_configs);
  g_signal_connect_object (job, "results-ready", G_CALLBACK (results_ready_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (fraction_cb), self, G_CONNECT_SWAPPED);
  set_running (self, job);
  gradlens_job_run_async (job, self->cancellable, job_done_cb, g_object_ref (self));
}

/* ---- actions ---------------------------------------------------------- */

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
clear_runs_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);

  remove_runs (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->runs)));
  _gradlens_window_update_figure (self, FALSE);
  update_values (self);
}

static void
remove_run_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));

  if (index >= n)
    return;
  remove_runs (self, index, 1);
  _gradlens_window_update_figure (self, FALSE);
  if (n > 1)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->runs_list, MIN (index, n - 2));

      gtk_list_box_select_row (self->runs_list, row);
    }
  update_values (self);
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
  GradlensPlotView *view = _gradlens_window_current_plot_view (self);

  if (g_str_equal (action_name, "win.zoom-in"))
    gradlens_plot_view_zoom (view, 1.25);
  else if (g_str_equal (action_name, "win.zoom-out"))
    gradlens_plot_view_zoom (view, 0.8);
  else
    gradlens_plot_view_reset_view (view);
}

/* ---- the table of values ---------------------------------------------- */

/* The table of values: one label per cell, text from GradlensParam */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GradlensColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column <= GRADLENS_COLUMN_SHAPE ? 0.0 : 1.0);
  if (column > GRADLENS_COLUMN_PARAMETER)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GradlensColumn column = GPOINTER_TO_UINT (user_data);
  GradlensParam *param = gtk_list_item_get_item (item);
  g_autofree char *text = gradlens_param_dup_text (param, column);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
setup_values_view (GradlensWindow *self)
{
  const char *titles[GRADLENS_N_COLUMNS] = {
    /* Translators: column headings of the table of values */
    _("Parameter"), _("Shape"), _("Gradient norm"),
    /* Translators: statistics over seeds: minimum, first quartile, median, third quartile, maximum */
    _("Min"), _("Q1"), _("Median"), _("Q3"), _("Max"),
  };
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *shortcuts;

  self->params = g_list_store_new (GRADLENS_TYPE_PARAM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->params)));
  gtk_column_view_set_model (self->values_view, GTK_SELECTION_MODEL (selection));

  for (guint c = 0; c < GRADLENS_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (c));
      self->columns[c] = gtk_column_view_column_new (titles[c], factory);
      gtk_column_view_column_set_resizable (self->columns[c], TRUE);
      if (c == GRADLENS_COLUMN_PARAMETER)
        gtk_column_view_column_set_expand (self->columns[c], TRUE);
      gtk_column_view_append_column (self->values_view, self->columns[c]);
    }

  /* Ctrl+C in the table copies the whole table (elsewhere it copies text) */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.copy-values")));
  gtk_widget_add_controller (GTK_WIDGET (self->values_scroller), shortcuts);
}

/* ---- GObject ---------------------------------------------------------- */

static void
save_window_state (GradlensWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 360));
    }
}

static gboolean
gradlens_window_close_request (GtkWindow *window)
{
  GradlensWindow *self = GRADLENS_WINDOW (window);

  /* the worker notices promptly and its callback finds the window gone;
   * files still being read are dropped when they arrive */
  self->closed = TRUE;
  gradlens_window_stop (self);
  save_window_state (self);

  return GTK_WINDOW_CLASS (gradlens_window_parent_class)->close_request (window);
}

static void
gradlens_window_dispose (GObject *object)
{
  GradlensWindow *self = (GradlensWindow *) object;

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_data (self->runs, self);
  set_running (self, NULL);
  _gradlens_window_forget_sweep_job (self);
  _gradlens_window_views_dispose (self);
  _gradlens_window_actions_dispose (self);
  _gradlens_window_state_dispose (self);

  if (self->runs != NULL)
    remove_runs (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->runs)));
  gtk_widget_dispose_template (GTK_WIDGET (self), GRADLENS_TYPE_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->runs);
  g_clear_object (&self->params);
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    g_clear_object (&self->columns[c]);
  g_clear_pointer (&self->figure, plot_figure_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (gradlens_window_parent_class)->dispose (object);
}

static void
gradlens_window_finalize (GObject *object)
{
  GradlensWindow *self = (GradlensWindow *) object;

  g_clear_pointer (&self->plot_settings.title, g_free);
  g_clear_pointer (&self->plot_settings.x_title, g_free);
  g_clear_pointer (&self->plot_settings.y_title, g_free);
  g_clear_pointer (&self->preset_title, g_free);

  G_OBJECT_CLASS (gradlens_window_parent_class)->finalize (object);
}

static void
gradlens_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GradlensWindow *self = GRADLENS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, gradlens_window_get_running (self));
      break;
    case PROP_Y_SCALE:
      g_value_set_string (value, gradlens_y_scale_name (self->plot_settings.y_scale));
      break;
    case PROP_X_AXIS:
      g_value_set_string (value, gradlens_x_axis_name (self->plot_settings.x_axis));
      break;
    case PROP_VIEW:
      g_value_set_string (value, _gradlens_window_get_view (self));
      break;
    case PROP_STATISTIC:
      g_value_set_string (value, _gradlens_window_get_statistic (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GradlensWindow *self = GRADLENS_WINDOW (object);
  const char *name = NULL;

  switch (prop_id)
    {
    case PROP_Y_SCALE:
      name = g_value_get_string (value);
      if (g_strcmp0 (name, gradlens_y_scale_name (self->plot_settings.y_scale)) == 0)
        return;
      self->plot_settings.y_scale = g_strcmp0 (name, "linear") == 0 ? GRADLENS_Y_LINEAR : GRADLENS_Y_LOG;
      _gradlens_window_update_figure (self, FALSE);
      _gradlens_window_update_sweep_figure (self, FALSE);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_X_AXIS:
      name = g_value_get_string (value);
      if (g_strcmp0 (name, gradlens_x_axis_name (self->plot_settings.x_axis)) == 0)
        return;
      self->plot_settings.x_axis = g_strcmp0 (name, "layer") == 0 ? GRADLENS_X_LAYER : GRADLENS_X_PARAMETER;
      _gradlens_window_update_figure (self, FALSE);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_VIEW:
      /* notifies when the stack shows the page */
      _gradlens_window_set_view (self, g_value_get_string (value));
      break;
    case PROP_STATISTIC:
      _gradlens_window_set_statistic (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_window_class_init (GradlensWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gradlens_window_dispose;
  object_class->finalize = gradlens_window_finalize;
  object_class->get_property = gradlens_window_get_property;
  object_class->set_property = gradlens_window_set_property;
  window_class->close_request = gradlens_window_close_request;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y_SCALE] =
    g_param_spec_string ("y-scale", NULL, NULL, "log",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X_AXIS] =
    g_param_spec_string ("x-axis", NULL, NULL, "parameter",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "gradients", "forward" or "sweep": what the plot shows */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "gradients",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the forward view's statistic: "deriv_mean", "saturated_fraction", ... */
  properties[PROP_STATISTIC] =
    g_param_spec_string ("statistic", NULL, NULL, "deriv_mean",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GRADLENS_TYPE_PLOT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, main_paned);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, controls_scroller);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, plot_view);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, runs_list);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, values_title);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, values_view);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, values_scroller);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, presets_menu);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, depth_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, width_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, inputs_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, outputs_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, samples_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, activation_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, slope_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, slope_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, output_activation_switch);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, init_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, gain_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, gain_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, a_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, a_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, b_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, b_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, mode_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, nonlinearity_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, mean_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, mean_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, std_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, std_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, bias_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, seeds_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, dtype_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, label_row);

  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.clear-runs", NULL, clear_runs_action);
  gtk_widget_class_install_action (widget_class, "win.remove-run", "u", remove_run_action);
  gtk_widget_class_install_action (widget_class, "win.copy-values", NULL, copy_values_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.reset-view", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "win.y-scale", "y-scale");
  gtk_widget_class_install_property_action (widget_class, "win.x-axis", "x-axis");
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");
  gtk_widget_class_install_property_action (widget_class, "win.statistic", "statistic");

  _gradlens_window_actions_class_init (widget_class);
  _gradlens_window_views_class_init (widget_class);
}

static void
gradlens_window_init (GradlensWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Escape stops a computation, before any child sees the key (a toast on
   * screen would otherwise take the first Escape to dismiss itself); while
   * nothing runs the action is disabled and the key goes on as usual */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("win.stop")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.gradlens.Gradlens", TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new ("io.github.gradlens.Gradlens");
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  self->plot_settings.y_scale = GRADLENS_Y_LOG;
  self->plot_settings.x_axis = GRADLENS_X_PARAMETER;
  self->plot_settings.theme = GRADLENS_THEME_DARK;
  self->plot_settings.title = g_strdup (_("Gradient Norms Across Layers"));
  self->plot_settings.x_title = g_strdup (_("Layer Index"));
  self->plot_settings.y_title = g_strdup (_("Gradient Norm"));

  self->runs = g_list_store_new (GRADLENS_TYPE_RUN);
  gtk_list_box_bind_model (self->runs_list, G_LIST_MODEL (self->runs), create_run_row_cb, NULL, NULL);
  g_signal_connect_object (self->runs, "items-changed", G_CALLBACK (runs_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runs_list, "row-selected", G_CALLBACK (row_selected_cb), self, G_CONNECT_SWAPPED);
  {
    GtkWidget *placeholder = gtk_label_new (_("No runs yet: set up a network and press Run"));

    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_label_set_justify (GTK_LABEL (placeholder), GTK_JUSTIFY_CENTER);
    gtk_widget_set_margin_start (placeholder, 12);
    gtk_widget_set_margin_end (placeholder, 12);
    gtk_widget_set_margin_top (placeholder, 24);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_list_box_set_placeholder (self->runs_list, placeholder);
  }

  setup_values_view (self);
  self->stat = GRADLENS_LAYER_DERIV_MEAN;
  _gradlens_window_views_init (self);

  g_signal_connect_object (self->plot_view, "legend-clicked", G_CALLBACK (legend_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->forward_view, "legend-clicked", G_CALLBACK (legend_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plot_view, "view-changed", G_CALLBACK (view_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);

  _gradlens_window_controls_init (self);
  _gradlens_window_actions_init (self);
  _gradlens_window_state_init (self);

  _gradlens_window_update_figure (self, FALSE);
  _gradlens_window_update_title (self);
  _gradlens_window_update_actions (self);
  update_values (self);
}

/* ---- public API ------------------------------------------------------- */

GradlensWindow *
gradlens_window_new (AdwApplication *application)
{
  return g_object_new (GRADLENS_TYPE_WINDOW, "application", application, NULL);
}

/**
 * gradlens_window_load_preset:
 * @self: the window
 * @preset: a valid preset
 * @file: (nullable): where it was read from (%NULL for a built-in one)
 *
 * Replaces the experiment: the plot settings and title of @preset, its first
 * run in the controls, and all its runs computed in a worker.
 */
void
gradlens_window_load_preset (GradlensWindow       *self,
                             const GradlensPreset *preset,
                             GFile                *file)
{
  GradlensPlotSettings *ps = &self->plot_settings;

  g_return_if_fail (GRADLENS_IS_WINDOW (self));
  g_return_if_fail (preset != NULL);

  gradlens_window_stop (self);
  remove_runs (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->runs)));
  self->n_runs_made = 0;

  g_free (ps->title);
  g_free (ps->x_title);
  g_free (ps->y_title);
  *ps = preset->plot;
  ps->title = g_strdup (preset->plot.title);
  ps->x_title = g_strdup (preset->plot.x_title);
  ps->y_title = g_strdup (preset->plot.y_title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_SCALE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);

  g_free (self->preset_title);
  self->preset_title = g_strdup (preset->title);
  g_set_object (&self->file, file);
  _gradlens_window_update_title (self);

  /* the first run's network in the controls, but not its label: a run
   * made from changed controls is another run and gets a label of its own */
  if (preset->runs->len > 0)
    {
      g_autoptr(GradlensRunConfig) first = gradlens_run_config_dup (g_ptr_array_index (preset->runs, 0));

      g_clear_pointer (&first->label, g_free);
      _gradlens_window_controls_set_config (self, first);
    }
  _gradlens_window_update_figure (self, FALSE);
  update_values (self);
  if (preset->runs->len > 0)
    start_job (self, (GradlensRunConfig * const *) preset->runs->pdata, preset->runs->len);
}

/**
 * gradlens_window_dup_preset:
 * @self: the window
 *
 * The experiment as a preset: the title, the plot settings and every run's
 * configuration with its label and colour, in order.
 *
 * Returns: (transfer full): a new preset
 */
GradlensPreset *
gradlens_window_dup_preset (GradlensWindow *self)
{
  GradlensPreset *preset;
  guint n;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  preset = gradlens_preset_new ();
  g_free (preset->title);
  preset->title = g_strdup (self->preset_title != NULL ? self->preset_title : _("Untitled Experiment"));
  g_free (preset->plot.title);
  g_free (preset->plot.x_title);
  g_free (preset->plot.y_title);
  preset->plot = self->plot_settings;
  preset->plot.title = g_strdup (self->plot_settings.title);
  preset->plot.x_title = g_strdup (self->plot_settings.x_title);
  preset->plot.y_title = g_strdup (self->plot_settings.y_title);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRun) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

      g_ptr_array_add (preset->runs, gradlens_run_config_dup (&gradlens_run_get_result (run)->config));
    }
  return preset;
}

/**
 * gradlens_window_get_file:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the file of the experiment
 */
GFile *
gradlens_window_get_file (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->file;
}

void
gradlens_window_set_config (GradlensWindow          *self,
                            const GradlensRunConfig *config)
{
  g_return_if_fail (GRADLENS_IS_WINDOW (self));
  g_return_if_fail (config != NULL);

  _gradlens_window_controls_set_config (self, config);
}

/**
 * gradlens_window_get_config:
 * @self: the window
 * @config: an initialised config to fill from the controls
 *
 * Returns: %TRUE if the controls hold a valid run; otherwise the invalid
 *   controls are marked
 */
gboolean
gradlens_window_get_config (GradlensWindow    *self,
                            GradlensRunConfig *config)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  return _gradlens_window_controls_get_config (self, config, NULL);
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
  if (!_gradlens_window_controls_get_config (self, config, &message))
    {
      _gradlens_window_show_invalid (self, message);
      return FALSE;
    }
  if (self->error_toast != NULL)
    adw_toast_dismiss (self->error_toast);
  start_job (self, &config, 1);
  /* the next run gets a label of its own */
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), "");
  return TRUE;
}

void
gradlens_window_stop (GradlensWindow *self)
{
  g_return_if_fail (GRADLENS_IS_WINDOW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
gradlens_window_get_running (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);

  return self->job != NULL || self->sweep_job != NULL;
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
 * gradlens_window_get_runs:
 * @self: the window
 *
 * Returns: (transfer none): the runs, a list of #GradlensRun
 */
GListModel *
gradlens_window_get_runs (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->runs);
}

/**
 * gradlens_window_get_figure:
 * @self: the window
 *
 * Returns: (transfer none): the figure on screen
 */
PlotFigure *
gradlens_window_get_figure (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->figure;
}

/**
 * gradlens_window_get_forward_figure:
 * @self: the window
 *
 * Returns: (transfer none): the figure of the Forward Pass view: the chosen
 *   statistic of each layer, one series per run
 */
PlotFigure *
gradlens_window_get_forward_figure (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->forward_figure;
}

/**
 * gradlens_window_get_sweep_figure:
 * @self: the window
 *
 * Returns: (transfer none): the figure of the Depth Sweep view, one series
 *   per sweep
 */
PlotFigure *
gradlens_window_get_sweep_figure (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->sweep_figure;
}

/**
 * gradlens_window_get_sweeps:
 * @self: the window
 *
 * Returns: (transfer none): the depth sweeps, a list of #GradlensDepthSweep
 */
GListModel *
gradlens_window_get_sweeps (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->sweeps);
}

/**
 * gradlens_window_dup_values_tsv:
 * @self: the window
 *
 * The table on screen: in the Depth Sweep view the selected sweep's, else
 * the selected run's gradient norms or layers, as its table switcher says.
 *
 * Returns: (transfer full) (nullable): the table as tab-separated text,
 *   %NULL without a selected run (sweep)
 */
char *
gradlens_window_dup_values_tsv (GradlensWindow *self)
{
  GtkListBoxRow *row;
  GradlensRun *run;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  if (g_strcmp0 (_gradlens_window_get_view (self), "sweep") == 0)
    return _gradlens_window_dup_sweep_tsv (self);
  row = gtk_list_box_get_selected_row (self->runs_list);
  if (row == NULL)
    return NULL;
  run = gradlens_run_row_get_run (GRADLENS_RUN_ROW (row));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->tables_stack), "layers") == 0)
    return gradlens_run_dup_layers_tsv (run);
  return gradlens_run_dup_values_tsv (run);
}
