/* gradlens-window-views.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-export.h"
#include "gradlens-param.h"
#include "gradlens-run-row.h"
#include "gradlens-window-private.h"

/* The views beside the gradient norms: "Forward Pass" (a statistic of each
 * layer's forward pass, one series per run, and the selected run's table of
 * layers) and "Depth Sweep" (the first layer's weight gradient norm against
 * the depth, one series per sweep, computed by gradlens_sweep() in a worker;
 * the list of sweeps and the selected sweep's table). The figures come from
 * gradlens-figure.c like the gradient norms'. */

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
  /* a sweep sets the depth itself */
  gtk_widget_set_visible (GTK_WIDGET (self->sweep_group), sweep);
  gtk_widget_set_sensitive (GTK_WIDGET (self->depth_row), !sweep);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->depth_row),
                               sweep ? _("A sweep sets the depth: see Depth Sweep above") : NULL);
  _gradlens_window_update_actions (self);
  g_object_notify (G_OBJECT (self), "view");
  _gradlens_window_state_changed (self);
}

static void
table_changed_cb (GradlensWindow *self)
{
  _gradlens_window_update_actions (self);
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
  guint n = self->runs != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->runs)) : 0;
  g_autofree GradlensRunResult **results = g_new0 (GradlensRunResult *, n + 1);
  g_autoptr(PlotFigure) figure = NULL;
  GradlensPlotSettings settings = { 0 };
  double lo, hi;

  if (self->forward_view == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRun) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

      results[i] = (GradlensRunResult *) gradlens_run_get_result (run);
    }
  settings.title = (char *) _(statistics[self->stat].title);
  /* Translators: the x axis of the forward view */
  settings.x_title = (char *) _("Layer");
  settings.y_title = (char *) _(statistics[self->stat].y_title);
  figure = gradlens_figure_from_layer_stats (&settings, results, n, self->stat);
  plot_figure_set_theme (figure, _gradlens_window_current_theme ());
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRun) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

      plot_figure_set_series_visible (figure, i, gradlens_run_get_visible (run));
    }
  if (keep_view && self->forward_figure != NULL)
    {
      if (plot_figure_get_x_view (self->forward_figure, &lo, &hi))
        plot_figure_set_x_view (figure, lo, hi);
      if (plot_figure_get_y_view (self->forward_figure, &lo, &hi))
        plot_figure_set_y_view (figure, lo, hi);
    }
  g_clear_pointer (&self->forward_figure, plot_figure_unref);
  self->forward_figure = g_steal_pointer (&figure);
  gradlens_plot_view_set_figure (self->forward_view, self->forward_figure);
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
  if (self->stat == statistics[selected].stat && self->forward_figure != NULL)
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

/* ---- tables ----------------------------------------------------------- */

typedef char *(*CellText) (GradlensParam *param,
                           guint          column);

static char *
layer_cell_text (GradlensParam *param,
                 guint          column)
{
  return gradlens_run_dup_layer_cell (gradlens_param_get_run (param), gradlens_param_get_index (param), column, FALSE);
}

static char *
sweep_cell_text (GradlensParam *param,
                 guint          column)
{
  return gradlens_depth_sweep_dup_cell (gradlens_param_get_owner (param), gradlens_param_get_index (param), column,
                                        FALSE);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  /* the first column names the row; numbers line up on the right */
  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  CellText text_func = g_object_get_data (G_OBJECT (factory), "gradlens-cell-text");
  g_autofree char *text = text_func (gtk_list_item_get_item (item), column);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
setup_table (GtkColumnView        *view,
             GtkScrolledWindow    *scroller,
             GListStore           *store,
             const char * const   *titles,
             guint                 n_columns,
             CellText              text_func,
             GtkColumnViewColumn **columns)
{
  g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (store)));
  GtkEventController *shortcuts;

  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  for (guint c = 0; c < n_columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_object_set_data (G_OBJECT (factory), "gradlens-cell-text", text_func);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (c));
      columns[c] = gtk_column_view_column_new (titles[c], factory);
      gtk_column_view_column_set_resizable (columns[c], TRUE);
      gtk_column_view_append_column (view, columns[c]);
    }

  /* Ctrl+C in the table copies the whole table, as in the table of values */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.copy-values")));
  gtk_widget_add_controller (GTK_WIDGET (scroller), shortcuts);
}

