/* figure-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "figure.h"

G_BEGIN_DECLS

typedef struct
{
  char     *label;
  char     *legend_suffix;
  char     *zero_cause;   /* why its zeros are zero ("underflow" when NULL) */
  char     *note;         /* for tooltips only, never drawn */
  gboolean  dashed;       /* line drawn dashed (a prediction, a preview) */
  PlotRgba  color;
  gboolean  visible;
  double   *values;
  gsize     n_values;
  double   *band_low;
  double   *band_high;
  gsize     n_band;
  double   *whisker_min;
  double   *whisker_max;
  gsize     n_whiskers;
  guint8   *gaps;         /* n_values flags, or NULL: no value at that category (figure-names.c) */
} PlotSeries;

/* the series has no value at category i: nothing is drawn there, and its
 * line joins the values on either side */
static inline gboolean
_plot_series_is_gap (const PlotSeries *s,
                     gsize             i)
{
  return s->gaps != NULL && i < s->n_values && s->gaps[i] != 0;
}

struct _PlotFigure
{
  gatomicrefcount  ref_count;

  char            *title;
  char            *x_title;
  char            *y_title;
  PlotTheme        theme;
  PlotScale        y_scale;
  double           scale;
  double           min_font_size;    /* px: the base font is never smaller (0: no minimum) */

  GPtrArray       *categories;       /* full names */
  GPtrArray       *category_labels;  /* shortened names shown on the axis */

  GPtrArray       *series;           /* PlotSeries */

  gboolean         x_view_set;
  double           x_view_min;
  double           x_view_max;
  gboolean         y_view_set;
  double           y_view_min;
  double           y_view_max;
};

char *_plot_figure_dup_category_label (const PlotFigure *fig,
                                       guint             index);
char *_plot_figure_dup_series_label   (const PlotFigure *fig,
                                       guint             series);

G_END_DECLS
