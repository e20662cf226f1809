/* figure.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "axis.h"
#include "palette.h"

G_BEGIN_DECLS

/**
 * PlotTheme:
 * @PLOT_THEME_DARK: like Plotly's plotly_dark: background rgb(17,17,17), grid #283442,
 *   text #f2f5fa
 * @PLOT_THEME_LIGHT: like Plotly's plotly_white: white background, grid #ebf0f8,
 *   text #2a3f5f
 *
 * The colours of everything but the series.
 */
typedef enum
{
  PLOT_THEME_DARK,
  PLOT_THEME_LIGHT,
} PlotTheme;

/**
 * PlotFigure:
 *
 * A figure: titles, theme, y scale, x categories, the zoomed view and the series.
 * Reference counted; not thread-safe, but it may be built in one thread and handed to
 * another.
 */
typedef struct _PlotFigure PlotFigure;

#define PLOT_TYPE_FIGURE (plot_figure_get_type ())

/**
 * PLOT_NOTE_MAX_VALUES:
 *
 * Most values plot_figure_dup_off_axis_note() lists one by one.
 */
#define PLOT_NOTE_MAX_VALUES 40

GType          plot_figure_get_type                (void) G_GNUC_CONST;

PlotFigure    *plot_figure_new                     (void);
PlotFigure    *plot_figure_ref                     (PlotFigure       *fig);
void           plot_figure_unref                   (PlotFigure       *fig);
PlotFigure    *plot_figure_copy                    (const PlotFigure *fig);

void           plot_figure_set_title               (PlotFigure       *fig,
                                                    const char       *title);
const char    *plot_figure_get_title               (const PlotFigure *fig);
void           plot_figure_set_x_title             (PlotFigure       *fig,
                                                    const char       *title);
const char    *plot_figure_get_x_title             (const PlotFigure *fig);
void           plot_figure_set_y_title             (PlotFigure       *fig,
                                                    const char       *title);
const char    *plot_figure_get_y_title             (const PlotFigure *fig);
void           plot_figure_set_theme               (PlotFigure       *fig,
                                                    PlotTheme         theme);
PlotTheme      plot_figure_get_theme               (const PlotFigure *fig);
void           plot_figure_set_y_scale             (PlotFigure       *fig,
                                                    PlotScale         scale);
PlotScale      plot_figure_get_y_scale             (const PlotFigure *fig);
void           plot_figure_set_scale               (PlotFigure       *fig,
                                                    double            scale);
double         plot_figure_get_scale               (const PlotFigure *fig);
void           plot_figure_set_min_font_size       (PlotFigure       *fig,
                                                    double            size);
double         plot_figure_get_min_font_size       (const PlotFigure *fig);

void           plot_figure_set_categories          (PlotFigure       *fig,
                                                    const char *const *names,
                                                    gssize            n_names);
guint          plot_figure_get_n_categories        (const PlotFigure *fig);
const char    *plot_figure_get_category            (const PlotFigure *fig,
                                                    guint             index);
const char    *plot_figure_get_category_label      (const PlotFigure *fig,
                                                    guint             index);
char          *plot_shorten_parameter_name         (const char       *name);

guint         *plot_figure_merge_categories        (PlotFigure       *fig,
                                                    const char *const *names,
                                                    gsize             n_names);
void           plot_figure_set_series_gaps         (PlotFigure       *fig,
                                                    guint             series,
                                                    const gboolean   *gaps,
                                                    gsize             n_values);
gboolean       plot_figure_get_series_gap          (const PlotFigure *fig,
                                                    guint             series,
                                                    guint             index);

guint          plot_figure_add_series              (PlotFigure       *fig,
                                                    const char       *label,
                                                    const PlotRgba   *color,
                                                    const double     *values,
                                                    gsize             n_values);
void           plot_figure_remove_all_series       (PlotFigure       *fig);
guint          plot_figure_get_n_series            (const PlotFigure *fig);
const char    *plot_figure_get_series_label        (const PlotFigure *fig,
                                                    guint             series);
void           plot_figure_get_series_color        (const PlotFigure *fig,
                                                    guint             series,
                                                    PlotRgba         *color);
void           plot_figure_set_series_color        (PlotFigure       *fig,
                                                    guint             series,
                                                    const PlotRgba   *color);
gboolean       plot_figure_get_series_visible      (const PlotFigure *fig,
                                                    guint             series);
void           plot_figure_set_series_visible      (PlotFigure       *fig,
                                                    guint             series,
                                                    gboolean          visible);
const double  *plot_figure_get_series_values       (const PlotFigure *fig,
                                                    guint             series,
                                                    gsize            *n_values);
void           plot_figure_set_series_band         (PlotFigure       *fig,
                                                    guint             series,
                                                    const double     *low,
                                                    const double     *high,
                                                    gsize             n_values);
gboolean       plot_figure_get_series_band         (const PlotFigure *fig,
                                                    guint             series,
                                                    const double    **low,
                                                    const double    **high,
                                                    gsize            *n_values);
void           plot_figure_set_series_whiskers     (PlotFigure       *fig,
                                                    guint             series,
                                                    const double     *min,
                                                    const double     *max,
                                                    gsize             n_values);
gboolean       plot_figure_get_series_whiskers     (const PlotFigure *fig,
                                                    guint             series,
                                                    const double    **min,
                                                    const double    **max,
                                                    gsize            *n_values);
void           plot_figure_set_series_legend_suffix (PlotFigure      *fig,
                                                    guint             series,
                                                    const char       *suffix);
const char    *plot_figure_get_series_legend_suffix (const PlotFigure *fig,
                                                    guint             series);
void           plot_figure_set_series_zero_cause   (PlotFigure       *fig,
                                                    guint             series,
                                                    const char       *cause);
const char    *plot_figure_get_series_zero_cause   (const PlotFigure *fig,
                                                    guint             series);
void           plot_figure_set_series_dashed       (PlotFigure       *fig,
                                                    guint             series,
                                                    gboolean          dashed);
gboolean       plot_figure_get_series_dashed       (const PlotFigure *fig,
                                                    guint             series);
void           plot_figure_set_series_note         (PlotFigure       *fig,
                                                    guint             series,
                                                    const char       *note);
const char    *plot_figure_get_series_note         (const PlotFigure *fig,
                                                    guint             series);

void           plot_figure_set_x_view              (PlotFigure       *fig,
                                                    double            min,
                                                    double            max);
gboolean       plot_figure_get_x_view              (const PlotFigure *fig,
                                                    double           *min,
                                                    double           *max);
void           plot_figure_set_y_view              (PlotFigure       *fig,
                                                    double            min,
                                                    double            max);
gboolean       plot_figure_get_y_view              (const PlotFigure *fig,
                                                    double           *min,
                                                    double           *max);
void           plot_figure_reset_view              (PlotFigure       *fig);

char          *plot_figure_dup_off_axis_note       (const PlotFigure *fig);
char          *plot_format_value                   (double            value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlotFigure, plot_figure_unref)

G_END_DECLS
