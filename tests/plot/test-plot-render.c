/* test-plot-render.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Renders fixed figures onto image surfaces and checks pixels at positions computed through
 * the public layout mapping, compares with golden PNGs, and renders pathological figures. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "plot-test-util.h"

#define W 900
#define H 560

/* Golden images: channels may differ by this much (antialiasing noise), and no more than
 * this many pixels may exceed it. Font rendering is deterministic on one machine, so any
 * real change to the drawing shows up as thousands of pixels. */
#define GOLDEN_TOLERANCE 10
#define GOLDEN_MAX_BAD_PIXELS 0

static gboolean
near_later_marker (const PlotLayout *layout,
                   const PlotFigure *fig,
                   guint             series,
                   double            x,
                   double            y)
{
  guint s, i;

  for (s = series + 1; s < plot_figure_get_n_series (fig); s++)
    for (i = 0; i < 10; i++)
      {
        double px, py;

        if (plot_layout_point_position (layout, fig, s, i, &px, &py)
            && hypot (px - x, py - y) < layout->marker_size + 2)
          return TRUE;
      }
  return FALSE;
}

/* Every marker shows its series colour at its centre; empty places show the background. */
static void
test_markers (void)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  cairo_surface_t *surface = plot_test_render (fig, W, H);
  PlotLayout layout;
  PlotRgba color, bg;
  guint s, i, checked = 0;
  double x, y;

  plot_layout_compute (&layout, fig, W, H);
  for (s = 0; s < 4; s++)
    {
      plot_figure_get_series_color (fig, s, &color);
      for (i = 0; i < 10; i++)
        {
          g_assert_true (plot_layout_point_position (&layout, fig, s, i, &x, &y));
          if (near_later_marker (&layout, fig, s, x, y))
            continue;
          if (!plot_test_pixel_is (surface, (int) x, (int) y, &color, 8))
            g_error ("series %u point %u: pixel %d,%d is #%06x, expected the series colour", s, i,
                     (int) x, (int) y, plot_test_pixel (surface, (int) x, (int) y) & 0xffffff);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 30);

  /* Background: corners, and inside the data area between two categories and between the
   * minor grid lines at 2 and 3 × 10^-4, far from any series */
  plot_test_background (PLOT_THEME_DARK, &bg);
  g_assert_true (plot_test_pixel_is (surface, 1, 1, &bg, 0));
  g_assert_true (plot_test_pixel_is (surface, W - 2, H - 2, &bg, 0));
  x = plot_layout_x_to_pixel (&layout, 8.5);
  y = plot_layout_y_to_pixel (&layout, pow (10, -4 + 0.39));
  g_assert_true (plot_test_pixel_is (surface, (int) x, (int) y, &bg, 0));
  /* ...and there is no series colour anywhere near it */
  for (s = 0; s < 4; s++)
    {
      plot_figure_get_series_color (fig, s, &color);
      g_assert_false (plot_test_color_near (surface, x, y, 5, &color, 30));
    }

  cairo_surface_destroy (surface);
}

/* Zero, +inf and NaN are drawn as hollow markers on the bottom and top edges, in the series
 * colour, and never on the axis. */
static void
test_nonfinite_markers (void)
{
  g_autoptr(PlotFigure) fig = plot_test_nonfinite_figure ();
  cairo_surface_t *surface = plot_test_render (fig, W, H);
  PlotLayout layout;
  PlotRgba color, bg;
  double x, y;
  guint i;

  plot_layout_compute (&layout, fig, W, H);
  plot_figure_get_series_color (fig, 1, &color);
  plot_test_background (PLOT_THEME_DARK, &bg);
  g_assert_true (layout.has_data);

  for (i = 0; i < 10; i++)
    {
      const double *values = plot_figure_get_series_values (fig, 1, NULL);
      PlotValueClass cls = plot_axis_classify (PLOT_SCALE_LOG, values[i]);

      g_assert_true (plot_layout_point_position (&layout, fig, 1, i, &x, &y));
      if (cls == PLOT_VALUE_ON_AXIS)
        continue;

      /* On an edge of the data area */
      if (cls == PLOT_VALUE_POS_INF || cls == PLOT_VALUE_NAN)
        g_assert_cmpfloat (y, <, layout.area.y + layout.marker_size * 1.5);
      else
        g_assert_cmpfloat (y, >, layout.area.y + layout.area.height - layout.marker_size * 1.5);

      /* Drawn in the series colour */
      if (!plot_test_color_near (surface, x, y, layout.marker_size, &color, 24))
        g_error ("value %u (%g) has no marker near %.1f,%.1f", i, values[i], x, y);

      /* Hollow for zero, negative and inf; a cross for NaN */
      if (cls == PLOT_VALUE_NAN)
        g_assert_true (plot_test_pixel_is (surface, (int) x, (int) y, &color, 60));
      else if (cls == PLOT_VALUE_ZERO)
        g_assert_false (plot_test_pixel_is (surface, (int) x, (int) (y - 1), &color, 40));
    }

  /* The healthy run's markers are all there */
  plot_figure_get_series_color (fig, 0, &color);
  for (i = 0; i < 10; i++)
    {
      g_assert_true (plot_layout_point_position (&layout, fig, 0, i, &x, &y));
      g_assert_true (plot_test_color_near (surface, x, y, 2, &color, 8));
    }

  cairo_surface_destroy (surface);
}

