/* gradlens-bench.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gradlens-runner.h"

G_BEGIN_DECLS

#define GRADLENS_BENCH_MAX_ITERATIONS 10000000

/* DESIGN.md's `bench`: a "run" is one forward pass, backward pass and
 * gradient norms on data and weights prepared once; a "full run" also draws
 * the data and initialises the weights; with several seeds the whole
 * ensemble (statistics mode, every core) is timed too. */
typedef struct
{
  GradlensRunConfig config;
  guint             iterations;
  double            run_min, run_median;         /* seconds */
  double            full_min, full_median;
  guint             ensemble_reps;               /* 0 with one seed */
  double            ensemble_min, ensemble_median;
} GradlensBenchResult;

/* progress counts timed iterations (and ensembles) out of the total; the
 * cancellable is checked between iterations */
GradlensBenchResult *gradlens_bench             (const GradlensRunConfig  *config,
                                                 guint                     iterations,
                                                 GradlensProgressFunc      progress,
                                                 gpointer                  user_data,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
void                 gradlens_bench_result_free (GradlensBenchResult      *result);
/* {"config", "iterations", "seconds_per_run", "seconds_per_full_run"[,
 * "seconds_per_ensemble"]} */
char                *gradlens_bench_to_json     (const GradlensBenchResult *result);
char                *gradlens_bench_to_table    (const GradlensBenchResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GradlensBenchResult, gradlens_bench_result_free)

G_END_DECLS
