/* gradlens-train.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gradlens-config.h"
#include "gradlens-runner.h"
#include "optim.h"

G_BEGIN_DECLS

#define GRADLENS_TRAIN_MAX_STEPS 100000
#define GRADLENS_TRAIN_MAX_LR    1000.0

/* How to train (DESIGN.md "Analysis contracts", `gradlens-cli train`; the
 * "train" object of a preset): torch.optim.SGD (lr, momentum) or
 * torch.optim.Adam (lr; betas and eps PyTorch's defaults). */
typedef struct
{
  int          steps;       /* 1..GRADLENS_TRAIN_MAX_STEPS */
  NnOptimizer  optimizer;
  double       lr;          /* 0..GRADLENS_TRAIN_MAX_LR */
  double       momentum;    /* 0..1, SGD only */
} GradlensTrainSettings;

/* the field of a number of the settings ("steps", "lr", "momentum"): its
 * type and range; NULL for another key */
const GradlensField *gradlens_train_field (const char *key);

/* steps 100, sgd, lr 0.1, momentum 0 (the reference script's defaults) */
void      gradlens_train_settings_init       (GradlensTrainSettings        *settings);
/* every range and rule; errors name the field as naming says
 * ("--lr" or "train.lr"), the value and what is allowed */
gboolean  gradlens_train_settings_validate   (const GradlensTrainSettings  *settings,
                                              GradlensNaming                naming,
                                              GError                      **error);
/* option is "steps", "optimizer", "lr" or "momentum"; FALSE with an error
 * naming --option, the text and what is allowed */
gboolean  gradlens_train_settings_parse      (GradlensTrainSettings        *settings,
                                              const char                   *option,
                                              const char                   *text,
                                              GError                      **error);
/* a preset's "train" object at `where`: its keys are steps, optimizer, lr,
 * momentum (all optional; unknown keys are errors) */
gboolean  gradlens_train_settings_load_json  (GradlensTrainSettings        *settings,
                                              JsonNode                     *node,
                                              const char                   *where,
                                              GError                      **error);
/* {"steps": .., "optimizer": .., "lr": .., "momentum": ..} */
void      gradlens_train_settings_build_json (const GradlensTrainSettings  *settings,
                                              JsonBuilder                  *builder);
void      gradlens_train_settings_to_optim   (const GradlensTrainSettings  *settings,
                                              NnOptimConfig                *optim);
/* "sgd" or "adam", as presets and the CLI name the optimizer (set it with
 * gradlens_train_settings_parse (settings, "optimizer", name, error)) */
const char *gradlens_train_settings_get_optimizer (const GradlensTrainSettings *settings);

/* The result of training one configuration for its seeds. Arrays are
 * seed-major, then step-major: the value of seed s, step t, parameter p is
 * norms[(s * n_steps + t) * n_params + p]. */
typedef struct
{
  GradlensRunConfig      config;
  GradlensTrainSettings  train;
  int                    n_params;
  char                 **names;          /* "lin1.weight", ... (NULL-terminated) */
  int                    depth;
  int                    n_steps;
  int                    n_seeds;
  double                *losses;         /* n_seeds x n_steps */
  double                *norms;          /* n_seeds x n_steps x n_params */
  double                *weight_change;  /* n_seeds x n_steps x depth */
  gboolean              *has_change;     /* n_seeds x depth: FALSE where ||W_i(0)|| is 0 */
  /* with several seeds, per step (NULL with one): */
  GradlensStats         *loss_stats;     /* n_steps */
  GradlensStats         *norm_stats;     /* n_steps x n_params */
  GradlensStats         *change_stats;   /* n_steps x depth, over the seeds where the layer's change is defined */
  gboolean              *change_stats_defined;   /* depth */
} GradlensTrainResult;

/* Trains config (its seeds spread over up to n_threads threads, 0 = one
 * per core) as settings say. Validates both first, and refuses work whose
 * networks, optimizer state and results would need more than memory_limit
 * bytes (0 = no limit). progress counts finished steps out of seeds x
 * steps, from worker threads, in order, at most about 100 times per seed.
 * Stops promptly with G_IO_ERROR_CANCELLED when cancellable is cancelled.
 * Returns: (transfer full): the result, or NULL with error set */
GradlensTrainResult *gradlens_train             (const GradlensRunConfig     *config,
                                                 const GradlensTrainSettings *settings,
                                                 guint                        n_threads,
                                                 guint64                      memory_limit,
                                                 GradlensProgressFunc         progress,
                                                 gpointer                     user_data,
                                                 GCancellable                *cancellable,
                                                 GError                     **error);
void                 gradlens_train_result_free (GradlensTrainResult         *result);

/* For a worker that shows the steps as they come (the app's training
 * page): an empty result for config and settings (validated by
 * gradlens_train_into), NULL when out of memory... */
GradlensTrainResult *gradlens_train_result_new  (const GradlensRunConfig     *config,
                                                 const GradlensTrainSettings *settings);
/* ...then gradlens_train on it (its config and train settings). With one
 * seed, steps 0 .. done - 1 of the result are final when progress reports
 * done: they are written before the report, which runs under a lock, so a
 * callback that hands `done` on under a lock of its own (the Sysprof relay
 * of STYLE.md) lets another thread read them. FALSE with error set as
 * gradlens_train; the result then holds the steps done so far. */
gboolean             gradlens_train_into        (GradlensTrainResult         *result,
                                                 guint                        n_threads,
                                                 guint64                      memory_limit,
                                                 GradlensProgressFunc         progress,
                                                 gpointer                     user_data,
                                                 GCancellable                *cancellable,
                                                 GError                     **error);
/* bytes gradlens_train needs on n_threads threads, with the text of its
 * JSON or CSV output */
guint64              gradlens_train_memory      (const GradlensRunConfig     *config,
                                                 const GradlensTrainSettings *settings,
                                                 guint                        n_threads);

/* `gradlens-cli train --format json`: {"train": {"parameters": [...],
 * "steps": [{"step", "loss", "grad_norms", "weight_change"}, ...]}} (see
 * README.md for the statistics with several seeds and non-finite values) */
char                *gradlens_train_to_json     (const GradlensTrainResult   *result);
/* one row per step and parameter, RFC 4180 */
char                *gradlens_train_to_csv      (const GradlensTrainResult   *result);

/* v (finite) in 17 significant digits, trailing zeros dropped: text that
 * reads back as exactly v, in JSON's number syntax ("1.0", "0.25",
 * "1.5e-07"), several times faster than printf; returns its length (buf
 * holds at least 32 bytes) */
int                  gradlens_format_double     (char                        *buf,
                                                 double                       v);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GradlensTrainResult, gradlens_train_result_free)

G_END_DECLS
