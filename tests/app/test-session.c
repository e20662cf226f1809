/* test-session.c: GradlensSession without a window or a display
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-file-chooser.h"
#include "gradlens-locale.h"
#include "gradlens-run-item.h"
#include "gradlens-preset-file.h"
#include "gradlens-session.h"
#include "gradlens-train-run.h"

/* ---- helpers ---------------------------------------------------------- */

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* spins the main context until cond (data) holds; a hang (not slowness)
 * fails the test after two minutes */
static void
wait_until (GSourceFunc  cond,
            gpointer     data,
            const char  *what)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

static gboolean
is_idle (gpointer data)
{
  return !gradlens_session_get_running (data);
}

static void
wait_until_idle (GradlensSession *session,
                 const char      *what)
{
  wait_until (is_idle, session, what);
}

static GradlensSeries *
series_at (GListModel *list,
           guint       i)
{
  GradlensSeries *series = g_list_model_get_item (list, i);

  g_assert_nonnull (series);
  g_object_unref (series);   /* the list keeps it */
  return series;
}

static void
run_one (GradlensSession *session,
         const char      *label)
{
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();

  config->label = g_strdup (label);
  gradlens_session_run (session, &config, 1);
  wait_until_idle (session, "a run");
}

/* the same runs in the same order: labels, colours, shown or hidden, norms */
static void
assert_same_runs (GradlensSession *a,
                  GradlensSession *b)
{
  GListModel *runs_a = gradlens_session_get_runs (a);
  GListModel *runs_b = gradlens_session_get_runs (b);

  g_assert_cmpuint (g_list_model_get_n_items (runs_b), ==, g_list_model_get_n_items (runs_a));
  for (guint i = 0; i < g_list_model_get_n_items (runs_a); i++)
    {
      const GradlensRunResult *ra = gradlens_run_item_get_result (GRADLENS_RUN_ITEM (series_at (runs_a, i)));
      const GradlensRunResult *rb = gradlens_run_item_get_result (GRADLENS_RUN_ITEM (series_at (runs_b, i)));

      g_assert_cmpstr (gradlens_series_get_label (series_at (runs_b, i)), ==,
                       gradlens_series_get_label (series_at (runs_a, i)));
      g_assert_cmpstr (gradlens_series_get_color (series_at (runs_b, i)), ==,
                       gradlens_series_get_color (series_at (runs_a, i)));
      g_assert_cmpint (gradlens_series_get_visible (series_at (runs_b, i)), ==,
                       gradlens_series_get_visible (series_at (runs_a, i)));
      g_assert_cmpint (ra->n_params, ==, rb->n_params);
      g_assert_true (memcmp (ra->grad_norm, rb->grad_norm, sizeof (double) * ra->n_params) == 0);
    }
}

/* ---- tests ------------------------------------------------------------ */

/* Colours come from the palette in order; a removed run frees its colour.
 * Labels are made unique. */
static void
test_colors_and_labels (void)
{
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  GListModel *runs = gradlens_session_get_runs (session);

  run_one (session, "sigmoid");
  run_one (session, "sigmoid");
  run_one (session, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 3);
  g_assert_cmpstr (gradlens_series_get_color (series_at (runs, 0)), ==, "#636efa");
  g_assert_cmpint (g_ascii_strcasecmp (gradlens_series_get_color (series_at (runs, 1)), "#EF553B"), ==, 0);
  g_assert_cmpstr (gradlens_series_get_color (series_at (runs, 2)), ==, "#00cc96");
  g_assert_cmpstr (gradlens_series_get_label (series_at (runs, 0)), ==, "sigmoid");
  g_assert_cmpstr (gradlens_series_get_label (series_at (runs, 1)), ==, "sigmoid (2)");
  g_assert_true (g_str_has_prefix (gradlens_series_get_label (series_at (runs, 2)), "Run 3"));

  /* the second colour is free again, and taken by the next run */
  gradlens_session_remove (session, runs, 1, 1);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 2);
  run_one (session, "sigmoid");
  g_assert_cmpint (g_ascii_strcasecmp (gradlens_series_get_color (series_at (runs, 2)), "#EF553B"), ==, 0);
  g_assert_cmpstr (gradlens_series_get_label (series_at (runs, 2)), ==, "sigmoid (2)");

  /* the same helpers over any list of series */
  {
    g_autofree char *label = gradlens_series_list_unique_label (runs, "sigmoid");
    g_autofree char *free_label = gradlens_series_list_unique_label (runs, "tanh");
    g_autofree char *color = gradlens_series_list_next_color (runs);

    g_assert_cmpstr (label, ==, "sigmoid (3)");
    g_assert_cmpstr (free_label, ==, "tanh");
    g_assert_cmpint (g_ascii_strcasecmp (color, "#ab63fa"), ==, 0);
  }
}

typedef struct
{
  gboolean        done;
  GradlensPreset *preset;
  GError         *error;
} Read;

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Read *read = user_data;

  read->preset = gradlens_preset_file_read_finish (result, &read->error);
  read->done = TRUE;
}

