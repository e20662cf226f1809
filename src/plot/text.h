/* text.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Internal to src/plot: one place that decides how text is shaped, so that the layout
 * computed for hit-testing and the one drawn on PNG, SVG and PDF surfaces agree. */

#define PLOT_FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

typedef struct
{
  double ascent;
  double descent;
} PlotFontMetrics;

PangoContext *_plot_text_context_new    (cairo_t         *cr);
PangoLayout  *_plot_text_layout_new     (PangoContext    *context,
                                         double           size);
void          _plot_text_metrics        (PangoContext    *context,
                                         double           size,
                                         PlotFontMetrics *metrics);
char         *_plot_text_sanitize       (const char      *text);
void          _plot_text_line_size      (PangoLayoutLine *line,
                                         double          *width,
                                         double          *height);
void          _plot_text_layout_size    (PangoLayout     *layout,
                                         double          *width,
                                         double          *height);
double        _plot_text_max_line_width (PangoLayout     *layout);

G_END_DECLS
