/* gradlens-run-summary.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-choices.h"
#include "gradlens-run-summary.h"

/* the fields a run's subtitle names anyway (activation and its remedies,
 * scheme, depth × width, seeds) */
static gboolean
said_anyway (const GradlensField *field)
{
  static const char *const keys[] = { "activation", "residual", "norm", "weights", "depth", "width", "seeds" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (field->key, keys[i]))
      return TRUE;
  return FALSE;
}

static char *
format_value (const GradlensField     *field,
              const GradlensRunConfig *config)
{
  /* numbers as the controls show them (the user's locale, short) */
  if (field->type == GRADLENS_FIELD_DOUBLE)
    return g_strdup_printf ("%g", gradlens_field_get_number (field, config));
  return gradlens_field_format (field, config);
}

/**
 * gradlens_run_summary_dup_differences:
 * @config: a run's configuration
 *
 * The settings of @config that differ from the defaults (DESIGN.md's, as
 * the field table has them) and are used by it, named by their preset key,
 * in the field table's order: "inputs 20, samples 256, seed 3, float64".
 * Leaves out what a run's subtitle says anyway (the remedies among them).
 *
 * Returns: (transfer full) (nullable): the list, or %NULL when nothing differs
 */
char *
gradlens_run_summary_dup_differences (const GradlensRunConfig *config)
{
  g_autoptr(GradlensRunConfig) defaults = gradlens_run_config_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  const GradlensField *fields;
  guint n_fields;

  g_return_val_if_fail (config != NULL, NULL);

  fields = gradlens_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const GradlensField *field = &fields[i];
      g_autofree char *value = NULL;
      g_autofree char *default_value = NULL;

      if (said_anyway (field) || !gradlens_field_is_used (field, config))
        continue;
      value = format_value (field, config);
      default_value = format_value (field, defaults);
      if (g_str_equal (value, default_value))
        continue;
      if (field->type == GRADLENS_FIELD_BOOL)
        /* a switch that is on: its name alone ("residual") */
        g_ptr_array_add (items, g_strdup (field->key));
      else if (field->section == NULL)
        /* the number type: its value alone ("float64") */
        g_ptr_array_add (items, g_steal_pointer (&value));
      else
        /* Translators: a setting that differs from the default, its preset key and value: "inputs 20" */
        g_ptr_array_add (items, g_strdup_printf (_("%s %s"), field->key, value));
    }
  if (items->len == 0)
    return NULL;
  g_ptr_array_add (items, NULL);
  /* Translators: between the settings of a run's subtitle: "inputs 20, samples 256" */
  return g_strjoinv (_(", "), (char **) items->pdata);
}
