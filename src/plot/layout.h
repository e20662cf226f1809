/* layout.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "axis.h"
#include "figure.h"

G_BEGIN_DECLS

/**
 * PlotRect:
 * @x: left edge
 * @y: top edge
 * @width: width
 * @height: height
 *
 * A rectangle in the units of the cairo_t that plot_render() draws on (pixels on screen
 * and in PNG files, points in SVG and PDF files).
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} PlotRect;

/**
 * PlotLayout:
 * @width: width of the figure
 * @height: height of the figure
 * @em: base font size (tick labels, legend); titles and margins scale with it, and it grows
 *   with the figure so that a 1600×900 export stays legible on a slide
 * @line_width: width of the series lines (2 at the reference size, like the notebook)
 * @marker_size: diameter of the series markers (8 at the reference size)
 * @area: the data area, inside the axes
 * @legend: the legend box: right of the data area, or below it when the entries do not fit
 *   beside it at this size (see @legend_below); empty without series
 * @legend_row_height: height of one legend entry (two lines when a series has a legend
 *   suffix: the suffix goes under the label)
 * @legend_n_rows: rows of legend entries, including the slot of a last "+N more" entry when
 *   not every series fits
 * @legend_n_entries: series listed in the legend: series 0 .. @legend_n_entries - 1, entry i
 *   showing series i; entries fill the rows from left to right (plot_layout_legend_entry())
 * @legend_n_columns: entries per row: 1 beside the data area, more below it
 * @legend_column_width: width of one column of entries (@legend.width beside the data area)
 * @legend_below: %TRUE when the legend is below the data area, across the figure, because
 *   its entries are too wide to sit beside it
 * @legend_truncated: %TRUE when some legend text is cut short with "…" (only when even one
 *   entry is wider than the whole figure); the entries still hit-test as a whole
 * @y_scale: scale of the y axis
 * @x_min: left edge of the view in category index units (category i sits at x = i)
 * @x_max: right edge of the view
 * @y_min: bottom edge of the view in data units
 * @y_max: top edge of the view
 * @n_categories: number of x positions (the most of the category names and the longest
 *   series)
 * @has_data: %TRUE if some visible series has a value on the y axis; otherwise the plot
 *   shows empty axes with a message
 *
 * Where everything goes when a figure is drawn at a given size: the result of
 * plot_layout_compute(), the same computation plot_render() makes. Use it to map pixels to
 * data and back, for zooming and panning and for hit-testing without drawing.
 */
typedef struct
{
  double     width;
  double     height;
  double     em;
  double     line_width;
  double     marker_size;
  PlotRect   area;
  PlotRect   legend;
  double     legend_row_height;
  guint      legend_n_rows;
  guint      legend_n_entries;
  guint      legend_n_columns;
  double     legend_column_width;
  gboolean   legend_below;
  gboolean   legend_truncated;
  PlotScale  y_scale;
  double     x_min;
  double     x_max;
  double     y_min;
  double     y_max;
  guint      n_categories;
  gboolean   has_data;
} PlotLayout;

void      plot_layout_compute        (PlotLayout       *layout,
                                      const PlotFigure *fig,
                                      double            width,
                                      double            height);
double    plot_layout_x_to_pixel     (const PlotLayout *layout,
                                      double            x);
double    plot_layout_y_to_pixel     (const PlotLayout *layout,
                                      double            y);
double    plot_layout_pixel_to_x     (const PlotLayout *layout,
                                      double            px);
double    plot_layout_pixel_to_y     (const PlotLayout *layout,
                                      double            py);
gboolean  plot_layout_legend_entry   (const PlotLayout *layout,
                                      guint             entry,
                                      PlotRect         *bounds);
gboolean  plot_layout_point_position (const PlotLayout *layout,
                                      const PlotFigure *fig,
                                      guint             series,
                                      guint             index,
                                      double           *px,
                                      double           *py);
void      plot_layout_zoom           (const PlotLayout *layout,
                                      PlotFigure       *fig,
                                      double            px,
                                      double            py,
                                      double            factor_x,
                                      double            factor_y);
void      plot_layout_pan            (const PlotLayout *layout,
                                      PlotFigure       *fig,
                                      double            dx,
                                      double            dy);

G_END_DECLS