/* A hidden series is not drawn, and its legend entry is greyed. */
static void
test_hidden_series (void)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  cairo_surface_t *surface;
  PlotLayout layout;
  PlotRgba color;
  double x, y;
  guint i;

  plot_figure_set_series_visible (fig, 1, FALSE);
  surface = plot_test_render (fig, W, H);
  plot_layout_compute (&layout, fig, W, H);
  plot_figure_get_series_color (fig, 1, &color);

  for (i = 0; i < 10; i++)
    {
      x = plot_layout_x_to_pixel (&layout, i);
      y = plot_layout_y_to_pixel (&layout, plot_test_notebook[1][i]);
      g_assert_false (plot_test_color_near (surface, x, y, 3, &color, 30));
    }

  /* Legend swatch marker at 1 em from the left of the entry */
  plot_test_legend_swatch (&layout, 1, &x, &y);
  g_assert_false (plot_test_color_near (surface, x, y, 3, &color, 30));
  plot_figure_get_series_color (fig, 2, &color);
  plot_test_legend_swatch (&layout, 2, &x, &y);
  g_assert_true (plot_test_pixel_is (surface, (int) x, (int) y, &color, 8));

  cairo_surface_destroy (surface);
}

/* Every legend entry's swatch is drawn where plot_layout_legend_entry() puts it, beside the
 * data area, below it and cut short at a tiny size; no entry is drawn over the data area or
 * off the figure, and no two overlap. */
static void
test_legend_placement (void)
{
  g_autoptr(PlotFigure) notebook = plot_test_notebook_figure ();
  g_autoptr(PlotFigure) long_labels = plot_test_long_labels_figure ();
  const struct { PlotFigure *fig; int width; int height; gboolean below; } cases[] = {
    { notebook, 800, 450, FALSE },
    { long_labels, 1280, 720, TRUE },
    { long_labels, 800, 450, TRUE },
    { long_labels, 220, 150, TRUE },
  };
  guint k, i, j;

  for (k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      cairo_surface_t *surface = plot_test_render (cases[k].fig, cases[k].width, cases[k].height);
      PlotLayout layout;

      plot_layout_compute (&layout, cases[k].fig, cases[k].width, cases[k].height);
      g_assert_cmpint (layout.legend_below, ==, cases[k].below);
      g_assert_cmpuint (layout.legend_n_entries, >, 0);
      for (i = 0; i < layout.legend_n_entries; i++)
        {
          PlotRect b, c;
          PlotRgba color;
          double x, y;

          g_assert_true (plot_layout_legend_entry (&layout, i, &b));
          g_assert_cmpfloat (b.x, >=, 0);
          g_assert_cmpfloat (b.y, >=, 0);
          g_assert_cmpfloat (b.x + b.width, <=, cases[k].width);
          g_assert_cmpfloat (b.y + b.height, <=, cases[k].height);
          g_assert_false (b.x < layout.area.x + layout.area.width && b.x + b.width > layout.area.x
                          && b.y < layout.area.y + layout.area.height
                          && b.y + b.height > layout.area.y);
          for (j = 0; j < i; j++)
            {
              g_assert_true (plot_layout_legend_entry (&layout, j, &c));
              g_assert_false (b.x < c.x + c.width && c.x < b.x + b.width
                              && b.y < c.y + c.height && c.y < b.y + b.height);
            }

          plot_figure_get_series_color (cases[k].fig, i, &color);
          plot_test_legend_swatch (&layout, i, &x, &y);
          if (!plot_test_color_near (surface, x, y, 1.5, &color, 8))
            g_error ("%dx%d: no swatch of series %u at %g,%g", cases[k].width, cases[k].height,
                     i, x, y);
        }
      cairo_surface_destroy (surface);
    }
}

