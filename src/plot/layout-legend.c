/* layout-legend.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The legend's part of the layout (layout.c): its text, the height of its entries, how
 * many entries fit beside the data area or in how many columns below it, and where each
 * entry goes. */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "figure-private.h"
#include "layout-private.h"

/* The legend text of series 0 .. @n_entries - 1, and a last "+N more" line when that is not
 * every series: labels at @em, one line each, and the suffixes at 0.85 @em, one line per
 * entry (empty without one), or none when no series has one. Returns the width of the
 * widest line. */
static double
legend_shape (const PlotFigure *fig,
              PangoContext     *context,
              double            em,
              gboolean          suffixes,
              guint             n_entries,
              PlotLayoutText   *text)
{
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  double width;
  guint i;

  g_clear_object (&text->legend_labels);
  g_clear_object (&text->legend_suffixes);

  for (i = 0; i < n_entries; i++)
    {
      const PlotSeries *s = g_ptr_array_index (fig->series, i);
      g_autofree char *label = _plot_figure_dup_series_label (fig, i);
      g_autofree char *clean = _plot_text_sanitize (label);

      if (i > 0)
        {
          g_string_append_c (labels, '\n');
          g_string_append_c (lines, '\n');
        }
      g_string_append (labels, clean);
      if (s->legend_suffix != NULL)
        {
          g_autofree char *suffix = _plot_text_sanitize (s->legend_suffix);

          g_string_append (lines, suffix);
        }
    }
  if (n_entries < fig->series->len)
    {
      g_autofree char *more = NULL;

      /* Translators: last legend entry when not every run fits; %u is how many are left out */
      more = g_strdup_printf (_("+%u more"), fig->series->len - n_entries);
      if (n_entries > 0)
        g_string_append_c (labels, '\n');
      g_string_append (labels, more);
    }

  text->legend_labels = _plot_text_layout_new (context, em);
  pango_layout_set_text (text->legend_labels, labels->str, -1);
  width = _plot_text_max_line_width (text->legend_labels);
  if (suffixes && n_entries > 0)
    {
      text->legend_suffixes = _plot_text_layout_new (context, 0.85 * em);
      pango_layout_set_text (text->legend_suffixes, lines->str, -1);
      width = MAX (width, _plot_text_max_line_width (text->legend_suffixes));
    }
  return width;
}

