/* test-plot-axis.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "plot.h"

static guint
count_ticks (GArray   *ticks,
             gboolean  major)
{
  guint i, n = 0;

  for (i = 0; i < ticks->len; i++)
    if (g_array_index (ticks, PlotTick, i).major == major)
      n++;
  return n;
}

static const PlotTick *
find_tick (GArray *ticks,
           double  value)
{
  guint i;

  for (i = 0; i < ticks->len; i++)
    {
      const PlotTick *t = &g_array_index (ticks, PlotTick, i);

      if (fabs (t->value - value) <= fabs (value) * 1e-12)
        return t;
    }
  return NULL;
}

/* The notebook's norms span 1.86e-5 .. 0.44: the axis shows 1e-5 .. 1, a labelled tick
 * at each power of ten with a superscript exponent. */
static void
test_log_decades (void)
{
  const double values[] = { 1.8628388716024347e-05, 3.066662611672655e-05, 0.3425194323062897,
                            0.4393619894981384 };
  g_autoptr(GArray) ticks = NULL;
  double min, max;
  int k;

  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LOG, values, G_N_ELEMENTS (values), &min, &max));
  g_assert_cmpfloat_with_epsilon (min, 1e-5, 1e-20);
  g_assert_cmpfloat_with_epsilon (max, 1.0, 1e-15);

  ticks = plot_axis_ticks (PLOT_SCALE_LOG, min, max, 500, 20);
  g_assert_cmpuint (count_ticks (ticks, TRUE), ==, 6);
  for (k = -5; k <= 0; k++)
    {
      const PlotTick *t = find_tick (ticks, pow (10, k));
      g_autofree char *expected = NULL;

      g_assert_nonnull (t);
      g_assert_true (t->major);
      if (k < 0)
        expected = g_strdup_printf ("10<sup>\xe2\x88\x92%d</sup>", -k);
      else
        expected = g_strdup_printf ("10<sup>%d</sup>", k);
      g_assert_cmpstr (t->markup, ==, expected);
    }
  g_assert_cmpstr (find_tick (ticks, 1e-5)->markup, ==, "10<sup>−5</sup>");
}

/* Minor ticks at 2..9 × each decade, unlabelled, only when there is room for them. */
static void
test_log_minor (void)
{
  g_autoptr(GArray) ticks = plot_axis_ticks (PLOT_SCALE_LOG, 1e-3, 1.0, 300, 20);
  g_autoptr(GArray) crowded = NULL;
  int k, m;

  /* 3 decades of 100 px: 4 major, 3 × 8 minor */
  g_assert_cmpuint (count_ticks (ticks, TRUE), ==, 4);
  g_assert_cmpuint (count_ticks (ticks, FALSE), ==, 24);
  for (k = -3; k < 0; k++)
    for (m = 2; m <= 9; m++)
      {
        const PlotTick *t = find_tick (ticks, m * pow (10, k));

        g_assert_nonnull (t);
        g_assert_false (t->major);
        g_assert_null (t->markup);
      }
  g_assert_null (find_tick (ticks, 2.0));

  /* 3 decades in 60 px: a decade is 20 px, under PLOT_AXIS_MINOR_MIN_DECADE */
  crowded = plot_axis_ticks (PLOT_SCALE_LOG, 1e-3, 1.0, 60, 20);
  g_assert_cmpuint (count_ticks (crowded, TRUE), ==, 4);
  g_assert_cmpuint (count_ticks (crowded, FALSE), ==, 0);
}

/* Automatic ranges are padded out to whole decades, never cut inside one. */
static void
test_log_padding (void)
{
  const double exact[] = { 1e-4, 1e-1 };
  const double inside[] = { 1.5e-4, 9.9e-2 };
  const double tiny[] = { 4.9406564584124654e-324, 1e-300 };
  const double huge[] = { 1e300, DBL_MAX };
  double min, max;

  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LOG, exact, 2, &min, &max));
  g_assert_cmpfloat_with_epsilon (min, 1e-4, 1e-19);
  g_assert_cmpfloat_with_epsilon (max, 1e-1, 1e-16);

  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LOG, inside, 2, &min, &max));
  g_assert_cmpfloat_with_epsilon (min, 1e-4, 1e-19);
  g_assert_cmpfloat_with_epsilon (max, 1e-1, 1e-16);

  /* The extremes of a double stay representable and valid */
  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LOG, tiny, 2, &min, &max));
  g_assert_true (plot_axis_range_is_valid (PLOT_SCALE_LOG, min, max));
  g_assert_cmpfloat (min, <=, tiny[0]);
  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LOG, huge, 2, &min, &max));
  g_assert_true (plot_axis_range_is_valid (PLOT_SCALE_LOG, min, max));
  g_assert_cmpfloat (max, >=, 1e308);
}