/**
 * _gradlens_window_update_layers:
 * @self: the window
 * @run: (nullable): the selected run
 *
 * The table of layers: the forward statistics of @run's first seed.
 */
void
_gradlens_window_update_layers (GradlensWindow *self,
                                GradlensRun    *run)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->layers == NULL)
    return;
  if (run != NULL && gradlens_run_get_result (run)->layer_stats != NULL)
    for (int l = 0; l < gradlens_run_get_result (run)->depth; l++)
      g_ptr_array_add (items, gradlens_param_new (run, l));
  g_list_store_splice (self->layers, 0, g_list_model_get_n_items (G_LIST_MODEL (self->layers)),
                       items->pdata, items->len);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->layers_view),
                               run != NULL && gradlens_run_has_stats (run)
                               ? _("Over the first seed of the run") : NULL);
}

/* ---- the sweeps ------------------------------------------------------- */

gboolean
_gradlens_window_has_sweeps (GradlensWindow *self)
{
  return self->sweeps != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->sweeps)) > 0;
}

static GradlensDepthSweep *
selected_sweep (GradlensWindow *self)
{
  GtkListBoxRow *row = self->sweeps_list != NULL ? gtk_list_box_get_selected_row (self->sweeps_list) : NULL;

  return row != NULL ? gradlens_run_row_get_sweep (GRADLENS_RUN_ROW (row)) : NULL;
}

char *
_gradlens_window_dup_sweep_tsv (GradlensWindow *self)
{
  GradlensDepthSweep *sweep = selected_sweep (self);

  return sweep != NULL ? gradlens_depth_sweep_dup_tsv (sweep) : NULL;
}

static void
update_sweep_values (GradlensWindow *self)
{
  GradlensDepthSweep *sweep = selected_sweep (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean stats = sweep != NULL && gradlens_depth_sweep_has_stats (sweep);

  if (self->sweep_points == NULL)
    return;
  if (sweep != NULL)
    {
      g_autofree char *title = NULL;
      guint n = 0;

      gradlens_depth_sweep_get_points (sweep, &n);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, gradlens_param_new_for (sweep, i));
      /* Translators: the heading of the table of values, %s is a run's label */
      title = g_strdup_printf (_("Values of “%s”"), gradlens_depth_sweep_get_label (sweep));
      gtk_label_set_label (self->sweep_values_title, title);
    }
  else
    gtk_label_set_label (self->sweep_values_title, _("Values"));
  g_list_store_splice (self->sweep_points, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sweep_points)),
                       items->pdata, items->len);
  for (guint c = GRADLENS_SWEEP_COLUMN_MIN; c < GRADLENS_N_SWEEP_COLUMNS; c++)
    gtk_column_view_column_set_visible (self->sweep_columns[c], stats);
  _gradlens_window_update_actions (self);
}

/**
 * _gradlens_window_update_sweep_figure:
 * @self: the window
 * @keep_view: keep the zoom
 *
 * Every sweep through gradlens_figure_from_sweeps(), with the y scale of
 * the gradient norms and the window's style; hidden sweeps are hidden.
 */
