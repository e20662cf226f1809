/* gradlens-run.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gradlens-runner.h"

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

#define GRADLENS_TYPE_RUN (gradlens_run_get_type ())

G_DECLARE_FINAL_TYPE (GradlensRun, gradlens_run, GRADLENS, RUN, GObject)

GradlensRun             *gradlens_run_new           (GradlensRunResult *result);
const GradlensRunResult *gradlens_run_get_result    (GradlensRun       *self);
const char              *gradlens_run_get_label     (GradlensRun       *self);
void                     gradlens_run_set_label     (GradlensRun       *self,
                                                     const char        *label);
const char              *gradlens_run_get_color     (GradlensRun       *self);
gboolean                 gradlens_run_get_visible   (GradlensRun       *self);
void                     gradlens_run_set_visible   (GradlensRun       *self,
                                                     gboolean           visible);
const char              *gradlens_run_get_detail    (GradlensRun       *self);
gboolean                 gradlens_run_has_stats     (GradlensRun       *self);

/* one cell of the table: for people (locale, 4 digits) or exact (C locale,
 * shortest text that reads back as the same double) */
char                    *gradlens_run_dup_cell      (GradlensRun       *self,
                                                     guint              param,
                                                     GradlensColumn     column,
                                                     gboolean           exact);
/* the whole table as tab-separated text with a header line */
char                    *gradlens_run_dup_values_tsv (GradlensRun      *self);

/* one cell of the table of layers (layer: 0-based row), as above */
char                    *gradlens_run_dup_layer_cell (GradlensRun       *self,
                                                      guint              layer,
                                                      GradlensLayerColumn column,
                                                      gboolean           exact);
/* the table of layers as tab-separated text, the keys of the JSON output
 * ("layer", "pre_mean", ..., "dead_units") as its header line */
char                    *gradlens_run_dup_layers_tsv (GradlensRun       *self);

/* "×0.12 per layer" for people (translated, the locale's decimal point), or
 * NULL when undefined */
char                    *gradlens_format_decay_for_people (double         decay);
/* a number of the tables: for people (locale, 4 digits) or exact */
char                    *gradlens_format_number     (double             value,
                                                     gboolean           exact);

G_END_DECLS