static GradlensPreset *
read_preset (GFile *file)
{
  Read read = { FALSE, NULL, NULL };

  gradlens_preset_file_read_async (file, NULL, read_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (read.error);
  return read.preset;
}

/* Load the notebook, rename a run, change the axis, save; a new session
 * loads the same runs, labels, colours and settings. */
static void
test_load_save_roundtrip (void)
{
  g_autofree char *notebook = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets",
                                                "notebook.json", NULL);
  g_autoptr(GFile) notebook_file = g_file_new_for_path (notebook);
  g_autofree char *dir = g_dir_make_tmp ("gradlens-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GradlensPreset) preset = read_preset (notebook_file);
  g_autoptr(GradlensPreset) again = NULL;
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GradlensSession) other = gradlens_session_new ();
  g_autoptr(GError) error = NULL;
  GListModel *runs = gradlens_session_get_runs (session);
  GListModel *runs2 = gradlens_session_get_runs (other);

  gradlens_session_load_preset (session, preset, notebook_file);
  wait_until_idle (session, "the notebook");
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 4);
  g_assert_cmpstr (gradlens_session_get_title (session), ==, "Vanishing gradients: sigmoid vs Leaky ReLU");
  g_assert_true (gradlens_session_get_file (session) == notebook_file);
  /* the preset's own runs are no modification; a rename and a setting are */
  g_assert_false (gradlens_session_get_modified (session));
  gradlens_series_set_label (series_at (runs, 1), "ReLU, renamed");
  g_assert_true (gradlens_session_get_modified (session));
  gradlens_session_set_x_axis (session, GRADLENS_X_LAYER);
  g_assert_true (gradlens_session_save (session, file, &error));
  g_assert_no_error (error);
  g_assert_true (gradlens_session_get_file (session) == file);
  g_assert_false (gradlens_session_get_modified (session));
  gradlens_session_set_y_scale (session, GRADLENS_Y_LINEAR);
  g_assert_true (gradlens_session_get_modified (session));
  gradlens_session_set_y_scale (session, GRADLENS_Y_LOG);

  again = read_preset (file);
  gradlens_session_load_preset (other, again, file);
  wait_until_idle (other, "the saved experiment");
  g_assert_cmpuint (g_list_model_get_n_items (runs2), ==, 4);
  assert_same_runs (session, other);
  g_assert_cmpstr (gradlens_series_get_label (series_at (runs2, 1)), ==, "ReLU, renamed");
  g_assert_cmpint (gradlens_session_get_x_axis (other), ==, GRADLENS_X_LAYER);
  g_assert_cmpstr (gradlens_session_get_title (other), ==, "Vanishing gradients: sigmoid vs Leaky ReLU");
  g_assert_false (gradlens_session_get_modified (other));
  /* a run added, a run removed: modified */
  gradlens_session_remove (other, runs2, 0, 1);
  g_assert_true (gradlens_session_get_modified (other));

  /* a file that cannot be saved names itself */
  {
    g_autofree char *bad = g_build_filename (dir, "missing", "x.json", NULL);
    g_autoptr(GFile) bad_file = g_file_new_for_path (bad);

    g_assert_false (gradlens_session_save (session, bad_file, &error));
    g_assert_nonnull (error);
    g_assert_true (gradlens_session_get_file (session) == file);
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* A draft holds what Save would write, with the title and the file: loaded
 * into another session it gives the same runs, still modified; a template's
 * draft stays a template; what is not a draft is refused by name */
static GradlensSession *
session_from_draft (const char *draft)
{
  GradlensSession *session = gradlens_session_new ();
  g_autoptr(GradlensPreset) preset = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  preset = gradlens_session_parse_draft (draft, -1, "draft.json", &title, &file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preset);
  gradlens_session_load_draft (session, preset, title, file);
  wait_until_idle (session, "the draft's runs");
  return session;
}

static void
test_draft_roundtrip (void)
{
  g_autofree char *notebook = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets",
                                                "notebook.json", NULL);
  g_autoptr(GFile) notebook_file = g_file_new_for_path (notebook);
  g_autoptr(GFile) users_file = g_file_new_for_path ("/home/someone/Documents/mine.json");
  g_autoptr(GradlensPreset) preset = read_preset (notebook_file);
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GradlensSession) recovered = NULL;
  g_autoptr(GradlensSession) template = NULL;
  g_autofree char *draft = NULL;
  GListModel *runs = gradlens_session_get_runs (session);

  /* the user's experiment, with a run added, one renamed and one hidden */
  gradlens_session_load_preset (session, preset, users_file);
  wait_until_idle (session, "the notebook");
  run_one (session, "Added after the last save");
  gradlens_series_set_label (series_at (runs, 1), "ReLU, renamed");
  gradlens_series_set_visible (series_at (runs, 2), FALSE);
  gradlens_session_set_x_axis (session, GRADLENS_X_LAYER);
  g_assert_true (gradlens_session_get_modified (session));
  draft = gradlens_session_dup_draft (session);

  recovered = session_from_draft (draft);
  assert_same_runs (session, recovered);
  g_assert_cmpuint (g_list_model_get_n_items (gradlens_session_get_runs (recovered)), ==, 5);
  g_assert_cmpstr (gradlens_series_get_label (series_at (gradlens_session_get_runs (recovered), 4)), ==,
                   "Added after the last save");
  g_assert_cmpint (gradlens_session_get_x_axis (recovered), ==, GRADLENS_X_LAYER);
  g_assert_cmpstr (gradlens_session_get_title (recovered), ==, gradlens_session_get_title (session));
  g_assert_true (g_file_equal (gradlens_session_get_file (recovered), users_file));
  /* still unsaved, also once its runs are computed again */
  g_assert_true (gradlens_session_get_modified (recovered));

  /* a template (no file) stays one: Save asks for a name */
  gradlens_session_load_preset (session, preset, NULL);
  wait_until_idle (session, "the notebook as a template");
  run_one (session, "On the template");
  g_free (draft);
  draft = gradlens_session_dup_draft (session);
  template = session_from_draft (draft);
  g_assert_null (gradlens_session_get_file (template));
  g_assert_cmpstr (gradlens_session_get_title (template), ==, "Vanishing gradients: sigmoid vs Leaky ReLU");
  g_assert_true (gradlens_session_get_modified (template));
  assert_same_runs (session, template);
}

