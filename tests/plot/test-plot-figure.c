/* test-plot-figure.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The figure model, the palette, the layout mapping (zoom and pan) and hit-testing. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "plot-test-util.h"

#define W 900
#define H 560

static void
test_palette (void)
{
  static const char *const expected[] = {
    "#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a",
    "#19d3f3", "#ff6692", "#b6e880", "#ff97ff", "#fecb52",
  };
  PlotRgba c, d;
  guint i;

  for (i = 0; i < 2 * PLOT_PALETTE_SIZE; i++)
    {
      g_autofree char *text = NULL;

      plot_palette_color (i, &c);
      text = plot_rgba_to_string (&c);
      g_assert_cmpstr (text, ==, expected[i % PLOT_PALETTE_SIZE]);
      g_assert_cmpfloat (c.alpha, ==, 1.0);
    }

  g_assert_true (plot_rgba_parse (&c, "#EF553B"));
  plot_palette_color (1, &d);
  g_assert_true (memcmp (&c, &d, sizeof c) == 0);
  g_assert_true (plot_rgba_parse (&c, "#f00"));
  g_assert_cmpfloat (c.red, ==, 1.0);
  g_assert_true (plot_rgba_parse (&c, "#11223380"));
  g_assert_cmpfloat_with_epsilon (c.alpha, 128 / 255.0, 1e-12);
  {
    g_autofree char *text = plot_rgba_to_string (&c);

    g_assert_cmpstr (text, ==, "#11223380");
  }
  g_assert_false (plot_rgba_parse (&c, "636efa"));
  g_assert_false (plot_rgba_parse (&c, "#63"));
  g_assert_false (plot_rgba_parse (&c, "#63zefa"));
  g_assert_false (plot_rgba_parse (&c, NULL));
}

static void
test_short_names (void)
{
  static const struct { const char *name, *label; } cases[] = {
    { "lin1.weight", "lin1.w" },
    { "lin12.bias", "lin12.b" },
    { "norm3.weight", "norm3.w" },
    { "3", "3" },
    { "lin1", "lin1" },
    { ".weight", ".weight" },
    { "weight", "weight" },
    { "", "" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = plot_shorten_parameter_name (cases[i].name);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_figure_basics (void)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  g_autoptr(PlotFigure) copy = NULL;
  const double *values;
  const double *low, *high;
  double lo[3] = { 1, 2, 3 }, hi[3] = { 4, 5, 6 };
  gsize n;
  PlotRgba c;

  g_assert_cmpstr (plot_figure_get_title (fig), ==, "Gradient Norms Across Layers");
  g_assert_cmpstr (plot_figure_get_x_title (fig), ==, "Layer Index");
  g_assert_cmpstr (plot_figure_get_y_title (fig), ==, "Gradient Norm");
  g_assert_cmpint (plot_figure_get_theme (fig), ==, PLOT_THEME_DARK);
  g_assert_cmpint (plot_figure_get_y_scale (fig), ==, PLOT_SCALE_LOG);
  g_assert_cmpuint (plot_figure_get_n_categories (fig), ==, 10);
  g_assert_cmpstr (plot_figure_get_category (fig, 0), ==, "lin1.weight");
  g_assert_cmpstr (plot_figure_get_category_label (fig, 0), ==, "lin1.w");
  g_assert_cmpstr (plot_figure_get_category_label (fig, 9), ==, "lin5.b");
  g_assert_null (plot_figure_get_category (fig, 10));
  g_assert_cmpuint (plot_figure_get_n_series (fig), ==, 4);

  /* Colours default to the palette in order */
  plot_figure_get_series_color (fig, 2, &c);
  {
    g_autofree char *text = plot_rgba_to_string (&c);

    g_assert_cmpstr (text, ==, "#00cc96");
  }

  /* Values are copied, zeros and non-finite values kept as they are */
  {
    const double odd[] = { 0.0, NAN, INFINITY, -1.0 };
    guint s = plot_figure_add_series (fig, NULL, NULL, odd, 4);

    values = plot_figure_get_series_values (fig, s, &n);
    g_assert_cmpuint (n, ==, 4);
    g_assert_cmpfloat (values[0], ==, 0.0);
    g_assert_true (isnan (values[1]));
    g_assert_true (isinf (values[2]));
    g_assert_cmpfloat (values[3], ==, -1.0);
    g_assert_null (plot_figure_get_series_label (fig, s));
  }

  g_assert_false (plot_figure_get_series_band (fig, 0, NULL, NULL, NULL));
  plot_figure_set_series_band (fig, 0, lo, hi, 3);
  lo[0] = 100;
  g_assert_true (plot_figure_get_series_band (fig, 0, &low, &high, &n));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (low[0], ==, 1.0);
  g_assert_cmpfloat (high[2], ==, 6.0);
  plot_figure_set_series_whiskers (fig, 0, lo, hi, 3);
  g_assert_true (plot_figure_get_series_whiskers (fig, 0, &low, NULL, NULL));
  g_assert_cmpfloat (low[0], ==, 100.0);

  /* A deep copy */
  copy = plot_figure_copy (fig);
  plot_figure_set_title (fig, "changed");
  plot_figure_set_series_visible (fig, 1, FALSE);
  plot_figure_set_series_band (fig, 0, NULL, NULL, 0);
  g_assert_cmpstr (plot_figure_get_title (copy), ==, "Gradient Norms Across Layers");
  g_assert_true (plot_figure_get_series_visible (copy, 1));
  g_assert_false (plot_figure_get_series_visible (fig, 1));
  g_assert_true (plot_figure_get_series_band (copy, 0, NULL, NULL, NULL));
  g_assert_false (plot_figure_get_series_band (fig, 0, NULL, NULL, NULL));
  g_assert_cmpstr (plot_figure_get_series_legend_suffix (copy, 0), ==, "×0.30 per layer");

  /* References and the boxed type */
  g_assert_true (G_TYPE_IS_BOXED (PLOT_TYPE_FIGURE));
  {
    PlotFigure *ref = plot_figure_ref (fig);

    g_assert_true (ref == fig);
    plot_figure_unref (ref);
  }
  {
    PlotFigure *boxed = g_boxed_copy (PLOT_TYPE_FIGURE, fig);

    g_assert_true (boxed == fig);
    g_boxed_free (PLOT_TYPE_FIGURE, boxed);
  }

  plot_figure_remove_all_series (fig);
  g_assert_cmpuint (plot_figure_get_n_series (fig), ==, 0);
}

