/* gradlens-series-table.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gradlens-series.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_SERIES_TABLE (gradlens_series_table_get_type ())

G_DECLARE_FINAL_TYPE (GradlensSeriesTable, gradlens_series_table, GRADLENS, SERIES_TABLE, GObject)

/* The one table model: fills a GtkColumnView with one table of a series
 * (the columns of a GradlensTableSpec, one label per cell), hides the
 * statistics columns of a series with one seed, and copies the table as
 * text. Ctrl+C in shortcut_widget copies the whole table (win.copy-values). */
GradlensSeriesTable *gradlens_series_table_new        (GtkColumnView           *view,
                                                       const GradlensTableSpec *spec,
                                                       guint                    table,
                                                       GtkWidget               *shortcut_widget);
GradlensSeries      *gradlens_series_table_get_series (GradlensSeriesTable     *self);
void                 gradlens_series_table_set_series (GradlensSeriesTable     *self,
                                                       GradlensSeries          *series);
/* the rows shown: items whose text comes from the series */
GListModel          *gradlens_series_table_get_model  (GradlensSeriesTable     *self);
GtkColumnViewColumn *gradlens_series_table_get_column (GradlensSeriesTable     *self,
                                                       guint                    column);
char                *gradlens_series_table_dup_tsv    (GradlensSeriesTable     *self);
GtkColumnView       *gradlens_series_table_get_view   (GradlensSeriesTable     *self);

G_END_DECLS
