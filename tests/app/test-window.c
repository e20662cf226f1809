/* test-window.c: in-process tests of the Gradlens window under X (xvfb-wrapper.sh)
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "gradlens-choices.h"
#include "gradlens-depth-sweep.h"
#include "gradlens-figure.h"
#include "gradlens-forward-page.h"
#include "gradlens-series-row.h"
#include "gradlens-export-dialog.h"
#include "gradlens-window.h"

#define PRESETS_PATH "/io/github/gradlens/Gradlens/presets/"

/* ---- helpers ---------------------------------------------------------- */


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

static GtkWidget *
spin (GradlensWindow *window,
      const char     *section,
      const char     *key)
{
  return field_widget (window, section, key);
}

/* types into a spin button the way a user does: its text, not its value */
static void
type_into (GradlensWindow *window,
           const char     *section,
           const char     *key,
           const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin (window, section, key)), text);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Opened;

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Opened *opened = user_data;

  opened->ok = gradlens_window_open_file_finish (GRADLENS_WINDOW (object), result, &opened->error);
  opened->done = TRUE;
}

static gboolean
opened_done (gpointer data)
{
  return ((Opened *) data)->done;
}

/* the question before unsaved changes go */
static GtkWindow *
find_save_changes (void)
{
  GtkWindow *dialog = find_message_dialog ();

  if (dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "Save Changes?") == 0)
    return dialog;
  return NULL;
}

static gboolean
has_save_changes (gpointer data)
{
  return find_save_changes () != NULL;
}

static gboolean
opened_or_asked (gpointer data)
{
  return ((Opened *) data)->done || find_save_changes () != NULL;
}

/* opens a file (read in a worker) and waits until it is open and computed,
 * or refused; unsaved changes on screen are discarded when asked */
static gboolean
open_and_wait (GradlensWindow *window,
               GFile          *file)
{
  Opened opened = { FALSE, FALSE, NULL };

  gradlens_window_open_file_async (window, file, NULL, opened_cb, &opened);
  wait_for (opened_or_asked, &opened, 30000, "the file to be read");
  if (!opened.done)
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_save_changes ()), "discard");
  wait_for (opened_done, &opened, 30000, "the file to be opened");
  g_clear_error (&opened.error);
  if (opened.ok)
    wait_for (not_running, window, 30000, "the file's runs");
  return opened.ok;
}

/* a run long enough to be stopped: 5000 seeds of a 60 × 256 network */
static void
type_long_run (GradlensWindow *window)
{
  type_into (window, "network", "depth", "60");
  type_into (window, "network", "width", "256");
  type_into (window, "data", "samples", "256");
  type_into (window, "data", "seeds", "5000");
}

static gboolean
start_run (GradlensWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  return gradlens_window_get_running (window);
}

/* checks a computed run against gradlens_run() called directly on config,
 * and the figure's series against the run's norms */
static void
assert_run_matches (GradlensWindow          *window,
                    guint                    index,
                    const GradlensRunConfig *config)
{
  g_autoptr(GradlensRunResult) expected = NULL;
  g_autoptr(GError) error = NULL;
  GradlensRunItem *run = run_at (window, index);
  const GradlensRunResult *result = gradlens_run_item_get_result (run);
  PlotFigure *figure = view_figure (window, "gradients");
  const double *values;
  gsize n_values = 0;

  expected = gradlens_run (config, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->n_params, ==, expected->n_params);
  g_assert_cmpint (result->n_seeds, ==, expected->n_seeds);
  for (int p = 0; p < expected->n_params; p++)
    {
      g_assert_cmpstr (result->names[p], ==, expected->names[p]);
      /* the same computation: equal to the last bit */
      g_assert_true (memcmp (&result->grad_norm[p], &expected->grad_norm[p], sizeof (double)) == 0);
    }

  g_assert_cmpuint (plot_figure_get_n_series (figure), >, index);
  g_assert_cmpstr (plot_figure_get_series_label (figure, index), ==, gradlens_series_get_label (GRADLENS_SERIES (run)));
  values = plot_figure_get_series_values (figure, index, &n_values);
  /* the axis the window shows (a preset, such as Remedies, may choose layers) */
  if (gradlens_session_get_x_axis (gradlens_window_get_session (window)) == GRADLENS_X_LAYER)
    {
      gsize k = 0;

      g_assert_cmpuint (n_values, ==, (gsize) expected->depth);
      for (int p = 0; p < expected->n_params; p++)
        if (expected->is_weight[p])
          g_assert_cmpfloat (values[k++], ==, expected->grad_norm[p]);
    }
  else
    {
      g_assert_cmpuint (n_values, ==, (gsize) expected->n_params);
      for (int p = 0; p < expected->n_params; p++)
        g_assert_cmpfloat (values[p], ==, expected->grad_norm[p]);
    }
}

/* ---- tests ------------------------------------------------------------ */

/* Every template and resource file instantiates, and the spin buttons'
 * bounds are the ranges of DESIGN.md (the field table of the experiment
 * library). */
