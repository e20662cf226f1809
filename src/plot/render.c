/* render.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "figure-private.h"
#include "layout-private.h"
#include "raster.h"
#include "render-private.h"

typedef struct
{
  PlotRgba background;
  PlotRgba grid;
  PlotRgba zero_line;
  PlotRgba tick;
  PlotRgba text;
} PlotThemeColors;

typedef struct
{
  double x;
  double y;
} Point;

/* Scratch buffers reused while drawing one figure. */
typedef struct
{
  GArray *points;
  GArray *clipped;
  GArray *tmp;
  GArray *positions;
  GArray *pieces;     /* PlotRasterPiece */
} Scratch;

static void
theme_colors (PlotTheme        theme,
              PlotThemeColors *colors)
{
  switch (theme)
    {
    case PLOT_THEME_LIGHT:
      /* plotly_white */
      plot_rgba_parse (&colors->background, "#ffffff");
      plot_rgba_parse (&colors->grid, "#ebf0f8");
      plot_rgba_parse (&colors->zero_line, "#ebf0f8");
      plot_rgba_parse (&colors->tick, "#a9b8cc");
      plot_rgba_parse (&colors->text, "#2a3f5f");
      break;
    case PLOT_THEME_DARK:
    default:
      /* plotly_dark */
      plot_rgba_parse (&colors->background, "#111111");
      plot_rgba_parse (&colors->grid, "#283442");
      plot_rgba_parse (&colors->zero_line, "#283442");
      plot_rgba_parse (&colors->tick, "#506784");
      plot_rgba_parse (&colors->text, "#f2f5fa");
      break;
    }
}

