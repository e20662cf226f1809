/* heatmap.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "axis.h"
#include "heatmap.h"
#include "text.h"

/* The training figure: panels side by side, each a heatmap over a loss curve that share
 * their step axis, and one colour bar. Layout is computed by one function, used by the
 * renderer and by the hit test alike. */

typedef struct
{
  char     *label;
  PlotRgba  color;
  GStrv     rows;
  guint     n_rows;
  guint     n_steps;
  guint     n_filled;
  double   *values;   /* n_steps x n_rows, step-major */
  double   *losses;   /* n_steps */
} Panel;

struct _PlotHeatmap
{
  PlotTheme  theme;
  char      *title;
  char      *colorbar_title;
  char      *loss_title;
  char      *x_title;
  GPtrArray *panels;
  int        marker;
  gboolean   zero_low;
};

typedef struct
{
  double x, y, w, h;
} Rect;

typedef struct
{
  Rect title;
  Rect map;      /* the heatmap */
  Rect loss;     /* the loss curve */
} PanelBox;

#define FONT_SIZE      12.0
#define TITLE_SIZE     16.0
#define ROW_LABELS     64.0
#define BAR_SPACE      96.0
#define PANEL_GAP      24.0

static void
panel_free (gpointer data)
{
  Panel *p = data;

  g_free (p->label);
  g_strfreev (p->rows);
  g_free (p->values);
  g_free (p->losses);
  g_free (p);
}

/**
 * plot_heatmap_new:
 *
 * Returns: (transfer full): an empty training figure, dark theme, no marker
 */
PlotHeatmap *
plot_heatmap_new (void)
{
  PlotHeatmap *hm = g_new0 (PlotHeatmap, 1);

  hm->panels = g_ptr_array_new_with_free_func (panel_free);
  hm->marker = -1;
  return hm;
}

void
plot_heatmap_free (PlotHeatmap *hm)
{
  if (hm == NULL)
    return;
  g_ptr_array_unref (hm->panels);
  g_free (hm->title);
  g_free (hm->colorbar_title);
  g_free (hm->loss_title);
  g_free (hm->x_title);
  g_free (hm);
}

void
plot_heatmap_set_theme (PlotHeatmap *hm,
                        PlotTheme    theme)
{
  g_return_if_fail (hm != NULL);

  hm->theme = theme;
}

/**
 * plot_heatmap_set_titles:
 * @hm: a training figure
 * @title: (nullable): above everything
 * @colorbar_title: (nullable): beside the colour bar
 * @loss_title: (nullable): the loss axis
 * @x_title: (nullable): the step axis
 */
void
plot_heatmap_set_titles (PlotHeatmap *hm,
                         const char  *title,
                         const char  *colorbar_title,
                         const char  *loss_title,
                         const char  *x_title)
{
  g_return_if_fail (hm != NULL);

  g_free (hm->title);
  g_free (hm->colorbar_title);
  g_free (hm->loss_title);
  g_free (hm->x_title);
  hm->title = g_strdup (title);
  hm->colorbar_title = g_strdup (colorbar_title);
  hm->loss_title = g_strdup (loss_title);
  hm->x_title = g_strdup (x_title);
}

/**
 * plot_heatmap_add_panel:
 * @hm: a training figure
 * @label: the panel's title
 * @color: the colour of its title and loss curve
 * @rows: (array length=n_rows): the row names, top to bottom
 * @n_rows: how many rows
 * @n_steps: the steps the panel spans
 * @n_filled: the steps with values so far (the others are drawn empty)
 * @values: (array): @n_filled × @n_rows values, step-major (copied)
 * @losses: (array): @n_filled losses (copied)
 *
 * Returns: the panel's index
 */
