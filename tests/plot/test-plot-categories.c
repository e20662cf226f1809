/* test-plot-categories.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Series placed by category name (figure-names.c): a plain run and a run with
 * norm layers share one x axis, each value at its parameter's name, with a
 * gap where a run has no such parameter; a gap draws nothing, is never hit
 * and never named in the off-axis note, and the line passes it by. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "plot-test-util.h"

#define W 900
#define H 560

static const char *const plain_names[] = {
  "lin1.weight", "lin1.bias", "lin2.weight", "lin2.bias", "lin3.weight", "lin3.bias",
};
static const double plain_values[] = { 1e-6, 2e-6, 1e-4, 2e-4, 1e-2, 2e-2 };

static const char *const norm_names[] = {
  "lin1.weight", "lin1.bias", "norm1.weight", "norm1.bias", "lin2.weight", "lin2.bias",
  "norm2.weight", "norm2.bias", "lin3.weight", "lin3.bias",
};
static const double norm_values[] = { 0.5, 1e-9, 0.3, 0.4, 0.6, 1e-9, 0.35, 0.45, 0.7, 0.8 };

/* a series of values at names, as gradlens_figure_add_result() adds a run */
static guint
add_named (PlotFigure         *fig,
           const char         *label,
           guint               color,
           const char *const  *names,
           const double       *values,
           gsize               n)
{
  g_autofree guint *slots = plot_figure_merge_categories (fig, names, n);
  guint n_slots = plot_figure_get_n_categories (fig);
  g_autofree double *placed = g_new (double, n_slots);
  g_autofree gboolean *gaps = g_new (gboolean, n_slots);
  PlotRgba rgba;
  guint series;

  for (guint i = 0; i < n_slots; i++)
    {
      placed[i] = NAN;
      gaps[i] = TRUE;
    }
  for (gsize i = 0; i < n; i++)
    {
      placed[slots[i]] = values[i];
      gaps[slots[i]] = FALSE;
    }
  plot_palette_color (color, &rgba);
  series = plot_figure_add_series (fig, label, &rgba, placed, n_slots);
  plot_figure_set_series_gaps (fig, series, gaps, n_slots);
  return series;
}

static int
category_index (const PlotFigure *fig,
                const char       *name)
{
  for (guint i = 0; i < plot_figure_get_n_categories (fig); i++)
    if (g_str_equal (plot_figure_get_category (fig, i), name))
      return (int) i;
  return -1;
}

/* every value of both series sits at its own name, whichever came first */
static void
check_aligned (PlotFigure *fig,
               guint       plain,
               guint       normed)
{
  const double *values;
  gsize n = 0;

  g_assert_cmpuint (plot_figure_get_n_categories (fig), ==, G_N_ELEMENTS (norm_names));
  for (guint i = 0; i < G_N_ELEMENTS (norm_names); i++)
    g_assert_cmpstr (plot_figure_get_category (fig, i), ==, norm_names[i]);

  values = plot_figure_get_series_values (fig, plain, &n);
  for (guint i = 0; i < G_N_ELEMENTS (plain_names); i++)
    {
      int at = category_index (fig, plain_names[i]);

      g_assert_cmpint (at, >=, 0);
      g_assert_cmpuint ((gsize) at, <, n);
      g_assert_cmpfloat (values[at], ==, plain_values[i]);
      g_assert_false (plot_figure_get_series_gap (fig, plain, (guint) at));
    }
  /* the plain run has no norm parameters: gaps there */
  for (guint i = 0; i < G_N_ELEMENTS (norm_names); i++)
    if (g_str_has_prefix (norm_names[i], "norm"))
      g_assert_true (plot_figure_get_series_gap (fig, plain, i));

  values = plot_figure_get_series_values (fig, normed, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (norm_names));
  for (guint i = 0; i < G_N_ELEMENTS (norm_names); i++)
    {
      g_assert_cmpfloat (values[i], ==, norm_values[i]);
      g_assert_false (plot_figure_get_series_gap (fig, normed, i));
    }
}

static void
test_plain_first (void)
{
  g_autoptr(PlotFigure) fig = plot_figure_new ();
  guint plain = add_named (fig, "Plain", 0, plain_names, plain_values, G_N_ELEMENTS (plain_names));
  guint normed;

  /* the norm categories are inserted after their Linear, and the plain
   * series already there moves with its names */
  normed = add_named (fig, "Batch norm", 1, norm_names, norm_values, G_N_ELEMENTS (norm_names));
  check_aligned (fig, plain, normed);
}

