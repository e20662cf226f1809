/* test-teaching.c - DESIGN.md's "Teaching contracts" against PyTorch
 * (tests/fixtures/teaching.json, written by tests/fixtures/generate.py):
 * the backward signal, the two gains and the prediction per layer, and the
 * diagnosis, through gradlens_run and the JSON export
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <math.h>

#include "../nn/fixture.h"
#include "gradlens-config.h"
#include "gradlens-diagnosis.h"
#include "gradlens-export.h"
#include "gradlens-figure.h"
#include "gradlens-preset.h"
#include "gradlens-runner.h"
#include "mlp.h"

static JsonParser *teaching_fixture;

/* grad_rms and the prediction are as accurate as the gradients themselves
 * (DESIGN.md: 2e-4 relative in float32, 1e-9 in float64; below 1e-30 in
 * float32 only the order of magnitude; exact zeros exact); deriv_sq_mean is a
 * float32 mean in PyTorch, of derivatives that amplify z's last bits where
 * an activation saturates (1 - tanh (z)^2 for z of 10 or more, in the
 * chaotic "exploding" net); weight_gain sums bit-identical weights in double */
#define TOL_F32       2e-4
#define TOL_F64       1e-9
#define TINY_F32      1e-30
#define TINY_F64      1e-290
#define MEAN_TOL_F32  1e-4
#define MEAN_TOL_F64  1e-9
#define GAIN_TOL      1e-12

static double
number_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  g_assert_nonnull (n);
  return JSON_NODE_HOLDS_NULL (n) ? NAN : json_node_get_double (n);
}

static void
check_value (const char *label,
             const char *what,
             int         layer,
             double      ours,
             double      theirs,
             double      tol,
             double      tiny)
{
  if (theirs == 0)
    {
      if (ours != 0)
        g_error ("%s: layer %d %s: %.9g, PyTorch exactly 0", label, layer, what, ours);
      return;
    }
  if (fabs (theirs) < tiny)
    {
      if (!(fabs (ours) < 10 * tiny))
        g_error ("%s: layer %d %s: %.9g, PyTorch %.9g", label, layer, what, ours, theirs);
      return;
    }
  if (!(fabs (ours - theirs) <= tol * fabs (theirs)))
    g_error ("%s: layer %d %s: %.17g, PyTorch %.17g (relative difference %.3g, allowed %g)", label, layer,
             what, ours, theirs, fabs (ours - theirs) / fabs (theirs), tol);
}

static void
config_from_json (JsonObject        *o,
                  GradlensRunConfig *config)
{
  static const char * const sections[] = { "network", "init", "data" };
  g_autoptr(GError) error = NULL;

  gradlens_run_config_init (config);
  g_free (config->label);
  config->label = g_strdup (json_object_get_string_member (o, "label"));
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonObject *section = json_object_get_object_member (o, sections[s]);
      g_autoptr(GList) keys = json_object_get_members (section);

      for (GList *k = keys; k != NULL; k = k->next)
        {
          const GradlensField *field = gradlens_field_lookup (sections[s], k->data);

          g_assert_nonnull (field);
          g_assert_true (gradlens_field_set_json (field, json_object_get_member (section, k->data), k->data,
                                                  config, &error));
        }
    }
  g_assert_true (gradlens_field_set_json (gradlens_field_lookup (NULL, "dtype"), json_object_get_member (o, "dtype"),
                                          "dtype", config, &error));
  g_assert_no_error (error);
}