guint
plot_heatmap_add_panel (PlotHeatmap       *hm,
                        const char        *label,
                        const PlotRgba    *color,
                        const char *const *rows,
                        guint              n_rows,
                        guint              n_steps,
                        guint              n_filled,
                        const double      *values,
                        const double      *losses)
{
  Panel *p;

  g_return_val_if_fail (hm != NULL, 0);
  g_return_val_if_fail (color != NULL, 0);
  g_return_val_if_fail (n_rows > 0 && rows != NULL, 0);
  g_return_val_if_fail (n_filled <= n_steps, 0);
  g_return_val_if_fail (n_filled == 0 || (values != NULL && losses != NULL), 0);

  p = g_new0 (Panel, 1);
  p->label = g_strdup (label != NULL ? label : "");
  p->color = *color;
  p->rows = g_new0 (char *, n_rows + 1);
  for (guint r = 0; r < n_rows; r++)
    p->rows[r] = g_strdup (rows[r] != NULL ? rows[r] : "");
  p->n_rows = n_rows;
  p->n_steps = MAX (n_steps, 1);
  p->n_filled = n_filled;
  p->values = g_memdup2 (values, sizeof (double) * (gsize) n_filled * n_rows);
  p->losses = g_memdup2 (losses, sizeof (double) * n_filled);
  g_ptr_array_add (hm->panels, p);
  return hm->panels->len - 1;
}

guint
plot_heatmap_get_n_panels (const PlotHeatmap *hm)
{
  g_return_val_if_fail (hm != NULL, 0);

  return hm->panels->len;
}

/* zero drawn in the colour of the bar's bottom (a quantity for which 0 is
 * the least there is, such as how far weights moved), not as off the scale */
void
plot_heatmap_set_zero_low (PlotHeatmap *hm,
                           gboolean     zero_low)
{
  g_return_if_fail (hm != NULL);

  hm->zero_low = !!zero_low;
}

/* the step the marker shows, -1 for none */
void
plot_heatmap_set_marker (PlotHeatmap *hm,
                         int          step)
{
  g_return_if_fail (hm != NULL);

  hm->marker = step;
}

/**
 * plot_heatmap_get_color_range:
 * @hm: a training figure
 * @min: (out): the value of the colour bar's bottom
 * @max: (out): the value of its top
 *
 * The log colour scale shared by every panel: whole decades around the positive finite
 * values.
 *
 * Returns: %FALSE when no value can sit on a log scale (the range is then 1e-10 .. 1)
 */
