/* gradlens-estimate.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-config.h"

G_BEGIN_DECLS

/* A command's output, for its share of the memory estimate */
typedef enum
{
  GRADLENS_FORMAT_NONE,    /* nothing kept (a figure, a benchmark) */
  GRADLENS_FORMAT_JSON,
  GRADLENS_FORMAT_CSV,
  GRADLENS_FORMAT_TABLE,
} GradlensFormat;

/* What a piece of work holds at once and about how long it takes. */
typedef struct
{
  guint64 memory;    /* bytes: the whole process's peak, never below it */
  double  seconds;   /* wall-clock on this machine's cores, roughly */
} GradlensEstimate;

#define GRADLENS_DEFAULT_TIME_LIMIT 3600.0   /* seconds of work accepted without asking */

/* Everything computing configs one after another holds at once: the
 * networks on every thread, every run's per-seed results, the output in
 * format, the process itself. n_threads as for gradlens_run (0 = one per
 * core), limited the way gradlens_run limits it under memory_limit. */
void     gradlens_estimate_runs   (GradlensRunConfig * const *configs,
                                   guint                      n_configs,
                                   guint                      n_threads,
                                   guint64                    memory_limit,
                                   GradlensFormat             format,
                                   GradlensEstimate          *estimate);
/* A depth sweep: the deepest depths run at the same time, one per thread. */
void     gradlens_estimate_sweep  (const GradlensRunConfig   *config,
                                   const int                 *depths,
                                   guint                      n_depths,
                                   guint                      n_threads,
                                   GradlensEstimate          *estimate);
/* gradlens_bench: iterations of a run and of a full run, then the seeds */
void     gradlens_estimate_bench  (const GradlensRunConfig   *config,
                                   guint                      iterations,
                                   GradlensEstimate          *estimate);
/* a training of steps steps per seed whose results and networks take
 * train_bytes (gradlens_train_memory on gradlens_thread_count threads) */
void     gradlens_estimate_train  (const GradlensRunConfig   *config,
                                   int                        steps,
                                   guint64                    train_bytes,
                                   GradlensEstimate          *estimate);
/* adds bytes held besides (an image surface) */
void     gradlens_estimate_add    (GradlensEstimate          *estimate,
                                   guint64                    bytes);

/* GRADLENS_ERROR_TOO_LARGE with the estimate when it needs more memory than
 * memory_limit (0: none), or more time than time_limit seconds (0: none;
 * the message says how to accept it: accept_hint, e.g. "--yes") */
gboolean gradlens_estimate_check  (const GradlensEstimate    *estimate,
                                   const char                *what,
                                   guint64                    memory_limit,
                                   double                     time_limit,
                                   const char                *accept_hint,
                                   GError                   **error);
/* "about 3.5 hours", "about 40 minutes", "about 12 seconds" */
char    *gradlens_format_duration (double                     seconds);
/* sizes for people: "4.0 GiB" (messages that compare two sizes print
 * bytes when both would read the same) */
char    *gradlens_format_size     (guint64                    bytes);

G_END_DECLS
