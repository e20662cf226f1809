/* figure.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "figure-private.h"

G_DEFINE_BOXED_TYPE (PlotFigure, plot_figure, plot_figure_ref, plot_figure_unref)

static double *
dup_doubles (const double *values,
             gsize         n_values)
{
  if (values == NULL || n_values == 0)
    return NULL;
  return g_memdup2 (values, n_values * sizeof (double));
}

static void
plot_series_free (gpointer data)
{
  PlotSeries *s = data;

  g_free (s->label);
  g_free (s->legend_suffix);
  g_free (s->zero_cause);
  g_free (s->note);
  g_free (s->values);
  g_free (s->band_low);
  g_free (s->band_high);
  g_free (s->whisker_min);
  g_free (s->whisker_max);
  g_free (s->gaps);
  g_free (s);
}

static PlotSeries *
plot_series_copy (const PlotSeries *src)
{
  PlotSeries *s = g_new0 (PlotSeries, 1);

  s->label = g_strdup (src->label);
  s->legend_suffix = g_strdup (src->legend_suffix);
  s->zero_cause = g_strdup (src->zero_cause);
  s->note = g_strdup (src->note);
  s->dashed = src->dashed;
  s->color = src->color;
  s->visible = src->visible;
  s->values = dup_doubles (src->values, src->n_values);
  s->n_values = src->n_values;
  s->band_low = dup_doubles (src->band_low, src->n_band);
  s->band_high = dup_doubles (src->band_high, src->n_band);
  s->n_band = src->n_band;
  s->whisker_min = dup_doubles (src->whisker_min, src->n_whiskers);
  s->whisker_max = dup_doubles (src->whisker_max, src->n_whiskers);
  s->n_whiskers = src->n_whiskers;
  s->gaps = src->gaps != NULL ? g_memdup2 (src->gaps, src->n_values) : NULL;
  return s;
}

static PlotSeries *
get_series (const PlotFigure *fig,
            guint             series)
{
  return g_ptr_array_index (fig->series, series);
}

/**
 * plot_figure_new:
 *
 * Creates an empty figure: no titles, dark theme, log y axis, HiDPI scale 1, automatic
 * view, no categories and no series.
 *
 * Returns: (transfer full): a new figure; release it with plot_figure_unref()
 */
PlotFigure *
plot_figure_new (void)
{
  PlotFigure *fig = g_new0 (PlotFigure, 1);

  g_atomic_ref_count_init (&fig->ref_count);
  fig->theme = PLOT_THEME_DARK;
  fig->y_scale = PLOT_SCALE_LOG;
  fig->scale = 1.0;
  fig->categories = g_ptr_array_new_with_free_func (g_free);
  fig->category_labels = g_ptr_array_new_with_free_func (g_free);
  fig->series = g_ptr_array_new_with_free_func (plot_series_free);
  return fig;
}

/**
 * plot_figure_ref:
 * @fig: a figure
 *
 * Returns: (transfer full): @fig, with one more reference
 */
PlotFigure *
plot_figure_ref (PlotFigure *fig)
{
  g_return_val_if_fail (fig != NULL, NULL);

  g_atomic_ref_count_inc (&fig->ref_count);
  return fig;
}

/**
 * plot_figure_unref:
 * @fig: (transfer full): a figure
 *
 * Drops one reference, freeing the figure with the last one.
 */
void
plot_figure_unref (PlotFigure *fig)
{
  g_return_if_fail (fig != NULL);

  if (!g_atomic_ref_count_dec (&fig->ref_count))
    return;

  g_free (fig->title);
  g_free (fig->x_title);
  g_free (fig->y_title);
  g_ptr_array_unref (fig->categories);
  g_ptr_array_unref (fig->category_labels);
  g_ptr_array_unref (fig->series);
  g_free (fig);
}

/**
 * plot_figure_copy:
 * @fig: a figure
 *
 * Makes a deep copy of @fig, view and visibility included.
 *
 * Returns: (transfer full): a new figure
 */
PlotFigure *
plot_figure_copy (const PlotFigure *fig)
{
  PlotFigure *copy;
  guint i;

  g_return_val_if_fail (fig != NULL, NULL);

  copy = plot_figure_new ();
  copy->title = g_strdup (fig->title);
  copy->x_title = g_strdup (fig->x_title);
  copy->y_title = g_strdup (fig->y_title);
  copy->theme = fig->theme;
  copy->y_scale = fig->y_scale;
  copy->scale = fig->scale;
  copy->min_font_size = fig->min_font_size;
  for (i = 0; i < fig->categories->len; i++)
    {
      g_ptr_array_add (copy->categories, g_strdup (g_ptr_array_index (fig->categories, i)));
      g_ptr_array_add (copy->category_labels,
                       g_strdup (g_ptr_array_index (fig->category_labels, i)));
    }
  for (i = 0; i < fig->series->len; i++)
    g_ptr_array_add (copy->series, plot_series_copy (get_series (fig, i)));
  copy->x_view_set = fig->x_view_set;
  copy->x_view_min = fig->x_view_min;
  copy->x_view_max = fig->x_view_max;
  copy->y_view_set = fig->y_view_set;
  copy->y_view_min = fig->y_view_min;
  copy->y_view_max = fig->y_view_max;
  return copy;
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *old = *field;

  *field = g_strdup (value);
  g_free (old);
}

