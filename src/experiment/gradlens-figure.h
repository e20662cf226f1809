/* gradlens-figure.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-preset.h"
#include "gradlens-runner.h"
#include "gradlens-sweep.h"
#include "plot.h"

G_BEGIN_DECLS

/* Results -> figure, the one place where this happens (DESIGN.md): the CLI,
 * the exports and the app draw the same figure from the same code.
 *
 * One series per result: label (or "Run N"), the run's colour (or palette
 * colour `first_color + i`), the gradient norm of each parameter (x by
 * parameter) or of each layer's weight (x by layer), the quartile band and
 * min/max whiskers with several seeds, and "×0.12 per layer" as the legend
 * suffix. Each value sits at its parameter's (or layer's) category: runs
 * with and without norm layers, or of other depths, share the axis, with a
 * gap where a run has no such parameter. Returns: (transfer full) */
PlotFigure *gradlens_figure_from_results (const GradlensPlotSettings *settings,
                                          GradlensRunResult * const  *results,
                                          guint                       n_results);

/* the series of one result (x by parameter or by layer), for the app's
 * incremental updates, its names merged into the figure's categories
 * (plot_figure_merge_categories()); color may be NULL for the palette
 * colour `index` */
guint       gradlens_figure_add_result   (PlotFigure                 *figure,
                                          GradlensXAxis               x_axis,
                                          const GradlensRunResult    *result,
                                          guint                       index);

/* The run's diagnosis (DESIGN.md "Teaching contracts") in words: one
 * translated sentence per finding, separated by newlines; NULL without
 * findings. Returns: (transfer full) (nullable) */
char       *gradlens_diagnosis_dup_text  (const GradlensRunResult    *result);

/* "×0.12 per layer", or NULL when undefined; (transfer full) */
char       *gradlens_format_decay        (double                      decay);

/* the default label of the n-th run (1-based) without one */
char       *gradlens_default_label       (const GradlensRunConfig    *config,
                                          guint                       n);

/* The per-layer forward statistics of a run (GradlensRunResult.layer_stats,
 * DESIGN.md "Analysis contracts"), in the order a chooser lists them. */
typedef enum
{
  GRADLENS_LAYER_DERIV_MEAN,
  GRADLENS_LAYER_SATURATED_FRACTION,
  GRADLENS_LAYER_DEAD_FRACTION,        /* dead_units / the layer's output units */
  GRADLENS_LAYER_PRE_STD,
  GRADLENS_LAYER_ACT_STD,
  GRADLENS_LAYER_ACT_MEAN,
  GRADLENS_LAYER_PRE_MEAN,
  GRADLENS_N_LAYER_STATS
} GradlensLayerStat;

/* "deriv_mean", "saturated_fraction", "dead_fraction", "pre_std", ...;
 * NULL when out of range */
const char        *gradlens_layer_stat_name     (GradlensLayerStat            stat);
/* -1 when unknown */
int                gradlens_layer_stat_from_name (const char                  *name);
/* English axis title, e.g. "Mean activation derivative" */
const char        *gradlens_layer_stat_title    (GradlensLayerStat            stat);
/* linear for means and fractions, log for standard deviations */
PlotScale          gradlens_layer_stat_scale    (GradlensLayerStat            stat);
/* the statistic of layer `layer` (1-based) of the first seed */
double             gradlens_layer_stat_value    (const GradlensRunResult     *result,
                                                 int                          layer,
                                                 GradlensLayerStat            stat);

/* One series per result: label, colour (as gradlens_figure_from_results),
 * the statistic of each layer (x = layer 1 .. the deepest run's depth),
 * over the first seed. The y scale is the statistic's, whatever
 * settings->y_scale says; NULL titles in settings take English defaults.
 * Returns: (transfer full) */
PlotFigure *gradlens_figure_from_layer_stats (const GradlensPlotSettings *settings,
                                              GradlensRunResult * const  *results,
                                              guint                       n_results,
                                              GradlensLayerStat           stat);

/* The backward signal (DESIGN.md "Teaching contracts"): for each result
 * its measured grad_rms per layer (series i, solid) and, after all of them,
 * its predicted_grad_rms (series n_results + i, dashed, the same colour).
 * Legend suffixes: the measured change per layer, and the mean activation
 * and weight gains whose product predicts it. NULL titles in settings take
 * English defaults. Returns: (transfer full) */
PlotFigure *gradlens_figure_from_backward_signal (const GradlensPlotSettings *settings,
                                                  GradlensRunResult * const  *results,
                                                  guint                       n_results);
/* The step from layer + 1 down to layer (1 <= layer < depth): returns
 * activation_gain of layer × weight_gain of layer + 1 (NAN when undefined),
 * and each gain when the pointers are not NULL */
double      gradlens_backward_step       (const GradlensRunResult    *result,
                                          int                         layer,
                                          double                     *activation_gain,
                                          double                     *weight_gain);
/* geometric means over the steps between hidden layers (all steps with
 * fewer than three layers) of the activation and weight gains and of the
 * measured ratio grad_rms(l) / grad_rms(l + 1); NAN when undefined */
void        gradlens_backward_mean_gains (const GradlensRunResult    *result,
                                          double                     *activation_gain,
                                          double                     *weight_gain,
                                          double                     *measured);

/* A depth sweep as one series of a figure */
typedef struct
{
  const char               *label;
  const char               *color;      /* "#rrggbb", or NULL for the palette colour of its index */
  const GradlensSweepPoint *points;     /* by increasing depth */
  guint                     n_points;
  gboolean                  has_stats;  /* several seeds: quartile band and min/max whiskers */
} GradlensSweepSeries;

/* x = the depths (the union of every sweep's, as categories), y = the first
 * layer's weight gradient norm (the median with several seeds, with its
 * quartile band and min/max whiskers), "×0.31 per layer" (how the value
 * changes per added layer, gradlens_sweep_decay_per_layer) as the legend
 * suffix. Sweeps are meant to share their depths; a depth that a sweep lacks
 * below its deepest one is a gap in its series (nothing drawn, nothing
 * noted). NULL titles in settings take English defaults.
 * Returns: (transfer full) */
PlotFigure *gradlens_figure_from_sweeps      (const GradlensPlotSettings *settings,
                                              const GradlensSweepSeries  *sweeps,
                                              guint                       n_sweeps);

/* 10^slope of the least-squares line through log10 of the finite, non-zero
 * values against the depth: the factor by which the first layer's gradient
 * norm changes per added layer (below 1 vanishing); NAN with < 2 points */
double      gradlens_sweep_decay_per_layer   (const GradlensSweepPoint   *points,
                                              guint                       n_points);

/* "sigmoid", "relu, kaiming_normal" or "sigmoid, residual, batch norm": the
 * label of a sweep without one */
char       *gradlens_default_sweep_label     (const GradlensRunConfig    *config);

G_END_DECLS
