/* raster.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "layout.h"
#include "palette.h"

G_BEGIN_DECLS

/* Internal to src/plot: a span rasteriser for the series on image surfaces.
 *
 * cairo 1.16 needs about 25 ms to stroke 50 polylines of 200 points and 60 ms to fill their
 * 10 000 markers on a 1200×800 image, far from the 8 ms a redraw may take. On an ARGB32 or
 * RGB24 image surface with an axis-aligned uniform scale, plot_render() therefore rasterises
 * the same geometry (round-capped line segments, discs, band trapezoids) itself: coverage
 * is computed from the distance to each shape (lines, discs; the square root from the
 * processor's reciprocal square root estimate, to about 1/4000 of a pixel), accumulated in
 * an 8-bit coverage buffer and composited with the series colour once per series, or
 * exactly from the area under each edge (bands), blended straight into the surface a block
 * of eight columns at a time (_plot_raster_band()). The inner loops use SSE2, or AVX2 where
 * the processor has it (picked at run time; GRADLENS_PLOT_NO_AVX2 in the environment turns
 * it off), and both draw the same pixels. On a recording surface (a GTK snapshot) it does
 * the same into an image at the figure's HiDPI scale and paints that. Text, grid and edge
 * markers, and everything on vector surfaces (SVG, PDF), go through cairo. */

typedef struct _PlotRaster PlotRaster;

/* One stretch of a band, between two neighbouring positions: over [xa, xb] it covers what
 * lies between two edges going linearly from top_a to top_b and from bottom_a to bottom_b
 * (either may be the upper one). */
typedef struct
{
  double xa;
  double xb;
  double top_a;
  double top_b;
  double bottom_a;
  double bottom_b;
} PlotRasterPiece;

PlotRaster *_plot_raster_new        (cairo_t        *cr,
                                     const PlotRect *clip,
                                     double          scale);
void        _plot_raster_finish     (PlotRaster     *raster,
                                     cairo_t        *cr);
cairo_t    *_plot_raster_begin_cairo (PlotRaster    *raster,
                                     cairo_t        *cr);
void        _plot_raster_end_cairo  (PlotRaster     *raster,
                                     cairo_t        *cr);
void        _plot_raster_capsule   (PlotRaster     *raster,
                                    double          ax,
                                    double          ay,
                                    double          bx,
                                    double          by,
                                    double          half_width);
void        _plot_raster_disc      (PlotRaster     *raster,
                                    double          cx,
                                    double          cy,
                                    double          radius);
void        _plot_raster_band      (PlotRaster            *raster,
                                    const PlotRasterPiece *pieces,
                                    gsize                  n_pieces,
                                    const PlotRgba        *color,
                                    double                 alpha);
void        _plot_raster_composite (PlotRaster     *raster,
                                    const PlotRgba *color,
                                    double          alpha);

G_END_DECLS