/**
 * plot_figure_set_title:
 * @fig: a figure
 * @title: (nullable): the title above the plot, plain text; %NULL or "" for none
 */
void
plot_figure_set_title (PlotFigure *fig,
                       const char *title)
{
  g_return_if_fail (fig != NULL);

  replace_string (&fig->title, title);
}

/**
 * plot_figure_get_title:
 * @fig: a figure
 *
 * Returns: (nullable): the title
 */
const char *
plot_figure_get_title (const PlotFigure *fig)
{
  g_return_val_if_fail (fig != NULL, NULL);

  return fig->title;
}

/**
 * plot_figure_set_x_title:
 * @fig: a figure
 * @title: (nullable): the title under the x axis, plain text ("Layer Index")
 */
void
plot_figure_set_x_title (PlotFigure *fig,
                         const char *title)
{
  g_return_if_fail (fig != NULL);

  replace_string (&fig->x_title, title);
}

/**
 * plot_figure_get_x_title:
 * @fig: a figure
 *
 * Returns: (nullable): the x axis title
 */
const char *
plot_figure_get_x_title (const PlotFigure *fig)
{
  g_return_val_if_fail (fig != NULL, NULL);

  return fig->x_title;
}

/**
 * plot_figure_set_y_title:
 * @fig: a figure
 * @title: (nullable): the title of the y axis, drawn rotated ("Gradient Norm")
 */
void
plot_figure_set_y_title (PlotFigure *fig,
                         const char *title)
{
  g_return_if_fail (fig != NULL);

  replace_string (&fig->y_title, title);
}

/**
 * plot_figure_get_y_title:
 * @fig: a figure
 *
 * Returns: (nullable): the y axis title
 */
const char *
plot_figure_get_y_title (const PlotFigure *fig)
{
  g_return_val_if_fail (fig != NULL, NULL);

  return fig->y_title;
}

/**
 * plot_figure_set_theme:
 * @fig: a figure
 * @theme: the theme
 */
void
plot_figure_set_theme (PlotFigure *fig,
                       PlotTheme   theme)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (theme == PLOT_THEME_DARK || theme == PLOT_THEME_LIGHT);

  fig->theme = theme;
}

/**
 * plot_figure_get_theme:
 * @fig: a figure
 *
 * Returns: the theme
 */
PlotTheme
plot_figure_get_theme (const PlotFigure *fig)
{
  g_return_val_if_fail (fig != NULL, PLOT_THEME_DARK);

  return fig->theme;
}

/**
 * plot_figure_set_y_scale:
 * @fig: a figure
 * @scale: log or linear
 *
 * Sets the scale of the y axis. Changing it resets the y view to automatic, since a
 * range in one scale means nothing in the other.
 */
void
plot_figure_set_y_scale (PlotFigure *fig,
                         PlotScale   scale)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (scale == PLOT_SCALE_LOG || scale == PLOT_SCALE_LINEAR);

  if (fig->y_scale != scale)
    fig->y_view_set = FALSE;
  fig->y_scale = scale;
}

/**
 * plot_figure_get_y_scale:
 * @fig: a figure
 *
 * Returns: the scale of the y axis
 */
PlotScale
plot_figure_get_y_scale (const PlotFigure *fig)
{
  g_return_val_if_fail (fig != NULL, PLOT_SCALE_LOG);

  return fig->y_scale;
}

/**
 * plot_figure_set_scale:
 * @fig: a figure
 * @scale: device pixels per unit of the cairo_t that plot_render() draws on (the widget's
 *   scale factor: 2 on a HiDPI screen), or 0 for vector output
 *
 * Sets the HiDPI scale. It does not change the layout. It snaps grid lines to whole device
 * pixels so they stay sharp, and on a recording surface (what gtk_snapshot_append_cairo()
 * gives) it is the resolution at which the series are rasterised before being painted, so
 * a redraw stays fast; with 0 they are drawn as cairo paths instead. The default is 1.
 * plot_export() uses its own scale (the PNG scale, or 0 for SVG and PDF).
 */
void
plot_figure_set_scale (PlotFigure *fig,
                       double      scale)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (scale >= 0.0 && isfinite (scale));

  fig->scale = scale;
}

/**
 * plot_figure_get_scale:
 * @fig: a figure
 *
 * Returns: the HiDPI scale
 */