gboolean
plot_heatmap_get_color_range (const PlotHeatmap *hm,
                              double            *min,
                              double            *max)
{
  double lo = INFINITY, hi = -INFINITY;

  g_return_val_if_fail (hm != NULL && min != NULL && max != NULL, FALSE);

  for (guint i = 0; i < hm->panels->len; i++)
    {
      const Panel *p = g_ptr_array_index (hm->panels, i);

      for (gsize k = 0; k < (gsize) p->n_filled * p->n_rows; k++)
        {
          double v = p->values[k];

          if (isfinite (v) && v > 0.0)
            {
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
        }
    }
  if (!(lo <= hi))
    {
      *min = 1e-10;
      *max = 1.0;
      return FALSE;
    }
  *min = pow (10.0, floor (log10 (lo)));
  *max = pow (10.0, ceil (log10 (hi)));
  if (*max <= *min)
    *max = *min * 10.0;
  return TRUE;
}

/**
 * plot_heatmap_color:
 * @t: 0 (the smallest value) to 1 (the largest); clamped
 * @rgba: (out): its colour: viridis, dark blue-violet through green to yellow
 */
void
plot_heatmap_color (double    t,
                    PlotRgba *rgba)
{
  static const double stops[][3] = {
    { 0.267, 0.005, 0.329 }, { 0.283, 0.141, 0.458 }, { 0.254, 0.265, 0.530 },
    { 0.207, 0.372, 0.553 }, { 0.164, 0.471, 0.558 }, { 0.128, 0.567, 0.551 },
    { 0.135, 0.659, 0.518 }, { 0.267, 0.749, 0.441 }, { 0.478, 0.821, 0.318 },
    { 0.741, 0.873, 0.150 }, { 0.993, 0.906, 0.144 },
  };
  const int n = G_N_ELEMENTS (stops) - 1;
  double x;
  int k;

  g_return_if_fail (rgba != NULL);

  if (!(t > 0.0))
    t = 0.0;
  t = MIN (t, 1.0);
  x = t * n;
  k = MIN ((int) x, n - 1);
  x -= k;
  rgba->red = stops[k][0] + (stops[k + 1][0] - stops[k][0]) * x;
  rgba->green = stops[k][1] + (stops[k + 1][1] - stops[k][1]) * x;
  rgba->blue = stops[k][2] + (stops[k + 1][2] - stops[k][2]) * x;
  rgba->alpha = 1.0;
}

/* ---- layout ----------------------------------------------------------- */

static double
title_height (const PlotHeatmap *hm)
{
  return hm->title != NULL && hm->title[0] != '\0' ? TITLE_SIZE * 2.2 : 8.0;
}

/* the box of each panel and of the colour bar; FALSE when too small to draw */
static gboolean
layout (const PlotHeatmap *hm,
        double             width,
        double             height,
        PanelBox          *boxes,
        Rect              *bar)
{
  guint n = hm->panels->len;
  double top = title_height (hm);
  double avail, pw, map_h, loss_h, body_h;

  if (n == 0)
    return FALSE;
  avail = width - 8.0 - BAR_SPACE - (n - 1) * PANEL_GAP;
  pw = avail / n - ROW_LABELS;
  body_h = height - top - FONT_SIZE * 1.8   /* panel title */
           - FONT_SIZE * 2.0                 /* step ticks under the map */
           - FONT_SIZE * 3.6;                /* step ticks and title under the loss */
  if (pw < 8.0 || body_h < 24.0)
    return FALSE;
  map_h = body_h * 0.62;
  loss_h = body_h - map_h;
  for (guint i = 0; i < n; i++)
    {
      double x = 8.0 + i * (ROW_LABELS + pw + PANEL_GAP) + ROW_LABELS;

      boxes[i].title = (Rect) { x, top, pw, FONT_SIZE * 1.8 };
      boxes[i].map = (Rect) { x, top + FONT_SIZE * 1.8, pw, map_h };
      boxes[i].loss = (Rect) { x, boxes[i].map.y + map_h + FONT_SIZE * 2.0, pw, loss_h };
    }
  *bar = (Rect) { width - BAR_SPACE + 10.0, boxes[0].map.y, 14.0, map_h };
  return TRUE;
}

static double
step_x (const Panel *p,
        const Rect  *r,
        double       step)
{
  return r->x + (step + 0.5) / p->n_steps * r->w;
}

/* ---- drawing ---------------------------------------------------------- */

static void
theme_colors (PlotTheme  theme,
              PlotRgba  *background,
              PlotRgba  *grid,
              PlotRgba  *text,
              PlotRgba  *empty)
{
  gboolean light = theme == PLOT_THEME_LIGHT;

  plot_rgba_parse (background, light ? "#ffffff" : "#111111");
  plot_rgba_parse (grid, light ? "#ebf0f8" : "#283442");
  plot_rgba_parse (text, light ? "#2a3f5f" : "#f2f5fa");
  plot_rgba_parse (empty, light ? "#c8ccd2" : "#3a3a3a");
}

static void
set_color (cairo_t        *cr,
           const PlotRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

/* text at (x, y): xalign 0 left .. 1 right, yalign 0 top .. 1 bottom */
static void
draw_text (cairo_t      *cr,
           PangoContext *context,
           const char   *text,
           gboolean      markup,
           double        size,
           double        x,
           double        y,
           double        xalign,
           double        yalign,
           double        max_width)
{
  g_autoptr(PangoLayout) layout = _plot_text_layout_new (context, size);
  double w, h;

  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    {
      g_autofree char *clean = _plot_text_sanitize (text);

      pango_layout_set_text (layout, clean, -1);
    }
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  _plot_text_layout_size (layout, &w, &h);
  if (max_width > 0)
    w = MIN (w, max_width);
  cairo_move_to (cr, x - w * xalign, y - h * yalign);
  pango_cairo_update_context (cr, context);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_map (cairo_t           *cr,
          const Panel       *p,
          const Rect        *r,
          double             lo,
          double             hi,
          gboolean           zero_low,
          const PlotRgba    *empty)
{
  cairo_surface_t *image;
  unsigned char *data;
  int stride;

  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) p->n_steps, (int) p->n_rows);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return;
    }
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint row = 0; row < p->n_rows; row++)
    {
      guint32 *line = (guint32 *) (void *) (data + (gsize) row * stride);

      for (guint t = 0; t < p->n_steps; t++)
        {
          PlotRgba c = *empty;

          if (t < p->n_filled)
            {
              double v = p->values[(gsize) t * p->n_rows + row];

              if (isfinite (v) && v > 0.0)
                plot_heatmap_color (plot_axis_normalize (PLOT_SCALE_LOG, lo, hi, v), &c);
              else if (v == 0.0 && zero_low)
                plot_heatmap_color (0.0, &c);
              else
                plot_rgba_parse (&c, "#7f7f7f");
            }
          line[t] = ((guint32) (c.red * 255.0 + 0.5) << 16) | ((guint32) (c.green * 255.0 + 0.5) << 8)
                    | (guint32) (c.blue * 255.0 + 0.5);
        }
    }
  cairo_surface_mark_dirty (image);

  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->w, r->h);
  cairo_clip (cr);
  cairo_translate (cr, r->x, r->y);
  cairo_scale (cr, r->w / p->n_steps, r->h / p->n_rows);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

