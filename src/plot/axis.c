/* axis.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <float.h>
#include <math.h>

#include "axis.h"

/* Tolerance, in decades or in steps, for deciding that a value sits on a tick or a bound:
 * pow() and log10() are not exact, and 1e-5 must count as a whole decade. */
#define EPS 1e-9

/* Smallest and largest decades a double can hold (10^-323 is subnormal but above zero). */
#define MIN_DECADE (-323)
#define MAX_DECADE 308

#define MINUS_SIGN "\xe2\x88\x92"

/**
 * plot_axis_classify:
 * @scale: the axis scale
 * @value: any double
 *
 * Tells whether @value can be placed on an axis of @scale and, if not, why.
 * Zero and negative values are on a linear axis but not on a log axis; infinities and
 * NaN are on neither.
 *
 * Returns: the class of @value
 */
PlotValueClass
plot_axis_classify (PlotScale scale,
                    double    value)
{
  if (isnan (value))
    return PLOT_VALUE_NAN;
  if (isinf (value))
    return value > 0 ? PLOT_VALUE_POS_INF : PLOT_VALUE_NEG_INF;
  if (scale == PLOT_SCALE_LOG)
    {
      if (value == 0.0)
        return PLOT_VALUE_ZERO;
      if (value < 0.0)
        return PLOT_VALUE_NEGATIVE;
    }
  return PLOT_VALUE_ON_AXIS;
}

/**
 * plot_axis_range_is_valid:
 * @scale: the axis scale
 * @min: lower bound
 * @max: upper bound
 *
 * Returns: %TRUE if [@min, @max] can be shown on an axis of @scale: both finite,
 *   @min < @max with a finite span, and both above zero on a log axis
 */
gboolean
plot_axis_range_is_valid (PlotScale scale,
                          double    min,
                          double    max)
{
  if (!isfinite (min) || !isfinite (max) || !(min < max))
    return FALSE;
  if (scale == PLOT_SCALE_LOG)
    return min > 0.0;
  return isfinite (max - min);
}

static double
decade_value (int k)
{
  if (k < MIN_DECADE)
    return DBL_TRUE_MIN;
  if (k > MAX_DECADE)
    return DBL_MAX;
  return pow (10.0, k);
}

static double
nice_step (double raw)
{
  double mag, norm;

  mag = pow (10.0, floor (log10 (raw)));
  norm = raw / mag;
  if (norm <= 1.0 + EPS)
    return mag;
  if (norm <= 2.0 + EPS)
    return 2.0 * mag;
  if (norm <= 5.0 + EPS)
    return 5.0 * mag;
  return 10.0 * mag;
}

/**
 * plot_axis_auto_range:
 * @scale: the axis scale
 * @values: (array length=n_values) (nullable): the values to show
 * @n_values: number of @values
 * @min: (out): lower bound of the range
 * @max: (out): upper bound of the range
 *
 * Computes the automatic range of a value axis. Values that are not on the axis (see
 * plot_axis_classify()) are ignored.
 *
 * On a log axis the range is padded out to whole decades (1.86e-5 .. 0.44 gives
 * 1e-5 .. 1); when all values are equal (one value, or several equal ones) the range
 * is padded by one more decade on each side, so 1e-3 gives 1e-4 .. 1e-2.
 *
 * On a linear axis the range always includes zero and is rounded out to a 1-2-5 step;
 * when all values are zero it is 0 .. 1.
 *
 * Without any value on the axis the range is 1e-3 .. 1 (log) or 0 .. 1 (linear).
 *
 * Returns: %TRUE if at least one value was on the axis
 */
