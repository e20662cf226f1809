/* layout-mapping.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* From data to pixels and back for a computed layout (layout.c): the mapping plot_render()
 * and the hit-tests use, the public conversions, and zoom and pan, which change the view of
 * a figure from pixel positions. */

#include "config.h"

#include <math.h>

#include "figure-private.h"
#include "layout-private.h"

/* Pixel coordinates are clamped to this before clipping: far-away points (a deep zoom on a
 * wide range) would otherwise overflow cairo's fixed-point coordinates. */
#define COORD_LIMIT 1e8

/* Limits of zoom and pan. */
#define LOG_MIN_DECADE (-323.0)
#define LOG_MAX_DECADE 308.0
#define LOG_MIN_SPAN 1e-4
#define LINEAR_LIMIT 1e300

void
_plot_mapping_init (PlotMapping      *mapping,
                    const PlotLayout *layout)
{
  double r = layout->marker_size / 2 + layout->line_width;
  double inset = 0.75 * layout->marker_size;

  mapping->scale = layout->y_scale;
  mapping->x_origin = layout->area.x;
  mapping->x_min = layout->x_min;
  mapping->x_factor = layout->area.width / (layout->x_max - layout->x_min);
  mapping->y_origin = layout->area.y + layout->area.height;
  if (layout->y_scale == PLOT_SCALE_LOG)
    {
      mapping->y_low = log10 (layout->y_min);
      mapping->y_factor = layout->area.height / (log10 (layout->y_max) - mapping->y_low);
    }
  else
    {
      mapping->y_low = layout->y_min;
      mapping->y_factor = layout->area.height / (layout->y_max - layout->y_min);
    }
  mapping->top_edge = layout->area.y + inset;
  mapping->bottom_edge = layout->area.y + layout->area.height - inset;
  mapping->visible.x = layout->area.x - r;
  mapping->visible.y = layout->area.y - r;
  mapping->visible.width = layout->area.width + 2 * r;
  mapping->visible.height = layout->area.height + 2 * r;
}

static inline double
mapping_x (const PlotMapping *mapping,
           double             x)
{
  return mapping->x_origin + (x - mapping->x_min) * mapping->x_factor;
}

/* @y must be on the axis. */
static inline double
mapping_y (const PlotMapping *mapping,
           double             y)
{
  double v = mapping->scale == PLOT_SCALE_LOG ? log10 (y) : y;

  return mapping->y_origin - (v - mapping->y_low) * mapping->y_factor;
}

static double
clamp_coord (double v)
{
  if (isnan (v))
    return COORD_LIMIT;
  return CLAMP (v, -COORD_LIMIT, COORD_LIMIT);
}

/* Where the marker of @value at category @index goes: on the axis, or on the bottom edge
 * (zero, negative, -inf) or top edge (+inf, NaN) of the data area. Returns whether the
 * marker is in view. */
gboolean
_plot_mapping_position (const PlotMapping *mapping,
                        guint              index,
                        double             value,
                        PlotValueClass    *cls,
                        double            *px,
                        double            *py)
{
  const PlotRect *v = &mapping->visible;
  PlotValueClass c = plot_axis_classify (mapping->scale, value);
  double x, y;

  x = clamp_coord (mapping_x (mapping, index));
  switch (c)
    {
    case PLOT_VALUE_ON_AXIS:
      y = clamp_coord (mapping_y (mapping, value));
      break;
    case PLOT_VALUE_ZERO:
    case PLOT_VALUE_NEGATIVE:
    case PLOT_VALUE_NEG_INF:
      y = mapping->bottom_edge;
      break;
    case PLOT_VALUE_POS_INF:
    case PLOT_VALUE_NAN:
    default:
      y = mapping->top_edge;
      break;
    }

  if (cls != NULL)
    *cls = c;
  *px = x;
  *py = y;
  return x >= v->x && x <= v->x + v->width && y >= v->y && y <= v->y + v->height;
}

/**
 * plot_layout_x_to_pixel:
 * @layout: a layout
 * @x: an x position in category index units
 *
 * Returns: the horizontal pixel position of @x
 */
double
plot_layout_x_to_pixel (const PlotLayout *layout,
                        double            x)
{
  PlotMapping mapping;

  g_return_val_if_fail (layout != NULL, 0.0);

  _plot_mapping_init (&mapping, layout);
  return mapping_x (&mapping, x);
}

