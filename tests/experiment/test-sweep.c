/* test-sweep.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Depth sweeps against PyTorch (tests/fixtures/sweeps.json, written by
 * tests/fixtures/generate.py with python3-torch), and the parsing of
 * --depths. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "gradlens-error.h"
#include "gradlens-figure.h"
#include "gradlens-preset.h"
#include "gradlens-sweep.h"

static JsonArray *
load_cases (JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sweeps.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "sweeps");
}

/* a fixture's "config" becomes a run through the real preset loader */
static GradlensRunConfig *
config_from_fixture (JsonObject *c)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = NULL;
  g_autofree char *run = NULL;
  g_autofree char *text = NULL;
  JsonObject *copy = json_object_new ();

  json_object_set_member (copy, "network", json_node_copy (json_object_get_member (c, "network")));
  json_object_set_member (copy, "init", json_node_copy (json_object_get_member (c, "init")));
  json_object_set_member (copy, "data", json_node_copy (json_object_get_member (c, "data")));
  json_object_set_member (copy, "dtype", json_node_copy (json_object_get_member (c, "dtype")));
  json_node_take_object (node, copy);
  json_generator_set_root (gen, node);
  run = json_generator_to_data (gen, NULL);
  text = g_strdup_printf ("{\"format\": \"gradlens-preset\", \"version\": 1, \"runs\": [%s]}", run);
  preset = gradlens_preset_load_data (text, -1, "sweeps.json", &error);
  g_assert_no_error (error);
  return gradlens_run_config_dup (g_ptr_array_index (preset->runs, 0));
}

static void
assert_close (double      got,
              double      want,
              gboolean    f64,
              const char *what,
              int         depth)
{
  double tol = f64 ? 1e-9 : 2e-4;

  if (want == 0)
    {
      /* PyTorch's exact zeros (float32 underflow) are exact zeros here */
      if (got != 0)
        g_error ("%s at depth %d: got %.17g, PyTorch gives exactly 0", what, depth, got);
      return;
    }
  if (!(fabs (got - want) <= tol * fabs (want)))
    g_error ("%s at depth %d: got %.17g, PyTorch gives %.17g (relative error %.2e > %.0e)",
             what, depth, got, want, fabs (got - want) / fabs (want), tol);
}

static void
test_sweep_pytorch (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *cases = load_cases (parser);

  g_assert_cmpuint (json_array_get_length (cases), >=, 5);
  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonObject *fx = json_array_get_object_element (cases, c);
      JsonArray *range = json_object_get_array_member (fx, "depths");
      JsonArray *rows = json_object_get_array_member (fx, "sweep");
      g_autoptr(GradlensRunConfig) config = config_from_fixture (json_object_get_object_member (fx, "config"));
      g_autofree char *spec = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                               json_array_get_int_element (range, 0),
                                               json_array_get_int_element (range, 1),
                                               json_array_get_int_element (range, 2));
      g_autofree int *depths = NULL;
      g_autofree GradlensSweepPoint *points = NULL;
      g_autoptr(GError) error = NULL;
      gboolean f64 = config->nn.dtype == NN_FLOAT64;
      guint n = 0;

      g_test_message ("%s: depths %s", json_object_get_string_member (fx, "label"), spec);
      g_assert_true (gradlens_parse_depths (spec, &depths, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, json_array_get_length (rows));

      points = gradlens_sweep (config, depths, n, 2, GRADLENS_DEFAULT_MEMORY_LIMIT, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (points);

      for (guint i = 0; i < n; i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          int depth = (int) json_object_get_int_member (row, "depth");

          g_assert_cmpint (points[i].depth, ==, depth);
          assert_close (points[i].value, json_object_get_double_member (row, "first_weight_grad_norm"),
                        f64, "first_weight_grad_norm", depth);
          if (json_object_has_member (row, "stats"))
            {
              JsonObject *st = json_object_get_object_member (row, "stats");

              assert_close (points[i].stats.min, json_object_get_double_member (st, "min"), f64, "min", depth);
              assert_close (points[i].stats.q1, json_object_get_double_member (st, "q1"), f64, "q1", depth);
              assert_close (points[i].stats.median, json_object_get_double_member (st, "median"), f64, "median", depth);
              assert_close (points[i].stats.q3, json_object_get_double_member (st, "q3"), f64, "q3", depth);
              assert_close (points[i].stats.max, json_object_get_double_member (st, "max"), f64, "max", depth);
            }
        }
    }
}