/* One value, or all values equal: padded by one decade on each side. */
static void
test_log_degenerate (void)
{
  const double one[] = { 1e-3 };
  const double equal[] = { 0.003, 0.003, 0.003 };
  g_autoptr(GArray) ticks = NULL;
  double min, max;

  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LOG, one, 1, &min, &max));
  g_assert_cmpfloat_with_epsilon (min, 1e-4, 1e-19);
  g_assert_cmpfloat_with_epsilon (max, 1e-2, 1e-17);

  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LOG, equal, 3, &min, &max));
  g_assert_cmpfloat (min, <, 0.003 / 5);
  g_assert_cmpfloat (max, >, 0.003 * 5);
  g_assert_cmpfloat_with_epsilon (log10 (min), round (log10 (min)), 1e-12);
  g_assert_cmpfloat_with_epsilon (log10 (max), round (log10 (max)), 1e-12);

  ticks = plot_axis_ticks (PLOT_SCALE_LOG, min, max, 400, 20);
  g_assert_cmpuint (count_ticks (ticks, TRUE), >=, 2);
}

/* Zero, negative, infinite and NaN values are kept out of the range and classified. */
static void
test_log_nonfinite (void)
{
  const double mixed[] = { 0.0, -1.0, INFINITY, -INFINITY, NAN, 2e-3, 5e-2 };
  const double none[] = { 0.0, -0.0, NAN, INFINITY, -5.0 };
  double min, max;

  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LOG, mixed, G_N_ELEMENTS (mixed), &min, &max));
  g_assert_cmpfloat_with_epsilon (min, 1e-3, 1e-18);
  g_assert_cmpfloat_with_epsilon (max, 1e-1, 1e-16);

  /* Nothing on the axis: FALSE, but still a valid range to draw empty axes with */
  g_assert_false (plot_axis_auto_range (PLOT_SCALE_LOG, none, G_N_ELEMENTS (none), &min, &max));
  g_assert_true (plot_axis_range_is_valid (PLOT_SCALE_LOG, min, max));
  g_assert_false (plot_axis_auto_range (PLOT_SCALE_LOG, NULL, 0, &min, &max));
  g_assert_true (plot_axis_range_is_valid (PLOT_SCALE_LOG, min, max));

  g_assert_cmpint (plot_axis_classify (PLOT_SCALE_LOG, 0.0), ==, PLOT_VALUE_ZERO);
  g_assert_cmpint (plot_axis_classify (PLOT_SCALE_LOG, -0.0), ==, PLOT_VALUE_ZERO);
  g_assert_cmpint (plot_axis_classify (PLOT_SCALE_LOG, -1e-9), ==, PLOT_VALUE_NEGATIVE);
  g_assert_cmpint (plot_axis_classify (PLOT_SCALE_LOG, INFINITY), ==, PLOT_VALUE_POS_INF);
  g_assert_cmpint (plot_axis_classify (PLOT_SCALE_LOG, -INFINITY), ==, PLOT_VALUE_NEG_INF);
  g_assert_cmpint (plot_axis_classify (PLOT_SCALE_LOG, NAN), ==, PLOT_VALUE_NAN);
  g_assert_cmpint (plot_axis_classify (PLOT_SCALE_LOG, DBL_TRUE_MIN), ==, PLOT_VALUE_ON_AXIS);
  g_assert_cmpint (plot_axis_classify (PLOT_SCALE_LINEAR, 0.0), ==, PLOT_VALUE_ON_AXIS);
  g_assert_cmpint (plot_axis_classify (PLOT_SCALE_LINEAR, -3.0), ==, PLOT_VALUE_ON_AXIS);
  g_assert_cmpint (plot_axis_classify (PLOT_SCALE_LINEAR, NAN), ==, PLOT_VALUE_NAN);

  g_assert_true (isnan (plot_axis_normalize (PLOT_SCALE_LOG, 1e-3, 1, 0.0)));
  g_assert_true (isnan (plot_axis_normalize (PLOT_SCALE_LOG, 1e-3, 1, -1.0)));

  /* Invalid ranges give no ticks rather than garbage */
  g_assert_false (plot_axis_range_is_valid (PLOT_SCALE_LOG, 0.0, 1.0));
  g_assert_false (plot_axis_range_is_valid (PLOT_SCALE_LOG, 1.0, 1.0));
  g_assert_false (plot_axis_range_is_valid (PLOT_SCALE_LINEAR, NAN, 1.0));
  g_assert_false (plot_axis_range_is_valid (PLOT_SCALE_LINEAR, -DBL_MAX, DBL_MAX));
  {
    g_autoptr(GArray) ticks = plot_axis_ticks (PLOT_SCALE_LOG, 0.0, 1.0, 100, 10);
    g_autoptr(GArray) ticks2 = plot_axis_ticks (PLOT_SCALE_LOG, 1e-3, 1.0, NAN, 10);

    g_assert_cmpuint (ticks->len, ==, 0);
    g_assert_cmpuint (ticks2->len, ==, 0);
  }
}