static void
draw_step_ticks (cairo_t        *cr,
                 PangoContext   *context,
                 const Panel    *p,
                 const Rect     *r,
                 const PlotRgba *text)
{
  g_autoptr(GArray) ticks = plot_axis_ticks (PLOT_SCALE_LINEAR, 0.0, MAX (p->n_steps - 1, 1), r->w, 60.0);

  set_color (cr, text);
  for (guint k = 0; k < ticks->len; k++)
    {
      const PlotTick *tick = &g_array_index (ticks, PlotTick, k);
      g_autofree char *label = NULL;

      if (!tick->major || tick->value < 0 || tick->value > p->n_steps - 1 || tick->value != floor (tick->value))
        continue;
      label = g_strdup_printf ("%.0f", fabs (tick->value));
      draw_text (cr, context, label, FALSE, FONT_SIZE * 0.9, step_x (p, r, tick->value), r->y + r->h + 3.0,
                 0.5, 0.0, -1);
    }
}

static void
draw_loss (cairo_t        *cr,
           PangoContext   *context,
           const Panel    *p,
           const Rect     *r,
           const PlotRgba *grid,
           const PlotRgba *text)
{
  double lo, hi;
  g_autoptr(GArray) ticks = NULL;
  gboolean started = FALSE;

  set_color (cr, grid);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, r->x + 0.5, r->y + 0.5, r->w - 1.0, r->h - 1.0);
  cairo_stroke (cr);
  if (p->n_filled == 0 || !plot_axis_auto_range (PLOT_SCALE_LOG, p->losses, p->n_filled, &lo, &hi))
    return;

  ticks = plot_axis_ticks (PLOT_SCALE_LOG, lo, hi, r->h, FONT_SIZE * 1.6);
  for (guint k = 0; k < ticks->len; k++)
    {
      const PlotTick *tick = &g_array_index (ticks, PlotTick, k);
      double y = r->y + r->h * (1.0 - plot_axis_normalize (PLOT_SCALE_LOG, lo, hi, tick->value));

      if (!tick->major)
        continue;
      set_color (cr, grid);
      cairo_move_to (cr, r->x, floor (y) + 0.5);
      cairo_line_to (cr, r->x + r->w, floor (y) + 0.5);
      cairo_stroke (cr);
      if (tick->markup != NULL)
        {
          set_color (cr, text);
          draw_text (cr, context, tick->markup, TRUE, FONT_SIZE * 0.9, r->x - 4.0, y, 1.0, 0.5, -1);
        }
    }

  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->w, r->h);
  cairo_clip (cr);
  set_color (cr, &p->color);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint t = 0; t < p->n_filled; t++)
    {
      double v = p->losses[t];
      double y;

      if (plot_axis_classify (PLOT_SCALE_LOG, v) != PLOT_VALUE_ON_AXIS)
        {
          started = FALSE;
          continue;
        }
      y = r->y + r->h * (1.0 - plot_axis_normalize (PLOT_SCALE_LOG, lo, hi, v));
      if (started)
        cairo_line_to (cr, step_x (p, r, t), y);
      else
        cairo_move_to (cr, step_x (p, r, t), y);
      started = TRUE;
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_bar (cairo_t        *cr,
          PangoContext   *context,
          const PlotHeatmap *hm,
          const Rect     *bar,
          double          lo,
          double          hi,
          const PlotRgba *text)
{
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, bar->y + bar->h, 0, bar->y);
  g_autoptr(GArray) ticks = plot_axis_ticks (PLOT_SCALE_LOG, lo, hi, bar->h, FONT_SIZE * 1.5);

  for (int k = 0; k <= 20; k++)
    {
      PlotRgba c;

      plot_heatmap_color (k / 20.0, &c);
      cairo_pattern_add_color_stop_rgb (gradient, k / 20.0, c.red, c.green, c.blue);
    }
  cairo_rectangle (cr, bar->x, bar->y, bar->w, bar->h);
  cairo_set_source (cr, gradient);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  set_color (cr, text);
  cairo_set_line_width (cr, 1.0);
  for (guint k = 0; k < ticks->len; k++)
    {
      const PlotTick *tick = &g_array_index (ticks, PlotTick, k);
      double y = bar->y + bar->h * (1.0 - plot_axis_normalize (PLOT_SCALE_LOG, lo, hi, tick->value));

      if (!tick->major || tick->markup == NULL)
        continue;
      cairo_move_to (cr, bar->x + bar->w, floor (y) + 0.5);
      cairo_line_to (cr, bar->x + bar->w + 4.0, floor (y) + 0.5);
      cairo_stroke (cr);
      draw_text (cr, context, tick->markup, TRUE, FONT_SIZE * 0.9, bar->x + bar->w + 6.0, y, 0.0, 0.5, -1);
    }
  if (hm->colorbar_title != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, bar->x + bar->w + 60.0, bar->y + bar->h / 2.0);
      cairo_rotate (cr, -G_PI / 2.0);
      draw_text (cr, context, hm->colorbar_title, FALSE, FONT_SIZE, 0.0, 0.0, 0.5, 0.0, bar->h);
      cairo_restore (cr);
    }
}