static gboolean
has_non_background (cairo_surface_t *surface,
                    const PlotRect  *r,
                    const PlotRgba  *bg)
{
  int x, y;

  for (y = (int) r->y; y < (int) (r->y + r->height); y++)
    for (x = (int) r->x; x < (int) (r->x + r->width); x++)
      if (!plot_test_pixel_is (surface, x, y, bg, 30))
        return TRUE;
  return FALSE;
}

/* Nothing to plot still draws axes and a message, never crashes. */
static void
test_empty (void)
{
  g_autoptr(PlotFigure) empty = plot_figure_new ();
  g_autoptr(PlotFigure) nan_only = plot_figure_new ();
  g_autoptr(PlotFigure) hidden = plot_test_notebook_figure ();
  const double bad[] = { NAN, 0.0, INFINITY, -1.0 };
  PlotFigure *figs[3];
  PlotRgba bg;
  guint k, s;

  plot_figure_add_series (nan_only, "nothing finite", NULL, bad, 4);
  for (s = 0; s < 4; s++)
    plot_figure_set_series_visible (hidden, s, FALSE);
  figs[0] = empty;
  figs[1] = nan_only;
  figs[2] = hidden;
  plot_test_background (PLOT_THEME_DARK, &bg);

  for (k = 0; k < G_N_ELEMENTS (figs); k++)
    {
      cairo_surface_t *surface = plot_test_render (figs[k], 500, 320);
      PlotLayout layout;
      PlotRect middle;

      plot_layout_compute (&layout, figs[k], 500, 320);
      g_assert_false (layout.has_data);
      g_assert_true (plot_axis_range_is_valid (layout.y_scale, layout.y_min, layout.y_max));
      g_assert_true (plot_test_pixel_is (surface, 0, 0, &bg, 0));

      /* The message sits in the middle of the data area */
      middle.x = layout.area.x;
      middle.width = layout.area.width;
      middle.y = layout.area.y + layout.area.height / 2 - layout.em;
      middle.height = 2 * layout.em;
      g_assert_true (has_non_background (surface, &middle, &bg));
      cairo_surface_destroy (surface);
    }

  /* Degenerate sizes draw nothing and do not crash */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
    cairo_t *cr = cairo_create (surface);

    plot_render (cr, 0, 0, hidden);
    plot_render (cr, -5, 10, hidden);
    plot_render (cr, NAN, 10, hidden);
    plot_render (cr, INFINITY, 10, hidden);
    plot_render (cr, 8, 8, hidden);
    plot_render (cr, 1, 1, empty);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

/* Whatever is thrown at it: no crash, no Pango warning (fatal in tests), valid cairo state. */
static void
test_robust (void)
{
  g_autoptr(PlotFigure) fig = plot_figure_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  double values[2000];
  guint i;

  plot_figure_set_title (fig, "bad \xff\xfe utf-8 <b>not markup</b> & \n newline\ttab");
  plot_figure_set_y_title (fig, "\xe2\x80\xa8line separator");
  for (i = 0; i < 2000; i++)
    {
      if (i == 3)
        g_ptr_array_add (names, g_strdup ("two\nlines\xc3"));
      else
        g_ptr_array_add (names, g_strdup_printf ("lin%u.weight", i));
      values[i] = i % 7 == 0 ? NAN : pow (10, -300 + 0.3 * i);
    }
  plot_figure_set_categories (fig, (const char *const *) names->pdata, names->len);
  for (i = 0; i < 300; i++)
    {
      guint s = plot_figure_add_series (fig, i == 1 ? "<i>\xff" : "r\nu\xe2\x80\xa9n", NULL, values,
                                        1 + i * 7 % 2000);

      if (i % 50 == 0)
        plot_figure_set_series_band (fig, s, values, values + 1, 1999);
      if (i % 60 == 0)
        plot_figure_set_series_legend_suffix (fig, s, "×\xff<>&");
    }

  cairo_surface_destroy (plot_test_render (fig, 700, 400));
  plot_figure_set_y_scale (fig, PLOT_SCALE_LINEAR);
  cairo_surface_destroy (plot_test_render (fig, 700, 400));
  plot_figure_set_theme (fig, PLOT_THEME_LIGHT);
  plot_figure_set_x_view (fig, -1e6, 1e6);
  plot_figure_set_y_view (fig, -1e-300, 1e-300);
  cairo_surface_destroy (plot_test_render (fig, 120, 80));
  plot_figure_set_x_view (fig, 3.0, 3.25);
  cairo_surface_destroy (plot_test_render (fig, 300, 200));

  {
    PlotLayout layout;

    plot_layout_compute (&layout, fig, 700, 400);
    g_assert_cmpuint (layout.legend_n_entries, <, 300);
    g_assert_false (plot_hit_point (fig, 700, 400, NAN, 3, 5, NULL, NULL, NULL));
  }
}

static cairo_surface_t *
render_recorded (const PlotFigure *fig,
                 int               width,
                 int               height)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);

  plot_render (cr, width, height, fig);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cr = cairo_create (image);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  cairo_surface_flush (image);
  return image;
}