static void
test_templates (void)
{
  static const char * const children[] = {
    "toast_overlay", "window_title", "run_button", "stop_button", "progress_revealer", "progress_bar",
    "main_paned", "plot_view", "runs_list", "values_title", "values_view", "values_scroller",
    "activation_row", "slope_row", "output_activation_switch", "init_row", "gain_row", "a_row", "b_row",
    "mode_row", "nonlinearity_row", "mean_row", "std_row", "bias_row", "dtype_row", "label_row",
  };
  static const struct { const char *name; const char *section; const char *key; } combos[] = {
    { "activation_row", "network", "activation" },
    { "init_row", "init", "weights" },
    { "bias_row", "init", "bias" },
    { "mode_row", "init", "mode" },
    { "nonlinearity_row", "init", "nonlinearity" },
    { "dtype_row", NULL, "dtype" },
  };
  static const struct { const char *section; const char *key; } spins[] = {
    { "network", "depth" }, { "network", "width" }, { "network", "inputs" }, { "network", "outputs" },
    { "data", "samples" }, { "network", "negative_slope" }, { "init", "gain" }, { "init", "a" },
    { "init", "b" }, { "init", "mean" }, { "init", "std" }, { "data", "seed" }, { "data", "seeds" },
  };
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GradlensRunResult) result = NULL;
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  g_autoptr(GradlensRunItem) run = NULL;
  GradlensWindow *window = new_window ();
  GtkWidget *row;
  GObject *overlay;

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    window_child (window, children[i]);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (window_child (window, combos[i].name)));

      g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                        (guint) gradlens_field_lookup (combos[i].section, combos[i].key)->n_choices);
    }
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      const GradlensField *field = gradlens_field_lookup (spins[i].section, spins[i].key);
      GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin (window, spins[i].section, spins[i].key)));

      g_assert_nonnull (field);
      g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, field->min);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, field->max);
    }

  /* the controls start at the notebook's defaults */
  g_assert_true (gradlens_controls_get_config (gradlens_window_get_controls (window), config, NULL));
  g_assert_cmpint (config->nn.depth, ==, 5);
  g_assert_cmpint (config->nn.width, ==, 10);
  g_assert_cmpint (config->nn.samples, ==, 100);
  g_assert_cmpstr (nn_activation_name (config->nn.activation), ==, "sigmoid");
  g_assert_true (config->nn.output_activation);
  g_assert_cmpint (config->seeds, ==, 1);
  g_assert_cmpstr (nn_dtype_name (config->nn.dtype), ==, "float32");

  /* a run row */
  result = gradlens_run (config, 1, 0, NULL, NULL, NULL, NULL);
  g_assert_nonnull (result);
  result->config.label = g_strdup ("row test");
  result->config.color = g_strdup ("#636efa");
  run = gradlens_run_item_new (g_steal_pointer (&result));
  row = g_object_ref_sink (gradlens_series_row_new (GRADLENS_SERIES (run), "win.remove-run"));
  g_assert_true (gradlens_series_row_get_series (GRADLENS_SERIES_ROW (row)) == GRADLENS_SERIES (run));
  g_object_unref (row);

  /* the shortcuts window */
  builder = gtk_builder_new_from_resource ("/io/github/gradlens/Gradlens/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));

  /* the window's title names the app */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Gradlens"));

  destroy_window (window);
}