/**
 * plot_heatmap_render:
 * @cr: where to draw
 * @width: the width to fill, in user units
 * @height: the height
 * @hm: the training figure
 *
 * Draws @hm into the rectangle 0, 0, @width, @height of @cr (its state is kept).
 */
void
plot_heatmap_render (cairo_t           *cr,
                     double             width,
                     double             height,
                     const PlotHeatmap *hm)
{
  g_autofree PanelBox *boxes = NULL;
  PangoContext *context = NULL;
  PlotRgba background, grid, text, empty;
  Rect bar;
  double lo, hi;

  g_return_if_fail (cr != NULL && hm != NULL);

  theme_colors (hm->theme, &background, &grid, &text, &empty);
  cairo_save (cr);
  set_color (cr, &background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  context = _plot_text_context_new (cr);
  set_color (cr, &text);
  if (hm->title != NULL && hm->title[0] != '\0')
    draw_text (cr, context, hm->title, FALSE, TITLE_SIZE, width / 2.0, TITLE_SIZE * 0.5, 0.5, 0.0, width - 16.0);

  boxes = g_new0 (PanelBox, MAX (hm->panels->len, 1));
  if (!layout (hm, width, height, boxes, &bar))
    {
      g_object_unref (context);
      cairo_restore (cr);
      return;
    }
  plot_heatmap_get_color_range (hm, &lo, &hi);

  for (guint i = 0; i < hm->panels->len; i++)
    {
      const Panel *p = g_ptr_array_index (hm->panels, i);
      const PanelBox *b = &boxes[i];
      double row_h = b->map.h / p->n_rows;
      guint stride = MAX (1, (guint) ceil (FONT_SIZE * 1.1 / row_h));

      set_color (cr, &p->color);
      draw_text (cr, context, p->label, FALSE, FONT_SIZE * 1.1, b->title.x + b->title.w / 2.0, b->title.y + 2.0,
                 0.5, 0.0, b->title.w);
      draw_map (cr, p, &b->map, lo, hi, hm->zero_low, &empty);

      set_color (cr, &text);
      for (guint row = 0; row < p->n_rows; row += stride)
        draw_text (cr, context, p->rows[row], FALSE, FONT_SIZE * 0.85, b->map.x - 4.0,
                   b->map.y + (row + 0.5) * row_h, 1.0, 0.5, ROW_LABELS - 6.0);
      draw_step_ticks (cr, context, p, &b->map, &text);
      draw_loss (cr, context, p, &b->loss, &grid, &text);
      draw_step_ticks (cr, context, p, &b->loss, &text);
      if (hm->x_title != NULL)
        draw_text (cr, context, hm->x_title, FALSE, FONT_SIZE, b->loss.x + b->loss.w / 2.0,
                   b->loss.y + b->loss.h + FONT_SIZE * 1.5, 0.5, 0.0, b->loss.w);
      if (i == 0 && hm->loss_title != NULL)
        {
          cairo_save (cr);
          cairo_translate (cr, 2.0, b->loss.y + b->loss.h / 2.0);
          cairo_rotate (cr, -G_PI / 2.0);
          draw_text (cr, context, hm->loss_title, FALSE, FONT_SIZE, 0.0, 0.0, 0.5, 0.0, b->loss.h);
          cairo_restore (cr);
        }

      if (hm->marker >= 0 && (guint) hm->marker < p->n_steps)
        {
          double x = step_x (p, &b->map, hm->marker);

          cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.9);
          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, x, b->map.y - 3.0);
          cairo_line_to (cr, x, b->map.y + b->map.h + 3.0);
          cairo_move_to (cr, x, b->loss.y);
          cairo_line_to (cr, x, b->loss.y + b->loss.h);
          cairo_stroke (cr);
        }
    }
  draw_bar (cr, context, hm, &bar, lo, hi, &text);
  g_object_unref (context);
  cairo_restore (cr);
}

