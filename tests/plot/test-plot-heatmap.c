/* test-plot-heatmap.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The training figure (PlotHeatmap): its shared log colour range, the colours of cells at
 * known places (found through the hit test), the values off the log scale, the loss and
 * the marker, and PNG/SVG/PDF export. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "plot-test-util.h"

#define W 640
#define H 420

static const char *const rows[] = { "lin1.w", "lin1.b", "lin2.w" };

/* 3 rows x 6 steps, 5 of them filled: row 0 tiny, row 1 one NaN and one zero, row 2 large */
static PlotHeatmap *
sample_heatmap (void)
{
  PlotHeatmap *hm = plot_heatmap_new ();
  double values[5 * 3];
  double losses[5] = { 2.0, 1.0, 0.5, 0.25, 0.125 };
  PlotRgba color;

  for (int t = 0; t < 5; t++)
    {
      values[t * 3 + 0] = 1e-6 * (t + 1);
      values[t * 3 + 1] = t == 1 ? NAN : t == 2 ? 0.0 : 1e-3;
      values[t * 3 + 2] = 2.0;
    }
  plot_palette_color (0, &color);
  plot_heatmap_set_titles (hm, "Training", "Gradient norm", "Loss", "Step");
  plot_heatmap_add_panel (hm, "sigmoid", &color, rows, 3, 6, 5, values, losses);
  return hm;
}