/* The span rasteriser (image surfaces) and cairo's own paths (vector surfaces, and any
 * surface with the figure's scale at 0) draw the same figure: render both ways, compare. */
static void
test_backends_agree (void)
{
  g_autoptr(PlotFigure) fig = plot_test_stats_figure ();
  g_autoptr(PlotFigure) broken = plot_test_nonfinite_figure ();
  PlotFigure *figs[2];
  guint k;

  figs[0] = fig;
  figs[1] = broken;
  for (k = 0; k < G_N_ELEMENTS (figs); k++)
    {
      cairo_surface_t *direct = plot_test_render (figs[k], W, H);
      cairo_surface_t *paths;
      guint bad;
      int worst;

      plot_figure_set_scale (figs[k], 0.0);
      paths = render_recorded (figs[k], W, H);
      plot_figure_set_scale (figs[k], 1.0);

      /* Antialiased edges may differ a little; shapes may not */
      bad = plot_test_count_differences (direct, paths, 80, &worst);
      g_test_message ("rasteriser vs cairo paths: %u pixels differ by more than 80 (worst %d)",
                      bad, worst);
      g_assert_cmpuint (bad, <, W * H / 5000);
      g_assert_cmpuint (plot_test_count_moved (direct, paths, 40, 1), <, W * H / 5000);

      cairo_surface_destroy (paths);
      cairo_surface_destroy (direct);
    }
}

/* On a recording surface (what a GTK snapshot gives) the data is rasterised at the figure's
 * scale and painted: the replayed picture is the same as a direct render. */
static void
test_recording (void)
{
  g_autoptr(PlotFigure) fig = plot_test_stats_figure ();
  cairo_surface_t *direct = plot_test_render (fig, W, H);
  cairo_surface_t *replayed = render_recorded (fig, W, H);
  guint bad;
  int worst;

  bad = plot_test_count_differences (direct, replayed, 2, &worst);
  g_test_message ("recording vs direct: %u pixels differ by more than 2 (worst %d)", bad, worst);
  g_assert_cmpuint (bad, ==, 0);

  cairo_surface_destroy (replayed);
  cairo_surface_destroy (direct);
}

/* On a HiDPI surface (cairo_scale 2) the layout is the same, twice as many pixels. */
static void
test_hidpi (void)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * W, 2 * H);
  cairo_t *cr = cairo_create (surface);
  PlotLayout layout;
  PlotRgba color;
  double x, y;

  plot_figure_set_scale (fig, 2.0);
  cairo_scale (cr, 2, 2);
  plot_render (cr, W, H, fig);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  plot_layout_compute (&layout, fig, W, H);
  plot_figure_get_series_color (fig, 3, &color);
  g_assert_true (plot_layout_point_position (&layout, fig, 3, 9, &x, &y));
  g_assert_true (plot_test_pixel_is (surface, (int) (2 * x), (int) (2 * y), &color, 8));
  cairo_surface_destroy (surface);
}

typedef struct
{
  const char *name;
  int         width;
  int         height;
  PlotFigure *(*make) (void);
} Golden;

static PlotFigure *
make_linear_light (void)
{
  PlotFigure *fig = plot_test_notebook_figure ();

  plot_figure_set_theme (fig, PLOT_THEME_LIGHT);
  plot_figure_set_y_scale (fig, PLOT_SCALE_LINEAR);
  plot_figure_set_series_visible (fig, 2, FALSE);
  return fig;
}

static PlotFigure *
make_empty (void)
{
  PlotFigure *fig = plot_figure_new ();

  plot_figure_set_title (fig, "Nothing yet");
  plot_figure_set_x_title (fig, "Layer Index");
  plot_figure_set_y_title (fig, "Gradient Norm");
  return fig;
}

