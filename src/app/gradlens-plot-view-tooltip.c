/* gradlens-plot-view-tooltip.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-plot-view-private.h"

/* What the plot view says about the point under the pointer: its tooltip,
 * and its value for the clipboard. */

/**
 * gradlens_plot_view_dup_tooltip:
 * @self: a plot view
 * @x: pointer position in widget coordinates
 * @y: pointer position
 *
 * The tooltip of the point closest to (@x, @y): run, parameter, exact value.
 * Zero and non-finite values, drawn on the edge of a log axis, are named.
 *
 * Returns: (transfer full) (nullable): Pango markup, or %NULL when no point
 *   is near
 */
/* a number as people read it: four significant digits, the locale's decimal point */
static char *
format_for_people (double value)
{
  return g_strdup_printf ("%.4g", value);
}

char *
gradlens_plot_view_dup_tooltip (GradlensPlotView *self,
                                double            x,
                                double            y)
{
  g_autofree char *label = NULL;
  g_autofree char *category = NULL;
  g_autofree char *value_text = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const double *q1, *q3, *lo, *hi;
  const char *raw_category, *zero_cause, *note;
  gsize n_band = 0, n_whiskers = 0;
  PlotValueClass cls;
  guint series, index;
  double value;

  g_return_val_if_fail (GRADLENS_IS_PLOT_VIEW (self), NULL);

  if (self->figure == NULL
      || !plot_hit_point (self->figure, gtk_widget_get_width (GTK_WIDGET (self)),
                          gtk_widget_get_height (GTK_WIDGET (self)), x, y, HIT_DISTANCE,
                          &series, &index, &value))
    return NULL;

  label = g_markup_escape_text (plot_figure_get_series_label (self->figure, series), -1);
  raw_category = index < plot_figure_get_n_categories (self->figure)
                 ? plot_figure_get_category (self->figure, index) : "";
  if (raw_category[0] != '\0' && strspn (raw_category, "0123456789") == strlen (raw_category))
    /* Translators: the point of a figure by layer, "Layer 3" */
    category = g_markup_printf_escaped (_("Layer %s"), raw_category);
  else
    category = g_markup_escape_text (raw_category, -1);
  cls = plot_axis_classify (plot_figure_get_y_scale (self->figure), value);
  zero_cause = plot_figure_get_series_zero_cause (self->figure, series);
  switch (cls)
    {
    case PLOT_VALUE_ZERO:
      if (zero_cause != NULL)
        /* Translators: a gradient norm of exactly zero; %s says why ("no signal: dead units") */
        value_text = g_markup_printf_escaped (_("0 (%s)"), zero_cause);
      else
        /* Translators: a gradient norm that is exactly zero, drawn on the axis edge */
        value_text = g_strdup (_("0 (underflow: too small for the number type)"));
      break;
    case PLOT_VALUE_POS_INF:
    case PLOT_VALUE_NEG_INF:
      /* Translators: a gradient norm that overflowed to infinity */
      value_text = g_strdup_printf (_("%s (overflow)"), value > 0 ? "+inf" : "−inf");
      break;
    case PLOT_VALUE_NAN:
      /* Translators: a gradient norm that is not a number */
      value_text = g_strdup (_("NaN (not a number)"));
      break;
    case PLOT_VALUE_NEGATIVE:
    case PLOT_VALUE_ON_AXIS:
    default:
      value_text = format_for_people (value);
      break;
    }
  g_string_append_printf (markup, "<b>%s</b>\n%s: <b>%s</b>", label, category, value_text);

  /* an ensemble's point: what the band and the whiskers around it are */
  if (plot_figure_get_series_band (self->figure, series, &q1, &q3, &n_band) && index < n_band)
    {
      g_autofree char *a = format_for_people (q1[index]);
      g_autofree char *b = format_for_people (q3[index]);

      g_string_append_c (markup, '\n');
      /* Translators: the median over seeds, then the quartiles (the dark band around the line) */
      g_string_append_printf (markup, _("median over the seeds; half of them lie between %s and %s (the band)"),
                              a, b);
    }
  if (plot_figure_get_series_whiskers (self->figure, series, &lo, &hi, &n_whiskers) && index < n_whiskers)
    {
      g_autofree char *a = format_for_people (lo[index]);
      g_autofree char *b = format_for_people (hi[index]);

      g_string_append_c (markup, '\n');
      /* Translators: the smallest and largest value over seeds (the light band) */
      g_string_append_printf (markup, _("all of them between %s and %s (the light band)"), a, b);
    }

  note = plot_figure_get_series_note (self->figure, series);
  if (note != NULL && note[0] != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (note, -1);

      g_string_append_printf (markup, "\n\n%s", escaped);
    }

  if (cls == PLOT_VALUE_ON_AXIS || cls == PLOT_VALUE_NEGATIVE)
    {
      g_string_append (markup, "\n\n<small>");
      /* Translators: %s is the value with every digit; a right click on the point copies it */
      g_string_append_printf (markup, _("Exact: <tt>%s</tt> (right-click to copy)"),
                              g_ascii_dtostr (buf, sizeof buf, value));
      g_string_append (markup, "</small>");
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/**
 * gradlens_plot_view_copy_value_at:
 * @self: a plot view
 * @x: position in widget coordinates
 * @y: position
 *
 * Copies the exact value (every digit, C locale) of the point closest to
 * (@x, @y) to the clipboard, what a right click on it does.
 *
 * Returns: (transfer full) (nullable): the text copied, or %NULL when no
 *   point is near
 */
char *
gradlens_plot_view_copy_value_at (GradlensPlotView *self,
                                  double            x,
                                  double            y)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  guint series, index;
  double value;

  g_return_val_if_fail (GRADLENS_IS_PLOT_VIEW (self), NULL);

  if (self->figure == NULL
      || !plot_hit_point (self->figure, gtk_widget_get_width (GTK_WIDGET (self)),
                          gtk_widget_get_height (GTK_WIDGET (self)), x, y, HIT_DISTANCE,
                          &series, &index, &value))
    return NULL;
  g_ascii_dtostr (buf, sizeof buf, value);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), buf);
  return g_strdup (buf);
}
