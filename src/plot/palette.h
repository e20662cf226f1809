/* palette.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PlotRgba:
 * @red: red component, 0 to 1
 * @green: green component, 0 to 1
 * @blue: blue component, 0 to 1
 * @alpha: opacity, 0 (transparent) to 1 (opaque)
 *
 * A colour with straight (not premultiplied) alpha, the way cairo takes it.
 */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} PlotRgba;

/**
 * PLOT_PALETTE_SIZE:
 *
 * Number of colours in the Plotly colour sequence that plot_palette_color() cycles through.
 */
#define PLOT_PALETTE_SIZE 10

void      plot_palette_color  (guint           index,
                               PlotRgba       *rgba);
gboolean  plot_rgba_parse     (PlotRgba       *rgba,
                               const char     *spec);
char     *plot_rgba_to_string (const PlotRgba *rgba);

G_END_DECLS
