/* gradlens-figure.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-preset.h"
#include "gradlens-runner.h"
#include "plot.h"

G_BEGIN_DECLS

/* Results -> figure, the one place where this happens (DESIGN.md): the CLI,
 * the exports and the app draw the same figure from the same code.
 *
 * One series per result: label (or "Run N"), the run's colour (or palette
 * colour `first_color + i`), the gradient norm of each parameter (x by
 * parameter) or of each layer's weight (x by layer), the quartile band and
 * min/max whiskers with several seeds, and "×0.12 per layer" as the legend
 * suffix. Returns: (transfer full) */
PlotFigure *gradlens_figure_from_results (const GradlensPlotSettings *settings,
                                          GradlensRunResult * const  *results,
                                          guint                       n_results);

/* the series of one result (x by parameter or by layer), for the app's
 * incremental updates; color may be NULL for the palette colour `index` */
guint       gradlens_figure_add_result   (PlotFigure                 *figure,
                                          GradlensXAxis               x_axis,
                                          const GradlensRunResult    *result,
                                          guint                       index);

/* "×0.12 per layer", or NULL when undefined; (transfer full) */
char       *gradlens_format_decay        (double                      decay);

/* the default label of the n-th run (1-based) without one */
char       *gradlens_default_label       (const GradlensRunConfig    *config,
                                          guint                       n);

G_END_DECLS
