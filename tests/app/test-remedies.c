/* test-remedies.c: the remedies of issue 13 in the app, under X
 * (xvfb-wrapper.sh): the Network group's switch for residual connections and
 * its choice of normalisation (into the next run and its subtitle, refused
 * for batch norm with one sample, through a saved preset and back), the
 * Depth Sweep page's sweep with and without each remedy (its series, their
 * labels and values, Stop counted by the work done after it), the built-in
 * preset Remedies with the guide's question and the Backward Signal view's
 * note
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "gradlens-backward-page.h"
#include "gradlens-choices.h"
#include "gradlens-depth-sweep.h"
#include "gradlens-guide.h"
#include "gradlens-remedy-sweep.h"
#include "gradlens-sweep.h"

#define PRESETS_PATH "/io/github/gradlens/Gradlens/presets/"

static void
set_number (GradlensWindow *window,
            const char     *section,
            const char     *key,
            double          value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field_widget (window, section, key)), value);
}

/* picks the normalisation by its name, as a user picks its label */
static void
select_norm (GradlensWindow *window,
             const char     *name)
{
  const GradlensField *field = gradlens_field_lookup ("network", "norm");
  int index = gradlens_choice_index (field, name);

  g_assert_cmpint (index, >=, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field_widget (window, "network", "norm")), (guint) index);
}

static void
set_residual (GradlensWindow *window,
              gboolean        on)
{
  gtk_switch_set_active (GTK_SWITCH (field_widget (window, "network", "residual")), on);
}

/* a configuration's remedies as the preset writes them */
static char *
residual_of (const GradlensRunConfig *config)
{
  return gradlens_field_format (gradlens_field_lookup ("network", "residual"), config);
}

static char *
norm_of (const GradlensRunConfig *config)
{
  return gradlens_field_format (gradlens_field_lookup ("network", "norm"), config);
}

static void
assert_remedies (const GradlensRunConfig *config,
                 const char              *residual,
                 const char              *norm)
{
  g_autofree char *r = residual_of (config);
  g_autofree char *n = norm_of (config);

  g_assert_cmpstr (r, ==, residual);
  g_assert_cmpstr (n, ==, norm);
}

static void
run_and_wait (GradlensWindow *window)
{
  g_assert_true (gradlens_window_run (window));
  wait_for (not_running, window, 60000, "the run");
}

static const GradlensRunConfig *
config_at (GradlensWindow *window,
           guint           i)
{
  return &gradlens_run_item_get_result (run_at (window, i))->config;
}

/* The switch and the choice: their rows say what they do in words, the
 * choices are the field table's, and what they show is what the next run
 * computes and its subtitle names */
static void
test_switches (void)
{
  GradlensWindow *window = new_window ();
  GtkWidget *norm = field_widget (window, "network", "norm");
  GtkWidget *residual_row = gradlens_controls_get_field_row (gradlens_window_get_controls (window), "network",
                                                             "residual");
  const GradlensField *field = gradlens_field_lookup ("network", "norm");
  GListModel *choices = adw_combo_row_get_model (ADW_COMBO_ROW (norm));
  const char *detail;

  g_assert_true (GTK_IS_SWITCH (field_widget (window, "network", "residual")));
  g_assert_true (ADW_IS_ACTION_ROW (residual_row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (residual_row)), "h + f(h)"));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "None");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1), ==, "Batch norm");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 2), ==, "Layer norm");
  /* the defaults: no remedy */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (field_widget (window, "network", "residual"))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (norm)), ==, 0);

  set_number (window, "network", "depth", 6);
  set_residual (window, TRUE);
  select_norm (window, "batch");
  /* the row's subtitle follows the choice */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (norm)), ==,
                   gradlens_choice_description (field, gradlens_choice_index (field, "batch")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (norm)), "over the batch"));
  run_and_wait (window);
  g_assert_cmpuint (n_runs (window), ==, 1);
  assert_remedies (config_at (window, 0), "true", "batch");
  /* the run computed them: norm1 .. norm5 after their Linear */
  g_assert_cmpstr (gradlens_run_item_get_result (run_at (window, 0))->names[2], ==, "norm1.weight");
  detail = gradlens_series_get_detail (GRADLENS_SERIES (run_at (window, 0)));
  g_test_message ("subtitle: %s", detail);
  g_assert_nonnull (strstr (detail, "sigmoid, residual, batch norm, 6 × 10"));

  /* switched the other way: the next run has layer norm alone */
  set_residual (window, FALSE);
  select_norm (window, "layer");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (norm)), "one sample at a time"));
  run_and_wait (window);
  assert_remedies (config_at (window, 1), "false", "layer");
  detail = gradlens_series_get_detail (GRADLENS_SERIES (run_at (window, 1)));
  g_assert_nonnull (strstr (detail, "sigmoid, layer norm, 6 × 10"));
  g_assert_null (strstr (detail, "residual"));

  /* and none: the subtitle names no remedy, as before */
  select_norm (window, "none");
  run_and_wait (window);
  assert_remedies (config_at (window, 2), "false", "none");
  g_assert_null (strstr (gradlens_series_get_detail (GRADLENS_SERIES (run_at (window, 2))), "norm"));
  destroy_window (window);
}