double
plot_figure_get_scale (const PlotFigure *fig)
{
  g_return_val_if_fail (fig != NULL, 1.0);

  return fig->scale;
}

/**
 * plot_figure_set_min_font_size:
 * @fig: a figure
 * @size: the smallest base font size in pixels (tick labels and legend; titles are
 *   larger), 0 for none
 *
 * The base font follows the figure's size (12 px at about 750×480); on screen it must not
 * fall below the desktop's font, so a small plot keeps readable text. Lines and markers
 * grow with the font as they do with the size. The default is 0.
 */
void
plot_figure_set_min_font_size (PlotFigure *fig,
                               double      size)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (size >= 0.0 && isfinite (size));

  fig->min_font_size = size;
}

double
plot_figure_get_min_font_size (const PlotFigure *fig)
{
  g_return_val_if_fail (fig != NULL, 0.0);

  return fig->min_font_size;
}

/**
 * plot_shorten_parameter_name:
 * @name: a parameter name such as `lin1.weight`
 *
 * Shortens a parameter name for an axis label: a final `.weight` becomes `.w` and a
 * final `.bias` becomes `.b` (`lin1.weight` → `lin1.w`, `norm2.bias` → `norm2.b`); any
 * other name is kept.
 *
 * Returns: (transfer full): the short name
 */
char *
plot_shorten_parameter_name (const char *name)
{
  static const struct { const char *suffix; const char *shortened; } rules[] = {
    { ".weight", ".w" },
    { ".bias", ".b" },
  };
  gsize len, i;

  g_return_val_if_fail (name != NULL, NULL);

  len = strlen (name);
  for (i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      gsize slen = strlen (rules[i].suffix);

      if (len > slen && strcmp (name + len - slen, rules[i].suffix) == 0)
        {
          g_autofree char *stem = g_strndup (name, len - slen);

          return g_strconcat (stem, rules[i].shortened, NULL);
        }
    }
  return g_strdup (name);
}

/**
 * plot_figure_set_categories:
 * @fig: a figure
 * @names: (array length=n_names) (nullable): category names, for example the parameter
 *   names `lin1.weight`, `lin1.bias`, ... or layer labels
 * @n_names: number of @names, or -1 if @names is %NULL-terminated
 *
 * Sets the categories of the x axis. Category i sits at x = i; series value i is drawn
 * there. Labels on the axis are shortened with plot_shorten_parameter_name(). Positions
 * without a name are labelled with their 1-based number.
 */
void
plot_figure_set_categories (PlotFigure        *fig,
                            const char *const *names,
                            gssize             n_names)
{
  gsize i, n;

  g_return_if_fail (fig != NULL);
  g_return_if_fail (names != NULL || n_names <= 0);

  if (names == NULL)
    n = 0;
  else if (n_names < 0)
    n = g_strv_length ((char **) names);
  else
    n = (gsize) n_names;

  g_ptr_array_set_size (fig->categories, 0);
  g_ptr_array_set_size (fig->category_labels, 0);
  for (i = 0; i < n; i++)
    {
      const char *name = names[i] != NULL ? names[i] : "";

      g_ptr_array_add (fig->categories, g_strdup (name));
      g_ptr_array_add (fig->category_labels, plot_shorten_parameter_name (name));
    }
}

/**
 * plot_figure_get_n_categories:
 * @fig: a figure
 *
 * Returns: the number of category names set
 */
guint
plot_figure_get_n_categories (const PlotFigure *fig)
{
  g_return_val_if_fail (fig != NULL, 0);

  return fig->categories->len;
}

/**
 * plot_figure_get_category:
 * @fig: a figure
 * @index: a category index
 *
 * Returns: (nullable): the full name of category @index, %NULL if it has none
 */
const char *
plot_figure_get_category (const PlotFigure *fig,
                          guint             index)
{
  g_return_val_if_fail (fig != NULL, NULL);

  if (index >= fig->categories->len)
    return NULL;
  return g_ptr_array_index (fig->categories, index);
}

/**
 * plot_figure_get_category_label:
 * @fig: a figure
 * @index: a category index
 *
 * Returns: (nullable): the label of category @index on the axis (`lin1.w`), %NULL if it
 *   has no name
 */
const char *
plot_figure_get_category_label (const PlotFigure *fig,
                                guint             index)
{
  g_return_val_if_fail (fig != NULL, NULL);

  if (index >= fig->category_labels->len)
    return NULL;
  return g_ptr_array_index (fig->category_labels, index);
}

char *
_plot_figure_dup_category_label (const PlotFigure *fig,
                                 guint             index)
{
  if (index < fig->category_labels->len)
    return g_strdup (g_ptr_array_index (fig->category_labels, index));
  return g_strdup_printf ("%u", index + 1);
}

