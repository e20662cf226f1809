/* plot-test-util.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot-test-util.h"

/* From reference/notebook.md: the printed gradient norms of the four figures. */
const double plot_test_notebook[4][10] = {
  { 1.8628388716024347e-05, 3.066662611672655e-05, 0.0005138158448971808, 0.00033092324156314135,
    0.003808162175118923, 0.002379715209826827, 0.04350128769874573, 0.02624613605439663,
    0.3425194323062897, 0.20319567620754242 },
  { 0.012357436120510101, 0.007089552469551563, 0.013694400899112225, 0.010775835253298283,
    0.029977064579725266, 0.05505665764212608, 0.06813295185565948, 0.16980555653572083,
    0.1350313276052475, 0.4393619894981384 },
  { 0.0005468870513141155, 0.0010482256766408682, 0.007102056406438351, 0.004478410352021456,
    0.024837154895067215, 0.014628857374191284, 0.08468004316091537, 0.056439392268657684,
    0.3818344175815582, 0.24892641603946686 },
  { 0.01369679719209671, 0.004151427187025547, 0.020848531275987625, 0.008705598302185535,
    0.022342799231410027, 0.015539039857685566, 0.039693936705589294, 0.08935532718896866,
    0.04022403433918953, 0.1322801560163498 },
};

const char *const plot_test_parameter_names[10] = {
  "lin1.weight", "lin1.bias", "lin2.weight", "lin2.bias", "lin3.weight",
  "lin3.bias", "lin4.weight", "lin4.bias", "lin5.weight", "lin5.bias",
};

static const char *const notebook_labels[4] = {
  "Vanilla Sigmoid Network",
  "Leaky ReLU",
  "Sigmoid + Kaiming normal",
  "Leaky ReLU + Xavier normal",
};

PlotFigure *
plot_test_notebook_figure (void)
{
  PlotFigure *fig = plot_figure_new ();
  guint i;

  plot_figure_set_title (fig, "Gradient Norms Across Layers");
  plot_figure_set_x_title (fig, "Layer Index");
  plot_figure_set_y_title (fig, "Gradient Norm");
  plot_figure_set_categories (fig, plot_test_parameter_names, 10);
  for (i = 0; i < 4; i++)
    plot_figure_add_series (fig, notebook_labels[i], NULL, plot_test_notebook[i], 10);
  plot_figure_set_series_legend_suffix (fig, 0, "×0.30 per layer");
  return fig;
}

/* One healthy run and one that underflows to zero, overflows and turns NaN. */
PlotFigure *
plot_test_nonfinite_figure (void)
{
  PlotFigure *fig = plot_figure_new ();
  double broken[10];

  memcpy (broken, plot_test_notebook[1], sizeof broken);
  broken[0] = 0.0;
  broken[1] = 0.0;
  broken[3] = -1e-3;
  broken[5] = INFINITY;
  broken[7] = NAN;

  plot_figure_set_title (fig, "Underflow and overflow");
  plot_figure_set_x_title (fig, "Parameter");
  plot_figure_set_y_title (fig, "Gradient Norm");
  plot_figure_set_categories (fig, plot_test_parameter_names, 10);
  plot_figure_add_series (fig, "Vanilla Sigmoid Network", NULL, plot_test_notebook[0], 10);
  plot_figure_add_series (fig, "Broken run", NULL, broken, 10);
  return fig;
}

/* Light theme, a median line with a quartile band and min/max whiskers, and a hidden run. */
PlotFigure *
plot_test_stats_figure (void)
{
  PlotFigure *fig = plot_figure_new ();
  double q1[10], q3[10], lo[10], hi[10];
  guint i, s;

  for (i = 0; i < 10; i++)
    {
      double m = plot_test_notebook[2][i];

      q1[i] = m * 0.6;
      q3[i] = m * 1.6;
      lo[i] = m * 0.25;
      hi[i] = m * 3.0;
    }
  plot_figure_set_theme (fig, PLOT_THEME_LIGHT);
  plot_figure_set_title (fig, "1000 seeds: median, quartiles, min and max");
  plot_figure_set_x_title (fig, "Layer Index");
  plot_figure_set_y_title (fig, "Gradient Norm");
  plot_figure_set_categories (fig, plot_test_parameter_names, 10);
  s = plot_figure_add_series (fig, "Sigmoid + Kaiming normal", NULL, plot_test_notebook[2], 10);
  plot_figure_set_series_band (fig, s, q1, q3, 10);
  plot_figure_set_series_whiskers (fig, s, lo, hi, 10);
  plot_figure_add_series (fig, "Leaky ReLU (hidden)", NULL, plot_test_notebook[1], 10);
  plot_figure_set_series_visible (fig, 1, FALSE);
  plot_figure_add_series (fig, "Leaky ReLU + Xavier normal", NULL, plot_test_notebook[3], 10);
  return fig;
}

/* Labels too long for a legend beside the data area, most with a suffix, one without. */
PlotFigure *
plot_test_long_labels_figure (void)
{
  static const char *const labels[4] = {
    "Vanilla sigmoid network, 5 layers of 10, default PyTorch initialisation",
    "Leaky ReLU network (negative slope 0.01), default initialisation",
    "Sigmoid network with He (Kaiming normal) initialisation of every weight",
    "Leaky ReLU network with Xavier normal initialisation, gain 1.0",
  };
  static const char *const suffixes[4] = {
    "×0.30 per layer", "×0.85 per layer", NULL, "×1.02 per layer",
  };
  PlotFigure *fig = plot_figure_new ();
  guint i;

  plot_figure_set_title (fig, "Gradient Norms Across Layers");
  plot_figure_set_x_title (fig, "Layer Index");
  plot_figure_set_y_title (fig, "Gradient Norm");
  plot_figure_set_categories (fig, plot_test_parameter_names, 10);
  for (i = 0; i < 4; i++)
    {
      plot_figure_add_series (fig, labels[i], NULL, plot_test_notebook[i], 10);
      plot_figure_set_series_legend_suffix (fig, i, suffixes[i]);
    }
  return fig;
}

