/* gradlens-sweep-job.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>

#include "gradlens-sweep-job.h"

typedef struct
{
  GradlensRunConfig  *config;
  int                *depths;   /* increasing */
  guint               n_depths;
  GObject            *target;
  GradlensSweepPoint *points;   /* written by the worker, read after it ended */
} SweepTask;

struct _GradlensSweepJob
{
  GObject parent_instance;

  /* Owned; read-only once started (the worker reads them, and writes only
   * each task's points, which the main thread reads after the GTask ended) */
  GPtrArray *tasks;   /* of SweepTask */
  guint64    total;   /* runs: depths × seeds over all tasks */

  /* Guarded by mutex: written by the worker, read on the main thread */
  GMutex     mutex;
  double     worker_fraction;
  guint      idle_id;

  /* Main thread only */
  double     fraction;
  gboolean   started;
  gboolean   succeeded;
};

G_DEFINE_FINAL_TYPE (GradlensSweepJob, gradlens_sweep_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sweep_task_free (gpointer data)
{
  SweepTask *task = data;

  gradlens_run_config_free (task->config);
  g_free (task->depths);
  g_clear_object (&task->target);
  g_free (task->points);
  g_free (task);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/* main thread */
static gboolean
drain_idle_cb (gpointer user_data)
{
  GradlensSweepJob *self = user_data;
  double fraction;

  g_mutex_lock (&self->mutex);
  self->idle_id = 0;
  fraction = self->worker_fraction;
  g_mutex_unlock (&self->mutex);

  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  return G_SOURCE_REMOVE;
}

/* Progress of the task that starts at run `offset` */
typedef struct
{
  GradlensSweepJob *self;
  guint64           offset;
} ProgressContext;

/* worker threads (gradlens_sweep spreads its runs over several) */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  ProgressContext *ctx = user_data;
  GradlensSweepJob *self = ctx->self;
  double fraction = self->total > 0 ? (double) (ctx->offset + done) / self->total : 1.0;

  g_mutex_lock (&self->mutex);
  if (fraction > self->worker_fraction)
    {
      self->worker_fraction = MIN (fraction, 1.0);
      if (self->idle_id == 0)
        self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, drain_idle_cb, g_object_ref (self), g_object_unref);
    }
  g_mutex_unlock (&self->mutex);
}