char *
_plot_figure_dup_series_label (const PlotFigure *fig,
                               guint             series)
{
  const PlotSeries *s = get_series (fig, series);

  if (s->label != NULL && s->label[0] != '\0')
    return g_strdup (s->label);
  /* Translators: legend label of a run that has no name */
  return g_strdup_printf (_("Run %u"), series + 1);
}

/**
 * plot_figure_add_series:
 * @fig: a figure
 * @label: (nullable): the legend label; %NULL gives "Run n"
 * @color: (nullable): the colour; %NULL takes the next colour of plot_palette_color()
 * @values: (array length=n_values) (nullable): the y values, one per category; zeros and
 *   non-finite values are kept as they are and drawn at the edge of the plot
 * @n_values: number of @values
 *
 * Appends a visible series. Series may have different lengths.
 *
 * Returns: the index of the new series
 */
guint
plot_figure_add_series (PlotFigure     *fig,
                        const char     *label,
                        const PlotRgba *color,
                        const double   *values,
                        gsize           n_values)
{
  PlotSeries *s;

  g_return_val_if_fail (fig != NULL, 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);

  s = g_new0 (PlotSeries, 1);
  s->label = g_strdup (label);
  if (color != NULL)
    s->color = *color;
  else
    plot_palette_color (fig->series->len, &s->color);
  s->visible = TRUE;
  s->values = dup_doubles (values, n_values);
  s->n_values = s->values != NULL ? n_values : 0;
  g_ptr_array_add (fig->series, s);
  return fig->series->len - 1;
}

/**
 * plot_figure_remove_all_series:
 * @fig: a figure
 *
 * Removes every series, keeping titles, categories and view.
 */
void
plot_figure_remove_all_series (PlotFigure *fig)
{
  g_return_if_fail (fig != NULL);

  g_ptr_array_set_size (fig->series, 0);
}

/**
 * plot_figure_get_n_series:
 * @fig: a figure
 *
 * Returns: the number of series
 */
guint
plot_figure_get_n_series (const PlotFigure *fig)
{
  g_return_val_if_fail (fig != NULL, 0);

  return fig->series->len;
}

/**
 * plot_figure_get_series_label:
 * @fig: a figure
 * @series: a series index
 *
 * Returns: (nullable): the label given to plot_figure_add_series()
 */
const char *
plot_figure_get_series_label (const PlotFigure *fig,
                              guint             series)
{
  g_return_val_if_fail (fig != NULL, NULL);
  g_return_val_if_fail (series < fig->series->len, NULL);

  return get_series (fig, series)->label;
}

/**
 * plot_figure_get_series_color:
 * @fig: a figure
 * @series: a series index
 * @color: (out caller-allocates): the colour of the series
 */
void
plot_figure_get_series_color (const PlotFigure *fig,
                              guint             series,
                              PlotRgba         *color)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (series < fig->series->len);
  g_return_if_fail (color != NULL);

  *color = get_series (fig, series)->color;
}

/**
 * plot_figure_set_series_color:
 * @fig: a figure
 * @series: a series index
 * @color: the new colour
 */
void
plot_figure_set_series_color (PlotFigure     *fig,
                              guint           series,
                              const PlotRgba *color)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (series < fig->series->len);
  g_return_if_fail (color != NULL);

  get_series (fig, series)->color = *color;
}

/**
 * plot_figure_get_series_visible:
 * @fig: a figure
 * @series: a series index
 *
 * Returns: whether the series is drawn
 */
gboolean
plot_figure_get_series_visible (const PlotFigure *fig,
                                guint             series)
{
  g_return_val_if_fail (fig != NULL, FALSE);
  g_return_val_if_fail (series < fig->series->len, FALSE);

  return get_series (fig, series)->visible;
}

/**
 * plot_figure_set_series_visible:
 * @fig: a figure
 * @series: a series index
 * @visible: whether to draw the series
 *
 * Shows or hides a series. A hidden series stays in the legend, greyed, and is left out of
 * the automatic range, of hit-testing and of the off-axis note.
 */
void
plot_figure_set_series_visible (PlotFigure *fig,
                                guint       series,
                                gboolean    visible)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (series < fig->series->len);

  get_series (fig, series)->visible = !!visible;
}

/**
 * plot_figure_get_series_values:
 * @fig: a figure
 * @series: a series index
 * @n_values: (out) (optional): number of values
 *
 * Returns: (array length=n_values) (nullable) (transfer none): the y values
 */
const double *
plot_figure_get_series_values (const PlotFigure *fig,
                               guint             series,
                               gsize            *n_values)
{
  const PlotSeries *s;

  g_return_val_if_fail (fig != NULL, NULL);
  g_return_val_if_fail (series < fig->series->len, NULL);

  s = get_series (fig, series);
  if (n_values != NULL)
    *n_values = s->n_values;
  return s->values;
}