static void
test_draft_refused (void)
{
  static const struct { const char *data, *expected; } cases[] = {
    { "{", "Could not read the draft “d.json”: line 1, column 2: " },
    { "[1]", "it is not a Gradlens draft of version 1" },
    { "{\"gradlens_draft\": 2, \"preset\": {}}", "it is not a Gradlens draft of version 1" },
    { "{\"gradlens_draft\": 1}", "it is not a Gradlens draft of version 1" },
    { "{\"gradlens_draft\": 1, \"title\": 3, \"preset\": {}}", "its title and file must be text or null" },
    /* the preset inside is read as a preset: its problems are named as such */
    { "{\"gradlens_draft\": 1, \"preset\": {\"format\": \"gradlens-preset\", \"runs\": [{\"network\": "
      "{\"depth\": 0}}]}}", "run 1: network.depth: invalid value “0”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GradlensPreset) preset = gradlens_session_parse_draft (cases[i].data, -1, "d.json", &title, &file,
                                                                        &error);

      g_assert_null (preset);
      g_assert_nonnull (error);
      g_test_message ("%s: %s", cases[i].data, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].expected));
      g_assert_nonnull (strstr (error->message, "d.json"));
    }
}

typedef struct
{
  GradlensSession *session;
  guint            n_at_stop;
  gboolean         stopped;
  gboolean         finished;
  GError          *error;
} Cancel;

/* the first results: stop, and count what lands after */
static void
first_results_cb (GradlensSession *session,
                  GListModel      *list,
                  int              position,
                  Cancel          *cancel)
{
  if (cancel->stopped)
    return;
  cancel->n_at_stop = g_list_model_get_n_items (list);
  cancel->stopped = TRUE;
  gradlens_session_stop (session);
}

static void
finished_cb (GradlensSession *session,
             int              kind,
             const GError    *error,
             Cancel          *cancel)
{
  g_assert_cmpint (kind, ==, GRADLENS_JOB_RUN);
  cancel->error = error != NULL ? g_error_copy (error) : NULL;
  cancel->finished = TRUE;
}

/* Stop during a job of many runs: the job ends cancelled, long before its
 * last run, and the runs finished before the stop stay. */
static void
test_cancel (void)
{
  enum { N = 100 };
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GPtrArray) configs = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_config_free);
  GListModel *runs = gradlens_session_get_runs (session);
  Cancel cancel = { session, 0, FALSE, FALSE, NULL };
  guint n_after;

  for (guint i = 0; i < N; i++)
    {
      GradlensRunConfig *config = gradlens_run_config_new ();

      config->nn.depth = 20;
      config->nn.width = 128;
      config->nn.samples = 128;
      config->seeds = 20;
      g_ptr_array_add (configs, config);
    }
  g_signal_connect (session, "job-results", G_CALLBACK (first_results_cb), &cancel);
  g_signal_connect (session, "job-finished", G_CALLBACK (finished_cb), &cancel);
  gradlens_session_run (session, (GradlensRunConfig * const *) configs->pdata, N);
  g_assert_true (gradlens_session_get_running (session));
  wait_until_idle (session, "the stopped job");

  g_assert_true (cancel.stopped);
  g_assert_true (cancel.finished);
  g_assert_error (cancel.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  n_after = g_list_model_get_n_items (runs);
  g_test_message ("%u runs when stopped, %u in the end, of %d", cancel.n_at_stop, n_after, N);
  g_assert_cmpuint (cancel.n_at_stop, >=, 1);
  g_assert_cmpuint (n_after, >=, cancel.n_at_stop);
  g_assert_cmpuint (n_after, <, N);
  g_assert_null (gradlens_session_get_job (session));
  g_clear_error (&cancel.error);

  /* it computes again afterwards */
  run_one (session, "after");
  g_assert_cmpstr (gradlens_series_get_label (series_at (runs, n_after)), ==, "after");
}

