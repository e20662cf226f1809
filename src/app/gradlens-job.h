/* gradlens-job.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gradlens-runner.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_JOB (gradlens_job_get_type ())

G_DECLARE_FINAL_TYPE (GradlensJob, gradlens_job, GRADLENS, JOB, GObject)

/* One computation: several run configurations computed one after the other
 * in a worker thread (each spreading its seeds over the cores). Finished
 * results and the progress come back to the main thread through a mutex and
 * at most one pending idle: "results-ready" and notify::fraction. */
GradlensJob *gradlens_job_new            (GradlensRunConfig * const *configs,
                                          guint                      n_configs);
guint        gradlens_job_get_n_runs     (GradlensJob               *self);
guint        gradlens_job_get_n_done     (GradlensJob               *self);
double       gradlens_job_get_fraction   (GradlensJob               *self);
GPtrArray   *gradlens_job_steal_results  (GradlensJob               *self);
void         gradlens_job_run_async      (GradlensJob               *self,
                                          GCancellable              *cancellable,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data);
gboolean     gradlens_job_run_finish     (GradlensJob               *self,
                                          GAsyncResult              *result,
                                          GError                   **error);

G_END_DECLS
