/* gradlens-series.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-series.h"
#include "plot.h"

G_DEFINE_INTERFACE (GradlensSeries, gradlens_series, G_TYPE_OBJECT)

static void
gradlens_series_default_init (GradlensSeriesInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

#define IFACE(self) GRADLENS_SERIES_GET_IFACE (self)

const char *
gradlens_series_get_label (GradlensSeries *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NULL);

  return IFACE (self)->get_label (self);
}

void
gradlens_series_set_label (GradlensSeries *self,
                           const char     *label)
{
  g_return_if_fail (GRADLENS_IS_SERIES (self));

  IFACE (self)->set_label (self, label);
}

const char *
gradlens_series_get_color (GradlensSeries *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NULL);

  return IFACE (self)->get_color (self);
}

gboolean
gradlens_series_get_visible (GradlensSeries *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), FALSE);

  return IFACE (self)->get_visible (self);
}

void
gradlens_series_set_visible (GradlensSeries *self,
                             gboolean        visible)
{
  g_return_if_fail (GRADLENS_IS_SERIES (self));

  IFACE (self)->set_visible (self, visible);
}

const char *
gradlens_series_get_detail (GradlensSeries *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NULL);

  return IFACE (self)->get_detail (self);
}

double
gradlens_series_get_decay (GradlensSeries *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NAN);

  return IFACE (self)->get_decay (self);
}

gboolean
gradlens_series_has_stats (GradlensSeries *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), FALSE);

  return IFACE (self)->has_stats (self);
}

/**
 * gradlens_series_get_config:
 * @self: a series
 *
 * Returns: (transfer none): what was computed, with the series' label and
 *   colour
 */
const GradlensRunConfig *
gradlens_series_get_config (GradlensSeries *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NULL);

  return IFACE (self)->get_config (self);
}

/* Returns: (transfer full) (nullable): why the series looks as it does */
char *
gradlens_series_dup_diagnosis (GradlensSeries *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NULL);

  if (IFACE (self)->dup_diagnosis == NULL)
    return NULL;
  return IFACE (self)->dup_diagnosis (self);
}

char *
gradlens_series_dup_accessible_name (GradlensSeries *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NULL);

  return IFACE (self)->dup_accessible_name (self);
}

char *
gradlens_series_dup_legend_suffix (GradlensSeries *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NULL);

  return gradlens_decay_format (gradlens_series_get_decay (self));
}

const GradlensTableSpec *
gradlens_series_get_table (GradlensSeries *self,
                           guint           table)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NULL);

  return IFACE (self)->get_table (self, table);
}

guint
gradlens_series_get_n_rows (GradlensSeries *self,
                            guint           table)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), 0);

  return IFACE (self)->get_n_rows (self, table);
}

/**
 * gradlens_series_dup_cell:
 * @self: a series
 * @table: which of its tables
 * @row: a row of it
 * @column: a column of it
 * @exact: %TRUE for the text that is copied (C locale, every digit), %FALSE
 *   for the one that is shown
 *
 * Returns: (transfer full): the cell's text, empty for a statistic of a
 *   series with one seed
 */
char *
gradlens_series_dup_cell (GradlensSeries *self,
                          guint           table,
                          guint           row,
                          guint           column,
                          gboolean        exact)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NULL);

  return IFACE (self)->dup_cell (self, table, row, column, exact);
}

gboolean
gradlens_series_column_visible (GradlensSeries *self,
                                guint           table,
                                guint           column)
{
  const GradlensTableSpec *spec;

  g_return_val_if_fail (GRADLENS_IS_SERIES (self), FALSE);

  spec = gradlens_series_get_table (self, table);
  g_return_val_if_fail (column < spec->n_columns, FALSE);
  return !(spec->columns[column].flags & GRADLENS_COLUMN_FLAG_STATS) || gradlens_series_has_stats (self);
}

char *
gradlens_series_dup_tsv (GradlensSeries *self,
                         guint           table)
{
  const GradlensTableSpec *spec;
  guint n_rows;
  GString *s;

  g_return_val_if_fail (GRADLENS_IS_SERIES (self), NULL);

  spec = gradlens_series_get_table (self, table);
  n_rows = gradlens_series_get_n_rows (self, table);
  s = g_string_new (NULL);
  for (guint c = 0, n = 0; c < spec->n_columns; c++)
    if (gradlens_series_column_visible (self, table, c))
      g_string_append_printf (s, "%s%s", n++ ? "\t" : "", spec->columns[c].key);
  g_string_append_c (s, '\n');
  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0, n = 0; c < spec->n_columns; c++)
        {
          g_autofree char *cell = NULL;

          if (!gradlens_series_column_visible (self, table, c))
            continue;
          cell = gradlens_series_dup_cell (self, table, r, c, TRUE);
          g_string_append_printf (s, "%s%s", n++ ? "\t" : "", cell);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* ---- lists of series -------------------------------------------------- */

/**
 * gradlens_series_list_next_color:
 * @series: a list of #GradlensSeries
 *
 * The first colour of the palette that no series of @series has, so that
 * a removed series frees its colour; past the palette, it starts again.
 *
 * Returns: (transfer full): a colour such as "#636efa"
 */
char *
gradlens_series_list_next_color (GListModel *series)
{
  guint n = g_list_model_get_n_items (series);
  PlotRgba rgba;

  for (guint c = 0; c < PLOT_PALETTE_SIZE; c++)
    {
      g_autofree char *color = NULL;
      gboolean used = FALSE;

      plot_palette_color (c, &rgba);
      color = plot_rgba_to_string (&rgba);
      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(GradlensSeries) item = g_list_model_get_item (series, i);

          used = g_ascii_strcasecmp (gradlens_series_get_color (item), color) == 0;
        }
      if (!used)
        return g_steal_pointer (&color);
    }
  plot_palette_color (n, &rgba);
  return plot_rgba_to_string (&rgba);
}

static gboolean
label_taken (GListModel *series,
             const char *label)
{
  guint n = g_list_model_get_n_items (series);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensSeries) item = g_list_model_get_item (series, i);

      if (g_strcmp0 (gradlens_series_get_label (item), label) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * gradlens_series_list_unique_label:
 * @series: a list of #GradlensSeries
 * @base: the label wanted
 *
 * Returns: (transfer full): @base, or "@base (2)", "@base (3)", ... when a
 *   series of @series has it
 */
char *
gradlens_series_list_unique_label (GListModel *series,
                               const char *base)
{
  char *label = g_strdup (base);

  for (guint k = 2; label_taken (series, label); k++)
    {
      g_free (label);
      /* Translators: a second run with the same label, "Leaky ReLU (2)" */
      label = g_strdup_printf (_("%s (%u)"), base, k);
    }
  return label;
}