void
_gradlens_window_update_sweep_figure (GradlensWindow *self,
                                      gboolean        keep_view)
{
  guint n = self->sweeps != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->sweeps)) : 0;
  g_autofree GradlensSweepSeries *series = g_new0 (GradlensSweepSeries, n + 1);
  g_autoptr(GPtrArray) sweeps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PlotFigure) figure = NULL;
  GradlensPlotSettings settings = { 0 };
  double lo, hi;

  if (self->sweep_view == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      GradlensDepthSweep *sweep = g_list_model_get_item (G_LIST_MODEL (self->sweeps), i);

      g_ptr_array_add (sweeps, sweep);
      series[i].label = gradlens_depth_sweep_get_label (sweep);
      series[i].color = gradlens_depth_sweep_get_color (sweep);
      series[i].points = gradlens_depth_sweep_get_points (sweep, &series[i].n_points);
      series[i].has_stats = gradlens_depth_sweep_has_stats (sweep);
    }
  settings.y_scale = self->plot_settings.y_scale;
  settings.title = (char *) _("First Layer’s Gradient Norm against Depth");
  /* Translators: the x axis of the depth sweep: the number of linear layers */
  settings.x_title = (char *) _("Depth (linear layers)");
  settings.y_title = (char *) _("Gradient norm of lin1.weight");
  figure = gradlens_figure_from_sweeps (&settings, series, n);
  plot_figure_set_theme (figure, _gradlens_window_current_theme ());
  for (guint i = 0; i < n; i++)
    {
      GradlensDepthSweep *sweep = g_ptr_array_index (sweeps, i);
      g_autofree char *suffix = gradlens_format_decay_for_people (gradlens_depth_sweep_get_decay (sweep));

      plot_figure_set_series_visible (figure, i, gradlens_depth_sweep_get_visible (sweep));
      if (suffix != NULL)
        plot_figure_set_series_legend_suffix (figure, i, suffix);
    }
  if (keep_view && self->sweep_figure != NULL)
    {
      if (plot_figure_get_x_view (self->sweep_figure, &lo, &hi))
        plot_figure_set_x_view (figure, lo, hi);
      if (plot_figure_get_y_view (self->sweep_figure, &lo, &hi))
        plot_figure_set_y_view (figure, lo, hi);
    }
  g_clear_pointer (&self->sweep_figure, plot_figure_unref);
  self->sweep_figure = g_steal_pointer (&figure);
  gradlens_plot_view_set_figure (self->sweep_view, self->sweep_figure);
  _gradlens_window_state_changed (self);
}

void
_gradlens_window_views_theme_changed (GradlensWindow *self)
{
  if (self->forward_figure != NULL)
    {
      plot_figure_set_theme (self->forward_figure, _gradlens_window_current_theme ());
      gradlens_plot_view_figure_changed (self->forward_view);
    }
  if (self->sweep_figure != NULL)
    {
      plot_figure_set_theme (self->sweep_figure, _gradlens_window_current_theme ());
      gradlens_plot_view_figure_changed (self->sweep_view);
    }
}

static void
sweep_visible_cb (GradlensWindow     *self,
                  GParamSpec         *pspec,
                  GradlensDepthSweep *sweep)
{
  guint position;

  if (self->sweep_figure != NULL && g_list_store_find (self->sweeps, sweep, &position)
      && position < plot_figure_get_n_series (self->sweep_figure))
    {
      plot_figure_set_series_visible (self->sweep_figure, position, gradlens_depth_sweep_get_visible (sweep));
      gradlens_plot_view_figure_changed (self->sweep_view);
    }
  _gradlens_window_state_changed (self);
}

static void
sweep_label_cb (GradlensWindow *self)
{
  _gradlens_window_update_sweep_figure (self, TRUE);
  update_sweep_values (self);
}

static void
sweep_legend_clicked_cb (GradlensWindow   *self,
                         guint             series,
                         GradlensPlotView *view)
{
  g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (G_LIST_MODEL (self->sweeps), series);

  if (sweep != NULL)
    gradlens_depth_sweep_set_visible (sweep, !gradlens_depth_sweep_get_visible (sweep));
}

static GtkWidget *
create_sweep_row_cb (gpointer item,
                     gpointer user_data)
{
  return gradlens_run_row_new_for_sweep (GRADLENS_DEPTH_SWEEP (item));
}

static void
remove_sweeps (GradlensWindow *self,
               guint           position,
               guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (G_LIST_MODEL (self->sweeps), position + i);

      g_signal_handlers_disconnect_by_data (sweep, self);
    }
  g_list_store_splice (self->sweeps, position, n, NULL, 0);
}

static void
add_sweep (GradlensWindow     *self,
           GradlensDepthSweep *sweep)
{
  g_signal_connect_object (sweep, "notify::visible", G_CALLBACK (sweep_visible_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sweep, "notify::label", G_CALLBACK (sweep_label_cb), self, G_CONNECT_SWAPPED);
  g_list_store_append (self->sweeps, sweep);
}

/* the first palette colour that no sweep has */
static char *
next_sweep_color (GradlensWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sweeps));
  PlotRgba rgba;

  for (guint c = 0; c < PLOT_PALETTE_SIZE; c++)
    {
      g_autofree char *color = NULL;
      gboolean used = FALSE;

      plot_palette_color (c, &rgba);
      color = plot_rgba_to_string (&rgba);
      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (G_LIST_MODEL (self->sweeps), i);

          used = g_ascii_strcasecmp (gradlens_depth_sweep_get_color (sweep), color) == 0;
        }
      if (!used)
        return g_steal_pointer (&color);
    }
  plot_palette_color (n, &rgba);
  return plot_rgba_to_string (&rgba);
}