gboolean
plot_axis_auto_range (PlotScale     scale,
                      const double *values,
                      gsize         n_values,
                      double       *min,
                      double       *max)
{
  double lo = INFINITY, hi = -INFINITY;
  gsize i, n = 0;

  g_return_val_if_fail (min != NULL && max != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  for (i = 0; i < n_values; i++)
    {
      if (plot_axis_classify (scale, values[i]) != PLOT_VALUE_ON_AXIS)
        continue;
      lo = MIN (lo, values[i]);
      hi = MAX (hi, values[i]);
      n++;
    }

  if (scale == PLOT_SCALE_LOG)
    {
      int klo, khi;

      if (n == 0)
        {
          *min = 1e-3;
          *max = 1.0;
          return FALSE;
        }
      if (lo == hi)
        {
          double l = log10 (lo);

          klo = (int) floor (l - 1.0 + EPS);
          khi = (int) ceil (l + 1.0 - EPS);
        }
      else
        {
          klo = (int) floor (log10 (lo) + EPS);
          khi = (int) ceil (log10 (hi) - EPS);
          if (khi <= klo)
            {
              klo--;
              khi++;
            }
        }
      *min = decade_value (klo);
      *max = decade_value (khi);
      return TRUE;
    }
  else
    {
      double step;

      if (n == 0)
        {
          *min = 0.0;
          *max = 1.0;
          return FALSE;
        }
      lo = MIN (lo, 0.0);
      hi = MAX (hi, 0.0);
      if (lo == hi)
        {
          *min = 0.0;
          *max = 1.0;
          return TRUE;
        }
      if (!isfinite (hi - lo))
        {
          /* A span wider than DBL_MAX cannot be mapped; show the widest one that can. */
          *min = -DBL_MAX / 2.0;
          *max = DBL_MAX / 2.0;
          return TRUE;
        }
      step = nice_step ((hi - lo) / 5.0);
      *min = floor (lo / step + EPS) * step;
      *max = ceil (hi / step - EPS) * step;
      if (!isfinite (*min) || !isfinite (*max) || !(*min < *max))
        {
          *min = lo;
          *max = hi;
        }
      return TRUE;
    }
}

/**
 * plot_axis_normalize:
 * @scale: the axis scale
 * @min: lower bound of the shown range
 * @max: upper bound of the shown range
 * @value: a value on the axis
 *
 * Maps @value to 0 at @min and 1 at @max, linearly in value or in log10 of the value.
 * Values outside the range map outside [0, 1].
 *
 * Returns: the normalised position, NaN for a value that is not on the axis
 */
double
plot_axis_normalize (PlotScale scale,
                     double    min,
                     double    max,
                     double    value)
{
  if (scale == PLOT_SCALE_LOG)
    {
      double lmin = log10 (min);

      if (!(value > 0.0))
        return NAN;
      return (log10 (value) - lmin) / (log10 (max) - lmin);
    }
  return (value - min) / (max - min);
}

/**
 * plot_axis_denormalize:
 * @scale: the axis scale
 * @min: lower bound of the shown range
 * @max: upper bound of the shown range
 * @t: a normalised position
 *
 * The inverse of plot_axis_normalize().
 *
 * Returns: the value at position @t
 */
double
plot_axis_denormalize (PlotScale scale,
                       double    min,
                       double    max,
                       double    t)
{
  if (scale == PLOT_SCALE_LOG)
    {
      double lmin = log10 (min);

      return pow (10.0, lmin + t * (log10 (max) - lmin));
    }
  return min + t * (max - min);
}

static void
clear_tick (gpointer data)
{
  PlotTick *tick = data;

  g_clear_pointer (&tick->markup, g_free);
}

static GArray *
tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (PlotTick));

  g_array_set_clear_func (ticks, clear_tick);
  return ticks;
}

static void
add_tick (GArray *ticks,
          double  value,
          char   *markup)
{
  PlotTick tick = { value, markup != NULL, markup };

  g_array_append_val (ticks, tick);
}

static int
compare_ticks (gconstpointer a,
               gconstpointer b)
{
  const PlotTick *ta = a, *tb = b;

  return (ta->value > tb->value) - (ta->value < tb->value);
}

static char *
power_markup (int mantissa,
              int exponent)
{
  g_autofree char *exp = NULL;

  if (exponent < 0)
    exp = g_strdup_printf (MINUS_SIGN "%d", -exponent);
  else
    exp = g_strdup_printf ("%d", exponent);

  if (mantissa == 1)
    return g_strdup_printf ("10<sup>%s</sup>", exp);
  return g_strdup_printf ("%d×10<sup>%s</sup>", mantissa, exp);
}

static char *
linear_markup (double value,
               double step)
{
  g_autofree char *text = NULL;
  int decimals;

  if (fabs (value) < step * 1e-6)
    value = 0.0;

  decimals = (int) MAX (0.0, -floor (log10 (step) + EPS));
  if (decimals <= 6 && fabs (value) < 1e7)
    text = g_strdup_printf ("%.*f", decimals, value);
  else
    text = g_strdup_printf ("%.4g", value);

  /* A typographic minus, like the log labels. */
  if (text[0] == '-')
    return g_strconcat (MINUS_SIGN, text + 1, NULL);
  return g_steal_pointer (&text);
}

static void
linear_ticks (GArray *ticks,
              double  min,
              double  max,
              double  length,
              double  min_spacing)
{
  double step;
  double k, kmin, kmax;

  /* nice_step() rounds up, so the labels end up at least min_spacing apart, and at most
   * about ten intervals fill the axis. */
  step = nice_step ((max - min) * MAX (0.1, min_spacing / length));
  if (!isfinite (step) || !(step > 0.0))
    return;

  kmin = ceil (min / step - EPS);
  kmax = floor (max / step + EPS);
  if (!(kmax - kmin < 1000))
    return;
  for (k = kmin; k <= kmax; k += 1.0)
    add_tick (ticks, k * step, linear_markup (k * step, step));
}

static int
floor_mod (int a,
           int b)
{
  int m = a % b;

  return m < 0 ? m + b : m;
}

static gboolean
in_range (double v,
          double lmin,
          double lmax)
{
  double l = log10 (v);

  return l >= lmin - EPS && l <= lmax + EPS;
}

