/* layout.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Where everything of a figure goes at a given size: plot_layout_compute() and the text
 * plot_render() draws. The mapping between data and pixels, with zoom and pan, is in
 * layout-mapping.c. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "figure-private.h"
#include "layout-private.h"

/* Categories of free space at each end of the automatic x range, so the first and last
 * markers do not sit on the edge. */
#define X_PAD 0.4

static void
collect_y_values (const PlotFigure *fig,
                  GArray           *values)
{
  guint i;

  for (i = 0; i < fig->series->len; i++)
    {
      const PlotSeries *s = g_ptr_array_index (fig->series, i);

      if (!s->visible)
        continue;
      if (s->n_values > 0)
        g_array_append_vals (values, s->values, s->n_values);
      if (s->n_band > 0)
        {
          g_array_append_vals (values, s->band_low, s->n_band);
          g_array_append_vals (values, s->band_high, s->n_band);
        }
      if (s->n_whiskers > 0)
        {
          g_array_append_vals (values, s->whisker_min, s->n_whiskers);
          g_array_append_vals (values, s->whisker_max, s->n_whiskers);
        }
    }
}

static void
set_plain_text (PangoLayout *layout,
                const char  *text)
{
  g_autofree char *clean = _plot_text_sanitize (text);

  pango_layout_set_text (layout, clean, -1);
}

