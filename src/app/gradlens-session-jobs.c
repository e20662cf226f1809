/* gradlens-session-jobs.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-figure.h"
#include "gradlens-run-item.h"
#include "gradlens-session-private.h"
#include "gradlens-train-run.h"
#include "plot.h"

/* GradlensSession computing: one GradlensJob at a time, its outputs taken
 * into the lists of series on the main thread. */

/* a computed run into the list, in its preset colour or the next free one */
static void
add_run_result (GradlensSession   *self,
                GradlensRunResult *result)
{
  g_autoptr(GradlensRunItem) item = NULL;
  GradlensRunConfig *config = &result->config;
  g_autofree char *base = NULL;
  PlotRgba rgba;

  self->n_runs_made++;
  if (config->color == NULL || !plot_rgba_parse (&rgba, config->color))
    {
      g_free (config->color);
      config->color = gradlens_series_list_next_color (G_LIST_MODEL (self->runs));
    }
  if (config->label == NULL || config->label[0] == '\0')
    {
      g_clear_pointer (&config->label, g_free);
      config->label = gradlens_default_label (config, self->n_runs_made);
    }
  base = g_steal_pointer (&config->label);
  config->label = gradlens_series_list_unique_label (G_LIST_MODEL (self->runs), base);
  item = gradlens_run_item_new (result);
  /* a run saved hidden comes back hidden */
  gradlens_series_set_visible (GRADLENS_SERIES (item), !config->hidden);
  _gradlens_session_append_series (self, self->runs, item);
}

/* ---- computing -------------------------------------------------------- */

static void
take_run_results (GradlensSession *self)
{
  guint n_done = gradlens_job_get_n_done (self->job);
  guint first = g_list_model_get_n_items (G_LIST_MODEL (self->runs));

  if (n_done <= self->n_taken)
    return;
  for (; self->n_taken < n_done; self->n_taken++)
    {
      GradlensRunResult *result = gradlens_job_steal_output (self->job, self->n_taken, NULL);

      if (result != NULL)
        add_run_result (self, result);
    }
  if (self->job != self->load_job)
    _gradlens_session_set_modified (self, TRUE);
  _gradlens_session_changed (self);
  _gradlens_session_job_results (self, self->runs, (int) first);
}

/* sweeps land all at once, when every one of them is done or stopped (a
 * stopped one with the depths it computed) */
static void
take_sweep_results (GradlensSession *self)
{
  int added = -1;

  for (guint i = 0; i < gradlens_job_get_n_done (self->job); i++)
    {
      GObject *target = gradlens_job_get_target (self->job, i);
      g_autofree GradlensSweepPoint *points = NULL;
      guint n_points = 0;

      points = gradlens_job_steal_output (self->job, i, &n_points);
      if (points == NULL)
        continue;
      if (target == NULL)
        {
          g_autoptr(GradlensDepthSweep) sweep = gradlens_depth_sweep_new (gradlens_job_get_config (self->job, i),
                                                                           points, n_points);

          _gradlens_session_append_series (self, self->sweeps, sweep);
          added = (int) g_list_model_get_n_items (G_LIST_MODEL (self->sweeps)) - 1;
        }
      else if (g_list_store_find (self->sweeps, target, NULL))
        gradlens_depth_sweep_add_points (GRADLENS_DEPTH_SWEEP (target), points, n_points);
    }
  _gradlens_session_changed (self);
  _gradlens_session_job_results (self, self->sweeps, added);
}

/* trainings: the steps final so far of the one training, then each
 * finished result */
static void
take_train_steps (GradlensSession *self)
{
  guint n_items = gradlens_job_get_n_items (self->job);

  for (guint i = 0; i < n_items; i++)
    {
      GObject *target = gradlens_job_get_target (self->job, i);
      const GradlensTrainResult *live;
      guint n_steps = 0;

      if (i < gradlens_job_get_n_done (self->job))
        {
          GradlensTrainResult *result = gradlens_job_steal_output (self->job, i, NULL);

          if (result != NULL)
            gradlens_train_run_set_result (GRADLENS_TRAIN_RUN (target), result);
          continue;
        }
      live = gradlens_job_peek_train (self->job, i, &n_steps);
      if (live != NULL && n_steps > 0)
        gradlens_train_run_copy_steps (GRADLENS_TRAIN_RUN (target), live, n_steps);
    }
}

