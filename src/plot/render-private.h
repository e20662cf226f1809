/* render-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "render.h"

G_BEGIN_DECLS

void _plot_render_with_scale (cairo_t          *cr,
                              double            width,
                              double            height,
                              const PlotFigure *fig,
                              double            scale);

G_END_DECLS
