/* gradlens-run-item.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gradlens-runner.h"
#include "gradlens-series-item.h"

G_BEGIN_DECLS

/* The columns of a run's table of values */
typedef enum
{
  GRADLENS_COLUMN_PARAMETER,
  GRADLENS_COLUMN_SHAPE,
  GRADLENS_COLUMN_GRAD_NORM,
  GRADLENS_COLUMN_MIN,
  GRADLENS_COLUMN_Q1,
  GRADLENS_COLUMN_MEDIAN,
  GRADLENS_COLUMN_Q3,
  GRADLENS_COLUMN_MAX,
  GRADLENS_N_COLUMNS
} GradlensColumn;

/* The columns of a run's table of layers (the forward statistics of its
 * first seed) */
typedef enum
{
  GRADLENS_LAYER_COLUMN_LAYER,
  GRADLENS_LAYER_COLUMN_PRE_MEAN,
  GRADLENS_LAYER_COLUMN_PRE_STD,
  GRADLENS_LAYER_COLUMN_ACT_MEAN,
  GRADLENS_LAYER_COLUMN_ACT_STD,
  GRADLENS_LAYER_COLUMN_DERIV_MEAN,
  GRADLENS_LAYER_COLUMN_SATURATED,
  GRADLENS_LAYER_COLUMN_DEAD,
  GRADLENS_N_LAYER_COLUMNS
} GradlensLayerColumn;

/* A run's tables */
enum
{
  GRADLENS_RUN_TABLE_VALUES,   /* the gradient norms, GradlensColumn */
  GRADLENS_RUN_TABLE_LAYERS,   /* the forward statistics, GradlensLayerColumn */
};

extern const GradlensTableSpec gradlens_run_values_table;
extern const GradlensTableSpec gradlens_run_layers_table;

#define GRADLENS_TYPE_RUN_ITEM (gradlens_run_item_get_type ())

/* One computed run as the session lists it (a GradlensSeries): its result
 * (owned, never changed but for the label), its colour and whether the plot
 * shows it. */
G_DECLARE_FINAL_TYPE (GradlensRunItem, gradlens_run_item, GRADLENS, RUN_ITEM, GradlensSeriesItem)

GradlensRunItem         *gradlens_run_item_new        (GradlensRunResult *result);
const GradlensRunResult *gradlens_run_item_get_result (GradlensRunItem   *self);

G_END_DECLS