static void
test_off_axis_note (void)
{
  g_autoptr(PlotFigure) fig = plot_test_nonfinite_figure ();
  g_autoptr(PlotFigure) healthy = plot_test_notebook_figure ();
  g_autofree char *note = plot_figure_dup_off_axis_note (fig);
  g_autofree char *none = plot_figure_dup_off_axis_note (healthy);
  g_autofree char *linear_note = NULL;
  g_autofree char *hidden_note = NULL;

  g_assert_null (none);
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "Not on the log axis"));
  g_assert_nonnull (strstr (note, "Broken run: lin1.w = 0 (underflow), lin1.b = 0 (underflow)"));
  g_assert_nonnull (strstr (note, "lin2.b = -0.001 (negative)"));
  g_assert_nonnull (strstr (note, "lin3.b = +inf (overflow)"));
  g_assert_nonnull (strstr (note, "lin4.b = NaN"));
  g_assert_nonnull (strstr (note, "▽ zero"));
  g_assert_nonnull (strstr (note, "× NaN"));
  g_assert_null (strstr (note, "Vanilla"));

  /* A series can name why its zeros are zero (a dead network, not an underflow);
   * copies keep it */
  {
    g_autoptr(PlotFigure) dead = plot_test_nonfinite_figure ();
    g_autoptr(PlotFigure) copy = NULL;
    g_autofree char *dead_note = NULL;
    g_autofree char *copy_note = NULL;

    g_assert_null (plot_figure_get_series_zero_cause (dead, 1));
    plot_figure_set_series_zero_cause (dead, 1, "no signal: dead units");
    g_assert_cmpstr (plot_figure_get_series_zero_cause (dead, 1), ==, "no signal: dead units");
    copy = plot_figure_copy (dead);
    dead_note = plot_figure_dup_off_axis_note (dead);
    copy_note = plot_figure_dup_off_axis_note (copy);
    g_assert_nonnull (strstr (dead_note, "lin1.w = 0 (no signal: dead units), lin1.b = 0 (no signal: dead units)"));
    g_assert_null (strstr (dead_note, "underflow"));
    g_assert_cmpstr (dead_note, ==, copy_note);
  }

  /* On a linear axis zero and negative values are on the axis; inf and NaN are not */
  plot_figure_set_y_scale (fig, PLOT_SCALE_LINEAR);
  linear_note = plot_figure_dup_off_axis_note (fig);
  g_assert_nonnull (linear_note);
  g_assert_null (strstr (linear_note, "underflow"));
  g_assert_nonnull (strstr (linear_note, "lin3.b = +inf"));

  /* Hidden series are not described */
  plot_figure_set_series_visible (fig, 1, FALSE);
  hidden_note = plot_figure_dup_off_axis_note (fig);
  g_assert_null (hidden_note);

  /* Many values of one kind are summarised by their number and range */
  {
    g_autoptr(PlotFigure) many = plot_figure_new ();
    g_autofree char *long_note = NULL;
    double nans[100];
    guint i;

    for (i = 0; i < 100; i++)
      nans[i] = NAN;
    plot_figure_add_series (many, "all NaN", NULL, nans, 100);
    long_note = plot_figure_dup_off_axis_note (many);
    g_assert_cmpstr (long_note, ==, "Not on the log axis, marked at its edge (× NaN): "
                                    "all NaN: 100 values are NaN, from 1 to 100");
  }

  /* A 1000-layer network whose first 40 parameters underflow, with an
   * infinite and a NaN one: one entry per kind, in the order they come,
   * the zeros' cause named once; a shallow run beside it keeps its list */
  {
    g_autoptr(PlotFigure) deep = plot_figure_new ();
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    g_autofree double *values = g_new (double, 2000);
    g_autofree char *deep_note = NULL;
    double shallow[4] = { 0.0, 0.0, 1e-3, 2e-3 };
    guint series;

    for (guint i = 0; i < 2000; i++)
      {
        g_ptr_array_add (names, g_strdup_printf ("lin%u.%s", i / 2 + 1, i % 2 == 0 ? "w" : "b"));
        values[i] = i < 40 ? 0.0 : 1e-5;
      }
    values[1500] = INFINITY;
    values[1999] = NAN;
    plot_figure_set_categories (deep, (const char * const *) names->pdata, names->len);
    series = plot_figure_add_series (deep, "Deep sigmoid", NULL, values, 2000);
    plot_figure_add_series (deep, "Shallow", NULL, shallow, 4);
    plot_figure_set_series_zero_cause (deep, series, "underflow");
    deep_note = plot_figure_dup_off_axis_note (deep);
    g_assert_cmpstr (deep_note, ==, "Not on the log axis, marked at its edge (▽ zero, △ +inf, × NaN): "
                                    "Deep sigmoid: 40 values are 0 (underflow), from lin1.w to lin20.b, "
                                    "lin751.w = +inf (overflow), lin1000.b = NaN; "
                                    "Shallow: lin1.w = 0 (underflow), lin1.b = 0 (underflow)");
  }

  {
    g_autofree char *a = plot_format_value (NAN);
    g_autofree char *b = plot_format_value (-INFINITY);
    g_autofree char *c = plot_format_value (1.8628388716024347e-05);

    g_assert_cmpstr (a, ==, "NaN");
    g_assert_cmpstr (b, ==, "-inf");
    g_assert_cmpstr (c, ==, "1.86284e-05");
  }
}

