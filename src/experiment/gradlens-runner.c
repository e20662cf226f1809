/* gradlens-runner.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "gradlens-error.h"
#include "gradlens-runner.h"
#include "mlp.h"

typedef struct
{
  const GradlensRunConfig *config;
  GradlensRunResult       *result;
  GradlensProgressFunc     progress;
  gpointer                 user_data;
  GCancellable            *cancellable;
  atomic_int               cancel;      /* read by the MLP between layers, set by any thread */
  gint                     next_seed;   /* atomic */
  GMutex                   progress_lock;   /* keeps the reported counts in order */
  guint                    steps;       /* progress steps a seed: gradlens_run_progress_steps */
  guint                    units_done;  /* steps reported (under progress_lock) */
  gint                     failed;      /* atomic: out of memory */
  gulong                   cancel_id;
} RunShared;

static void
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  RunShared *shared = user_data;

  atomic_store (&shared->cancel, 1);
}

/* one more step of progress: a seed, or a layer of a long seed's forward
 * or backward pass */
static void
report_step (RunShared *shared)
{
  /* counting and reporting under one lock: otherwise another thread's
   * higher count can reach the callback first */
  g_mutex_lock (&shared->progress_lock);
  shared->units_done++;
  shared->progress (shared->units_done, (guint) shared->result->n_seeds * shared->steps, shared->user_data);
  g_mutex_unlock (&shared->progress_lock);
}

/* nn_mlp_step finished a layer (set only for networks whose layers are
 * long: see gradlens_run_progress_steps) */
static void
layer_done_cb (void *data)
{
  report_step (data);
}

/* Networks whose hidden layers take at least about a million multiply-adds
 * (tens of microseconds each) report each layer they draw at setup and
 * each layer of the forward and the backward pass: a single seed of
 * 1000 x 512 takes seconds, a good part of them drawing its weights.
 * Smaller ones report each seed, so that a lock per layer never costs a
 * measurable share of a step that takes microseconds. */
guint
gradlens_run_progress_steps (const GradlensRunConfig *config)
{
  const NnConfig *nn = &config->nn;
  guint64 per_layer = (guint64) nn->width * (guint64) nn->width * (guint64) nn->samples;

  if (nn->depth > 1 && per_layer >= (1u << 20))
    return (guint) nn_mlp_setup_layer_calls (nn) + 2 * (guint) nn->depth;
  return 1;
}

static gpointer
run_worker (gpointer data)
{
  RunShared *shared = data;
  GradlensRunResult *r = shared->result;
  NnMlp *mlp = nn_mlp_new (&shared->config->nn);

  if (mlp == NULL)
    {
      g_atomic_int_set (&shared->failed, 1);
      atomic_store (&shared->cancel, 1);
      return NULL;
    }
  nn_mlp_set_cancel_flag (mlp, &shared->cancel);
  if (shared->progress != NULL && shared->steps > 1)
    nn_mlp_set_layer_func (mlp, layer_done_cb, shared);

  for (;;)
    {
      int i = g_atomic_int_add (&shared->next_seed, 1);

      if (i >= r->n_seeds || atomic_load (&shared->cancel))
        break;
      nn_mlp_setup (mlp, (guint64) (shared->config->seed + i));
      /* the backward signal of the teaching contracts, over the first seed */
      nn_mlp_set_record_signal (mlp, i == 0);
      /* setting up a large network takes a while too */
      if (atomic_load (&shared->cancel))
        break;
      r->losses[i] = nn_mlp_step (mlp, r->norms + (gsize) i * r->n_params);
      if (atomic_load (&shared->cancel))
        break;
      if (i == 0)
        nn_mlp_layer_stats (mlp, r->layer_stats);
      /* a long seed told its layers already */
      if (shared->progress != NULL && shared->steps == 1)
        report_step (shared);
    }
  nn_mlp_free (mlp);
  return NULL;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  if (isnan (x))
    return isnan (y) ? 0 : 1;
  if (isnan (y))
    return -1;
  return (x > y) - (x < y);
}

