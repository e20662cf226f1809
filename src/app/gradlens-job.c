/* gradlens-job.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-job.h"

struct _GradlensJob
{
  GObject parent_instance;

  /* Owned, read-only after construction (the worker reads them too) */
  GPtrArray *configs;

  /* Guarded by mutex: written by the worker, drained on the main thread */
  GMutex     mutex;
  GPtrArray *pending;      /* of GradlensRunResult */
  guint      worker_done;  /* runs finished */
  double     worker_fraction;
  guint      idle_id;

  /* Main thread only */
  GPtrArray *delivered;    /* drained from pending, not yet stolen */
  guint      n_done;
  double     fraction;
  gboolean   started;
};

G_DEFINE_FINAL_TYPE (GradlensJob, gradlens_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESULTS_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the worker needs (the deep copies of the configurations) */
typedef struct
{
  GPtrArray *configs;
} JobData;

static void
job_data_free (gpointer data)
{
  JobData *job_data = data;

  g_ptr_array_unref (job_data->configs);
  g_free (job_data);
}

/* Progress of the run at `index` */
typedef struct
{
  GradlensJob *self;
  guint        index;
} ProgressContext;

/* main thread: move what the worker left into `delivered` and tell */
static gboolean
gradlens_job_drain (GradlensJob *self)
{
  g_autoptr(GPtrArray) results = NULL;
  double fraction;
  guint done;

  g_assert (GRADLENS_IS_JOB (self));

  g_mutex_lock (&self->mutex);
  self->idle_id = 0;
  if (self->pending->len > 0)
    {
      results = g_steal_pointer (&self->pending);
      self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_result_free);
    }
  fraction = self->worker_fraction;
  done = self->worker_done;
  g_mutex_unlock (&self->mutex);

  if (results != NULL)
    {
      for (guint i = 0; i < results->len; i++)
        g_ptr_array_add (self->delivered, g_steal_pointer (&g_ptr_array_index (results, i)));
      g_ptr_array_set_free_func (results, NULL);
    }
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (done != self->n_done)
    {
      self->n_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
    }
  if (results != NULL)
    g_signal_emit (self, signals[RESULTS_READY], 0);
  return G_SOURCE_REMOVE;
}

static gboolean
drain_idle_cb (gpointer user_data)
{
  return gradlens_job_drain (user_data);
}

/* any thread, with the mutex held: one pending idle at most */
static void
schedule_drain_locked (GradlensJob *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, drain_idle_cb,
                                     g_object_ref (self), g_object_unref);
}

/* worker threads (gradlens_run spreads the seeds over several) */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  ProgressContext *ctx = user_data;
  GradlensJob *self = ctx->self;
  double fraction = (ctx->index + (total > 0 ? (double) done / total : 1.0)) / self->configs->len;

  g_mutex_lock (&self->mutex);
  if (fraction > self->worker_fraction)
    {
      self->worker_fraction = fraction;
      schedule_drain_locked (self);
    }
  g_mutex_unlock (&self->mutex);
}

static void
gradlens_job_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GradlensJob *self = source_object;
  JobData *data = task_data;

  for (guint i = 0; i < data->configs->len; i++)
    {
      const GradlensRunConfig *config = g_ptr_array_index (data->configs, i);
      ProgressContext ctx = { self, i };
      g_autoptr(GError) error = NULL;
      GradlensRunResult *result;

      if (g_task_return_error_if_cancelled (task))
        return;

      result = gradlens_run (config, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, progress_cb, &ctx,
                             cancellable, &error);
      if (result == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && config->label != NULL)
            g_prefix_error (&error, "%s: ", config->label);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      g_mutex_lock (&self->mutex);
      g_ptr_array_add (self->pending, result);
      self->worker_done = i + 1;
      self->worker_fraction = (double) (i + 1) / data->configs->len;
      schedule_drain_locked (self);
      g_mutex_unlock (&self->mutex);
    }
  g_task_return_boolean (task, TRUE);
}

