/* gradlens-bench.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <time.h>
#include <glib/gi18n-lib.h>

#include "gradlens-bench.h"
#include "gradlens-error.h"
#include "gradlens-export.h"
#include "gradlens-format.h"
#include "mlp.h"

static double
seconds_now (void)
{
  struct timespec t;

  clock_gettime (CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec + (double) t.tv_nsec * 1e-9;
}

/* the minimum and median of n timings, with the library's statistics */
static void
min_median (double *t,
            guint   n,
            double *min,
            double *median)
{
  GradlensStats stats;

  gradlens_stats_compute (t, n, &stats);
  *min = stats.min;
  *median = stats.median;
}

GradlensBenchResult *
gradlens_bench (const GradlensRunConfig  *config,
                guint                     iterations,
                GradlensProgressFunc      progress,
                gpointer                  user_data,
                GCancellable             *cancellable,
                GError                  **error)
{
  g_autoptr(GradlensBenchResult) b = NULL;
  g_autofree double *t_run = NULL;
  g_autofree double *t_full = NULL;
  g_autofree double *norms = NULL;
  g_autofree double *t_ens = NULL;
  volatile double sink = 0;
  guint total, done = 0;
  NnMlp *mlp;

  g_return_val_if_fail (iterations >= 1 && iterations <= GRADLENS_BENCH_MAX_ITERATIONS, NULL);

  if (!gradlens_run_config_validate (config, GRADLENS_NAMING_OPTION, GRADLENS_DEFAULT_MEMORY_LIMIT, error))
    return NULL;
  b = g_new0 (GradlensBenchResult, 1);
  gradlens_run_config_copy (&b->config, config);
  b->iterations = iterations;
  b->ensemble_reps = config->seeds > 1 ? CLAMP (iterations / 100, 3, 50) : 0;
  total = 2 * iterations + b->ensemble_reps;

  mlp = nn_mlp_new (&config->nn);
  if (mlp == NULL)
    {
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_FAILED, _("out of memory"));
      return NULL;
    }
  t_run = g_new (double, iterations);
  t_full = g_new (double, iterations);
  norms = g_new (double, nn_config_n_params (&config->nn));

  nn_mlp_setup (mlp, (guint64) config->seed);
  for (guint i = 0; i < MIN (iterations, 20); i++)
    sink += nn_mlp_step (mlp, norms);
  for (guint i = 0; i < iterations && !g_cancellable_is_cancelled (cancellable); i++)
    {
      double t0 = seconds_now ();

      sink += nn_mlp_step (mlp, norms);
      t_run[i] = seconds_now () - t0;
      if (progress != NULL)
        progress (++done, total, user_data);
    }
  for (guint i = 0; i < iterations && !g_cancellable_is_cancelled (cancellable); i++)
    {
      double t0 = seconds_now ();

      nn_mlp_setup (mlp, (guint64) config->seed);
      sink += nn_mlp_step (mlp, norms);
      t_full[i] = seconds_now () - t0;
      if (progress != NULL)
        progress (++done, total, user_data);
    }
  nn_mlp_free (mlp);
  (void) sink;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  min_median (t_run, iterations, &b->run_min, &b->run_median);
  min_median (t_full, iterations, &b->full_min, &b->full_median);

  if (b->ensemble_reps > 0)
    {
      t_ens = g_new (double, b->ensemble_reps);
      for (guint i = 0; i < b->ensemble_reps; i++)
        {
          double t0 = seconds_now ();
          GradlensRunResult *r = gradlens_run (config, 0, GRADLENS_DEFAULT_MEMORY_LIMIT,
                                               NULL, NULL, cancellable, error);

          if (r == NULL)
            return NULL;
          t_ens[i] = seconds_now () - t0;
          gradlens_run_result_free (r);
          if (progress != NULL)
            progress (++done, total, user_data);
        }
      min_median (t_ens, b->ensemble_reps, &b->ensemble_min, &b->ensemble_median);
    }
  return g_steal_pointer (&b);
}

void
gradlens_bench_result_free (GradlensBenchResult *b)
{
  if (b == NULL)
    return;
  gradlens_run_config_clear (&b->config);
  g_free (b);
}

static void
add_min_median (JsonBuilder *b,
                const char  *name,
                double       min,
                double       median)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "min");
  json_builder_add_double_value (b, min);
  json_builder_set_member_name (b, "median");
  json_builder_add_double_value (b, median);
  json_builder_end_object (b);
}

char *
gradlens_bench_to_json (const GradlensBenchResult *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "config");
  gradlens_run_config_build_json (&r->config, b);
  json_builder_set_member_name (b, "iterations");
  json_builder_add_int_value (b, r->iterations);
  add_min_median (b, "seconds_per_run", r->run_min, r->run_median);
  add_min_median (b, "seconds_per_full_run", r->full_min, r->full_median);
  if (r->ensemble_reps > 0)
    add_min_median (b, "seconds_per_ensemble", r->ensemble_min, r->ensemble_median);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return gradlens_json_to_text (root, 2);
}

char *
gradlens_bench_to_table (const GradlensBenchResult *r)
{
  const NnConfig *c = &r->config.nn;
  GString *s = g_string_new (NULL);
  char a[G_ASCII_DTOSTR_BUF_SIZE], m[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (s, "%d layers x %d wide, %d samples, %s, %s: %u iterations\n",
                          c->depth, c->width, c->samples, nn_activation_name (c->activation),
                          nn_dtype_name (c->dtype), r->iterations);
  g_string_append_printf (s, "run (forward + backward + norms): min %s us, median %s us\n",
                          g_ascii_formatd (a, sizeof a, "%.3f", r->run_min * 1e6),
                          g_ascii_formatd (m, sizeof m, "%.3f", r->run_median * 1e6));
  g_string_append_printf (s, "full run (+ data and init):       min %s us, median %s us\n",
                          g_ascii_formatd (a, sizeof a, "%.3f", r->full_min * 1e6),
                          g_ascii_formatd (m, sizeof m, "%.3f", r->full_median * 1e6));
  if (r->ensemble_reps > 0)
    g_string_append_printf (s, "%d seeds with statistics:         min %s ms, median %s ms\n",
                            r->config.seeds,
                            g_ascii_formatd (a, sizeof a, "%.3f", r->ensemble_min * 1e3),
                            g_ascii_formatd (m, sizeof m, "%.3f", r->ensemble_median * 1e3));
  return g_string_free (s, FALSE);
}
