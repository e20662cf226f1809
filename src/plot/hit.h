/* hit.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "figure.h"
#include "layout.h"

G_BEGIN_DECLS

gboolean plot_hit_point         (const PlotFigure *fig,
                                 double            width,
                                 double            height,
                                 double            x,
                                 double            y,
                                 double            max_dist,
                                 guint            *series,
                                 guint            *index,
                                 double           *value);
int      plot_hit_legend        (const PlotFigure *fig,
                                 double            width,
                                 double            height,
                                 double            x,
                                 double            y);
gboolean plot_layout_hit_point  (const PlotLayout *layout,
                                 const PlotFigure *fig,
                                 double            x,
                                 double            y,
                                 double            max_dist,
                                 guint            *series,
                                 guint            *index,
                                 double           *value);
int      plot_layout_hit_legend (const PlotLayout *layout,
                                 const PlotFigure *fig,
                                 double            x,
                                 double            y);

G_END_DECLS