static void
set_color (cairo_t        *cr,
           const PlotRgba *c,
           double          alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* Snaps a line position so a line of @device_width device pixels covers whole pixels. */
static double
snap (double v,
      double scale,
      double device_width)
{
  double d;

  if (!(scale > 0.0))
    return v;
  d = v * scale;
  if (fmod (device_width, 2.0) == 1.0)
    return (floor (d) + 0.5) / scale;
  return round (d) / scale;
}

static double
hairline_device_width (const PlotLayout *layout,
                       double            scale)
{
  return MAX (1.0, round (layout->em / 12.0 * scale));
}

/* Liang-Barsky: clips the segment to @r; FALSE if nothing is left. */
static gboolean
clip_segment (const PlotRect *r,
              Point          *a,
              Point          *b)
{
  double t0 = 0.0, t1 = 1.0;
  double dx = b->x - a->x, dy = b->y - a->y;
  double p[4], q[4];
  int i;

  p[0] = -dx;
  q[0] = a->x - r->x;
  p[1] = dx;
  q[1] = r->x + r->width - a->x;
  p[2] = -dy;
  q[2] = a->y - r->y;
  p[3] = dy;
  q[3] = r->y + r->height - a->y;

  for (i = 0; i < 4; i++)
    {
      if (p[i] == 0.0)
        {
          if (q[i] < 0.0)
            return FALSE;
          continue;
        }
      else
        {
          double t = q[i] / p[i];

          if (p[i] < 0.0)
            {
              if (t > t1)
                return FALSE;
              t0 = MAX (t0, t);
            }
          else
            {
              if (t < t0)
                return FALSE;
              t1 = MIN (t1, t);
            }
        }
    }

  b->x = a->x + t1 * dx;
  b->y = a->y + t1 * dy;
  a->x = a->x + t0 * dx;
  a->y = a->y + t0 * dy;
  return TRUE;
}

/* One step of Sutherland-Hodgman: keeps the part of @in on the inner side of one edge. */
static void
clip_polygon_edge (GArray *in,
                   GArray *out,
                   int     edge,
                   double  limit)
{
  guint i;

  g_array_set_size (out, 0);
  for (i = 0; i < in->len; i++)
    {
      Point cur = g_array_index (in, Point, i);
      Point prev = g_array_index (in, Point, (i + in->len - 1) % in->len);
      double vc = (edge < 2) ? cur.x : cur.y;
      double vp = (edge < 2) ? prev.x : prev.y;
      gboolean cin = (edge % 2 == 0) ? vc >= limit : vc <= limit;
      gboolean pin = (edge % 2 == 0) ? vp >= limit : vp <= limit;

      if (cin != pin)
        {
          double t = (limit - vp) / (vc - vp);
          Point p;

          p.x = prev.x + t * (cur.x - prev.x);
          p.y = prev.y + t * (cur.y - prev.y);
          if (edge < 2)
            p.x = limit;
          else
            p.y = limit;
          g_array_append_val (out, p);
        }
      if (cin)
        g_array_append_val (out, cur);
    }
}

static void
fill_clipped_polygon (cairo_t        *cr,
                      const PlotRect *r,
                      Scratch        *scratch)
{
  GArray *a = scratch->points, *b = scratch->clipped;
  guint i;

  clip_polygon_edge (a, b, 0, r->x);
  clip_polygon_edge (b, scratch->tmp, 1, r->x + r->width);
  clip_polygon_edge (scratch->tmp, b, 2, r->y);
  clip_polygon_edge (b, scratch->tmp, 3, r->y + r->height);
  if (scratch->tmp->len < 3)
    return;

  for (i = 0; i < scratch->tmp->len; i++)
    {
      Point p = g_array_index (scratch->tmp, Point, i);

      if (i == 0)
        cairo_move_to (cr, p.x, p.y);
      else
        cairo_line_to (cr, p.x, p.y);
    }
  cairo_close_path (cr);
}

static PlotRect
clip_rect (const PlotLayout *layout)
{
  PlotRect r = layout->area;
  double m = layout->marker_size / 2 + layout->line_width;

  r.x -= m;
  r.y -= m;
  r.width += 2 * m;
  r.height += 2 * m;
  return r;
}

/* Where the geometry of the series goes: cairo paths, or the span rasteriser on image
 * surfaces (see raster.h). Both get exactly the same shapes. */
typedef struct
{
  cairo_t     *cr;
  PlotRaster  *raster;
  Scratch     *scratch;
  PlotMapping  mapping;
} Target;

/* Where one value of a series is drawn, computed once per frame. */
typedef struct
{
  double         x;
  double         y;
  PlotValueClass cls;
  gboolean       shown;
  gboolean       gap;     /* no value here: no marker, the line passes by */
} Position;

/* Adds the polygon in scratch->points (lower edge left to right, then upper edge right to
 * left) to the path, or its trapezoids to scratch->pieces for the rasteriser. */
static void
band_polygon (Target         *target,
              const PlotRect *r)
{
  GArray *points = target->scratch->points;
  guint n = points->len / 2, k;

  if (target->raster == NULL)
    {
      fill_clipped_polygon (target->cr, r, target->scratch);
      return;
    }

  for (k = 0; k + 1 < n; k++)
    {
      Point lo_a = g_array_index (points, Point, k);
      Point lo_b = g_array_index (points, Point, k + 1);
      Point hi_a = g_array_index (points, Point, 2 * n - 1 - k);
      Point hi_b = g_array_index (points, Point, 2 * n - 2 - k);
      PlotRasterPiece piece = { lo_a.x, lo_b.x, hi_a.y, hi_b.y, lo_a.y, lo_b.y };

      g_array_append_val (target->scratch->pieces, piece);
    }
}

/* Adds the band between @low and @high, broken where an edge is off the axis. */
static void
add_band (Target           *target,
          const PlotLayout *layout,
          const double     *low,
          const double     *high,
          gsize             n)
{
  PlotRect r = clip_rect (layout);
  GArray *points = target->scratch->points;
  gsize i = 0;

  while (i < n)
    {
      gsize start, end, k;

      while (i < n && (plot_axis_classify (layout->y_scale, low[i]) != PLOT_VALUE_ON_AXIS
                       || plot_axis_classify (layout->y_scale, high[i]) != PLOT_VALUE_ON_AXIS))
        i++;
      if (i >= n)
        break;
      start = i;
      while (i < n && plot_axis_classify (layout->y_scale, low[i]) == PLOT_VALUE_ON_AXIS
             && plot_axis_classify (layout->y_scale, high[i]) == PLOT_VALUE_ON_AXIS)
        i++;
      end = i - 1;

      g_array_set_size (points, 0);
      if (start == end)
        {
          /* A lone position: a narrow bar, so it still shows. */
          double x, y_low, y_high;
          double hw = layout->marker_size * 0.35;
          Point p[4];

          _plot_mapping_position (&target->mapping, start, low[start], NULL, &x, &y_low);
          _plot_mapping_position (&target->mapping, start, high[start], NULL, &x, &y_high);
          p[0].x = x - hw;
          p[0].y = y_low;
          p[1].x = x + hw;
          p[1].y = y_low;
          p[2].x = x + hw;
          p[2].y = y_high;
          p[3].x = x - hw;
          p[3].y = y_high;
          g_array_append_vals (points, p, 4);
        }
      else
        {
          for (k = start; k <= end; k++)
            {
              Point p;

              _plot_mapping_position (&target->mapping, k, low[k], NULL, &p.x, &p.y);
              g_array_append_val (points, p);
            }
          for (k = end + 1; k-- > start;)
            {
              Point p;

              _plot_mapping_position (&target->mapping, k, high[k], NULL, &p.x, &p.y);
              g_array_append_val (points, p);
            }
        }
      band_polygon (target, &r);
    }
}

static void
fill_band (Target           *target,
           const PlotLayout *layout,
           const double     *low,
           const double     *high,
           gsize             n,
           const PlotRgba   *color,
           double            alpha)
{
  g_array_set_size (target->scratch->pieces, 0);
  add_band (target, layout, low, high, n);
  if (target->raster != NULL)
    _plot_raster_band (target->raster, (const PlotRasterPiece *) (void *) target->scratch->pieces->data,
                       target->scratch->pieces->len, color, alpha);
  else
    {
      set_color (target->cr, color, alpha);
      cairo_fill (target->cr);
    }
}

/* Computes where every value of @s is drawn. */
static const Position *
series_positions (Target           *target,
                  const PlotSeries *s)
{
  GArray *positions = target->scratch->positions;
  gsize i;

  g_array_set_size (positions, s->n_values);
  for (i = 0; i < s->n_values; i++)
    {
      Position *p = &g_array_index (positions, Position, i);

      p->shown = _plot_mapping_position (&target->mapping, i, s->values[i], &p->cls, &p->x, &p->y);
      p->gap = _plot_series_is_gap (s, i);
      if (p->gap)
        p->shown = FALSE;
    }
  return (const Position *) (void *) positions->data;
}

/* The series line, broken where a value is off the axis and clipped to the data area. */
static void
add_series_line (Target           *target,
                 const PlotLayout *layout,
                 const Position   *pos,
                 gsize             n)
{
  PlotRect r = clip_rect (layout);
  gboolean have_prev = FALSE, pen_valid = FALSE;
  Point prev = { 0, 0 }, pen = { 0, 0 };
  double half_width = layout->line_width / 2;
  gsize i;

  for (i = 0; i < n; i++)
    {
      Point cur, a, b;

      if (pos[i].gap)
        continue;
      if (pos[i].cls != PLOT_VALUE_ON_AXIS)
        {
          have_prev = FALSE;
          pen_valid = FALSE;
          continue;
        }
      cur.x = pos[i].x;
      cur.y = pos[i].y;
      if (have_prev)
        {
          a = prev;
          b = cur;
          if (clip_segment (&r, &a, &b))
            {
              if (target->raster != NULL)
                _plot_raster_capsule (target->raster, a.x, a.y, b.x, b.y, half_width);
              else
                {
                  if (!pen_valid || a.x != pen.x || a.y != pen.y)
                    cairo_move_to (target->cr, a.x, a.y);
                  cairo_line_to (target->cr, b.x, b.y);
                }
              pen = b;
              pen_valid = TRUE;
            }
          else
            pen_valid = FALSE;
        }
      prev = cur;
      have_prev = TRUE;
    }
}

static void
add_edge_marker_path (cairo_t        *cr,
                      PlotValueClass  cls,
                      double          x,
                      double          y,
                      double          r)
{
  switch (cls)
    {
    case PLOT_VALUE_ZERO:
      /* ▽ pointing at the bottom edge */
      cairo_move_to (cr, x - r, y - 0.75 * r);
      cairo_line_to (cr, x + r, y - 0.75 * r);
      cairo_line_to (cr, x, y + r);
      cairo_close_path (cr);
      break;
    case PLOT_VALUE_POS_INF:
      /* △ pointing at the top edge */
      cairo_move_to (cr, x - r, y + 0.75 * r);
      cairo_line_to (cr, x + r, y + 0.75 * r);
      cairo_line_to (cr, x, y - r);
      cairo_close_path (cr);
      break;
    case PLOT_VALUE_NEGATIVE:
    case PLOT_VALUE_NEG_INF:
      /* ◇ */
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case PLOT_VALUE_NAN:
      /* × */
      cairo_move_to (cr, x - 0.8 * r, y - 0.8 * r);
      cairo_line_to (cr, x + 0.8 * r, y + 0.8 * r);
      cairo_move_to (cr, x + 0.8 * r, y - 0.8 * r);
      cairo_line_to (cr, x - 0.8 * r, y + 0.8 * r);
      break;
    case PLOT_VALUE_ON_AXIS:
    default:
      break;
    }
}

static void
draw_edge_markers (cairo_t               *cr,
                   const PlotLayout      *layout,
                   const PlotThemeColors *colors,
                   const PlotSeries      *s,
                   const Position        *pos)
{
  double radius = layout->marker_size / 2;
  gsize i;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (i = 0; i < s->n_values; i++)
    {
      if (!pos[i].shown || pos[i].cls == PLOT_VALUE_ON_AXIS)
        continue;
      add_edge_marker_path (cr, pos[i].cls, pos[i].x, pos[i].y, MAX (radius * 1.15, 3.5));
      if (pos[i].cls != PLOT_VALUE_NAN)
        {
          set_color (cr, &colors->background, 1.0);
          cairo_fill_preserve (cr);
        }
      set_color (cr, &s->color, 1.0);
      cairo_set_line_width (cr, MAX (1.5, 0.9 * layout->line_width));
      cairo_stroke (cr);
    }
}

static void
draw_series (Target                *target,
             const PlotLayout      *layout,
             const PlotThemeColors *colors,
             const PlotSeries      *s)
{
  cairo_t *cr = target->cr;
  double radius = layout->marker_size / 2;
  gboolean any_off_axis = FALSE;
  const Position *pos;
  gsize i;

  pos = series_positions (target, s);

  /* The line; a dashed one always through cairo, which knows dashes */
  if (s->dashed)
    {
      Target dashed = *target;
      double dash[2] = { 2.5 * layout->line_width, 1.75 * layout->line_width };

      dashed.raster = NULL;
      dashed.cr = target->raster != NULL ? _plot_raster_begin_cairo (target->raster, cr) : cairo_reference (cr);
      add_series_line (&dashed, layout, pos, s->n_values);
      cairo_save (dashed.cr);
      cairo_set_dash (dashed.cr, dash, 2, 0);
      cairo_set_line_cap (dashed.cr, CAIRO_LINE_CAP_BUTT);
      set_color (dashed.cr, &s->color, 1.0);
      cairo_set_line_width (dashed.cr, layout->line_width);
      cairo_stroke (dashed.cr);
      cairo_restore (dashed.cr);
      if (target->raster != NULL)
        _plot_raster_end_cairo (target->raster, dashed.cr);
      else
        cairo_destroy (dashed.cr);
    }
  else
    add_series_line (target, layout, pos, s->n_values);
  if (target->raster == NULL && !s->dashed)
    {
      set_color (cr, &s->color, 1.0);
      cairo_set_line_width (cr, layout->line_width);
      cairo_stroke (cr);
    }

  /* Markers on the axis, all in one path */
  for (i = 0; i < s->n_values; i++)
    {
      if (!pos[i].shown)
        continue;
      if (pos[i].cls != PLOT_VALUE_ON_AXIS)
        {
          any_off_axis = TRUE;
          continue;
        }
      if (target->raster != NULL)
        _plot_raster_disc (target->raster, pos[i].x, pos[i].y, radius);
      else
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, pos[i].x, pos[i].y, radius, 0, 2 * G_PI);
        }
    }
  if (target->raster != NULL)
    _plot_raster_composite (target->raster, &s->color, 1.0);
  else
    {
      set_color (cr, &s->color, 1.0);
      cairo_fill (cr);
    }

  /* Hollow markers on the edges for values that cannot sit on the axis: few, always cairo */
  if (any_off_axis)
    {
      if (target->raster != NULL)
        {
          cairo_t *edge_cr = _plot_raster_begin_cairo (target->raster, cr);

          draw_edge_markers (edge_cr, layout, colors, s, pos);
          _plot_raster_end_cairo (target->raster, edge_cr);
        }
      else
        draw_edge_markers (cr, layout, colors, s, pos);
    }
}