static PangoLayout *
single_line_layout (PangoContext *context,
                    double        size,
                    const char   *text,
                    double        max_width)
{
  PangoLayout *layout = _plot_text_layout_new (context, size);

  set_plain_text (layout, text);
  pango_layout_set_width (layout, (int) (MAX (max_width, 1.0) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static double
max_line_width (PangoLayout *layout)
{
  GSList *l;
  double max = 0.0;

  for (l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      double w;

      _plot_text_line_size (l->data, &w, NULL);
      max = MAX (max, w);
    }
  return max;
}

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
  width = max_line_width (text->legend_labels);
  if (suffixes && n_entries > 0)
    {
      text->legend_suffixes = _plot_text_layout_new (context, 0.85 * em);
      pango_layout_set_text (text->legend_suffixes, lines->str, -1);
      width = MAX (width, max_line_width (text->legend_suffixes));
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

static const char *
empty_message (const PlotFigure *fig)
{
  guint i;
  gboolean any_visible = FALSE;

  if (fig->series->len == 0)
    return _("No data");
  for (i = 0; i < fig->series->len; i++)
    if (((const PlotSeries *) g_ptr_array_index (fig->series, i))->visible)
      any_visible = TRUE;
  if (!any_visible)
    return _("All runs are hidden");
  if (fig->y_scale == PLOT_SCALE_LOG)
    return _("No finite value above zero to show on a log axis");
  return _("No finite value to show");
}

static gsize
category_label_length (const PlotFigure *fig,
                       guint             index)
{
  if (index < fig->category_labels->len)
    return strlen (g_ptr_array_index (fig->category_labels, index));
  return (gsize) floor (log10 (index + 1.0)) + 1;
}

static PangoLayout *
category_layout (const PlotFigure *fig,
                 PangoContext     *context,
                 double            em,
                 const guint      *indices,
                 guint             n_indices)
{
  g_autoptr(GString) labels = g_string_new (NULL);
  PangoLayout *layout;
  guint k;

  for (k = 0; k < n_indices; k++)
    {
      g_autofree char *label = _plot_figure_dup_category_label (fig, indices[k]);
      g_autofree char *clean = _plot_text_sanitize (label);

      if (k > 0)
        g_string_append_c (labels, '\n');
      g_string_append (labels, clean);
    }
  layout = _plot_text_layout_new (context, em);
  pango_layout_set_text (layout, labels->str, -1);
  return layout;
}

/* Width of the widest category label in [first, last], measured on the few labels with the
 * most bytes (shaping hundreds of labels per frame would cost more than drawing). */
static double
estimate_label_width (const PlotFigure *fig,
                      PangoContext     *context,
                      double            em,
                      guint             first,
                      guint             last)
{
  enum { N_LONGEST = 8 };
  guint longest[N_LONGEST];
  gsize lengths[N_LONGEST];
  guint n_longest = 0, i, k;
  g_autoptr(PangoLayout) layout = NULL;

  for (i = first; i <= last; i++)
    {
      gsize len = category_label_length (fig, i);

      if (n_longest == N_LONGEST && len <= lengths[N_LONGEST - 1])
        continue;
      k = MIN (n_longest, N_LONGEST - 1);
      while (k > 0 && lengths[k - 1] < len)
        {
          lengths[k] = lengths[k - 1];
          longest[k] = longest[k - 1];
          k--;
        }
      lengths[k] = len;
      longest[k] = i;
      n_longest = MIN (n_longest + 1, N_LONGEST);
      if (i == G_MAXUINT)
        break;
    }

  layout = category_layout (fig, context, em, longest, n_longest);
  return max_line_width (layout);
}

/* Picks the stride of the category labels and shapes the labels drawn, widening the stride
 * if a drawn label turns out wider than the estimate. */
static void
layout_x_labels (const PlotFigure *fig,
                 PlotLayout       *layout,
                 PangoContext     *context,
                 PlotLayoutText   *text,
                 guint             first,
                 guint             last,
                 double            label_width)
{
  double per_category = layout->area.width / (layout->x_max - layout->x_min);
  double gap = 0.8 * layout->em;
  guint stride = plot_axis_category_stride (per_category, label_width, gap);
  guint attempt;

  for (attempt = 0; attempt < 8; attempt++)
    {
      g_autofree guint *indices = NULL;
      guint64 start = ((guint64) first + stride - 1) / stride * stride;
      guint count = 0, new_stride;
      guint64 i;

      if (start <= last)
        count = (guint) ((last - start) / stride + 1);
      count = MIN (count, 10000u);
      indices = g_new (guint, MAX (count, 1));
      for (i = 0; i < count; i++)
        indices[i] = (guint) (start + i * stride);

      g_clear_object (&text->x_labels);
      text->x_labels = category_layout (fig, context, layout->em, indices, count);
      text->x_label_first = (guint) MIN (start, G_MAXUINT);
      text->x_label_count = count;
      text->x_stride = stride;

      new_stride = plot_axis_category_stride (per_category, max_line_width (text->x_labels), gap);
      if (new_stride <= stride)
        break;
      stride = new_stride;
    }
}

void
_plot_layout_text_clear (PlotLayoutText *text)
{
  g_clear_object (&text->title);
  g_clear_object (&text->x_title);
  g_clear_object (&text->y_title);
  g_clear_pointer (&text->y_ticks, g_array_unref);
  g_clear_object (&text->y_labels);
  g_clear_object (&text->x_labels);
  g_clear_object (&text->legend_labels);
  g_clear_object (&text->legend_suffixes);
  g_clear_object (&text->note);
  g_clear_object (&text->message);
}

/* Where the legend entries go: filled in by compute_pass(). */
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
} LegendPlan;

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
                LegendPlan     *plan)
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

/* The legend below the data area: entries of equal width in as many columns as fit across
 * the figure, in at most half its height. Text is cut short only as a last resort:
 * when one entry is wider than the figure, or when that lets every entry in where whole
 * entries would not fit (with at least MIN_LEGEND_TEXT em of text each); failing that, the
 * last entry says "+N more". */
#define MIN_LEGEND_TEXT 4.0

static void
plan_legend_below (const PlotFigure *fig,
                   PangoContext     *context,
                   double            em,
                   double            w,
                   double            h,
                   double            pad,
                   PlotLayoutText   *text,
                   LegendPlan       *plan)
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

/* One layout with the legend beside the data area (@below FALSE) or below it. Beside it,
 * returns FALSE without finishing when the entries are too wide to leave the data area at
 * least MIN_AREA of the figure's width. */
#define MIN_AREA 0.55

static gboolean
compute_pass (PlotLayout       *layout,
              const PlotFigure *fig,
              double            w,
              double            h,
              PangoContext     *context,
              PlotLayoutText   *text,
              gboolean          below)
{
  g_autoptr(GArray) values = NULL;
  g_autofree char *note = NULL;
  double em, s, pad, top, bottom, left, right, label_h;
  double y_label_width = 0.0, x_label_width = 0.0;
  gboolean has_x_labels, has_legend = fig->series->len > 0;
  guint x_first = 0, x_last = 0;
  guint n, i;
  LegendPlan plan;

  memset (layout, 0, sizeof *layout);
  memset (&plan, 0, sizeof plan);
  layout->width = w;
  layout->height = h;

  /* Sizes follow the figure: at about 750×480 the base font is 12 px with Plotly's line
   * width 2 and marker size 8; a 1600×900 export gets 22.5 px text and thicker lines. */
  em = CLAMP (MIN (w / 1.6, h) / 40.0, 6.0, 64.0);
  s = MAX (1.0, em / 12.0);
  layout->em = em;
  layout->line_width = 2.0 * s;
  layout->marker_size = 8.0 * s;
  layout->y_scale = fig->y_scale;

  /* The ranges. */
  n = fig->categories->len;
  for (i = 0; i < fig->series->len; i++)
    n = MAX (n, (guint) ((const PlotSeries *) g_ptr_array_index (fig->series, i))->n_values);
  layout->n_categories = n;
  if (fig->x_view_set)
    {
      layout->x_min = fig->x_view_min;
      layout->x_max = fig->x_view_max;
    }
  else if (n == 0)
    {
      layout->x_min = -0.5;
      layout->x_max = 0.5;
    }
  else
    {
      layout->x_min = -X_PAD;
      layout->x_max = (n - 1) + X_PAD;
    }

  values = g_array_new (FALSE, FALSE, sizeof (double));
  collect_y_values (fig, values);
  layout->has_data = plot_axis_auto_range (fig->y_scale, (const double *) (void *) values->data,
                                           values->len, &layout->y_min, &layout->y_max);
  if (fig->y_view_set && plot_axis_range_is_valid (fig->y_scale, fig->y_view_min, fig->y_view_max))
    {
      layout->y_min = fig->y_view_min;
      layout->y_max = fig->y_view_max;
    }

  /* Vertical margins, from the top and from the bottom. */
  pad = 0.8 * em;
  text->tick_length = 0.4 * em;
  _plot_text_metrics (context, em, &text->label_metrics);
  label_h = text->label_metrics.ascent + text->label_metrics.descent;

  if (has_legend)
    {
      plan.swatch = 2.6 * em;
      plan.col_gap = 1.5 * em;
      plan.suffixes = any_legend_suffix (fig);
      legend_metrics (context, em, plan.suffixes, text, &plan);
      text->legend_text_dx = plan.swatch;
    }

  top = pad;
  if (fig->title != NULL && fig->title[0] != '\0')
    {
      double th;

      text->title_x = MAX (pad, 0.05 * w);
      text->title = single_line_layout (context, 1.4 * em, fig->title, w - text->title_x - pad);
      _plot_text_layout_size (text->title, NULL, &th);
      text->title_y = top;
      top += th + 0.8 * em;
    }
  else
    top += 0.4 * em;

  bottom = h - pad;
  note = plot_figure_dup_off_axis_note (fig);
  if (note != NULL)
    {
      double nh;

      text->note = _plot_text_layout_new (context, 0.85 * em);
      set_plain_text (text->note, note);
      pango_layout_set_width (text->note, (int) (MAX (w - 2 * pad, 1.0) * PANGO_SCALE));
      pango_layout_set_wrap (text->note, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (text->note, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (text->note, -3);
      _plot_text_layout_size (text->note, NULL, &nh);
      text->note_x = pad;
      text->note_y = bottom - nh;
      bottom = text->note_y - 0.5 * em;
    }
  if (has_legend && below)
    {
      plan_legend_below (fig, context, em, w, h, pad, text, &plan);
      layout->legend.x = pad;
      layout->legend.height = plan.n_rows * plan.row_h;
      layout->legend.y = bottom - layout->legend.height;
      bottom = layout->legend.y - 0.6 * em;
    }
  if (fig->x_title != NULL && fig->x_title[0] != '\0')
    {
      double xth;

      text->x_title = single_line_layout (context, 1.1 * em, fig->x_title, w - 2 * pad);
      _plot_text_layout_size (text->x_title, NULL, &xth);
      text->x_title_y = bottom - xth;
      bottom = text->x_title_y - 0.3 * em;
    }
  text->x_labels_y = bottom - label_h;
  bottom = text->x_labels_y - text->tick_length - 0.2 * em;

  layout->area.y = top;
  layout->area.height = MAX (bottom - top, 1.0);

  /* The y ticks depend only on the height of the data area; their labels set the left
   * margin. */
  text->y_ticks = plot_axis_ticks (fig->y_scale, layout->y_min, layout->y_max,
                                   layout->area.height, 1.8 * em);
  {
    g_autoptr(GString) markup = g_string_new (NULL);

    for (i = 0; i < text->y_ticks->len; i++)
      {
        const PlotTick *tick = &g_array_index (text->y_ticks, PlotTick, i);

        if (!tick->major)
          continue;
        if (markup->len > 0)
          g_string_append_c (markup, '\n');
        g_string_append (markup, tick->markup);
      }
    text->y_labels = _plot_text_layout_new (context, em);
    pango_layout_set_markup (text->y_labels, markup->str, -1);
    if (markup->len > 0)
      y_label_width = max_line_width (text->y_labels);
  }

  left = pad;
  if (fig->y_title != NULL && fig->y_title[0] != '\0')
    {
      double yth;

      text->y_title = single_line_layout (context, 1.1 * em, fig->y_title, layout->area.height);
      _plot_text_layout_size (text->y_title, NULL, &yth);
      text->y_title_x = left;
      left += yth + 0.5 * em;
    }
  text->y_labels_right = left + y_label_width;
  left += y_label_width + 0.25 * em + text->tick_length;

  /* Category labels in view: their widest one sets the margins and how many are left
   * out. Measure the few longest now, and below only those drawn. */
  has_x_labels = n > 0 && layout->x_max >= 0.0 && layout->x_min <= n - 1;
  if (has_x_labels)
    {
      x_first = (guint) MAX (0.0, ceil (layout->x_min));
      x_last = (guint) MIN ((double) (n - 1), floor (layout->x_max));
      x_label_width = estimate_label_width (fig, context, em, x_first, x_last);
    }
  left = MAX (left, pad + x_label_width / 2);

  right = w - pad;
  if (has_legend && !below)
    {
      double gap = MAX (1.2 * em, x_label_width / 2), text_w;
      guint max_rows;

      /* From the top down the right side, as many entries as fit */
      max_rows = (guint) MAX (1.0, floor ((h - pad - top) / plan.row_h));
      if (fig->series->len <= max_rows)
        plan.n_entries = plan.n_rows = fig->series->len;
      else
        {
          plan.n_rows = max_rows;
          plan.n_entries = max_rows - 1;
        }
      text_w = legend_shape (fig, context, em, plan.suffixes, plan.n_entries, text);
      plan.n_cols = 1;
      plan.col_w = plan.width = plan.swatch + text_w;

      /* Too wide beside the data area: below it instead */
      if (plan.width > right - left - gap - MIN_AREA * w)
        return FALSE;

      layout->legend.x = right - plan.width;
      layout->legend.y = top;
      layout->legend.height = plan.n_rows * plan.row_h;
      right = layout->legend.x - gap;
    }
  else
    right = w - MAX (pad, x_label_width / 2);

  layout->area.x = left;
  layout->area.width = MAX (right - left, 1.0);

  if (has_legend)
    {
      /* Below the data area, line the legend up with it when that leaves every column in */
      if (below && left + plan.width <= w - pad)
        layout->legend.x = left;
      layout->legend.width = plan.width;
      layout->legend_row_height = plan.row_h;
      layout->legend_n_rows = plan.n_rows;
      layout->legend_n_entries = plan.n_entries;
      layout->legend_n_columns = plan.n_cols;
      layout->legend_column_width = plan.col_w;
      layout->legend_below = below;
      layout->legend_truncated = plan.truncated;
    }

  /* Markers and lines thin out where categories crowd, so 200 parameters stay readable
   * instead of merging into one blob. */
  {
    double per_category = layout->area.width / (layout->x_max - layout->x_min);

    layout->marker_size = CLAMP (0.8 * per_category, MIN (3.0, 8.0 * s), 8.0 * s);
    layout->line_width = CLAMP (0.4 * per_category, MIN (1.0, 2.0 * s), 2.0 * s);
  }

  if (has_x_labels)
    layout_x_labels (fig, layout, context, text, x_first, x_last, x_label_width);
  else
    text->x_stride = 1;

  if (!layout->has_data)
    {
      text->message = _plot_text_layout_new (context, 1.1 * em);
      set_plain_text (text->message, empty_message (fig));
      pango_layout_set_width (text->message, (int) (layout->area.width * PANGO_SCALE));
      pango_layout_set_alignment (text->message, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (text->message, PANGO_WRAP_WORD_CHAR);
    }
  return TRUE;
}

void
_plot_layout_compute_full (PlotLayout       *layout,
                           const PlotFigure *fig,
                           double            width,
                           double            height,
                           PangoContext     *context,
                           PlotLayoutText   *text)
{
  PlotLayoutText local;
  double w, h;

  g_assert (layout != NULL);
  g_assert (fig != NULL);
  g_assert (context != NULL);

  memset (&local, 0, sizeof local);
  if (text == NULL)
    text = &local;

  w = (isfinite (width) && width > 1.0) ? width : 1.0;
  h = (isfinite (height) && height > 1.0) ? height : 1.0;

  /* The legend beside the data area if its entries fit there whole, else below it */
  if (!compute_pass (layout, fig, w, h, context, text, FALSE))
    {
      _plot_layout_text_clear (text);
      memset (text, 0, sizeof *text);
      compute_pass (layout, fig, w, h, context, text, TRUE);
    }

  _plot_layout_text_clear (&local);
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

/**
 * plot_layout_compute:
 * @layout: (out caller-allocates): where to store the layout
 * @fig: a figure
 * @width: width of the figure (as given to plot_render())
 * @height: height of the figure
 *
 * Computes where plot_render() puts everything when it draws @fig at this size: the data
 * area, the legend, sizes and the ranges in view. It measures text the same way
 * plot_render() does, so a point at plot_layout_x_to_pixel(), plot_layout_y_to_pixel() is
 * where its marker is drawn. Call it again after changing the figure or the size.
 */
void
plot_layout_compute (PlotLayout       *layout,
                     const PlotFigure *fig,
                     double            width,
                     double            height)
{
  PangoContext *context;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (fig != NULL);

  context = _plot_text_context_new (NULL);
  _plot_layout_compute_full (layout, fig, width, height, context, NULL);
  g_object_unref (context);
}
