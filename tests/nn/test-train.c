/* test-train.c - training against PyTorch (tests/fixtures/train.json): the
 * optimizers bit for bit on given gradients, whole trainings step by step,
 * and step 0 of a training equal to a plain run
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <math.h>

#include "fixture.h"
#include "gradlens-config.h"
#include "gradlens-runner.h"
#include "gradlens-train.h"
#include "mlp.h"
#include "optim.h"
#include "train.h"

static JsonParser *train_fixture;

/* Tolerances of whole trainings against PyTorch.
 *
 * The optimizers themselves are exact (/gradlens/nn/train/optim-bits) and
 * step 0 is exactly a plain run (/gradlens/nn/train/step0-is-run); the
 * forward and backward passes are not bit-exact: their sums run in another
 * order than PyTorch's (OpenBLAS kernels, vector reductions), which
 * test-mlp bounds by 2e-4 relative in float32 and 1e-9 in float64 (about
 * 1e-7 and 1e-15 in practice). Each update carries that rounding into the
 * weights, and later steps see it again. Measured over these 50 to 80
 * steps:
 * - losses and weight changes agree within 3e-6 relative in float32 and
 *   2e-14 in float64: the trajectories stay together. Bounds 2e-5 and 1e-12.
 * - gradient norms agree as well, except where a norm is small because its
 *   sum cancels (a bias gradient, the mean residual, near a minimum: 5e-8
 *   next to 2e-4 for its layer's weight). Such a value is only as accurate
 *   as the terms it sums, so a gradient norm is compared relative to the
 *   larger of itself and its layer's largest gradient norm at that step:
 *   measured at most 2.9e-4 in float32 (the identity-output net under
 *   momentum; 5e-5 in the others) and 8e-13 in float64. Bounds 2e-3 and
 *   1e-11: a 7x and 12x margin for other CPUs' kernels, and still far below
 *   what a wrong operation in an update does within a few steps. */
#define TOL_F32       2e-5
#define TOL_F64       1e-12
#define NORM_TOL_F32  2e-3
#define NORM_TOL_F64  1e-11
/* values PyTorch gives below these are compared only for being as small */
#define TINY_F32 1e-30
#define TINY_F64 1e-290

static JsonObject *
fixture (void)
{
  return fixture_root (train_fixture);
}

/* ---- the optimizers, bit for bit --------------------------------------- */

static void
test_optim_bits (void)
{
  JsonArray *cases = json_object_get_array_member (fixture (), "optim");
  guint total_bad = 0;

  g_assert_cmpuint (json_array_get_length (cases), >=, 10);
  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonObject *o = json_array_get_object_element (cases, c);
      const char *name = json_object_get_string_member (o, "name");
      gboolean f64 = g_str_equal (json_object_get_string_member (o, "dtype"), "float64");
      gsize elem = f64 ? sizeof (double) : sizeof (float);
      JsonArray *sizes = json_object_get_array_member (o, "sizes");
      JsonArray *params = json_object_get_array_member (o, "params");
      JsonArray *grads = json_object_get_array_member (o, "grads");
      JsonArray *after = json_object_get_array_member (o, "after");
      guint n_tensors = json_array_get_length (sizes);
      g_autofree void **p = g_new0 (void *, n_tensors);
      g_autofree void **g = g_new0 (void *, n_tensors);
      g_autofree size_t *n = g_new0 (size_t, n_tensors);
      NnOptimConfig config;
      NnOptim *opt;
      size_t total = 0;

      nn_optim_config_init_default (&config);
      config.kind = nn_optimizer_from_name (json_object_get_string_member (o, "optimizer"));
      g_assert_cmpint (config.kind, >=, 0);
      config.lr = json_object_get_double_member (o, "lr");
      config.momentum = json_object_get_double_member (o, "momentum");

      /* separate allocations: the tensors reach the optimizer one by one */
      for (guint t = 0; t < n_tensors; t++)
        {
          JsonArray *values = json_array_get_array_element (params, t);

          n[t] = (size_t) json_array_get_int_element (sizes, t);
          total += n[t];
          p[t] = g_malloc (n[t] * elem);
          g[t] = g_malloc (n[t] * elem);
          for (size_t i = 0; i < n[t]; i++)
            {
              const char *hex = json_array_get_string_element (values, i);

              if (f64)
                ((double *) p[t])[i] = fixture_hex_f64 (hex);
              else
                ((float *) p[t])[i] = fixture_hex_f32 (hex);
            }
        }
      opt = nn_optim_new (&config, f64 ? NN_FLOAT64 : NN_FLOAT32, total);
      g_assert_nonnull (opt);
      nn_optim_reset (opt);

      for (guint s = 0; s < json_array_get_length (grads); s++)
        {
          JsonArray *step_grads = json_array_get_array_element (grads, s);
          JsonArray *step_after = json_array_get_array_element (after, s);

          for (guint t = 0; t < n_tensors; t++)
            {
              JsonArray *values = json_array_get_array_element (step_grads, t);

              for (size_t i = 0; i < n[t]; i++)
                {
                  const char *hex = json_array_get_string_element (values, i);

                  if (f64)
                    ((double *) g[t])[i] = fixture_hex_f64 (hex);
                  else
                    ((float *) g[t])[i] = fixture_hex_f32 (hex);
                }
            }
          nn_optim_step (opt, (int) n_tensors, p, (const void * const *) g, n);
          for (guint t = 0; t < n_tensors; t++)
            {
              g_autofree char *what = g_strdup_printf ("%s, step %u, tensor %u", name, s + 1, t);

              total_bad += fixture_compare_bits (what, json_array_get_array_element (step_after, t), p[t], f64,
                                                 n[t]);
            }
        }
      nn_optim_free (opt);
      for (guint t = 0; t < n_tensors; t++)
        {
          g_free (p[t]);
          g_free (g[t]);
        }
    }
  g_assert_cmpuint (total_bad, ==, 0);
}

