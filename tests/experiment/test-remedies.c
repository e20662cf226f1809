/* test-remedies.c - residual connections, batch norm and layer norm
 * (DESIGN.md "Analysis contracts": --residual, --norm) against PyTorch
 * (tests/fixtures/remedies.json, written by tests/fixtures/generate.py):
 * every combination with every activation in both dtypes through
 * gradlens_run (loss, every gradient norm, the layer statistics, the
 * backward signal, decay and diagnosis, the JSON export), trainings with
 * batch statistics at every step through gradlens_train, the runs of the
 * built-in preset "Remedies" (tests/fixtures/remedies-preset.json), and the
 * refusal of batch norm with a single sample
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "../nn/fixture.h"
#include "gradlens-config.h"
#include "gradlens-diagnosis.h"
#include "gradlens-error.h"
#include "gradlens-export.h"
#include "gradlens-figure.h"
#include "gradlens-preset.h"
#include "gradlens-runner.h"
#include "gradlens-train.h"
#include "mlp.h"

static JsonParser *remedies_fixture;
static JsonParser *remedies_preset_fixture;

/* Tolerances against PyTorch, as test-mlp's and test-teaching's for plain
 * networks: the sums run in other orders than PyTorch's (the norms'
 * statistics are summed in double here, in PyTorch's own blocked orders
 * there), so in float32 a value agrees to a few units in the last place
 * and in float64 to ~1e-15 (measured on these runs: at most 1e-5 in
 * float32, 5e-5 for the decay of the two-sample batch-norm net, and 1e-13
 * in float64; bounds 2e-4 and 1e-9, those of test-mlp and test-teaching). A gradient norm is compared relative to the larger of itself
 * and its layer's largest gradient norm: with batch norm the gradient of
 * the Linear's bias before it is 0 but for rounding (the batch mean takes
 * the bias away), 1e-9 next to 1e-2 for the weight in float32, and such a
 * value is only as accurate as the terms it sums (as in test-train). The
 * layer statistics are means over the samples and units: pre_mean of a
 * normalised layer is 0 but for rounding, so means are compared relative
 * to the matching standard deviation. */
#define TOL_F32       2e-4
#define TOL_F64       1e-9
/* Batch norm over two samples: each unit's x hat is +-1 but for eps, and
 * the backward bracket dz - mean (dz) - x hat mean (dz x hat) cancels but
 * for eps's share, so the gradients below it are a remainder of about 1e-4
 * of their terms, whose float32 rounding (1e-7) becomes ~1e-3 of them
 * (measured 4e-4 against PyTorch; float64 keeps 1e-9) */
#define TWO_SAMPLE_TOL_F32  1e-2
#define TINY_F32      1e-30
#define TINY_F64      1e-290
/* trainings: as tests/nn/test-train.c, whose bounds these are */
#define TRAIN_TOL_F32       2e-5
#define TRAIN_TOL_F64       1e-12
#define TRAIN_NORM_TOL_F32  2e-3
#define TRAIN_NORM_TOL_F64  1e-11

static double
number_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  g_assert_nonnull (n);
  return JSON_NODE_HOLDS_NULL (n) ? NAN : json_node_get_double (n);
}

/* |ours - theirs| <= tol * max (|theirs|, scale); NAN (null) only for NAN */
static void
check_close (const char *label,
             const char *what,
             int         index,
             double      ours,
             double      theirs,
             double      scale,
             double      tol,
             double      tiny)
{
  double ref = MAX (fabs (theirs), scale);

  if (isnan (theirs) || isnan (ours))
    {
      if (!(isnan (theirs) && isnan (ours)))
        g_error ("%s: %s %d: %.9g, PyTorch %.9g", label, what, index, ours, theirs);
      return;
    }
  if (theirs == 0 && scale == 0)
    {
      if (ours != 0)
        g_error ("%s: %s %d: %.9g, PyTorch exactly 0", label, what, index, ours);
      return;
    }
  if (ref < tiny)
    {
      if (!(fabs (ours) < 10 * tiny))
        g_error ("%s: %s %d: %.9g, PyTorch %.9g", label, what, index, ours, theirs);
      return;
    }
  if (!(fabs (ours - theirs) <= tol * ref))
    g_error ("%s: %s %d: %.17g, PyTorch %.17g (difference %.3g of %.3g, allowed %g)", label, what, index,
             ours, theirs, fabs (ours - theirs) / ref, ref, tol);
}