/* Hundreds of decades in a short axis: every n-th decade labelled, evenly. */
static void
test_log_thinning (void)
{
  g_autoptr(GArray) ticks = plot_axis_ticks (PLOT_SCALE_LOG, 1e-300, 1e300, 300, 20);
  guint n_major = count_ticks (ticks, TRUE);
  guint i;

  g_assert_cmpuint (n_major, >=, 2);
  g_assert_cmpuint (n_major, <=, 300 / 20 + 1);
  for (i = 0; i < ticks->len; i++)
    {
      const PlotTick *t = &g_array_index (ticks, PlotTick, i);

      if (t->major)
        g_assert_cmpint ((int) lround (log10 (t->value)) % 50, ==, 0);
    }
}

/* Zoomed inside one decade: 1-2-5 labels, and plain ticks inside a factor of 2. */
static void
test_log_subdecade (void)
{
  g_autoptr(GArray) ticks = plot_axis_ticks (PLOT_SCALE_LOG, 1.5e-3, 9e-3, 400, 20);
  g_autoptr(GArray) narrow = plot_axis_ticks (PLOT_SCALE_LOG, 2.1e-3, 2.9e-3, 400, 20);
  guint i;

  g_assert_nonnull (find_tick (ticks, 2e-3));
  g_assert_cmpstr (find_tick (ticks, 2e-3)->markup, ==, "2×10<sup>−3</sup>");
  g_assert_cmpstr (find_tick (ticks, 5e-3)->markup, ==, "5×10<sup>−3</sup>");
  g_assert_false (find_tick (ticks, 3e-3)->major);

  g_assert_cmpuint (count_ticks (narrow, TRUE), >=, 2);
  for (i = 0; i < narrow->len; i++)
    {
      const PlotTick *t = &g_array_index (narrow, PlotTick, i);

      g_assert_cmpfloat (t->value, >=, 2.1e-3 * (1 - 1e-9));
      g_assert_cmpfloat (t->value, <=, 2.9e-3 * (1 + 1e-9));
    }
}

/* Linear axes: a 1, 2 or 5 × 10^k step with enough room between labels. */
static void
test_linear_125 (void)
{
  const double values[] = { 1.86e-5, 0.4394 };
  g_autoptr(GArray) ticks = NULL;
  g_autoptr(GArray) dense = NULL;
  g_autoptr(GArray) neg = NULL;
  double min, max, step;
  guint i;

  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LINEAR, values, 2, &min, &max));
  g_assert_cmpfloat (min, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (max, 0.5, 1e-12);

  ticks = plot_axis_ticks (PLOT_SCALE_LINEAR, 0.0, 0.5, 400, 30);
  g_assert_cmpuint (ticks->len, ==, 11);
  g_assert_cmpstr (g_array_index (ticks, PlotTick, 0).markup, ==, "0.00");
  g_assert_cmpstr (g_array_index (ticks, PlotTick, 2).markup, ==, "0.10");
  g_assert_cmpstr (g_array_index (ticks, PlotTick, 10).markup, ==, "0.50");

  /* 1-2-5 steps, and labels at least min_spacing apart */
  dense = plot_axis_ticks (PLOT_SCALE_LINEAR, 0.0, 7.3, 100, 25);
  g_assert_cmpuint (dense->len, >=, 2);
  step = g_array_index (dense, PlotTick, 1).value - g_array_index (dense, PlotTick, 0).value;
  g_assert_cmpfloat (step / 7.3 * 100, >=, 25);
  {
    double mant = step / pow (10, floor (log10 (step) + 1e-9));

    g_assert_true (fabs (mant - 1) < 1e-9 || fabs (mant - 2) < 1e-9 || fabs (mant - 5) < 1e-9);
  }

  /* Negative values get a typographic minus; 0 is never "-0" */
  neg = plot_axis_ticks (PLOT_SCALE_LINEAR, -1.0, 1.0, 400, 30);
  for (i = 0; i < neg->len; i++)
    {
      const PlotTick *t = &g_array_index (neg, PlotTick, i);

      if (t->value < -1e-12)
        g_assert_true (g_str_has_prefix (t->markup, "−"));
      else
        g_assert_false (strchr (t->markup, '-'));
    }
}