static void
test_layout_mapping (void)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  PlotLayout layout;
  double px, py;

  plot_layout_compute (&layout, fig, W, H);
  g_assert_true (layout.has_data);
  g_assert_cmpuint (layout.n_categories, ==, 10);
  g_assert_cmpfloat_with_epsilon (layout.y_min, 1e-5, 1e-20);
  g_assert_cmpfloat_with_epsilon (layout.y_max, 1.0, 1e-15);
  g_assert_cmpfloat (layout.x_min, <, 0.0);
  g_assert_cmpfloat (layout.x_max, >, 9.0);

  /* The data area sits inside the figure, left of the legend */
  g_assert_cmpfloat (layout.area.x, >, 0);
  g_assert_cmpfloat (layout.area.y, >, 0);
  g_assert_cmpfloat (layout.area.x + layout.area.width, <, layout.legend.x);
  g_assert_cmpfloat (layout.legend.x + layout.legend.width, <=, W);
  g_assert_cmpfloat (layout.area.y + layout.area.height, <, H);
  g_assert_cmpuint (layout.legend_n_rows, ==, 4);
  g_assert_cmpuint (layout.legend_n_entries, ==, 4);

  /* Range ends map to area edges; the round trip is exact */
  g_assert_cmpfloat_with_epsilon (plot_layout_y_to_pixel (&layout, 1.0), layout.area.y, 1e-9);
  g_assert_cmpfloat_with_epsilon (plot_layout_y_to_pixel (&layout, 1e-5),
                                  layout.area.y + layout.area.height, 1e-9);
  g_assert_cmpfloat_with_epsilon (plot_layout_y_to_pixel (&layout, 1e-3),
                                  layout.area.y + 0.6 * layout.area.height, 1e-9);
  py = plot_layout_y_to_pixel (&layout, 0.0123);
  g_assert_cmpfloat_with_epsilon (plot_layout_pixel_to_y (&layout, py), 0.0123, 1e-12);
  px = plot_layout_x_to_pixel (&layout, 3.0);
  g_assert_cmpfloat_with_epsilon (plot_layout_pixel_to_x (&layout, px), 3.0, 1e-12);
  g_assert_true (isnan (plot_layout_y_to_pixel (&layout, 0.0)));

  /* Point positions agree with the mapping */
  g_assert_true (plot_layout_point_position (&layout, fig, 1, 4, &px, &py));
  g_assert_cmpfloat_with_epsilon (px, plot_layout_x_to_pixel (&layout, 4), 1e-9);
  g_assert_cmpfloat_with_epsilon (py, plot_layout_y_to_pixel (&layout, plot_test_notebook[1][4]),
                                  1e-9);
  g_assert_false (plot_layout_point_position (&layout, fig, 1, 10, &px, &py));
  g_assert_false (plot_layout_point_position (&layout, fig, 7, 0, &px, &py));
  plot_figure_set_series_visible (fig, 1, FALSE);
  g_assert_false (plot_layout_point_position (&layout, fig, 1, 4, &px, &py));

  /* Sizes scale with the figure */
  {
    PlotLayout big;

    plot_layout_compute (&big, fig, 1600, 900);
    g_assert_cmpfloat (big.em, >, 1.5 * layout.em);
    g_assert_cmpfloat (big.marker_size, >, layout.marker_size);
  }
}

