/* test-views.c: in-process tests of the Forward Pass and Depth Sweep views, the
 * seed bands and the decay per layer, under X (xvfb-wrapper.sh)
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "app-test-util.h"
#include "gradlens-backward-page.h"
#include "gradlens-choices.h"
#include "gradlens-depth-sweep.h"
#include "gradlens-figure.h"
#include "gradlens-forward-page.h"
#include "gradlens-guide.h"
#include "gradlens-preview.h"
#include "gradlens-series-row.h"
#include "gradlens-window.h"

#define PRESETS_PATH "/io/github/gradlens/Gradlens/presets/"

/* ---- helpers (as in test-window.c) ------------------------------------ */


/* the figure a view's page shows */
static PlotFigure *
view_figure (GradlensWindow *window,
             const char     *view)
{
  return gradlens_plot_view_get_figure (gradlens_page_get_plot_view (gradlens_window_get_page (window, view)));
}

/* selects a choice of a field by its name, as a user picks its label */
static void
select_choice (GradlensWindow *window,
               const char     *section,
               const char     *key,
               const char     *name)
{
  const GradlensField *field = gradlens_field_lookup (section, key);
  int index = gradlens_choice_index (field, name);

  g_assert_cmpint (index, >=, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (gradlens_controls_get_field_widget (gradlens_window_get_controls (window),
                                                                                 section, key)), index);
}

/* sets a field of a config from its preset word, as a preset does */
static void
set_field (GradlensRunConfig *config,
           const char        *section,
           const char        *key,
           const char        *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gradlens_field_parse (gradlens_field_lookup (section, key), text, config, &error));
  g_assert_no_error (error);
}

static void
type_into (GradlensWindow *window,
           const char     *section,
           const char     *key,
           const char     *text)
{
  GtkWidget *widget = gradlens_controls_get_field_widget (gradlens_window_get_controls (window), section, key);

  g_assert_nonnull (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
type_into_child (GradlensWindow *window,
                 const char     *name,
                 const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (window_child (window, name)), text);
}

static GradlensDepthSweep *
sweep_at (GradlensWindow *window,
          guint           i)
{
  GradlensDepthSweep *sweep = g_list_model_get_item (gradlens_session_get_sweeps (gradlens_window_get_session (window)), i);

  g_assert_nonnull (sweep);
  g_object_unref (sweep);
  return sweep;
}

static guint
n_sweeps (GradlensWindow *window)
{
  return g_list_model_get_n_items (gradlens_session_get_sweeps (gradlens_window_get_session (window)));
}

static void
show_view (GradlensWindow *window,
           const char     *view)
{
  g_autofree char *now = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", view);
  g_object_get (window, "view", &now, NULL);
  g_assert_cmpstr (now, ==, view);
}

/* the widget's pixels as drawn on screen (through GTK's snapshot and the
 * cairo renderer), RGBA, 4 bytes per pixel */
static guchar *
widget_pixels (GtkWidget *widget,
               int       *width,
               int       *height)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *pixels;

  gtk_test_widget_wait_for_draw (widget);
  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  g_assert_cmpint (*width, >, 100);
  g_assert_cmpint (*height, >, 100);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *width, *height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  gsk_renderer_unrealize (renderer);
  if (g_getenv ("GRADLENS_TEST_DUMP") != NULL)
    gdk_texture_save_to_png (texture, "views.png");
  pixels = g_malloc ((gsize) 4 * *width * *height);
  /* GDK_MEMORY_DEFAULT is B8G8R8A8 premultiplied */
  gdk_texture_download (texture, pixels, (gsize) 4 * *width);
  return pixels;
}

/* a run computed directly, for comparison */
static GradlensRunResult *
compute (const GradlensRunConfig *config)
{
  g_autoptr(GError) error = NULL;
  GradlensRunResult *result = gradlens_run (config, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return result;
}

static gboolean
same_double (double a,
             double b)
{
  return memcmp (&a, &b, sizeof (double)) == 0;
}

/* ---- tests ------------------------------------------------------------ */

/* The new template children exist, and the views start on the gradient
 * norms with the derivative chosen. */
static void
test_views_templates (void)
{
  static const char * const children[] = {
    "sweep_button", "plot_stack", "forward_view", "sweep_view", "stat_dropdown", "stat_explanation",
    "lower_stack", "tables_stack", "layers_view", "sweeps_list", "sweep_values_view", "sweep_group",
    "sweep_from_spin", "sweep_to_spin", "sweep_step_spin", "depth_row",
  };
  GradlensWindow *window = new_window ();
  g_autofree char *view = NULL;
  g_autofree char *statistic = NULL;
  GListModel *model;

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    window_child (window, children[i]);
  g_object_get (window, "view", &view, "statistic", &statistic, NULL);
  g_assert_cmpstr (view, ==, "gradients");
  g_assert_cmpstr (statistic, ==, "deriv_mean");
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (window_child (window, "stat_dropdown")));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, GRADLENS_N_LAYER_STATS);
  /* the sweep's controls show only in its view */
  g_assert_false (gtk_widget_get_visible (window_child (window, "sweep_group")));
  show_view (window, "sweep");
  g_assert_true (gtk_widget_get_visible (window_child (window, "sweep_group")));
  g_assert_false (gtk_widget_get_sensitive (window_child (window, "depth_row")));
  g_assert_true (gtk_widget_get_visible (window_child (window, "sweep_button")));
  g_assert_false (gtk_widget_get_visible (window_child (window, "run_button")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window_child (window, "lower_stack"))), ==, "sweeps");
  show_view (window, "gradients");
  g_assert_false (gtk_widget_get_visible (window_child (window, "sweep_group")));
  g_assert_true (gtk_widget_get_visible (window_child (window, "run_button")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window_child (window, "lower_stack"))), ==, "runs");
  destroy_window (window);
}

/* Seeds > 1: the figure has a quartile band, drawn in the run's colour where
 * the band is; the table has the statistics; the run's row shows the decay
 * per layer. */
