/* gradlens-runner.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gradlens-config.h"
#include "gradlens-diagnosis.h"

G_BEGIN_DECLS

typedef struct
{
  double min;
  double q1;
  double median;
  double q3;
  double max;
} GradlensStats;

/* The result of one run (one configuration, one or more seeds). */
typedef struct
{
  GradlensRunConfig config;
  int               n_params;
  char            **names;        /* "lin1.weight", ... (NULL-terminated) */
  int              *layers;       /* 1-based layer of each parameter */
  gboolean         *is_weight;    /* a Linear's weight (lin{i}.weight) */
  NnParamKind      *kinds;        /* lin{i}.weight, lin{i}.bias, norm{i}.weight, norm{i}.bias */
  int              *rows;
  int              *cols;         /* 0 for a bias (a vector) */
  int               n_seeds;
  double           *losses;       /* per seed */
  double           *norms;        /* n_seeds x n_params, seed-major */
  GradlensStats    *stats;        /* per parameter, NULL with one seed */
  double           *grad_norm;    /* per parameter: the value, or the median */
  double            decay_per_layer;   /* NAN when undefined */
  int               depth;
  NnLayerStats     *layer_stats;  /* depth entries, over the first seed */
  GradlensFinding  *diagnosis;    /* DESIGN.md "Teaching contracts", over the first seed */
  int               n_diagnosis;
} GradlensRunResult;

/* called from worker threads: done of total steps are finished (for
 * gradlens_run, total is seeds x gradlens_run_progress_steps: seeds, or
 * the layers of each seed's forward and backward pass) */
typedef void (*GradlensProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Runs config (validated first against memory_limit; 0 = no limit) with its
 * seeds spread over up to n_threads threads (0 = one per core). Stops
 * promptly with G_IO_ERROR_CANCELLED when cancellable is cancelled.
 * Returns: (transfer full): the result, or NULL with error set */
GradlensRunResult *gradlens_run              (const GradlensRunConfig  *config,
                                              guint                     n_threads,
                                              guint64                   memory_limit,
                                              GradlensProgressFunc      progress,
                                              gpointer                  user_data,
                                              GCancellable             *cancellable,
                                              GError                  **error);
void               gradlens_run_result_free  (GradlensRunResult        *result);
/* the progress steps of one seed in gradlens_run: for networks with long
 * layers, each layer drawn at setup (nn_mlp_setup_layer_calls: depth, or
 * 2 x depth with another init) and each layer of the forward and of the
 * backward pass, so that a single deep seed shows progress; 1 (the seed)
 * otherwise */
guint              gradlens_run_progress_steps (const GradlensRunConfig *config);

/* How many threads to use for n_items independent pieces of work:
 * requested (0 = one per core), at least 1, at most n_items. */
guint              gradlens_thread_count     (guint                     requested,
                                              guint                     n_items);
/* Runs worker (data) on n_threads threads, the calling one among them, and
 * returns when all have returned. The workers share data and take their
 * items from it themselves. */
void               gradlens_run_on_threads   (const char               *name,
                                              GThreadFunc               worker,
                                              gpointer                  data,
                                              guint                     n_threads);

/* numpy's default quantile (linear interpolation between closest ranks) of
 * n values; the array is sorted in place (NaN last) */
double             gradlens_quantile_sorted  (const double             *sorted,
                                              gsize                     n,
                                              double                    q);
void               gradlens_stats_compute    (double                   *values,
                                              gsize                     n,
                                              GradlensStats            *stats);
/* 10^(-slope) of the least-squares line through log10 of the finite,
 * non-zero weight gradient norms against the layer; NAN with < 2 points */
double             gradlens_decay_per_layer  (const GradlensRunResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GradlensRunResult, gradlens_run_result_free)

/* "weight" or "bias": the last part of a parameter's name */
const char        *gradlens_param_kind_name (NnParamKind kind);
/* "lin3.weight", "norm3.bias", ... (layer 0-based) */
char              *gradlens_param_name      (int         layer,
                                             NnParamKind kind);

G_END_DECLS
