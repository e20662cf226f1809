/* test-builtin-presets.c - the built-in presets (data/presets) tell the
 * truth: each has a description of what to notice, and each run's diagnosis
 * (DESIGN.md "Teaching contracts") is the one its label and description
 * claim; the optional "description" key itself
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "gradlens-diagnosis.h"
#include "gradlens-error.h"
#include "gradlens-preset.h"
#include "gradlens-runner.h"
#include "gradlens-train.h"

typedef struct
{
  const char *file;
  const char *label;
  const char *findings;   /* the kinds, in order, space-separated */
} Claim;

/* Every run of every built-in preset, with what it must show (over its
 * first seed). A new preset or run needs its line here. */
static const Claim claims[] = {
  /* the four runs the deep network goes wrong or right, each as labelled */
  { "deep-diagnostics.json", "Sigmoid, default init", "vanishing" },
  { "deep-diagnostics.json", "Tanh, normal init (std 1): saturated", "saturated" },
  { "deep-diagnostics.json", "ReLU, normal init (std 0.01): dead units",
    "vanishing saturated dead_units zero_gradients" },
  /* healthy: no vanishing, no dead output, no zeros (ReLU's flat half always
   * counts as saturated, and a 10-wide ReLU net has some dead units) */
  { "deep-diagnostics.json", "ReLU, He init", "saturated dead_units" },
  /* the notebook's figures at the seeds closest to what it printed: sigmoid
   * vanishes with either init; Leaky ReLU's output unit is alive (its decay,
   * x0.50, is five times slower than sigmoid's); Xavier keeps it flat */
  { "notebook-1-sigmoid.json", "Vanilla Sigmoid Network", "vanishing" },
  { "notebook-2-leaky-relu.json", "Leaky ReLU Network", "vanishing" },
  { "notebook-3-he-init.json", "Sigmoid with He Initialization", "vanishing" },
  { "notebook-4-xavier-init.json", "Leaky ReLU with Xavier Initialization", "" },
  { "notebook.json", "Vanilla Sigmoid Network", "vanishing" },
  { "notebook.json", "Leaky ReLU Network", "vanishing" },
  { "notebook.json", "Sigmoid with He Initialization", "vanishing" },
  { "notebook.json", "Leaky ReLU with Xavier Initialization", "" },
  /* the ensembles' first seed (seed 0): the description's two groups */
  { "seed-ensembles.json", "Sigmoid, 200 seeds", "vanishing" },
  { "seed-ensembles.json", "Leaky ReLU, 200 seeds", "output_inactive" },
  /* the remedies at depth 20: only the plain sigmoid net vanishes; residual
   * connections slow the fall, batch norm and Leaky ReLU + He keep it flat */
  { "remedies.json", "Plain sigmoid", "vanishing" },
  { "remedies.json", "Sigmoid + residual connections", "" },
  { "remedies.json", "Sigmoid + batch norm", "" },
  { "remedies.json", "Leaky ReLU + He init", "" },
  /* what vanishing costs: the same two nets before training */
  { "what-vanishing-costs.json", "Sigmoid, default init", "vanishing" },
  { "what-vanishing-costs.json", "Leaky ReLU, He init", "" },
};

static char *
kinds_of (const GradlensRunResult *r)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < r->n_diagnosis; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? " " : "", gradlens_finding_kind_name (r->diagnosis[i].kind));
  return g_string_free (s, FALSE);
}

static const Claim *
claim_for (const char *file,
           const char *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
    if (g_str_equal (claims[i].file, file) && g_str_equal (claims[i].label, label))
      return &claims[i];
  return NULL;
}