static void
test_color_range (void)
{
  g_autoptr(PlotHeatmap) hm = sample_heatmap ();
  g_autoptr(PlotHeatmap) empty = plot_heatmap_new ();
  double lo, hi;

  g_assert_true (plot_heatmap_get_color_range (hm, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (lo, 1e-6, 1e-18);
  g_assert_cmpfloat_with_epsilon (hi, 10.0, 1e-12);
  g_assert_false (plot_heatmap_get_color_range (empty, &lo, &hi));
  g_assert_cmpfloat (lo, <, hi);
}

static void
test_colormap (void)
{
  PlotRgba low, mid, high;

  plot_heatmap_color (0.0, &low);
  plot_heatmap_color (0.5, &mid);
  plot_heatmap_color (1.0, &high);
  /* viridis: dark violet, teal, yellow; brightness rises */
  g_assert_cmpfloat (low.red + low.green + low.blue, <, mid.red + mid.green + mid.blue);
  g_assert_cmpfloat (mid.red + mid.green + mid.blue, <, high.red + high.green + high.blue);
  g_assert_cmpfloat (high.red, >, 0.9);
  g_assert_cmpfloat (low.blue, >, low.green);
  /* clamped, and NaN is the bottom */
  plot_heatmap_color (NAN, &mid);
  g_assert_cmpfloat (mid.red, ==, low.red);
  plot_heatmap_color (7.0, &mid);
  g_assert_cmpfloat (mid.green, ==, high.green);
}

/* the first point of the grid where the hit test finds row, step (row -1: the loss) */
static gboolean
find (const PlotHeatmap *hm,
      int                row,
      guint              step,
      int               *x,
      int               *y,
      PlotHeatmapHit    *hit)
{
  for (int py = 0; py < H; py += 2)
    for (int px = 0; px < W; px += 2)
      if (plot_heatmap_hit (hm, W, H, px + 0.5, py + 0.5, hit) && hit->row == row && hit->step == step)
        {
          /* the middle of the cell: a few pixels further in */
          *x = px + 3;
          *y = py + 3;
          return TRUE;
        }
  return FALSE;
}

static void
test_pixels_and_hits (void)
{
  g_autoptr(PlotHeatmap) hm = sample_heatmap ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  PlotHeatmapHit hit;
  PlotRgba expect, grey;
  double lo, hi;
  int x, y;

  plot_heatmap_set_marker (hm, 4);
  plot_heatmap_render (cr, W, H, hm);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  plot_heatmap_get_color_range (hm, &lo, &hi);

  /* a tiny value: the colour of its place on the log scale; the tooltip's exact value */
  g_assert_true (find (hm, 0, 0, &x, &y, &hit));
  g_assert_cmpfloat (hit.value, ==, 1e-6);
  plot_heatmap_color (plot_axis_normalize (PLOT_SCALE_LOG, lo, hi, 1e-6), &expect);
  g_assert_true (plot_test_pixel_is (surface, x, y, &expect, 2));
  /* a large one */
  g_assert_true (find (hm, 2, 3, &x, &y, &hit));
  g_assert_cmpfloat (hit.value, ==, 2.0);
  plot_heatmap_color (plot_axis_normalize (PLOT_SCALE_LOG, lo, hi, 2.0), &expect);
  g_assert_true (plot_test_pixel_is (surface, x, y, &expect, 2));
  /* NaN and zero: off the scale, grey, named exactly by the hit test */
  plot_rgba_parse (&grey, "#7f7f7f");
  g_assert_true (find (hm, 1, 1, &x, &y, &hit));
  g_assert_true (isnan (hit.value));
  g_assert_true (plot_test_pixel_is (surface, x, y, &grey, 2));
  g_assert_true (find (hm, 1, 2, &x, &y, &hit));
  g_assert_cmpfloat (hit.value, ==, 0.0);
  g_assert_true (plot_test_pixel_is (surface, x, y, &grey, 2));
  /* the loss under the map, step by step */
  g_assert_true (find (hm, -1, 3, &x, &y, &hit));
  g_assert_cmpfloat (hit.value, ==, 0.25);
  /* the step not yet trained has no value */
  g_assert_false (find (hm, 0, 5, &x, &y, &hit));
  cairo_surface_destroy (surface);

  /* a quantity whose 0 is its least (weight change): zero at the bar's bottom */
  plot_heatmap_set_zero_low (hm, TRUE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cr = cairo_create (surface);
  plot_heatmap_render (cr, W, H, hm);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_true (find (hm, 1, 2, &x, &y, &hit));
  plot_heatmap_color (0.0, &expect);
  g_assert_true (plot_test_pixel_is (surface, x, y, &expect, 2));
  cairo_surface_destroy (surface);
}

/* panels side by side share one colour scale */
static void
test_side_by_side (void)
{
  g_autoptr(PlotHeatmap) hm = sample_heatmap ();
  const double big[] = { 100.0, 100.0, 100.0 };
  const double loss[] = { 1.0 };
  PlotHeatmapHit hit;
  PlotRgba color;
  double lo, hi;
  int x, y;

  plot_palette_color (1, &color);
  g_assert_cmpuint (plot_heatmap_add_panel (hm, "relu", &color, rows, 3, 1, 1, big, loss), ==, 1);
  g_assert_cmpuint (plot_heatmap_get_n_panels (hm), ==, 2);
  g_assert_true (plot_heatmap_get_color_range (hm, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (hi, 100.0, 1e-9);
  g_assert_true (find (hm, 0, 0, &x, &y, &hit));
  g_assert_cmpuint (hit.panel, ==, 0);
  /* the second panel is to the right of the first */
  {
    int x2 = -1;

    for (int px = W - 1; px >= 0 && x2 < 0; px--)
      if (plot_heatmap_hit (hm, W, H, px, y, &hit) && hit.panel == 1)
        x2 = px;
    g_assert_cmpint (x2, >, x);
    g_assert_cmpfloat (hit.value, ==, 100.0);
  }
}

static void
test_export (void)
{
  g_autoptr(PlotHeatmap) hm = sample_heatmap ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("heatmap-XXXXXX", &error);
  static const struct { const char *name; PlotFormat format; const char *magic; } files[] = {
    { "a.png", PLOT_FORMAT_PNG, "\x89PNG" },
    { "a.svg", PLOT_FORMAT_SVG, "<?xml" },
    { "a.pdf", PLOT_FORMAT_PDF, "%PDF" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_true (plot_heatmap_export (hm, path, files[i].format, 800, 500, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_assert_cmpuint (length, >, 100);
      g_assert_true (strncmp (data, files[i].magic, strlen (files[i].magic)) == 0);
      g_unlink (path);
    }
  {
    g_autofree char *path = g_build_filename (dir, "no-such-folder", "a.png", NULL);

    g_assert_false (plot_heatmap_export (hm, path, PLOT_FORMAT_PNG, 800, 500, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_clear_error (&error);
    g_assert_false (plot_heatmap_export (hm, path, PLOT_FORMAT_PNG, 0, 500, &error));
    g_assert_error (error, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/gradlens/plot/heatmap/color-range", test_color_range);
  g_test_add_func ("/gradlens/plot/heatmap/colormap", test_colormap);
  g_test_add_func ("/gradlens/plot/heatmap/pixels-and-hits", test_pixels_and_hits);
  g_test_add_func ("/gradlens/plot/heatmap/side-by-side", test_side_by_side);
  g_test_add_func ("/gradlens/plot/heatmap/export", test_export);
  return g_test_run ();
}
