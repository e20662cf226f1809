/* gradlens-views.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-controls.h"
#include "gradlens-page.h"
#include "gradlens-series-panel.h"
#include "gradlens-session.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_VIEWS (gradlens_views_get_type ())

G_DECLARE_FINAL_TYPE (GradlensViews, gradlens_views, GRADLENS, VIEWS, GObject)

/* The window's views: one GradlensPage per view in a stack, the panels of
 * runs and of sweeps below, the side panel's sweep mode, following each
 * other. "changed": the view, a selection or a shown table changed;
 * "figure-changed": a page drew anew. */
GradlensViews       *gradlens_views_new               (GtkStack            *plot_stack,
                                                       GtkStack            *lower_stack,
                                                       GradlensSeriesPanel *runs_panel,
                                                       GradlensSeriesPanel *sweeps_panel,
                                                       GradlensControls    *controls,
                                                       GradlensSession     *session);
const char          *gradlens_views_get_view          (GradlensViews       *self);
void                 gradlens_views_set_view          (GradlensViews       *self,
                                                       const char          *view);
GradlensPage        *gradlens_views_get_visible_page  (GradlensViews       *self);
GradlensSeriesPanel *gradlens_views_get_visible_panel (GradlensViews       *self);
void                 gradlens_views_close             (GradlensViews       *self);

G_END_DECLS