static void
test_norm_first (void)
{
  g_autoptr(PlotFigure) fig = plot_figure_new ();
  guint normed = add_named (fig, "Batch norm", 1, norm_names, norm_values, G_N_ELEMENTS (norm_names));
  guint plain = add_named (fig, "Plain", 0, plain_names, plain_values, G_N_ELEMENTS (plain_names));

  check_aligned (fig, plain, normed);
  /* a copy keeps the gaps */
  {
    g_autoptr(PlotFigure) copy = plot_figure_copy (fig);

    check_aligned (copy, plain, normed);
  }
}

/* a deeper run's categories come after the shallower run's */
static void
test_deeper (void)
{
  static const char *const deep[] = { "1", "2", "3", "4", "5" };
  static const char *const shallow[] = { "1", "2", "3" };
  static const double deep_values[] = { 1, 2, 3, 4, 5 };
  static const double shallow_values[] = { 10, 20, 30 };
  g_autoptr(PlotFigure) fig = plot_figure_new ();

  add_named (fig, "Shallow", 0, shallow, shallow_values, 3);
  add_named (fig, "Deep", 1, deep, deep_values, 5);
  g_assert_cmpuint (plot_figure_get_n_categories (fig), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (plot_figure_get_category (fig, i), ==, deep[i]);
  g_assert_cmpfloat (plot_figure_get_series_values (fig, 0, NULL)[2], ==, 30);
  g_assert_cmpfloat (plot_figure_get_series_values (fig, 1, NULL)[4], ==, 5);
}

/* drawn: the plain run's lin3.weight marker is at lin3.weight's x (not at
 * norm2.weight's, where the bug put it), nothing of it at a gap, and its line
 * passes the gaps by; a gap is never hit and never in the note */
static void
test_drawn (void)
{
  g_autoptr(PlotFigure) fig = plot_figure_new ();
  guint normed = add_named (fig, "Batch norm", 1, norm_names, norm_values, G_N_ELEMENTS (norm_names));
  guint plain = add_named (fig, "Plain", 0, plain_names, plain_values, G_N_ELEMENTS (plain_names));
  cairo_surface_t *surface;
  PlotLayout layout;
  PlotRgba blue;
  double px, py, gx, gy, bx, by, ax, ay;
  int lin3 = category_index (fig, "lin3.weight");
  int norm2 = category_index (fig, "norm2.weight");
  guint series = 99, index = 99;
  double value;
  g_autofree char *note = NULL;

  plot_figure_set_y_scale (fig, PLOT_SCALE_LOG);
  plot_layout_compute (&layout, fig, W, H);
  plot_palette_color (0, &blue);
  surface = plot_test_render (fig, W, H);

  g_assert_true (plot_layout_point_position (&layout, fig, plain, (guint) lin3, &px, &py));
  g_assert_cmpfloat (fabs (px - plot_layout_x_to_pixel (&layout, lin3)), <, 0.5);
  g_assert_cmpfloat (fabs (py - plot_layout_y_to_pixel (&layout, 1e-2)), <, 0.5);
  g_assert_true (plot_test_color_near (surface, px, py, 2, &blue, 40));
  /* at a gap: no position, no marker where its NaN would go (the top edge) */
  g_assert_false (plot_layout_point_position (&layout, fig, plain, (guint) norm2, &gx, &gy));
  gx = plot_layout_x_to_pixel (&layout, norm2);
  gy = layout.area.y + 4;
  g_assert_false (plot_test_color_near (surface, gx, gy, 6, &blue, 60));
  /* the line joins lin2.bias and lin3.weight across the two gaps: blue
   * halfway between them */
  g_assert_true (plot_layout_point_position (&layout, fig, plain, (guint) category_index (fig, "lin2.bias"), &bx, &by));
  ax = (bx + px) / 2;
  ay = (by + py) / 2;
  g_assert_true (plot_test_color_near (surface, ax, ay, 2, &blue, 60));
  /* the pointer on the gap finds no point of the plain run */
  if (plot_layout_hit_point (&layout, fig, gx, gy, 6, &series, &index, &value))
    g_assert_false (series == plain && index == (guint) norm2);
  /* every value is on the axis: no note, the gaps' NaN are not values */
  note = plot_figure_dup_off_axis_note (fig);
  g_assert_null (note);
  g_assert_cmpuint (normed, !=, plain);
  cairo_surface_destroy (surface);
}

static const struct
{
  const char *path;
  GTestFunc   func;
} tests[] = {
  { "/plot/categories/plain-first", test_plain_first },
  { "/plot/categories/norm-first", test_norm_first },
  { "/plot/categories/deeper", test_deeper },
  { "/plot/categories/drawn", test_drawn },
};

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add_func (tests[i].path, tests[i].func);
  return g_test_run ();
}