static void
log_ticks (GArray *ticks,
           double  min,
           double  max,
           double  length,
           double  min_spacing)
{
  static const int strides[] = { 1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000 };
  double lmin, lmax, ppd;
  int kmin, kmax, k, d, m;
  int stride = strides[G_N_ELEMENTS (strides) - 1];
  guint i;

  lmin = log10 (min);
  lmax = log10 (max);
  ppd = length / (lmax - lmin);
  kmin = (int) ceil (lmin - EPS);
  kmax = (int) floor (lmax + EPS);

  if (kmax - kmin + 1 >= 2)
    {
      for (i = 0; i < G_N_ELEMENTS (strides); i++)
        if (strides[i] * ppd >= min_spacing)
          {
            stride = strides[i];
            break;
          }

      for (k = kmin; k <= kmax; k++)
        {
          if (floor_mod (k, stride) == 0)
            add_tick (ticks, decade_value (k), power_markup (1, k));
          else if (ppd >= 4.0)
            add_tick (ticks, decade_value (k), NULL);
        }

      if (stride == 1 && ppd >= PLOT_AXIS_MINOR_MIN_DECADE)
        for (d = kmin - 1; d <= kmax; d++)
          for (m = 2; m <= 9; m++)
            {
              double v = m * decade_value (d);

              if (in_range (v, lmin, lmax))
                add_tick (ticks, v, NULL);
            }
      return;
    }

  /* Less than two powers of ten in view (zoomed into a decade): label 1, 2 and 5 times a
   * power of ten, if they fit, with the other integer multiples as minor ticks. */
  if (0.3 * ppd >= min_spacing)
    {
      guint n_major = 0;

      for (d = (int) floor (lmin + EPS); d <= kmax; d++)
        for (m = 1; m <= 9; m++)
          {
            double v = m * decade_value (d);

            if (!in_range (v, lmin, lmax))
              continue;
            if (m == 1 || m == 2 || m == 5)
              {
                add_tick (ticks, v, power_markup (m, d));
                n_major++;
              }
            else if (ppd >= PLOT_AXIS_MINOR_MIN_DECADE)
              add_tick (ticks, v, NULL);
          }
      if (n_major >= 2)
        {
          g_array_sort (ticks, compare_ticks);
          return;
        }
      g_array_set_size (ticks, 0);
    }

  /* Narrower still (less than a factor of 2.5 in view): plain linear ticks. */
  linear_ticks (ticks, min, max, length, min_spacing);
}

/**
 * plot_axis_ticks:
 * @scale: the axis scale
 * @min: lower bound of the shown range (see plot_axis_range_is_valid())
 * @max: upper bound of the shown range
 * @length: length of the axis in pixels
 * @min_spacing: smallest distance in pixels between two labelled ticks
 *
 * Computes the ticks of a value axis, sorted by value for a linear axis and by major then
 * value for a log axis (the order does not matter for drawing).
 *
 * A log axis gets a labelled tick at each power of ten, `10<sup>−5</sup>`; when the decades
 * are too close for @min_spacing only every 2nd, 3rd, 5th, 10th... decade is labelled and the
 * others become minor ticks. Unlabelled minor ticks sit at 2..9 × each decade when a decade
 * spans at least %PLOT_AXIS_MINOR_MIN_DECADE pixels. When fewer than two powers of ten are in
 * range the labels are 1, 2 and 5 times a power of ten (`2×10<sup>−3</sup>`), and within a
 * narrower range plain linear ticks.
 *
 * A linear axis gets labelled ticks at multiples of a 1, 2 or 5 × 10^k step, at least
 * @min_spacing apart.
 *
 * Returns: (transfer full) (element-type PlotTick): the ticks; empty for an invalid range
 */
GArray *
plot_axis_ticks (PlotScale scale,
                 double    min,
                 double    max,
                 double    length,
                 double    min_spacing)
{
  GArray *ticks = tick_array_new ();

  if (!plot_axis_range_is_valid (scale, min, max) || !(length > 0.0) || !isfinite (length))
    return ticks;
  if (!(min_spacing > 0.0))
    min_spacing = 1.0;

  if (scale == PLOT_SCALE_LOG)
    log_ticks (ticks, min, max, length, min_spacing);
  else
    linear_ticks (ticks, min, max, length, min_spacing);
  return ticks;
}

/**
 * plot_axis_category_stride:
 * @category_width: distance in pixels between two neighbouring categories
 * @label_width: width in pixels of the widest category label
 * @min_gap: smallest free space in pixels between two labels
 *
 * Thins the labels of a categorical axis: only every n-th category is labelled, with n
 * taken from 1, 2, 4, 10, 20, 40, 100, ... (even strides keep the labels on the same kind of
 * parameter, every `.w` for instance) so that labels do not overlap.
 *
 * Returns: the stride n, at least 1
 */
guint
plot_axis_category_stride (double category_width,
                           double label_width,
                           double min_gap)
{
  static const guint steps[] = { 1, 2, 4 };
  guint64 scale = 1;

  if (!(category_width > 0.0) || !isfinite (category_width))
    return G_MAXUINT;
  if (!(label_width + min_gap > 0.0))
    return 1;

  for (;;)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          guint64 n = steps[i] * scale;

          if (n >= G_MAXUINT)
            return G_MAXUINT;
          if (n * category_width >= label_width + min_gap)
            return (guint) n;
        }
      scale *= 10;
    }
}
