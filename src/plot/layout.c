/* layout.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Where everything of a figure goes at a given size: plot_layout_compute() and the text
 * plot_render() draws. The legend's part is in layout-legend.c, the mapping between data
 * and pixels with zoom and pan in layout-mapping.c. */

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
  return _plot_text_max_line_width (layout);
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

      new_stride = plot_axis_category_stride (per_category,
                                              _plot_text_max_line_width (text->x_labels), gap);
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

/* One layout with the legend beside the data area (@below FALSE) or below it. Beside it,
 * the pass gives up when the entries are too wide to leave the data area at least MIN_AREA
 * of the figure's width. */
#define MIN_AREA 0.55

/* What the steps of compute_pass() share. */
typedef struct
{
  PlotLayout       *layout;
  const PlotFigure *fig;
  PangoContext     *context;
  PlotLayoutText   *text;
  double            w;
  double            h;
  gboolean          below;
  gboolean          has_legend;
  double            em;             /* base font size */
  double            s;              /* scale of lines and markers: 1 at the reference size */
  double            pad;            /* figure edge to content */
  double            label_h;        /* height of a line of tick labels */
  gboolean          has_x_labels;   /* some category is in view */
  guint             x_first;        /* the categories in view */
  guint             x_last;
  double            x_label_width;  /* estimated width of their widest label */
  PlotLegendPlan    plan;
} LayoutPass;

/* Sizes follow the figure: at about 750×480 the base font is 12 px with Plotly's line
 * width 2 and marker size 8; a 1600×900 export gets 22.5 px text and thicker lines. The
 * figure's minimum font size (the desktop's, on screen) is a floor. */
static void
pass_sizes (LayoutPass *p)
{
  PlotLayout *layout = p->layout;

  p->em = CLAMP (MAX (MIN (p->w / 1.6, p->h) / 40.0, p->fig->min_font_size), 6.0, 64.0);
  p->s = MAX (1.0, p->em / 12.0);
  layout->em = p->em;
  layout->line_width = 2.0 * p->s;
  layout->marker_size = 8.0 * p->s;
  layout->y_scale = p->fig->y_scale;
}

/* How many categories the visible series reach (all of them when none is visible): hiding
 * a long series fits the x axis to the shorter ones, as the y axis fits their values. */
static guint
visible_extent (const PlotFigure *fig,
                guint             n)
{
  guint extent = 0;
  guint i;

  for (i = 0; i < fig->series->len; i++)
    {
      const PlotSeries *s = g_ptr_array_index (fig->series, i);

      if (s->visible)
        extent = MAX (extent, (guint) s->n_values);
    }
  return extent > 0 ? extent : n;
}

/* The ranges in view: the figure's own view where set, else the categories the visible
 * series reach with some room at the ends and the automatic y range of the visible
 * values. */
static void
pass_ranges (LayoutPass *p)
{
  PlotLayout *layout = p->layout;
  const PlotFigure *fig = p->fig;
  g_autoptr(GArray) values = NULL;
  guint n, i;

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
      layout->x_max = (visible_extent (fig, n) - 1) + X_PAD;
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
}

/* Padding, tick length and label font metrics, and the legend's entry height. */
static void
pass_metrics (LayoutPass *p)
{
  PlotLayoutText *text = p->text;

  p->pad = 0.8 * p->em;
  text->tick_length = 0.4 * p->em;
  _plot_text_metrics (p->context, p->em, &text->label_metrics);
  p->label_h = text->label_metrics.ascent + text->label_metrics.descent;

  if (p->has_legend)
    _plot_layout_legend_begin (p->fig, p->context, p->em, p->text, &p->plan);
}

/* The top margin: the title, if any. Returns the top of the data area. */
static double
pass_top (LayoutPass *p)
{
  const PlotFigure *fig = p->fig;
  PlotLayoutText *text = p->text;
  double top = p->pad;

  if (fig->title != NULL && fig->title[0] != '\0')
    {
      double th;

      text->title_x = MAX (p->pad, 0.05 * p->w);
      text->title = single_line_layout (p->context, 1.4 * p->em, fig->title,
                                        p->w - text->title_x - p->pad);
      _plot_text_layout_size (text->title, NULL, &th);
      text->title_y = top;
      top += th + 0.8 * p->em;
    }
  else
    top += 0.4 * p->em;
  return top;
}