static void
test_band_and_decay (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GradlensWindow *window = new_window ();
  GtkWidget *view = window_child (window, "plot_view");
  const GradlensRunResult *result;
  PlotFigure *figure;
  PlotLayout layout;
  PlotRgba color;
  const double *low, *high, *values;
  gsize n_band = 0, n_values = 0;
  guchar *pixels;
  int width, height;
  guint best = 0, matched = 0, checked = 0;
  int best_side = 0;
  double best_span = 0.0;
  GtkListBoxRow *row;
  GtkLabel *detail;
  g_autofree char *decay = NULL;

  /* the plotly_dark background under the band: rgb(17, 17, 17) */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  /* few samples: the seeds differ more, the band is wide */
  type_into (window, "data", "samples", "8");
  type_into (window, "data", "seeds", "40");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for (not_running, window, 30000, "40 seeds");
  g_assert_cmpuint (n_runs (window), ==, 1);
  result = gradlens_run_item_get_result (run_at (window, 0));
  g_assert_cmpint (result->n_seeds, ==, 40);
  g_assert_nonnull (result->stats);

  figure = view_figure (window, "gradients");
  g_assert_true (plot_figure_get_series_band (figure, 0, &low, &high, &n_band));
  g_assert_cmpuint (n_band, ==, (gsize) result->n_params);
  values = plot_figure_get_series_values (figure, 0, &n_values);
  for (gsize i = 0; i < n_band; i++)
    {
      g_assert_true (same_double (low[i], result->stats[i].q1));
      g_assert_true (same_double (high[i], result->stats[i].q3));
      g_assert_true (same_double (values[i], result->stats[i].median));
    }
  g_assert_true (plot_figure_get_series_whiskers (figure, 0, &low, &high, &n_band));
  g_assert_true (gtk_column_view_column_get_visible (gradlens_series_table_get_column (gradlens_window_get_table (window, "gradients"), GRADLENS_COLUMN_Q3)));

  /* the pixels: between the q3 edge and the median line, a quarter of the way
   * from one parameter to the next, the band (alpha 0.28) over the whiskers'
   * (alpha 0.12) over the background */
  pixels = widget_pixels (view, &width, &height);
  plot_layout_compute (&layout, figure, width, height);
  plot_figure_get_series_color (figure, 0, &color);
  plot_figure_get_series_band (figure, 0, &low, &high, &n_band);
  /* the widest part of the band beside the median line, above (q3) or
   * below (q1) it */
  for (guint i = 0; i + 1 < n_band; i++)
    for (int side = 0; side < 2; side++)
      {
        const double *edge = side == 0 ? high : low;
        double span = fabs (plot_layout_y_to_pixel (&layout, values[i]) - plot_layout_y_to_pixel (&layout, edge[i]))
                      + fabs (plot_layout_y_to_pixel (&layout, values[i + 1])
                              - plot_layout_y_to_pixel (&layout, edge[i + 1]));

        if (span / 2 > best_span)
          {
            best_span = span / 2;
            best = i;
            best_side = side;
          }
      }
  g_test_message ("widest band at %u (%s): %.1f px from the median", best, best_side == 0 ? "q3" : "q1", best_span);
  g_assert_cmpfloat (best_span, >, 10.0);
  {
    const double t = 0.25;
    const double a = 1.0 - (1.0 - 0.12) * (1.0 - 0.28);
    const double *edge = best_side == 0 ? high : low;
    double x = (1 - t) * plot_layout_x_to_pixel (&layout, best) + t * plot_layout_x_to_pixel (&layout, best + 1);
    double y_edge = (1 - t) * plot_layout_y_to_pixel (&layout, edge[best])
                    + t * plot_layout_y_to_pixel (&layout, edge[best + 1]);
    double y_median = (1 - t) * plot_layout_y_to_pixel (&layout, values[best])
                      + t * plot_layout_y_to_pixel (&layout, values[best + 1]);
    double y_lo = MIN (y_edge, y_median), y_hi = MAX (y_edge, y_median);
    int expected[3] = {
      (int) lround (255 * (a * color.red + (1 - a) * 17 / 255.0)),
      (int) lround (255 * (a * color.green + (1 - a) * 17 / 255.0)),
      (int) lround (255 * (a * color.blue + (1 - a) * 17 / 255.0)),
    };

    /* clear of the band's antialiased edge and of the 2 px median line */
    for (int y = (int) ceil (y_lo) + 2; y <= (int) floor (y_hi) - 2; y++)
      {
        const guchar *p = pixels + 4 * ((gsize) y * width + (int) lround (x));
        /* B8G8R8A8 */
        int got[3] = { p[2], p[1], p[0] };

        checked++;
        if (ABS (got[0] - expected[0]) <= 12 && ABS (got[1] - expected[1]) <= 12 && ABS (got[2] - expected[2]) <= 12)
          matched++;
      }
    g_test_message ("%u of %u pixels in the band have its colour (%d, %d, %d)", matched, checked,
                    expected[0], expected[1], expected[2]);
    g_assert_cmpuint (checked, >=, 5);
    /* grid lines may cross the column */
    g_assert_cmpuint (matched, >=, (checked * 6 + 9) / 10);
    /* and at the bottom of the data area, below every band, the background */
    {
      const guchar *p = pixels + 4 * ((gsize) (layout.area.y + layout.area.height - 2) * width + (int) lround (x));

      g_assert_cmpint (ABS ((int) p[2] - 17), <=, 12);
    }
  }
  g_free (pixels);

  /* the decay per layer in the run's row, as the legend has it */
  decay = gradlens_decay_format (result->decay_per_layer);
  g_assert_nonnull (decay);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (window_child (window, "runs_list")), 0);
  g_assert_nonnull (row);
  detail = gradlens_series_row_get_detail_label (GRADLENS_SERIES_ROW (row));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (detail), decay));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (detail)));
  g_assert_cmpstr (plot_figure_get_series_legend_suffix (figure, 0), ==, decay);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  destroy_window (window);
}

/* 1000 seeds of the notebook's network: the progress bar need not show; a
 * long multi-seed run shows its fraction. */
/* the progress bar shown and past 0 */
static gboolean
progress_shown (gpointer data)
{
  GradlensWindow *window = data;

  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (window_child (window, "progress_bar"))) > 0.0
         && gtk_revealer_get_reveal_child (GTK_REVEALER (window_child (window, "progress_revealer")));
}

static void
test_seed_progress (void)
{
  GradlensWindow *window = new_window ();
  GtkRevealer *revealer = GTK_REVEALER (window_child (window, "progress_revealer"));
  gint64 start;
  double ms;

  type_into (window, "data", "seeds", "1000");
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for (not_running, window, 30000, "1000 seeds");
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("1000 seeds of the notebook network: %.1f ms from Run to the plot", ms);
  g_assert_cmpuint (n_runs (window), ==, 1);
  g_assert_cmpint (gradlens_run_item_get_result (run_at (window, 0))->n_seeds, ==, 1000);
  /* (a slow build, e.g. under a sanitizer, may take longer than the delay) */
  if (ms < 100)
    g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* a large one: the fraction comes from the runner's progress */
  type_into (window, "network", "depth", "40");
  type_into (window, "network", "width", "256");
  type_into (window, "data", "samples", "256");
  type_into (window, "data", "seeds", "5000");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (gradlens_window_get_running (window));
  wait_for (progress_shown, window, 60000, "the progress bar to move");
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (window_child (window, "window_title"))), "%"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  wait_for (not_running, window, 10000, "the stopped run");
  g_assert_cmpuint (n_runs (window), ==, 1);
  destroy_window (window);
}