/* Cuts the legend text short with "…" to @width; returns whether something was cut. */
static gboolean
legend_ellipsize (PlotLayoutText *text,
                  double          width)
{
  gboolean cut;

  pango_layout_set_width (text->legend_labels, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_ellipsize (text->legend_labels, PANGO_ELLIPSIZE_END);
  cut = pango_layout_is_ellipsized (text->legend_labels);
  if (text->legend_suffixes != NULL)
    {
      pango_layout_set_width (text->legend_suffixes, (int) (MAX (width, 1.0) * PANGO_SCALE));
      pango_layout_set_ellipsize (text->legend_suffixes, PANGO_ELLIPSIZE_END);
      cut = cut || pango_layout_is_ellipsized (text->legend_suffixes);
    }
  return cut;
}

static gboolean
any_legend_suffix (const PlotFigure *fig)
{
  guint i;

  for (i = 0; i < fig->series->len; i++)
    {
      const PlotSeries *s = g_ptr_array_index (fig->series, i);

      if (s->legend_suffix != NULL && s->legend_suffix[0] != '\0')
        return TRUE;
    }
  return FALSE;
}

/* The height of a legend entry and where its lines go: one line of 1.6 em, or the label
 * where that line would be and the suffix under it. */
static void
legend_metrics (PangoContext   *context,
                double          em,
                gboolean        suffixes,
                PlotLayoutText *text,
                PlotLegendPlan *plan)
{
  const PlotFontMetrics *m = &text->label_metrics;

  text->legend_swatch_dy = 0.8 * em;
  text->legend_label_dy = 0.8 * em + (m->ascent - m->descent) / 2;
  plan->row_h = 1.6 * em;
  if (suffixes)
    {
      PlotFontMetrics sm;

      _plot_text_metrics (context, 0.85 * em, &sm);
      text->legend_suffix_dy = text->legend_label_dy + m->descent + sm.ascent + 0.1 * em;
      plan->row_h = text->legend_suffix_dy + sm.descent + 0.4 * em;
    }
}

/* Sets up @plan and the legend text's offsets for a figure with series: swatch, gaps and
 * the height of an entry. The font metrics of @text must be known. */
void
_plot_layout_legend_begin (const PlotFigure *fig,
                           PangoContext     *context,
                           double            em,
                           PlotLayoutText   *text,
                           PlotLegendPlan   *plan)
{
  plan->swatch = 2.6 * em;
  plan->col_gap = 1.5 * em;
  plan->suffixes = any_legend_suffix (fig);
  legend_metrics (context, em, plan->suffixes, text, plan);
  text->legend_text_dx = plan->swatch;
}

/* The legend beside the data area, from the top down the right side: as many entries as
 * fit in @height, in one column as wide as the widest. */
void
_plot_layout_legend_plan_beside (const PlotFigure *fig,
                                 PangoContext     *context,
                                 double            em,
                                 double            height,
                                 PlotLayoutText   *text,
                                 PlotLegendPlan   *plan)
{
  double text_w;
  guint max_rows;

  max_rows = (guint) MAX (1.0, floor (height / plan->row_h));
  if (fig->series->len <= max_rows)
    plan->n_entries = plan->n_rows = fig->series->len;
  else
    {
      plan->n_rows = max_rows;
      plan->n_entries = max_rows - 1;
    }
  text_w = legend_shape (fig, context, em, plan->suffixes, plan->n_entries, text);
  plan->n_cols = 1;
  plan->col_w = plan->width = plan->swatch + text_w;
}

/* The legend below the data area: entries of equal width in as many columns as fit across
 * the figure, in at most half its height. Text is cut short only as a last resort:
 * when one entry is wider than the figure, or when that lets every entry in where whole
 * entries would not fit (with at least MIN_LEGEND_TEXT em of text each); failing that, the
 * last entry says "+N more". */
#define MIN_LEGEND_TEXT 4.0

void
_plot_layout_legend_plan_below (const PlotFigure *fig,
                                PangoContext     *context,
                                double            em,
                                double            w,
                                double            h,
                                double            pad,
                                PlotLayoutText   *text,
                                PlotLegendPlan   *plan)
{
  guint n = fig->series->len, cols, max_rows, rows, entries;
  double avail = MAX (w - 2 * pad, 1.0), entry_w, col_w;
  gboolean cut = FALSE;

  entry_w = plan->swatch + legend_shape (fig, context, em, plan->suffixes, n, text);
  cols = (guint) CLAMP (floor ((avail + plan->col_gap) / (entry_w + plan->col_gap)), 1.0, n);
  col_w = MIN (entry_w, avail) + (cols > 1 ? plan->col_gap : 0.0);
  cut = entry_w > avail;
  rows = (n + cols - 1) / cols;
  max_rows = (guint) MAX (1.0, floor (h / 2 / plan->row_h));
  entries = n;
  if (rows > max_rows)
    {
      guint more_cols = (n + max_rows - 1) / max_rows;
      double narrow = (avail + plan->col_gap) / more_cols;

      if (narrow - plan->col_gap - plan->swatch >= MIN_LEGEND_TEXT * em)
        {
          /* Every entry, cut short */
          cols = more_cols;
          col_w = narrow;
          cut = TRUE;
          rows = (n + cols - 1) / cols;
        }
      else
        {
          rows = max_rows;
          entries = rows * cols - 1;
          legend_shape (fig, context, em, plan->suffixes, entries, text);
        }
    }

  plan->n_entries = entries;
  plan->n_rows = rows;
  plan->n_cols = cols;
  plan->col_w = col_w;
  if (cut)
    plan->truncated = legend_ellipsize (text, col_w - plan->swatch - (cols > 1 ? plan->col_gap : 0.0));
  /* No gap after the last column */
  plan->width = MIN (cols * col_w - (cols > 1 ? plan->col_gap : 0.0), avail);
}

/* Copies @plan into @layout, whose legend box has its position and height already. Below
 * the data area, the legend lines up with the data area's left edge @left when that leaves
 * every column in the figure of width @w. */
void
_plot_layout_legend_finish (PlotLayout           *layout,
                            const PlotLegendPlan *plan,
                            gboolean              below,
                            double                left,
                            double                w,
                            double                pad)
{
  if (below && left + plan->width <= w - pad)
    layout->legend.x = left;
  layout->legend.width = plan->width;
  layout->legend_row_height = plan->row_h;
  layout->legend_n_rows = plan->n_rows;
  layout->legend_n_entries = plan->n_entries;
  layout->legend_n_columns = plan->n_cols;
  layout->legend_column_width = plan->col_w;
  layout->legend_below = below;
  layout->legend_truncated = plan->truncated;
}

/**
 * plot_layout_legend_entry:
 * @layout: a layout
 * @entry: a legend entry: series @entry, below #PlotLayout.legend_n_entries
 * @bounds: (out): where the entry is drawn, swatch and text
 *
 * Gives the rectangle of a legend entry: the entries fill #PlotLayout.legend_n_columns
 * columns of width #PlotLayout.legend_column_width from left to right, then row by row.
 * plot_layout_hit_legend() finds an entry the same way, so a click anywhere in it selects
 * its series.
 *
 * Returns: %TRUE if the legend lists series @entry
 */
gboolean
plot_layout_legend_entry (const PlotLayout *layout,
                          guint             entry,
                          PlotRect         *bounds)
{
  guint cols;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (entry >= layout->legend_n_entries)
    return FALSE;
  cols = MAX (layout->legend_n_columns, 1);
  bounds->x = layout->legend.x + (entry % cols) * layout->legend_column_width;
  bounds->y = layout->legend.y + (entry / cols) * layout->legend_row_height;
  bounds->width = MIN (layout->legend_column_width,
                       layout->legend.x + layout->legend.width - bounds->x);
  bounds->height = layout->legend_row_height;
  return TRUE;
}