typedef struct
{
  GradlensSession *session;
  double           first_fraction;   /* the first one seen, 0 until then */
  guint            n_runs_then;
} Within;

static void
fraction_cb (GradlensJob *job,
             GParamSpec  *pspec,
             Within      *within)
{
  if (within->first_fraction > 0 || gradlens_job_get_fraction (job) <= 0)
    return;
  within->first_fraction = gradlens_job_get_fraction (job);
  within->n_runs_then = g_list_model_get_n_items (gradlens_session_get_runs (within->session));
  gradlens_session_stop (within->session);
}

/* A single seed of a deep network moves the progress before it ends: the
 * first fraction the job shows comes while the seed is still under way (no
 * run added yet), and stopping there ends it between two layers. */
static void
test_progress_within_seed (void)
{
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  Within within = { session, 0, 0 };

  /* 1000 layers of 256 x 256 x 64: seconds for the seed, stopped far sooner */
  config->nn.depth = 1000;
  config->nn.width = 256;
  config->nn.samples = 64;
  gradlens_session_run (session, &config, 1);
  g_assert_true (gradlens_session_get_running (session));
  g_signal_connect (gradlens_session_get_job (session), "notify::fraction", G_CALLBACK (fraction_cb), &within);
  wait_until_idle (session, "the stopped run");
  g_test_message ("first fraction %g", within.first_fraction);
  g_assert_cmpfloat (within.first_fraction, >, 0.0);
  g_assert_cmpfloat (within.first_fraction, <, 1.0);
  g_assert_cmpuint (within.n_runs_then, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gradlens_session_get_runs (session)), ==, 0);
}

/* Each sweep is its own series over its own depths: a second, longer sweep
 * does not extend the first. A sweep too deep for the memory limit does not
 * start. */
static void
test_sweeps (void)
{
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  g_autoptr(GError) error = NULL;
  GListModel *sweeps = gradlens_session_get_sweeps (session);
  const int three[] = { 1, 2, 3 };
  const int five[] = { 1, 2, 3, 4, 5 };
  guint n_points = 0;

  g_assert_true (gradlens_session_sweep (session, config, three, G_N_ELEMENTS (three), &error));
  g_assert_no_error (error);
  wait_until_idle (session, "the first sweep");
  config->nn.activation = NN_ACT_RELU;
  g_assert_true (gradlens_session_sweep (session, config, five, G_N_ELEMENTS (five), &error));
  wait_until_idle (session, "the second sweep");
  g_assert_cmpuint (g_list_model_get_n_items (sweeps), ==, 2);
  g_assert_cmpstr (gradlens_series_get_label (series_at (sweeps, 0)), ==, "sigmoid");
  g_assert_cmpstr (gradlens_series_get_label (series_at (sweeps, 1)), ==, "relu");
  gradlens_depth_sweep_get_points (GRADLENS_DEPTH_SWEEP (series_at (sweeps, 0)), &n_points);
  g_assert_cmpuint (n_points, ==, 3);
  g_assert_cmpuint (gradlens_series_get_n_rows (series_at (sweeps, 0), 0), ==, 3);
  gradlens_depth_sweep_get_points (GRADLENS_DEPTH_SWEEP (series_at (sweeps, 1)), &n_points);
  g_assert_cmpuint (n_points, ==, 5);
  g_assert_cmpint (g_ascii_strcasecmp (gradlens_series_get_color (series_at (sweeps, 1)), "#EF553B"), ==, 0);

  /* 1000 layers of 4096: far over the memory limit */
  config->nn.width = 4096;
  config->nn.samples = 65536;
  {
    const int deep[] = { 1000 };

    g_assert_false (gradlens_session_sweep (session, config, deep, 1, &error));
    g_assert_nonnull (error);
    g_assert_false (gradlens_session_get_running (session));
  }
}

static void
stop_after_three_cb (GradlensJob     *job,
                     GParamSpec      *pspec,
                     GradlensSession *session)
{
  /* 3 of 200 depths done */
  if (gradlens_job_get_fraction (job) >= 3.0 / 200.0)
    gradlens_session_stop (session);
}

/* A stopped sweep keeps and shows the depths it computed: the shallowest,
 * in order; a sweep after it is a series of its own and leaves it as it is */