static void
assert_forward_series (GradlensWindow    *window,
                       GradlensLayerStat  stat)
{
  PlotFigure *figure = view_figure (window, "forward");
  g_autofree char *name = NULL;

  g_object_get (window, "statistic", &name, NULL);
  g_assert_cmpstr (name, ==, gradlens_layer_stat_name (stat));
  g_assert_true (gradlens_plot_view_get_figure (GRADLENS_PLOT_VIEW (window_child (window, "forward_view"))) == figure);
  g_assert_cmpuint (plot_figure_get_n_series (figure), ==, n_runs (window));
  g_assert_cmpint (plot_figure_get_y_scale (figure), ==, gradlens_layer_stat_scale (stat));
  for (guint r = 0; r < n_runs (window); r++)
    {
      const GradlensRunResult *result = gradlens_run_item_get_result (run_at (window, r));
      g_autoptr(GradlensRunResult) direct = compute (&result->config);
      const double *values;
      gsize n = 0;

      g_assert_cmpstr (plot_figure_get_series_label (figure, r), ==, gradlens_series_get_label (GRADLENS_SERIES (run_at (window, r))));
      values = plot_figure_get_series_values (figure, r, &n);
      g_assert_cmpuint (n, ==, (gsize) direct->depth);
      for (int l = 0; l < direct->depth; l++)
        {
          const NnLayerStats *s = &direct->layer_stats[l];
          int units = l + 1 < direct->depth ? direct->config.nn.width : direct->config.nn.outputs;
          double expected = 0;

          switch (stat)
            {
            case GRADLENS_LAYER_DERIV_MEAN: expected = s->deriv_mean; break;
            case GRADLENS_LAYER_SATURATED_FRACTION: expected = s->saturated_fraction; break;
            case GRADLENS_LAYER_DEAD_FRACTION: expected = (double) s->dead_units / units; break;
            case GRADLENS_LAYER_PRE_STD: expected = s->pre_std; break;
            case GRADLENS_LAYER_ACT_STD: expected = s->act_std; break;
            case GRADLENS_LAYER_ACT_MEAN: expected = s->act_mean; break;
            case GRADLENS_LAYER_PRE_MEAN: expected = s->pre_mean; break;
            case GRADLENS_N_LAYER_STATS:
            default: g_assert_not_reached ();
            }
          /* the same computation: equal to the last bit */
          g_assert_true (same_double (values[l], expected));
          g_assert_true (same_double (values[l], gradlens_layer_stat_value (result, l + 1, stat)));
        }
    }
}

/* The forward view: one series per run, the chosen statistic of each layer
 * as GradlensRunResult.layer_stats has it; another statistic, other series;
 * the table of layers of the selected run. */
static void
test_forward (void)
{
  GradlensWindow *window = new_window ();
  GtkDropDown *dropdown = GTK_DROP_DOWN (window_child (window, "stat_dropdown"));
  g_autofree char *tsv = NULL;
  g_auto(GStrv) lines = NULL;
  const double *before, *after;
  gsize n_before = 0, n_after = 0;
  const char *explanation;
  const GradlensRunResult *last;
  double first_value;

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  g_assert_cmpuint (n_runs (window), ==, 4);
  show_view (window, "forward");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window_child (window, "tables_stack"))), ==, "layers");

  assert_forward_series (window, GRADLENS_LAYER_DERIV_MEAN);
  /* sigmoid's derivative is at most 0.25 */
  before = plot_figure_get_series_values (view_figure (window, "forward"), 0, &n_before);
  for (gsize l = 0; l < n_before; l++)
    g_assert_cmpfloat (before[l], <=, 0.25);
  first_value = before[0];
  explanation = gtk_label_get_label (GTK_LABEL (window_child (window, "stat_explanation")));
  g_assert_nonnull (strstr (explanation, "0.25"));

  /* the chooser: another statistic, other series */
  gtk_drop_down_set_selected (dropdown, GRADLENS_LAYER_SATURATED_FRACTION);
  assert_forward_series (window, GRADLENS_LAYER_SATURATED_FRACTION);
  after = plot_figure_get_series_values (view_figure (window, "forward"), 0, &n_after);
  g_assert_cmpuint (n_after, ==, n_before);
  g_assert_false (same_double (after[0], first_value));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (window_child (window, "stat_explanation"))), !=, explanation);
  g_assert_cmpint (plot_figure_get_y_scale (view_figure (window, "forward")), ==, PLOT_SCALE_LINEAR);

  /* the action, as a menu or a test would use it; every statistic */
  for (guint s = 0; s < GRADLENS_N_LAYER_STATS; s++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.statistic", "s", gradlens_layer_stat_name (s));
      g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, s);
      assert_forward_series (window, s);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.statistic", "s", "pre_std");
  g_assert_cmpint (plot_figure_get_y_scale (view_figure (window, "forward")), ==, PLOT_SCALE_LOG);

  /* a hidden run is hidden here too; its legend entry shows it again */
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 1)), FALSE);
  g_assert_false (plot_figure_get_series_visible (view_figure (window, "forward"), 1));
  g_signal_emit_by_name (window_child (window, "forward_view"), "legend-clicked", 1u);
  g_assert_true (gradlens_series_get_visible (GRADLENS_SERIES (run_at (window, 1))));
  g_assert_true (plot_figure_get_series_visible (view_figure (window, "forward"), 1));

  /* a new run adds a series */
  type_into (window, "network", "depth", "8");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for (not_running, window, 30000, "the run");
  g_assert_cmpuint (n_runs (window), ==, 5);
  assert_forward_series (window, GRADLENS_LAYER_PRE_STD);
  g_assert_cmpuint (plot_figure_get_n_categories (view_figure (window, "forward")), ==, 8);

  /* the table of layers of the selected (new) run; Copy copies it */
  last = gradlens_run_item_get_result (run_at (window, 4));
  g_assert_cmpuint (g_list_model_get_n_items (gradlens_series_table_get_model (gradlens_window_get_table (window, "layers"))), ==, 8);
  tsv = gradlens_window_dup_values_tsv (window);
  lines = g_strsplit (tsv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "layer\tpre_mean\tpre_std\tact_mean\tact_std\tderiv_mean\tsaturated_fraction\tdead_units");
  g_assert_cmpuint (g_strv_length (lines), ==, 8 + 2);
  {
    g_auto(GStrv) cells = g_strsplit (lines[3], "\t", -1);

    g_assert_cmpstr (cells[0], ==, "3");
    g_assert_true (same_double (g_ascii_strtod (cells[5], NULL), last->layer_stats[2].deriv_mean));
    g_assert_cmpint (atoi (cells[7]), ==, last->layer_stats[2].dead_units);
  }
  /* the other table is one click away */
  gtk_stack_set_visible_child_name (GTK_STACK (window_child (window, "tables_stack")), "gradients");
  g_free (tsv);
  tsv = gradlens_window_dup_values_tsv (window);
  g_assert_true (g_str_has_prefix (tsv, "parameter\tshape\tgrad_norm\n"));

  /* back on the gradient norms, the figure is the gradient norms' */
  show_view (window, "gradients");
  g_assert_true (gradlens_plot_view_get_figure (GRADLENS_PLOT_VIEW (window_child (window, "plot_view")))
                 == view_figure (window, "gradients"));
  destroy_window (window);
}

