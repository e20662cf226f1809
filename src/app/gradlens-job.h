/* gradlens-job.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gradlens-runner.h"
#include "gradlens-train.h"

G_BEGIN_DECLS

/* What a job computes; each kind has its worker in gradlens-job-workers.c */
typedef enum
{
  GRADLENS_JOB_RUN,     /* gradlens_run() of each item: a GradlensRunResult */
  GRADLENS_JOB_SWEEP,   /* gradlens_sweep() of each item at its depths: GradlensSweepPoint[] */
  GRADLENS_JOB_TRAIN,   /* gradlens_train_into() of each item: a GradlensTrainResult */
} GradlensJobKind;

#define GRADLENS_TYPE_JOB (gradlens_job_get_type ())

G_DECLARE_FINAL_TYPE (GradlensJob, gradlens_job, GRADLENS, JOB, GObject)

/* One computation, the app's only threading pattern: its items computed one
 * after the other in a GTask worker thread (each spreading its seeds over
 * the cores). The worker leaves each finished item's output and the progress
 * under a mutex and schedules at most one pending idle, which tells the main
 * thread: "items-ready" and notify::fraction, notify::n-done. */
GradlensJob     *gradlens_job_new           (GradlensJobKind          kind);
/* before gradlens_job_run_async(): config (copied), its depths for a sweep
 * (NULL for a run), target (nullable) kept for the caller. Returns: the
 * item's index */
guint            gradlens_job_add           (GradlensJob             *self,
                                             const GradlensRunConfig *config,
                                             const int               *depths,
                                             guint                    n_depths,
                                             GObject                 *target);
GradlensJobKind  gradlens_job_get_kind      (GradlensJob             *self);
guint            gradlens_job_get_n_items   (GradlensJob             *self);
/* items finished and told to the main thread */
guint            gradlens_job_get_n_done    (GradlensJob             *self);
double           gradlens_job_get_fraction  (GradlensJob             *self);
/* the worker's latest progress, which the main thread may not have been
 * told yet (read under the job's lock) */
double           gradlens_job_peek_worker_fraction (GradlensJob      *self);
const GradlensRunConfig *gradlens_job_get_config (GradlensJob        *self,
                                             guint                    index);
GObject         *gradlens_job_get_target    (GradlensJob             *self,
                                             guint                    index);
/* the output of a finished item (index < n-done), once: a
 * GradlensRunResult for a run, a GradlensSweepPoint array (one point per
 * depth, by depth) for a sweep; the caller frees it */
gpointer         gradlens_job_steal_output  (GradlensJob             *self,
                                             guint                    index,
                                             guint                   *n_points);
/* a training job's settings, before any gradlens_job_add() */
void             gradlens_job_set_train_settings (GradlensJob                 *self,
                                             const GradlensTrainSettings *settings);
/* main thread, a training job: the result of the item still training,
 * whose first *n_steps steps are final (one seed; NULL otherwise). Valid
 * until control returns to the main loop. */
const GradlensTrainResult *gradlens_job_peek_train (GradlensJob     *self,
                                             guint                    index,
                                             guint                   *n_steps);
void             gradlens_job_run_async     (GradlensJob             *self,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
gboolean         gradlens_job_run_finish    (GradlensJob             *self,
                                             GAsyncResult            *result,
                                             GError                 **error);

G_END_DECLS