static void
test_sweep_stopped (void)
{
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  g_autoptr(GError) error = NULL;
  GListModel *sweeps = gradlens_session_get_sweeps (session);
  const GradlensSweepPoint *points;
  const int two[] = { 1, 2 };
  int depths[200];
  guint n_points = 0, n_again = 0;

  for (int d = 0; d < 200; d++)
    depths[d] = d + 1;
  /* long enough that stopping after three depths leaves most undone */
  config->nn.width = 256;
  config->nn.samples = 64;
  g_assert_true (gradlens_session_sweep (session, config, depths, 200, &error));
  g_assert_no_error (error);
  g_signal_connect (gradlens_session_get_job (session), "notify::fraction", G_CALLBACK (stop_after_three_cb),
                    session);
  wait_until_idle (session, "the stopped sweep");
  g_assert_cmpuint (g_list_model_get_n_items (sweeps), ==, 1);
  points = gradlens_depth_sweep_get_points (GRADLENS_DEPTH_SWEEP (series_at (sweeps, 0)), &n_points);
  g_test_message ("the stopped sweep kept %u depths", n_points);
  g_assert_cmpuint (n_points, >=, 1);
  g_assert_cmpuint (n_points, <, 200);
  for (guint k = 0; k < n_points; k++)
    {
      g_assert_cmpint (points[k].depth, ==, (int) k + 1);
      g_assert_true (points[k].value > 0);
    }
  g_assert_cmpuint (gradlens_series_get_n_rows (series_at (sweeps, 0), 0), ==, n_points);

  /* another sweep: its own series; the stopped one keeps its depths */
  config->nn.width = 10;
  config->nn.samples = 100;
  g_assert_true (gradlens_session_sweep (session, config, two, 2, &error));
  wait_until_idle (session, "the second sweep");
  g_assert_cmpuint (g_list_model_get_n_items (sweeps), ==, 2);
  gradlens_depth_sweep_get_points (GRADLENS_DEPTH_SWEEP (series_at (sweeps, 0)), &n_again);
  g_assert_cmpuint (n_again, ==, n_points);
  gradlens_depth_sweep_get_points (GRADLENS_DEPTH_SWEEP (series_at (sweeps, 1)), &n_again);
  g_assert_cmpuint (n_again, ==, 2);
}

/* ---- training --------------------------------------------------------- */

/* the first n steps of a training shown equal gradlens_train's, exactly */
static void
assert_steps_equal (GradlensTrainRun *run,
                    guint             n)
{
  g_autoptr(GError) error = NULL;
  GradlensTrainSettings settings = *gradlens_train_run_get_settings (run);
  g_autoptr(GradlensTrainResult) want = NULL;
  const GradlensTrainResult *got = gradlens_train_run_get_result (run);

  settings.steps = (int) n;
  want = gradlens_train (gradlens_train_run_get_config (run), &settings, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpint (got->n_params, ==, want->n_params);
  for (guint t = 0; t < n; t++)
    {
      g_assert_cmpfloat (gradlens_train_run_get_loss (run, t), ==, want->losses[t]);
      for (int p = 0; p < want->n_params; p++)
        g_assert_cmpfloat (gradlens_train_run_get_norm (run, t, p), ==, want->norms[(gsize) t * want->n_params + p]);
      for (int l = 0; l < want->depth; l++)
        g_assert_cmpfloat (got->weight_change[(gsize) t * got->depth + l], ==,
                           want->weight_change[(gsize) t * want->depth + l]);
    }
}

/* Two configurations trained side by side: listed at once in their
 * colours, every step as gradlens_train computes it, a table per step */
static void
test_train (void)
{
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GradlensRunConfig) sigmoid = gradlens_run_config_new ();
  g_autoptr(GradlensRunConfig) leaky = gradlens_run_config_new ();
  GradlensRunConfig *configs[2] = { sigmoid, leaky };
  GListModel *trainings = gradlens_session_get_trainings (session);
  GradlensTrainSettings settings;
  g_autoptr(GError) error = NULL;
  g_autofree char *cell = NULL;

  gradlens_train_settings_init (&settings);
  settings.steps = 60;
  settings.lr = 0.5;
  settings.momentum = 0.9;
  gradlens_session_set_train_settings (session, &settings);
  leaky->nn.activation = NN_ACT_LEAKY_RELU;
  g_free (leaky->label);
  leaky->label = g_strdup ("leaky");
  g_assert_true (gradlens_session_train (session, configs, 2, &error));
  g_assert_no_error (error);
  g_assert_true (gradlens_session_get_running (session));
  g_assert_cmpuint (g_list_model_get_n_items (trainings), ==, 2);
  wait_until_idle (session, "the training");

  for (guint i = 0; i < 2; i++)
    {
      GradlensTrainRun *run = GRADLENS_TRAIN_RUN (series_at (trainings, i));

      g_assert_cmpuint (gradlens_train_run_get_n_steps (run), ==, 60);
      g_assert_cmpuint (gradlens_series_get_n_rows (GRADLENS_SERIES (run), 0), ==, 60);
      assert_steps_equal (run, 60);
    }
  g_assert_cmpstr (gradlens_series_get_label (series_at (trainings, 0)), ==, "Run 1: sigmoid, 5×10");
  g_assert_cmpstr (gradlens_series_get_label (series_at (trainings, 1)), ==, "leaky");
  g_assert_cmpstr (gradlens_series_get_color (series_at (trainings, 0)), ==, "#636efa");
  cell = gradlens_series_dup_cell (series_at (trainings, 1), 0, 59, GRADLENS_TRAIN_COLUMN_STEP, TRUE);
  g_assert_cmpstr (cell, ==, "59");

  /* invalid settings start nothing */
  settings.lr = -1.0;
  gradlens_session_set_train_settings (session, &settings);
  g_assert_false (gradlens_session_train (session, configs, 2, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "train.lr"));
  g_assert_false (gradlens_session_get_running (session));
}