static gboolean
same_points (const GradlensSweepPoint *a,
             const GradlensSweepPoint *b)
{
  return a->depth == b->depth && same_double (a->value, b->value) && same_double (a->stats.q1, b->stats.q1)
         && same_double (a->stats.q3, b->stats.q3) && same_double (a->stats.min, b->stats.min)
         && same_double (a->stats.max, b->stats.max);
}

/* gradlens_sweep() called directly on config over depths from..to */
static GradlensSweepPoint *
direct_sweep (const GradlensRunConfig *config,
              int                      from,
              int                      to)
{
  g_autofree int *depths = g_new (int, to - from + 1);
  g_autoptr(GError) error = NULL;
  GradlensSweepPoint *points;

  for (int d = from; d <= to; d++)
    depths[d - from] = d;
  points = gradlens_sweep (config, depths, to - from + 1, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, NULL, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  return points;
}

static void
assert_sweep_series (GradlensWindow          *window,
                     guint                    index,
                     const GradlensRunConfig *config,
                     int                      to)
{
  g_autofree GradlensSweepPoint *expected = direct_sweep (config, 1, to);
  GradlensDepthSweep *sweep = sweep_at (window, index);
  PlotFigure *figure = view_figure (window, "sweep");
  const GradlensSweepPoint *points;
  const double *values, *low, *high;
  guint n_points = 0;
  gsize n = 0, n_band = 0;

  points = gradlens_depth_sweep_get_points (sweep, &n_points);
  g_assert_cmpuint (n_points, ==, (guint) to);
  for (int i = 0; i < to; i++)
    g_assert_true (same_points (&points[i], &expected[i]));

  g_assert_cmpstr (plot_figure_get_series_label (figure, index), ==, gradlens_series_get_label (GRADLENS_SERIES (sweep)));
  values = plot_figure_get_series_values (figure, index, &n);
  g_assert_cmpuint (n, ==, (gsize) to);
  for (int i = 0; i < to; i++)
    g_assert_true (same_double (values[i], expected[i].value));
  if (config->seeds > 1)
    {
      g_assert_true (plot_figure_get_series_band (figure, index, &low, &high, &n_band));
      g_assert_cmpuint (n_band, ==, (gsize) to);
      for (int i = 0; i < to; i++)
        {
          g_assert_true (same_double (low[i], expected[i].stats.q1));
          g_assert_true (same_double (high[i], expected[i].stats.q3));
        }
    }
}

static gboolean
has_error_class (GradlensWindow *window,
                 const char     *name)
{
  return gtk_widget_has_css_class (window_child (window, name), "error");
}

/* The sweep: a series of gradlens_sweep()'s values over the depths (the
 * categories), with its band; a second sweep over more depths is its own
 * series and leaves the first as it was; remove, clear; exports of the
 * sweeps. */
static void
test_sweep (void)
{
  g_autoptr(GradlensRunConfig) sigmoid = gradlens_run_config_new ();
  g_autoptr(GradlensRunConfig) relu = gradlens_run_config_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gradlens-test-XXXXXX", NULL);
  GradlensWindow *window = new_window ();
  PlotFigure *figure;
  g_autofree char *tsv = NULL;

  show_view (window, "sweep");
  /* nothing to copy yet */
  g_assert_null (gradlens_window_dup_values_tsv (window));

  /* a wrong order of depths is marked, nothing runs */
  type_into_child (window, "sweep_from_spin", "9");
  type_into_child (window, "sweep_to_spin", "3");
  g_assert_false (gradlens_window_sweep (window));
  g_assert_true (has_error_class (window, "sweep_from_spin"));
  g_assert_true (has_error_class (window, "sweep_to_spin"));
  g_assert_false (gradlens_window_get_running (window));
  type_into_child (window, "sweep_from_spin", "1");
  g_assert_false (has_error_class (window, "sweep_from_spin"));

  /* sigmoid, 3 seeds, depths 1..12 */
  type_into_child (window, "sweep_to_spin", "12");
  type_into (window, "data", "seeds", "3");
  sigmoid->seeds = 3;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sweep", NULL);
  g_assert_true (gradlens_window_get_running (window));
  wait_for (not_running, window, 60000, "the sweep");
  g_assert_cmpuint (n_sweeps (window), ==, 1);
  g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (sweep_at (window, 0))), ==, "sigmoid");
  g_assert_cmpint (g_ascii_strcasecmp (gradlens_series_get_color (GRADLENS_SERIES (sweep_at (window, 0))), "#636efa"), ==, 0);
  assert_sweep_series (window, 0, sigmoid, 12);
  figure = view_figure (window, "sweep");
  g_assert_true (gradlens_plot_view_get_figure (GRADLENS_PLOT_VIEW (window_child (window, "sweep_view"))) == figure);
  g_assert_cmpint (plot_figure_get_y_scale (figure), ==, PLOT_SCALE_LOG);
  g_assert_cmpuint (plot_figure_get_n_categories (figure), ==, 12);
  g_assert_cmpstr (plot_figure_get_category (figure, 0), ==, "1");
  g_assert_cmpstr (plot_figure_get_category (figure, 11), ==, "12");
  /* vanishing: the decay per added layer is below 1, in the legend and the row */
  g_assert_cmpfloat (gradlens_series_get_decay (GRADLENS_SERIES (sweep_at (window, 0))), <, 1.0);
  g_assert_nonnull (plot_figure_get_series_legend_suffix (figure, 0));
  g_assert_true (g_str_has_prefix (gradlens_series_get_detail (GRADLENS_SERIES (sweep_at (window, 0))),
                                   plot_figure_get_series_legend_suffix (figure, 0)));

  /* its table: every depth, copied as text */
  tsv = gradlens_window_dup_values_tsv (window);
  g_assert_true (g_str_has_prefix (tsv, "depth\tfirst_weight_grad_norm\tmin\tq1\tmedian\tq3\tmax\n1\t"));
  g_assert_cmpuint (g_list_model_get_n_items (gradlens_series_table_get_model (gradlens_window_get_table (window, "sweep"))), ==, 12);

  /* ReLU over 1..15: its own series; the sigmoid sweep keeps its 12 depths,
   * on the same axis of 15 */
  select_choice (window, "network", "activation", "relu");
  set_field (relu, "network", "activation", "relu");
  relu->seeds = 3;
  type_into_child (window, "sweep_to_spin", "15");
  g_assert_true (gradlens_window_sweep (window));
  wait_for (not_running, window, 60000, "the second sweep");
  g_assert_cmpuint (n_sweeps (window), ==, 2);
  g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (sweep_at (window, 1))), ==, "relu");
  assert_sweep_series (window, 0, sigmoid, 12);
  assert_sweep_series (window, 1, relu, 15);
  g_assert_cmpuint (plot_figure_get_n_categories (view_figure (window, "sweep")), ==, 15);
  g_assert_cmpint (g_ascii_strcasecmp (gradlens_series_get_color (GRADLENS_SERIES (sweep_at (window, 1))), "#EF553B"), ==, 0);

  /* hide from the legend, show again */
  g_signal_emit_by_name (window_child (window, "sweep_view"), "legend-clicked", 0u);
  g_assert_false (gradlens_series_get_visible (GRADLENS_SERIES (sweep_at (window, 0))));
  g_assert_false (plot_figure_get_series_visible (view_figure (window, "sweep"), 0));
  gradlens_series_set_visible (GRADLENS_SERIES (sweep_at (window, 0)), TRUE);
  g_assert_true (plot_figure_get_series_visible (view_figure (window, "sweep"), 0));

  /* exports in this view: the sweeps' figure and values */
  {
    g_autofree char *json = g_build_filename (dir, "s.json", NULL);
    g_autofree char *csv = g_build_filename (dir, "s.csv", NULL);
    g_autofree char *png = g_build_filename (dir, "s.png", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *sweeps;
    cairo_surface_t *surface;

    g_assert_true (gradlens_window_export (window, json, 800, 450, GRADLENS_THEME_DARK, &error));
    g_assert_no_error (error);
    g_assert_true (json_parser_load_from_file (parser, json, NULL));
    sweeps = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "sweeps");
    g_assert_cmpuint (json_array_get_length (sweeps), ==, 2);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (sweeps, 1),
                                                                           "sweep")), ==, 15);
    g_assert_true (gradlens_window_export (window, csv, 800, 450, GRADLENS_THEME_DARK, &error));
    g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "label,depth,first_weight_grad_norm,min,q1,median,q3,max\nsigmoid,1,"));
    g_assert_true (gradlens_window_export (window, png, 640, 360, GRADLENS_THEME_LIGHT, &error));
    surface = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
    cairo_surface_destroy (surface);
    g_unlink (json);
    g_unlink (csv);
    g_unlink (png);
    g_rmdir (dir);
  }

  /* remove one, then clear */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-sweep", "u", 0u);
  g_assert_cmpuint (n_sweeps (window), ==, 1);
  g_assert_cmpstr (plot_figure_get_series_label (view_figure (window, "sweep"), 0), ==, "relu");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-sweeps", NULL);
  g_assert_cmpuint (n_sweeps (window), ==, 0);
  g_assert_cmpuint (plot_figure_get_n_series (view_figure (window, "sweep")), ==, 0);
  /* the runs were never touched */
  g_assert_cmpuint (n_runs (window), ==, 0);
  destroy_window (window);
}