/**
 * plot_figure_set_series_band:
 * @fig: a figure
 * @series: a series index
 * @low: (array length=n_values) (nullable): lower edge, e.g. the first quartile over seeds
 * @high: (array length=n_values) (nullable): upper edge, e.g. the third quartile
 * @n_values: number of values in each array; 0 (or %NULL arrays) removes the band
 *
 * Sets the translucent band drawn around the series line (the median). The band breaks
 * where an edge is not on the axis.
 */
void
plot_figure_set_series_band (PlotFigure   *fig,
                             guint         series,
                             const double *low,
                             const double *high,
                             gsize         n_values)
{
  PlotSeries *s;

  g_return_if_fail (fig != NULL);
  g_return_if_fail (series < fig->series->len);

  s = get_series (fig, series);
  g_clear_pointer (&s->band_low, g_free);
  g_clear_pointer (&s->band_high, g_free);
  s->n_band = 0;
  if (low == NULL || high == NULL || n_values == 0)
    return;
  s->band_low = dup_doubles (low, n_values);
  s->band_high = dup_doubles (high, n_values);
  s->n_band = n_values;
}

/**
 * plot_figure_get_series_band:
 * @fig: a figure
 * @series: a series index
 * @low: (out) (optional) (transfer none): lower edge
 * @high: (out) (optional) (transfer none): upper edge
 * @n_values: (out) (optional): number of values
 *
 * Returns: %TRUE if the series has a band
 */
gboolean
plot_figure_get_series_band (const PlotFigure  *fig,
                             guint              series,
                             const double     **low,
                             const double     **high,
                             gsize             *n_values)
{
  const PlotSeries *s;

  g_return_val_if_fail (fig != NULL, FALSE);
  g_return_val_if_fail (series < fig->series->len, FALSE);

  s = get_series (fig, series);
  if (low != NULL)
    *low = s->band_low;
  if (high != NULL)
    *high = s->band_high;
  if (n_values != NULL)
    *n_values = s->n_band;
  return s->n_band > 0;
}

/**
 * plot_figure_set_series_whiskers:
 * @fig: a figure
 * @series: a series index
 * @min: (array length=n_values) (nullable): lower whisker, e.g. the minimum over seeds
 * @max: (array length=n_values) (nullable): upper whisker, e.g. the maximum over seeds
 * @n_values: number of values in each array; 0 (or %NULL arrays) removes the whiskers
 *
 * Sets the whisker range, drawn as a lighter band than plot_figure_set_series_band().
 */
void
plot_figure_set_series_whiskers (PlotFigure   *fig,
                                 guint         series,
                                 const double *min,
                                 const double *max,
                                 gsize         n_values)
{
  PlotSeries *s;

  g_return_if_fail (fig != NULL);
  g_return_if_fail (series < fig->series->len);

  s = get_series (fig, series);
  g_clear_pointer (&s->whisker_min, g_free);
  g_clear_pointer (&s->whisker_max, g_free);
  s->n_whiskers = 0;
  if (min == NULL || max == NULL || n_values == 0)
    return;
  s->whisker_min = dup_doubles (min, n_values);
  s->whisker_max = dup_doubles (max, n_values);
  s->n_whiskers = n_values;
}

/**
 * plot_figure_get_series_whiskers:
 * @fig: a figure
 * @series: a series index
 * @min: (out) (optional) (transfer none): lower whisker
 * @max: (out) (optional) (transfer none): upper whisker
 * @n_values: (out) (optional): number of values
 *
 * Returns: %TRUE if the series has whiskers
 */
gboolean
plot_figure_get_series_whiskers (const PlotFigure  *fig,
                                 guint              series,
                                 const double     **min,
                                 const double     **max,
                                 gsize             *n_values)
{
  const PlotSeries *s;

  g_return_val_if_fail (fig != NULL, FALSE);
  g_return_val_if_fail (series < fig->series->len, FALSE);

  s = get_series (fig, series);
  if (min != NULL)
    *min = s->whisker_min;
  if (max != NULL)
    *max = s->whisker_max;
  if (n_values != NULL)
    *n_values = s->n_whiskers;
  return s->n_whiskers > 0;
}

/**
 * plot_figure_set_series_legend_suffix:
 * @fig: a figure
 * @series: a series index
 * @suffix: (nullable): text shown in the legend on a line of its own under the label,
 *   smaller and dimmer, such as "×0.12 per layer"; legend entries are two lines tall when
 *   any series has one
 */
void
plot_figure_set_series_legend_suffix (PlotFigure *fig,
                                      guint       series,
                                      const char *suffix)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (series < fig->series->len);

  replace_string (&get_series (fig, series)->legend_suffix, suffix);
}

/**
 * plot_figure_set_series_zero_cause:
 * @fig: a figure
 * @series: a series index
 * @cause: (nullable): why the series' exact zeros are zero, as the off-axis note names it
 *   ("no signal: dead units"); %NULL for the default, "underflow"
 */
