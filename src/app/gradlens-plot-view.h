/* gradlens-plot-view.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "plot.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_PLOT_VIEW (gradlens_plot_view_get_type ())

G_DECLARE_FINAL_TYPE (GradlensPlotView, gradlens_plot_view, GRADLENS, PLOT_VIEW, GtkWidget)

GtkWidget  *gradlens_plot_view_new            (void);
PlotFigure *gradlens_plot_view_get_figure     (GradlensPlotView *self);
void        gradlens_plot_view_set_figure     (GradlensPlotView *self,
                                               PlotFigure       *figure);
void        gradlens_plot_view_figure_changed (GradlensPlotView *self);
void        gradlens_plot_view_zoom           (GradlensPlotView *self,
                                               double            factor);
void        gradlens_plot_view_reset_view     (GradlensPlotView *self);
gboolean    gradlens_plot_view_legend_entry   (GradlensPlotView *self,
                                               guint             series,
                                               graphene_rect_t  *bounds);
char       *gradlens_plot_view_dup_tooltip    (GradlensPlotView *self,
                                               double            x,
                                               double            y);

char       *gradlens_plot_view_copy_value_at  (GradlensPlotView *self,
                                               double            x,
                                               double            y);

gboolean    gradlens_plot_view_get_ranges     (GradlensPlotView *self,
                                               double           *x_min,
                                               double           *x_max,
                                               double           *y_min,
                                               double           *y_max);

G_END_DECLS
