/* gradlens-train-run.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-series-item.h"
#include "gradlens-train.h"

G_BEGIN_DECLS

/* The columns of a training's table: one row per step */
typedef enum
{
  GRADLENS_TRAIN_COLUMN_STEP,
  GRADLENS_TRAIN_COLUMN_LOSS,
  GRADLENS_TRAIN_COLUMN_FIRST_NORM,
  GRADLENS_TRAIN_COLUMN_FIRST_CHANGE,
  GRADLENS_N_TRAIN_COLUMNS
} GradlensTrainColumn;

extern const GradlensTableSpec gradlens_train_table;

#define GRADLENS_TYPE_TRAIN_RUN (gradlens_train_run_get_type ())

G_DECLARE_FINAL_TYPE (GradlensTrainRun, gradlens_train_run, GRADLENS, TRAIN_RUN, GradlensSeriesItem)

/* A training as the session lists it (a GradlensSeries): the configuration
 * it trained (its label and colour are the training's), how, and the steps
 * trained so far (notify::n-steps as they come). */
GradlensTrainRun          *gradlens_train_run_new         (const GradlensRunConfig     *config,
                                                           const GradlensTrainSettings *settings);
const GradlensRunConfig   *gradlens_train_run_get_config  (GradlensTrainRun            *self);
const GradlensTrainSettings *gradlens_train_run_get_settings (GradlensTrainRun         *self);
/* the result: its first n-steps steps are filled in (NULL before any) */
const GradlensTrainResult *gradlens_train_run_get_result  (GradlensTrainRun            *self);
guint                      gradlens_train_run_get_n_steps (GradlensTrainRun            *self);
/* steps shown .. n_steps - 1 of a result still training (one seed) */
void                       gradlens_train_run_copy_steps  (GradlensTrainRun            *self,
                                                           const GradlensTrainResult   *source,
                                                           guint                        n_steps);
/* the final result (transfer full): every step */
void                       gradlens_train_run_set_result  (GradlensTrainRun            *self,
                                                           GradlensTrainResult         *result);
/* the norm of parameter p at step t: the median over seeds with several */
double                     gradlens_train_run_get_norm    (GradlensTrainRun            *self,
                                                           guint                        step,
                                                           guint                        param);
double                     gradlens_train_run_get_loss    (GradlensTrainRun            *self,
                                                           guint                        step);

G_END_DECLS