static void
test_linear_degenerate (void)
{
  const double zeros[] = { 0.0, 0.0 };
  const double negative[] = { -2.0, -1.0, NAN };
  const double wide[] = { -DBL_MAX, DBL_MAX };
  double min, max;

  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LINEAR, zeros, 2, &min, &max));
  g_assert_cmpfloat (min, ==, 0.0);
  g_assert_cmpfloat (max, ==, 1.0);

  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LINEAR, negative, 3, &min, &max));
  g_assert_cmpfloat (min, <=, -2.0);
  g_assert_cmpfloat (max, >=, 0.0);

  g_assert_true (plot_axis_auto_range (PLOT_SCALE_LINEAR, wide, 2, &min, &max));
  g_assert_true (plot_axis_range_is_valid (PLOT_SCALE_LINEAR, min, max));
}

/* Category labels are thinned by 1, 2, 4, 10, 20, ... so they never overlap. */
static void
test_category_stride (void)
{
  g_assert_cmpuint (plot_axis_category_stride (100, 50, 10), ==, 1);
  g_assert_cmpuint (plot_axis_category_stride (40, 50, 10), ==, 2);
  g_assert_cmpuint (plot_axis_category_stride (20, 50, 10), ==, 4);
  g_assert_cmpuint (plot_axis_category_stride (10, 50, 10), ==, 10);
  g_assert_cmpuint (plot_axis_category_stride (4.5, 50, 10), ==, 20);
  g_assert_cmpuint (plot_axis_category_stride (0.01, 50, 10), ==, 10000);
  g_assert_cmpuint (plot_axis_category_stride (0, 50, 10), ==, G_MAXUINT);
  g_assert_cmpuint (plot_axis_category_stride (NAN, 50, 10), ==, G_MAXUINT);
}

static void
test_normalize (void)
{
  double v;

  g_assert_cmpfloat_with_epsilon (plot_axis_normalize (PLOT_SCALE_LOG, 1e-5, 1, 1e-5), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (plot_axis_normalize (PLOT_SCALE_LOG, 1e-5, 1, 1e-3), 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (plot_axis_normalize (PLOT_SCALE_LINEAR, 0, 4, 1), 0.25, 1e-12);
  for (v = 1e-5; v < 1; v *= 3.7)
    {
      double t = plot_axis_normalize (PLOT_SCALE_LOG, 1e-5, 1, v);

      g_assert_cmpfloat_with_epsilon (plot_axis_denormalize (PLOT_SCALE_LOG, 1e-5, 1, t), v,
                                      v * 1e-12);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gradlens/plot/axis/log-decades", test_log_decades);
  g_test_add_func ("/gradlens/plot/axis/log-minor", test_log_minor);
  g_test_add_func ("/gradlens/plot/axis/log-padding", test_log_padding);
  g_test_add_func ("/gradlens/plot/axis/log-degenerate", test_log_degenerate);
  g_test_add_func ("/gradlens/plot/axis/log-nonfinite", test_log_nonfinite);
  g_test_add_func ("/gradlens/plot/axis/log-thinning", test_log_thinning);
  g_test_add_func ("/gradlens/plot/axis/log-subdecade", test_log_subdecade);
  g_test_add_func ("/gradlens/plot/axis/linear-125", test_linear_125);
  g_test_add_func ("/gradlens/plot/axis/linear-degenerate", test_linear_degenerate);
  g_test_add_func ("/gradlens/plot/axis/category-stride", test_category_stride);
  g_test_add_func ("/gradlens/plot/axis/normalize", test_normalize);

  return g_test_run ();
}