/* Only the arguments of the chosen initialisation are shown. */
static void
test_scheme_rows (void)
{
  static const struct { const char *init; gboolean gain, a, b, mode, mean; } cases[] = {
    { "default", FALSE, FALSE, FALSE, FALSE, FALSE },
    { "xavier_normal", TRUE, FALSE, FALSE, FALSE, FALSE },
    { "xavier_uniform", TRUE, FALSE, FALSE, FALSE, FALSE },
    { "kaiming_normal", FALSE, TRUE, FALSE, TRUE, FALSE },
    { "kaiming_uniform", FALSE, TRUE, FALSE, TRUE, FALSE },
    { "normal", FALSE, FALSE, FALSE, FALSE, TRUE },
    { "uniform", FALSE, TRUE, TRUE, FALSE, FALSE },
    { "orthogonal", TRUE, FALSE, FALSE, FALSE, FALSE },
  };
  const GradlensField *activations = gradlens_field_lookup ("network", "activation");
  GradlensWindow *window = new_window ();
  AdwComboRow *activation = ADW_COMBO_ROW (window_child (window, "activation_row"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      select_choice (window, "init", "weights", cases[i].init);
      g_assert_cmpint (gtk_widget_get_visible (window_child (window, "gain_row")), ==, cases[i].gain);
      g_assert_cmpint (gtk_widget_get_visible (window_child (window, "a_row")), ==, cases[i].a);
      g_assert_cmpint (gtk_widget_get_visible (window_child (window, "b_row")), ==, cases[i].b);
      g_assert_cmpint (gtk_widget_get_visible (window_child (window, "mode_row")), ==, cases[i].mode);
      g_assert_cmpint (gtk_widget_get_visible (window_child (window, "nonlinearity_row")), ==, cases[i].mode);
      g_assert_cmpint (gtk_widget_get_visible (window_child (window, "mean_row")), ==, cases[i].mean);
      g_assert_cmpint (gtk_widget_get_visible (window_child (window, "std_row")), ==, cases[i].mean);
      g_assert_true (gtk_widget_get_visible (window_child (window, "bias_row")));
    }
  for (int a = 0; a < activations->n_choices; a++)
    {
      adw_combo_row_set_selected (activation, a);
      g_assert_cmpint (gtk_widget_get_visible (window_child (window, "slope_row")), ==,
                       g_str_equal (activations->choice_name (a), "leaky_relu"));
    }
  destroy_window (window);
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
clipboard_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

/* Set the controls, run, wait for the worker; the run, the figure and the
 * table match gradlens_run() computed directly. */
static void
test_run (void)
{
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  g_autofree char *tsv = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *exact = NULL;
  GradlensWindow *window = new_window ();
  GListModel *params;
  PlotFigure *figure;
  PlotLayout layout;
  ClipboardRead read = { NULL, FALSE };
  const double *low, *high;
  double px, py, lo, hi;
  gsize n_band;
  GtkWidget *view;

  /* what the user sets */
  type_into (window, "network", "depth", "7");
  type_into (window, "network", "width", "16");
  select_choice (window, "network", "activation", "tanh");
  select_choice (window, "init", "weights", "xavier_normal");
  type_into (window, "init", "gain", "1.5");
  select_choice (window, "init", "bias", "zeros");
  type_into (window, "data", "seed", "3");
  select_choice (window, NULL, "dtype", "float64");
  gtk_editable_set_text (GTK_EDITABLE (window_child (window, "label_row")), "tanh, Xavier");

  /* what that means */
  config->nn.depth = 7;
  config->nn.width = 16;
  set_field (config, "network", "activation", "tanh");
  set_field (config, "init", "weights", "xavier_normal");
  config->nn.gain = 1.5;
  set_field (config, "init", "bias", "zeros");
  config->seed = 3;
  set_field (config, NULL, "dtype", "float64");

  g_assert_true (start_run (window));
  g_assert_false (gtk_widget_get_visible (window_child (window, "run_button")));
  g_assert_true (gtk_widget_get_visible (window_child (window, "stop_button")));
  wait_for (not_running, window, 30000, "the run");
  g_assert_true (gtk_widget_get_visible (window_child (window, "run_button")));

  g_assert_cmpuint (n_runs (window), ==, 1);
  g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (run_at (window, 0))), ==, "tanh, Xavier");
  g_assert_cmpstr (gradlens_series_get_color (GRADLENS_SERIES (run_at (window, 0))), ==, "#636efa");
  g_assert_nonnull (strstr (gradlens_series_get_detail (GRADLENS_SERIES (run_at (window, 0))), "per layer"));
  assert_run_matches (window, 0, config);
  /* the label entry is emptied for the next run */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window_child (window, "label_row"))), ==, "");

  /* the table shows the selected (new) run, without the seed statistics */
  params = gradlens_series_table_get_model (gradlens_window_get_table (window, "gradients"));
  g_assert_cmpuint (g_list_model_get_n_items (params), ==, 14);
  g_assert_false (gtk_column_view_column_get_visible (gradlens_series_table_get_column (gradlens_window_get_table (window, "gradients"), GRADLENS_COLUMN_MEDIAN)));

  /* a second run with several seeds: next palette colour, a band, statistics */
  type_into (window, "data", "seeds", "9");
  config->seeds = 9;
  g_assert_true (start_run (window));
  wait_for (not_running, window, 30000, "the second run");
  g_assert_cmpuint (n_runs (window), ==, 2);
  g_assert_cmpint (g_ascii_strcasecmp (gradlens_series_get_color (GRADLENS_SERIES (run_at (window, 1))), "#EF553B"), ==, 0);
  g_assert_true (g_str_has_prefix (gradlens_series_get_label (GRADLENS_SERIES (run_at (window, 1))), "Run 2"));
  assert_run_matches (window, 1, config);
  figure = view_figure (window, "gradients");
  g_assert_true (plot_figure_get_series_band (figure, 1, &low, &high, &n_band));
  g_assert_cmpuint (n_band, ==, 14);
  g_assert_true (gtk_column_view_column_get_visible (gradlens_series_table_get_column (gradlens_window_get_table (window, "gradients"), GRADLENS_COLUMN_MEDIAN)));

  /* Ctrl+C: the table as tab-separated text, on the clipboard */
  tsv = gradlens_window_dup_values_tsv (window);
  g_assert_true (g_str_has_prefix (tsv, "parameter\tshape\tgrad_norm\tmin\tq1\tmedian\tq3\tmax\nlin1.weight\t16x10\t"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-values", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL, clipboard_read_cb, &read);
  wait_for (clipboard_done, &read, 5000, "the clipboard");
  g_assert_cmpstr (read.text, ==, tsv);
  g_free (read.text);

  /* hiding a run hides its series; a click on the legend shows it again */
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 0)), FALSE);
  g_assert_false (plot_figure_get_series_visible (view_figure (window, "gradients"), 0));
  view = window_child (window, "plot_view");
  g_signal_emit_by_name (view, "legend-clicked", 0u);
  g_assert_true (gradlens_series_get_visible (GRADLENS_SERIES (run_at (window, 0))));
  g_assert_true (plot_figure_get_series_visible (view_figure (window, "gradients"), 0));

  /* the tooltip of a marker: run, parameter, exact value */
  figure = view_figure (window, "gradients");
  plot_layout_compute (&layout, figure, gtk_widget_get_width (view), gtk_widget_get_height (view));
  g_assert_true (plot_layout_point_position (&layout, figure, 0, 2, &px, &py));
  tooltip = gradlens_plot_view_dup_tooltip (GRADLENS_PLOT_VIEW (view), px, py);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "tanh, Xavier"));
  g_assert_nonnull (strstr (tooltip, "lin2.weight"));
  exact = g_malloc (G_ASCII_DTOSTR_BUF_SIZE);
  g_ascii_dtostr (exact, G_ASCII_DTOSTR_BUF_SIZE, gradlens_run_item_get_result (run_at (window, 0))->grad_norm[2]);
  g_assert_nonnull (strstr (tooltip, exact));
  g_assert_null (gradlens_plot_view_dup_tooltip (GRADLENS_PLOT_VIEW (view), 1, 1));

  /* zoom and reset */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_assert_true (plot_figure_get_x_view (view_figure (window, "gradients"), &lo, &hi));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-view", NULL);
  g_assert_false (plot_figure_get_x_view (view_figure (window, "gradients"), &lo, &hi));

  /* the axes: linear y, weights by layer */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.y-scale", "s", "linear");
  g_assert_cmpint (plot_figure_get_y_scale (view_figure (window, "gradients")), ==, PLOT_SCALE_LINEAR);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.x-axis", "s", "layer");
  assert_run_matches (window, 1, config);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.x-axis", "s", "parameter");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.y-scale", "s", "log");
  g_assert_cmpint (plot_figure_get_y_scale (view_figure (window, "gradients")), ==, PLOT_SCALE_LOG);

  /* rename in place: the figure follows */
  gradlens_series_set_label (GRADLENS_SERIES (run_at (window, 1)), "renamed");
  g_assert_cmpstr (plot_figure_get_series_label (view_figure (window, "gradients"), 1), ==, "renamed");

  /* remove one: the toast's Undo puts it back where it was */
  {
    GradlensRunItem *first = run_at (window, 0);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-run", "u", 0u);
    g_assert_cmpuint (n_runs (window), ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove", NULL));
    g_assert_cmpuint (n_runs (window), ==, 2);
    g_assert_true (run_at (window, 0) == first);
    g_assert_cmpuint (plot_figure_get_n_series (view_figure (window, "gradients")), ==, 2);
  }
  /* remove one, then clear all; Undo brings all back, once */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-run", "u", 0u);
  g_assert_cmpuint (n_runs (window), ==, 1);
  g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (run_at (window, 0))), ==, "renamed");
  g_assert_cmpuint (plot_figure_get_n_series (view_figure (window, "gradients")), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-runs", NULL);
  g_assert_cmpuint (n_runs (window), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove", NULL);
  g_assert_cmpuint (n_runs (window), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove", NULL);
  g_assert_cmpuint (n_runs (window), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-runs", NULL);
  g_assert_cmpuint (n_runs (window), ==, 0);
  g_assert_cmpuint (plot_figure_get_n_series (view_figure (window, "gradients")), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (params), ==, 0);

  destroy_window (window);
}

/* Invalid values are marked on their controls; nothing runs; editing the
 * control clears the mark. */
static void
test_invalid (void)
{
  GradlensWindow *window = new_window ();
  GtkWidget *depth = spin (window, "network", "depth");
  GtkWidget *width = spin (window, "network", "width");
  GtkWidget *samples = spin (window, "data", "samples");
  GtkWidget *a = spin (window, "init", "a");
  GtkWidget *b = spin (window, "init", "b");

  type_into (window, "network", "depth", "0");
  type_into (window, "network", "width", "5000");
  g_assert_false (start_run (window));
  g_assert_true (gtk_widget_has_css_class (depth, "error"));
  g_assert_true (gtk_widget_has_css_class (width, "error"));
  g_assert_false (gtk_widget_has_css_class (samples, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (depth), "1 to 1000"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (width), "1 to 4096"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_ancestor (depth, ADW_TYPE_ACTION_ROW), "error"));
  g_assert_cmpuint (n_runs (window), ==, 0);

  /* editing clears the mark */
  type_into (window, "network", "depth", "5");
  g_assert_false (gtk_widget_has_css_class (depth, "error"));
  g_assert_null (gtk_widget_get_tooltip_text (depth));
  type_into (window, "network", "width", "10");

  /* not a whole number */
  type_into (window, "data", "seeds", "2.5");
  g_assert_false (start_run (window));
  g_assert_true (gtk_widget_has_css_class (spin (window, "data", "seeds"), "error"));
  type_into (window, "data", "seeds", "1");

  /* too much memory: the three controls that decide it */
  type_into (window, "network", "depth", "1000");
  type_into (window, "network", "width", "4096");
  type_into (window, "data", "samples", "65536");
  g_assert_false (start_run (window));
  g_assert_true (gtk_widget_has_css_class (depth, "error"));
  g_assert_true (gtk_widget_has_css_class (width, "error"));
  g_assert_true (gtk_widget_has_css_class (samples, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (samples), "memory"));
  type_into (window, "network", "depth", "5");
  type_into (window, "network", "width", "10");
  type_into (window, "data", "samples", "100");

  /* uniform needs a <= b: both marked */
  select_choice (window, "init", "weights", "uniform");
  type_into (window, "init", "a", "2");
  type_into (window, "init", "b", "1");
  g_assert_false (start_run (window));
  g_assert_true (gtk_widget_has_css_class (a, "error"));
  g_assert_true (gtk_widget_has_css_class (b, "error"));
  g_assert_cmpuint (n_runs (window), ==, 0);

  /* fixed: it runs */
  type_into (window, "init", "b", "3");
  g_assert_true (start_run (window));
  g_assert_false (gtk_widget_has_css_class (a, "error"));
  wait_for (not_running, window, 30000, "the run");
  g_assert_cmpuint (n_runs (window), ==, 1);

  destroy_window (window);
}

/* A long run: progress shows, Stop ends it promptly, nothing is added. */
static void
test_cancel (void)
{
  GradlensWindow *window = new_window ();
  GtkRevealer *revealer = GTK_REVEALER (window_child (window, "progress_revealer"));
  gint64 start;

  type_long_run (window);
  g_assert_true (start_run (window));
  /* the window keeps answering while the worker computes */
  spin_for (400);
  g_assert_true (gradlens_window_get_running (window));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  /* a second Run is refused while one computes */
  g_assert_false (gradlens_window_run (window));

  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  wait_for (not_running, window, 10000, "the cancelled run to end");
  g_test_message ("stopped after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (n_runs (window), ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_get_visible (window_child (window, "run_button")));

  destroy_window (window);
}

/* Closing the window during a run: the run is cancelled, the worker's
 * callback (which holds a reference) finds the window gone, and the window
 * is finalized. */
static void
test_close_mid_run (void)
{
  GradlensWindow *window = new_window ();
  gpointer weak = window;

  type_long_run (window);
  g_assert_true (start_run (window));
  spin_for (200);
  g_assert_true (gradlens_window_get_running (window));

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  wait_for (is_null, &weak, 10000, "the window to be finalized after closing mid-run");
}

/* Every file of data/presets is built in; each opens, computes all its runs
 * and sets the plot settings and the controls. */
static void
test_builtin_presets (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets", NULL);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GradlensWindow *window = new_window ();
  const char *name;

  g_assert_nonnull (gdir);
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_strconcat (PRESETS_PATH, (char *) names->pdata[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr(GradlensPreset) preset = NULL;

      g_test_message ("preset %s", path);
      g_assert_nonnull (bytes);   /* missing from ui/gradlens.gresource.xml.in? */
      preset = gradlens_preset_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), path, NULL);
      g_assert_nonnull (preset);

      g_assert_true (gradlens_window_open_resource (window, path));
      wait_for (not_running, window, 30000, "the preset's runs");
      g_assert_cmpuint (n_runs (window), ==, preset->runs->len);
      for (guint r = 0; r < preset->runs->len; r++)
        {
          GradlensRunConfig *config = g_ptr_array_index (preset->runs, r);

          assert_run_matches (window, r, config);
          g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (run_at (window, r))), ==, config->label);
          if (config->color != NULL)
            g_assert_cmpint (g_ascii_strcasecmp (gradlens_series_get_color (GRADLENS_SERIES (run_at (window, r))), config->color), ==, 0);
        }
      g_assert_cmpstr (plot_figure_get_title (view_figure (window, "gradients")), ==, preset->plot.title);
      g_assert_cmpstr (plot_figure_get_y_title (view_figure (window, "gradients")), ==, preset->plot.y_title);
      /* a template: untitled, no file, nothing modified */
      {
        g_autofree char *untitled = g_strdup_printf ("Untitled (from %s)", preset->title);

        g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (window_child (window, "window_title"))), ==,
                         untitled);
      }
      g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), preset->title));
      g_assert_null (gradlens_session_get_file (gradlens_window_get_session (window)));
      g_assert_false (gradlens_session_get_modified (gradlens_window_get_session (window)));

      /* the first run's network is in the controls */
      {
        GradlensRunConfig *first = g_ptr_array_index (preset->runs, 0);

        g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin (window, "network", "depth"))), ==,
                           first->nn.depth);
        g_assert_cmpint (adw_combo_row_get_selected (ADW_COMBO_ROW (window_child (window, "activation_row"))), ==,
                         gradlens_field_get_choice (gradlens_field_lookup ("network", "activation"), first));
        g_assert_cmpint (adw_combo_row_get_selected (ADW_COMBO_ROW (window_child (window, "init_row"))), ==,
                         gradlens_field_get_choice (gradlens_field_lookup ("init", "weights"), first));
      }
    }

  destroy_window (window);
}