typedef struct
{
  GradlensSession *session;
  gboolean         finished;
  GError          *error;
} TrainWait;

static gboolean
has_steps (gpointer data)
{
  GListModel *trainings = data;
  g_autoptr(GradlensTrainRun) run = g_list_model_get_item (trainings, 0);

  return gradlens_train_run_get_n_steps (run) > 0;
}

static void
train_finished_cb (GradlensSession *session,
                   int              kind,
                   const GError    *error,
                   TrainWait       *wait)
{
  g_assert_cmpint (kind, ==, GRADLENS_JOB_TRAIN);
  wait->error = error != NULL ? g_error_copy (error) : NULL;
  wait->finished = TRUE;
}

/* A long training shows its first steps while it trains (the same as
 * gradlens_train's); stopped, it does at most two reports' worth of steps
 * more (reports come every steps / 100 steps) and keeps what it showed */
static void
test_train_steps_and_cancel (void)
{
  enum { STEPS = 20000, STRIDE = STEPS / 100 };
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  GListModel *trainings = gradlens_session_get_trainings (session);
  GradlensTrainSettings settings;
  g_autoptr(GradlensJob) job = NULL;
  g_autoptr(GError) error = NULL;
  TrainWait wait = { session, FALSE, NULL };
  GradlensTrainRun *run;
  double f0, f1;
  guint shown;

  config->nn.depth = 10;
  config->nn.width = 64;
  config->nn.samples = 256;
  gradlens_train_settings_init (&settings);
  settings.steps = STEPS;
  gradlens_session_set_train_settings (session, &settings);
  g_signal_connect (session, "job-finished", G_CALLBACK (train_finished_cb), &wait);
  g_assert_true (gradlens_session_train (session, &config, 1, &error));
  job = g_object_ref (gradlens_session_get_job (session));
  run = GRADLENS_TRAIN_RUN (series_at (trainings, 0));

  wait_until (has_steps, trainings, "the first training steps");
  shown = gradlens_train_run_get_n_steps (run);
  gradlens_session_stop (session);
  /* the worker's own progress, read after the cancel (the main loop's copy
   * can lag behind it on a loaded machine): at most the step in flight and
   * one report follow it */
  f0 = gradlens_job_peek_worker_fraction (job);
  g_assert_cmpuint (shown, <, STEPS);
  g_assert_cmpuint (shown % STRIDE, ==, 0);

  wait_until_idle (session, "the stopped training");
  g_assert_true (wait.finished);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);
  f1 = gradlens_job_get_fraction (job);
  g_test_message ("%u steps shown when stopped, %.0f steps reported after, of %d", shown, (f1 - f0) * STEPS, STEPS);
  g_assert_cmpfloat ((f1 - f0) * STEPS, <=, 2 * STRIDE + 0.5);
  g_assert_cmpuint (gradlens_train_run_get_n_steps (run), >=, shown);
  g_assert_cmpuint (gradlens_train_run_get_n_steps (run), <, STEPS / 2);
  assert_steps_equal (run, gradlens_train_run_get_n_steps (run));
  g_assert_null (gradlens_session_get_job (session));
}

/* a preset's "train" settings are the session's, and saved with it */
static void
test_train_preset (void)
{
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) with = NULL;
  g_autoptr(GradlensPreset) without = NULL;
  g_autoptr(GradlensPreset) saved = NULL;
  g_autoptr(GradlensPreset) saved_without = NULL;
  const GradlensTrainSettings *settings;

  with = gradlens_preset_load_data ("{\"format\": \"gradlens-preset\", \"train\": {\"steps\": 7, "
                                    "\"optimizer\": \"adam\", \"lr\": 0.01}, \"runs\": [{}]}", -1, "with", &error);
  g_assert_no_error (error);
  gradlens_session_load_preset (session, with, NULL);
  settings = gradlens_session_get_train_settings (session);
  g_assert_cmpint (settings->steps, ==, 7);
  g_assert_cmpint (settings->optimizer, ==, NN_OPTIM_ADAM);
  g_assert_cmpfloat (settings->lr, ==, 0.01);
  saved = gradlens_session_dup_preset (session);
  g_assert_true (saved->has_train);
  g_assert_cmpint (saved->train.steps, ==, 7);
  wait_until_idle (session, "the preset's run");

  without = gradlens_preset_load_data ("{\"format\": \"gradlens-preset\", \"runs\": [{}]}", -1, "without", &error);
  g_assert_no_error (error);
  gradlens_session_load_preset (session, without, NULL);
  g_assert_cmpint (gradlens_session_get_train_settings (session)->steps, ==, 100);
  saved_without = gradlens_session_dup_preset (session);
  g_assert_false (saved_without->has_train);
  wait_until_idle (session, "the preset's run");
}

/* ---- the common part of every series ---------------------------------- */

typedef struct
{
  guint label;
  guint visible;
  guint detail;
  /* the session's "series-changed" */
  GListModel *list;
  guint       position;
  char       *what;
} Notes;

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 Notes      *notes)
{
  if (g_str_equal (pspec->name, "label"))
    notes->label++;
  else if (g_str_equal (pspec->name, "visible"))
    notes->visible++;
  else if (g_str_equal (pspec->name, "detail"))
    notes->detail++;
}