static PlotFigure *
make_dense (void)
{
  PlotFigure *fig = plot_figure_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  double v[60];
  guint r, i;

  plot_figure_set_title (fig, "20 runs × 60 parameters");
  for (i = 0; i < 60; i++)
    g_ptr_array_add (names, g_strdup_printf ("lin%u.%s", i / 2 + 1, i % 2 ? "bias" : "weight"));
  plot_figure_set_categories (fig, (const char *const *) names->pdata, names->len);
  for (r = 0; r < 20; r++)
    {
      g_autofree char *label = g_strdup_printf ("seed %u", r);

      for (i = 0; i < 60; i++)
        v[i] = pow (10, -(60.0 - i) / 60 * (1 + 0.2 * r) + 0.2 * sin (i + r));
      plot_figure_add_series (fig, label, NULL, v, 60);
    }
  return fig;
}

static PlotFigure *
make_legend_below (void)
{
  PlotFigure *fig = plot_test_long_labels_figure ();

  plot_figure_set_theme (fig, PLOT_THEME_LIGHT);
  plot_figure_set_series_visible (fig, 1, FALSE);
  return fig;
}

static const Golden goldens[] = {
  { "notebook-dark", 800, 450, plot_test_notebook_figure },
  { "stats-light", 800, 450, plot_test_stats_figure },
  { "nonfinite-dark", 800, 450, plot_test_nonfinite_figure },
  { "linear-light", 640, 400, make_linear_light },
  { "empty-dark", 400, 250, make_empty },
  { "dense-dark", 800, 500, make_dense },
  { "legend-below-light", 800, 450, make_legend_below },
};

static void
write_diff (cairo_surface_t *a,
            cairo_surface_t *b,
            const char      *path)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  cairo_surface_t *diff = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  guint8 *data = cairo_image_surface_get_data (diff);
  int stride = cairo_image_surface_get_stride (diff);
  int x, y;

  for (y = 0; y < h; y++)
    for (x = 0; x < w; x++)
      {
        guint32 pa = plot_test_pixel (a, x, y), pb = plot_test_pixel (b, x, y);
        int c, d = 0;

        for (c = 0; c < 32; c += 8)
          d = MAX (d, ABS ((int) ((pa >> c) & 0xff) - (int) ((pb >> c) & 0xff)));
        *(guint32 *) (void *) (data + y * stride + x * 4) =
          d > GOLDEN_TOLERANCE ? 0xff0000 : (guint32) (d * 0x010101);
      }
  cairo_surface_mark_dirty (diff);
  cairo_surface_write_to_png (diff, path);
  cairo_surface_destroy (diff);
}

static void
test_golden (gconstpointer data)
{
  const Golden *golden = data;
  g_autoptr(PlotFigure) fig = golden->make ();
  g_autofree char *file = g_strdup_printf ("%s.png", golden->name);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", file, NULL);
  cairo_surface_t *actual = plot_test_render (fig, golden->width, golden->height);
  cairo_surface_t *expected;
  guint bad;
  int worst;

  if (g_getenv ("GRADLENS_PLOT_REGEN_GOLDEN") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (actual, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      cairo_surface_destroy (actual);
      return;
    }

  expected = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (expected) != CAIRO_STATUS_SUCCESS)
    g_error ("cannot read golden image %s: %s (run tests/plot/regen-golden.sh)", path,
             cairo_status_to_string (cairo_surface_status (expected)));
  if (cairo_image_surface_get_width (expected) != golden->width
      || cairo_image_surface_get_height (expected) != golden->height)
    g_error ("golden image %s is %dx%d, the test renders %dx%d", path,
             cairo_image_surface_get_width (expected), cairo_image_surface_get_height (expected),
             golden->width, golden->height);

  bad = plot_test_count_differences (actual, expected, GOLDEN_TOLERANCE, &worst);
  if (bad > GOLDEN_MAX_BAD_PIXELS)
    {
      g_autofree char *actual_file = g_strdup_printf ("%s-actual.png", golden->name);
      g_autofree char *diff_file = g_strdup_printf ("%s-diff.png", golden->name);
      g_autofree char *actual_path = g_test_build_filename (G_TEST_BUILT, actual_file, NULL);
      g_autofree char *diff_path = g_test_build_filename (G_TEST_BUILT, diff_file, NULL);

      cairo_surface_write_to_png (actual, actual_path);
      write_diff (actual, expected, diff_path);
      g_error ("%s: %u pixels differ from the golden image by more than %d (worst %d); "
               "actual image written to %s, differences to %s. If the change is intended, "
               "run tests/plot/regen-golden.sh",
               golden->name, bad, GOLDEN_TOLERANCE, worst, actual_path, diff_path);
    }

  cairo_surface_destroy (expected);
  cairo_surface_destroy (actual);
}