static void
config_from_json (JsonObject        *o,
                  GradlensRunConfig *config)
{
  static const char * const sections[] = { "network", "init", "data" };
  g_autoptr(GError) error = NULL;

  gradlens_run_config_init (config);
  g_free (config->label);
  config->label = g_strdup (json_object_has_member (o, "label") ? json_object_get_string_member (o, "label") : "");
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

/* per parameter: the largest gradient norm of its layer (1-based layers) */
static void
layer_scales (const NnConfig *c,
              const double   *norms,
              double         *scale)
{
  int n = nn_config_n_params (c);
  g_autofree double *top = g_new0 (double, c->depth);

  for (int p = 0; p < n; p++)
    {
      int l;
      NnParamKind kind;

      nn_config_param_info (c, p, &l, &kind);
      if (isfinite (norms[p]))
        top[l] = MAX (top[l], norms[p]);
    }
  for (int p = 0; p < n; p++)
    {
      int l;
      NnParamKind kind;

      nn_config_param_info (c, p, &l, &kind);
      scale[p] = top[l];
    }
}

static void
check_parameters (const char              *label,
                  const GradlensRunResult *r,
                  JsonArray               *params)
{
  gboolean f64 = r->config.nn.dtype == NN_FLOAT64;
  gboolean two = r->config.nn.norm == NN_NORM_BATCH && r->config.nn.samples == 2;
  g_autofree double *theirs = g_new0 (double, r->n_params);
  g_autofree double *scale = g_new0 (double, r->n_params);

  g_assert_cmpuint (json_array_get_length (params), ==, (guint) r->n_params);
  for (int p = 0; p < r->n_params; p++)
    {
      JsonObject *o = json_array_get_object_element (params, p);
      JsonArray *shape = json_object_get_array_member (o, "shape");

      g_assert_cmpstr (r->names[p], ==, json_object_get_string_member (o, "name"));
      g_assert_cmpint (r->layers[p], ==, json_object_get_int_member (o, "layer"));
      g_assert_cmpstr (gradlens_param_kind_name (r->kinds[p]), ==, json_object_get_string_member (o, "kind"));
      g_assert_cmpint (r->rows[p], ==, json_array_get_int_element (shape, 0));
      g_assert_cmpint (json_array_get_length (shape), ==, r->is_weight[p] ? 2 : 1);
      if (r->is_weight[p])
        g_assert_cmpint (r->cols[p], ==, json_array_get_int_element (shape, 1));
      theirs[p] = number_member (o, "grad_norm");
    }
  layer_scales (&r->config.nn, theirs, scale);
  for (int p = 0; p < r->n_params; p++)
    check_close (label, r->names[p], p, r->grad_norm[p], theirs[p], scale[p],
                 f64 ? TOL_F64 : two ? TWO_SAMPLE_TOL_F32 : TOL_F32, f64 ? TINY_F64 : TINY_F32);
}

static void
check_layers (const char              *label,
              const GradlensRunResult *r,
              JsonArray               *layers)
{
  gboolean f64 = r->config.nn.dtype == NN_FLOAT64;
  double tol = f64 ? TOL_F64 : TOL_F32, tiny = f64 ? TINY_F64 : TINY_F32;
  gboolean plain = nn_config_is_plain (&r->config.nn);

  g_assert_cmpuint (json_array_get_length (layers), ==, (guint) r->depth);
  for (int l = 0; l < r->depth; l++)
    {
      JsonObject *t = json_array_get_object_element (layers, l);
      const NnLayerStats *s = &r->layer_stats[l];
      double pre_std = number_member (t, "pre_std"), act_std = number_member (t, "act_std");
      double count = (double) json_array_get_length (layers);

      /* a standard deviation that is rounding next to its mean (the
       * output of a vanished deep sigmoid net) only within the mean's
       * rounding, as in test-mlp */
      check_close (label, "pre_std", l + 1, s->pre_std, pre_std, 1e-2 * fabs (number_member (t, "pre_mean")), tol, 0);
      check_close (label, "pre_mean", l + 1, s->pre_mean, number_member (t, "pre_mean"), pre_std, tol, 0);
      check_close (label, "act_std", l + 1, s->act_std, act_std, 1e-2 * fabs (number_member (t, "act_mean")), tol, 0);
      check_close (label, "act_mean", l + 1, s->act_mean, number_member (t, "act_mean"), act_std, tol, 0);
      check_close (label, "deriv_mean", l + 1, s->deriv_mean, number_member (t, "deriv_mean"), 0, tol, 0);
      check_close (label, "deriv_sq_mean", l + 1, s->deriv_sq_mean, number_member (t, "deriv_sq_mean"), 0, tol, 0);
      check_close (label, "activation_gain", l + 1, s->activation_gain, number_member (t, "activation_gain"), 0,
                   tol, 0);
      check_close (label, "weight_gain", l + 1, s->weight_gain, number_member (t, "weight_gain"), 0, 1e-12, 0);
      check_close (label, "grad_rms", l + 1, s->grad_rms, number_member (t, "grad_rms"), 0,
                   r->config.nn.norm == NN_NORM_BATCH && r->config.nn.samples == 2 && !f64 ? TWO_SAMPLE_TOL_F32 : tol,
                   tiny);
      /* DESIGN.md: null with residual connections or normalisation */
      if (!plain)
        g_assert_true (isnan (s->predicted_grad_rms));
      check_close (label, "predicted_grad_rms", l + 1, s->predicted_grad_rms,
                   number_member (t, "predicted_grad_rms"), 0, tol, tiny);
      g_assert_cmpint (s->dead_units, ==, json_object_get_int_member (t, "dead_units"));
      /* within one entry: a derivative at the 1% threshold may round either way */
      (void) count;
      g_assert_cmpfloat (fabs (s->saturated_fraction - number_member (t, "saturated_fraction")), <=,
                         1.0 / ((double) r->config.nn.samples * (l == r->depth - 1 ? r->config.nn.outputs
                                                                   : r->config.nn.width)) + 1e-12);
    }
}

static void
check_diagnosis (const char              *label,
                 const GradlensRunResult *r,
                 JsonArray               *expected)
{
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

      g_assert_cmpstr (gradlens_finding_kind_name (f->kind), ==, json_object_get_string_member (e, "kind"));
      if (JSON_NODE_HOLDS_NULL (layer))
        g_assert_cmpint (f->layer, ==, 0);
      else
        g_assert_cmpint (f->layer, ==, json_node_get_int (layer));
      if (f->kind == GRADLENS_FINDING_VANISHING || f->kind == GRADLENS_FINDING_EXPLODING
          || f->kind == GRADLENS_FINDING_OUTPUT_INACTIVE)
        check_close (label, "finding", i, f->value, number_member (e, "value"), 0, f64 ? TOL_F64 : TOL_F32, 0);
      else if (f->kind != GRADLENS_FINDING_SATURATED)
        g_assert_cmpfloat (f->value, ==, number_member (e, "value"));
    }
}

