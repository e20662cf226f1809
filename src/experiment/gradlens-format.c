/* gradlens-format.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "gradlens-export.h"
#include "gradlens-format.h"

char *
gradlens_number_format (double   value,
                        gboolean exact)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  if (exact)
    return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", value));
}

char *
gradlens_decay_format (double decay)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (decay))
    return NULL;
  g_ascii_formatd (buf, sizeof buf, decay >= 0.01 && decay < 100 ? "%.2f" : "%.2g", decay);
  /* Translators: the factor by which the gradient norm changes from one layer
   * to the next, towards the input: "×0.12 per layer" */
  return g_strdup_printf (_("×%s per layer"), buf);
}

void
gradlens_string_append_e (GString *s,
                          int      width,
                          int      precision,
                          double   value)
{
  char fmt[16];
  char buf[64];

  if (!isfinite (value))
    {
      g_string_append_printf (s, "%*s", width, isnan (value) ? "nan" : value > 0 ? "inf" : "-inf");
      return;
    }
  g_snprintf (fmt, sizeof fmt, "%%.%de", precision);
  g_ascii_formatd (buf, sizeof buf, fmt, value);
  g_string_append_printf (s, "%*s", width, buf);
}

void
gradlens_json_add_stats (JsonBuilder         *b,
                         const GradlensStats *st)
{
  json_builder_set_member_name (b, "stats");
  json_builder_begin_object (b);
  gradlens_json_add_number (b, "min", st->min);
  gradlens_json_add_number (b, "q1", st->q1);
  gradlens_json_add_number (b, "median", st->median);
  gradlens_json_add_number (b, "q3", st->q3);
  gradlens_json_add_number (b, "max", st->max);
  json_builder_end_object (b);
}

void
gradlens_sweep_build_json (JsonBuilder              *b,
                           const GradlensSweepPoint *points,
                           guint                     n_points,
                           gboolean                  with_stats)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < n_points; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "depth");
      json_builder_add_int_value (b, points[i].depth);
      gradlens_json_add_number (b, "first_weight_grad_norm", points[i].value);
      if (!isfinite (points[i].value))
        {
          json_builder_set_member_name (b, "non_finite");
          json_builder_add_string_value (b, isnan (points[i].value) ? "nan" : "inf");
        }
      if (with_stats)
        gradlens_json_add_stats (b, &points[i].stats);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
gradlens_sweep_to_json (const GradlensSweepPoint *points,
                        guint                     n_points,
                        gboolean                  with_stats)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sweep");
  gradlens_sweep_build_json (b, points, n_points, with_stats);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return gradlens_json_to_text (root, 1);
}

char *
gradlens_sweep_to_table (const GradlensSweepPoint *points,
                         guint                     n_points,
                         gboolean                  with_stats)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%-6s %14s", "depth", "lin1.weight");
  if (with_stats)
    g_string_append_printf (s, " %14s %14s %14s %14s", "min", "q1", "q3", "max");
  g_string_append_c (s, '\n');
  for (guint i = 0; i < n_points; i++)
    {
      g_string_append_printf (s, "%-6d ", points[i].depth);
      gradlens_string_append_e (s, 14, 6, points[i].value);
      if (with_stats)
        {
          const double v[] = { points[i].stats.min, points[i].stats.q1, points[i].stats.q3, points[i].stats.max };

          for (guint k = 0; k < G_N_ELEMENTS (v); k++)
            {
              g_string_append_c (s, ' ');
              gradlens_string_append_e (s, 14, 6, v[k]);
            }
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

void
gradlens_sweep_csv_header (GString *s)
{
  g_string_append (s, "label,depth,first_weight_grad_norm,min,q1,median,q3,max\n");
}

void
gradlens_sweep_append_csv (GString                  *s,
                           const char               *label,
                           const GradlensSweepPoint *points,
                           guint                     n_points,
                           gboolean                  with_stats)
{
  for (guint k = 0; k < n_points; k++)
    {
      const double values[] = { points[k].value, points[k].stats.min, points[k].stats.q1,
                                points[k].stats.median, points[k].stats.q3, points[k].stats.max };

      gradlens_csv_append_field (s, label ? label : "");
      g_string_append_printf (s, ",%d", points[k].depth);
      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        {
          g_autofree char *cell = gradlens_number_format (values[v], TRUE);

          g_string_append_printf (s, ",%s", v == 0 || with_stats ? cell : "");
        }
      g_string_append_c (s, '\n');
    }
}

char *
gradlens_escape_label (const char *label)
{
  g_autofree char *valid = g_utf8_make_valid (label ? label : "", -1);
  GString *s = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        g_string_append (s, "\\n");
      else if (c == '\t')
        g_string_append (s, "\\t");
      else if (c == '\r')
        g_string_append (s, "\\r");
      /* C0, DEL and C1 controls: ESC starts terminal escapes, 0x9b is CSI */
      else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_printf (s, "\\x%02x", c);
      else
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}