/* the optimizer's state follows the values, not the tensors: one merged
 * tensor gives the same bits as the same values in pieces */
static void
test_optim_merged (void)
{
  for (int kind = 0; kind < 3; kind++)
    {
      NnOptimConfig config;
      float a[50], b[50], g[50];
      void *pieces[3] = { b, b + 7, b + 20 };
      const void *gpieces[3] = { g, g + 7, g + 20 };
      size_t sizes[3] = { 7, 13, 30 };
      size_t all = 50;
      void *whole = a;
      const void *gwhole = g;
      NnOptim *one, *three;

      nn_optim_config_init_default (&config);
      config.kind = kind == 2 ? NN_OPTIM_ADAM : NN_OPTIM_SGD;
      config.momentum = kind == 1 ? 0.9 : 0;
      config.lr = 0.03;
      one = nn_optim_new (&config, NN_FLOAT32, 50);
      three = nn_optim_new (&config, NN_FLOAT32, 50);
      for (int i = 0; i < 50; i++)
        a[i] = b[i] = (float) sin (i + 1.0);
      for (int s = 0; s < 5; s++)
        {
          for (int i = 0; i < 50; i++)
            g[i] = (float) cos (i * (s + 2.0));
          nn_optim_step (one, 1, &whole, &gwhole, &all);
          nn_optim_step (three, 3, pieces, gpieces, sizes);
        }
      g_assert_cmpmem (a, sizeof a, b, sizeof b);
      nn_optim_free (one);
      nn_optim_free (three);
    }
}

/* ---- whole trainings against PyTorch ----------------------------------- */

static void
config_from_json (JsonObject        *o,
                  GradlensRunConfig *config)
{
  static const char * const sections[] = { "network", "init", "data" };

  gradlens_run_config_init (config);
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonObject *section = json_object_get_object_member (o, sections[s]);
      g_autoptr(GList) keys = json_object_get_members (section);

      for (GList *k = keys; k != NULL; k = k->next)
        {
          const GradlensField *field = gradlens_field_lookup (sections[s], k->data);
          g_autoptr(GError) error = NULL;

          g_assert_nonnull (field);
          gradlens_field_set_json (field, json_object_get_member (section, k->data), k->data, config, &error);
          g_assert_no_error (error);
        }
    }
  {
    g_autoptr(GError) error = NULL;

    gradlens_field_set_json (gradlens_field_lookup (NULL, "dtype"), json_object_get_member (o, "dtype"),
                             "dtype", config, &error);
    g_assert_no_error (error);
  }
}

typedef struct
{
  const char *label;
  gboolean    f64;
  guint       bad;
  guint       checked;
  double      worst;        /* loss and weight change: relative */
  double      worst_norm;   /* gradient norms: relative to max (itself, its layer's) */
} Check;