static void
gradlens_sweep_job_worker (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  GradlensSweepJob *self = source_object;
  guint64 offset = 0;

  for (guint i = 0; i < self->tasks->len; i++)
    {
      SweepTask *t = g_ptr_array_index (self->tasks, i);
      ProgressContext ctx = { self, offset };
      g_autoptr(GError) error = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      t->points = gradlens_sweep (t->config, t->depths, t->n_depths, 0, GRADLENS_DEFAULT_MEMORY_LIMIT,
                                  progress_cb, &ctx, cancellable, &error);
      if (t->points == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      offset += (guint64) t->n_depths * (guint64) t->config->seeds;
    }
  g_task_return_boolean (task, TRUE);
}

static void
gradlens_sweep_job_finalize (GObject *object)
{
  GradlensSweepJob *self = (GradlensSweepJob *) object;

  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (gradlens_sweep_job_parent_class)->finalize (object);
}

static void
gradlens_sweep_job_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GradlensSweepJob *self = GRADLENS_SWEEP_JOB (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_sweep_job_class_init (GradlensSweepJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gradlens_sweep_job_finalize;
  object_class->get_property = gradlens_sweep_job_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gradlens_sweep_job_init (GradlensSweepJob *self)
{
  g_mutex_init (&self->mutex);
  self->tasks = g_ptr_array_new_with_free_func (sweep_task_free);
}

GradlensSweepJob *
gradlens_sweep_job_new (void)
{
  return g_object_new (GRADLENS_TYPE_SWEEP_JOB, NULL);
}

/**
 * gradlens_sweep_job_add:
 * @self: a job not yet started
 * @config: what to sweep (copied; its depth is ignored)
 * @depths: (array length=n_depths): the depths, 1 .. 1000, in any order
 * @n_depths: how many, at least one
 * @target: (nullable): kept for the caller
 *
 * Returns: the index of the sweep in the job
 */
guint
gradlens_sweep_job_add (GradlensSweepJob        *self,
                        const GradlensRunConfig *config,
                        const int               *depths,
                        guint                    n_depths,
                        GObject                 *target)
{
  SweepTask *task;

  g_return_val_if_fail (GRADLENS_IS_SWEEP_JOB (self), 0);
  g_return_val_if_fail (!self->started, 0);
  g_return_val_if_fail (config != NULL, 0);
  g_return_val_if_fail (depths != NULL && n_depths > 0, 0);

  task = g_new0 (SweepTask, 1);
  task->config = gradlens_run_config_dup (config);
  task->depths = g_memdup2 (depths, n_depths * sizeof (int));
  task->n_depths = n_depths;
  qsort (task->depths, n_depths, sizeof (int), compare_ints);
  task->target = target != NULL ? g_object_ref (target) : NULL;
  g_ptr_array_add (self->tasks, task);
  self->total += (guint64) n_depths * (guint64) config->seeds;
  return self->tasks->len - 1;
}

guint
gradlens_sweep_job_get_n_sweeps (GradlensSweepJob *self)
{
  g_return_val_if_fail (GRADLENS_IS_SWEEP_JOB (self), 0);

  return self->tasks->len;
}

const GradlensRunConfig *
gradlens_sweep_job_get_config (GradlensSweepJob *self,
                               guint             index)
{
  g_return_val_if_fail (GRADLENS_IS_SWEEP_JOB (self), NULL);
  g_return_val_if_fail (index < self->tasks->len, NULL);

  return ((SweepTask *) g_ptr_array_index (self->tasks, index))->config;
}

/**
 * gradlens_sweep_job_get_target:
 * @self: a job
 * @index: a sweep of it
 *
 * Returns: (transfer none) (nullable): what was given to gradlens_sweep_job_add()
 */
GObject *
gradlens_sweep_job_get_target (GradlensSweepJob *self,
                               guint             index)
{
  g_return_val_if_fail (GRADLENS_IS_SWEEP_JOB (self), NULL);
  g_return_val_if_fail (index < self->tasks->len, NULL);

  return ((SweepTask *) g_ptr_array_index (self->tasks, index))->target;
}

/**
 * gradlens_sweep_job_get_points:
 * @self: a job that succeeded
 * @index: a sweep of it
 * @n_points: (out): how many points (its number of depths)
 *
 * Returns: (transfer none) (array length=n_points): the points, by depth
 */
const GradlensSweepPoint *
gradlens_sweep_job_get_points (GradlensSweepJob *self,
                               guint             index,
                               guint            *n_points)
{
  SweepTask *task;

  g_return_val_if_fail (GRADLENS_IS_SWEEP_JOB (self), NULL);
  g_return_val_if_fail (self->succeeded, NULL);
  g_return_val_if_fail (index < self->tasks->len, NULL);

  task = g_ptr_array_index (self->tasks, index);
  *n_points = task->n_depths;
  return task->points;
}

double
gradlens_sweep_job_get_fraction (GradlensSweepJob *self)
{
  g_return_val_if_fail (GRADLENS_IS_SWEEP_JOB (self), 0.0);

  return self->fraction;
}

/**
 * gradlens_sweep_job_run_async:
 * @self: a job with at least one sweep, run at most once
 * @cancellable: (nullable): stops the computation promptly
 * @callback: called on the main thread when the job ends
 * @user_data: for @callback
 *
 * Computes the sweeps in a worker thread (g_task_run_in_thread).
 */
void
gradlens_sweep_job_run_async (GradlensSweepJob    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GRADLENS_IS_SWEEP_JOB (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (self->tasks->len > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self->started = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gradlens_sweep_job_run_async);
  g_task_set_name (task, "[gradlens] sweep");
  g_task_run_in_thread (task, gradlens_sweep_job_worker);
}

gboolean
gradlens_sweep_job_run_finish (GradlensSweepJob  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (GRADLENS_IS_SWEEP_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  ok = g_task_propagate_boolean (G_TASK (result), error);
  self->succeeded = ok;
  return ok;
}
