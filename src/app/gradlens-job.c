/* gradlens-job.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>

#include "gradlens-job-private.h"

G_DEFINE_FINAL_TYPE (GradlensJob, gradlens_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ITEMS_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the relay to the main thread ------------------------------------- */

static void
job_item_free (gpointer data)
{
  JobItem *item = data;

  gradlens_run_config_free (item->config);
  g_free (item->depths);
  g_clear_object (&item->target);
  g_free (item);
}

/* main thread: what the worker left, told once per idle */
static void
drain (GradlensJob *self)
{
  double fraction;
  guint done;

  g_mutex_lock (&self->mutex);
  fraction = self->worker_fraction;
  done = self->worker_done;
  g_mutex_unlock (&self->mutex);

  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (done != self->n_done)
    {
      self->n_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
      g_signal_emit (self, signals[ITEMS_READY], 0);
    }
}

static gboolean
drain_idle_cb (gpointer user_data)
{
  GradlensJob *self = user_data;

  g_mutex_lock (&self->mutex);
  self->idle_id = 0;
  g_mutex_unlock (&self->mutex);
  drain (self);
  return G_SOURCE_REMOVE;
}

/* any thread, with the mutex held: one pending idle at most */
static void
schedule_drain_locked (GradlensJob *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, drain_idle_cb, g_object_ref (self), g_object_unref);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  ProgressContext *ctx = user_data;
  GradlensJob *self = ctx->self;
  double part = total > 0 ? (double) ctx->units * done / total : (double) ctx->units;
  double fraction = self->total > 0 ? (ctx->offset + part) / self->total : 1.0;

  g_mutex_lock (&self->mutex);
  /* a training of one seed: its steps 0 .. done - 1 are final now */
  if (self->kind == GRADLENS_JOB_TRAIN && ctx->item->config->seeds == 1)
    ctx->item->live_steps = done;
  if (fraction > self->worker_fraction)
    {
      self->worker_fraction = MIN (fraction, 1.0);
      schedule_drain_locked (self);
    }
  g_mutex_unlock (&self->mutex);
}

/* worker thread: a stopped sweep's points, the item's output (finished
 * as far as it came; the job still ends cancelled) */
void
_gradlens_job_keep_partial_sweep (gpointer            user_data,
                                  GradlensSweepPoint *points,
                                  guint               n_points)
{
  ProgressContext *ctx = user_data;
  GradlensJob *self = ctx->self;
  guint index = 0;

  if (n_points == 0 || !g_ptr_array_find (self->items, ctx->item, &index))
    {
      g_free (points);
      return;
    }
  g_mutex_lock (&self->mutex);
  ctx->item->output = points;
  ctx->item->n_output = n_points;
  /* the items run in order: this one is the last with an output */
  self->worker_done = index + 1;
  schedule_drain_locked (self);
  g_mutex_unlock (&self->mutex);
}

static void
gradlens_job_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GradlensJob *self = source_object;
  guint64 offset = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      JobItem *item = g_ptr_array_index (self->items, i);
      ProgressContext ctx = { self, offset, item->units, item };
      g_autoptr(GError) error = NULL;
      gpointer output;

      if (g_task_return_error_if_cancelled (task))
        return;
      output = _gradlens_job_kinds[self->kind].work (item, progress_cb, &ctx, cancellable, &error);
      if (output != NULL && self->kind == GRADLENS_JOB_SWEEP)
        item->n_output = item->n_depths;
      if (output == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      offset += item->units;

      g_mutex_lock (&self->mutex);
      if (item->live == output)
        item->live = NULL;
      item->output = output;
      self->worker_done = i + 1;
      self->worker_fraction = self->total > 0 ? (double) offset / self->total : 1.0;
      schedule_drain_locked (self);
      g_mutex_unlock (&self->mutex);
    }
  g_task_return_boolean (task, TRUE);
}

