/* test-cli-teaching.c - the teaching contracts as gradlens-cli prints them:
 * per-layer signal and gains and the diagnosis in `run --format json`, the
 * "Why" block of the table, the CSV columns; zeros named by their cause
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

/* runs gradlens-cli ($GRADLENS_CLI) with the NULL-terminated arguments;
 * returns its output, asserting exit status 0 */
static char *
run_cli_v (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_nonnull (g_getenv ("GRADLENS_CLI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("GRADLENS_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("gradlens-cli failed: %s", err);
  return out;
}

#define run_cli(...) run_cli_v ((const char * const[]) { __VA_ARGS__, NULL })

static char *
preset_path (const char *name)
{
  return g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets", name, NULL);
}

static JsonArray *
runs_of (JsonParser *parser,
         const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "runs");
}

static JsonObject *
finding (JsonObject *run,
         const char *kind)
{
  JsonArray *d = json_object_get_array_member (run, "diagnosis");

  for (guint i = 0; i < json_array_get_length (d); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (d, i), "kind"), kind))
      return json_array_get_object_element (d, i);
  return NULL;
}

static void
test_json (void)
{
  g_autofree char *path = preset_path ("deep-diagnostics.json");
  g_autofree char *out = run_cli ("run", "--preset", path, "--format", "json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *runs = runs_of (parser, out);
  JsonObject *dead, *zeros;

  g_assert_cmpuint (json_array_get_length (runs), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      JsonArray *layers = json_object_get_array_member (run, "layers");
      JsonArray *diagnosis = json_object_get_array_member (run, "diagnosis");
      JsonObject *last = json_array_get_object_element (layers, json_array_get_length (layers) - 1);

      g_assert_cmpuint (json_array_get_length (layers), ==, 20);
      for (guint l = 0; l < 20; l++)
        {
          JsonObject *o = json_array_get_object_element (layers, l);

          g_assert_true (json_object_has_member (o, "grad_rms"));
          g_assert_true (json_object_has_member (o, "deriv_sq_mean"));
          g_assert_true (json_object_has_member (o, "activation_gain"));
          g_assert_true (json_object_has_member (o, "weight_gain"));
          g_assert_true (json_object_has_member (o, "predicted_grad_rms"));
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "activation_gain"),
                                          sqrt (json_object_get_double_member (o, "deriv_sq_mean")), 1e-15);
        }
      /* the prediction starts from the measurement at the output */
      g_assert_cmpfloat (json_object_get_double_member (last, "predicted_grad_rms"), ==,
                         json_object_get_double_member (last, "grad_rms"));
      for (guint k = 0; k < json_array_get_length (diagnosis); k++)
        {
          JsonObject *f = json_array_get_object_element (diagnosis, k);

          g_assert_true (json_object_has_member (f, "layer"));
          g_assert_true (json_object_has_member (f, "value"));
          g_assert_cmpuint (strlen (json_object_get_string_member (f, "text")), >, 20);
        }
    }
  /* the sigmoid run vanishes; the tiny-weight ReLU run has dead units, and
   * its zeros are an underflow, for no layer is all dead */
  g_assert_nonnull (finding (json_array_get_object_element (runs, 0), "vanishing"));
  dead = finding (json_array_get_object_element (runs, 2), "dead_units");
  g_assert_nonnull (dead);
  zeros = finding (json_array_get_object_element (runs, 2), "zero_gradients");
  g_assert_nonnull (zeros);
  g_assert_cmpstr (json_object_get_string_member (zeros, "cause"), ==, "underflow");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (zeros, "layer")));
  /* the healthy ReLU run is healthy */
  g_assert_null (finding (json_array_get_object_element (runs, 3), "zero_gradients"));
  g_assert_null (finding (json_array_get_object_element (runs, 3), "output_inactive"));
}

/* issue 11: at seed 0 the He-initialised ReLU net's output unit is dead and
 * every gradient is 0: the cause is named, and it is not an underflow */
static void
test_zeros_named (void)
{
  g_autofree char *out = run_cli ("run", "--depth", "20", "--activation", "relu", "--init", "kaiming_normal",
                                  "--nonlinearity", "relu", "--bias-init", "zeros", "--seed", "0");
  g_autofree char *table = run_cli ("run", "--depth", "20", "--activation", "relu", "--init", "kaiming_normal",
                                    "--nonlinearity", "relu", "--bias-init", "zeros", "--seed", "0",
                                    "--format", "table");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *run = json_array_get_object_element (runs_of (parser, out), 0);
  JsonObject *zeros = finding (run, "zero_gradients");
  JsonObject *inactive = finding (run, "output_inactive");

  g_assert_nonnull (zeros);
  g_assert_cmpstr (json_object_get_string_member (zeros, "cause"), ==, "no_signal");
  g_assert_cmpint (json_object_get_int_member (zeros, "value"), ==, 40);
  g_assert_null (strstr (json_object_get_string_member (zeros, "text"), "(underflow)"));
  g_assert_nonnull (inactive);
  g_assert_cmpint (json_object_get_int_member (inactive, "layer"), ==, 20);
  g_assert_cmpfloat (json_object_get_double_member (inactive, "value"), ==, 0);
  g_assert_nonnull (strstr (table, "Why:"));
  g_assert_nonnull (strstr (table, json_object_get_string_member (zeros, "text")));
}

static void
test_table_and_csv (void)
{
  g_autofree char *path = preset_path ("notebook.json");
  g_autofree char *table = run_cli ("run", "--preset", path, "--format", "table");
  g_autofree char *csv = run_cli ("run", "--preset", path, "--format", "csv");
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  guint n_why = 0;

  for (const char *p = table; (p = strstr (p, "\nWhy:")) != NULL; p++)
    n_why++;
  g_assert_cmpuint (n_why, ==, 4);
  g_assert_nonnull (strstr (table, "Vanishing gradients"));
  g_assert_nonnull (strstr (table, "Nothing looks wrong"));   /* Leaky ReLU with Xavier */
  g_assert_true (g_str_has_suffix (lines[0], ",grad_norm,grad_rms,predicted_grad_rms,activation_gain,weight_gain"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 40 + 1);   /* the header, 4 x 10 rows, "" after the last */
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/gradlens/cli/teaching/json", test_json);
  g_test_add_func ("/gradlens/cli/teaching/zeros-named", test_zeros_named);
  g_test_add_func ("/gradlens/cli/teaching/table-and-csv", test_table_and_csv);
  return g_test_run ();
}