/* a sweep long enough to be stopped */
static void
type_long_sweep (GradlensWindow *window)
{
  type_into (window, "network", "width", "128");
  type_into (window, "data", "samples", "128");
  type_into (window, "data", "seeds", "1000");
  type_into_child (window, "sweep_from_spin", "1");
  type_into_child (window, "sweep_to_spin", "100");
}

/* A long sweep: progress shows with a fraction, Stop (Escape) ends it
 * promptly, and keeps the depths it finished, from the shallowest (none
 * when it is stopped within its first depths). */
static void
test_sweep_cancel (void)
{
  GradlensWindow *window = new_window ();
  GtkRevealer *revealer = GTK_REVEALER (window_child (window, "progress_revealer"));
  gint64 start;
  guint n_stopped;

  show_view (window, "sweep");
  type_long_sweep (window);
  g_assert_true (gradlens_window_sweep (window));
  g_assert_true (gtk_widget_get_visible (window_child (window, "stop_button")));
  g_assert_false (gtk_widget_get_visible (window_child (window, "sweep_button")));
  /* neither a run nor another sweep while it computes */
  g_assert_false (gradlens_window_sweep (window));
  g_assert_false (gradlens_window_run (window));

  wait_for (progress_shown, window, 20000, "the progress bar with a fraction");
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (window_child (window, "window_title"))), "%"));
  g_assert_true (gradlens_window_get_running (window));

  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  wait_for (not_running, window, 10000, "the stopped sweep");
  g_test_message ("stopped after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  n_stopped = n_sweeps (window);
  g_assert_cmpuint (n_stopped, <=, 1);
  if (n_stopped == 1)
    {
      guint n_points = 0;
      const GradlensSweepPoint *points = gradlens_depth_sweep_get_points (sweep_at (window, 0), &n_points);

      g_test_message ("the stopped sweep kept %u depths", n_points);
      g_assert_cmpuint (n_points, <, 100);
      for (guint k = 0; k < n_points; k++)
        g_assert_cmpint (points[k].depth, ==, (int) k + 1);
    }
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_get_visible (window_child (window, "sweep_button")));

  /* it sweeps again afterwards */
  type_into (window, "network", "width", "10");
  type_into (window, "data", "samples", "100");
  type_into (window, "data", "seeds", "1");
  type_into_child (window, "sweep_to_spin", "4");
  g_assert_true (gradlens_window_sweep (window));
  wait_for (not_running, window, 30000, "the short sweep");
  g_assert_cmpuint (n_sweeps (window), ==, n_stopped + 1);
  /* one seed: no band */
  g_assert_false (plot_figure_get_series_band (view_figure (window, "sweep"), n_stopped, NULL, NULL, NULL));

  /* loading an experiment while a sweep computes stops the sweep */
  type_long_sweep (window);
  g_assert_true (gradlens_window_sweep (window));
  spin_for (100);
  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  g_assert_cmpuint (n_runs (window), ==, 4);
  g_assert_cmpuint (n_sweeps (window), ==, n_stopped + 1);
  destroy_window (window);
}