static void
check_layers (const char              *label,
              const GradlensRunResult *r,
              JsonArray               *layers)
{
  gboolean f64 = r->config.nn.dtype == NN_FLOAT64;
  double tol = f64 ? TOL_F64 : TOL_F32, tiny = f64 ? TINY_F64 : TINY_F32;
  double mean_tol = f64 ? MEAN_TOL_F64 : MEAN_TOL_F32;

  g_assert_cmpuint (json_array_get_length (layers), ==, (guint) r->depth);
  for (int l = 0; l < r->depth; l++)
    {
      JsonObject *t = json_array_get_object_element (layers, l);
      const NnLayerStats *s = &r->layer_stats[l];

      check_value (label, "grad_rms", l + 1, s->grad_rms, number_member (t, "grad_rms"), tol, tiny);
      check_value (label, "predicted_grad_rms", l + 1, s->predicted_grad_rms,
                   number_member (t, "predicted_grad_rms"), tol, tiny);
      check_value (label, "deriv_sq_mean", l + 1, s->deriv_sq_mean, number_member (t, "deriv_sq_mean"),
                   mean_tol, 0);
      check_value (label, "activation_gain", l + 1, s->activation_gain, number_member (t, "activation_gain"),
                   mean_tol, 0);
      check_value (label, "weight_gain", l + 1, s->weight_gain, number_member (t, "weight_gain"), GAIN_TOL, 0);
    }
}

static void
check_diagnosis (const char              *label,
                 const GradlensRunResult *r,
                 JsonObject              *run)
{
  JsonArray *expected = json_object_get_array_member (run, "diagnosis");
  JsonArray *layers = json_object_get_array_member (run, "layers");
  gboolean f64 = r->config.nn.dtype == NN_FLOAT64;

  if ((guint) r->n_diagnosis != json_array_get_length (expected))
    {
      g_autoptr(GString) ours = g_string_new (NULL);

      for (int i = 0; i < r->n_diagnosis; i++)
        g_string_append_printf (ours, " %s", gradlens_finding_kind_name (r->diagnosis[i].kind));
      g_error ("%s: %d findings (%s), PyTorch %u", label, r->n_diagnosis, ours->str,
               json_array_get_length (expected));
    }
  for (int i = 0; i < r->n_diagnosis; i++)
    {
      JsonObject *e = json_array_get_object_element (expected, i);
      const GradlensFinding *f = &r->diagnosis[i];
      JsonNode *layer = json_object_get_member (e, "layer");
      double value = number_member (e, "value");
      g_autofree char *text = gradlens_finding_text (f, &r->config.nn, r->layer_stats);

      g_assert_cmpstr (gradlens_finding_kind_name (f->kind), ==, json_object_get_string_member (e, "kind"));
      if (JSON_NODE_HOLDS_NULL (layer))
        g_assert_cmpint (f->layer, ==, 0);
      else
        g_assert_cmpint (f->layer, ==, json_node_get_int (layer));
      switch (f->kind)
        {
        case GRADLENS_FINDING_VANISHING:
        case GRADLENS_FINDING_EXPLODING:
          check_value (label, "decay", 0, f->value, value, f64 ? TOL_F64 : TOL_F32, 0);
          break;
        case GRADLENS_FINDING_OUTPUT_INACTIVE:
          check_value (label, "deriv_mean", f->layer, f->value, value, f64 ? MEAN_TOL_F64 : MEAN_TOL_F32, 0);
          break;
        case GRADLENS_FINDING_SATURATED:
          /* within one entry: a derivative at the 1% threshold may round either way */
          g_assert_cmpfloat (fabs (f->value - value), <=,
                             1.0 / number_member (json_array_get_object_element (layers, f->layer - 1), "count")
                             + 1e-12);
          break;
        case GRADLENS_FINDING_DEAD_UNITS:
        case GRADLENS_FINDING_ZERO_GRADIENTS:
        case GRADLENS_N_FINDING_KINDS:
        default:
          g_assert_cmpfloat (f->value, ==, value);
          break;
        }
      if (f->kind == GRADLENS_FINDING_ZERO_GRADIENTS)
        {
          g_assert_cmpstr (gradlens_zero_cause_name (f->cause), ==, json_object_get_string_member (e, "cause"));
          /* the sentence names the cause: a dead network's zeros are never "underflow" */
          if (f->cause == GRADLENS_ZERO_CAUSE_NO_SIGNAL)
            {
              g_assert_nonnull (strstr (text, "dead"));
              g_assert_null (strstr (text, "(underflow)"));
            }
          else
            g_assert_nonnull (strstr (text, "(underflow)"));
        }
      else
        g_assert_cmpint (f->cause, ==, GRADLENS_ZERO_CAUSE_NONE);
      g_assert_true (text != NULL && strlen (text) > 20);
    }
}

