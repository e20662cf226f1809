/* test-train.c: in-process tests of the Training view under X (xvfb-wrapper.sh):
 * training the runs listed, the step slider, play, the heatmap's tooltip and
 * weight change, exports, and stopping a training
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "gradlens-heatmap-view.h"
#include "gradlens-train-page.h"
#include "gradlens-train-run.h"
#include "gradlens-window.h"

#define PRESETS_PATH "/io/github/gradlens/Gradlens/presets/"

/* ---- helpers (the shared ones in app-test-util.c) ------------------ */


static GradlensWindow *
new_large_window (void)
{
  GradlensWindow *window = g_object_new (GRADLENS_TYPE_WINDOW, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* the first widget of type under root (depth first) whose label or tooltip
 * is label (any with NULL) */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type)
      && (label == NULL || (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
          || g_strcmp0 (gtk_widget_get_tooltip_text (root), label) == 0))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
page_widget (GradlensPage *page,
             GType         type,
             const char   *label)
{
  GtkWidget *w = find_widget (GTK_WIDGET (page), type, label);

  g_assert_nonnull (w);
  return w;
}

static GradlensTrainRun *
training_at (GradlensWindow *window,
             guint           i)
{
  GListModel *trainings = gradlens_session_get_trainings (gradlens_window_get_session (window));
  GradlensTrainRun *run = g_list_model_get_item (trainings, i);

  g_assert_nonnull (run);
  g_object_unref (run);   /* the list keeps it */
  return run;
}

/* the window on the Training view of "What vanishing costs", trained for
 * `steps` steps */
static GradlensWindow *
trained_window (int            steps,
                GradlensPage **page)
{
  GradlensWindow *window = new_large_window ();
  GtkWidget *steps_spin;

  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "what-vanishing-costs.json"));
  wait_for (not_running, window, 60000, "the preset's runs");
  g_object_set (window, "view", "train", NULL);
  *page = gradlens_window_get_page (window, "train");
  g_assert_true (GRADLENS_IS_TRAIN_PAGE (*page));
  /* the preset's train settings in the page's controls */
  steps_spin = page_widget (*page, GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (steps_spin)), ==, 500);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (steps_spin), steps);
  g_assert_cmpint (gradlens_session_get_train_settings (gradlens_window_get_session (window))->steps, ==, steps);
  g_signal_emit_by_name (page_widget (*page, GTK_TYPE_BUTTON, "_Train"), "clicked");
  g_assert_true (gradlens_window_get_running (window));
  g_assert_false (gtk_widget_get_sensitive (page_widget (*page, GTK_TYPE_BUTTON, "_Train")));
  wait_for (not_running, window, 60000, "the training");
  g_assert_true (gtk_widget_get_sensitive (page_widget (*page, GTK_TYPE_BUTTON, "_Train")));
  /* the page redraws once the last steps are in (an idle) */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return window;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
not_playing (gpointer data)
{
  return !gradlens_train_page_get_playing (data);
}

/* ---- tests ------------------------------------------------------------ */

/* Train, then the slider shows a step's profile, play runs through every
 * step and stops at the last, the tooltip names a cell's exact value */