/* the JSON of `run --format json`: norm parameters named, predicted_grad_rms null */
static void
check_json (const GradlensRunResult *r)
{
  g_autofree char *text = gradlens_results_to_json ((GradlensRunResult * const *) &r, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *run, *network;
  JsonArray *layers, *params;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  run = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "runs"), 0);
  network = json_object_get_object_member (json_object_get_object_member (run, "config"), "network");
  g_assert_cmpint (json_object_get_boolean_member (network, "residual"), ==, r->config.nn.residual);
  g_assert_cmpstr (json_object_get_string_member (network, "norm"), ==, nn_norm_name (r->config.nn.norm));
  params = json_object_get_array_member (run, "parameters");
  g_assert_cmpuint (json_array_get_length (params), ==, (guint) r->n_params);
  for (int p = 0; p < r->n_params; p++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (params, p), "name"), ==,
                     r->names[p]);
  layers = json_object_get_array_member (run, "layers");
  for (guint l = 0; l < json_array_get_length (layers); l++)
    {
      JsonObject *o = json_array_get_object_element (layers, l);

      g_assert_cmpint (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "predicted_grad_rms")), ==,
                       !nn_config_is_plain (&r->config.nn));
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
  gboolean f64;

  config_from_json (json_object_get_object_member (run, "config"), &config);
  r = gradlens_run (&config, 1, 0, NULL, NULL, NULL, &error);
  gradlens_run_config_clear (&config);
  g_assert_no_error (error);
  f64 = r->config.nn.dtype == NN_FLOAT64;
  check_close (label, "loss", 0, r->losses[0], number_member (run, "loss"), 0, f64 ? TOL_F64 : TOL_F32, 0);
  check_parameters (label, r, json_object_get_array_member (run, "parameters"));
  check_close (label, "decay_per_layer", 0, r->decay_per_layer, number_member (run, "decay_per_layer"), 0,
               f64 ? TOL_F64 : TOL_F32, 0);
  check_layers (label, r, json_object_get_array_member (run, "layers"));
  check_diagnosis (label, r, json_object_get_array_member (run, "diagnosis"));
  check_json (r);
}