/* the JSON of `run --format json`: the new keys, nulls and the sentences */
static void
check_json (const GradlensRunResult *r)
{
  g_autofree char *text = gradlens_results_to_json ((GradlensRunResult * const *) &r, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *run;
  JsonArray *layers, *diagnosis;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  run = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "runs"), 0);
  layers = json_object_get_array_member (run, "layers");
  for (guint l = 0; l < json_array_get_length (layers); l++)
    {
      JsonObject *o = json_array_get_object_element (layers, l);
      static const char * const keys[] = {
        "grad_rms", "deriv_sq_mean", "activation_gain", "weight_gain", "predicted_grad_rms",
      };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_cmpfloat (number_member (o, keys[k]), ==, (&r->layer_stats[l].grad_rms)[k]);
    }
  diagnosis = json_object_get_array_member (run, "diagnosis");
  g_assert_cmpuint (json_array_get_length (diagnosis), ==, (guint) r->n_diagnosis);
  for (int i = 0; i < r->n_diagnosis; i++)
    {
      JsonObject *o = json_array_get_object_element (diagnosis, i);
      const GradlensFinding *f = &r->diagnosis[i];
      g_autofree char *sentence = gradlens_finding_text (f, &r->config.nn, r->layer_stats);

      g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, gradlens_finding_kind_name (f->kind));
      g_assert_cmpint (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "layer")), ==, f->layer == 0);
      g_assert_cmpfloat (number_member (o, "value"), ==, f->value);
      g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, sentence);
      g_assert_cmpint (json_object_has_member (o, "cause"), ==, f->kind == GRADLENS_FINDING_ZERO_GRADIENTS);
    }
}

static void
test_fixture_run (gconstpointer data)
{
  JsonObject *run = (JsonObject *) data;
  const char *label = json_object_get_string_member (run, "label");
  GradlensRunConfig config = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensRunResult) r = NULL;
  JsonArray *norms = json_object_get_array_member (run, "grad_norms");

  config_from_json (json_object_get_object_member (run, "config"), &config);
  r = gradlens_run (&config, 1, 0, NULL, NULL, NULL, &error);
  gradlens_run_config_clear (&config);
  g_assert_no_error (error);
  /* the zero rule needs the same zeros */
  for (int p = 0; p < r->n_params; p++)
    g_assert_cmpint (r->norms[p] == 0, ==, json_array_get_double_element (norms, p) == 0);
  check_layers (label, r, json_object_get_array_member (run, "layers"));
  check_diagnosis (label, r, run);
  check_json (r);
}

/* Recording the signal changes nothing else, and without it there is none */
static void
test_record_signal (void)
{
  for (int dtype = 0; dtype < NN_N_DTYPES; dtype++)
    {
      NnConfig c;
      NnMlp *mlp;
      double a[10], b[10], la, lb;
      NnLayerStats stats[5];

      nn_config_init_default (&c);
      c.dtype = dtype;
      mlp = nn_mlp_new (&c);
      nn_mlp_setup (mlp, 7);
      la = nn_mlp_step (mlp, a);
      nn_mlp_layer_stats (mlp, stats);
      for (int l = 0; l < 5; l++)
        {
          g_assert_true (isnan (stats[l].grad_rms) && isnan (stats[l].predicted_grad_rms));
          g_assert_cmpfloat (stats[l].weight_gain, >, 0);
        }
      nn_mlp_set_record_signal (mlp, true);
      lb = nn_mlp_step (mlp, b);
      g_assert_cmpmem (&la, sizeof la, &lb, sizeof lb);
      g_assert_cmpmem (a, sizeof a, b, sizeof b);
      nn_mlp_layer_stats (mlp, stats);
      for (int l = 0; l < 5; l++)
        g_assert_cmpfloat (stats[l].grad_rms, >, 0);
      /* a forward pass alone leaves no signal behind */
      nn_mlp_loss (mlp);
      nn_mlp_layer_stats (mlp, stats);
      g_assert_true (isnan (stats[0].grad_rms));
      nn_mlp_free (mlp);
    }
}