static void
job_fraction_cb (GradlensSession *self,
                 GParamSpec      *pspec,
                 GradlensJob     *job)
{
  if (job == self->job && gradlens_job_get_kind (job) == GRADLENS_JOB_TRAIN)
    take_train_steps (self);
}

static void
items_ready_cb (GradlensSession *self,
                GradlensJob     *job)
{
  if (job == self->job && gradlens_job_get_kind (job) == GRADLENS_JOB_RUN)
    take_run_results (self);
  else if (job == self->job && gradlens_job_get_kind (job) == GRADLENS_JOB_TRAIN)
    take_train_steps (self);
}

/* a job still running is forgotten: its callback finds itself replaced and
 * drops what it computed */
void
_gradlens_session_forget_job (GradlensSession *self)
{
  if (self->job == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->job, self);
  if (self->load_job == self->job)
    self->load_job = NULL;
  g_clear_object (&self->job);
  _gradlens_session_notify_running (self);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GradlensSession) self = user_data;
  g_autoptr(GradlensJob) job = g_object_ref (GRADLENS_JOB (object));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = gradlens_job_run_finish (job, result, &error);
  /* a newer job replaced this one, or the session is gone */
  if (job != self->job)
    return;
  /* a stopped sweep keeps what it computed */
  if (gradlens_job_get_kind (job) == GRADLENS_JOB_SWEEP
      && (ok || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    take_sweep_results (self);
  if (gradlens_job_get_kind (job) == GRADLENS_JOB_TRAIN)
    take_train_steps (self);
  _gradlens_session_forget_job (self);
  _gradlens_session_job_finished (self, gradlens_job_get_kind (job), ok ? NULL : error);
}

static void
start_job (GradlensSession *self,
           GradlensJob     *job)
{
  gradlens_session_stop (self);
  _gradlens_session_forget_job (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->job = g_object_ref (job);
  self->n_taken = 0;
  g_signal_connect_object (job, "items-ready", G_CALLBACK (items_ready_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (job_fraction_cb), self, G_CONNECT_SWAPPED);
  gradlens_job_run_async (job, self->cancellable, job_done_cb, g_object_ref (self));
  _gradlens_session_notify_running (self);
}

gboolean
gradlens_session_get_running (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), FALSE);

  return self->job != NULL;
}

/**
 * gradlens_session_get_job:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): the job that computes, for its
 *   progress
 */
GradlensJob *
gradlens_session_get_job (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  return self->job;
}

/**
 * gradlens_session_run:
 * @self: a session
 * @configs: (array length=n_configs): valid runs, in order
 * @n_configs: how many, at least one
 *
 * Computes the runs in a worker thread (stopping any job before); each is
 * added to the runs as soon as it is done, in its colour or the next free
 * one, with its label or a default one made unique.
 */
void
gradlens_session_run (GradlensSession           *self,
                      GradlensRunConfig * const *configs,
                      guint                      n_configs)
{
  g_autoptr(GradlensJob) job = NULL;

  g_return_if_fail (GRADLENS_IS_SESSION (self));
  g_return_if_fail (configs != NULL && n_configs > 0);

  job = gradlens_job_new (GRADLENS_JOB_RUN);
  for (guint i = 0; i < n_configs; i++)
    gradlens_job_add (job, configs[i], NULL, 0, NULL);
  start_job (self, job);
}

/**
 * gradlens_session_sweep:
 * @self: a session
 * @config: a valid run; its depth is ignored
 * @depths: (array length=n_depths): depths of 1 .. 1000
 * @n_depths: how many, at least one
 * @error: why no sweep started: a run too deep for the limits
 *
 * Computes a depth sweep of @config in a worker thread, and the sweeps
 * listed before at the depths they lack (gradlens_depth_sweep_plan()); the
 * new one is listed in the next free colour when all are done.
 *
 * Returns: %TRUE if the computation started
 */
gboolean
gradlens_session_sweep (GradlensSession          *self,
                        const GradlensRunConfig  *config,
                        const int                *depths,
                        guint                     n_depths,
                        GError                  **error)
{
  g_autoptr(GradlensJob) job = NULL;

  g_return_val_if_fail (GRADLENS_IS_SESSION (self), FALSE);

  job = gradlens_depth_sweep_plan (G_LIST_MODEL (self->sweeps), config, depths, n_depths, error);
  if (job == NULL)
    return FALSE;
  start_job (self, job);
  return TRUE;
}

/**
 * gradlens_session_sweep_several:
 * @self: a session
 * @configs: (element-type GradlensRunConfig): valid runs, one new sweep
 *   each, in this order; their depths are ignored
 * @depths: (array length=n_depths): depths of 1 .. 1000
 * @n_depths: how many, at least one
 * @error: why no sweep started
 *
 * As gradlens_session_sweep() for several new sweeps at once, in one job
 * (gradlens_depth_sweep_plan_several()), each in a colour and with a label
 * of its own.
 *
 * Returns: %TRUE if the computation started
 */
gboolean
gradlens_session_sweep_several (GradlensSession  *self,
                                GPtrArray        *configs,
                                const int        *depths,
                                guint             n_depths,
                                GError          **error)
{
  g_autoptr(GradlensJob) job = NULL;

  g_return_val_if_fail (GRADLENS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (configs != NULL && configs->len > 0, FALSE);

  job = gradlens_depth_sweep_plan_several (G_LIST_MODEL (self->sweeps),
                                           (const GradlensRunConfig * const *) configs->pdata, configs->len,
                                           depths, n_depths, error);
  if (job == NULL)
    return FALSE;
  start_job (self, job);
  return TRUE;
}

/**
 * gradlens_session_train:
 * @self: a session
 * @configs: (array length=n_configs): valid runs, side by side
 * @n_configs: how many, at least one
 * @error: why no training started: settings or a run beyond the limits
 *
 * Trains the runs as the session's train settings say, in a worker thread
 * (stopping any job before). They replace the trainings listed at once,
 * each in its colour or the next free one, and show their steps as they
 * come (one seed) or when done (several).
 *
 * Returns: %TRUE if the training started
 */
gboolean
gradlens_session_train (GradlensSession           *self,
                        GradlensRunConfig * const *configs,
                        guint                      n_configs,
                        GError                   **error)
{
  g_autoptr(GradlensJob) job = NULL;

  g_return_val_if_fail (GRADLENS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (configs != NULL && n_configs > 0, FALSE);

  if (!gradlens_train_settings_validate (&self->train, GRADLENS_NAMING_PRESET, error))
    return FALSE;
  for (guint i = 0; i < n_configs; i++)
    {
      g_autofree char *size = NULL;
      guint64 bytes;

      if (!gradlens_run_config_validate (configs[i], GRADLENS_NAMING_PRESET, GRADLENS_DEFAULT_MEMORY_LIMIT, error))
        return FALSE;
      bytes = gradlens_train_memory (configs[i], &self->train, 0);
      if (bytes > GRADLENS_DEFAULT_MEMORY_LIMIT)
        {
          size = g_format_size (bytes);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       /* Translators: %s is a size such as "5.2 GB" */
                       _("Training would need %s of memory, more than the limit"),
                       size);
          return FALSE;
        }
    }

  gradlens_session_stop (self);
  _gradlens_session_forget_job (self);
  gradlens_session_remove (self, G_LIST_MODEL (self->trainings), 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->trainings)));
  job = gradlens_job_new (GRADLENS_JOB_TRAIN);
  gradlens_job_set_train_settings (job, &self->train);
  for (guint i = 0; i < n_configs; i++)
    {
      g_autoptr(GradlensRunConfig) config = gradlens_run_config_dup (configs[i]);
      g_autoptr(GradlensTrainRun) training = NULL;
      g_autofree char *base = NULL;
      PlotRgba rgba;

      if (config->color == NULL || !plot_rgba_parse (&rgba, config->color))
        {
          g_free (config->color);
          config->color = gradlens_series_list_next_color (G_LIST_MODEL (self->trainings));
        }
      if (config->label == NULL || config->label[0] == '\0')
        {
          g_clear_pointer (&config->label, g_free);
          config->label = gradlens_default_label (config, i + 1);
        }
      base = g_steal_pointer (&config->label);
      config->label = gradlens_series_list_unique_label (G_LIST_MODEL (self->trainings), base);
      training = gradlens_train_run_new (config, &self->train);
      _gradlens_session_append_series (self, self->trainings, training);
      gradlens_job_add (job, config, NULL, 0, G_OBJECT (training));
    }
  _gradlens_session_changed (self);
  start_job (self, job);
  return TRUE;
}

/* stops the job; its callback ("job-finished") says so */
void
gradlens_session_stop (GradlensSession *self)
{
  g_return_if_fail (GRADLENS_IS_SESSION (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}