/* The automatic ranges follow the visible series: hiding the long one fits the x axis to
 * the short one; the minimum font size is a floor under the size's own. */
static void
test_layout_visible_and_font (void)
{
  g_autoptr(PlotFigure) fig = plot_figure_new ();
  PlotRgba color = { 0.4, 0.4, 0.9, 1.0 };
  double long_values[24], short_values[4] = { 0.1, 0.2, 0.3, 0.4 };
  PlotLayout all, shown, small, floored;

  for (guint i = 0; i < G_N_ELEMENTS (long_values); i++)
    long_values[i] = pow (10.0, -(double) i);
  plot_figure_add_series (fig, "long", &color, long_values, G_N_ELEMENTS (long_values));
  plot_figure_add_series (fig, "short", &color, short_values, G_N_ELEMENTS (short_values));
  plot_layout_compute (&all, fig, W, H);
  g_assert_cmpfloat (all.x_max, >, 23);
  g_assert_cmpfloat (all.y_min, <=, 1e-23);

  plot_figure_set_series_visible (fig, 0, FALSE);
  plot_layout_compute (&shown, fig, W, H);
  g_assert_cmpfloat (shown.x_max, >, 3);
  g_assert_cmpfloat (shown.x_max, <, 4);
  g_assert_cmpfloat (shown.y_min, >=, 0.01);
  g_assert_cmpuint (shown.n_categories, ==, 24);   /* the categories stay */

  /* none visible: the whole x range */
  plot_figure_set_series_visible (fig, 1, FALSE);
  plot_layout_compute (&shown, fig, W, H);
  g_assert_cmpfloat (shown.x_max, ==, all.x_max);
  plot_figure_set_series_visible (fig, 0, TRUE);
  plot_figure_set_series_visible (fig, 1, TRUE);

  /* a small figure's text, then with a floor of 13 px */
  plot_layout_compute (&small, fig, 400, 250);
  g_assert_cmpfloat (small.em, <, 13);
  g_assert_cmpfloat (plot_figure_get_min_font_size (fig), ==, 0);
  plot_figure_set_min_font_size (fig, 13);
  plot_layout_compute (&floored, fig, 400, 250);
  g_assert_cmpfloat (floored.em, ==, 13);
  g_assert_cmpfloat (floored.marker_size, >, small.marker_size);
  /* a large figure's own size is above the floor */
  plot_layout_compute (&floored, fig, 1600, 900);
  g_assert_cmpfloat (floored.em, >, 13);
}