/* A modified experiment is never replaced nor closed without a question:
 * Cancel keeps it, Discard goes on. */
static void
test_replace_asks (void)
{
  GradlensWindow *window = new_window ();
  GradlensSession *session = gradlens_window_get_session (window);
  const char *title;
  GtkWindow *dialog;

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  g_assert_false (gradlens_session_get_modified (session));
  title = adw_window_title_get_title (ADW_WINDOW_TITLE (window_child (window, "window_title")));
  g_assert_false (g_str_has_prefix (title, "•"));

  gradlens_session_set_y_scale (session, GRADLENS_Y_LINEAR);
  g_assert_true (gradlens_session_get_modified (session));
  title = adw_window_title_get_title (ADW_WINDOW_TITLE (window_child (window, "window_title")));
  g_assert_true (g_str_has_prefix (title, "• Untitled (from Vanishing gradients"));

  /* another built-in preset: asked; Cancel keeps the experiment */
  g_assert_null (find_message_dialog ());
  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "seed-ensembles.json"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Save Changes?");
  g_assert_cmpuint (n_runs (window), ==, 4);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_cmpuint (n_runs (window), ==, 4);
  g_assert_true (gradlens_session_get_modified (session));
  g_assert_cmpint (gradlens_session_get_y_scale (session), ==, GRADLENS_Y_LINEAR);

  /* closing: asked; Cancel keeps the window */
  gtk_window_close (GTK_WINDOW (window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Discard: the other preset replaces it */
  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "seed-ensembles.json"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  wait_for (not_running, window, 60000, "the seed ensembles");
  g_assert_false (gradlens_session_get_modified (session));
  title = adw_window_title_get_title (ADW_WINDOW_TITLE (window_child (window, "window_title")));
  g_assert_true (g_str_has_prefix (title, "Untitled (from Across 200 seeds"));

  destroy_window (window);
}

/* A broken file: one AdwMessageDialog names the file, the field and the
 * problem, and the experiment stays as it was. */
static void
test_open_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gradlens-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GradlensWindow *window = new_window ();
  GtkWindow *dialog;
  const char *body;

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  g_assert_cmpuint (n_runs (window), ==, 4);

  g_file_set_contents (path, "{\"format\": \"gradlens-preset\", \"version\": 1, \"runs\": ["
                             "{\"network\": {\"depth\": 0}}]}", -1, &error);
  g_assert_no_error (error);
  g_assert_false (open_and_wait (window, file));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  /* the CLI's words: the file, the run by its number from 1, the field */
  {
    g_autofree char *expected = g_strdup_printf ("Could not read “%s”: run 1: network.depth: invalid value “0”; "
                                                 "expected an integer from 1 to 1000", path);

    g_assert_cmpstr (body, ==, expected);
  }
  g_assert_cmpuint (n_runs (window), ==, 4);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (window_child (window, "window_title"))), ==,
                   "Untitled (from Vanishing gradients: sigmoid vs Leaky ReLU)");

  /* a second error replaces the first dialog: no pile of dialogs */
  g_file_set_contents (path, "{\"format\": \"gradlens-preset\", \"version\": 1, \"typo\": 1}", -1, NULL);
  g_assert_false (open_and_wait (window, file));
  g_assert_true (find_message_dialog () != dialog || !gtk_widget_get_visible (GTK_WIDGET (dialog)));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (find_message_dialog ()));
  g_assert_nonnull (strstr (body, "typo"));
  gtk_window_destroy (find_message_dialog ());
  g_assert_cmpuint (n_runs (window), ==, 4);

  /* closing the window while a file is read is safe */
  {
    g_autofree char *notebook = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets",
                                                  "notebook.json", NULL);
    g_autoptr(GFile) good = g_file_new_for_path (notebook);
    GradlensWindow *other = new_window ();
    Opened opened = { FALSE, FALSE, NULL };

    gpointer weak = other;

    g_object_add_weak_pointer (G_OBJECT (other), &weak);
    gradlens_window_open_file_async (other, good, NULL, opened_cb, &opened);
    gtk_window_close (GTK_WINDOW (other));
    wait_for (opened_done, &opened, 30000, "the file read for a closed window");
    g_assert_false (opened.ok);
    g_assert_error (opened.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&opened.error);
    wait_for (is_null, &weak, 10000, "the closed window to be finalized");
  }

  g_unlink (path);
  g_rmdir (dir);
  destroy_window (window);
}