static double
x_label_index (const PlotLayoutText *text,
               guint                 k)
{
  return text->x_label_first + (double) k * text->x_stride;
}

static void
draw_grid (cairo_t               *cr,
           const PlotLayout      *layout,
           const PlotLayoutText  *text,
           const PlotThemeColors *colors,
           double                 scale)
{
  const PlotRect *a = &layout->area;
  double dev_w = hairline_device_width (layout, scale);
  double lw = scale > 0.0 ? dev_w / scale : layout->em / 12.0;
  guint i;

  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Minor grid lines, fainter */
  for (i = 0; i < text->y_ticks->len; i++)
    {
      const PlotTick *tick = &g_array_index (text->y_ticks, PlotTick, i);
      double y;

      if (tick->major)
        continue;
      y = snap (plot_layout_y_to_pixel (layout, tick->value), scale, dev_w);
      cairo_move_to (cr, a->x, y);
      cairo_line_to (cr, a->x + a->width, y);
    }
  set_color (cr, &colors->grid, 0.45);
  cairo_stroke (cr);

  for (i = 0; i < text->y_ticks->len; i++)
    {
      const PlotTick *tick = &g_array_index (text->y_ticks, PlotTick, i);
      double y;

      if (!tick->major)
        continue;
      y = snap (plot_layout_y_to_pixel (layout, tick->value), scale, dev_w);
      cairo_move_to (cr, a->x, y);
      cairo_line_to (cr, a->x + a->width, y);
    }
  for (i = 0; i < text->x_label_count; i++)
    {
      double x = snap (plot_layout_x_to_pixel (layout, x_label_index (text, i)), scale, dev_w);

      cairo_move_to (cr, x, a->y);
      cairo_line_to (cr, x, a->y + a->height);
    }
  set_color (cr, &colors->grid, 1.0);
  cairo_stroke (cr);

  /* Zero line of a linear axis, like Plotly's */
  if (layout->y_scale == PLOT_SCALE_LINEAR && layout->y_min < 0.0 && layout->y_max > 0.0)
    {
      double y = snap (plot_layout_y_to_pixel (layout, 0.0), scale, 2 * dev_w);

      cairo_set_line_width (cr, 2 * lw);
      cairo_move_to (cr, a->x, y);
      cairo_line_to (cr, a->x + a->width, y);
      set_color (cr, &colors->zero_line, 1.0);
      cairo_stroke (cr);
    }

  /* Tick marks outside the data area: left for y, below for x */
  cairo_set_line_width (cr, lw);
  for (i = 0; i < text->y_ticks->len; i++)
    {
      const PlotTick *tick = &g_array_index (text->y_ticks, PlotTick, i);
      double len = tick->major ? text->tick_length : text->tick_length * 0.55;
      double y = snap (plot_layout_y_to_pixel (layout, tick->value), scale, dev_w);

      cairo_move_to (cr, a->x - len, y);
      cairo_line_to (cr, a->x, y);
    }
  for (i = 0; i < text->x_label_count; i++)
    {
      double x = snap (plot_layout_x_to_pixel (layout, x_label_index (text, i)), scale, dev_w);

      cairo_move_to (cr, x, a->y + a->height);
      cairo_line_to (cr, x, a->y + a->height + text->tick_length);
    }
  set_color (cr, &colors->tick, 1.0);
  cairo_stroke (cr);
}

