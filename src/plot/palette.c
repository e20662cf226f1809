/* palette.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "palette.h"

/* Plotly's default colour sequence (plotly.colors.qualitative.Plotly), in its order. */
static const guint32 plotly_colors[PLOT_PALETTE_SIZE] = {
  0x636efa, 0xef553b, 0x00cc96, 0xab63fa, 0xffa15a,
  0x19d3f3, 0xff6692, 0xb6e880, 0xff97ff, 0xfecb52,
};

/**
 * plot_palette_color:
 * @index: any index; the sequence repeats after %PLOT_PALETTE_SIZE colours
 * @rgba: (out caller-allocates): the colour, opaque
 *
 * Gives colour @index of Plotly's default colour sequence
 * (#636efa #EF553B #00cc96 #ab63fa #FFA15A #19d3f3 #FF6692 #B6E880 #FF97FF #FECB52).
 */
void
plot_palette_color (guint     index,
                    PlotRgba *rgba)
{
  guint32 c;

  g_return_if_fail (rgba != NULL);

  c = plotly_colors[index % PLOT_PALETTE_SIZE];
  rgba->red = ((c >> 16) & 0xff) / 255.0;
  rgba->green = ((c >> 8) & 0xff) / 255.0;
  rgba->blue = (c & 0xff) / 255.0;
  rgba->alpha = 1.0;
}

static gboolean
parse_hex (const char *s,
           gsize       n_digits,
           guint      *out)
{
  guint v = 0;
  gsize i;

  for (i = 0; i < n_digits; i++)
    {
      int d = g_ascii_xdigit_value (s[i]);

      if (d < 0)
        return FALSE;
      v = v * 16 + (guint) d;
    }
  *out = v;
  return TRUE;
}

/**
 * plot_rgba_parse:
 * @rgba: (out caller-allocates): where to store the colour
 * @spec: a colour as `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa` (hex digits in either case)
 *
 * Parses a hexadecimal colour such as the `"color"` of a preset run.
 *
 * Returns: %TRUE on success; on failure @rgba is left unchanged.
 */
gboolean
plot_rgba_parse (PlotRgba   *rgba,
                 const char *spec)
{
  guint r, g, b, a = 255;
  gsize len;

  g_return_val_if_fail (rgba != NULL, FALSE);

  if (spec == NULL || spec[0] != '#')
    return FALSE;
  spec++;
  len = strlen (spec);

  if (len == 3 || len == 4)
    {
      if (!parse_hex (spec, 1, &r) || !parse_hex (spec + 1, 1, &g) || !parse_hex (spec + 2, 1, &b))
        return FALSE;
      if (len == 4 && !parse_hex (spec + 3, 1, &a))
        return FALSE;
      r *= 17;
      g *= 17;
      b *= 17;
      if (len == 4)
        a *= 17;
    }
  else if (len == 6 || len == 8)
    {
      if (!parse_hex (spec, 2, &r) || !parse_hex (spec + 2, 2, &g) || !parse_hex (spec + 4, 2, &b))
        return FALSE;
      if (len == 8 && !parse_hex (spec + 6, 2, &a))
        return FALSE;
    }
  else
    return FALSE;

  rgba->red = r / 255.0;
  rgba->green = g / 255.0;
  rgba->blue = b / 255.0;
  rgba->alpha = a / 255.0;
  return TRUE;
}

static guint
to_byte (double v)
{
  if (!(v > 0.0))
    return 0;
  if (v >= 1.0)
    return 255;
  return (guint) (v * 255.0 + 0.5);
}

/**
 * plot_rgba_to_string:
 * @rgba: a colour
 *
 * Formats @rgba as `#rrggbb`, or `#rrggbbaa` when it is not opaque; plot_rgba_parse()
 * reads it back.
 *
 * Returns: (transfer full): a newly allocated string
 */
char *
plot_rgba_to_string (const PlotRgba *rgba)
{
  guint a;

  g_return_val_if_fail (rgba != NULL, NULL);

  a = to_byte (rgba->alpha);
  if (a == 255)
    return g_strdup_printf ("#%02x%02x%02x", to_byte (rgba->red), to_byte (rgba->green),
                            to_byte (rgba->blue));
  return g_strdup_printf ("#%02x%02x%02x%02x", to_byte (rgba->red), to_byte (rgba->green),
                          to_byte (rgba->blue), a);
}