/* Save and open again: the same runs, labels, colours and plot settings. */
static void
test_save_roundtrip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gradlens-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GError) error = NULL;
  GradlensWindow *window = new_window ();

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  gradlens_series_set_label (GRADLENS_SERIES (run_at (window, 1)), "ReLU, renamed");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.x-axis", "s", "layer");

  preset = gradlens_session_dup_preset (gradlens_window_get_session (window));
  g_assert_true (gradlens_preset_save (preset, path, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-runs", NULL);

  g_assert_true (open_and_wait (window, file));
  g_assert_cmpuint (n_runs (window), ==, 4);
  g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (run_at (window, 1))), ==, "ReLU, renamed");
  g_assert_cmpstr (gradlens_series_get_color (GRADLENS_SERIES (run_at (window, 2))), ==, "#00cc96");
  g_assert_true (gradlens_session_get_file (gradlens_window_get_session (window)) != NULL);
  g_assert_cmpuint (plot_figure_get_n_categories (view_figure (window, "gradients")), ==, 5);

  g_unlink (path);
  g_rmdir (dir);
  destroy_window (window);
}

/* The controls are saved with the experiment: a preset's "controls" show
 * on opening (not its first run), Ctrl+S writes the controls as they are,
 * and opening the file again shows them as they were saved. */