/* A dashed series (a prediction beside a measurement) has gaps along its line where a
 * solid one has none, keeps its colour and markers, and its note is never drawn. */
static void
test_dashed_series (void)
{
  const char *const names[] = { "lin1.w", "lin2.w", "lin3.w", "lin4.w" };
  const double values[] = { 1e-2, 1e-2, 1e-2, 1e-2 };
  g_autoptr(PlotFigure) fig = plot_figure_new ();
  g_autoptr(PlotFigure) copy = NULL;
  cairo_surface_t *solid, *dashed, *noted;
  PlotLayout layout;
  PlotRgba color, bg;
  guint colored[2] = { 0, 0 }, gaps[2] = { 0, 0 };
  double x0, x1, y;

  plot_figure_set_categories (fig, names, 4);
  plot_figure_add_series (fig, "measured", NULL, values, 4);
  plot_figure_get_series_color (fig, 0, &color);
  plot_test_background (PLOT_THEME_DARK, &bg);
  g_assert_false (plot_figure_get_series_dashed (fig, 0));
  solid = plot_test_render (fig, W, H);
  plot_figure_set_series_dashed (fig, 0, TRUE);
  g_assert_true (plot_figure_get_series_dashed (fig, 0));
  dashed = plot_test_render (fig, W, H);
  plot_figure_set_series_note (fig, 0, "why it looks like this");
  g_assert_cmpstr (plot_figure_get_series_note (fig, 0), ==, "why it looks like this");
  noted = plot_test_render (fig, W, H);
  g_assert_cmpuint (plot_test_count_differences (dashed, noted, 0, NULL), ==, 0);
  copy = plot_figure_copy (fig);
  g_assert_true (plot_figure_get_series_dashed (copy, 0));
  g_assert_cmpstr (plot_figure_get_series_note (copy, 0), ==, "why it looks like this");

  plot_layout_compute (&layout, fig, W, H);
  g_assert_true (plot_layout_point_position (&layout, fig, 0, 1, &x0, &y));
  g_assert_true (plot_layout_point_position (&layout, fig, 0, 2, &x1, &y));
  /* along the line between two markers, away from them */
  for (int x = (int) x0 + layout.marker_size + 2; x < (int) x1 - layout.marker_size - 2; x++)
    {
      cairo_surface_t *surfaces[2] = { solid, dashed };

      for (int k = 0; k < 2; k++)
        {
          if (plot_test_pixel_is (surfaces[k], x, (int) round (y), &color, 40))
            colored[k]++;
          else if (!plot_test_color_near (surfaces[k], x, round (y), 1, &color, 120))
            gaps[k]++;
        }
    }
  g_assert_cmpuint (colored[0], >, 20);
  g_assert_cmpuint (gaps[0], ==, 0);
  g_assert_cmpuint (colored[1], >, 5);
  g_assert_cmpuint (gaps[1], >, 5);
  /* the markers stay */
  g_assert_true (plot_test_pixel_is (dashed, (int) x0, (int) y, &color, 8));

  cairo_surface_destroy (solid);
  cairo_surface_destroy (dashed);
  cairo_surface_destroy (noted);
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gradlens/plot/render/markers", test_markers);
  g_test_add_func ("/gradlens/plot/render/nonfinite-markers", test_nonfinite_markers);
  g_test_add_func ("/gradlens/plot/render/hidden-series", test_hidden_series);
  g_test_add_func ("/gradlens/plot/render/legend-placement", test_legend_placement);
  g_test_add_func ("/gradlens/plot/render/empty", test_empty);
  g_test_add_func ("/gradlens/plot/render/robust", test_robust);
  g_test_add_func ("/gradlens/plot/render/backends-agree", test_backends_agree);
  g_test_add_func ("/gradlens/plot/render/recording", test_recording);
  g_test_add_func ("/gradlens/plot/render/hidpi", test_hidpi);
  g_test_add_func ("/gradlens/plot/render/dashed-series", test_dashed_series);
  for (i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autofree char *name = g_strdup_printf ("/gradlens/plot/render/golden/%s", goldens[i].name);

      g_test_add_data_func (name, &goldens[i], test_golden);
    }

  return g_test_run ();
}