static gboolean
sweep_label_taken (GradlensWindow *self,
                   const char     *label)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sweeps));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (G_LIST_MODEL (self->sweeps), i);

      if (g_strcmp0 (gradlens_depth_sweep_get_label (sweep), label) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
unique_sweep_label (GradlensWindow *self,
                    const char     *base)
{
  char *label = g_strdup (base);

  for (guint k = 2; sweep_label_taken (self, label); k++)
    {
      g_free (label);
      /* Translators: a second run with the same label, "Leaky ReLU (2)" */
      label = g_strdup_printf (_("%s (%u)"), base, k);
    }
  return label;
}

static void
select_sweep (GradlensWindow *self,
              guint           index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sweeps_list, index);

  if (row != NULL)
    gtk_list_box_select_row (self->sweeps_list, row);
  update_sweep_values (self);
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
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sweeps));
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  GString *s;

  if (!json)
    {
      s = g_string_new ("label,depth,first_weight_grad_norm,min,q1,median,q3,max\n");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (G_LIST_MODEL (self->sweeps), i);
          const GradlensSweepPoint *points;
          guint n_points = 0;

          points = gradlens_depth_sweep_get_points (sweep, &n_points);
          for (guint k = 0; k < n_points; k++)
            {
              const double values[] = { points[k].value, points[k].stats.min, points[k].stats.q1,
                                        points[k].stats.median, points[k].stats.q3, points[k].stats.max };

              gradlens_csv_append_field (s, gradlens_depth_sweep_get_label (sweep));
              g_string_append_printf (s, ",%d", points[k].depth);
              for (guint v = 0; v < G_N_ELEMENTS (values); v++)
                {
                  g_autofree char *cell = gradlens_format_number (values[v], TRUE);

                  g_string_append_printf (s, ",%s", v == 0 || gradlens_depth_sweep_has_stats (sweep) ? cell : "");
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
      g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (G_LIST_MODEL (self->sweeps), i);
      const GradlensSweepPoint *points;
      guint n_points = 0;

      points = gradlens_depth_sweep_get_points (sweep, &n_points);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, gradlens_depth_sweep_get_label (sweep));
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
          if (gradlens_depth_sweep_has_stats (sweep))
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

static void
sweep_fraction_cb (GradlensWindow   *self,
                   GParamSpec       *pspec,
                   GradlensSweepJob *job)
{
  if (job == self->sweep_job)
    _gradlens_window_progress_update (self);
}

static void
set_sweeping (GradlensWindow   *self,
              GradlensSweepJob *job)
{
  if (job != NULL)
    {
      g_set_object (&self->sweep_job, job);
      g_signal_connect_object (job, "notify::fraction", G_CALLBACK (sweep_fraction_cb), self, G_CONNECT_SWAPPED);
      _gradlens_window_progress_begin (self);
    }
  else
    {
      if (self->sweep_job != NULL)
        g_signal_handlers_disconnect_by_data (self->sweep_job, self);
      g_clear_object (&self->sweep_job);
      if (self->job == NULL)
        _gradlens_window_progress_end (self);
    }
  _gradlens_window_computing_changed (self);
}

/* a sweep still running is forgotten (its cancellable was cancelled): its
 * callback finds itself replaced and drops what it computed */
void
_gradlens_window_forget_sweep_job (GradlensWindow *self)
{
  if (self->sweep_job != NULL)
    set_sweeping (self, NULL);
}

static void
sweep_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GradlensWindow) self = user_data;
  g_autoptr(GradlensSweepJob) job = g_object_ref (GRADLENS_SWEEP_JOB (object));
  g_autoptr(GError) error = NULL;
  gboolean ok;
  int added = -1;

  ok = gradlens_sweep_job_run_finish (job, result, &error);
  /* a newer computation replaced this one, or the window is gone */
  if (job != self->sweep_job)
    return;
  set_sweeping (self, NULL);
  if (self->closed)
    return;

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Sweep stopped")));
      else
        _gradlens_window_show_error (self, _("The Sweep Failed"), error->message);
      return;
    }

  for (guint i = 0; i < gradlens_sweep_job_get_n_sweeps (job); i++)
    {
      GObject *target = gradlens_sweep_job_get_target (job, i);
      const GradlensSweepPoint *points;
      guint n_points = 0;

      points = gradlens_sweep_job_get_points (job, i, &n_points);
      if (target == NULL)
        {
          g_autoptr(GradlensDepthSweep) sweep = gradlens_depth_sweep_new (gradlens_sweep_job_get_config (job, i),
                                                                           points, n_points);

          add_sweep (self, sweep);
          added = (int) g_list_model_get_n_items (G_LIST_MODEL (self->sweeps)) - 1;
        }
      else if (g_list_store_find (self->sweeps, target, NULL))
        gradlens_depth_sweep_add_points (GRADLENS_DEPTH_SWEEP (target), points, n_points);
    }
  _gradlens_window_update_sweep_figure (self, FALSE);
  if (added >= 0)
    select_sweep (self, (guint) added);
  else
    update_sweep_values (self);
}