static void
gradlens_job_finalize (GObject *object)
{
  GradlensJob *self = (GradlensJob *) object;

  g_clear_pointer (&self->configs, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->delivered, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (gradlens_job_parent_class)->finalize (object);
}

static void
gradlens_job_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GradlensJob *self = GRADLENS_JOB (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_job_class_init (GradlensJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gradlens_job_finalize;
  object_class->get_property = gradlens_job_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GradlensJob::results-ready:
   *
   * Emitted on the main thread when finished results are waiting for
   * gradlens_job_steal_results().
   */
  signals[RESULTS_READY] =
    g_signal_new ("results-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gradlens_job_init (GradlensJob *self)
{
  g_mutex_init (&self->mutex);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_result_free);
  self->delivered = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_result_free);
}

/**
 * gradlens_job_new:
 * @configs: (array length=n_configs): the runs to compute, in order
 * @n_configs: how many
 *
 * Returns: (transfer full): a job that holds deep copies of @configs
 */
GradlensJob *
gradlens_job_new (GradlensRunConfig * const *configs,
                  guint                      n_configs)
{
  GradlensJob *self = g_object_new (GRADLENS_TYPE_JOB, NULL);

  self->configs = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_config_free);
  for (guint i = 0; i < n_configs; i++)
    g_ptr_array_add (self->configs, gradlens_run_config_dup (configs[i]));
  return self;
}

guint
gradlens_job_get_n_runs (GradlensJob *self)
{
  g_return_val_if_fail (GRADLENS_IS_JOB (self), 0);

  return self->configs->len;
}

guint
gradlens_job_get_n_done (GradlensJob *self)
{
  g_return_val_if_fail (GRADLENS_IS_JOB (self), 0);

  return self->n_done;
}

double
gradlens_job_get_fraction (GradlensJob *self)
{
  g_return_val_if_fail (GRADLENS_IS_JOB (self), 0.0);

  return self->fraction;
}

/**
 * gradlens_job_steal_results:
 * @self: a job
 *
 * Takes the results that finished since the last call, in the order of the
 * configurations. Also drains what the worker left but the idle has not yet
 * delivered (so the completion callback sees everything).
 *
 * Returns: (transfer full) (element-type GradlensRunResult): the results
 */
GPtrArray *
gradlens_job_steal_results (GradlensJob *self)
{
  GPtrArray *results;

  g_return_val_if_fail (GRADLENS_IS_JOB (self), NULL);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->pending->len; i++)
    g_ptr_array_add (self->delivered, g_steal_pointer (&g_ptr_array_index (self->pending, i)));
  g_ptr_array_set_free_func (self->pending, NULL);
  g_ptr_array_set_size (self->pending, 0);
  g_ptr_array_set_free_func (self->pending, (GDestroyNotify) gradlens_run_result_free);
  g_mutex_unlock (&self->mutex);

  results = g_steal_pointer (&self->delivered);
  self->delivered = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_result_free);
  return results;
}

/**
 * gradlens_job_run_async:
 * @self: a job, run at most once
 * @cancellable: (nullable): stops the computation promptly
 * @callback: called on the main thread when the job ends
 * @user_data: for @callback
 *
 * Computes the runs in a worker thread (g_task_run_in_thread).
 */
void
gradlens_job_run_async (GradlensJob         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JobData *data;

  g_return_if_fail (GRADLENS_IS_JOB (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self->started = TRUE;
  data = g_new0 (JobData, 1);
  data->configs = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_config_free);
  for (guint i = 0; i < self->configs->len; i++)
    g_ptr_array_add (data->configs, gradlens_run_config_dup (g_ptr_array_index (self->configs, i)));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gradlens_job_run_async);
  g_task_set_name (task, "[gradlens] job");
  g_task_set_task_data (task, data, job_data_free);
  g_task_run_in_thread (task, gradlens_job_worker);
}

gboolean
gradlens_job_run_finish (GradlensJob   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (GRADLENS_IS_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