static void
show_line_centered (cairo_t         *cr,
                    PangoLayoutLine *line,
                    double           x,
                    double           baseline)
{
  double w;

  _plot_text_line_size (line, &w, NULL);
  cairo_move_to (cr, x - w / 2, baseline);
  pango_cairo_show_layout_line (cr, line);
}

static void
draw_axis_labels (cairo_t               *cr,
                  const PlotLayout      *layout,
                  const PlotLayoutText  *text,
                  const PlotThemeColors *colors)
{
  const PlotFontMetrics *m = &text->label_metrics;
  GSList *lines;
  guint i;

  set_color (cr, &colors->text, 1.0);

  /* y labels, right-aligned, the digits centred on the tick */
  lines = pango_layout_get_lines_readonly (text->y_labels);
  for (i = 0; i < text->y_ticks->len && lines != NULL; i++)
    {
      const PlotTick *tick = &g_array_index (text->y_ticks, PlotTick, i);
      double w, y;

      if (!tick->major)
        continue;
      y = plot_layout_y_to_pixel (layout, tick->value);
      _plot_text_line_size (lines->data, &w, NULL);
      cairo_move_to (cr, text->y_labels_right - w, y + (m->ascent - m->descent) / 2);
      pango_cairo_show_layout_line (cr, lines->data);
      lines = lines->next;
    }

  /* Category labels, thinned to every x_stride-th */
  if (text->x_labels != NULL)
    {
      lines = pango_layout_get_lines_readonly (text->x_labels);
      for (i = 0; i < text->x_label_count && lines != NULL; i++, lines = lines->next)
        show_line_centered (cr, lines->data,
                            plot_layout_x_to_pixel (layout, x_label_index (text, i)),
                            text->x_labels_y + m->ascent);
    }
}

