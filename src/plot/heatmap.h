/* heatmap.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>

#include "export.h"
#include "figure.h"

G_BEGIN_DECLS

/**
 * PlotHeatmap:
 *
 * A training figure: one panel per configuration, side by side, each a heatmap of
 * values (rows: parameters, columns: steps) on a log colour scale shared by all
 * panels (with a colour bar on the right), and beneath it the loss per step on a log
 * axis. A marker shows one step. Cells that cannot sit on a log scale (zero, negative,
 * non-finite) are drawn in a neutral grey and named by plot_heatmap_hit().
 * Not thread-safe, but it may be built in one thread and handed to another.
 */
typedef struct _PlotHeatmap PlotHeatmap;

/**
 * PlotHeatmapHit:
 * @panel: the panel under the point
 * @row: the row (parameter), or -1 on the loss curve
 * @step: the step (column)
 * @value: the exact value of the cell, or the loss
 *
 * What plot_heatmap_hit() found.
 */
typedef struct
{
  guint  panel;
  int    row;
  guint  step;
  double value;
} PlotHeatmapHit;

PlotHeatmap *plot_heatmap_new          (void);
void         plot_heatmap_free         (PlotHeatmap       *hm);
void         plot_heatmap_set_theme    (PlotHeatmap       *hm,
                                        PlotTheme          theme);
void         plot_heatmap_set_titles   (PlotHeatmap       *hm,
                                        const char        *title,
                                        const char        *colorbar_title,
                                        const char        *loss_title,
                                        const char        *x_title);
guint        plot_heatmap_add_panel    (PlotHeatmap       *hm,
                                        const char        *label,
                                        const PlotRgba    *color,
                                        const char *const *rows,
                                        guint              n_rows,
                                        guint              n_steps,
                                        guint              n_filled,
                                        const double      *values,
                                        const double      *losses);
guint        plot_heatmap_get_n_panels (const PlotHeatmap *hm);
void         plot_heatmap_set_zero_low (PlotHeatmap       *hm,
                                        gboolean           zero_low);
void         plot_heatmap_set_marker   (PlotHeatmap       *hm,
                                        int                step);
gboolean     plot_heatmap_get_color_range (const PlotHeatmap *hm,
                                        double            *min,
                                        double            *max);
void         plot_heatmap_color        (double             t,
                                        PlotRgba          *rgba);
void         plot_heatmap_render       (cairo_t           *cr,
                                        double             width,
                                        double             height,
                                        const PlotHeatmap *hm);
gboolean     plot_heatmap_hit          (const PlotHeatmap *hm,
                                        double             width,
                                        double             height,
                                        double             x,
                                        double             y,
                                        PlotHeatmapHit    *hit);
gboolean     plot_heatmap_export       (const PlotHeatmap *hm,
                                        const char        *path,
                                        PlotFormat         format,
                                        double             width,
                                        double             height,
                                        GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlotHeatmap, plot_heatmap_free)

G_END_DECLS
