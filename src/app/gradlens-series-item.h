/* gradlens-series-item.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-series.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_SERIES_ITEM (gradlens_series_item_get_type ())

G_DECLARE_DERIVABLE_TYPE (GradlensSeriesItem, gradlens_series_item, GRADLENS, SERIES_ITEM, GObject)

/* The common part of every GradlensSeries (a run, a depth sweep, a
 * training): its label and colour (kept in the configuration the subclass
 * computes, so that figures, exports and presets see them), whether it is
 * shown, and its detail line; the properties "label", "color", "visible" and
 * "detail" with their notifications. Subclasses implement the rest of the
 * interface (their tables, decay, configuration). */
struct _GradlensSeriesItemClass
{
  GObjectClass parent_class;

  gpointer     padding[4];
};

void gradlens_series_item_set_config  (GradlensSeriesItem *self,
                                       GradlensRunConfig  *config);
void gradlens_series_item_take_detail (GradlensSeriesItem *self,
                                       char               *detail);

G_END_DECLS