/* Batch norm with one sample is refused on the field, with the core's
 * message; layer norm with one sample runs */
static void
test_batch_norm_one_sample (void)
{
  GradlensWindow *window = new_window ();
  GtkWidget *norm = field_widget (window, "network", "norm");
  GtkWidget *samples = field_widget (window, "data", "samples");
  const char *tooltip;

  select_norm (window, "batch");
  set_number (window, "data", "samples", 1);
  g_assert_false (gradlens_window_run (window));
  g_assert_false (gradlens_window_get_running (window));
  g_assert_true (gtk_widget_has_css_class (norm, "error"));
  tooltip = gtk_widget_get_tooltip_text (norm);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "batch norm needs at least 2 samples"));
  g_assert_nonnull (strstr (tooltip, "use more samples or layer norm"));
  g_assert_true (gtk_widget_has_css_class (samples, "error"));
  g_assert_cmpuint (n_runs (window), ==, 0);
  /* nor a sweep */
  g_assert_false (gradlens_window_sweep (window));

  select_norm (window, "layer");
  run_and_wait (window);
  g_assert_false (gtk_widget_has_css_class (norm, "error"));
  g_assert_false (gtk_widget_has_css_class (samples, "error"));
  g_assert_cmpuint (n_runs (window), ==, 1);
  assert_remedies (config_at (window, 0), "false", "layer");
  g_assert_cmpint (config_at (window, 0)->nn.samples, ==, 1);
  destroy_window (window);
}

/* A saved preset keeps the remedies (the keys of DESIGN.md), and opening it
 * brings them back into the runs and the controls */
static void
test_preset_roundtrip (void)
{
  GradlensWindow *window = new_window ();
  GradlensWindow *again = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gradlens-remedies-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "remedies.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = NULL;
  g_autofree char *text = NULL;

  set_number (window, "network", "depth", 4);
  set_residual (window, TRUE);
  select_norm (window, "layer");
  run_and_wait (window);
  set_residual (window, FALSE);
  select_norm (window, "batch");
  run_and_wait (window);
  g_assert_true (gradlens_session_save (gradlens_window_get_session (window), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"residual\" : true"));
  g_assert_nonnull (strstr (text, "\"norm\" : \"layer\""));
  g_assert_nonnull (strstr (text, "\"norm\" : \"batch\""));
  destroy_window (window);

  preset = gradlens_preset_load_path (path, &error);
  g_assert_no_error (error);
  again = new_window ();
  gradlens_window_load_preset (again, preset, file);
  wait_for (not_running, again, 60000, "the saved preset");
  g_assert_cmpuint (n_runs (again), ==, 2);
  assert_remedies (config_at (again, 0), "true", "layer");
  assert_remedies (config_at (again, 1), "false", "batch");
  /* the controls show the first run */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (field_widget (again, "network", "residual"))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field_widget (again, "network", "norm"))), ==,
                    (guint) gradlens_choice_index (gradlens_field_lookup ("network", "norm"), "layer"));
  destroy_window (again);
  g_remove (path);
  g_rmdir (dir);
}