/* Closing the window during a sweep: the sweep is cancelled, its callback
 * finds the window gone, and the window is finalized. */
static void
test_close_mid_sweep (void)
{
  GradlensWindow *window = new_window ();
  gpointer weak = window;

  show_view (window, "sweep");
  type_long_sweep (window);
  g_assert_true (gradlens_window_sweep (window));
  spin_for (200);
  g_assert_true (gradlens_window_get_running (window));

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  wait_for (is_null, &weak, 10000, "the window to be finalized after closing mid-sweep");
}

/* Every run row says why its line looks as it does; the plot's tooltip
 * names the run and the parameter with four digits, its diagnosis, the
 * cause of a zero, an ensemble's median, quartiles and range, and the exact
 * value that a right click copies. */
static void
test_diagnosis_and_tooltip (void)
{
  GradlensWindow *window = new_window ();
  const char *const names[] = { "lin1.weight", "lin1.bias", "lin2.weight" };
  const double values[] = { 2.8084159566788003e-05, 0.0, 0.5 };
  const double q1[] = { 2e-05, 0.0, 0.4 }, q3[] = { 3e-05, 0.0, 0.6 };
  const double lo[] = { 1e-05, 0.0, 0.3 }, hi[] = { 4e-05, 0.0, 0.7 };
  g_autoptr(PlotFigure) figure = plot_figure_new ();
  GtkWidget *view;
  GtkListBoxRow *row;
  GtkLabel *diagnosis;
  g_autofree char *expected = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *zero_tooltip = NULL;
  g_autofree char *copied = NULL;
  PlotLayout layout;
  double x, y;

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  g_assert_cmpuint (n_runs (window), ==, 4);
  /* the sigmoid run vanishes: its row says so in words, the figure's note too */
  expected = gradlens_diagnosis_dup_text (gradlens_run_item_get_result (run_at (window, 0)));
  g_assert_nonnull (expected);
  g_assert_nonnull (strstr (expected, "anishing"));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (window_child (window, "runs_list")), 0);
  diagnosis = gradlens_series_row_get_diagnosis_label (GRADLENS_SERIES_ROW (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (diagnosis)));
  g_assert_cmpstr (gtk_label_get_label (diagnosis), ==, expected);
  g_assert_cmpstr (plot_figure_get_series_note (view_figure (window, "gradients"), 0), ==, expected);

  /* a figure of our own on the plot view: an ensemble's point, a dead network's zero */
  view = GTK_WIDGET (gradlens_page_get_plot_view (gradlens_window_get_page (window, "gradients")));
  plot_figure_set_categories (figure, names, 3);
  plot_figure_add_series (figure, "ReLU, He init", NULL, values, 3);
  plot_figure_set_series_band (figure, 0, q1, q3, 3);
  plot_figure_set_series_whiskers (figure, 0, lo, hi, 3);
  plot_figure_set_series_zero_cause (figure, 0, "no signal: dead units");
  plot_figure_set_series_note (figure, 0, "The output unit is dead.");
  gradlens_plot_view_set_figure (GRADLENS_PLOT_VIEW (view), figure);
  gtk_test_widget_wait_for_draw (view);
  plot_layout_compute (&layout, figure, gtk_widget_get_width (view), gtk_widget_get_height (view));
  g_assert_true (plot_layout_point_position (&layout, figure, 0, 0, &x, &y));
  tooltip = gradlens_plot_view_dup_tooltip (GRADLENS_PLOT_VIEW (view), x, y);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "ReLU, He init"));
  g_assert_nonnull (strstr (tooltip, "lin1.weight"));
  g_assert_nonnull (strstr (tooltip, "2.808e-05"));            /* four significant digits */
  g_assert_null (strstr (tooltip, "2.8084159566788003e-05 ("));
  g_assert_nonnull (strstr (tooltip, "2.8084159566788003e-05")); /* ...and every digit, small */
  g_assert_nonnull (strstr (tooltip, "median"));
  g_assert_nonnull (strstr (tooltip, "2e-05"));
  g_assert_nonnull (strstr (tooltip, "3e-05"));
  g_assert_nonnull (strstr (tooltip, "4e-05"));
  g_assert_nonnull (strstr (tooltip, "The output unit is dead."));
  copied = gradlens_plot_view_copy_value_at (GRADLENS_PLOT_VIEW (view), x, y);
  g_assert_cmpstr (copied, ==, "2.8084159566788003e-05");
  g_assert_true (plot_layout_point_position (&layout, figure, 0, 1, &x, &y));
  zero_tooltip = gradlens_plot_view_dup_tooltip (GRADLENS_PLOT_VIEW (view), x, y);
  g_assert_nonnull (zero_tooltip);
  g_assert_nonnull (strstr (zero_tooltip, "no signal: dead units"));
  g_assert_null (strstr (zero_tooltip, "underflow"));
  destroy_window (window);
}

/* The Backward Signal view: per run the measured signal (solid) and the
 * prediction (dashed, the same colour), a hidden run hidden in both, the
 * table of gains whose product is the predicted step, and the values
 * exported. */