static void
mark_sweep_error (GtkSpinButton *spin,
                  const char    *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (spin), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (spin), message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
}

static void
sweep_spin_changed_cb (GtkSpinButton *spin)
{
  if (!gtk_widget_has_css_class (GTK_WIDGET (spin), "error"))
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (spin), NULL);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_STATE_INVALID);
}

/* a spin button's whole number, as typed; FALSE (marked) when it is none */
static gboolean
read_depth (GtkSpinButton *spin,
            int            lower,
            int            upper,
            int           *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  g_autofree char *message = NULL;
  char *end = NULL;
  double v = g_strtod (text, &end);

  if (text[0] == '\0' || end == NULL || *end != '\0' || !isfinite (v) || v != floor (v))
    /* Translators: %s is what was typed into a field for whole numbers */
    message = g_strdup_printf (_("%s is not a whole number"), text);
  else if (v < lower || v > upper)
    /* Translators: a value out of range: "0 is outside the allowed range of 1 to 1000" */
    message = g_strdup_printf (_("%s is outside the allowed range of %d to %d"), text, lower, upper);
  if (message != NULL)
    {
      mark_sweep_error (spin, message);
      return FALSE;
    }
  *value = (int) v;
  if (v != gtk_spin_button_get_value (spin))
    gtk_spin_button_set_value (spin, v);
  return TRUE;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/* a run of config at depth is within the limits; FALSE with a message */
static gboolean
check_depth (const GradlensRunConfig  *config,
             int                       depth,
             char                    **message)
{
  g_autoptr(GradlensRunConfig) c = gradlens_run_config_dup (config);
  g_autoptr(GError) error = NULL;

  c->nn.depth = depth;
  if (gradlens_run_config_validate (c, GRADLENS_NAMING_PRESET, GRADLENS_DEFAULT_MEMORY_LIMIT, &error))
    return TRUE;
  *message = g_strdup (error->message);
  return FALSE;
}

/**
 * gradlens_window_sweep:
 * @self: the window
 *
 * Checks the controls and the sweep's depths, then computes a depth sweep of
 * the controls' network (with its seeds) in a worker thread; it is listed
 * in the next free palette colour when it is done. All sweeps share their
 * depths, so that they line up on one axis: sweeps listed before are
 * extended to depths they lack, and the new one covers theirs too.
 *
 * Returns: %TRUE if the computation started
 */
gboolean
gradlens_window_sweep (GradlensWindow *self)
{
  g_autoptr(GradlensRunConfig) config = NULL;
  g_autoptr(GradlensSweepJob) job = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *message = NULL;
  g_autofree char *base = NULL;
  guint n_sweeps;
  int from = 0, to = 0, step = 0;
  gboolean ok;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);

  if (gradlens_window_get_running (self))
    return FALSE;
  config = gradlens_run_config_new ();
  ok = _gradlens_window_controls_get_config (self, config, &message);
  ok = read_depth (self->sweep_from_spin, 1, 1000, &from) && ok;
  ok = read_depth (self->sweep_to_spin, 1, 1000, &to) && ok;
  ok = read_depth (self->sweep_step_spin, 1, 999, &step) && ok;
  if (ok && from > to)
    {
      const char *msg = _("The first depth must not be above the last");

      mark_sweep_error (self->sweep_from_spin, msg);
      mark_sweep_error (self->sweep_to_spin, msg);
      ok = FALSE;
    }
  if (!ok)
    {
      if (message == NULL)
        message = g_strdup (_("Some depths of the sweep are invalid"));
      _gradlens_window_show_invalid (self, message);
      return FALSE;
    }

  /* the depths of every sweep: these and those already listed */
  n_sweeps = g_list_model_get_n_items (G_LIST_MODEL (self->sweeps));
  for (int d = from; d <= to; d += step)
    g_array_append_val (all, d);
  for (guint i = 0; i < n_sweeps; i++)
    {
      g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (G_LIST_MODEL (self->sweeps), i);
      const GradlensSweepPoint *points;
      guint n_points = 0;

      points = gradlens_depth_sweep_get_points (sweep, &n_points);
      for (guint k = 0; k < n_points; k++)
        g_array_append_val (all, points[k].depth);
    }
  g_array_sort (all, compare_ints);
  for (guint k = 1; k < all->len; k++)
    if (g_array_index (all, int, k) == g_array_index (all, int, k - 1))
      g_array_remove_index (all, k--);

  /* the deepest run must fit in memory, for every sweep */
  if (!check_depth (config, g_array_index (all, int, all->len - 1), &message))
    {
      mark_sweep_error (self->sweep_to_spin, message);
      _gradlens_window_show_invalid (self, message);
      return FALSE;
    }

  job = gradlens_sweep_job_new ();
  base = gradlens_default_sweep_label (config);
  g_free (config->label);
  config->label = unique_sweep_label (self, base);
  g_free (config->color);
  config->color = next_sweep_color (self);
  gradlens_sweep_job_add (job, config, (const int *) (void *) all->data, all->len, NULL);
  for (guint i = 0; i < n_sweeps; i++)
    {
      g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (G_LIST_MODEL (self->sweeps), i);
      g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (int));

      for (guint k = 0; k < all->len; k++)
        if (!gradlens_depth_sweep_has_depth (sweep, g_array_index (all, int, k)))
          g_array_append_val (missing, g_array_index (all, int, k));
      if (missing->len == 0)
        continue;
      if (!check_depth (gradlens_depth_sweep_get_config (sweep), g_array_index (missing, int, missing->len - 1),
                        &message))
        {
          g_autofree char *text = g_strdup_printf ("%s: %s", gradlens_depth_sweep_get_label (sweep), message);

          mark_sweep_error (self->sweep_to_spin, text);
          _gradlens_window_show_invalid (self, text);
          return FALSE;
        }
      gradlens_sweep_job_add (job, gradlens_depth_sweep_get_config (sweep), (const int *) (void *) missing->data,
                              missing->len, G_OBJECT (sweep));
    }
  if (self->error_toast != NULL)
    adw_toast_dismiss (self->error_toast);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_sweeping (self, job);
  gradlens_sweep_job_run_async (job, self->cancellable, sweep_done_cb, g_object_ref (self));
  /* the next run or sweep gets a label of its own */
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), "");
  return TRUE;
}