/* Zooming keeps the data under the pointer in place, in log space on a log axis; panning
 * moves the data with the pointer; reset returns to automatic. */
static void
test_layout_zoom_pan (void)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  PlotLayout before, after;
  double px, py, x0, y0, vmin, vmax;

  plot_layout_compute (&before, fig, W, H);
  px = before.area.x + 0.3 * before.area.width;
  py = before.area.y + 0.7 * before.area.height;
  x0 = plot_layout_pixel_to_x (&before, px);
  y0 = plot_layout_pixel_to_y (&before, py);

  plot_layout_zoom (&before, fig, px, py, 2.0, 2.0);
  g_assert_true (plot_figure_get_x_view (fig, &vmin, &vmax));
  g_assert_cmpfloat_with_epsilon (vmax - vmin, (before.x_max - before.x_min) / 2, 1e-9);
  g_assert_true (plot_figure_get_y_view (fig, &vmin, &vmax));
  g_assert_cmpfloat_with_epsilon (log10 (vmax / vmin), 2.5, 1e-9);

  plot_layout_compute (&after, fig, W, H);
  g_assert_cmpfloat_with_epsilon (plot_layout_pixel_to_x (&after, px), x0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plot_layout_pixel_to_y (&after, py) / y0, 1.0, 1e-9);

  /* Pan: what was under the pointer follows it */
  x0 = plot_layout_pixel_to_x (&after, px);
  y0 = plot_layout_pixel_to_y (&after, py);
  plot_layout_pan (&after, fig, 37.0, -21.0);
  plot_layout_compute (&before, fig, W, H);
  g_assert_cmpfloat_with_epsilon (plot_layout_pixel_to_x (&before, px + 37.0), x0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plot_layout_pixel_to_y (&before, py - 21.0) / y0, 1.0, 1e-9);

  /* Zoom only x */
  plot_figure_reset_view (fig);
  g_assert_false (plot_figure_get_x_view (fig, NULL, NULL));
  g_assert_false (plot_figure_get_y_view (fig, NULL, NULL));
  plot_layout_compute (&before, fig, W, H);
  plot_layout_zoom (&before, fig, px, py, 1.5, 1.0);
  g_assert_true (plot_figure_get_x_view (fig, NULL, NULL));
  g_assert_false (plot_figure_get_y_view (fig, NULL, NULL));

  /* Extreme zooms stay valid and render */
  {
    int i;

    plot_figure_reset_view (fig);
    for (i = 0; i < 200; i++)
      {
        plot_layout_compute (&before, fig, W, H);
        plot_layout_zoom (&before, fig, px, py, 10.0, 10.0);
      }
    plot_layout_compute (&after, fig, W, H);
    g_assert_true (plot_axis_range_is_valid (PLOT_SCALE_LOG, after.y_min, after.y_max));
    g_assert_cmpfloat (after.x_max - after.x_min, >, 0.0);
    cairo_surface_destroy (plot_test_render (fig, 300, 200));

    for (i = 0; i < 200; i++)
      {
        plot_layout_compute (&before, fig, W, H);
        plot_layout_zoom (&before, fig, px, py, 0.1, 0.1);
        plot_layout_compute (&before, fig, W, H);
        plot_layout_pan (&before, fig, 1e6, -1e6);
      }
    plot_layout_compute (&after, fig, W, H);
    g_assert_true (plot_axis_range_is_valid (PLOT_SCALE_LOG, after.y_min, after.y_max));
    cairo_surface_destroy (plot_test_render (fig, 300, 200));
  }

  /* Changing the y scale drops a y view that means nothing in the other scale */
  plot_figure_set_y_view (fig, 1e-3, 1e-1);
  plot_figure_set_y_scale (fig, PLOT_SCALE_LINEAR);
  g_assert_false (plot_figure_get_y_view (fig, NULL, NULL));
}