static void
gradlens_job_finalize (GObject *object)
{
  GradlensJob *self = (GradlensJob *) object;

  for (guint i = 0; i < self->items->len; i++)
    {
      JobItem *item = g_ptr_array_index (self->items, i);

      g_clear_pointer (&item->output, _gradlens_job_kinds[self->kind].free_output);
      g_clear_pointer (&item->live, gradlens_train_result_free);
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
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
   * GradlensJob::items-ready:
   *
   * Emitted on the main thread when more items have finished: their outputs
   * wait for gradlens_job_steal_output().
   */
  signals[ITEMS_READY] =
    g_signal_new ("items-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gradlens_job_init (GradlensJob *self)
{
  g_mutex_init (&self->mutex);
  self->items = g_ptr_array_new_with_free_func (job_item_free);
}

/* ---- public API ------------------------------------------------------- */

GradlensJob *
gradlens_job_new (GradlensJobKind kind)
{
  GradlensJob *self;

  g_return_val_if_fail (kind == GRADLENS_JOB_RUN || kind == GRADLENS_JOB_SWEEP || kind == GRADLENS_JOB_TRAIN, NULL);

  self = g_object_new (GRADLENS_TYPE_JOB, NULL);
  self->kind = kind;
  gradlens_train_settings_init (&self->train);
  return self;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/**
 * gradlens_job_add:
 * @self: a job not yet started
 * @config: what to compute (copied)
 * @depths: (array length=n_depths) (nullable): a sweep's depths, in any
 *   order; %NULL for a run
 * @n_depths: how many
 * @target: (nullable): kept for the caller
 *
 * Returns: the index of the item
 */
guint
gradlens_job_add (GradlensJob             *self,
                  const GradlensRunConfig *config,
                  const int               *depths,
                  guint                    n_depths,
                  GObject                 *target)
{
  JobItem *item;

  g_return_val_if_fail (GRADLENS_IS_JOB (self), 0);
  g_return_val_if_fail (!self->started, 0);
  g_return_val_if_fail (config != NULL, 0);
  g_return_val_if_fail (self->kind != GRADLENS_JOB_SWEEP || (depths != NULL && n_depths > 0), 0);

  item = g_new0 (JobItem, 1);
  item->config = gradlens_run_config_dup (config);
  if (self->kind == GRADLENS_JOB_SWEEP)
    {
      item->depths = g_memdup2 (depths, n_depths * sizeof (int));
      item->n_depths = n_depths;
      qsort (item->depths, n_depths, sizeof (int), compare_ints);
      item->units = (guint64) n_depths * (guint64) config->seeds;
    }
  else if (self->kind == GRADLENS_JOB_TRAIN)
    item->units = (guint64) MAX (self->train.steps, 1) * (guint64) config->seeds;
  else
    item->units = 1;
  item->target = target != NULL ? g_object_ref (target) : NULL;
  g_ptr_array_add (self->items, item);
  self->total += item->units;
  return self->items->len - 1;
}

GradlensJobKind
gradlens_job_get_kind (GradlensJob *self)
{
  g_return_val_if_fail (GRADLENS_IS_JOB (self), GRADLENS_JOB_RUN);

  return self->kind;
}

guint
gradlens_job_get_n_items (GradlensJob *self)
{
  g_return_val_if_fail (GRADLENS_IS_JOB (self), 0);

  return self->items->len;
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

double
gradlens_job_peek_worker_fraction (GradlensJob *self)
{
  double fraction;

  g_return_val_if_fail (GRADLENS_IS_JOB (self), 0.0);

  g_mutex_lock (&self->mutex);
  fraction = self->worker_fraction;
  g_mutex_unlock (&self->mutex);
  return fraction;
}

const GradlensRunConfig *
gradlens_job_get_config (GradlensJob *self,
                         guint        index)
{
  g_return_val_if_fail (GRADLENS_IS_JOB (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return ((JobItem *) g_ptr_array_index (self->items, index))->config;
}

/**
 * gradlens_job_get_target:
 * @self: a job
 * @index: an item of it
 *
 * Returns: (transfer none) (nullable): what was given to gradlens_job_add()
 */
GObject *
gradlens_job_get_target (GradlensJob *self,
                         guint        index)
{
  g_return_val_if_fail (GRADLENS_IS_JOB (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return ((JobItem *) g_ptr_array_index (self->items, index))->target;
}

/**
 * gradlens_job_steal_output:
 * @self: a job
 * @index: a finished item (below gradlens_job_get_n_done())
 * @n_points: (out) (optional): a sweep's number of points
 *
 * Returns: (transfer full) (nullable): the item's output, %NULL if it was
 *   stolen before
 */
gpointer
gradlens_job_steal_output (GradlensJob *self,
                           guint        index,
                           guint       *n_points)
{
  JobItem *item;
  gpointer output;

  g_return_val_if_fail (GRADLENS_IS_JOB (self), NULL);
  g_return_val_if_fail (index < self->n_done, NULL);

  item = g_ptr_array_index (self->items, index);
  g_mutex_lock (&self->mutex);
  output = g_steal_pointer (&item->output);
  g_mutex_unlock (&self->mutex);
  if (n_points != NULL)
    *n_points = item->n_output;
  return output;
}

/**
 * gradlens_job_set_train_settings:
 * @self: a training job without items yet
 * @settings: how its items train (copied)
 */
void
gradlens_job_set_train_settings (GradlensJob                 *self,
                                 const GradlensTrainSettings *settings)
{
  g_return_if_fail (GRADLENS_IS_JOB (self));
  g_return_if_fail (self->kind == GRADLENS_JOB_TRAIN && self->items->len == 0);
  g_return_if_fail (settings != NULL);

  self->train = *settings;
}

/**
 * gradlens_job_peek_train:
 * @self: a training job
 * @index: an item of it
 * @n_steps: (out): the steps of the result that are final
 *
 * Returns: (transfer none) (nullable): the result of the item while it
 *   trains (one seed), to copy its first @n_steps steps on the main thread
 */
const GradlensTrainResult *
gradlens_job_peek_train (GradlensJob *self,
                         guint        index,
                         guint       *n_steps)
{
  const GradlensTrainResult *live;
  JobItem *item;

  g_return_val_if_fail (GRADLENS_IS_JOB (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  g_return_val_if_fail (n_steps != NULL, NULL);

  item = g_ptr_array_index (self->items, index);
  g_mutex_lock (&self->mutex);
  live = item->live;
  *n_steps = live != NULL ? item->live_steps : 0;
  g_mutex_unlock (&self->mutex);
  return live;
}

/**
 * gradlens_job_run_async:
 * @self: a job with at least one item, run at most once
 * @cancellable: (nullable): stops the computation promptly
 * @callback: called on the main thread when the job ends
 * @user_data: for @callback
 *
 * Computes the items in a worker thread (g_task_run_in_thread).
 */
void
gradlens_job_run_async (GradlensJob         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GRADLENS_IS_JOB (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (self->items->len > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self->started = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gradlens_job_run_async);
  g_task_set_name (task, "[gradlens] job");
  g_task_run_in_thread (task, gradlens_job_worker);
}

/* Items finished before a failure or a cancellation are told (items-ready)
 * here at the latest, before it returns. */
gboolean
gradlens_job_run_finish (GradlensJob   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (GRADLENS_IS_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  drain (self);
  return g_task_propagate_boolean (G_TASK (result), error);
}
