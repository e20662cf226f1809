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

/* What the forward view offers, in the order of GradlensLayerStat */
static const struct
{
  GradlensLayerStat  stat;
  const char        *name;         /* in the chooser */
  const char        *title;        /* of the figure */
  const char        *y_title;
  const char        *explanation;  /* one sentence: the chooser's tooltip */
} statistics[] = {
  { GRADLENS_LAYER_DERIV_MEAN,
    N_("Mean activation derivative"),
    N_("Mean Activation Derivative per Layer"),
    N_("Mean activation derivative"),
    N_("The factor by which each layer multiplies the backward signal, besides its weights: "
       "sigmoid’s is at most 0.25, ReLU’s is the share of active units.") },
  { GRADLENS_LAYER_SATURATED_FRACTION,
    N_("Saturated fraction"),
    N_("Saturated Activations per Layer"),
    N_("Fraction of saturated activations"),
    /* xgettext:no-c-format */
    N_("The share of activations whose derivative is below 1% of its largest value, so that almost "
       "no gradient passes them: sigmoid and tanh far from zero, ReLU below zero.") },
  { GRADLENS_LAYER_DEAD_FRACTION,
    N_("Dead units"),
    N_("Dead Units per Layer"),
    N_("Fraction of the layer’s units that are dead"),
    N_("The share of a layer’s units whose derivative is zero on every sample: they pass no "
       "gradient at all and stop learning (dying ReLU).") },
  { GRADLENS_LAYER_PRE_STD,
    N_("Pre-activation std"),
    N_("Spread of the Pre-activations per Layer"),
    N_("Standard deviation before the activation"),
    N_("The spread of each linear layer’s outputs: shrinking from layer to layer means a fading "
       "signal, growing an exploding one, and large values saturate sigmoid and tanh.") },
  { GRADLENS_LAYER_ACT_STD,
    N_("Activation std"),
    N_("Spread of the Activations per Layer"),
    N_("Standard deviation after the activation"),
    N_("The spread of each layer’s outputs after the activation: when it shrinks towards zero, "
       "deeper layers see nearly the same input for every sample.") },
  { GRADLENS_LAYER_ACT_MEAN,
    N_("Activation mean"),
    N_("Mean Activation per Layer"),
    N_("Mean after the activation"),
    N_("The average output of each layer: sigmoid’s is about 0.5 rather than zero, which shifts "
       "every input of the next layer the same way.") },
  { GRADLENS_LAYER_PRE_MEAN,
    N_("Pre-activation mean"),
    N_("Mean Pre-activation per Layer"),
    N_("Mean before the activation"),
    N_("The average of each linear layer’s outputs: far from zero, it pushes the activation "
       "towards one of its flat ends.") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (statistics) == GRADLENS_N_LAYER_STATS);

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

GradlensPlotView *
_gradlens_window_current_plot_view (GradlensWindow *self)
{
  const char *view = _gradlens_window_get_view (self);

  if (g_str_equal (view, "forward"))
    return self->forward_view;
  if (g_str_equal (view, "sweep"))
    return self->sweep_view;
  return self->plot_view;
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

/* ---- the forward view ------------------------------------------------- */

const char *
_gradlens_window_get_statistic (GradlensWindow *self)
{
  return gradlens_layer_stat_name (self->stat);
}

void
_gradlens_window_set_statistic (GradlensWindow *self,
                                const char     *name)
{
  int stat = gradlens_layer_stat_from_name (name);

  if (stat < 0 || self->stat_dropdown == NULL)
    return;
  /* the chooser lists the statistics in their order */
  gtk_drop_down_set_selected (self->stat_dropdown, (guint) stat);
}

/**
 * _gradlens_window_update_forward_figure:
 * @self: the window
 * @keep_view: keep the zoom
 *
 * The chosen statistic of each layer of every run, through
 * gradlens_figure_from_layer_stats(); hidden runs are hidden here too.
 */
void
_gradlens_window_update_forward_figure (GradlensWindow *self,
                                        gboolean        keep_view)
{
  g_autofree GradlensRunResult **results = NULL;
  GradlensPlotSettings settings = { 0 };
  PlotFigure *figure;
  guint n = 0;

  if (self->forward_view == NULL || self->session == NULL)
    return;
  results = _gradlens_window_dup_results (self, &n);
  settings.title = (char *) _(statistics[self->stat].title);
  /* Translators: the x axis of the forward view */
  settings.x_title = (char *) _("Layer");
  settings.y_title = (char *) _(statistics[self->stat].y_title);
  figure = gradlens_figure_from_layer_stats (&settings, results, n, self->stat);
  _gradlens_window_show_figure (self->forward_view, figure, gradlens_session_get_runs (self->session), keep_view);
}

static void
statistic_selected_cb (GradlensWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->stat_dropdown);
  const char *explanation;

  if (selected >= GRADLENS_N_LAYER_STATS)
    return;
  explanation = _(statistics[selected].explanation);
  /* the whole sentence also as a tooltip, when the window is too narrow for
   * it; not on the chooser, where it would cover the popup's list */
  gtk_label_set_label (self->stat_explanation, explanation);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stat_explanation), explanation);
  if (self->stat == statistics[selected].stat && gradlens_plot_view_get_figure (self->forward_view) != NULL)
    return;
  self->stat = statistics[selected].stat;
  _gradlens_window_update_forward_figure (self, FALSE);
  g_object_notify (G_OBJECT (self), "statistic");
  _gradlens_window_state_changed (self);
}