/* ---- the sweep with and without each remedy ---------------------------- */

static GradlensDepthSweep *
sweep_at (GradlensWindow *window,
          guint           i)
{
  g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (gradlens_session_get_sweeps (gradlens_window_get_session (window)), i);

  return sweep;   /* the list keeps it */
}

static guint
n_sweeps (GradlensWindow *window)
{
  return g_list_model_get_n_items (gradlens_session_get_sweeps (gradlens_window_get_session (window)));
}

static GtkWidget *
sweep_page (GradlensWindow *window)
{
  return GTK_WIDGET (gradlens_window_get_page (window, "sweep"));
}

static void
set_depths (GradlensWindow *window,
            int             from,
            int             to)
{
  GradlensControls *controls = gradlens_window_get_controls (window);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gradlens_controls_get_sweep_widget (controls, "from")), from);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gradlens_controls_get_sweep_widget (controls, "to")), to);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gradlens_controls_get_sweep_widget (controls, "step")), 1);
}

/* "Sweep with Remedies": four sweeps of the network in the panel, plain and
 * with each remedy, labelled so, each point what gradlens_run computes */
static void
test_remedy_sweep (void)
{
  static const struct { const char *label; const char *residual; const char *norm; } want[] = {
    { "sigmoid, plain", "false", "none" },
    { "sigmoid + residual", "true", "none" },
    { "sigmoid + batch norm", "false", "batch" },
    { "sigmoid + layer norm", "false", "layer" },
  };
  GradlensWindow *window = new_window ();
  GtkWidget *page = sweep_page (window);
  PlotFigure *figure;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "sweep");
  /* the panel's own remedies do not matter: the variants set them */
  set_residual (window, TRUE);
  select_norm (window, "layer");
  set_depths (window, 2, 6);
  g_assert_true (gtk_widget_activate_action (page, "sweep-page.remedies", NULL));
  g_assert_true (gradlens_window_get_running (window));
  /* one computation at a time: the button is off while it computes */
  g_assert_false (gradlens_window_sweep_remedies (window));
  wait_for (not_running, window, 120000, "the remedy sweep");

  g_assert_cmpuint (n_sweeps (window), ==, G_N_ELEMENTS (want));
  figure = gradlens_plot_view_get_figure (gradlens_page_get_plot_view (gradlens_window_get_page (window, "sweep")));
  g_assert_cmpuint (plot_figure_get_n_series (figure), ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      GradlensDepthSweep *sweep = sweep_at (window, i);
      const GradlensRunConfig *config = gradlens_depth_sweep_get_config (sweep);
      const GradlensSweepPoint *points;
      guint n_points = 0;
      g_autoptr(GradlensRunConfig) deepest = gradlens_run_config_dup (config);
      g_autoptr(GradlensRunResult) r = NULL;

      g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (sweep)), ==, want[i].label);
      g_assert_cmpstr (plot_figure_get_series_label (figure, i), ==, want[i].label);
      assert_remedies (config, want[i].residual, want[i].norm);
      /* a colour of its own */
      for (guint k = 0; k < i; k++)
        g_assert_cmpint (g_ascii_strcasecmp (gradlens_series_get_color (GRADLENS_SERIES (sweep)),
                                             gradlens_series_get_color (GRADLENS_SERIES (sweep_at (window, k)))), !=, 0);
      points = gradlens_depth_sweep_get_points (sweep, &n_points);
      g_assert_cmpuint (n_points, ==, 5);
      g_assert_cmpint (points[0].depth, ==, 2);
      g_assert_cmpint (points[4].depth, ==, 6);
      deepest->nn.depth = 6;
      r = gradlens_run (deepest, 1, 0, NULL, NULL, NULL, NULL);
      g_assert_cmpfloat (points[4].value, ==, r->grad_norm[0]);
    }
  /* the remedies slow the fall: at depth 6, lin1's gradient of the plain
   * sweep is the smallest */
  for (guint i = 1; i < G_N_ELEMENTS (want); i++)
    {
      guint n = 0;

      g_assert_cmpfloat (gradlens_depth_sweep_get_points (sweep_at (window, 0), &n)[4].value, <,
                         gradlens_depth_sweep_get_points (sweep_at (window, i), &n)[4].value);
    }
  /* the subtitle names the remedy */
  g_assert_nonnull (strstr (gradlens_series_get_detail (GRADLENS_SERIES (sweep_at (window, 2))), "batch norm"));

  /* again: four more, with labels of their own */
  g_assert_true (gradlens_window_sweep_remedies (window));
  wait_for (not_running, window, 120000, "the second remedy sweep");
  g_assert_cmpuint (n_sweeps (window), ==, 2 * G_N_ELEMENTS (want));
  for (guint i = 0; i < n_sweeps (window); i++)
    for (guint k = 0; k < i; k++)
      g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (sweep_at (window, i))), !=,
                       gradlens_series_get_label (GRADLENS_SERIES (sweep_at (window, k))));

  /* batch norm with one sample: refused before anything starts, with the
   * core's message on the samples */
  set_number (window, "data", "samples", 1);
  select_norm (window, "none");
  set_residual (window, FALSE);
  g_assert_false (gradlens_window_sweep_remedies (window));
  g_assert_false (gradlens_window_get_running (window));
  g_assert_true (gtk_widget_has_css_class (field_widget (window, "data", "samples"), "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (field_widget (window, "data", "samples")),
                            "batch norm needs at least 2 samples"));
  g_assert_cmpuint (n_sweeps (window), ==, 2 * G_N_ELEMENTS (want));
  destroy_window (window);
}

