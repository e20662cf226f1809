/* gradlens-depth-sweep.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gradlens-job.h"
#include "gradlens-series-item.h"
#include "gradlens-sweep.h"

G_BEGIN_DECLS

/* The columns of a sweep's table */
typedef enum
{
  GRADLENS_SWEEP_COLUMN_DEPTH,
  GRADLENS_SWEEP_COLUMN_VALUE,
  GRADLENS_SWEEP_COLUMN_MIN,
  GRADLENS_SWEEP_COLUMN_Q1,
  GRADLENS_SWEEP_COLUMN_MEDIAN,
  GRADLENS_SWEEP_COLUMN_Q3,
  GRADLENS_SWEEP_COLUMN_MAX,
  GRADLENS_N_SWEEP_COLUMNS
} GradlensSweepColumn;

extern const GradlensTableSpec gradlens_sweep_table;

#define GRADLENS_TYPE_DEPTH_SWEEP (gradlens_depth_sweep_get_type ())

G_DECLARE_FINAL_TYPE (GradlensDepthSweep, gradlens_depth_sweep, GRADLENS, DEPTH_SWEEP, GradlensSeriesItem)

/* A depth sweep as the session lists it (a GradlensSeries): the
 * configuration it ran (its depth ignored; its label and colour are the
 * sweep's) and its points by increasing depth. */
GradlensDepthSweep       *gradlens_depth_sweep_new          (const GradlensRunConfig  *config,
                                                             const GradlensSweepPoint *points,
                                                             guint                     n_points);
const GradlensRunConfig  *gradlens_depth_sweep_get_config   (GradlensDepthSweep       *self);
const GradlensSweepPoint *gradlens_depth_sweep_get_points   (GradlensDepthSweep       *self,
                                                             guint                    *n_points);
/* adds points (a depth already there is replaced); keeps them in order */
void                      gradlens_depth_sweep_add_points   (GradlensDepthSweep       *self,
                                                             const GradlensSweepPoint *points,
                                                             guint                     n_points);
gboolean                  gradlens_depth_sweep_has_depth    (GradlensDepthSweep       *self,
                                                             int                       depth);
/* the job of a new sweep and of extending the sweeps listed to its depths */
GradlensJob              *gradlens_depth_sweep_plan         (GListModel               *sweeps,
                                                             const GradlensRunConfig  *config,
                                                             const int                *depths,
                                                             guint                     n_depths,
                                                             GError                  **error);
/* the same with a new sweep of each of configs (their labels and colours
 * made unique among themselves too) */
GradlensJob              *gradlens_depth_sweep_plan_several (GListModel                     *sweeps,
                                                             const GradlensRunConfig * const *configs,
                                                             guint                           n_configs,
                                                             const int                      *depths,
                                                             guint                           n_depths,
                                                             GError                        **error);

G_END_DECLS