/* the chooser's popup: each statistic with its explanation as tooltip */
static void
setup_stat_item_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
}

static void
bind_stat_item_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  gboolean with_tooltip = GPOINTER_TO_INT (user_data);
  guint position = gtk_list_item_get_position (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  if (position >= GRADLENS_N_LAYER_STATS)
    return;
  gtk_label_set_label (GTK_LABEL (label), _(statistics[position].name));
  if (with_tooltip)
    gtk_widget_set_tooltip_text (label, _(statistics[position].explanation));
}

static void
setup_statistics (GradlensWindow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  for (guint i = 0; i < G_N_ELEMENTS (statistics); i++)
    gtk_string_list_append (model, _(statistics[i].name));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_stat_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_stat_item_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_stat_item_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_stat_item_cb), GINT_TO_POINTER (TRUE));
  gtk_drop_down_set_factory (self->stat_dropdown, factory);
  gtk_drop_down_set_list_factory (self->stat_dropdown, list_factory);
  gtk_drop_down_set_model (self->stat_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->stat_dropdown, self->stat);
  g_signal_connect_object (self->stat_dropdown, "notify::selected", G_CALLBACK (statistic_selected_cb), self,
                           G_CONNECT_SWAPPED);
  statistic_selected_cb (self);
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
  if (sweeps)
    _gradlens_window_update_sweep_figure (self, FALSE);
  else
    _gradlens_window_update_figure (self, FALSE);
  if (parameter != NULL && n > 1)
    _gradlens_window_select (self, list, MIN (index, n - 2));
  else
    _gradlens_window_update_tables (self);
}

/* ---- the sweeps ------------------------------------------------------- */

/**
 * _gradlens_window_update_sweep_figure:
 * @self: the window
 * @keep_view: keep the zoom
 *
 * Every sweep through gradlens_figure_from_sweeps(), with the y scale of
 * the gradient norms.
 */
void
_gradlens_window_update_sweep_figure (GradlensWindow *self,
                                      gboolean        keep_view)
{
  GListModel *sweeps;
  g_autofree GradlensSweepSeries *series = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GradlensPlotSettings settings = { 0 };
  PlotFigure *figure;
  guint n;

  if (self->sweep_view == NULL || self->session == NULL)
    return;
  sweeps = gradlens_session_get_sweeps (self->session);
  n = g_list_model_get_n_items (sweeps);
  series = g_new0 (GradlensSweepSeries, n + 1);
  for (guint i = 0; i < n; i++)
    {
      GradlensDepthSweep *sweep = g_list_model_get_item (sweeps, i);

      g_ptr_array_add (items, sweep);
      series[i].label = gradlens_series_get_label (GRADLENS_SERIES (sweep));
      series[i].color = gradlens_series_get_color (GRADLENS_SERIES (sweep));
      series[i].points = gradlens_depth_sweep_get_points (sweep, &series[i].n_points);
      series[i].has_stats = gradlens_series_has_stats (GRADLENS_SERIES (sweep));
    }
  settings.y_scale = gradlens_session_get_y_scale (self->session);
  settings.title = (char *) _("First Layer’s Gradient Norm against Depth");
  /* Translators: the x axis of the depth sweep: the number of linear layers */
  settings.x_title = (char *) _("Depth (linear layers)");
  settings.y_title = (char *) _("Gradient norm of lin1.weight");
  figure = gradlens_figure_from_sweeps (&settings, series, n);
  _gradlens_window_add_legend_suffixes (figure, sweeps);
  _gradlens_window_show_figure (self->sweep_view, figure, sweeps, keep_view);
  _gradlens_window_state_changed (self);
}