/* The bottom margin, from the bottom up: the off-axis note, the legend when it goes below,
 * the x axis title and the category labels. Returns the bottom of the data area. */
static double
pass_bottom (LayoutPass *p)
{
  PlotLayout *layout = p->layout;
  const PlotFigure *fig = p->fig;
  PlotLayoutText *text = p->text;
  double em = p->em, bottom = p->h - p->pad;
  g_autofree char *note = NULL;

  note = plot_figure_dup_off_axis_note (fig);
  if (note != NULL)
    {
      double nh;

      text->note = _plot_text_layout_new (p->context, 0.85 * em);
      set_plain_text (text->note, note);
      pango_layout_set_width (text->note, (int) (MAX (p->w - 2 * p->pad, 1.0) * PANGO_SCALE));
      pango_layout_set_wrap (text->note, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (text->note, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (text->note, -3);
      _plot_text_layout_size (text->note, NULL, &nh);
      text->note_x = p->pad;
      text->note_y = bottom - nh;
      bottom = text->note_y - 0.5 * em;
    }
  if (p->has_legend && p->below)
    {
      _plot_layout_legend_plan_below (fig, p->context, em, p->w, p->h, p->pad, text, &p->plan);
      layout->legend.x = p->pad;
      layout->legend.height = p->plan.n_rows * p->plan.row_h;
      layout->legend.y = bottom - layout->legend.height;
      bottom = layout->legend.y - 0.6 * em;
    }
  if (fig->x_title != NULL && fig->x_title[0] != '\0')
    {
      double xth;

      text->x_title = single_line_layout (p->context, 1.1 * em, fig->x_title, p->w - 2 * p->pad);
      _plot_text_layout_size (text->x_title, NULL, &xth);
      text->x_title_y = bottom - xth;
      bottom = text->x_title_y - 0.3 * em;
    }
  text->x_labels_y = bottom - p->label_h;
  return text->x_labels_y - text->tick_length - 0.2 * em;
}

/* The y ticks depend only on the height of the data area; their labels set the left
 * margin. Shapes the labels of the major ticks and returns their width. */
static double
pass_y_labels (LayoutPass *p)
{
  PlotLayout *layout = p->layout;
  PlotLayoutText *text = p->text;
  g_autoptr(GString) markup = g_string_new (NULL);
  double width = 0.0;
  guint i;

  text->y_ticks = plot_axis_ticks (p->fig->y_scale, layout->y_min, layout->y_max,
                                   layout->area.height, 1.8 * p->em);
  for (i = 0; i < text->y_ticks->len; i++)
    {
      const PlotTick *tick = &g_array_index (text->y_ticks, PlotTick, i);

      if (!tick->major)
        continue;
      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      g_string_append (markup, tick->markup);
    }
  text->y_labels = _plot_text_layout_new (p->context, p->em);
  pango_layout_set_markup (text->y_labels, markup->str, -1);
  if (markup->len > 0)
    width = _plot_text_max_line_width (text->y_labels);
  return width;
}

/* The left margin: the y axis title and the tick labels, and room for half the widest
 * category label in view, which the last step shapes. Returns the left of the data area. */
static double
pass_left (LayoutPass *p)
{
  PlotLayout *layout = p->layout;
  const PlotFigure *fig = p->fig;
  PlotLayoutText *text = p->text;
  double y_label_width = pass_y_labels (p), left = p->pad;
  guint n = layout->n_categories;

  if (fig->y_title != NULL && fig->y_title[0] != '\0')
    {
      double yth;

      text->y_title = single_line_layout (p->context, 1.1 * p->em, fig->y_title,
                                          layout->area.height);
      _plot_text_layout_size (text->y_title, NULL, &yth);
      text->y_title_x = left;
      left += yth + 0.5 * p->em;
    }
  text->y_labels_right = left + y_label_width;
  left += y_label_width + 0.25 * p->em + text->tick_length;

  /* Category labels in view: their widest one sets the margins and how many are left
   * out. Measure the few longest now, and in pass_x_labels() only those drawn. */
  p->has_x_labels = n > 0 && layout->x_max >= 0.0 && layout->x_min <= n - 1;
  if (p->has_x_labels)
    {
      p->x_first = (guint) MAX (0.0, ceil (layout->x_min));
      p->x_last = (guint) MIN ((double) (n - 1), floor (layout->x_max));
      p->x_label_width = estimate_label_width (fig, p->context, p->em, p->x_first, p->x_last);
    }
  return MAX (left, p->pad + p->x_label_width / 2);
}

/* The right margin: the legend when it goes beside the data area, else half the widest
 * category label. Sets *@right to the right of the data area; returns FALSE when the legend
 * does not fit beside it (MIN_AREA). */
static gboolean
pass_right (LayoutPass *p,
            double      top,
            double      left,
            double     *right)
{
  PlotLayout *layout = p->layout;
  double r = p->w - p->pad;

  if (p->has_legend && !p->below)
    {
      double gap = MAX (1.2 * p->em, p->x_label_width / 2);

      _plot_layout_legend_plan_beside (p->fig, p->context, p->em, p->h - p->pad - top, p->text,
                                       &p->plan);
      if (p->plan.width > r - left - gap - MIN_AREA * p->w)
        return FALSE;

      layout->legend.x = r - p->plan.width;
      layout->legend.y = top;
      layout->legend.height = p->plan.n_rows * p->plan.row_h;
      *right = layout->legend.x - gap;
    }
  else
    *right = p->w - MAX (p->pad, p->x_label_width / 2);
  return TRUE;
}

/* Markers and lines thin out where categories crowd, so 200 parameters stay readable
 * instead of merging into one blob. */
static void
pass_marks (LayoutPass *p)
{
  PlotLayout *layout = p->layout;
  double per_category = layout->area.width / (layout->x_max - layout->x_min);

  layout->marker_size = CLAMP (0.8 * per_category, MIN (3.0, 8.0 * p->s), 8.0 * p->s);
  layout->line_width = CLAMP (0.4 * per_category, MIN (1.0, 2.0 * p->s), 2.0 * p->s);
}

/* The category labels drawn, now that the width of the data area is known. */
static void
pass_x_labels (LayoutPass *p)
{
  if (p->has_x_labels)
    layout_x_labels (p->fig, p->layout, p->context, p->text, p->x_first, p->x_last,
                     p->x_label_width);
  else
    p->text->x_stride = 1;
}

/* Without data, the message that says why, across the data area. */
static void
pass_message (LayoutPass *p)
{
  PlotLayoutText *text = p->text;

  if (p->layout->has_data)
    return;
  text->message = _plot_text_layout_new (p->context, 1.1 * p->em);
  set_plain_text (text->message, empty_message (p->fig));
  pango_layout_set_width (text->message, (int) (p->layout->area.width * PANGO_SCALE));
  pango_layout_set_alignment (text->message, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (text->message, PANGO_WRAP_WORD_CHAR);
}

/* Returns FALSE, unfinished, when the legend is to go beside the data area (@below FALSE)
 * and does not fit there. */
static gboolean
compute_pass (PlotLayout       *layout,
              const PlotFigure *fig,
              double            w,
              double            h,
              PangoContext     *context,
              PlotLayoutText   *text,
              gboolean          below)
{
  LayoutPass p;
  double top, bottom, left, right;

  memset (layout, 0, sizeof *layout);
  memset (&p, 0, sizeof p);
  p.layout = layout;
  p.fig = fig;
  p.context = context;
  p.text = text;
  p.w = w;
  p.h = h;
  p.below = below;
  p.has_legend = fig->series->len > 0;
  layout->width = w;
  layout->height = h;

  pass_sizes (&p);
  pass_ranges (&p);
  pass_metrics (&p);

  /* The margins: top and bottom first, as the y ticks depend on the height left; then
   * left and right */
  top = pass_top (&p);
  bottom = pass_bottom (&p);
  layout->area.y = top;
  layout->area.height = MAX (bottom - top, 1.0);
  left = pass_left (&p);
  if (!pass_right (&p, top, left, &right))
    return FALSE;
  layout->area.x = left;
  layout->area.width = MAX (right - left, 1.0);

  if (p.has_legend)
    _plot_layout_legend_finish (layout, &p.plan, below, left, w, p.pad);
  pass_marks (&p);
  pass_x_labels (&p);
  pass_message (&p);
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