static void
test_slider_and_play (void)
{
  enum { STEPS = 40 };
  GradlensPage *page = NULL;
  GradlensWindow *window = trained_window (STEPS, &page);
  GradlensTrainPage *train = GRADLENS_TRAIN_PAGE (page);
  GradlensPlotView *plot = gradlens_page_get_plot_view (page);
  GtkWidget *scale = page_widget (page, GTK_TYPE_SCALE, NULL);
  GtkWidget *play = page_widget (page, GTK_TYPE_TOGGLE_BUTTON, "Play the steps");
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (scale));
  GradlensHeatmapView *heatmap = GRADLENS_HEATMAP_VIEW (page_widget (page, GRADLENS_TYPE_HEATMAP_VIEW, NULL));
  const double *values;
  gsize n_values = 0;
  guint moves = 0;
  g_autofree char *tooltip = NULL;

  g_assert_cmpuint (gradlens_train_run_get_n_steps (training_at (window, 0)), ==, STEPS);
  g_assert_cmpuint (gradlens_train_run_get_n_steps (training_at (window, 1)), ==, STEPS);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, STEPS - 1);
  g_assert_cmpuint (plot_heatmap_get_n_panels (gradlens_heatmap_view_get_heatmap (heatmap)), ==, 2);

  /* the slider: that step's norms in the plot */
  gtk_range_set_value (GTK_RANGE (scale), 25);
  g_assert_cmpuint (gradlens_train_page_get_step (train), ==, 25);
  g_assert_cmpstr (plot_figure_get_title (gradlens_plot_view_get_figure (plot)), ==, "Gradient Norms at Step 25");
  for (guint i = 0; i < 2; i++)
    {
      values = plot_figure_get_series_values (gradlens_plot_view_get_figure (plot), i, &n_values);
      g_assert_cmpuint (n_values, ==, 20);
      for (guint p = 0; p < n_values; p++)
        g_assert_cmpfloat (values[p], ==, gradlens_train_run_get_norm (training_at (window, i), 25, p));
    }
  /* the sigmoid net's first layer gets far less gradient than the Leaky ReLU net's */
  g_assert_cmpfloat (gradlens_train_run_get_norm (training_at (window, 0), 25, 0) * 1e4, <,
                     gradlens_train_run_get_norm (training_at (window, 1), 25, 0));

  /* play: every step from the start, then it stops at the last */
  gtk_range_set_value (GTK_RANGE (scale), 0);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (count_cb), &moves);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (play), TRUE);
  g_assert_true (gradlens_train_page_get_playing (train));
  wait_for (not_playing, train, 60000, "play to reach the last step");
  g_signal_handlers_disconnect_by_data (adjustment, &moves);
  g_assert_cmpuint (gradlens_train_page_get_step (train), ==, STEPS - 1);
  g_assert_cmpuint (moves, ==, STEPS - 1);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (play)));
  g_assert_cmpstr (plot_figure_get_title (gradlens_plot_view_get_figure (plot)), ==, "Gradient Norms at Step 39");
  /* play again from the end starts over; the button pauses it */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (play), TRUE);
  g_assert_cmpuint (gradlens_train_page_get_step (train), ==, 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (play), FALSE);
  g_assert_false (gradlens_train_page_get_playing (train));

  /* the tooltip over the first row of the first panel: its exact value */
  for (int y = 0; y < gtk_widget_get_height (GTK_WIDGET (heatmap)) && tooltip == NULL; y += 2)
    for (int x = 0; x < gtk_widget_get_width (GTK_WIDGET (heatmap)) / 2 && tooltip == NULL; x += 2)
      {
        g_autofree char *text = gradlens_heatmap_view_dup_tooltip (heatmap, x, y);

        if (text != NULL && strstr (text, "lin1.weight") != NULL && strstr (text, "step 0\n") != NULL)
          tooltip = g_steal_pointer (&text);
      }
  g_assert_nonnull (tooltip);
  {
    g_autofree char *exact = g_strdup_printf ("gradient norm %.17g",
                                              gradlens_train_run_get_norm (training_at (window, 0), 0, 0));

    g_assert_nonnull (strstr (tooltip, gradlens_series_get_label (GRADLENS_SERIES (training_at (window, 0)))));
    g_assert_nonnull (strstr (tooltip, exact));
  }

  /* the weight change: one row per layer, lin1 never moves in the sigmoid net */
  {
    GtkWidget *scale_box = gtk_widget_get_parent (scale);
    GtkWidget *show = find_widget (scale_box, GTK_TYPE_DROP_DOWN, NULL);
    g_autofree char *text = NULL;
    PlotHeatmapHit hit;
    gboolean found = FALSE;

    gtk_drop_down_set_selected (GTK_DROP_DOWN (show), 1);
    for (int y = 0; y < gtk_widget_get_height (GTK_WIDGET (heatmap)) && !found; y++)
      for (int x = 0; x < gtk_widget_get_width (GTK_WIDGET (heatmap)) / 2 && !found; x += 2)
        if (plot_heatmap_hit (gradlens_heatmap_view_get_heatmap (heatmap), gtk_widget_get_width (GTK_WIDGET (heatmap)),
                              gtk_widget_get_height (GTK_WIDGET (heatmap)), x, y, &hit)
            && hit.row == 0 && hit.step == STEPS - 1)
          {
            found = TRUE;
            g_assert_cmpfloat (hit.value, ==, 0.0);
            text = gradlens_heatmap_view_dup_tooltip (heatmap, x, y);
            g_assert_nonnull (strstr (text, "lin1.weight"));
            g_assert_nonnull (strstr (text, "weight change 0"));
          }
    g_assert_true (found);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (show), 0);
  }

  destroy_window (window);
}

/* The figure through the renderer (PNG, SVG, PDF) and the values (CSV, JSON
 * as gradlens-cli train writes them) */