/* a whole training, step by step: batch norm normalises with each step's
 * batch statistics (PyTorch's train mode) */
static void
test_fixture_train (gconstpointer data)
{
  JsonObject *c = (JsonObject *) data;
  const char *label = json_object_get_string_member (c, "label");
  JsonObject *train = json_object_get_object_member (c, "train");
  JsonObject *result = json_object_get_object_member (c, "result");
  JsonArray *steps = json_object_get_array_member (result, "steps");
  JsonArray *names = json_object_get_array_member (result, "parameters");
  GradlensRunConfig config = { 0 };
  GradlensTrainSettings settings;
  g_autoptr(GradlensTrainResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *theirs = NULL;
  g_autofree double *scale = NULL;
  gboolean f64;
  double tol, norm_tol;

  config_from_json (json_object_get_object_member (c, "config"), &config);
  gradlens_train_settings_init (&settings);
  settings.steps = (int) json_object_get_int_member (train, "steps");
  settings.optimizer = g_str_equal (json_object_get_string_member (train, "optimizer"), "adam") ? NN_OPTIM_ADAM
                                                                                                : NN_OPTIM_SGD;
  settings.lr = json_object_get_double_member (train, "lr");
  settings.momentum = json_object_get_double_member (train, "momentum");
  r = gradlens_train (&config, &settings, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f64 = config.nn.dtype == NN_FLOAT64;
  tol = f64 ? TRAIN_TOL_F64 : TRAIN_TOL_F32;
  norm_tol = f64 ? TRAIN_NORM_TOL_F64 : TRAIN_NORM_TOL_F32;
  g_assert_cmpuint (json_array_get_length (names), ==, (guint) r->n_params);
  for (int p = 0; p < r->n_params; p++)
    g_assert_cmpstr (r->names[p], ==, json_array_get_string_element (names, p));
  g_assert_cmpuint (json_array_get_length (steps), ==, (guint) r->n_steps);
  theirs = g_new0 (double, r->n_params);
  scale = g_new0 (double, r->n_params);
  for (int t = 0; t < r->n_steps; t++)
    {
      JsonObject *s = json_array_get_object_element (steps, t);
      JsonArray *norms = json_object_get_array_member (s, "grad_norms");
      JsonArray *change = json_object_get_array_member (s, "weight_change");

      check_close (label, "loss at step", t, r->losses[t], number_member (s, "loss"), 0, tol, 0);
      for (int p = 0; p < r->n_params; p++)
        theirs[p] = json_array_get_double_element (norms, p);
      layer_scales (&config.nn, theirs, scale);
      for (int p = 0; p < r->n_params; p++)
        check_close (label, r->names[p], t, r->norms[(gsize) t * r->n_params + p], theirs[p], scale[p], norm_tol,
                     0);
      for (int l = 0; l < r->depth; l++)
        {
          JsonNode *v = json_array_get_element (change, l);

          check_close (label, "weight_change at step", t, r->weight_change[(gsize) t * r->depth + l],
                       JSON_NODE_HOLDS_NULL (v) ? NAN : json_node_get_double (v), 0, tol, 0);
        }
    }
  gradlens_run_config_clear (&config);
}

/* batch norm with one sample: PyTorch raises in training mode; refused
 * before anything runs, naming the option or key and the way out */
static void
test_batch_norm_one_sample (void)
{
  GradlensRunConfig config = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensRunResult) r = NULL;

  gradlens_run_config_init (&config);
  config.nn.norm = NN_NORM_BATCH;
  config.nn.samples = 1;
  g_assert_false (gradlens_run_config_validate (&config, GRADLENS_NAMING_OPTION, 0, &error));
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "--norm"));
  g_assert_nonnull (strstr (error->message, "at least 2 samples"));
  g_assert_nonnull (strstr (error->message, "--samples is 1"));
  g_clear_error (&error);
  g_assert_false (gradlens_run_config_validate (&config, GRADLENS_NAMING_PRESET, 0, &error));
  g_assert_nonnull (strstr (error->message, "network.norm"));
  g_assert_nonnull (strstr (error->message, "data.samples is 1"));
  g_clear_error (&error);
  r = gradlens_run (&config, 1, 0, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  /* layer norm normalises each sample on its own: one is fine */
  config.nn.norm = NN_NORM_LAYER;
  r = gradlens_run (&config, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  gradlens_run_config_clear (&config);
}

/* the switches leave a plain network's results alone, bit for bit */
static void
test_plain_unchanged (void)
{
  for (int dtype = 0; dtype < NN_N_DTYPES; dtype++)
    {
      NnConfig a, b;
      NnMlp *ma, *mb;
      double na[10], nb[10];

      nn_config_init_default (&a);
      a.dtype = dtype;
      b = a;
      /* residual is a no-op where no layer qualifies: depth 1 */
      a.depth = b.depth = 1;
      b.residual = true;
      b.norm = NN_NORM_BATCH;   /* the last layer has no norm */
      g_assert_true (nn_config_is_plain (&b));
      ma = nn_mlp_new (&a);
      mb = nn_mlp_new (&b);
      nn_mlp_setup (ma, 3);
      nn_mlp_setup (mb, 3);
      g_assert_cmpfloat (nn_mlp_step (ma, na), ==, nn_mlp_step (mb, nb));
      g_assert_cmpmem (na, 2 * sizeof (double), nb, 2 * sizeof (double));
      nn_mlp_free (ma);
      nn_mlp_free (mb);
    }
}

/* The figure: by parameter, the norm layers' parameters after their
 * Linear's (lin1.w, lin1.b, norm1.w, norm1.b, lin2.w, ...); by layer, one
 * point per Linear (its weight), so the norm parameters group with it;
 * default labels name the remedies */
static void
test_figure (void)
{
  GradlensRunConfig config = { 0 };
  g_autoptr(GradlensRunResult) r = NULL;
  g_autoptr(GradlensPreset) preset = gradlens_preset_new ();
  g_autoptr(PlotFigure) by_param = NULL;
  g_autoptr(PlotFigure) by_layer = NULL;
  static const char * const names[] = {
    "lin1.weight", "lin1.bias", "norm1.weight", "norm1.bias", "lin2.weight", "lin2.bias", "norm2.weight",
    "norm2.bias", "lin3.weight", "lin3.bias",
  };
  g_autofree char *label = NULL;

  gradlens_run_config_init (&config);
  g_clear_pointer (&config.label, g_free);
  config.nn.depth = 3;
  config.nn.norm = NN_NORM_BATCH;
  config.nn.residual = true;
  r = gradlens_run (&config, 1, 0, NULL, NULL, NULL, NULL);
  label = gradlens_default_label (&config, 1);
  /* a sweep of it is named so too */
  {
    g_autofree char *sweep_label = gradlens_default_sweep_label (&config);

    g_assert_cmpstr (sweep_label, ==, "sigmoid, residual, batch norm");
  }
  gradlens_run_config_clear (&config);
  g_assert_nonnull (strstr (label, "residual, batch norm"));

  preset->plot.x_axis = GRADLENS_X_PARAMETER;
  by_param = gradlens_figure_from_results (&preset->plot, &r, 1);
  g_assert_cmpuint (plot_figure_get_n_categories (by_param), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *shortened = plot_shorten_parameter_name (names[i]);

      g_assert_cmpstr (plot_figure_get_category (by_param, i), ==, names[i]);
      g_assert_cmpstr (plot_figure_get_category_label (by_param, i), ==, shortened);
      g_assert_cmpfloat (plot_figure_get_series_values (by_param, 0, NULL)[i], ==, r->grad_norm[i]);
    }
  /* a plain run beside it: each of its values at its own parameter's name
   * (lin3.weight at lin3.weight, not at norm2.weight), gaps at the norm
   * layers' parameters, whichever run comes first */
  {
    GradlensRunConfig plain_config = { 0 };
    g_autoptr(GradlensRunResult) plain = NULL;

    gradlens_run_config_init (&plain_config);
    plain_config.nn.depth = 3;
    plain = gradlens_run (&plain_config, 1, 0, NULL, NULL, NULL, NULL);
    gradlens_run_config_clear (&plain_config);
    for (guint order = 0; order < 2; order++)
      {
        GradlensRunResult *both[2];
        g_autoptr(PlotFigure) mixed = NULL;
        guint s = order == 0 ? 0 : 1;
        gsize n = 0;
        const double *values;

        both[s] = plain;
        both[1 - s] = r;
        mixed = gradlens_figure_from_results (&preset->plot, both, 2);
        g_assert_cmpuint (plot_figure_get_n_categories (mixed), ==, G_N_ELEMENTS (names));
        values = plot_figure_get_series_values (mixed, s, &n);
        for (guint i = 0; i < G_N_ELEMENTS (names); i++)
          {
            gboolean norm = g_str_has_prefix (names[i], "norm");

            g_assert_cmpstr (plot_figure_get_category (mixed, i), ==, names[i]);
            g_assert_cmpint (plot_figure_get_series_gap (mixed, s, i), ==, norm);
            if (!norm)
              {
                int p;

                for (p = 0; p < plain->n_params; p++)
                  if (g_str_equal (plain->names[p], names[i]))
                    break;
                g_assert_cmpint (p, <, plain->n_params);
                g_assert_cmpuint (i, <, n);
                g_assert_cmpfloat (values[i], ==, plain->grad_norm[p]);
              }
          }
      }
  }
  preset->plot.x_axis = GRADLENS_X_LAYER;
  by_layer = gradlens_figure_from_results (&preset->plot, &r, 1);
  g_assert_cmpuint (plot_figure_get_n_categories (by_layer), ==, 3);
  for (guint l = 0; l < 3; l++)
    g_assert_cmpfloat (plot_figure_get_series_values (by_layer, 0, NULL)[l], ==,
                       r->grad_norm[nn_config_param_index (&r->config.nn, (int) l, NN_PARAM_WEIGHT)]);
}

/* The built-in preset "Remedies" (data/presets/remedies.json) is what its
 * fixture computed with PyTorch (tests/fixtures/remedies-preset.json, read
 * from the preset by generate.py): the same runs, in the same order, with the
 * same configurations; the numbers are compared by the runs'
 * /gradlens/remedies/preset/ tests */
static void
test_preset_is_fixture (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets", "remedies.json",
                                            NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = gradlens_preset_load_path (path, &error);
  JsonArray *runs = json_object_get_array_member (fixture_root (remedies_preset_fixture), "runs");

  g_assert_no_error (error);
  g_assert_cmpuint (preset->runs->len, ==, 4);
  g_assert_cmpuint (json_array_get_length (runs), ==, preset->runs->len);
  for (guint i = 0; i < preset->runs->len; i++)
    {
      GradlensRunConfig *ours = g_ptr_array_index (preset->runs, i);
      JsonObject *run = json_array_get_object_element (runs, i);
      GradlensRunConfig theirs = { 0 };
      g_autoptr(JsonBuilder) a = json_builder_new ();
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node_a = NULL;
      g_autoptr(JsonNode) node_b = NULL;

      config_from_json (json_object_get_object_member (run, "config"), &theirs);
      g_assert_cmpstr (ours->label, ==, theirs.label);
      gradlens_run_config_build_json (ours, a);
      gradlens_run_config_build_json (&theirs, b);
      gradlens_run_config_clear (&theirs);
      node_a = json_builder_get_root (a);
      node_b = json_builder_get_root (b);
      g_assert_true (json_node_equal (node_a, node_b));
      /* depth 20, the four profiles the description tells apart */
      g_assert_cmpint (ours->nn.depth, ==, 20);
    }
}

int
main (int    argc,
      char **argv)
{
  JsonArray *runs, *trains;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  remedies_fixture = fixture_load ("remedies.json");
  runs = json_object_get_array_member (fixture_root (remedies_fixture), "runs");
  trains = json_object_get_array_member (fixture_root (remedies_fixture), "train");
  /* every combination with every activation in both dtypes */
  g_assert_cmpuint (json_array_get_length (runs), >=, 2 * 5 * NN_N_ACTIVATIONS);
  g_assert_cmpuint (json_array_get_length (trains), >=, 10);
  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      g_autofree char *path = g_strdup_printf ("/gradlens/remedies/run/%s", json_object_get_string_member (run, "label"));

      g_test_add_data_func (path, run, test_fixture_run);
    }
  for (guint i = 0; i < json_array_get_length (trains); i++)
    {
      JsonObject *c = json_array_get_object_element (trains, i);
      g_autofree char *path = g_strdup_printf ("/gradlens/remedies/train/%s", json_object_get_string_member (c, "label"));

      g_test_add_data_func (path, c, test_fixture_train);
    }
  remedies_preset_fixture = fixture_load ("remedies-preset.json");
  runs = json_object_get_array_member (fixture_root (remedies_preset_fixture), "runs");
  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      g_autofree char *path = g_strdup_printf ("/gradlens/remedies/preset/%s", json_object_get_string_member (run, "label"));

      g_test_add_data_func (path, run, test_fixture_run);
    }
  g_test_add_func ("/gradlens/remedies/preset-is-fixture", test_preset_is_fixture);
  g_test_add_func ("/gradlens/remedies/batch-norm-one-sample", test_batch_norm_one_sample);
  g_test_add_func ("/gradlens/remedies/plain-unchanged", test_plain_unchanged);
  g_test_add_func ("/gradlens/remedies/figure", test_figure);
  return g_test_run ();
}