/* ---- exporting the sweeps --------------------------------------------- */

/**
 * _gradlens_window_dup_sweeps_text:
 * @self: the window
 * @json: %TRUE for JSON, %FALSE for CSV
 *
 * Every sweep for the export: JSON as the CLI's `sweep` command prints one
 * ({"sweeps": [{"label", "config", "sweep": [{"depth",
 * "first_weight_grad_norm", "stats"}]}]}), or CSV with one row per sweep and
 * depth (label, depth, first_weight_grad_norm, min, q1, median, q3, max).
 *
 * Returns: (transfer full): the text
 */
char *
_gradlens_window_dup_sweeps_text (GradlensWindow *self,
                                  gboolean        json)
{
  GListModel *sweeps = gradlens_session_get_sweeps (self->session);
  guint n = g_list_model_get_n_items (sweeps);
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  GString *s;

  if (!json)
    {
      s = g_string_new ("label,depth,first_weight_grad_norm,min,q1,median,q3,max\n");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (sweeps, i);
          const GradlensSweepPoint *points;
          guint n_points = 0;

          points = gradlens_depth_sweep_get_points (sweep, &n_points);
          for (guint k = 0; k < n_points; k++)
            {
              const double values[] = { points[k].value, points[k].stats.min, points[k].stats.q1,
                                        points[k].stats.median, points[k].stats.q3, points[k].stats.max };

              gradlens_csv_append_field (s, gradlens_series_get_label (GRADLENS_SERIES (sweep)));
              g_string_append_printf (s, ",%d", points[k].depth);
              for (guint v = 0; v < G_N_ELEMENTS (values); v++)
                {
                  g_autofree char *cell = gradlens_format_number (values[v], TRUE);

                  g_string_append_printf (s, ",%s", v == 0 || gradlens_series_has_stats (GRADLENS_SERIES (sweep)) ? cell : "");
                }
              g_string_append_c (s, '\n');
            }
        }
      return g_string_free (s, FALSE);
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sweeps");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (sweeps, i);
      const GradlensSweepPoint *points;
      guint n_points = 0;

      points = gradlens_depth_sweep_get_points (sweep, &n_points);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, gradlens_series_get_label (GRADLENS_SERIES (sweep)));
      json_builder_set_member_name (b, "config");
      gradlens_run_config_build_json (gradlens_depth_sweep_get_config (sweep), b);
      json_builder_set_member_name (b, "sweep");
      json_builder_begin_array (b);
      for (guint k = 0; k < n_points; k++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "depth");
          json_builder_add_int_value (b, points[k].depth);
          gradlens_json_add_number (b, "first_weight_grad_norm", points[k].value);
          if (!isfinite (points[k].value))
            {
              json_builder_set_member_name (b, "non_finite");
              json_builder_add_string_value (b, isnan (points[k].value) ? "nan" : "inf");
            }
          if (gradlens_series_has_stats (GRADLENS_SERIES (sweep)))
            {
              json_builder_set_member_name (b, "stats");
              json_builder_begin_object (b);
              gradlens_json_add_number (b, "min", points[k].stats.min);
              gradlens_json_add_number (b, "q1", points[k].stats.q1);
              gradlens_json_add_number (b, "median", points[k].stats.median);
              gradlens_json_add_number (b, "q3", points[k].stats.q3);
              gradlens_json_add_number (b, "max", points[k].stats.max);
              json_builder_end_object (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return gradlens_json_to_text (root, 2);
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
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, forward_view);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_view);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, stat_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, stat_explanation);
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

  setup_statistics (self);
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
  if (self->stat_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->stat_dropdown, self);
  g_clear_object (&self->values_table);
  g_clear_object (&self->layers_table);
  g_clear_object (&self->sweep_table);
}
