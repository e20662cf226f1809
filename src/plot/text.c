/* text.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "text.h"

/* Creates a Pango context whose text measures the same on every surface. Image surfaces
 * default to hinted metrics and rounded glyph positions, vector surfaces to neither; that
 * would make a label a fraction of a pixel wider in a PNG than in a PDF and could move the
 * layout. Metrics are therefore never hinted and glyph positions never rounded. @cr, when
 * given, supplies the transformation (HiDPI scale) and the surface's antialiasing. */
PangoContext *
_plot_text_context_new (cairo_t *cr)
{
  PangoContext *context;
  cairo_font_options_t *options;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  if (cr != NULL)
    pango_cairo_update_context (cr, context);
  return context;
}

static PangoFontDescription *
font_description_new (double size)
{
  PangoFontDescription *desc = pango_font_description_from_string (PLOT_FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  return desc;
}

PangoLayout *
_plot_text_layout_new (PangoContext *context,
                       double        size)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = font_description_new (size);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

void
_plot_text_metrics (PangoContext    *context,
                    double           size,
                    PlotFontMetrics *metrics)
{
  PangoFontDescription *desc = font_description_new (size);
  PangoFontMetrics *m = pango_context_get_metrics (context, desc, NULL);

  metrics->ascent = pango_font_metrics_get_ascent (m) / (double) PANGO_SCALE;
  metrics->descent = pango_font_metrics_get_descent (m) / (double) PANGO_SCALE;
  pango_font_metrics_unref (m);
  pango_font_description_free (desc);
}

/* Makes any label safe to hand to Pango as one line: valid UTF-8, no control characters
 * and no line or paragraph separators (one legend entry must stay one layout line). */
char *
_plot_text_sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || (c >= 0x80 && c < 0xa0))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

void
_plot_text_line_size (PangoLayoutLine *line,
                      double          *width,
                      double          *height)
{
  PangoRectangle logical;

  pango_layout_line_get_extents (line, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double) PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double) PANGO_SCALE;
}

void
_plot_text_layout_size (PangoLayout *layout,
                        double      *width,
                        double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double) PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double) PANGO_SCALE;
}

/* Width of the widest line of @layout. */
double
_plot_text_max_line_width (PangoLayout *layout)
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
