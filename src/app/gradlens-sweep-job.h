/* gradlens-sweep-job.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gradlens-sweep.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_SWEEP_JOB (gradlens_sweep_job_get_type ())

G_DECLARE_FINAL_TYPE (GradlensSweepJob, gradlens_sweep_job, GRADLENS, SWEEP_JOB, GObject)

/* One computation of depth sweeps: each one gradlens_sweep() of a
 * configuration at some depths, computed one after the other in a worker
 * thread (each spreading its runs over the cores). The progress counts runs
 * over all of them and comes back to the main thread through a mutex and at
 * most one pending idle (notify::fraction). */
GradlensSweepJob         *gradlens_sweep_job_new         (void);
/* before gradlens_sweep_job_run_async(); target (nullable) is kept for the
 * caller (the sweep that the points are for). Returns: the sweep's index */
guint                     gradlens_sweep_job_add         (GradlensSweepJob         *self,
                                                          const GradlensRunConfig  *config,
                                                          const int                *depths,
                                                          guint                     n_depths,
                                                          GObject                  *target);
guint                     gradlens_sweep_job_get_n_sweeps (GradlensSweepJob        *self);
const GradlensRunConfig  *gradlens_sweep_job_get_config  (GradlensSweepJob         *self,
                                                          guint                     index);
GObject                  *gradlens_sweep_job_get_target  (GradlensSweepJob         *self,
                                                          guint                     index);
/* the points of sweep `index`, by increasing depth, once the job succeeded */
const GradlensSweepPoint *gradlens_sweep_job_get_points  (GradlensSweepJob         *self,
                                                          guint                     index,
                                                          guint                    *n_points);
double                    gradlens_sweep_job_get_fraction (GradlensSweepJob        *self);
void                      gradlens_sweep_job_run_async   (GradlensSweepJob         *self,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
gboolean                  gradlens_sweep_job_run_finish  (GradlensSweepJob         *self,
                                                          GAsyncResult             *result,
                                                          GError                  **error);

G_END_DECLS
