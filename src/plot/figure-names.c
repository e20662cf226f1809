/* figure-names.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "figure-private.h"

/* Series placed by category name: runs of different networks share one x
 * axis (a plain run has no norm1.weight, a normalised one has), each value
 * at its parameter's category, with a gap where a run has no such
 * parameter. */

/* one more slot at index in an array of n doubles (no change past its end) */
static void
insert_double (double **values,
               gsize   *n,
               gsize    index,
               double   value)
{
  if (*values == NULL || index >= *n)
    return;
  *values = g_renew (double, *values, *n + 1);
  memmove (*values + index + 1, *values + index, (*n - index) * sizeof (double));
  (*values)[index] = value;
  (*n)++;
}

/* every series gets a gap at a new category index */
static void
insert_gap (PlotSeries *s,
            gsize       index)
{
  gsize n = s->n_values, n_high = s->n_band, n_max = s->n_whiskers;

  if (index >= s->n_values)
    return;
  if (s->gaps == NULL)
    s->gaps = g_new0 (guint8, n);
  s->gaps = g_renew (guint8, s->gaps, n + 1);
  memmove (s->gaps + index + 1, s->gaps + index, n - index);
  s->gaps[index] = 1;
  insert_double (&s->values, &s->n_values, index, NAN);
  insert_double (&s->band_low, &s->n_band, index, NAN);
  insert_double (&s->band_high, &n_high, index, NAN);
  insert_double (&s->whisker_min, &s->n_whiskers, index, NAN);
  insert_double (&s->whisker_max, &n_max, index, NAN);
}

static gssize
find_category (const PlotFigure *fig,
               const char       *name,
               guint             from)
{
  for (guint i = from; i < fig->categories->len; i++)
    if (g_str_equal (g_ptr_array_index (fig->categories, i), name))
      return i;
  for (guint i = 0; i < MIN (from, fig->categories->len); i++)
    if (g_str_equal (g_ptr_array_index (fig->categories, i), name))
      return i;
  return -1;
}

/**
 * plot_figure_merge_categories:
 * @fig: a figure
 * @names: (array length=n_names): the categories of a new series, in order
 * @n_names: how many
 *
 * Adds the names @fig lacks to its categories, each after the name that
 * precedes it in @names ("norm1.weight" after "lin1.bias"), and gives the
 * series already there a gap at each new category, so that they keep their
 * values at their names.
 *
 * Returns: (transfer full) (array length=n_names): the category index of
 *   each name, for the values of the new series
 */
guint *
plot_figure_merge_categories (PlotFigure        *fig,
                              const char *const *names,
                              gsize              n_names)
{
  guint *slots;
  guint next = 0;

  g_return_val_if_fail (fig != NULL, NULL);
  g_return_val_if_fail (names != NULL || n_names == 0, NULL);

  slots = g_new0 (guint, MAX (n_names, 1));
  for (gsize i = 0; i < n_names; i++)
    {
      const char *name = names[i] != NULL ? names[i] : "";
      gssize found = find_category (fig, name, next);

      if (found < 0)
        {
          found = next;
          g_ptr_array_insert (fig->categories, (int) found, g_strdup (name));
          g_ptr_array_insert (fig->category_labels, (int) found, plot_shorten_parameter_name (name));
          for (guint s = 0; s < fig->series->len; s++)
            insert_gap (g_ptr_array_index (fig->series, s), (gsize) found);
        }
      slots[i] = (guint) found;
      next = (guint) found + 1;
    }
  return slots;
}

/**
 * plot_figure_set_series_gaps:
 * @fig: a figure
 * @series: a series index
 * @gaps: (array length=n_values): %TRUE where the series has no value
 * @n_values: how many flags, at most the series' number of values
 *
 * Marks the categories where @series has no value: nothing is drawn there,
 * its line joins the values on either side, and no tooltip or note names
 * them.
 */
void
plot_figure_set_series_gaps (PlotFigure     *fig,
                             guint           series,
                             const gboolean *gaps,
                             gsize           n_values)
{
  PlotSeries *s;

  g_return_if_fail (fig != NULL);
  g_return_if_fail (series < fig->series->len);
  g_return_if_fail (gaps != NULL || n_values == 0);

  s = g_ptr_array_index (fig->series, series);
  g_return_if_fail (n_values <= s->n_values);
  g_clear_pointer (&s->gaps, g_free);
  if (s->n_values == 0)
    return;
  s->gaps = g_new0 (guint8, s->n_values);
  for (gsize i = 0; i < n_values; i++)
    s->gaps[i] = gaps[i] ? 1 : 0;
}

/**
 * plot_figure_get_series_gap:
 * @fig: a figure
 * @series: a series index
 * @index: a category index
 *
 * Returns: whether @series has a gap at @index (plot_figure_set_series_gaps())
 */
gboolean
plot_figure_get_series_gap (const PlotFigure *fig,
                            guint             series,
                            guint             index)
{
  g_return_val_if_fail (fig != NULL, FALSE);
  g_return_val_if_fail (series < fig->series->len, FALSE);

  return _plot_series_is_gap (g_ptr_array_index (fig->series, series), index);
}