double
gradlens_quantile_sorted (const double *sorted,
                          gsize         n,
                          double        q)
{
  double pos = (double) (n - 1) * q;
  gsize lo = (gsize) floor (pos);
  gsize hi = MIN (lo + 1, n - 1);

  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - (double) lo);
}

void
gradlens_stats_compute (double        *values,
                        gsize          n,
                        GradlensStats *stats)
{
  g_return_if_fail (n > 0);

  qsort (values, n, sizeof (double), compare_doubles);
  stats->min = values[0];
  stats->q1 = gradlens_quantile_sorted (values, n, 0.25);
  stats->median = gradlens_quantile_sorted (values, n, 0.5);
  stats->q3 = gradlens_quantile_sorted (values, n, 0.75);
  stats->max = values[n - 1];
}

static double
decay_of_norms (const GradlensRunResult *r,
                const double            *norms)
{
  double sx = 0, sy = 0, sxx = 0, sxy = 0, mx, my;
  int n = 0;

  for (int p = 0; p < r->n_params; p++)
    {
      double v = norms[p];
      if (!r->is_weight[p] || !isfinite (v) || v <= 0)
        continue;
      sx += r->layers[p];
      sy += log10 (v);
      n++;
    }
  if (n < 2)
    return NAN;
  mx = sx / n;
  my = sy / n;
  for (int p = 0; p < r->n_params; p++)
    {
      double v = norms[p];
      if (!r->is_weight[p] || !isfinite (v) || v <= 0)
        continue;
      sxx += (r->layers[p] - mx) * (r->layers[p] - mx);
      sxy += (r->layers[p] - mx) * (log10 (v) - my);
    }
  return pow (10, -(sxy / sxx));
}

double
gradlens_decay_per_layer (const GradlensRunResult *r)
{
  return decay_of_norms (r, r->grad_norm);
}

const char *
gradlens_param_kind_name (NnParamKind kind)
{
  return kind == NN_PARAM_WEIGHT || kind == NN_PARAM_NORM_WEIGHT ? "weight" : "bias";
}

char *
gradlens_param_name (int         layer,
                     NnParamKind kind)
{
  return g_strdup_printf ("%s%d.%s", kind == NN_PARAM_NORM_WEIGHT || kind == NN_PARAM_NORM_BIAS ? "norm" : "lin",
                          layer + 1, gradlens_param_kind_name (kind));
}

static GradlensRunResult *
result_new (const GradlensRunConfig *config)
{
  GradlensRunResult *r = g_new0 (GradlensRunResult, 1);
  const NnConfig *nn = &config->nn;
  int n = nn_config_n_params (nn);

  gradlens_run_config_copy (&r->config, config);
  r->n_params = n;
  r->names = g_new0 (char *, n + 1);
  r->layers = g_new0 (int, n);
  r->is_weight = g_new0 (gboolean, n);
  r->kinds = g_new0 (NnParamKind, n);
  r->rows = g_new0 (int, n);
  r->cols = g_new0 (int, n);
  for (int p = 0; p < n; p++)
    {
      int layer;

      nn_config_param_info (nn, p, &layer, &r->kinds[p]);
      r->layers[p] = layer + 1;
      r->is_weight[p] = r->kinds[p] == NN_PARAM_WEIGHT;
      r->names[p] = gradlens_param_name (layer, r->kinds[p]);
      nn_config_param_shape (nn, p, &r->rows[p], &r->cols[p]);
      if (!r->is_weight[p])
        r->cols[p] = 0;
    }
  r->n_seeds = config->seeds;
  r->losses = g_new0 (double, r->n_seeds);
  r->norms = g_try_new0 (double, (gsize) r->n_seeds * n);
  r->grad_norm = g_new0 (double, n);
  r->depth = nn->depth;
  r->layer_stats = g_new0 (NnLayerStats, nn->depth);
  r->decay_per_layer = NAN;
  if (r->norms == NULL)
    {
      gradlens_run_result_free (r);
      return NULL;
    }
  return r;
}