static void
test_hit_point (void)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  PlotLayout layout;
  double px, py, value = 0;
  guint series = 99, index = 99;

  plot_layout_compute (&layout, fig, W, H);

  /* Exactly on a marker, and a few pixels off */
  g_assert_true (plot_layout_point_position (&layout, fig, 0, 0, &px, &py));
  g_assert_true (plot_hit_point (fig, W, H, px, py, 6, &series, &index, &value));
  g_assert_cmpuint (series, ==, 0);
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpfloat (value, ==, plot_test_notebook[0][0]);
  g_assert_true (plot_hit_point (fig, W, H, px + 3, py - 3, 6, &series, &index, NULL));
  g_assert_cmpuint (index, ==, 0);

  /* Too far */
  g_assert_false (plot_hit_point (fig, W, H, px + 20, py + 20, 6, &series, &index, &value));
  g_assert_false (plot_hit_point (fig, W, H, 2, 2, 6, NULL, NULL, NULL));

  /* The nearest of several */
  g_assert_true (plot_layout_point_position (&layout, fig, 1, 9, &px, &py));
  g_assert_true (plot_layout_hit_point (&layout, fig, px, py + 1, 40, &series, &index, &value));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpuint (index, ==, 9);
  g_assert_cmpfloat (value, ==, plot_test_notebook[1][9]);

  /* Hidden series are not hit */
  plot_figure_set_series_visible (fig, 1, FALSE);
  plot_layout_compute (&layout, fig, W, H);
  {
    double hx = plot_layout_x_to_pixel (&layout, 9);
    double hy = plot_layout_y_to_pixel (&layout, plot_test_notebook[1][9]);

    g_assert_false (plot_layout_hit_point (&layout, fig, hx, hy, 1.0, &series, &index, NULL));
    plot_figure_set_series_visible (fig, 1, TRUE);
    g_assert_true (plot_layout_hit_point (&layout, fig, hx, hy, 1.0, &series, &index, NULL));
    g_assert_cmpuint (series, ==, 1);
  }
}

/* The edge markers of zero, inf and NaN are hit and report the exact value. */
static void
test_hit_nonfinite (void)
{
  g_autoptr(PlotFigure) fig = plot_test_nonfinite_figure ();
  PlotLayout layout;
  double px, py, value = 1;
  guint series, index;

  plot_layout_compute (&layout, fig, W, H);

  g_assert_true (plot_layout_point_position (&layout, fig, 1, 0, &px, &py));
  g_assert_cmpfloat (py, >, layout.area.y + layout.area.height / 2);
  g_assert_true (plot_hit_point (fig, W, H, px, py, 5, &series, &index, &value));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpfloat (value, ==, 0.0);

  g_assert_true (plot_layout_point_position (&layout, fig, 1, 5, &px, &py));
  g_assert_cmpfloat (py, <, layout.area.y + layout.area.height / 2);
  g_assert_true (plot_hit_point (fig, W, H, px, py, 5, &series, &index, &value));
  g_assert_cmpuint (index, ==, 5);
  g_assert_true (isinf (value) && value > 0);

  g_assert_true (plot_layout_point_position (&layout, fig, 1, 7, &px, &py));
  g_assert_true (plot_hit_point (fig, W, H, px, py, 5, &series, &index, &value));
  g_assert_cmpuint (index, ==, 7);
  g_assert_true (isnan (value));

  g_assert_true (plot_layout_point_position (&layout, fig, 1, 3, &px, &py));
  g_assert_true (plot_hit_point (fig, W, H, px, py, 5, &series, &index, &value));
  g_assert_cmpuint (index, ==, 3);
  g_assert_cmpfloat (value, ==, -1e-3);
}

static void
test_hit_legend (void)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  g_autoptr(PlotFigure) crowded = plot_figure_new ();
  PlotLayout layout;
  double y;
  guint i;

  plot_layout_compute (&layout, fig, W, H);
  for (i = 0; i < 4; i++)
    {
      double right = layout.legend.x + layout.legend.width - 2;

      y = layout.legend.y + (i + 0.5) * layout.legend_row_height;
      g_assert_cmpint (plot_hit_legend (fig, W, H, layout.legend.x + 2, y), ==, (int) i);
      g_assert_cmpint (plot_hit_legend (fig, W, H, right, y), ==, (int) i);
    }
  /* Hidden entries can still be clicked to show them again */
  plot_figure_set_series_visible (fig, 2, FALSE);
  y = layout.legend.y + 2.5 * layout.legend_row_height;
  g_assert_cmpint (plot_hit_legend (fig, W, H, layout.legend.x + 5, y), ==, 2);

  g_assert_cmpint (plot_hit_legend (fig, W, H, layout.legend.x - 5, y), ==, -1);
  g_assert_cmpint (plot_hit_legend (fig, W, H, layout.legend.x + 5,
                                    layout.legend.y + layout.legend.height + 1), ==, -1);
  g_assert_cmpint (plot_hit_legend (fig, W, H, layout.area.x + 10, layout.area.y + 10), ==, -1);

  /* More series than rows: the last row is "+N more", not a series */
  for (i = 0; i < 60; i++)
    {
      const double v[] = { 1e-3 * (i + 1), 2e-3 };

      plot_figure_add_series (crowded, NULL, NULL, v, 2);
    }
  plot_layout_compute (&layout, crowded, 600, 300);
  g_assert_cmpuint (layout.legend_n_rows, <, 60);
  g_assert_cmpuint (layout.legend_n_entries, ==, layout.legend_n_rows - 1);
  y = layout.legend.y + (layout.legend_n_rows - 0.5) * layout.legend_row_height;
  g_assert_cmpint (plot_hit_legend (crowded, 600, 300, layout.legend.x + 5, y), ==, -1);
  y = layout.legend.y + (layout.legend_n_rows - 1.5) * layout.legend_row_height;
  g_assert_cmpint (plot_hit_legend (crowded, 600, 300, layout.legend.x + 5, y), ==,
                   (int) layout.legend_n_entries - 1);
}