static void
test_export (void)
{
  enum { STEPS = 30 };
  GradlensPage *page = NULL;
  GradlensWindow *window = trained_window (STEPS, &page);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("train-export-XXXXXX", &error);
  static const struct { const char *name; const char *magic; } files[] = {
    { "t.png", "\x89PNG" }, { "t.svg", "<?xml" }, { "t.pdf", "%PDF" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_true (gradlens_window_export (window, path, 1000, 640, GRADLENS_THEME_DARK, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (strncmp (data, files[i].magic, strlen (files[i].magic)) == 0);
      g_unlink (path);
    }
  {
    g_autofree char *path = g_build_filename (dir, "t.csv", NULL);
    g_autofree char *data = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_true (gradlens_window_export (window, path, 0, 0, GRADLENS_THEME_DARK, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
    lines = g_strsplit (data, "\r\n", -1);   /* RFC 4180 */
    g_assert_cmpstr (lines[0], ==, "label,step,parameter,layer,kind,loss,grad_norm,weight_change");
    /* one row per training, step and parameter, and the last line's end */
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 2 * STEPS * 20 + 1);
    g_assert_true (g_str_has_prefix (lines[1], "\"Sigmoid, default init\",0,lin1.weight,1,weight,"));
    g_unlink (path);
  }
  {
    g_autofree char *path = g_build_filename (dir, "t.json", NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *trainings;
    JsonObject *first;

    g_assert_true (gradlens_window_export (window, path, 0, 0, GRADLENS_THEME_DARK, &error));
    g_assert_no_error (error);
    g_assert_true (json_parser_load_from_file (parser, path, &error));
    g_assert_no_error (error);
    trainings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "trainings");
    g_assert_cmpuint (json_array_get_length (trainings), ==, 2);
    first = json_array_get_object_element (trainings, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "Sigmoid, default init");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (first, "train"),
                                                                           "steps")), ==, STEPS);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (first, "settings"), "steps"), ==, STEPS);
    g_unlink (path);
  }
  g_rmdir (dir);
  destroy_window (window);
}

static gboolean
has_steps (gpointer data)
{
  GListModel *trainings = data;
  g_autoptr(GradlensTrainRun) run = g_list_model_get_item (trainings, 0);

  return run != NULL && gradlens_train_run_get_n_steps (run) > 0;
}

/* Stop (win.stop) during a long training: after the cancel the worker
 * reports at most two progress reports' worth of steps (reports come every
 * steps / 100), counted from the job's progress, never from a clock, and
 * the page shows the steps trained */
static void
test_cancel (void)
{
  enum { STEPS = 20000, STRIDE = STEPS / 100 };
  GradlensWindow *window = new_large_window ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GradlensJob) job = NULL;
  GradlensSession *session = gradlens_window_get_session (window);
  GListModel *trainings = gradlens_session_get_trainings (session);
  GradlensPage *page;
  GtkWidget *scale;
  double f0, f1;
  guint shown;

  preset = gradlens_preset_load_data ("{\"format\": \"gradlens-preset\", \"train\": {\"steps\": 20000}, "
                                      "\"runs\": [{\"label\": \"wide\", \"network\": {\"width\": 64, \"depth\": 10}, "
                                      "\"data\": {\"samples\": 256}}]}", -1, "long", &error);
  g_assert_no_error (error);
  gradlens_window_load_preset (window, preset, NULL);
  wait_for (not_running, window, 60000, "the preset's run");
  g_object_set (window, "view", "train", NULL);
  page = gradlens_window_get_page (window, "train");
  scale = page_widget (page, GTK_TYPE_SCALE, NULL);
  g_signal_emit_by_name (page_widget (page, GTK_TYPE_BUTTON, "_Train"), "clicked");
  job = g_object_ref (gradlens_session_get_job (session));
  wait_for (has_steps, trainings, 120000, "the first steps");
  shown = gradlens_train_run_get_n_steps (training_at (window, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  /* the worker's own progress, read after the cancel: whatever the main
   * loop has been told so far, at most the step in flight and one report
   * may follow it (a worker that ignored the cancel would train on: the
   * steps trained stay under half) */
  f0 = gradlens_job_peek_worker_fraction (job);
  wait_for (not_running, window, 60000, "the stopped training");
  f1 = gradlens_job_get_fraction (job);
  g_test_message ("%u steps shown at the stop, %.0f steps reported after it, of %d", shown, (f1 - f0) * STEPS, STEPS);
  g_assert_cmpfloat ((f1 - f0) * STEPS, <=, 2 * STRIDE + 0.5);
  g_assert_cmpuint (gradlens_train_run_get_n_steps (training_at (window, 0)), <, STEPS / 2);
  /* the page shows what was trained */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_range_get_adjustment (GTK_RANGE (scale))), ==,
                     gradlens_train_run_get_n_steps (training_at (window, 0)) - 1);
  destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/gradlens/app/train/slider-and-play", test_slider_and_play);
  g_test_add_func ("/gradlens/app/train/export", test_export);
  g_test_add_func ("/gradlens/app/train/cancel", test_cancel);

  return g_test_run ();
}