static void
test_backward (void)
{
  GradlensWindow *window = new_window ();
  GradlensBackwardPage *page;
  PlotFigure *figure;
  const GradlensRunResult *sigmoid;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;
  const char *cell;

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  show_view (window, "backward");
  page = GRADLENS_BACKWARD_PAGE (gradlens_window_get_page (window, "backward"));
  figure = view_figure (window, "backward");
  g_assert_nonnull (figure);
  g_assert_cmpuint (plot_figure_get_n_series (figure), ==, 8);
  g_assert_cmpint (plot_figure_get_y_scale (figure), ==, PLOT_SCALE_LOG);
  sigmoid = gradlens_run_item_get_result (run_at (window, 0));
  for (guint i = 0; i < 4; i++)
    {
      const GradlensRunResult *r = gradlens_run_item_get_result (run_at (window, i));
      const double *measured, *predicted;
      gsize n_measured = 0, n_predicted = 0;
      PlotRgba a, b;

      g_assert_false (plot_figure_get_series_dashed (figure, i));
      g_assert_true (plot_figure_get_series_dashed (figure, 4 + i));
      plot_figure_get_series_color (figure, i, &a);
      plot_figure_get_series_color (figure, 4 + i, &b);
      g_assert_true (a.red == b.red && a.green == b.green && a.blue == b.blue);
      measured = plot_figure_get_series_values (figure, i, &n_measured);
      predicted = plot_figure_get_series_values (figure, 4 + i, &n_predicted);
      g_assert_cmpuint (n_measured, ==, 5);
      g_assert_cmpuint (n_predicted, ==, 5);
      for (int l = 0; l < 5; l++)
        {
          g_assert_true (same_double (measured[l], r->layer_stats[l].grad_rms));
          g_assert_true (same_double (predicted[l], r->layer_stats[l].predicted_grad_rms));
        }
      /* the prediction starts at the output */
      g_assert_true (same_double (predicted[4], measured[4]));
    }
  /* sigmoid: the signal shrinks layer by layer, and the prediction is within 1.5x of it
   * at the input end... or the gap is the lesson; it is at least the right direction */
  g_assert_cmpfloat (sigmoid->layer_stats[0].grad_rms, <, sigmoid->layer_stats[4].grad_rms);
  g_assert_cmpfloat (sigmoid->layer_stats[0].predicted_grad_rms, <, sigmoid->layer_stats[4].predicted_grad_rms);
  g_assert_nonnull (plot_figure_get_series_legend_suffix (figure, 4));

  /* the table of gains: a column per visible run, a row per layer */
  cell = gradlens_backward_page_get_gains_cell (page, 1, 1);
  g_assert_nonnull (cell);
  {
    double act = NAN, weight = NAN;
    double step = gradlens_backward_step (sigmoid, 1, &act, &weight);
    g_autofree char *a = g_strdup_printf ("×%.2f", act);
    g_autofree char *p = g_strdup_printf ("×%.2f", step);

    g_assert_cmpfloat (act, <=, 0.25);
    g_assert_nonnull (strstr (cell, a));
    g_assert_nonnull (strstr (cell, p));
  }
  g_assert_nonnull (gradlens_backward_page_get_gains_cell (page, 4, 5));
  g_assert_null (gradlens_backward_page_get_gains_cell (page, 5, 1));

  /* a hidden run: its measurement and prediction hidden, its column gone; the
   * prediction's legend entry shows it again */
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 1)), FALSE);
  figure = view_figure (window, "backward");
  g_assert_false (plot_figure_get_series_visible (figure, 1));
  g_assert_false (plot_figure_get_series_visible (figure, 5));
  g_assert_true (plot_figure_get_series_visible (figure, 4));
  g_assert_null (gradlens_backward_page_get_gains_cell (page, 4, 1));
  g_signal_emit_by_name (gradlens_page_get_plot_view (GRADLENS_PAGE (page)), "legend-clicked", 5u);
  g_assert_true (gradlens_series_get_visible (GRADLENS_SERIES (run_at (window, 1))));
  figure = view_figure (window, "backward");
  g_assert_true (plot_figure_get_series_visible (figure, 5));
  g_assert_nonnull (gradlens_backward_page_get_gains_cell (page, 4, 1));

  /* the values export */
  csv = gradlens_page_dup_export_text (GRADLENS_PAGE (page), FALSE);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "run,layer,grad_rms,predicted_grad_rms,activation_gain,weight_gain,deriv_sq_mean");
  g_assert_cmpuint (g_strv_length (lines), ==, 4 * 5 + 2);
  json = gradlens_page_dup_export_text (GRADLENS_PAGE (page), TRUE);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonArray *runs;

    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    g_assert_no_error (error);
    runs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "backward_signal");
    g_assert_cmpuint (json_array_get_length (runs), ==, 4);
  }
  destroy_window (window);
}

/* The guide (win.guide, F1): the notebook's four questions answered with
 * the numbers of the runs on screen; each "Show me" opens the built-in
 * preset that shows the answer, and the answers follow the new runs. */
static void
test_guide (void)
{
  GradlensWindow *window = new_window ();
  GradlensGuide *guide;
  const char *answer;

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.guide", NULL);
  guide = g_object_get_data (G_OBJECT (window), "gradlens-guide");
  g_assert_true (GRADLENS_IS_GUIDE (guide));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (guide)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (guide)) == GTK_WINDOW (window));
  /* the notebook's definitions and formulas, and live numbers */
  g_assert_nonnull (strstr (gradlens_guide_get_answer (guide, GRADLENS_GUIDE_PATTERN), "√(Σ"));
  g_assert_nonnull (strstr (gradlens_guide_get_answer (guide, GRADLENS_GUIDE_PATTERN), "Vanilla Sigmoid Network"));
  g_assert_nonnull (strstr (gradlens_guide_get_answer (guide, GRADLENS_GUIDE_SIGMOID), "n·Var(W)"));
  g_assert_nonnull (strstr (gradlens_guide_get_answer (guide, GRADLENS_GUIDE_SIGMOID), "E[f′(z)²]"));
  answer = gradlens_guide_get_answer (guide, GRADLENS_GUIDE_INIT);
  g_assert_nonnull (strstr (answer, "Var(W) = 2/(n_in + n_out)"));
  g_assert_nonnull (strstr (answer, "Var(W) = 2/n_in"));
  g_assert_nonnull (strstr (answer, "Sigmoid with He Initialization"));
  g_assert_nonnull (strstr (gradlens_guide_get_answer (guide, GRADLENS_GUIDE_RELU), "Leaky ReLU Network"));
  /* a second F1 shows the same guide */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.guide", NULL);
  g_assert_true (g_object_get_data (G_OBJECT (window), "gradlens-guide") == guide);

  for (guint q = 0; q < GRADLENS_GUIDE_N_QUESTIONS; q++)
    {
      g_autofree char *path = g_strconcat (PRESETS_PATH, gradlens_guide_get_preset (q), NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GradlensPreset) preset = NULL;

      g_assert_nonnull (bytes);
      preset = gradlens_preset_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), path, NULL);
      g_assert_nonnull (preset);
      g_signal_emit_by_name (gradlens_guide_get_show_button (guide, q), "clicked");
      wait_for (not_running, window, 60000, "the guide's preset");
      g_assert_cmpuint (n_runs (window), ==, preset->runs->len);
      g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (run_at (window, 0))), ==,
                       ((GradlensRunConfig *) g_ptr_array_index (preset->runs, 0))->label);
    }
  /* the training question's answer says where its lesson shows */
  g_assert_nonnull (strstr (gradlens_guide_get_answer (guide, GRADLENS_GUIDE_TRAINING), "Weight change"));
  /* after the Leaky ReLU figure alone, the
   * sigmoid questions have no run to quote */
  g_signal_emit_by_name (gradlens_guide_get_show_button (guide, GRADLENS_GUIDE_RELU), "clicked");
  wait_for (not_running, window, 30000, "the Leaky ReLU figure");
  g_assert_cmpuint (n_runs (window), ==, 1);
  g_assert_null (strstr (gradlens_guide_get_answer (guide, GRADLENS_GUIDE_PATTERN), "Vanilla Sigmoid Network"));
  g_assert_nonnull (strstr (gradlens_guide_get_answer (guide, GRADLENS_GUIDE_RELU), "Leaky ReLU Network"));
  destroy_window (window);
}