static void
draw_titles (cairo_t               *cr,
             const PlotLayout      *layout,
             const PlotLayoutText  *text,
             const PlotThemeColors *colors)
{
  double w, h, x;

  set_color (cr, &colors->text, 1.0);

  if (text->title != NULL)
    {
      cairo_move_to (cr, text->title_x, text->title_y);
      pango_cairo_show_layout (cr, text->title);
    }

  if (text->x_title != NULL)
    {
      _plot_text_layout_size (text->x_title, &w, NULL);
      x = layout->area.x + (layout->area.width - w) / 2;
      x = MIN (x, layout->width - 0.8 * layout->em - w);
      x = MAX (x, 0.8 * layout->em);
      cairo_move_to (cr, x, text->x_title_y);
      pango_cairo_show_layout (cr, text->x_title);
    }

  if (text->y_title != NULL)
    {
      _plot_text_layout_size (text->y_title, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, text->y_title_x + h / 2, layout->area.y + layout->area.height / 2);
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, -w / 2, -h / 2);
      pango_cairo_show_layout (cr, text->y_title);
      cairo_restore (cr);
    }

  if (text->note != NULL)
    {
      set_color (cr, &colors->text, 0.85);
      cairo_move_to (cr, text->note_x, text->note_y);
      pango_cairo_show_layout (cr, text->note);
    }

  if (text->message != NULL)
    {
      _plot_text_layout_size (text->message, NULL, &h);
      set_color (cr, &colors->text, 0.7);
      cairo_move_to (cr, layout->area.x, layout->area.y + (layout->area.height - h) / 2);
      pango_cairo_show_layout (cr, text->message);
    }
}