static PlotFigure *
preset_like_figure (void)
{
  /* data/presets/notebook.json: its labels and decay suffixes */
  static const char *const labels[4] = {
    "Vanilla Sigmoid Network", "Leaky ReLU Network", "Sigmoid with He Initialization",
    "Leaky ReLU with Xavier Initialization",
  };
  static const char *const suffixes[4] = {
    "×0.10 per layer", "×0.70 per layer", "×0.19 per layer", "×1.35 per layer",
  };
  PlotFigure *fig = plot_test_notebook_figure ();
  guint i;

  plot_figure_remove_all_series (fig);
  for (i = 0; i < 4; i++)
    {
      plot_figure_add_series (fig, labels[i], NULL, plot_test_notebook[i], 10);
      plot_figure_set_series_legend_suffix (fig, i, suffixes[i]);
    }
  return fig;
}

/* Checks that every legend entry hit-tests as its series over its whole rectangle, and that
 * the rectangles tile the legend box row by row. */
static void
check_legend_hits (const PlotFigure *fig,
                   double            width,
                   double            height)
{
  PlotLayout layout;
  guint i;

  plot_layout_compute (&layout, fig, width, height);
  g_assert_cmpuint (layout.legend_n_columns, >=, 1);
  g_assert_cmpfloat (layout.legend.x, >=, 0);
  g_assert_cmpfloat (layout.legend.y, >=, 0);
  g_assert_cmpfloat (layout.legend.x + layout.legend.width, <=, width);
  g_assert_cmpfloat (layout.legend.y + layout.legend.height, <=, height);
  for (i = 0; i < layout.legend_n_entries; i++)
    {
      PlotRect b;
      double inset = 0.5;

      g_assert_true (plot_layout_legend_entry (&layout, i, &b));
      g_assert_cmpfloat_with_epsilon (b.y, layout.legend.y + (i / layout.legend_n_columns)
                                      * layout.legend_row_height, 1e-9);
      g_assert_cmpint (plot_hit_legend (fig, width, height, b.x + inset, b.y + inset), ==, (int) i);
      g_assert_cmpint (plot_hit_legend (fig, width, height, b.x + b.width - inset, b.y + inset), ==,
                       (int) i);
      g_assert_cmpint (plot_hit_legend (fig, width, height, b.x + b.width / 2,
                                        b.y + b.height - inset), ==, (int) i);
    }
  g_assert_false (plot_layout_legend_entry (&layout, layout.legend_n_entries, &(PlotRect) { 0 }));
  g_assert_cmpint (plot_hit_legend (fig, width, height, layout.area.x + layout.area.width / 2,
                                    layout.area.y + layout.area.height / 2), ==, -1);
}

/* The notebook preset's labels with their decay suffixes: the suffix on a second line under
 * the label, so every entry fits beside the data area, whole, at the usual sizes. */