void
plot_figure_set_series_zero_cause (PlotFigure *fig,
                                   guint       series,
                                   const char *cause)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (series < fig->series->len);

  replace_string (&get_series (fig, series)->zero_cause, cause);
}

/**
 * plot_figure_get_series_zero_cause:
 * @fig: a figure
 * @series: a series index
 *
 * Returns: (nullable): the cause set with plot_figure_set_series_zero_cause()
 */
const char *
plot_figure_get_series_zero_cause (const PlotFigure *fig,
                                   guint             series)
{
  g_return_val_if_fail (fig != NULL, NULL);
  g_return_val_if_fail (series < fig->series->len, NULL);

  return get_series (fig, series)->zero_cause;
}

/**
 * plot_figure_set_series_dashed:
 * @fig: a figure
 * @series: a series index
 * @dashed: draw the series' line (and its legend swatch) dashed, as for a
 *   prediction beside a measurement or a preview; markers stay as they are
 */
void
plot_figure_set_series_dashed (PlotFigure *fig,
                               guint       series,
                               gboolean    dashed)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (series < fig->series->len);

  get_series (fig, series)->dashed = !!dashed;
}

gboolean
plot_figure_get_series_dashed (const PlotFigure *fig,
                               guint             series)
{
  g_return_val_if_fail (fig != NULL, FALSE);
  g_return_val_if_fail (series < fig->series->len, FALSE);

  return get_series (fig, series)->dashed;
}

/**
 * plot_figure_set_series_note:
 * @fig: a figure
 * @series: a series index
 * @note: (nullable): a sentence or two about the series for tooltips (why it has the
 *   shape it has); never drawn, so exports do not change
 */
void
plot_figure_set_series_note (PlotFigure *fig,
                             guint       series,
                             const char *note)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (series < fig->series->len);

  replace_string (&get_series (fig, series)->note, note);
}

/* Returns: (nullable): the note set with plot_figure_set_series_note() */
const char *
plot_figure_get_series_note (const PlotFigure *fig,
                             guint             series)
{
  g_return_val_if_fail (fig != NULL, NULL);
  g_return_val_if_fail (series < fig->series->len, NULL);

  return get_series (fig, series)->note;
}

/**
 * plot_figure_get_series_legend_suffix:
 * @fig: a figure
 * @series: a series index
 *
 * Returns: (nullable): the legend suffix
 */
const char *
plot_figure_get_series_legend_suffix (const PlotFigure *fig,
                                      guint             series)
{
  g_return_val_if_fail (fig != NULL, NULL);
  g_return_val_if_fail (series < fig->series->len, NULL);

  return get_series (fig, series)->legend_suffix;
}

/**
 * plot_figure_set_x_view:
 * @fig: a figure
 * @min: left edge, in category index units (category i sits at i)
 * @max: right edge, greater than @min
 *
 * Fixes the x range shown (zoom and pan); plot_figure_reset_view() returns to automatic.
 */
void
plot_figure_set_x_view (PlotFigure *fig,
                        double      min,
                        double      max)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (plot_axis_range_is_valid (PLOT_SCALE_LINEAR, min, max));

  fig->x_view_set = TRUE;
  fig->x_view_min = min;
  fig->x_view_max = max;
}

/**
 * plot_figure_get_x_view:
 * @fig: a figure
 * @min: (out) (optional): left edge
 * @max: (out) (optional): right edge
 *
 * Gives the x range set with plot_figure_set_x_view(). Use plot_layout_compute() for the
 * range actually shown, automatic or not.
 *
 * Returns: %TRUE if an x range is set, %FALSE if it is automatic (outputs untouched)
 */
gboolean
plot_figure_get_x_view (const PlotFigure *fig,
                        double           *min,
                        double           *max)
{
  g_return_val_if_fail (fig != NULL, FALSE);

  if (!fig->x_view_set)
    return FALSE;
  if (min != NULL)
    *min = fig->x_view_min;
  if (max != NULL)
    *max = fig->x_view_max;
  return TRUE;
}

/**
 * plot_figure_set_y_view:
 * @fig: a figure
 * @min: bottom edge, in data units (above zero on a log axis)
 * @max: top edge, greater than @min
 *
 * Fixes the y range shown (zoom and pan); plot_figure_reset_view() returns to automatic.
 * The range must be valid for the current y scale (plot_axis_range_is_valid()).
 */
void
plot_figure_set_y_view (PlotFigure *fig,
                        double      min,
                        double      max)
{
  g_return_if_fail (fig != NULL);
  g_return_if_fail (plot_axis_range_is_valid (fig->y_scale, min, max));

  fig->y_view_set = TRUE;
  fig->y_view_min = min;
  fig->y_view_max = max;
}