static void
test_saved_controls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gradlens-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mine.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GradlensPreset) saved = NULL;
  g_autoptr(GError) error = NULL;
  GradlensWindow *window = new_window ();
  GtkWidget *label_row = gradlens_controls_get_label_row (gradlens_window_get_controls (window));

  g_file_set_contents (path, "{\"format\": \"gradlens-preset\", \"runs\": [{\"network\": {\"depth\": 3}}], "
                             "\"controls\": {\"label\": \"Next one\", \"network\": {\"depth\": 17, \"width\": 21, "
                             "\"activation\": \"tanh\"}, \"data\": {\"samples\": 64, \"seeds\": 3}}}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (open_and_wait (window, file));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin (window, "network", "depth"))), ==, 17);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin (window, "network", "width"))), ==, 21);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin (window, "data", "samples"))), ==, 64);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin (window, "data", "seeds"))), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (spin (window, "network", "activation"))), ==,
                    (guint) gradlens_choice_index (gradlens_field_lookup ("network", "activation"), "tanh"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label_row)), ==, "Next one");

  /* change the controls as a user does, save with Ctrl+S's action */
  type_into (window, "network", "depth", "42");
  select_choice (window, "network", "activation", "relu");
  gtk_editable_set_text (GTK_EDITABLE (label_row), "");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  saved = gradlens_preset_load_path (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved->controls);
  g_assert_cmpint (saved->controls->nn.depth, ==, 42);
  g_assert_cmpint (saved->controls->nn.activation, ==, NN_ACT_RELU);
  g_assert_cmpint (saved->controls->nn.width, ==, 21);
  g_assert_cmpstr (saved->controls->label != NULL ? saved->controls->label : "", ==, "");

  /* other values on screen, then the file again: the saved ones */
  type_into (window, "network", "depth", "5");
  type_into (window, "network", "width", "10");
  g_assert_true (open_and_wait (window, file));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin (window, "network", "depth"))), ==, 42);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin (window, "network", "width"))), ==, 21);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (spin (window, "network", "activation"))), ==,
                    (guint) gradlens_choice_index (gradlens_field_lookup ("network", "activation"), "relu"));

  g_unlink (path);
  g_rmdir (dir);
  destroy_window (window);
}

