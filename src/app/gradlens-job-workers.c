/* gradlens-job-workers.c: the job's workers, one per kind of work (worker
 * thread)
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gradlens-job-private.h"

static gpointer
run_work (const JobItem         *item,
          GradlensProgressFunc   progress,
          gpointer               user_data,
          GCancellable          *cancellable,
          GError               **error)
{
  GradlensRunResult *result = gradlens_run (item->config, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, progress, user_data,
                                            cancellable, error);

  /* which of several runs failed */
  if (result == NULL && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && item->config->label != NULL)
    g_prefix_error (error, "%s: ", item->config->label);
  return result;
}

/* a sweep: stopped, it keeps the depths it computed, in order */
static gpointer
sweep_work (const JobItem         *item,
            GradlensProgressFunc   progress,
            gpointer               user_data,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autofree GradlensSweepPoint *points = g_new0 (GradlensSweepPoint, item->n_depths);

  if (gradlens_sweep_into (item->config, item->depths, item->n_depths, 0, GRADLENS_DEFAULT_MEMORY_LIMIT,
                           progress, user_data, points, cancellable, error))
    return g_steal_pointer (&points);
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      guint n_done = gradlens_sweep_points_done (points, item->n_depths);

      _gradlens_job_keep_partial_sweep (user_data, g_steal_pointer (&points), n_done);
    }
  return NULL;
}

/* a training: its result, shown step by step while it trains */
static gpointer
train_work (const JobItem         *item,
            GradlensProgressFunc   progress,
            gpointer               user_data,
            GCancellable          *cancellable,
            GError               **error)
{
  ProgressContext *ctx = user_data;
  GradlensJob *self = ctx->self;
  GradlensTrainResult *result = gradlens_train_result_new (item->config, &self->train);

  if (result == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "out of memory");
      return NULL;
    }
  /* the item (freed with the job) keeps it until it is final */
  g_mutex_lock (&self->mutex);
  ctx->item->live = result;
  ctx->item->live_steps = 0;
  g_mutex_unlock (&self->mutex);
  if (!gradlens_train_into (result, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, progress, user_data, cancellable, error))
    {
      if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && item->config->label != NULL)
        g_prefix_error (error, "%s: ", item->config->label);
      return NULL;
    }
  return result;
}

/* ---- GObject ---------------------------------------------------------- */

const GradlensJobWorker _gradlens_job_kinds[] = {
  [GRADLENS_JOB_RUN] = { run_work, (GDestroyNotify) gradlens_run_result_free },
  [GRADLENS_JOB_SWEEP] = { sweep_work, g_free },
  [GRADLENS_JOB_TRAIN] = { train_work, (GDestroyNotify) gradlens_train_result_free },
};