/**
 * plot_figure_get_y_view:
 * @fig: a figure
 * @min: (out) (optional): bottom edge
 * @max: (out) (optional): top edge
 *
 * Returns: %TRUE if a y range is set, %FALSE if it is automatic (outputs untouched)
 */
gboolean
plot_figure_get_y_view (const PlotFigure *fig,
                        double           *min,
                        double           *max)
{
  g_return_val_if_fail (fig != NULL, FALSE);

  if (!fig->y_view_set)
    return FALSE;
  if (min != NULL)
    *min = fig->y_view_min;
  if (max != NULL)
    *max = fig->y_view_max;
  return TRUE;
}

/**
 * plot_figure_reset_view:
 * @fig: a figure
 *
 * Returns both axes to their automatic range (the double-click of the plot view).
 */
void
plot_figure_reset_view (PlotFigure *fig)
{
  g_return_if_fail (fig != NULL);

  fig->x_view_set = FALSE;
  fig->y_view_set = FALSE;
}

/**
 * plot_format_value:
 * @value: any double
 *
 * Formats a value for people: six significant digits (`1.86284e-05`), `0`, `+inf`,
 * `-inf` or `NaN`.
 *
 * Returns: (transfer full): the text
 */
char *
plot_format_value (double value)
{
  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "+inf" : "-inf");
  return g_strdup_printf ("%.6g", value);
}

static char *
describe_off_axis (PlotValueClass  cls,
                   double          value,
                   const char     *zero_cause)
{
  g_autofree char *text = plot_format_value (value);

  switch (cls)
    {
    case PLOT_VALUE_ZERO:
      if (zero_cause != NULL)
        /* Translators: a gradient norm of exactly zero; %s is why ("no signal: dead units") */
        return g_strdup_printf (_("0 (%s)"), zero_cause);
      /* Translators: a gradient norm of exactly zero */
      return g_strdup (_("0 (underflow)"));
    case PLOT_VALUE_NEGATIVE:
      /* Translators: %s is a number */
      return g_strdup_printf (_("%s (negative)"), text);
    case PLOT_VALUE_POS_INF:
      return g_strdup (_("+inf (overflow)"));
    case PLOT_VALUE_NEG_INF:
    case PLOT_VALUE_NAN:
    case PLOT_VALUE_ON_AXIS:
    default:
      return g_steal_pointer (&text);
    }
}

/* what several off-axis values of one class have in common ("0 (underflow)") */
static char *
describe_off_axis_group (PlotValueClass  cls,
                         const char     *zero_cause)
{
  switch (cls)
    {
    case PLOT_VALUE_ZERO:
      return describe_off_axis (cls, 0.0, zero_cause);
    case PLOT_VALUE_NEGATIVE:
      /* Translators: what several values are ("12 values are negative, from ... to ...") */
      return g_strdup (_("negative"));
    case PLOT_VALUE_POS_INF:
      return describe_off_axis (cls, INFINITY, NULL);
    case PLOT_VALUE_NEG_INF:
      return describe_off_axis (cls, -INFINITY, NULL);
    case PLOT_VALUE_NAN:
    case PLOT_VALUE_ON_AXIS:
    default:
      return describe_off_axis (cls, NAN, NULL);
    }
}

/* the values of one series that are off the axis, one class at a time:
 * a few by name ("lin1.w = 0 (underflow), lin1.b = 0 (underflow)"), more
 * as their number and range ("1960 values are 0 (underflow), from lin1.w
 * to lin980.b"), so that a deep network's note stays one line or two */
#define PLOT_NOTE_LIST_AT_MOST 3

