/* gradlens-heatmap-view.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "plot.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_HEATMAP_VIEW (gradlens_heatmap_view_get_type ())

G_DECLARE_FINAL_TYPE (GradlensHeatmapView, gradlens_heatmap_view, GRADLENS, HEATMAP_VIEW, GtkWidget)

/* A training figure on screen (plot_heatmap_render from src/plot), with a
 * tooltip naming the cell under the pointer and its exact value. */
GtkWidget         *gradlens_heatmap_view_new          (void);
/* (transfer full): takes the figure */
void               gradlens_heatmap_view_set_heatmap  (GradlensHeatmapView *self,
                                                       PlotHeatmap         *heatmap);
const PlotHeatmap *gradlens_heatmap_view_get_heatmap  (GradlensHeatmapView *self);
/* what the tooltip names: panel by panel from 0, its label and rows */
void               gradlens_heatmap_view_set_names    (GradlensHeatmapView *self,
                                                       guint                panel,
                                                       const char          *label,
                                                       const char * const  *rows);
/* what the values are, in the tooltip ("gradient norm") */
void               gradlens_heatmap_view_set_value_name (GradlensHeatmapView *self,
                                                       const char          *name);
/* the tooltip at x, y (widget coordinates), NULL where there is none */
char              *gradlens_heatmap_view_dup_tooltip  (GradlensHeatmapView *self,
                                                       double               x,
                                                       double               y);

G_END_DECLS