static gboolean
has_one_run (gpointer data)
{
  return n_runs (data) == 1 && !gradlens_window_get_running (data);
}

/* Dropping a preset file on the window opens and computes it. */
static void
test_drop (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets",
                                            "notebook-2-leaky-relu.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) controllers = NULL;
  GradlensWindow *window = new_window ();
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  wait_for (has_one_run, window, 30000, "the dropped preset");
  g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (run_at (window, 0))), ==, "Leaky ReLU Network");
  /* a preset Gradlens ships is a template: no file to rewrite */
  g_assert_null (gradlens_session_get_file (gradlens_window_get_session (window)));

  /* a single GFile works too (the runs were removed: Discard when asked) */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-runs", NULL);
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  accepted = FALSE;
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  wait_for (has_save_changes, NULL, 30000, "the question");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_save_changes ()), "discard");
  wait_for (has_one_run, window, 30000, "the dropped preset");

  g_clear_object (&controllers);
  destroy_window (window);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Opened *done = user_data;

  done->ok = gradlens_window_export_finish (GRADLENS_WINDOW (object), result, &done->error);
  done->done = TRUE;
}

/* Exports through the CLI's code: PNG/SVG/PDF of the figure, CSV/JSON of
 * the values. */
static void
test_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gradlens-test-XXXXXX", NULL);
  static const char * const names[] = { "f.png", "f.svg", "f.pdf", "v.csv", "v.json" };
  GradlensWindow *window = new_window ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (gradlens_window_export (window, path, 800, 450, GRADLENS_THEME_LIGHT, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (g_str_has_suffix (path, ".png"))
        {
          cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

          g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
          g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 450);
          cairo_surface_destroy (surface);
        }
      else if (g_str_has_suffix (path, ".svg"))
        g_assert_nonnull (strstr (contents, "<svg"));
      else if (g_str_has_suffix (path, ".pdf"))
        g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      else if (g_str_has_suffix (path, ".csv"))
        {
          g_assert_nonnull (strstr (contents, "lin1.weight"));
          g_assert_nonnull (strstr (contents, "Leaky ReLU with Xavier Initialization"));
        }
      else
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          g_assert_true (json_parser_load_from_data (parser, contents, length, NULL));
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                              json_node_get_object (json_parser_get_root (parser)), "runs")), ==, 4);
        }
      g_unlink (path);
    }

  /* the Export dialog's way: drawn and written in a worker thread */
  {
    g_autofree char *path = g_build_filename (dir, "async.png", NULL);
    Opened done = { FALSE, FALSE, NULL };

    gradlens_window_export_async (window, path, 640, 360, GRADLENS_THEME_DARK, NULL, exported_cb, &done);
    wait_for (opened_done, &done, 30000, "the export");
    g_assert_no_error (done.error);
    g_assert_true (done.ok);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_unlink (path);
  }

  /* an unknown extension is an error that names it */
  {
    g_autofree char *path = g_build_filename (dir, "f.bmp", NULL);

    g_assert_false (gradlens_window_export (window, path, 800, 450, GRADLENS_THEME_DARK, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_rmdir (dir);
  destroy_window (window);
}

/* The plot view draws exactly what plot_render draws, and follows the
 * dark/light style. */
static void
test_pixels_and_style (void)
{
  GradlensWindow *window = new_window ();
  GtkWidget *view = window_child (window, "plot_view");
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height;
  guchar *pixels;
  gsize stride;

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  gtk_test_widget_wait_for_draw (view);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpint (plot_figure_get_theme (view_figure (window, "gradients")), ==, PLOT_THEME_DARK);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (plot_figure_get_theme (view_figure (window, "gradients")), ==, PLOT_THEME_LIGHT);

  gtk_test_widget_wait_for_draw (view);
  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  g_assert_cmpint (width, >, 100);
  paintable = gtk_widget_paintable_new (view);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  plot_render (cr, width, height, view_figure (window, "gradients"));
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = 4 * width;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  {
    guint differ = 0;

    if (g_getenv ("GRADLENS_TEST_DUMP") != NULL)
      {
        gdk_texture_save_to_png (texture, "view.png");
        cairo_surface_write_to_png (surface, "render.png");
      }
    /* the same renderer on the same figure: only the antialiasing of a few
     * edges may differ a little (the snapshot replays a recording) */
    for (int y = 0; y < height; y++)
      {
        const guchar *a = pixels + y * stride;
        const guchar *b = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);

        for (int x = 0; x < width; x++)
          {
            int worst = 0;

            for (int c = 0; c < 4; c++)
              worst = MAX (worst, ABS ((int) a[4 * x + c] - (int) b[4 * x + c]));
            if (worst > 40)
              differ++;
          }
      }
    g_test_message ("%u of %d pixels differ", differ, width * height);
    g_assert_cmpuint (differ, <, (guint) (width * height) / 500);
  }
  g_free (pixels);
  cairo_surface_destroy (surface);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  destroy_window (window);
}

/* the header bar's button of an action, found as a person finds it: by
 * what it does, not by its template name */
static GtkButton *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Save is a labelled button (issue 14): Adwaita's Save icon, an arrow into
 * a tray, read as "download" beside the export button */
static void
test_save_icon (void)
{
  GradlensWindow *window = new_window ();
  GtkButton *save = find_action_button (GTK_WIDGET (window), "win.save");
  GtkButton *export = find_action_button (GTK_WIDGET (window), "win.export");

  g_assert_nonnull (save);
  g_assert_nonnull (export);
  /* Adwaita's document-save-symbolic is an arrow into a tray: beside the
   * export button it reads as "download", so Save says what it does */
  g_assert_null (gtk_button_get_icon_name (save));
  g_assert_cmpstr (gtk_button_get_label (save), ==, g_dgettext (GETTEXT_PACKAGE, "_Save"));
  g_assert_true (gtk_button_get_use_underline (save));
  g_assert_nonnull (gtk_button_get_icon_name (export));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (save)));
  destroy_window (window);
}