static void
test_legend_suffix (void)
{
  g_autoptr(PlotFigure) fig = preset_like_figure ();
  const double sizes[][2] = { { 1280, 720 }, { 1600, 900 }, { 800, 450 }, { 2400, 1350 },
                              { 640, 400 }, { 1000, 1000 } };
  guint k;

  for (k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      PlotLayout layout;

      plot_layout_compute (&layout, fig, sizes[k][0], sizes[k][1]);
      g_test_message ("%gx%g: legend %g,%g %gx%g", sizes[k][0], sizes[k][1], layout.legend.x,
                      layout.legend.y, layout.legend.width, layout.legend.height);
      g_assert_false (layout.legend_below);
      g_assert_false (layout.legend_truncated);
      g_assert_cmpuint (layout.legend_n_entries, ==, 4);
      g_assert_cmpuint (layout.legend_n_rows, ==, 4);
      g_assert_cmpuint (layout.legend_n_columns, ==, 1);
      /* two lines an entry */
      g_assert_cmpfloat (layout.legend_row_height, >, 2.0 * layout.em);
      g_assert_cmpfloat (layout.area.x + layout.area.width, <, layout.legend.x);
      g_assert_cmpfloat (layout.area.width, >=, 0.55 * sizes[k][0] - 1e-9);
      check_legend_hits (fig, sizes[k][0], sizes[k][1]);
    }

  /* Without any suffix, entries stay one line */
  {
    g_autoptr(PlotFigure) plain = plot_test_nonfinite_figure ();
    PlotLayout layout;

    plot_layout_compute (&layout, plain, 800, 450);
    g_assert_cmpfloat_with_epsilon (layout.legend_row_height, 1.6 * layout.em, 1e-9);
  }
}

/* Entries too wide to sit beside the data area go below it, whole, in columns when they
 * fit; cut short with "…" only at tiny sizes, where the entries still hit-test. */
static void
test_legend_below (void)
{
  g_autoptr(PlotFigure) long_labels = plot_test_long_labels_figure ();
  g_autoptr(PlotFigure) preset = preset_like_figure ();
  PlotLayout layout;
  PlotRect b0, b1;

  plot_layout_compute (&layout, long_labels, 1280, 720);
  g_assert_true (layout.legend_below);
  g_assert_false (layout.legend_truncated);
  g_assert_cmpuint (layout.legend_n_entries, ==, 4);
  g_assert_cmpfloat (layout.legend.y, >, layout.area.y + layout.area.height);
  g_assert_cmpfloat_with_epsilon (layout.legend.x, layout.area.x, 1e-9);
  check_legend_hits (long_labels, 1280, 720);

  /* Several columns: entry 1 right of entry 0, on the same row */
  plot_layout_compute (&layout, preset, 300, 200);
  g_assert_true (layout.legend_below);
  g_assert_false (layout.legend_truncated);
  g_assert_cmpuint (layout.legend_n_entries, ==, 4);
  g_assert_cmpuint (layout.legend_n_columns, >=, 2);
  g_assert_true (plot_layout_legend_entry (&layout, 0, &b0));
  g_assert_true (plot_layout_legend_entry (&layout, 1, &b1));
  g_assert_cmpfloat (b1.x, >=, b0.x + b0.width);
  g_assert_cmpfloat (b1.y, ==, b0.y);
  check_legend_hits (preset, 300, 200);

  /* Tiny: cut short, every entry still listed and hit-tested */
  plot_layout_compute (&layout, long_labels, 220, 150);
  g_assert_true (layout.legend_below);
  g_assert_true (layout.legend_truncated);
  g_assert_cmpuint (layout.legend_n_entries, ==, 4);
  check_legend_hits (long_labels, 220, 150);

  /* Hidden series keep their entries */
  plot_figure_set_series_visible (long_labels, 2, FALSE);
  check_legend_hits (long_labels, 1280, 720);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gradlens/plot/palette/plotly", test_palette);
  g_test_add_func ("/gradlens/plot/figure/short-names", test_short_names);
  g_test_add_func ("/gradlens/plot/figure/basics", test_figure_basics);
  g_test_add_func ("/gradlens/plot/figure/off-axis-note", test_off_axis_note);
  g_test_add_func ("/gradlens/plot/layout/mapping", test_layout_mapping);
  g_test_add_func ("/gradlens/plot/layout/zoom-pan", test_layout_zoom_pan);
  g_test_add_func ("/gradlens/plot/layout/visible-and-font", test_layout_visible_and_font);
  g_test_add_func ("/gradlens/plot/hit/point", test_hit_point);
  g_test_add_func ("/gradlens/plot/hit/nonfinite", test_hit_nonfinite);
  g_test_add_func ("/gradlens/plot/hit/legend", test_hit_legend);
  g_test_add_func ("/gradlens/plot/layout/legend-suffix", test_legend_suffix);
  g_test_add_func ("/gradlens/plot/layout/legend-below", test_legend_below);

  return g_test_run ();
}
