/* render.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>

#include "figure.h"

G_BEGIN_DECLS

void plot_render (cairo_t          *cr,
                  double            width,
                  double            height,
                  const PlotFigure *fig);

G_END_DECLS
