/* gradlens-series-row.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gradlens-series.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_SERIES_ROW (gradlens_series_row_get_type ())

G_DECLARE_FINAL_TYPE (GradlensSeriesRow, gradlens_series_row, GRADLENS, SERIES_ROW, GtkListBoxRow)

GtkWidget      *gradlens_series_row_new              (GradlensSeries    *series,
                                                      const char        *remove_action);
GradlensSeries *gradlens_series_row_get_series       (GradlensSeriesRow *self);
GtkLabel       *gradlens_series_row_get_detail_label (GradlensSeriesRow *self);

GtkLabel       *gradlens_series_row_get_diagnosis_label (GradlensSeriesRow *self);

G_END_DECLS