static void
append_series_off_axis (const PlotFigure *fig,
                        guint             s,
                        GString          *body,
                        guint            *seen,
                        guint            *listed,
                        guint            *unlisted)
{
  const PlotSeries *series = get_series (fig, s);
  guint count[PLOT_VALUE_NAN + 1] = { 0 };
  gsize first[PLOT_VALUE_NAN + 1] = { 0 }, last[PLOT_VALUE_NAN + 1] = { 0 };
  gboolean started = FALSE;

  for (gsize i = 0; i < series->n_values; i++)
    {
      PlotValueClass cls = plot_axis_classify (fig->y_scale, series->values[i]);

      if (cls == PLOT_VALUE_ON_AXIS || _plot_series_is_gap (series, i))
        continue;
      if (count[cls]++ == 0)
        first[cls] = i;
      last[cls] = i;
      *seen |= 1u << cls;
    }

  /* the classes in the order their first value comes */
  for (gsize i = 0; i < series->n_values; i++)
    {
      PlotValueClass cls = plot_axis_classify (fig->y_scale, series->values[i]);
      g_autofree char *category = NULL;
      g_autofree char *value = NULL;

      if (cls == PLOT_VALUE_ON_AXIS || _plot_series_is_gap (series, i)
          || (count[cls] > PLOT_NOTE_LIST_AT_MOST && i != first[cls]))
        continue;
      if (*listed >= PLOT_NOTE_MAX_VALUES)
        {
          *unlisted += count[cls] > PLOT_NOTE_LIST_AT_MOST ? count[cls] : 1;
          continue;
        }
      (*listed)++;
      if (!started)
        {
          g_autofree char *label = _plot_figure_dup_series_label (fig, s);

          if (body->len > 0)
            g_string_append (body, "; ");
          g_string_append_printf (body, "%s: ", label);
          started = TRUE;
        }
      else
        g_string_append (body, ", ");
      if (count[cls] > PLOT_NOTE_LIST_AT_MOST)
        {
          g_autofree char *from = _plot_figure_dup_category_label (fig, first[cls]);
          g_autofree char *to = _plot_figure_dup_category_label (fig, last[cls]);

          value = describe_off_axis_group (cls, series->zero_cause);
          /* Translators: many values off the axis in a few words: how many, what
           * they are ("0 (underflow)"), the first and the last category where
           * they are ("1960 values are 0 (underflow), from lin1.w to lin980.b") */
          g_string_append_printf (body, _("%u values are %s, from %s to %s"), count[cls], value, from, to);
          continue;
        }
      category = _plot_figure_dup_category_label (fig, i);
      value = describe_off_axis (cls, series->values[i], series->zero_cause);
      g_string_append_printf (body, "%s = %s", category, value);
    }
}

/**
 * plot_figure_dup_off_axis_note:
 * @fig: a figure
 *
 * Describes the values of visible series that cannot sit on the y axis (zero, negative,
 * infinite or NaN on a log axis; infinite or NaN on a linear one): which markers stand for
 * them, then, per series, each category and value, as in
 * "Not on the log axis, marked at its edge (▽ zero, × NaN): Vanilla Sigmoid: lin1.w = 0
 * (underflow); Leaky ReLU: lin5.w = NaN". More than three values of one kind in a series
 * are summarised by their number and range ("Deep sigmoid: 1960 values are 0 (underflow),
 * from lin1.w to lin980.b"). At most %PLOT_NOTE_MAX_VALUES entries are listed, then how
 * many more values there are. plot_render() prints it under the plot.
 *
 * Returns: (transfer full) (nullable): the note, or %NULL when every value is on the axis
 */
char *
plot_figure_dup_off_axis_note (const PlotFigure *fig)
{
  static const struct { PlotValueClass cls; const char *marker; } markers[] = {
    /* Translators: the hollow triangle marking a zero value at the bottom edge */
    { PLOT_VALUE_ZERO, N_("▽ zero") },
    /* Translators: the hollow diamond marking a negative value at the bottom edge */
    { PLOT_VALUE_NEGATIVE, N_("◇ negative") },
    /* Translators: the hollow triangle marking +infinity at the top edge */
    { PLOT_VALUE_POS_INF, N_("△ +inf") },
    /* Translators: the hollow diamond marking -infinity at the bottom edge */
    { PLOT_VALUE_NEG_INF, N_("◇ -inf") },
    /* Translators: the cross marking a NaN value at the top edge */
    { PLOT_VALUE_NAN, N_("× NaN") },
  };
  g_autoptr(GString) body = NULL;
  g_autoptr(GString) legend = NULL;
  guint seen = 0, listed = 0, unlisted = 0;
  guint s, i;

  g_return_val_if_fail (fig != NULL, NULL);

  body = g_string_new (NULL);
  for (s = 0; s < fig->series->len; s++)
    if (get_series (fig, s)->visible)
      append_series_off_axis (fig, s, body, &seen, &listed, &unlisted);

  if (seen == 0)
    return NULL;
  if (unlisted > 0)
    {
      g_string_append (body, "; ");
      /* Translators: ends the list of values off the axis when it is too long to show */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more value",
                                                 "and %u more values", unlisted), unlisted);
    }

  legend = g_string_new (NULL);
  for (i = 0; i < G_N_ELEMENTS (markers); i++)
    if (seen & (1u << markers[i].cls))
      {
        if (legend->len > 0)
          g_string_append (legend, ", ");
        g_string_append (legend, _(markers[i].marker));
      }

  if (fig->y_scale == PLOT_SCALE_LOG)
    /* Translators: the first %s lists the markers used ("▽ zero, × NaN"), the second the
     * values ("Run A: lin1.w = 0 (underflow); Run B: lin5.w = NaN") */
    return g_strdup_printf (_("Not on the log axis, marked at its edge (%s): %s"),
                            legend->str, body->str);
  /* Translators: as above, for a linear axis */
  return g_strdup_printf (_("Not on the axis, marked at its edge (%s): %s"),
                          legend->str, body->str);
}