/* With several seeds the diagnosis is the first seed's, like "layers" */
static void
test_first_seed (void)
{
  GradlensRunConfig one = { 0 }, many = { 0 };
  g_autoptr(GradlensRunResult) a = NULL;
  g_autoptr(GradlensRunResult) b = NULL;

  gradlens_run_config_init (&one);
  one.nn.activation = NN_ACT_LEAKY_RELU;
  gradlens_run_config_copy (&many, &one);
  many.seeds = 8;
  a = gradlens_run (&one, 0, 0, NULL, NULL, NULL, NULL);
  b = gradlens_run (&many, 0, 0, NULL, NULL, NULL, NULL);
  gradlens_run_config_clear (&one);
  gradlens_run_config_clear (&many);
  g_assert_cmpint (a->n_diagnosis, ==, b->n_diagnosis);
  g_assert_cmpmem (a->diagnosis, sizeof (GradlensFinding) * a->n_diagnosis,
                   b->diagnosis, sizeof (GradlensFinding) * b->n_diagnosis);
  g_assert_cmpmem (a->layer_stats, sizeof (NnLayerStats) * a->depth, b->layer_stats, sizeof (NnLayerStats) * b->depth);
}

/* The figure's note names the zeros' cause: "no signal" for a dead
 * network, "underflow" where the number type ran out (issue 11) */
static char *
note_of (NnActivation activation,
         int          depth,
         NnInit       init)
{
  GradlensRunConfig config = { 0 };
  g_autoptr(GradlensRunResult) r = NULL;
  g_autoptr(GradlensPreset) preset = gradlens_preset_new ();
  g_autoptr(PlotFigure) figure = NULL;

  gradlens_run_config_init (&config);
  config.nn.activation = activation;
  config.nn.depth = depth;
  config.nn.init = init;
  config.nn.nonlinearity = NN_NONLIN_RELU;
  config.nn.bias = init == NN_INIT_DEFAULT ? NN_BIAS_DEFAULT : NN_BIAS_ZEROS;
  r = gradlens_run (&config, 0, 0, NULL, NULL, NULL, NULL);
  gradlens_run_config_clear (&config);
  figure = gradlens_figure_from_results (&preset->plot, &r, 1);
  return plot_figure_dup_off_axis_note (figure);
}

static void
test_figure_zero_cause (void)
{
  /* He-initialised ReLU, 20 layers, seed 0: the output unit is dead */
  g_autofree char *dead = note_of (NN_ACT_RELU, 20, NN_INIT_KAIMING_NORMAL);
  /* sigmoid, 60 layers, float32: the first layers' gradients underflow */
  g_autofree char *deep = note_of (NN_ACT_SIGMOID, 60, NN_INIT_DEFAULT);

  g_assert_nonnull (strstr (dead, "0 (no signal: dead units)"));
  g_assert_null (strstr (dead, "underflow"));
  g_assert_nonnull (strstr (deep, "0 (underflow)"));
  g_assert_null (strstr (deep, "no signal"));
}

int
main (int    argc,
      char **argv)
{
  JsonArray *runs;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  teaching_fixture = fixture_load ("teaching.json");
  runs = json_object_get_array_member (fixture_root (teaching_fixture), "runs");
  g_assert_cmpuint (json_array_get_length (runs), >=, 60);
  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      g_autofree char *path = g_strdup_printf ("/gradlens/teaching/%s", json_object_get_string_member (run, "label"));

      g_test_add_data_func (path, run, test_fixture_run);
    }
  g_test_add_func ("/gradlens/teaching/record-signal", test_record_signal);
  g_test_add_func ("/gradlens/teaching/first-seed", test_first_seed);
  g_test_add_func ("/gradlens/teaching/figure-zero-cause", test_figure_zero_cause);
  return g_test_run ();
}