static gboolean
preview_settled (gpointer data)
{
  return !gradlens_preview_get_busy (data);
}

static gboolean
preview_shown (gpointer data)
{
  return !gradlens_preview_get_busy (data) && gradlens_preview_get_result (data) != NULL;
}

/* The live preview: on, a cheap configuration of the controls is computed in a
 * worker as they change and drawn as a dashed series after the runs;
 * Ctrl+Return (win.run) keeps it as a run; a costly configuration is not
 * previewed. */
static void
test_preview (void)
{
  GradlensWindow *window = new_window ();
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  g_autoptr(GradlensRunResult) expected = NULL;
  GradlensPreview *preview;
  const GradlensRunResult *shown;
  PlotFigure *figure;
  const double *values;
  gsize n = 0;

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook-1-sigmoid.json"));
  wait_for (not_running, window, 30000, "the sigmoid figure");
  g_assert_cmpuint (n_runs (window), ==, 1);
  g_assert_null (gradlens_preview_get_for_window (window));
  g_assert_cmpuint (plot_figure_get_n_series (view_figure (window, "gradients")), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preview", NULL);
  preview = gradlens_preview_get_for_window (window);
  g_assert_nonnull (preview);
  g_assert_true (gradlens_preview_get_active (preview));
  wait_for (preview_shown, preview, 30000, "the preview");
  /* the controls' configuration, as a run of it computes */
  g_assert_true (gradlens_controls_get_config (gradlens_window_get_controls (window), config, NULL));
  g_assert_cmpfloat (gradlens_preview_estimate_ms (config), <, GRADLENS_PREVIEW_BUDGET_MS);
  expected = compute (config);
  shown = gradlens_preview_get_result (preview);
  g_assert_cmpint (shown->n_params, ==, expected->n_params);
  figure = view_figure (window, "gradients");
  g_assert_cmpuint (plot_figure_get_n_series (figure), ==, 2);
  g_assert_false (plot_figure_get_series_dashed (figure, 0));
  g_assert_true (plot_figure_get_series_dashed (figure, 1));
  values = plot_figure_get_series_values (figure, 1, &n);
  g_assert_cmpuint (n, ==, (gsize) expected->n_params);
  for (int p = 0; p < expected->n_params; p++)
    g_assert_true (same_double (values[p], expected->grad_norm[p]));

  /* a change of a control: a new preview, one series still */
  type_into (window, "network", "depth", "7");
  wait_for (preview_shown, preview, 30000, "the deeper preview");
  g_assert_cmpint (gradlens_preview_get_result (preview)->depth, ==, 7);
  figure = view_figure (window, "gradients");
  g_assert_cmpuint (plot_figure_get_n_series (figure), ==, 2);
  plot_figure_get_series_values (figure, 1, &n);
  g_assert_cmpuint (n, ==, 14);
  /* a hidden run stays hidden, the preview stays */
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 0)), FALSE);
  figure = view_figure (window, "gradients");
  g_assert_cmpuint (plot_figure_get_n_series (figure), ==, 2);
  g_assert_false (plot_figure_get_series_visible (figure, 0));
  g_assert_true (plot_figure_get_series_visible (figure, 1));
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 0)), TRUE);

  /* Ctrl+Return keeps it: a run of it, and no preview until the next change */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for (not_running, window, 30000, "the run");
  g_assert_cmpuint (n_runs (window), ==, 2);
  g_assert_cmpint (gradlens_run_item_get_result (run_at (window, 1))->depth, ==, 7);
  g_assert_null (gradlens_preview_get_result (preview));
  figure = view_figure (window, "gradients");
  g_assert_cmpuint (plot_figure_get_n_series (figure), ==, 2);
  g_assert_false (plot_figure_get_series_dashed (figure, 1));

  /* a costly configuration is not previewed */
  type_into (window, "network", "width", "4096");
  wait_for (preview_settled, preview, 30000, "the preview to settle");
  g_assert_null (gradlens_preview_get_result (preview));
  g_assert_cmpuint (plot_figure_get_n_series (view_figure (window, "gradients")), ==, 2);
  type_into (window, "network", "width", "10");
  wait_for (preview_shown, preview, 30000, "the preview again");

  /* off: gone */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preview", NULL);
  g_assert_false (gradlens_preview_get_active (preview));
  wait_for (preview_settled, preview, 30000, "the preview to stop");
  g_assert_null (gradlens_preview_get_result (preview));
  g_assert_cmpuint (plot_figure_get_n_series (view_figure (window, "gradients")), ==, 2);
  destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/gradlens/app/views/templates", test_views_templates);
  g_test_add_func ("/gradlens/app/views/band-and-decay", test_band_and_decay);
  g_test_add_func ("/gradlens/app/views/seed-progress", test_seed_progress);
  g_test_add_func ("/gradlens/app/views/forward", test_forward);
  g_test_add_func ("/gradlens/app/views/sweep", test_sweep);
  g_test_add_func ("/gradlens/app/views/sweep-cancel", test_sweep_cancel);
  g_test_add_func ("/gradlens/app/views/close-mid-sweep", test_close_mid_sweep);
  g_test_add_func ("/gradlens/app/views/diagnosis-and-tooltip", test_diagnosis_and_tooltip);
  g_test_add_func ("/gradlens/app/views/backward", test_backward);
  g_test_add_func ("/gradlens/app/views/guide", test_guide);
  g_test_add_func ("/gradlens/app/views/preview", test_preview);

  return g_test_run ();
}