/**
 * plot_layout_y_to_pixel:
 * @layout: a layout
 * @y: a value
 *
 * Returns: the vertical pixel position of @y, NaN if @y is not on the y axis
 *   (plot_axis_classify())
 */
double
plot_layout_y_to_pixel (const PlotLayout *layout,
                        double            y)
{
  PlotMapping mapping;

  g_return_val_if_fail (layout != NULL, 0.0);

  if (plot_axis_classify (layout->y_scale, y) != PLOT_VALUE_ON_AXIS)
    return NAN;
  _plot_mapping_init (&mapping, layout);
  return mapping_y (&mapping, y);
}

/**
 * plot_layout_pixel_to_x:
 * @layout: a layout
 * @px: a horizontal pixel position
 *
 * Returns: the x position (category index units, not rounded) at @px
 */
double
plot_layout_pixel_to_x (const PlotLayout *layout,
                        double            px)
{
  g_return_val_if_fail (layout != NULL, 0.0);

  return layout->x_min
         + (px - layout->area.x) / layout->area.width * (layout->x_max - layout->x_min);
}

/**
 * plot_layout_pixel_to_y:
 * @layout: a layout
 * @py: a vertical pixel position
 *
 * Returns: the value at @py (interpolated in log space on a log axis)
 */
double
plot_layout_pixel_to_y (const PlotLayout *layout,
                        double            py)
{
  g_return_val_if_fail (layout != NULL, 0.0);

  return plot_axis_denormalize (layout->y_scale, layout->y_min, layout->y_max,
                                1.0 - (py - layout->area.y) / layout->area.height);
}

/**
 * plot_layout_point_position:
 * @layout: the layout of @fig
 * @fig: a figure
 * @series: a series index
 * @index: a value index (category)
 * @px: (out): horizontal pixel position of the marker
 * @py: (out): vertical pixel position of the marker
 *
 * Gives where plot_render() draws the marker of value @index of @series: on the axis for a
 * value on it, and on the bottom edge (zero, negative, -inf) or top edge (+inf, NaN) of the
 * data area otherwise.
 *
 * Returns: %TRUE if the marker is drawn: the series exists and is visible, the value exists
 *   and the position is in view
 */
gboolean
plot_layout_point_position (const PlotLayout *layout,
                            const PlotFigure *fig,
                            guint             series,
                            guint             index,
                            double           *px,
                            double           *py)
{
  const PlotSeries *s;
  PlotMapping mapping;
  double x, y;
  gboolean shown;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (fig != NULL, FALSE);

  if (series >= fig->series->len)
    return FALSE;
  s = g_ptr_array_index (fig->series, series);
  if (!s->visible || index >= s->n_values || _plot_series_is_gap (s, index))
    return FALSE;
  _plot_mapping_init (&mapping, layout);
  shown = _plot_mapping_position (&mapping, index, s->values[index], NULL, &x, &y);
  if (px != NULL)
    *px = x;
  if (py != NULL)
    *py = y;
  return shown;
}

static void
zoom_span (double  lo,
           double  hi,
           double  anchor,
           double  t,
           double  factor,
           double  min_span,
           double  limit_lo,
           double  limit_hi,
           double *out_lo,
           double *out_hi)
{
  double span = (hi - lo) / factor;

  span = CLAMP (span, min_span, limit_hi - limit_lo);
  lo = anchor - t * span;
  hi = lo + span;
  if (lo < limit_lo)
    {
      lo = limit_lo;
      hi = lo + span;
    }
  if (hi > limit_hi)
    {
      hi = limit_hi;
      lo = hi - span;
    }
  *out_lo = lo;
  *out_hi = hi;
}

/**
 * plot_layout_zoom:
 * @layout: the layout of @fig at its current size
 * @fig: the figure to change
 * @px: horizontal pixel position to zoom around (the pointer); clamped to the data area
 * @py: vertical pixel position to zoom around
 * @factor_x: horizontal zoom factor, above 1 to zoom in, below 1 to zoom out, 1 to leave x
 *   alone
 * @factor_y: vertical zoom factor, the same way; on a log axis the zoom is in log space
 *
 * Zooms the view of @fig so the data under (@px, @py) stays under it, then fixes the new
 * view with plot_figure_set_x_view() and plot_figure_set_y_view(). Ranges are kept within
 * what a double can hold.
 */