/* ---- actions ---------------------------------------------------------- */

static void
sweep_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gradlens_window_sweep (GRADLENS_WINDOW (widget));
}

static void
clear_sweeps_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);

  remove_sweeps (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sweeps)));
  _gradlens_window_update_sweep_figure (self, FALSE);
  update_sweep_values (self);
}

static void
remove_sweep_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sweeps));

  if (index >= n)
    return;
  remove_sweeps (self, index, 1);
  _gradlens_window_update_sweep_figure (self, FALSE);
  if (n > 1)
    select_sweep (self, MIN (index, n - 2));
  else
    update_sweep_values (self);
}

static void
sweep_selected_cb (GradlensWindow *self)
{
  update_sweep_values (self);
}

static void
sweeps_changed_cb (GradlensWindow *self)
{
  _gradlens_window_update_actions (self);
  _gradlens_window_state_changed (self);
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
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_group);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_from_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_to_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_step_spin);

  gtk_widget_class_install_action (widget_class, "win.sweep", NULL, sweep_action);
  gtk_widget_class_install_action (widget_class, "win.clear-sweeps", NULL, clear_sweeps_action);
  gtk_widget_class_install_action (widget_class, "win.remove-sweep", "u", remove_sweep_action);
}

void
_gradlens_window_views_init (GradlensWindow *self)
{
  const char *layer_titles[GRADLENS_N_LAYER_COLUMNS] = {
    /* Translators: column headings of the table of layers: the layer, the mean and standard
     * deviation before and after the activation, the mean activation derivative, the share
     * of saturated activations, the units that are dead */
    _("Layer"), _("Pre mean"), _("Pre std"), _("Act mean"), _("Act std"), _("Deriv mean"),
    _("Saturated"), _("Dead units"),
  };
  const char *sweep_titles[GRADLENS_N_SWEEP_COLUMNS] = {
    /* Translators: column headings of a sweep's table: the depth, the first layer's gradient norm */
    _("Depth"), _("Gradient norm"),
    _("Min"), _("Q1"), _("Median"), _("Q3"), _("Max"),
  };
  GtkWidget *placeholder;

  G_STATIC_ASSERT (G_N_ELEMENTS (layer_titles) == G_N_ELEMENTS (self->layer_columns));
  G_STATIC_ASSERT (G_N_ELEMENTS (sweep_titles) == G_N_ELEMENTS (self->sweep_columns));

  self->layers = g_list_store_new (GRADLENS_TYPE_PARAM);
  setup_table (self->layers_view, self->layers_scroller, self->layers, layer_titles, GRADLENS_N_LAYER_COLUMNS,
               layer_cell_text, self->layer_columns);
  self->sweep_points = g_list_store_new (GRADLENS_TYPE_PARAM);
  setup_table (self->sweep_values_view, self->sweep_values_scroller, self->sweep_points, sweep_titles,
               GRADLENS_N_SWEEP_COLUMNS, sweep_cell_text, self->sweep_columns);
  gtk_column_view_column_set_expand (self->sweep_columns[GRADLENS_SWEEP_COLUMN_DEPTH], TRUE);

  self->sweeps = g_list_store_new (GRADLENS_TYPE_DEPTH_SWEEP);
  gtk_list_box_bind_model (self->sweeps_list, G_LIST_MODEL (self->sweeps), create_sweep_row_cb, NULL, NULL);
  g_signal_connect_object (self->sweeps, "items-changed", G_CALLBACK (sweeps_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sweeps_list, "row-selected", G_CALLBACK (sweep_selected_cb), self,
                           G_CONNECT_SWAPPED);
  placeholder = gtk_label_new (_("No sweeps yet: choose the depths in the side panel and press Sweep"));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_label_set_justify (GTK_LABEL (placeholder), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->sweeps_list, placeholder);

  g_signal_connect (self->sweep_from_spin, "changed", G_CALLBACK (sweep_spin_changed_cb), NULL);
  g_signal_connect (self->sweep_to_spin, "changed", G_CALLBACK (sweep_spin_changed_cb), NULL);
  g_signal_connect (self->sweep_step_spin, "changed", G_CALLBACK (sweep_spin_changed_cb), NULL);

  setup_statistics (self);
  g_signal_connect_object (self->sweep_view, "legend-clicked", G_CALLBACK (sweep_legend_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plot_stack, "notify::visible-child-name", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tables_stack, "notify::visible-child-name", G_CALLBACK (table_changed_cb), self,
                           G_CONNECT_SWAPPED);
  _gradlens_window_update_sweep_figure (self, FALSE);
  update_sweep_values (self);
}

void
_gradlens_window_views_dispose (GradlensWindow *self)
{
  if (self->sweeps != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sweeps, self);
      remove_sweeps (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sweeps)));
    }
  if (self->plot_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->plot_stack, self);
  if (self->tables_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->tables_stack, self);
  if (self->sweeps_list != NULL)
    g_signal_handlers_disconnect_by_data (self->sweeps_list, self);
  if (self->stat_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->stat_dropdown, self);
  g_clear_object (&self->sweeps);
  g_clear_object (&self->layers);
  g_clear_object (&self->sweep_points);
  for (guint c = 0; c < G_N_ELEMENTS (self->layer_columns); c++)
    g_clear_object (&self->layer_columns[c]);
  for (guint c = 0; c < G_N_ELEMENTS (self->sweep_columns); c++)
    g_clear_object (&self->sweep_columns[c]);
  g_clear_pointer (&self->forward_figure, plot_figure_unref);
  g_clear_pointer (&self->sweep_figure, plot_figure_unref);
}