void
gradlens_run_result_free (GradlensRunResult *r)
{
  if (r == NULL)
    return;
  gradlens_run_config_clear (&r->config);
  g_strfreev (r->names);
  g_free (r->layers);
  g_free (r->is_weight);
  g_free (r->kinds);
  g_free (r->rows);
  g_free (r->cols);
  g_free (r->losses);
  g_free (r->norms);
  g_free (r->stats);
  g_free (r->grad_norm);
  g_free (r->layer_stats);
  g_free (r->diagnosis);
  g_free (r);
}

guint
gradlens_thread_count (guint requested,
                       guint n_items)
{
  if (requested == 0)
    requested = g_get_num_processors ();
  return CLAMP (requested, 1, MAX (n_items, 1));
}

void
gradlens_run_on_threads (const char  *name,
                         GThreadFunc  worker,
                         gpointer     data,
                         guint        n_threads)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new (name, worker, data));
  worker (data);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
}

GradlensRunResult *
gradlens_run (const GradlensRunConfig  *config,
              guint                     n_threads,
              guint64                   memory_limit,
              GradlensProgressFunc      progress,
              gpointer                  user_data,
              GCancellable             *cancellable,
              GError                  **error)
{
  RunShared shared = { 0 };
  GradlensRunResult *r;

  g_return_val_if_fail (config != NULL, NULL);

  n_threads = gradlens_thread_count (n_threads, (guint) MAX (config->seeds, 1));

  if (!gradlens_run_config_validate (config, GRADLENS_NAMING_PRESET, memory_limit, error))
    return NULL;
  /* each thread has its own network: stay under the limit with fewer threads */
  if (memory_limit > 0)
    while (n_threads > 1 && gradlens_run_config_memory (config) * n_threads > memory_limit)
      n_threads--;

  r = result_new (config);
  if (r == NULL)
    {
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_FAILED,
                   "out of memory for the results of %d seeds", config->seeds);
      return NULL;
    }

  shared.config = config;
  shared.result = r;
  shared.progress = progress;
  shared.user_data = user_data;
  shared.cancellable = cancellable;
  shared.steps = gradlens_run_progress_steps (config);
  g_mutex_init (&shared.progress_lock);
  if (cancellable != NULL)
    shared.cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb), &shared, NULL);

  gradlens_run_on_threads ("gradlens-seeds", run_worker, &shared, n_threads);

  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, shared.cancel_id);
  g_mutex_clear (&shared.progress_lock);

  if (g_atomic_int_get (&shared.failed))
    {
      g_autofree char *need = g_format_size_full (gradlens_run_config_memory (config), G_FORMAT_SIZE_IEC_UNITS);
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_FAILED,
                   "out of memory: the network needs about %s", need);
      gradlens_run_result_free (r);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      gradlens_run_result_free (r);
      return NULL;
    }

  if (r->n_seeds == 1)
    memcpy (r->grad_norm, r->norms, sizeof (double) * r->n_params);
  else
    {
      g_autofree double *column = g_new (double, r->n_seeds);

      r->stats = g_new0 (GradlensStats, r->n_params);
      for (int p = 0; p < r->n_params; p++)
        {
          for (int s = 0; s < r->n_seeds; s++)
            column[s] = r->norms[(gsize) s * r->n_params + p];
          gradlens_stats_compute (column, r->n_seeds, &r->stats[p]);
          r->grad_norm[p] = r->stats[p].median;
        }
    }
  r->decay_per_layer = gradlens_decay_per_layer (r);
  /* the first seed's own decay, as for its layer statistics */
  r->diagnosis = g_new0 (GradlensFinding, GRADLENS_N_FINDING_KINDS);
  r->n_diagnosis = (int) gradlens_diagnose (&config->nn, r->norms, decay_of_norms (r, r->norms),
                                            r->layer_stats, r->diagnosis);
  return r;
}
