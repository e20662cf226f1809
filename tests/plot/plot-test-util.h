/* plot-test-util.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "plot.h"

G_BEGIN_DECLS

/* The notebook's four runs (sigmoid, Leaky ReLU, sigmoid + kaiming, Leaky ReLU + xavier):
 * ten gradient norms each, lin1.weight .. lin5.bias. */
extern const double plot_test_notebook[4][10];
extern const char *const plot_test_parameter_names[10];

PlotFigure      *plot_test_notebook_figure   (void);
PlotFigure      *plot_test_nonfinite_figure  (void);
PlotFigure      *plot_test_stats_figure      (void);
PlotFigure      *plot_test_long_labels_figure (void);
void             plot_test_legend_swatch     (const PlotLayout *layout,
                                              guint             entry,
                                              double           *x,
                                              double           *y);

cairo_surface_t *plot_test_render            (const PlotFigure *fig,
                                              int               width,
                                              int               height);
guint32          plot_test_pixel             (cairo_surface_t  *surface,
                                              int               x,
                                              int               y);
gboolean         plot_test_pixel_is          (cairo_surface_t  *surface,
                                              int               x,
                                              int               y,
                                              const PlotRgba   *color,
                                              int               tolerance);
gboolean         plot_test_color_near        (cairo_surface_t  *surface,
                                              double            x,
                                              double            y,
                                              double            radius,
                                              const PlotRgba   *color,
                                              int               tolerance);
guint            plot_test_count_differences (cairo_surface_t  *a,
                                              cairo_surface_t  *b,
                                              int               tolerance,
                                              int              *max_difference);
guint            plot_test_count_moved       (cairo_surface_t  *a,
                                              cairo_surface_t  *b,
                                              int               tolerance,
                                              int               radius);
void             plot_test_background        (PlotTheme         theme,
                                              PlotRgba         *color);

G_END_DECLS
