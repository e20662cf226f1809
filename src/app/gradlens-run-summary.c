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

/* how a subtitle says a setting that differs from the default, in words
 * (translated; %s is the value as the controls show it); the other fields
 * by their preset key and value */
static const struct
{
  const char *key;
  const char *phrase;
} phrases[] = {
  /* Translators: in a run's subtitle, what differs from the defaults; %s is a number */
  { "inputs", N_("%s inputs") },
  { "outputs", N_("%s outputs") },
  /* Translators: the negative slope of Leaky ReLU, in a run's subtitle */
  { "negative_slope", N_("slope %s") },
  { "gain", N_("gain %s") },
  /* Translators: the bounds of a uniform initialisation, in a run's subtitle */
  { "a", N_("from %s") },
  { "b", N_("to %s") },
  /* Translators: the mean and standard deviation of a normal initialisation */
  { "mean", N_("mean %s") },
  { "std", N_("std %s") },
  /* Translators: the nonlinearity Kaiming's gain is computed for: "gain for tanh" */
  { "nonlinearity", N_("gain for %s") },
  { "samples", N_("%s samples") },
  { "seed", N_("seed %s") },
};

/* choices a subtitle says in a phrase of their own */
static const struct
{
  const char *key;
  const char *name;
  const char *phrase;
} choice_phrases[] = {
  /* Translators: in a run's subtitle: the last layer has no activation */
  { "output_activation", "identity", N_("no output activation") },
  /* Translators: in a run's subtitle: the biases start at zero */
  { "bias", "zeros", N_("zero biases") },
  /* Translators: in a run's subtitle: the scheme's variance uses the layer's outputs */
  { "mode", "fan_out", N_("fan out") },
};

/* the words for a setting that differs: "20 inputs", "no output activation" */
static char *
say_setting (const GradlensField     *field,
             const GradlensRunConfig *config,
             const char              *value)
{
  if (field->type == GRADLENS_FIELD_CHOICE)
    {
      const char *name = field->choice_name (gradlens_field_get_choice (field, config));

      for (guint i = 0; i < G_N_ELEMENTS (choice_phrases); i++)
        if (g_str_equal (choice_phrases[i].key, field->key) && g_str_equal (choice_phrases[i].name, name))
          return g_strdup (_(choice_phrases[i].phrase));
    }
  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    if (g_str_equal (phrases[i].key, field->key))
      {
        /* the phrase is a translation, not a format the compiler can check */
        GString *said = g_string_new (_(phrases[i].phrase));

        g_string_replace (said, "%s", value, 1);
        return g_string_free (said, FALSE);
      }
  /* Translators: a setting that differs from the default, its preset key and value: "gain 2" */
  return g_strdup_printf (_("%s %s"), field->key, value);
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
 * the field table has them) and are used by it, in words, in the field
 * table's order: "20 inputs, 256 samples, seed 3, float64", "no output
 * activation, zero biases".
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
        g_ptr_array_add (items, say_setting (field, config, value));
    }
  if (items->len == 0)
    return NULL;
  g_ptr_array_add (items, NULL);
  /* Translators: between the settings of a run's subtitle: "inputs 20, samples 256" */
  return g_strjoinv (_(", "), (char **) items->pdata);
}