/* Where the swatch of a legend entry is drawn: its marker 1 em from the left of the entry,
 * on the middle of the label line (0.8 em from the top, as in a one-line entry of 1.6 em). */
void
plot_test_legend_swatch (const PlotLayout *layout,
                         guint             entry,
                         double           *x,
                         double           *y)
{
  PlotRect bounds;

  g_assert_true (plot_layout_legend_entry (layout, entry, &bounds));
  *x = bounds.x + layout->em;
  *y = bounds.y + 0.8 * layout->em;
}

cairo_surface_t *
plot_test_render (const PlotFigure *fig,
                  int               width,
                  int               height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  plot_render (cr, width, height, fig);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

guint32
plot_test_pixel (cairo_surface_t *surface,
                 int              x,
                 int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (const void *) (data + (gsize) y * stride + (gsize) x * 4);
}

static inline guint32
raw_pixel (const guint8 *data,
           int           stride,
           int           x,
           int           y)
{
  return *(const guint32 *) (const void *) (data + (gsize) y * stride + (gsize) x * 4);
}

/* Compares an opaque pixel with @color, channel by channel. */
gboolean
plot_test_pixel_is (cairo_surface_t *surface,
                    int              x,
                    int              y,
                    const PlotRgba  *color,
                    int              tolerance)
{
  guint32 p = plot_test_pixel (surface, x, y);
  int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

  return abs (r - (int) lround (color->red * 255)) <= tolerance
         && abs (g - (int) lround (color->green * 255)) <= tolerance
         && abs (b - (int) lround (color->blue * 255)) <= tolerance;
}

/* Whether any pixel within @radius of (@x, @y) has @color. */
gboolean
plot_test_color_near (cairo_surface_t *surface,
                      double           x,
                      double           y,
                      double           radius,
                      const PlotRgba  *color,
                      int              tolerance)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int i, j;

  for (j = (int) floor (y - radius); j <= (int) ceil (y + radius); j++)
    for (i = (int) floor (x - radius); i <= (int) ceil (x + radius); i++)
      {
        if (i < 0 || j < 0 || i >= w || j >= h)
          continue;
        if (hypot (i + 0.5 - x, j + 0.5 - y) > radius)
          continue;
        if (plot_test_pixel_is (surface, i, j, color, tolerance))
          return TRUE;
      }
  return FALSE;
}

/* Counts pixels where some channel differs by more than @tolerance. */
static int
pixel_distance (guint32 pa,
                guint32 pb)
{
  int c, d = 0;

  for (c = 0; c < 32; c += 8)
    d = MAX (d, abs ((int) ((pa >> c) & 0xff) - (int) ((pb >> c) & 0xff)));
  return d;
}

/* Counts pixels where some channel differs by more than @tolerance. */
guint
plot_test_count_differences (cairo_surface_t *a,
                             cairo_surface_t *b,
                             int              tolerance,
                             int             *max_difference)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  const guint8 *da, *db;
  int sa, sb;
  guint count = 0;
  int worst = 0;
  int x, y;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  da = cairo_image_surface_get_data (a);
  db = cairo_image_surface_get_data (b);
  sa = cairo_image_surface_get_stride (a);
  sb = cairo_image_surface_get_stride (b);
  for (y = 0; y < h; y++)
    for (x = 0; x < w; x++)
      {
        int d = pixel_distance (raw_pixel (da, sa, x, y), raw_pixel (db, sb, x, y));

        worst = MAX (worst, d);
        if (d > tolerance)
          count++;
      }
  if (max_difference != NULL)
    *max_difference = worst;
  return count;
}

/* Counts pixels of @a with no pixel within @radius in @b that matches it within @tolerance,
 * and the other way round: two renderers may antialias and hint text differently, but a
 * shape that moved by more than @radius shows up. */
guint
plot_test_count_moved (cairo_surface_t *a,
                       cairo_surface_t *b,
                       int              tolerance,
                       int              radius)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  cairo_surface_t *pair[2] = { a, b };
  guint count = 0;
  int k, x, y, dx, dy;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (k = 0; k < 2; k++)
    {
      const guint8 *d0 = cairo_image_surface_get_data (pair[k]);
      const guint8 *d1 = cairo_image_surface_get_data (pair[1 - k]);
      int s0 = cairo_image_surface_get_stride (pair[k]);
      int s1 = cairo_image_surface_get_stride (pair[1 - k]);

      for (y = 0; y < h; y++)
        for (x = 0; x < w; x++)
          {
            guint32 p = raw_pixel (d0, s0, x, y);
            gboolean found = pixel_distance (p, raw_pixel (d1, s1, x, y)) <= tolerance;

            for (dy = -radius; dy <= radius && !found; dy++)
              for (dx = -radius; dx <= radius && !found; dx++)
                {
                  if (x + dx < 0 || y + dy < 0 || x + dx >= w || y + dy >= h)
                    continue;
                  found = pixel_distance (p, raw_pixel (d1, s1, x + dx, y + dy)) <= tolerance;
                }
            if (!found)
              count++;
          }
    }
  return count;
}

void
plot_test_background (PlotTheme  theme,
                      PlotRgba  *color)
{
  if (theme == PLOT_THEME_LIGHT)
    g_assert_true (plot_rgba_parse (color, "#ffffff"));
  else
    g_assert_true (plot_rgba_parse (color, "#111111"));
}