static gboolean
worker_started (gpointer data)
{
  GradlensJob *job = data;

  return gradlens_job_peek_worker_fraction (job) > 0.0;
}

/* Stop during a long remedy sweep: counted by the work the worker reports
 * after the cancel (at most the runs in flight); what is listed is what
 * was computed */
static void
test_remedy_sweep_cancel (void)
{
  enum { SEEDS = 200, FROM = 1, TO = 40 };
  GradlensWindow *window = new_window ();
  g_autoptr(GradlensJob) job = NULL;
  double total = 4.0 * (TO - FROM + 1) * SEEDS;
  double f0, f1;
  guint in_flight = 2 * g_get_num_processors ();
  guint kept = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "sweep");
  set_number (window, "network", "width", 64);
  set_number (window, "data", "samples", 64);
  set_number (window, "data", "seeds", SEEDS);
  set_depths (window, FROM, TO);
  g_assert_true (gtk_widget_activate_action (sweep_page (window), "sweep-page.remedies", NULL));
  job = g_object_ref (gradlens_session_get_job (gradlens_window_get_session (window)));
  g_assert_cmpuint (gradlens_job_get_n_items (job), ==, 4);
  wait_for (worker_started, job, 120000, "the remedy sweep's first runs");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  /* the worker's own progress, read after the cancel */
  f0 = gradlens_job_peek_worker_fraction (job);
  wait_for (not_running, window, 60000, "the stopped remedy sweep");
  f1 = gradlens_job_peek_worker_fraction (job);
  g_test_message ("%.0f runs done at the stop, %.0f after it, of %.0f", f0 * total, (f1 - f0) * total, total);
  g_assert_cmpfloat ((f1 - f0) * total, <=, in_flight + 0.5);
  g_assert_cmpfloat (f1, <, 0.5);
  /* a stopped sweep keeps the depths it finished, shallowest first: at
   * most what the worker had computed, each depth with all its seeds */
  g_assert_cmpuint (n_sweeps (window), <=, 4);
  for (guint i = 0; i < n_sweeps (window); i++)
    {
      g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (gradlens_session_get_sweeps (gradlens_window_get_session (window)), i);
      const GradlensSweepPoint *points;
      guint n_points = 0;

      points = gradlens_depth_sweep_get_points (sweep, &n_points);
      for (guint k = 0; k < n_points; k++)
        g_assert_cmpint (points[k].depth, ==, FROM + (int) k);
      kept += n_points;
    }
  g_assert_cmpfloat ((double) kept * SEEDS, <=, f1 * total + 0.5);
  destroy_window (window);
}