void
plot_layout_zoom (const PlotLayout *layout,
                  PlotFigure       *fig,
                  double            px,
                  double            py,
                  double            factor_x,
                  double            factor_y)
{
  double t, u, lo, hi;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (fig != NULL);
  g_return_if_fail (factor_x > 0.0 && isfinite (factor_x));
  g_return_if_fail (factor_y > 0.0 && isfinite (factor_y));

  t = CLAMP ((px - layout->area.x) / layout->area.width, 0.0, 1.0);
  u = CLAMP (1.0 - (py - layout->area.y) / layout->area.height, 0.0, 1.0);

  if (factor_x != 1.0)
    {
      double limit = 10.0 * (MAX (layout->n_categories, 1) + 1);
      double anchor = layout->x_min + t * (layout->x_max - layout->x_min);

      zoom_span (layout->x_min, layout->x_max, anchor, t, factor_x, 0.25, -limit, limit, &lo, &hi);
      plot_figure_set_x_view (fig, lo, hi);
    }

  if (factor_y != 1.0 && layout->y_scale == fig->y_scale)
    {
      if (layout->y_scale == PLOT_SCALE_LOG)
        {
          double llo = log10 (layout->y_min), lhi = log10 (layout->y_max);

          zoom_span (llo, lhi, llo + u * (lhi - llo), u, factor_y, LOG_MIN_SPAN,
                     LOG_MIN_DECADE, LOG_MAX_DECADE, &lo, &hi);
          plot_figure_set_y_view (fig, pow (10.0, lo), pow (10.0, hi));
        }
      else
        {
          double anchor = layout->y_min + u * (layout->y_max - layout->y_min);
          double min_span = MAX (fabs (anchor) * 1e-9, 1e-300);

          zoom_span (layout->y_min, layout->y_max, anchor, u, factor_y, min_span,
                     -LINEAR_LIMIT, LINEAR_LIMIT, &lo, &hi);
          if (plot_axis_range_is_valid (PLOT_SCALE_LINEAR, lo, hi))
            plot_figure_set_y_view (fig, lo, hi);
        }
    }
}

/**
 * plot_layout_pan:
 * @layout: the layout of @fig at its current size
 * @fig: the figure to change
 * @dx: horizontal drag distance in pixels since the layout was computed (positive: right)
 * @dy: vertical drag distance in pixels (positive: down)
 *
 * Pans the view of @fig so the data moves with the pointer (in log space on a log axis),
 * fixing the new view with plot_figure_set_x_view() and plot_figure_set_y_view(). Keep the
 * layout of the start of the drag and pass the total distance, or recompute the layout
 * after each step and pass the step.
 */
void
plot_layout_pan (const PlotLayout *layout,
                 PlotFigure       *fig,
                 double            dx,
                 double            dy)
{
  double lo, hi;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (fig != NULL);
  g_return_if_fail (isfinite (dx) && isfinite (dy));

  if (dx != 0.0)
    {
      double limit = 10.0 * (MAX (layout->n_categories, 1) + 1);
      double span = layout->x_max - layout->x_min;
      double shift = -dx / layout->area.width * span;

      zoom_span (layout->x_min, layout->x_max, layout->x_min + shift, 0.0, 1.0, 0.0,
                 -limit - span, limit + span, &lo, &hi);
      plot_figure_set_x_view (fig, lo, hi);
    }

  if (dy != 0.0 && layout->y_scale == fig->y_scale)
    {
      if (layout->y_scale == PLOT_SCALE_LOG)
        {
          double llo = log10 (layout->y_min), lhi = log10 (layout->y_max);
          double shift = dy / layout->area.height * (lhi - llo);

          zoom_span (llo, lhi, llo + shift, 0.0, 1.0, 0.0, LOG_MIN_DECADE, LOG_MAX_DECADE,
                     &lo, &hi);
          plot_figure_set_y_view (fig, pow (10.0, lo), pow (10.0, hi));
        }
      else
        {
          double shift = dy / layout->area.height * (layout->y_max - layout->y_min);

          zoom_span (layout->y_min, layout->y_max, layout->y_min + shift, 0.0, 1.0, 0.0,
                     -LINEAR_LIMIT, LINEAR_LIMIT, &lo, &hi);
          if (plot_axis_range_is_valid (PLOT_SCALE_LINEAR, lo, hi))
            plot_figure_set_y_view (fig, lo, hi);
        }
    }
}
