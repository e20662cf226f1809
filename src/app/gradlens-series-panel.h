/* gradlens-series-panel.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gradlens-series-table.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_SERIES_PANEL (gradlens_series_panel_get_type ())

G_DECLARE_FINAL_TYPE (GradlensSeriesPanel, gradlens_series_panel, GRADLENS, SERIES_PANEL, GtkBox)

/* A list of series (one GradlensSeriesRow each: the runs, the sweeps) beside
 * the tables of the selected one; with several tables a switcher picks one
 * and the heading names the series. Properties: "heading", "placeholder",
 * "clear-action", "clear-tooltip", "remove-action" (a window action taking a row's index). */
void                 gradlens_series_panel_bind        (GradlensSeriesPanel     *self,
                                                        GListModel              *series);
void                 gradlens_series_panel_add_table   (GradlensSeriesPanel     *self,
                                                        const char              *name,
                                                        const char              *title,
                                                        const char              *accessible_label,
                                                        const GradlensTableSpec *spec,
                                                        guint                    table);
GradlensSeriesTable *gradlens_series_panel_get_table   (GradlensSeriesPanel     *self,
                                                        const char              *name);
/* the table on screen */
GradlensSeriesTable *gradlens_series_panel_get_visible_table (GradlensSeriesPanel *self);
void                 gradlens_series_panel_show_table  (GradlensSeriesPanel     *self,
                                                        const char              *name);
GradlensSeries      *gradlens_series_panel_get_selected (GradlensSeriesPanel    *self);
void                 gradlens_series_panel_select      (GradlensSeriesPanel     *self,
                                                        guint                    index);
GtkListBox          *gradlens_series_panel_get_list    (GradlensSeriesPanel     *self);
/* the stack of tables, and the heading above them */
GtkStack            *gradlens_series_panel_get_stack   (GradlensSeriesPanel     *self);
GtkLabel            *gradlens_series_panel_get_values_title (GradlensSeriesPanel *self);

G_END_DECLS