/* |ours - theirs| <= tol * max (|theirs|, scale) */
static void
check_value (Check      *c,
             const char *what,
             int         step,
             double      ours,
             double      theirs,
             double      scale,
             gboolean    norm)
{
  double tol = norm ? (c->f64 ? NORM_TOL_F64 : NORM_TOL_F32) : (c->f64 ? TOL_F64 : TOL_F32);
  double tiny = c->f64 ? TINY_F64 : TINY_F32;
  double rel;

  c->checked++;
  if (theirs == 0 ? ours == 0 : fabs (theirs) < tiny ? fabs (ours) < 10 * tiny : FALSE)
    return;
  rel = fabs (ours - theirs) / MAX (fabs (theirs), scale);
  if (theirs != 0 && isfinite (rel))
    {
      if (norm)
        c->worst_norm = MAX (c->worst_norm, rel);
      else
        c->worst = MAX (c->worst, rel);
    }
  if (!(rel <= tol))
    {
      if (c->bad < 10)
        g_test_message ("%s, step %d, %s: %.17g, PyTorch %.17g (difference %.3g relative to %.3g, allowed %g)",
                        c->label, step, what, ours, theirs, rel, MAX (fabs (theirs), scale), tol);
      c->bad++;
    }
}

static void
test_pytorch (void)
{
  JsonArray *cases = json_object_get_array_member (fixture (), "train");
  double worst[2] = { 0, 0 }, worst_norm[2] = { 0, 0 };
  guint bad = 0, checked = 0;

  g_assert_cmpuint (json_array_get_length (cases), >=, 20);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *o = json_array_get_object_element (cases, i);
      JsonObject *settings_json = json_object_get_object_member (o, "train");
      JsonObject *expected = json_object_get_object_member (o, "result");
      JsonArray *names = json_object_get_array_member (expected, "parameters");
      JsonArray *steps = json_object_get_array_member (expected, "steps");
      GradlensRunConfig config;
      GradlensTrainSettings settings;
      g_autoptr(GradlensTrainResult) r = NULL;
      g_autoptr(GError) error = NULL;
      Check c = { json_object_get_string_member (o, "label"), FALSE, 0, 0, 0, 0 };

      config_from_json (json_object_get_object_member (o, "config"), &config);
      c.f64 = config.nn.dtype == NN_FLOAT64;
      gradlens_train_settings_init (&settings);
      settings.steps = (int) json_object_get_int_member (settings_json, "steps");
      settings.optimizer = nn_optimizer_from_name (json_object_get_string_member (settings_json, "optimizer"));
      settings.lr = json_object_get_double_member (settings_json, "lr");
      settings.momentum = json_object_get_double_member (settings_json, "momentum");

      r = gradlens_train (&config, &settings, 1, 0, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (r->n_steps, ==, (int) json_array_get_length (steps));
      g_assert_cmpint (r->n_params, ==, (int) json_array_get_length (names));
      for (int p = 0; p < r->n_params; p++)
        g_assert_cmpstr (r->names[p], ==, json_array_get_string_element (names, p));

      for (int t = 0; t < r->n_steps; t++)
        {
          JsonObject *s = json_array_get_object_element (steps, t);
          JsonArray *norms = json_object_get_array_member (s, "grad_norms");
          JsonArray *change = json_object_get_array_member (s, "weight_change");

          g_assert_cmpint (json_object_get_int_member (s, "step"), ==, t);
          check_value (&c, "loss", t, r->losses[t], fixture_number_member (s, "loss"), 0, FALSE);
          for (int p = 0; p < r->n_params; p++)
            {
              double layer = MAX (fixture_number (json_array_get_element (norms, p - p % 2)),
                                  fixture_number (json_array_get_element (norms, p - p % 2 + 1)));

              check_value (&c, r->names[p], t, r->norms[(gsize) t * r->n_params + p],
                           fixture_number (json_array_get_element (norms, p)), layer, TRUE);
            }
          g_assert_cmpint ((int) json_array_get_length (change), ==, r->depth);
          for (int l = 0; l < r->depth; l++)
            {
              JsonNode *node = json_array_get_element (change, l);
              double ours = r->weight_change[(gsize) t * r->depth + l];
              g_autofree char *what = g_strdup_printf ("weight_change[%d]", l + 1);

              /* null exactly where ||W(0)|| is 0; step 0 exactly 0 */
              g_assert_cmpint (JSON_NODE_HOLDS_NULL (node), ==, !r->has_change[l]);
              if (!r->has_change[l])
                continue;
              if (t == 0)
                g_assert_cmpfloat (ours, ==, 0.0);
              check_value (&c, what, t, ours, fixture_number (node), 0, FALSE);
            }
        }
      g_test_message ("%s: %u values, largest differences: loss and weight change %.2g, gradient norms %.2g",
                      c.label, c.checked, c.worst, c.worst_norm);
      worst[c.f64] = MAX (worst[c.f64], c.worst);
      worst_norm[c.f64] = MAX (worst_norm[c.f64], c.worst_norm);
      bad += c.bad;
      checked += c.checked;
      gradlens_run_config_clear (&config);
    }
  g_test_message ("largest differences: float32 %.2g (allowed %g), gradient norms %.2g (allowed %g); "
                  "float64 %.2g (allowed %g), gradient norms %.2g (allowed %g)",
                  worst[0], TOL_F32, worst_norm[0], NORM_TOL_F32, worst[1], TOL_F64, worst_norm[1], NORM_TOL_F64);
  g_assert_cmpuint (checked, >, 20000);
  g_assert_cmpuint (bad, ==, 0);
}