static void
series_changed_cb (GradlensSession *session,
                   GListModel      *list,
                   guint            position,
                   const char      *what,
                   Notes           *notes)
{
  notes->list = list;
  notes->position = position;
  g_free (notes->what);
  notes->what = g_strdup (what);
}

/* one series of a session's list, renamed and hidden through the interface
 * and the properties: what GradlensSeriesItem does for every kind */
static void
check_series_item (GradlensSession *session,
                   GListModel      *list,
                   guint            position,
                   gboolean         saved_in_presets)
{
  GradlensSeries *series = series_at (list, position);
  Notes notes = { 0 };
  g_autofree char *color = NULL;
  g_autofree char *label = NULL;
  g_autofree char *detail = NULL;
  gboolean modified = gradlens_session_get_modified (session);
  gulong notify_id = g_signal_connect (series, "notify", G_CALLBACK (count_notify_cb), &notes);
  gulong changed_id = g_signal_connect (session, "series-changed", G_CALLBACK (series_changed_cb), &notes);

  g_assert_true (GRADLENS_IS_SERIES_ITEM (series));
  /* label and colour are those of the configuration it computes */
  g_object_get (series, "color", &color, "detail", &detail, NULL);
  g_assert_nonnull (color);
  g_assert_cmpstr (color, ==, gradlens_series_get_config (series)->color);
  g_assert_cmpstr (detail, ==, gradlens_series_get_detail (series));

  gradlens_series_set_label (series, "Renamed");
  g_assert_cmpstr (gradlens_series_get_label (series), ==, "Renamed");
  g_assert_cmpstr (gradlens_series_get_config (series)->label, ==, "Renamed");
  g_object_get (series, "label", &label, NULL);
  g_assert_cmpstr (label, ==, "Renamed");
  g_assert_true (notes.list == list);
  g_assert_cmpuint (notes.position, ==, position);
  g_assert_cmpstr (notes.what, ==, "label");
  /* the same label again: nothing changes */
  g_object_set (series, "label", "Renamed", NULL);
  g_assert_cmpuint (notes.label, ==, 1);
  g_assert_cmpint (gradlens_session_get_modified (session), ==, saved_in_presets || modified);

  g_assert_true (gradlens_series_get_visible (series));
  g_object_set (series, "visible", FALSE, NULL);
  gradlens_series_set_visible (series, FALSE);
  g_assert_false (gradlens_series_get_visible (series));
  g_assert_cmpuint (notes.visible, ==, 1);
  g_assert_cmpstr (notes.what, ==, "visible");
  gradlens_series_set_visible (series, TRUE);
  g_assert_cmpuint (notes.visible, ==, 2);
  g_assert_cmpuint (notes.detail, ==, 0);
  /* a run is part of a preset: its changes mark the experiment modified;
   * depth sweeps and trainings are not saved, and do not */
  g_assert_cmpint (gradlens_session_get_modified (session), ==, saved_in_presets || modified);

  g_signal_handler_disconnect (series, notify_id);
  g_signal_handler_disconnect (session, changed_id);
  g_free (notes.what);
}

static void
test_series_items (void)
{
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  GradlensRunConfig *configs[1] = { config };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "series-items.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GradlensTrainSettings settings;
  const int depths[] = { 1, 2 };

  run_one (session, "a run");
  /* saved: not modified until a run changes */
  g_assert_true (gradlens_session_save (session, file, &error));
  g_assert_no_error (error);
  g_assert_false (gradlens_session_get_modified (session));
  check_series_item (session, gradlens_session_get_runs (session), 0, TRUE);
  g_assert_true (gradlens_session_get_modified (session));

  g_assert_true (gradlens_session_save (session, file, &error));
  g_assert_true (gradlens_session_sweep (session, config, depths, G_N_ELEMENTS (depths), &error));
  g_assert_no_error (error);
  wait_until_idle (session, "a sweep");
  g_assert_cmpuint (g_list_model_get_n_items (gradlens_session_get_sweeps (session)), ==, 1);
  check_series_item (session, gradlens_session_get_sweeps (session), 0, FALSE);

  gradlens_train_settings_init (&settings);
  settings.steps = 3;
  gradlens_session_set_train_settings (session, &settings);
  g_assert_true (gradlens_session_save (session, file, &error));
  g_assert_true (gradlens_session_train (session, configs, 1, &error));
  g_assert_no_error (error);
  wait_until_idle (session, "a training");
  g_assert_cmpuint (g_list_model_get_n_items (gradlens_session_get_trainings (session)), ==, 1);
  check_series_item (session, gradlens_session_get_trainings (session), 0, FALSE);
  g_unlink (path);
}

/* ---- Save As ----------------------------------------------------------- */

/* Save As starts beside the user's own file, else in the documents folder,
 * else at home (here, without a documents folder); never in the working
 * folder. (The end-to-end test checks the documents folder itself.) */