static void
draw_legend (cairo_t               *cr,
             const PlotLayout      *layout,
             const PlotLayoutText  *text,
             const PlotThemeColors *colors,
             const PlotFigure      *fig)
{
  double em = layout->em;
  /* The swatch keeps the nominal line and marker size, even where crowded categories
   * thin the series. */
  double size = MAX (1.0, em / 12.0);
  guint cols = MAX (layout->legend_n_columns, 1), n_slots, slot;
  GSList *labels, *suffixes = NULL;

  if (text->legend_labels == NULL)
    return;

  labels = pango_layout_get_lines_readonly (text->legend_labels);
  if (text->legend_suffixes != NULL)
    suffixes = pango_layout_get_lines_readonly (text->legend_suffixes);
  /* The entries, and "+N more" in the slot after them */
  n_slots = layout->legend_n_entries + (layout->legend_n_entries < fig->series->len ? 1 : 0);
  for (slot = 0; slot < n_slots && labels != NULL; slot++, labels = labels->next)
    {
      double x0 = layout->legend.x + (slot % cols) * layout->legend_column_width;
      double top = layout->legend.y + (slot / cols) * layout->legend_row_height;
      double yc = top + text->legend_swatch_dy;

      if (slot < layout->legend_n_entries)
        {
          const PlotSeries *s = g_ptr_array_index (fig->series, slot);
          double alpha = s->visible ? 1.0 : 0.4;

          /* Swatch: a stretch of line with a marker, like Plotly's lines+markers legend */
          if (s->visible)
            set_color (cr, &s->color, 1.0);
          else
            set_color (cr, &colors->text, 0.3);
          cairo_set_line_width (cr, 2.0 * size);
          cairo_move_to (cr, x0, yc);
          cairo_line_to (cr, x0 + 2.0 * em, yc);
          if (s->dashed)
            {
              double dash[2] = { 0.4 * em, 0.3 * em };

              cairo_save (cr);
              cairo_set_dash (cr, dash, 2, 0);
              cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
              cairo_stroke (cr);
              cairo_restore (cr);
            }
          else
            cairo_stroke (cr);
          cairo_arc (cr, x0 + 1.0 * em, yc, 4.0 * size, 0, 2 * G_PI);
          cairo_fill (cr);

          set_color (cr, &colors->text, alpha);
          cairo_move_to (cr, x0 + text->legend_text_dx, top + text->legend_label_dy);
          pango_cairo_show_layout_line (cr, labels->data);

          /* The suffix under the label, smaller and dimmer */
          if (suffixes != NULL)
            {
              set_color (cr, &colors->text, 0.62 * alpha);
              cairo_move_to (cr, x0 + text->legend_text_dx, top + text->legend_suffix_dy);
              pango_cairo_show_layout_line (cr, suffixes->data);
              suffixes = suffixes->next;
            }
        }
      else
        {
          set_color (cr, &colors->text, 0.7);
          cairo_move_to (cr, x0 + text->legend_text_dx, top + text->legend_label_dy);
          pango_cairo_show_layout_line (cr, labels->data);
        }
    }
}