/**
 * plot_heatmap_hit:
 * @hm: the training figure
 * @width: the size it is drawn at
 * @height: the size it is drawn at
 * @x: a point, in the same units
 * @y: a point
 * @hit: (out): the cell or the step of the loss curve under the point
 *
 * Returns: %TRUE if the point is on a filled cell or on a loss plot at a filled step
 */
gboolean
plot_heatmap_hit (const PlotHeatmap *hm,
                  double             width,
                  double             height,
                  double             x,
                  double             y,
                  PlotHeatmapHit    *hit)
{
  g_autofree PanelBox *boxes = NULL;
  Rect bar;

  g_return_val_if_fail (hm != NULL && hit != NULL, FALSE);

  boxes = g_new0 (PanelBox, MAX (hm->panels->len, 1));
  if (!layout (hm, width, height, boxes, &bar))
    return FALSE;
  for (guint i = 0; i < hm->panels->len; i++)
    {
      const Panel *p = g_ptr_array_index (hm->panels, i);
      const PanelBox *b = &boxes[i];
      gboolean in_map = y >= b->map.y && y < b->map.y + b->map.h;
      gboolean in_loss = y >= b->loss.y && y < b->loss.y + b->loss.h;
      guint step;

      if (x < b->map.x || x >= b->map.x + b->map.w || (!in_map && !in_loss))
        continue;
      step = MIN ((guint) ((x - b->map.x) / b->map.w * p->n_steps), p->n_steps - 1);
      if (step >= p->n_filled)
        return FALSE;
      hit->panel = i;
      hit->step = step;
      if (in_map)
        {
          hit->row = (int) MIN ((guint) ((y - b->map.y) / b->map.h * p->n_rows), p->n_rows - 1);
          hit->value = p->values[(gsize) step * p->n_rows + hit->row];
        }
      else
        {
          hit->row = -1;
          hit->value = p->losses[step];
        }
      return TRUE;
    }
  return FALSE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * plot_heatmap_export:
 * @hm: the training figure
 * @path: file to write (replaced atomically)
 * @format: PNG, SVG or PDF
 * @width: pixels for PNG, CSS pixels for SVG and PDF (plot_vector_surface_create)
 * @height: the same
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
plot_heatmap_export (const PlotHeatmap *hm,
                     const char        *path,
                     PlotFormat         format,
                     double             width,
                     double             height,
                     GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (hm != NULL && path != NULL, FALSE);

  if (!(width >= 1.0 && height >= 1.0 && width <= PLOT_EXPORT_MAX_PIXELS && height <= PLOT_EXPORT_MAX_PIXELS))
    {
      g_set_error (error, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE,
                   _("Could not save “%s”: %g×%g points is larger than %d points"),
                   path, width, height, PLOT_EXPORT_MAX_PIXELS);
      return FALSE;
    }
  if (format == PLOT_FORMAT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
  else
    /* CSS pixels, as the figures' exports (plot_vector_surface_create) */
    surface = plot_vector_surface_create (format, append_bytes, bytes, width, height);
  cr = cairo_create (surface);
  plot_heatmap_render (cr, width, height, hm);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == PLOT_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PLOT_ERROR, PLOT_ERROR_RENDER,
                   /* Translators: the first %s is a file name, the second cairo's reason */
                   _("Could not draw the figure for “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_set_contents (path, (const char *) bytes->data, bytes->len, error);
}