static void
test_claims (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint checked = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GradlensPreset) preset = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      preset = gradlens_preset_load_path (path, &error);
      g_assert_no_error (error);
      /* what a student should notice, in words of some length */
      g_assert_cmpuint (strlen (preset->description), >, 100);
      for (guint i = 0; i < preset->runs->len; i++)
        {
          const GradlensRunConfig *config = g_ptr_array_index (preset->runs, i);
          const Claim *claim = claim_for (name, config->label);
          g_autoptr(GradlensRunResult) r = gradlens_run (config, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, NULL, NULL,
                                                         NULL, &error);
          g_autofree char *kinds = NULL;

          g_assert_no_error (error);
          if (claim == NULL)
            g_error ("%s: run “%s” has no claim in test-builtin-presets.c", name, config->label);
          kinds = kinds_of (r);
          if (!g_str_equal (kinds, claim->findings))
            g_error ("%s: run “%s” shows [%s], its claim is [%s]", name, config->label, kinds, claim->findings);
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (claims));
}

/* The healthy ReLU run: the gradient reaches every layer at about the same size */
static void
test_healthy_relu (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets",
                                            "deep-diagnostics.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = gradlens_preset_load_path (path, &error);
  g_autoptr(GradlensRunResult) r = NULL;
  const GradlensRunConfig *config;

  g_assert_no_error (error);
  config = g_ptr_array_index (preset->runs, 3);
  g_assert_cmpstr (config->label, ==, "ReLU, He init");
  r = gradlens_run (config, 0, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (r->decay_per_layer, >, 0.9);
  g_assert_cmpfloat (r->decay_per_layer, <, 1.1);
  for (int p = 0; p < r->n_params; p++)
    g_assert_cmpfloat (r->grad_norm[p], >, 1e-4);
  /* and the description says why its seed differs from the others' */
  g_assert_nonnull (strstr (preset->description, "seed 5"));
  g_assert_cmpint (config->seed, ==, 5);
}

/* "What vanishing costs": trained as its "train" object says, the sigmoid
 * net's first layers do not move and its loss stalls, while every layer of
 * the Leaky ReLU net moves and its loss falls, as its description claims */
static void
test_what_vanishing_costs (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets",
                                            "what-vanishing-costs.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = gradlens_preset_load_path (path, &error);
  g_autoptr(GradlensTrainResult) sigmoid = NULL;
  g_autoptr(GradlensTrainResult) leaky = NULL;
  int last;

  g_assert_no_error (error);
  g_assert_true (preset->has_train);
  g_assert_cmpint (preset->train.optimizer, ==, NN_OPTIM_SGD);
  g_assert_cmpuint (preset->runs->len, ==, 2);
  sigmoid = gradlens_train (g_ptr_array_index (preset->runs, 0), &preset->train, 0, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  leaky = gradlens_train (g_ptr_array_index (preset->runs, 1), &preset->train, 0, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sigmoid->depth, ==, 10);
  last = sigmoid->n_steps - 1;

  /* sigmoid: lin1 and lin2 never move, lin3 by less than 1e-7, the last
   * layer by more than 10%; the loss stops near 0.75 */
  g_assert_cmpfloat (sigmoid->weight_change[(gsize) last * 10 + 0], ==, 0.0);
  g_assert_cmpfloat (sigmoid->weight_change[(gsize) last * 10 + 1], ==, 0.0);
  g_assert_cmpfloat (sigmoid->weight_change[(gsize) last * 10 + 2], <, 1e-7);
  g_assert_cmpfloat (sigmoid->weight_change[(gsize) last * 10 + 9], >, 0.1);
  g_assert_cmpfloat (sigmoid->losses[last], >, 0.74);
  /* its first layer's gradient is 1e8 times smaller than its last's */
  g_assert_cmpfloat (sigmoid->norms[0] * 1e7, <, sigmoid->norms[18]);
  /* Leaky ReLU + He: every layer moves by more than 10%, the loss falls
   * from 2.0 to about 0.05 */
  for (int l = 0; l < 10; l++)
    g_assert_cmpfloat (leaky->weight_change[(gsize) last * 10 + l], >, 0.1);
  g_assert_cmpfloat (leaky->losses[0], >, 2.0);
  g_assert_cmpfloat (leaky->losses[last], <, 0.06);
  g_assert_nonnull (strstr (preset->description, "Training view"));
}

/* "Remedies": four clearly different profiles, as its description says:
 * the plain sigmoid net falls ×0.13 per layer to about 1e-18 at lin1,
 * residual connections slow the fall to about ×0.85 (5e-4 at lin1), batch
 * norm keeps it flat (×1.00), Leaky ReLU + He flat at a higher level */
static void
test_remedies (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets", "remedies.json",
                                            NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = gradlens_preset_load_path (path, &error);
  GradlensRunResult *r[4];
  double lin1[4];

  g_assert_no_error (error);
  g_assert_cmpuint (preset->runs->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      r[i] = gradlens_run (g_ptr_array_index (preset->runs, i), 0, 0, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (r[i]->depth, ==, 20);
      g_assert_cmpstr (r[i]->names[0], ==, "lin1.weight");
      lin1[i] = r[i]->grad_norm[0];
    }
  g_assert_cmpfloat (r[0]->decay_per_layer, <, 0.2);
  g_assert_cmpfloat (lin1[0], <, 1e-15);
  g_assert_cmpfloat (r[1]->decay_per_layer, >, 0.75);
  g_assert_cmpfloat (r[1]->decay_per_layer, <, 0.95);
  g_assert_cmpfloat (lin1[1], >, 1e-4);
  g_assert_cmpfloat (lin1[1], <, 1e-3);
  g_assert_cmpfloat (fabs (r[2]->decay_per_layer - 1.0), <, 0.05);
  g_assert_cmpfloat (r[3]->decay_per_layer, >, 0.85);
  /* each flat profile above the one before: residual < batch norm < Leaky ReLU + He at lin1 */
  g_assert_cmpfloat (lin1[1] * 10, <, lin1[2]);
  g_assert_cmpfloat (lin1[2] * 10, <, lin1[3]);
  /* the norm layers' parameters follow their Linear's */
  g_assert_cmpstr (r[2]->names[2], ==, "norm1.weight");
  g_assert_nonnull (strstr (preset->description, "seed is 1"));
  for (guint i = 0; i < 4; i++)
    gradlens_run_result_free (r[i]);
}

static void
test_description_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) none = gradlens_preset_load_data ("{\"format\": \"gradlens-preset\", \"runs\": [{}]}", -1,
                                                              "none", &error);
  g_autoptr(GradlensPreset) some = NULL;
  g_autoptr(GradlensPreset) again = NULL;
  g_autoptr(GradlensPreset) bad = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data_none = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (none->description, ==, "");
  /* a preset without one saves without one, as before */
  data_none = gradlens_preset_to_data (none);
  g_assert_null (strstr (data_none, "description"));

  some = gradlens_preset_load_data ("{\"format\": \"gradlens-preset\", \"description\": \"Look: ×0.1\", "
                                    "\"runs\": [{}]}", -1, "some", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (some->description, ==, "Look: ×0.1");
  data = gradlens_preset_to_data (some);
  again = gradlens_preset_load_data (data, -1, "again", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->description, ==, "Look: ×0.1");

  bad = gradlens_preset_load_data ("{\"format\": \"gradlens-preset\", \"description\": 3, \"runs\": [{}]}", -1,
                                   "bad", &error);
  g_assert_null (bad);
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET);
  g_assert_nonnull (strstr (error->message, "description"));
  g_assert_nonnull (strstr (error->message, "expected a string"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/gradlens/builtin-presets/claims", test_claims);
  g_test_add_func ("/gradlens/builtin-presets/healthy-relu", test_healthy_relu);
  g_test_add_func ("/gradlens/builtin-presets/description-key", test_description_key);
  g_test_add_func ("/gradlens/builtin-presets/what-vanishing-costs", test_what_vanishing_costs);
  g_test_add_func ("/gradlens/builtin-presets/remedies", test_remedies);
  return g_test_run ();
}