/* ---- step 0 is a plain run ----------------------------------------------- */

/* gradlens_train's step 0 and gradlens_run compute the same thing through
 * different code (the trainer, the runner): the same bits */
static void
test_step0_is_run (void)
{
  static const struct
  {
    NnActivation act;
    NnDtype      dtype;
    int          depth, width, samples, seeds;
    NnOptimizer  optimizer;
  } cases[] = {
    { NN_ACT_SIGMOID, NN_FLOAT32, 5, 10, 100, 1, NN_OPTIM_SGD },
    { NN_ACT_LEAKY_RELU, NN_FLOAT32, 5, 10, 100, 3, NN_OPTIM_ADAM },
    { NN_ACT_TANH, NN_FLOAT64, 4, 17, 33, 2, NN_OPTIM_SGD },
    { NN_ACT_GELU, NN_FLOAT32, 3, 64, 80, 1, NN_OPTIM_ADAM },
    { NN_ACT_SIGMOID, NN_FLOAT64, 30, 8, 20, 1, NN_OPTIM_SGD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GradlensRunConfig config;
      GradlensTrainSettings settings;
      g_autoptr(GradlensRunResult) run = NULL;
      g_autoptr(GradlensTrainResult) train = NULL;
      g_autoptr(GError) error = NULL;

      gradlens_run_config_init (&config);
      config.nn.activation = cases[i].act;
      config.nn.dtype = cases[i].dtype;
      config.nn.depth = cases[i].depth;
      config.nn.width = cases[i].width;
      config.nn.samples = cases[i].samples;
      config.seeds = cases[i].seeds;
      config.seed = 11 + i;
      gradlens_train_settings_init (&settings);
      settings.optimizer = cases[i].optimizer;
      settings.steps = 3;

      run = gradlens_run (&config, 0, 0, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      train = gradlens_train (&config, &settings, 0, 0, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      for (int s = 0; s < config.seeds; s++)
        {
          gsize k = (gsize) s * train->n_steps;   /* seed s, step 0 */

          g_assert_cmpmem (&train->losses[k], sizeof (double), &run->losses[s], sizeof (double));
          g_assert_cmpmem (train->norms + k * train->n_params, sizeof (double) * train->n_params,
                           run->norms + (gsize) s * run->n_params, sizeof (double) * run->n_params);
        }
      /* the training went on from there */
      g_assert_true (train->losses[1] != train->losses[0]);
      gradlens_run_config_clear (&config);
    }
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  train_fixture = fixture_load ("train.json");

  g_test_add_func ("/gradlens/nn/train/optim-bits", test_optim_bits);
  g_test_add_func ("/gradlens/nn/train/optim-merged", test_optim_merged);
  g_test_add_func ("/gradlens/nn/train/pytorch", test_pytorch);
  g_test_add_func ("/gradlens/nn/train/step0-is-run", test_step0_is_run);

  rc = g_test_run ();
  g_object_unref (train_fixture);
  return rc;
}
