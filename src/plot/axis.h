/* axis.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PlotScale:
 * @PLOT_SCALE_LOG: base-10 logarithmic axis; only finite values above zero sit on it
 * @PLOT_SCALE_LINEAR: linear axis; every finite value sits on it
 *
 * How values map to an axis.
 */
typedef enum
{
  PLOT_SCALE_LOG,
  PLOT_SCALE_LINEAR,
} PlotScale;

/**
 * PlotValueClass:
 * @PLOT_VALUE_ON_AXIS: the value can be placed on the axis
 * @PLOT_VALUE_ZERO: exactly zero on a log axis (gradient underflow)
 * @PLOT_VALUE_NEGATIVE: a finite negative value on a log axis
 * @PLOT_VALUE_POS_INF: positive infinity
 * @PLOT_VALUE_NEG_INF: negative infinity
 * @PLOT_VALUE_NAN: not a number
 *
 * Where a value goes on an axis of a given #PlotScale. Everything but
 * %PLOT_VALUE_ON_AXIS is kept out of range computations and drawn as a marker on the
 * edge of the plot: zero, negative values and -inf at the bottom edge, +inf and NaN at
 * the top edge.
 */
typedef enum
{
  PLOT_VALUE_ON_AXIS,
  PLOT_VALUE_ZERO,
  PLOT_VALUE_NEGATIVE,
  PLOT_VALUE_POS_INF,
  PLOT_VALUE_NEG_INF,
  PLOT_VALUE_NAN,
} PlotValueClass;

/**
 * PlotTick:
 * @value: position of the tick in data units
 * @major: %TRUE for a labelled tick (with a grid line), %FALSE for a minor tick
 * @markup: (nullable): the label as Pango markup (`10<sup>−5</sup>` on a log axis,
 *   with U+2212 MINUS SIGN), %NULL for minor ticks
 *
 * One tick of a value axis, as computed by plot_axis_ticks().
 */
typedef struct
{
  double    value;
  gboolean  major;
  char     *markup;
} PlotTick;

/**
 * PLOT_AXIS_MINOR_MIN_DECADE:
 *
 * A log axis gets its unlabelled minor ticks at 2..9 × 10^k only when one decade spans
 * at least this many pixels (below that they would merge into a solid bar).
 */
#define PLOT_AXIS_MINOR_MIN_DECADE 30.0

PlotValueClass  plot_axis_classify         (PlotScale     scale,
                                            double        value);
gboolean        plot_axis_range_is_valid   (PlotScale     scale,
                                            double        min,
                                            double        max);
gboolean        plot_axis_auto_range       (PlotScale     scale,
                                            const double *values,
                                            gsize         n_values,
                                            double       *min,
                                            double       *max);
double          plot_axis_normalize        (PlotScale     scale,
                                            double        min,
                                            double        max,
                                            double        value);
double          plot_axis_denormalize      (PlotScale     scale,
                                            double        min,
                                            double        max,
                                            double        t);
GArray         *plot_axis_ticks            (PlotScale     scale,
                                            double        min,
                                            double        max,
                                            double        length,
                                            double        min_spacing);
guint           plot_axis_category_stride  (double        category_width,
                                            double        label_width,
                                            double        min_gap);

G_END_DECLS