/* The export's format and its file name agree (issue 14): the format
 * chosen in the dialog wins over the offered extension the user kept, an
 * extension the user typed wins over the format, a bare name gets the
 * chosen format's extension */
static void
test_export_format_extension (void)
{
  static const struct {
    const char *path, *chosen, *offered, *expected;
  } cases[] = {
    { "/tmp/x.png", "svg", "png", "/tmp/x.svg" },      /* chose SVG, kept x.png */
    { "/tmp/x.png", "pdf", "png", "/tmp/x.pdf" },
    { "/tmp/x.svg", "png", "svg", "/tmp/x.png" },      /* the remembered format offered */
    { "/tmp/x.pdf", "svg", "png", "/tmp/x.pdf" },      /* typed .pdf: a PDF */
    { "/tmp/x.csv", "png", "png", "/tmp/x.csv" },      /* typed .csv: values */
    { "/tmp/x.png", "png", "png", "/tmp/x.png" },
    { "/tmp/x", "svg", "png", "/tmp/x.svg" },          /* no extension: the format's */
    { "/tmp/x.txt", "pdf", "png", "/tmp/x.txt.pdf" },  /* not a format's extension */
    { "/tmp/x", NULL, NULL, "/tmp/x.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean renamed = FALSE;
      g_autofree char *path = gradlens_export_dialog_resolve_path (cases[i].path, cases[i].chosen,
                                                                  cases[i].offered, &renamed);

      g_test_message ("%s as %s (offered %s): %s", cases[i].path, cases[i].chosen, cases[i].offered, path);
      g_assert_cmpstr (path, ==, cases[i].expected);
      g_assert_cmpint (renamed, ==, !g_str_equal (cases[i].path, cases[i].expected));
    }
}

/* choosing a format in the dialog turns a format's extension into the
 * chosen one; other names are kept (and mended when accepted) */
static void
test_export_name_for_format (void)
{
  static const struct { const char *name, *format, *expected; } cases[] = {
    { "x.png", "svg", "x.svg" },
    { "x.csv", "pdf", "x.pdf" },
    { "Figure.PNG", "json", "Figure.json" },
    { "x.tar.png", "svg", "x.tar.svg" },
    { "x", "svg", "x" },                   /* no extension: the format's when accepted */
    { "x.txt", "png", "x.txt" },           /* not a format's: kept */
    { ".png", "svg", ".png" },             /* a hidden file's name, not an extension */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = gradlens_export_dialog_name_for_format (cases[i].name, cases[i].format);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/gradlens/app/templates", test_templates);
  g_test_add_func ("/gradlens/app/scheme-rows", test_scheme_rows);
  g_test_add_func ("/gradlens/app/run", test_run);
  g_test_add_func ("/gradlens/app/invalid", test_invalid);
  g_test_add_func ("/gradlens/app/cancel", test_cancel);
  g_test_add_func ("/gradlens/app/close-mid-run", test_close_mid_run);
  g_test_add_func ("/gradlens/app/builtin-presets", test_builtin_presets);
  g_test_add_func ("/gradlens/app/open-error", test_open_error);
  g_test_add_func ("/gradlens/app/replace-asks", test_replace_asks);
  g_test_add_func ("/gradlens/app/save-roundtrip", test_save_roundtrip);
  g_test_add_func ("/gradlens/app/saved-controls", test_saved_controls);
  g_test_add_func ("/gradlens/app/drop", test_drop);
  g_test_add_func ("/gradlens/app/export", test_export);
  g_test_add_func ("/gradlens/app/save-icon", test_save_icon);
  g_test_add_func ("/gradlens/app/export-format-extension", test_export_format_extension);
  g_test_add_func ("/gradlens/app/export-name-for-format", test_export_name_for_format);
  g_test_add_func ("/gradlens/app/pixels-and-style", test_pixels_and_style);

  return g_test_run ();
}