/* ---- the built-in preset, the guide and the Backward Signal view -------- */

static gboolean
is_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* Remedies opens with its four runs; the guide's question quotes their
 * numbers; the Backward Signal view says why three have no prediction */
static void
test_preset_guide_backward (void)
{
  GradlensWindow *window = new_window ();
  GradlensGuide *guide;
  const char *answer;
  GtkWidget *note;
  GtkWidget *backward;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.guide", NULL);
  guide = g_object_get_data (G_OBJECT (window), "gradlens-guide");
  g_assert_true (GRADLENS_IS_GUIDE (guide));
  g_assert_cmpstr (gradlens_guide_get_preset (GRADLENS_GUIDE_REMEDIES), ==, "remedies.json");
  /* nothing on screen yet: no numbers */
  g_assert_null (strstr (gradlens_guide_get_answer (guide, GRADLENS_GUIDE_REMEDIES), "On screen"));
  g_signal_emit_by_name (gradlens_guide_get_show_button (guide, GRADLENS_GUIDE_REMEDIES), "clicked");
  wait_for (not_running, window, 120000, "the Remedies preset");
  g_assert_cmpuint (n_runs (window), ==, 4);
  g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (run_at (window, 0))), ==, "Plain sigmoid");
  answer = gradlens_guide_get_answer (guide, GRADLENS_GUIDE_REMEDIES);
  g_test_message ("%s", answer);
  g_assert_nonnull (strstr (answer, "h + f(h)"));
  g_assert_nonnull (strstr (answer, "“Plain sigmoid”"));
  g_assert_nonnull (strstr (answer, "“Sigmoid + residual connections”"));
  g_assert_nonnull (strstr (answer, "“Sigmoid + batch norm”"));
  /* the plain run's live decay, as its result has it */
  {
    g_autofree char *decay = g_strdup_printf ("×%.2f",
                                              gradlens_run_item_get_result (run_at (window, 0))->decay_per_layer);

    g_assert_nonnull (strstr (answer, decay));
  }

  backward = GTK_WIDGET (gradlens_window_get_page (window, "backward"));
  g_assert_nonnull (backward);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "backward");
  note = GTK_WIDGET (gtk_widget_get_template_child (backward, GRADLENS_TYPE_BACKWARD_PAGE, "remedies_note"));
  wait_for (is_shown, note, 10000, "the Backward Signal view's note");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (note)), "“Sigmoid + residual connections”"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (note)), "“Sigmoid + batch norm”"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (note)), "Plain sigmoid"));
  /* with the remedies' runs hidden, every run shown is plain: no note */
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 1)), FALSE);
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 2)), FALSE);
  wait_for (is_hidden, note, 10000, "the note to go");
  destroy_window (window);
}

static const struct
{
  const char *path;
  GTestFunc   func;
} tests[] = {
  { "/gradlens/app/remedies/switches", test_switches },
  { "/gradlens/app/remedies/batch-norm-one-sample", test_batch_norm_one_sample },
  { "/gradlens/app/remedies/preset-roundtrip", test_preset_roundtrip },
  { "/gradlens/app/remedies/sweep", test_remedy_sweep },
  { "/gradlens/app/remedies/sweep-cancel", test_remedy_sweep_cancel },
  { "/gradlens/app/remedies/preset-guide-backward", test_preset_guide_backward },
};

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add_func (tests[i].path, tests[i].func);
  return g_test_run ();
}
