/* hit.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "figure-private.h"
#include "hit.h"
#include "layout-private.h"

/**
 * plot_layout_hit_point:
 * @layout: the layout of @fig (plot_layout_compute())
 * @fig: a figure
 * @x: horizontal pointer position
 * @y: vertical pointer position
 * @max_dist: largest distance in pixels from the pointer to a marker centre
 * @series: (out) (optional): series of the nearest point
 * @index: (out) (optional): index (category) of the nearest point
 * @value: (out) (optional): its exact value, also 0, ±inf or NaN for the edge markers
 *
 * Finds the marker of a visible series nearest to (@x, @y), within @max_dist pixels: the
 * markers on the axis and the edge markers of values that cannot sit on it. On a tie the
 * series drawn last (on top) wins. Outputs are untouched when nothing is hit.
 *
 * Returns: %TRUE if a point was hit
 */
gboolean
plot_layout_hit_point (const PlotLayout *layout,
                       const PlotFigure *fig,
                       double            x,
                       double            y,
                       double            max_dist,
                       guint            *series,
                       guint            *index,
                       double           *value)
{
  PlotMapping mapping;
  double best = INFINITY;
  guint best_series = 0, best_index = 0;
  guint s;
  gsize i;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (fig != NULL, FALSE);

  if (!(max_dist >= 0.0) || !isfinite (x) || !isfinite (y))
    return FALSE;

  _plot_mapping_init (&mapping, layout);

  for (s = 0; s < fig->series->len; s++)
    {
      const PlotSeries *ps = g_ptr_array_index (fig->series, s);

      if (!ps->visible)
        continue;
      for (i = 0; i < ps->n_values; i++)
        {
          double px, py, d;

          if (_plot_series_is_gap (ps, i) || !_plot_mapping_position (&mapping, i, ps->values[i], NULL, &px, &py))
            continue;
          d = hypot (px - x, py - y);
          if (d <= max_dist && d <= best)
            {
              best = d;
              best_series = s;
              best_index = i;
            }
        }
    }

  if (!isfinite (best))
    return FALSE;
  if (series != NULL)
    *series = best_series;
  if (index != NULL)
    *index = best_index;
  if (value != NULL)
    {
      const PlotSeries *ps = g_ptr_array_index (fig->series, best_series);

      *value = ps->values[best_index];
    }
  return TRUE;
}

/**
 * plot_hit_point:
 * @fig: a figure
 * @width: width the figure is drawn at
 * @height: height the figure is drawn at
 * @x: horizontal pointer position
 * @y: vertical pointer position
 * @max_dist: largest distance in pixels from the pointer to a marker centre
 * @series: (out) (optional): series of the nearest point
 * @index: (out) (optional): index (category) of the nearest point
 * @value: (out) (optional): its exact value
 *
 * plot_layout_hit_point() on the layout of @fig at @width × @height (for the tooltip on
 * the closest point).
 *
 * Returns: %TRUE if a point was hit
 */
gboolean
plot_hit_point (const PlotFigure *fig,
                double            width,
                double            height,
                double            x,
                double            y,
                double            max_dist,
                guint            *series,
                guint            *index,
                double           *value)
{
  PlotLayout layout;

  g_return_val_if_fail (fig != NULL, FALSE);

  plot_layout_compute (&layout, fig, width, height);
  return plot_layout_hit_point (&layout, fig, x, y, max_dist, series, index, value);
}

/**
 * plot_layout_hit_legend:
 * @layout: the layout of @fig (plot_layout_compute())
 * @fig: a figure
 * @x: horizontal pointer position
 * @y: vertical pointer position
 *
 * Finds the legend entry under (@x, @y): its whole rectangle counts (see
 * plot_layout_legend_entry()), swatch, label and suffix, also where the text is cut short.
 *
 * Returns: the series index of that entry, hidden or not, or -1 (also for the
 *   "+N more" row)
 */
int
plot_layout_hit_legend (const PlotLayout *layout,
                        const PlotFigure *fig,
                        double            x,
                        double            y)
{
  guint cols;
  double row, col;
  guint entry;

  g_return_val_if_fail (layout != NULL, -1);
  g_return_val_if_fail (fig != NULL, -1);

  if (layout->legend_n_entries == 0 || !(layout->legend_row_height > 0.0)
      || !(layout->legend_column_width > 0.0))
    return -1;
  if (!(x >= layout->legend.x && x < layout->legend.x + layout->legend.width
        && y >= layout->legend.y && y < layout->legend.y + layout->legend.height))
    return -1;
  cols = MAX (layout->legend_n_columns, 1);
  row = floor ((y - layout->legend.y) / layout->legend_row_height);
  col = floor ((x - layout->legend.x) / layout->legend_column_width);
  if (row < 0 || row >= layout->legend_n_rows || col < 0 || col >= cols)
    return -1;
  entry = (guint) row * cols + (guint) col;
  if (entry >= layout->legend_n_entries || entry >= fig->series->len)
    return -1;
  return (int) entry;
}

/**
 * plot_hit_legend:
 * @fig: a figure
 * @width: width the figure is drawn at
 * @height: height the figure is drawn at
 * @x: horizontal pointer position
 * @y: vertical pointer position
 *
 * plot_layout_hit_legend() on the layout of @fig at @width × @height (a click on a legend
 * entry hides or shows its series).
 *
 * Returns: the series index of the legend entry under the position, or -1
 */
int
plot_hit_legend (const PlotFigure *fig,
                 double            width,
                 double            height,
                 double            x,
                 double            y)
{
  PlotLayout layout;

  g_return_val_if_fail (fig != NULL, -1);

  plot_layout_compute (&layout, fig, width, height);
  return plot_layout_hit_legend (&layout, fig, x, y);
}