static void
test_sweep_parse_depths (void)
{
  const char *bad[] = { "", "5", "0:3", "3:1", "1:1001", "1:5:0", "1:5:-1", "a:b", "1:5:2:3", "1.5:3", " 1:3" };
  g_autofree int *depths = NULL;
  guint n = 0;

  g_assert_true (gradlens_parse_depths ("2:11:3", &depths, &n, NULL));
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (depths[0], ==, 2);
  g_assert_cmpint (depths[3], ==, 11);
  g_clear_pointer (&depths, g_free);
  g_assert_true (gradlens_parse_depths ("7:7", &depths, &n, NULL));
  g_assert_cmpuint (n, ==, 1);
  g_clear_pointer (&depths, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (gradlens_parse_depths (bad[i], &depths, &n, &error));
      g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (error->message, "--depths"));
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
sweep_cancel_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  /* cancel from inside the sweep once it has started */
  g_cancellable_cancel (user_data);
}

static void
test_sweep_cancel (void)
{
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree int *depths = NULL;
  GradlensSweepPoint *points;
  guint n = 0;

  config->seeds = 50;
  g_assert_true (gradlens_parse_depths ("1:200", &depths, &n, NULL));
  points = gradlens_sweep (config, depths, n, 2, 0, sweep_cancel_cb, cancellable, cancellable, &error);
  g_assert_null (points);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_sweep_invalid_depth (void)
{
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  g_autoptr(GError) error = NULL;
  int depths[] = { 3, 1001 };

  g_assert_null (gradlens_sweep (config, depths, 2, 1, 0, NULL, NULL, NULL, &error));
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "1001"));
}

/* Two sweeps over interleaved depths (1, 3, 5 and 1, 2, 3): each is drawn
 * at its own depths; where one lacks a depth the other has, its series has
 * a gap (nothing drawn, nothing noted), never a NaN marker */
static void
test_sweep_figure_gaps (void)
{
  GradlensSweepPoint odd[3] = { { .depth = 1, .value = 1e-1 }, { .depth = 3, .value = 1e-2 },
                                { .depth = 5, .value = 1e-3 } };
  GradlensSweepPoint first[3] = { { .depth = 1, .value = 1.0 }, { .depth = 2, .value = 0.5 },
                                  { .depth = 3, .value = 0.25 } };
  GradlensSweepSeries sweeps[2] = { { .label = "odd", .points = odd, .n_points = 3 },
                                    { .label = "first", .points = first, .n_points = 3 } };
  GradlensPlotSettings settings = { 0 };
  g_autoptr(PlotFigure) figure = gradlens_figure_from_sweeps (&settings, sweeps, 2);
  g_autofree char *note = plot_figure_dup_off_axis_note (figure);

  g_assert_cmpuint (plot_figure_get_n_series (figure), ==, 2);
  /* categories 1, 2, 3, 5 */
  g_assert_cmpstr (plot_figure_get_category (figure, 1), ==, "2");
  g_assert_cmpstr (plot_figure_get_category (figure, 3), ==, "5");
  g_assert_false (plot_figure_get_series_gap (figure, 0, 0));
  g_assert_true (plot_figure_get_series_gap (figure, 0, 1));
  g_assert_false (plot_figure_get_series_gap (figure, 0, 2));
  g_assert_false (plot_figure_get_series_gap (figure, 0, 3));
  for (guint k = 0; k < 3; k++)
    g_assert_false (plot_figure_get_series_gap (figure, 1, k));
  /* nothing is off the axis: the gap is not a NaN to explain */
  g_assert_null (note);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/gradlens/sweep/pytorch", test_sweep_pytorch);
  g_test_add_func ("/gradlens/sweep/parse-depths", test_sweep_parse_depths);
  g_test_add_func ("/gradlens/sweep/cancel", test_sweep_cancel);
  g_test_add_func ("/gradlens/sweep/invalid-depth", test_sweep_invalid_depth);
  g_test_add_func ("/gradlens/sweep/figure-gaps", test_sweep_figure_gaps);
  return g_test_run ();
}