static void
test_save_folder (void)
{
  g_autoptr(GFile) mine = g_file_new_build_filename (g_get_tmp_dir (), "work", "mine.json", NULL);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) expected = NULL;
  g_autoptr(GFile) here = g_file_new_for_path (".");

  /* a test's isolated folders have no user-dirs.dirs: no documents folder */
  g_assert_null (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS));
  folder = gradlens_dup_save_folder (NULL);
  expected = g_file_new_for_path (g_get_home_dir ());
  g_assert_true (g_file_equal (folder, expected));
  g_assert_false (g_file_equal (folder, here));
  g_clear_object (&folder);
  g_clear_object (&expected);

  /* the user's own file: beside it */
  folder = gradlens_dup_save_folder (mine);
  expected = g_file_new_build_filename (g_get_tmp_dir (), "work", NULL);
  g_assert_true (g_file_equal (folder, expected));
}

/* The controls panel saved with the preset: loaded as the preset has it,
 * written back as last set, read again by another session; setting it is
 * no modification, and a preset without it has none. */
static void
test_controls_preset (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gradlens-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "controls.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GradlensSession) session = gradlens_session_new ();
  g_autoptr(GradlensSession) other = gradlens_session_new ();
  g_autoptr(GradlensPreset) with = NULL;
  g_autoptr(GradlensPreset) again = NULL;
  g_autoptr(GradlensPreset) without = NULL;
  g_autoptr(GradlensRunConfig) panel = gradlens_run_config_new ();
  g_autoptr(GError) error = NULL;
  const GradlensRunConfig *controls;

  with = gradlens_preset_load_data ("{\"format\": \"gradlens-preset\", \"runs\": [{\"network\": {\"depth\": 3}}], "
                                    "\"controls\": {\"label\": \"Next\", \"network\": {\"depth\": 17, "
                                    "\"width\": 21}, \"data\": {\"seeds\": 3}}}", -1, "with", &error);
  g_assert_no_error (error);
  gradlens_session_load_preset (session, with, NULL);
  controls = gradlens_session_get_controls (session);
  g_assert_nonnull (controls);
  g_assert_cmpint (controls->nn.depth, ==, 17);
  g_assert_cmpint (controls->nn.width, ==, 21);
  g_assert_cmpint (controls->seeds, ==, 3);
  g_assert_cmpstr (controls->label, ==, "Next");
  wait_until_idle (session, "the preset's run");
  g_assert_false (gradlens_session_get_modified (session));

  /* the panel changes: saved as it is now, without marking the experiment */
  panel->nn.depth = 40;
  panel->nn.activation = NN_ACT_TANH;
  panel->seed = 9;
  gradlens_session_set_controls (session, panel);
  g_assert_false (gradlens_session_get_modified (session));
  g_assert_true (gradlens_session_save (session, file, &error));
  g_assert_no_error (error);

  again = read_preset (file);
  g_assert_nonnull (again->controls);
  gradlens_session_load_preset (other, again, file);
  controls = gradlens_session_get_controls (other);
  g_assert_nonnull (controls);
  g_assert_cmpint (controls->nn.depth, ==, 40);
  g_assert_cmpint (controls->nn.activation, ==, NN_ACT_TANH);
  g_assert_cmpint (controls->seed, ==, 9);
  g_assert_cmpint (controls->nn.width, ==, 10);
  g_assert_cmpstr (controls->label != NULL ? controls->label : "", ==, "");
  wait_until_idle (other, "the saved experiment");

  /* another preset without controls: none kept from the one before */
  without = gradlens_preset_load_data ("{\"format\": \"gradlens-preset\", \"runs\": [{}]}", -1, "without", &error);
  g_assert_no_error (error);
  gradlens_session_load_preset (other, without, NULL);
  g_assert_null (gradlens_session_get_controls (other));
  g_clear_pointer (&again, gradlens_preset_free);
  again = gradlens_session_dup_preset (other);
  g_assert_null (again->controls);
  wait_until_idle (other, "the preset's run");

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  gradlens_locale_init ("C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gradlens/session/colors-and-labels", test_colors_and_labels);
  g_test_add_func ("/gradlens/session/load-save-roundtrip", test_load_save_roundtrip);
  g_test_add_func ("/gradlens/session/draft-roundtrip", test_draft_roundtrip);
  g_test_add_func ("/gradlens/session/draft-refused", test_draft_refused);
  g_test_add_func ("/gradlens/session/cancel", test_cancel);
  g_test_add_func ("/gradlens/session/progress-within-seed", test_progress_within_seed);
  g_test_add_func ("/gradlens/session/sweeps", test_sweeps);
  g_test_add_func ("/gradlens/session/sweep-stopped", test_sweep_stopped);
  g_test_add_func ("/gradlens/session/train", test_train);
  g_test_add_func ("/gradlens/session/train-steps-and-cancel", test_train_steps_and_cancel);
  g_test_add_func ("/gradlens/session/train-preset", test_train_preset);
  g_test_add_func ("/gradlens/session/series-items", test_series_items);
  g_test_add_func ("/gradlens/session/save-folder", test_save_folder);
  g_test_add_func ("/gradlens/session/controls-preset", test_controls_preset);

  return g_test_run ();
}