static void
render_internal (cairo_t          *cr,
                 double            width,
                 double            height,
                 const PlotFigure *fig,
                 double            scale)
{
  PlotLayout layout;
  PlotLayoutText text;
  PlotThemeColors colors;
  PangoContext *context;
  PlotRect r;
  Scratch scratch;
  Target target;
  guint i;

  memset (&text, 0, sizeof text);
  context = _plot_text_context_new (cr);
  _plot_layout_compute_full (&layout, fig, width, height, context, &text);
  theme_colors (fig->theme, &colors);

  scratch.points = g_array_new (FALSE, FALSE, sizeof (Point));
  scratch.clipped = g_array_new (FALSE, FALSE, sizeof (Point));
  scratch.tmp = g_array_new (FALSE, FALSE, sizeof (Point));
  scratch.positions = g_array_new (FALSE, FALSE, sizeof (Position));
  scratch.pieces = g_array_new (FALSE, FALSE, sizeof (PlotRasterPiece));

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Background */
  cairo_rectangle (cr, 0, 0, width, height);
  set_color (cr, &colors.background, 1.0);
  cairo_fill (cr);

  draw_grid (cr, &layout, &text, &colors, scale);

  /* Data, clipped to the data area plus room for markers on its edge */
  r = clip_rect (&layout);
  target.cr = cr;
  target.scratch = &scratch;
  _plot_mapping_init (&target.mapping, &layout);
  target.raster = _plot_raster_new (cr, &r, scale);
  cairo_save (cr);
  if (target.raster == NULL)
    {
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_clip (cr);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Bands first, so that no band covers another series' line */
  for (i = 0; i < fig->series->len; i++)
    {
      const PlotSeries *s = g_ptr_array_index (fig->series, i);

      if (!s->visible)
        continue;
      if (s->n_whiskers > 0)
        fill_band (&target, &layout, s->whisker_min, s->whisker_max, s->n_whiskers, &s->color,
                   0.12);
      if (s->n_band > 0)
        fill_band (&target, &layout, s->band_low, s->band_high, s->n_band, &s->color, 0.28);
    }

  for (i = 0; i < fig->series->len; i++)
    {
      const PlotSeries *s = g_ptr_array_index (fig->series, i);

      if (s->visible)
        draw_series (&target, &layout, &colors, s);
    }
  cairo_restore (cr);
  if (target.raster != NULL)
    _plot_raster_finish (g_steal_pointer (&target.raster), cr);

  draw_axis_labels (cr, &layout, &text, &colors);
  draw_titles (cr, &layout, &text, &colors);
  draw_legend (cr, &layout, &text, &colors, fig);

  cairo_restore (cr);

  g_array_unref (scratch.points);
  g_array_unref (scratch.clipped);
  g_array_unref (scratch.tmp);
  g_array_unref (scratch.positions);
  g_array_unref (scratch.pieces);
  _plot_layout_text_clear (&text);
  g_object_unref (context);
}

/* For plot_export(): draws with the HiDPI scale of the output instead of the figure's. */
void
_plot_render_with_scale (cairo_t          *cr,
                         double            width,
                         double            height,
                         const PlotFigure *fig,
                         double            scale)
{
  if (!(width > 0.0 && height > 0.0 && isfinite (width) && isfinite (height)))
    return;
  render_internal (cr, width, height, fig, scale);
}

/**
 * plot_render:
 * @cr: any cairo context: a GTK snapshot, an image, SVG or PDF surface
 * @width: width of the figure in the units of @cr (pixels on screen and in PNG files)
 * @height: height of the figure
 * @fig: the figure
 *
 * Draws the whole figure in the rectangle (0, 0, @width, @height) of @cr: background,
 * title, axis titles (the y title rotated), grid and ticks, bands, series lines with
 * markers, hollow markers on the edges for values that cannot sit on the y axis (with a note
 * under the plot naming them), the legend, and a message on empty axes when nothing can be
 * plotted. Text is set in "Cantarell, DejaVu Sans, sans-serif"; everything scales with the
 * figure size (see #PlotLayout). The layout is the same on every surface, so screen, PNG,
 * SVG and PDF agree. Grid lines are snapped to device pixels with the figure's HiDPI scale
 * (plot_figure_set_scale()).
 *
 * On an image surface, and on a recording surface when the figure's scale is above 0, the
 * series (lines, markers, bands) are rasterised by the plot library itself, which is
 * several times faster than cairo 1.16 for thousands of points; on vector surfaces (SVG,
 * PDF) they are cairo paths. Both give the same shapes.
 *
 * Nothing is drawn for an empty or non-finite size. The state of @cr is left as it was.
 */
void
plot_render (cairo_t          *cr,
             double            width,
             double            height,
             const PlotFigure *fig)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (fig != NULL);

  _plot_render_with_scale (cr, width, height, fig, fig->scale);
}
