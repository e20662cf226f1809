/* layout-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "layout.h"
#include "text.h"

G_BEGIN_DECLS

/* Everything plot_render() needs beyond the public PlotLayout: the text, shaped once while
 * measuring the margins, and where it goes. */
typedef struct
{
  PangoLayout     *title;
  double           title_x;
  double           title_y;
  PangoLayout     *x_title;
  double           x_title_y;
  PangoLayout     *y_title;
  double           y_title_x;

  GArray          *y_ticks;        /* PlotTick */
  PangoLayout     *y_labels;       /* one line per major tick, in y_ticks order */
  double           y_labels_right;
  PlotFontMetrics  label_metrics;
  double           tick_length;

  PangoLayout     *x_labels;       /* one line per labelled category */
  guint            x_label_first;  /* labelled: x_label_first + k × x_stride, k < count */
  guint            x_label_count;
  guint            x_stride;
  double           x_labels_y;

  PangoLayout     *legend_labels;   /* one line per legend entry, and "+N more" */
  PangoLayout     *legend_suffixes; /* one line per legend entry, smaller; NULL without any */
  double           legend_text_dx;  /* from the left of an entry to its text */
  double           legend_label_dy; /* from the top of an entry: the label's baseline */
  double           legend_swatch_dy;/* the middle of the label line, where the swatch is */
  double           legend_suffix_dy;/* the suffix's baseline */

  PangoLayout     *note;
  double           note_x;
  double           note_y;

  PangoLayout     *message;
} PlotLayoutText;

/* The pixel mapping of a layout with its logarithms taken once: plot_render() maps tens of
 * thousands of values per frame. Every pixel position, public or not, comes from here. */
typedef struct
{
  PlotScale scale;
  double    x_origin;    /* area.x */
  double    x_min;
  double    x_factor;    /* area.width / (x_max - x_min) */
  double    y_origin;    /* area.y + area.height */
  double    y_low;       /* y_min, or log10 (y_min) */
  double    y_factor;    /* area.height / (y_max - y_min), or per decade */
  double    top_edge;    /* y of the +inf and NaN markers */
  double    bottom_edge; /* y of the zero, negative and -inf markers */
  PlotRect  visible;     /* marker centres outside this are not drawn */
} PlotMapping;

void     _plot_mapping_init        (PlotMapping      *mapping,
                                    const PlotLayout *layout);
gboolean _plot_mapping_position    (const PlotMapping *mapping,
                                    guint             index,
                                    double            value,
                                    PlotValueClass   *cls,
                                    double           *px,
                                    double           *py);

/* Where the legend entries go: planned by layout-legend.c for layout.c's compute_pass(). */
typedef struct
{
  double   swatch;      /* width of the swatch, before the text */
  double   col_gap;     /* between columns below the data area */
  double   row_h;
  gboolean suffixes;    /* some series has a legend suffix: entries of two lines */
  guint    n_entries;
  guint    n_rows;
  guint    n_cols;
  double   col_w;
  double   width;
  gboolean truncated;
} PlotLegendPlan;

void     _plot_layout_legend_begin       (const PlotFigure     *fig,
                                          PangoContext         *context,
                                          double                em,
                                          PlotLayoutText       *text,
                                          PlotLegendPlan       *plan);
void     _plot_layout_legend_plan_beside (const PlotFigure     *fig,
                                          PangoContext         *context,
                                          double                em,
                                          double                height,
                                          PlotLayoutText       *text,
                                          PlotLegendPlan       *plan);
void     _plot_layout_legend_plan_below  (const PlotFigure     *fig,
                                          PangoContext         *context,
                                          double                em,
                                          double                w,
                                          double                h,
                                          double                pad,
                                          PlotLayoutText       *text,
                                          PlotLegendPlan       *plan);
void     _plot_layout_legend_finish      (PlotLayout           *layout,
                                          const PlotLegendPlan *plan,
                                          gboolean              below,
                                          double                left,
                                          double                w,
                                          double                pad);

void     _plot_layout_compute_full (PlotLayout       *layout,
                                    const PlotFigure *fig,
                                    double            width,
                                    double            height,
                                    PangoContext     *context,
                                    PlotLayoutText   *text);
void     _plot_layout_text_clear   (PlotLayoutText   *text);

G_END_DECLS
