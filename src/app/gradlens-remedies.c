/* gradlens-remedies.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-choices.h"
#include "gradlens-figure.h"
#include "gradlens-remedies.h"
#include "gradlens-run-item.h"

/* The remedies (residual connections, normalisation) as the app shows them.
 * Their values are read and written through the field table
 * (gradlens-config.h): the app never names nn's enums. */

void
gradlens_remedies_read_switch (const GradlensField *field,
                               GtkSwitch           *sw,
                               GradlensRunConfig   *config)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (field != NULL && field->type == GRADLENS_FIELD_BOOL);

  if (!gradlens_field_parse (field, gtk_switch_get_active (sw) ? "true" : "false", config, &error))
    g_critical ("%s", error->message);
}

void
gradlens_remedies_show_switch (const GradlensField     *field,
                               GtkSwitch               *sw,
                               const GradlensRunConfig *config)
{
  g_autofree char *value = NULL;

  g_return_if_fail (field != NULL && field->type == GRADLENS_FIELD_BOOL);

  value = gradlens_field_format (field, config);
  gtk_switch_set_active (sw, g_str_equal (value, "true"));
}

static gboolean
has_residual (const GradlensRunConfig *config)
{
  g_autofree char *value = gradlens_field_format (gradlens_field_lookup ("network", "residual"), config);

  return g_str_equal (value, "true");
}

/* the index of the normalisation chosen; 0 is none */
static int
norm_choice (const GradlensRunConfig *config)
{
  return gradlens_field_get_choice (gradlens_field_lookup ("network", "norm"), config);
}

void
gradlens_remedies_describe_norm_row (AdwComboRow             *row,
                                     const GradlensRunConfig *config)
{
  const GradlensField *norm = gradlens_field_lookup ("network", "norm");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gradlens_choice_description (norm, norm_choice (config)));
}

char *
gradlens_remedies_describe (const GradlensRunConfig *config)
{
  const GradlensField *norm = gradlens_field_lookup ("network", "norm");
  int choice;
  g_autofree char *norm_text = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  choice = norm_choice (config);
  if (choice > 0)
    norm_text = g_utf8_strdown (gradlens_choice_label (norm, choice), -1);
  if (has_residual (config) && norm_text != NULL)
    /* Translators: a run's remedies: "residual, batch norm" */
    return g_strdup_printf (_("residual, %s"), norm_text);
  if (has_residual (config))
    /* Translators: a run with residual connections */
    return g_strdup (_("residual"));
  return g_steal_pointer (&norm_text);
}

GPtrArray *
gradlens_remedies_variants (const GradlensRunConfig *config)
{
  const GradlensField *residual = gradlens_field_lookup ("network", "residual");
  const GradlensField *norm = gradlens_field_lookup ("network", "norm");
  GPtrArray *variants = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_config_free);
  g_autoptr(GradlensRunConfig) plain = gradlens_run_config_dup (config);
  g_autofree char *base = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  gradlens_field_parse (residual, "false", plain, NULL);
  gradlens_field_set_choice (norm, plain, gradlens_choice_index (norm, "none"));
  g_clear_pointer (&plain->color, g_free);
  base = gradlens_default_sweep_label (plain);
  g_clear_pointer (&plain->label, g_free);
  for (guint v = 0; v < 4; v++)
    {
      GradlensRunConfig *c = gradlens_run_config_dup (plain);

      switch (v)
        {
        case 0:
          /* Translators: the sweep of a network without remedies: "sigmoid, plain" */
          c->label = g_strdup_printf (_("%s, plain"), base);
          break;
        case 1:
          gradlens_field_parse (residual, "true", c, NULL);
          /* Translators: the sweep of a network with residual connections: "sigmoid + residual" */
          c->label = g_strdup_printf (_("%s + residual"), base);
          break;
        case 2:
          gradlens_field_set_choice (norm, c, gradlens_choice_index (norm, "batch"));
          /* Translators: the sweep of a network with batch norm: "sigmoid + batch norm" */
          c->label = g_strdup_printf (_("%s + batch norm"), base);
          break;
        default:
          gradlens_field_set_choice (norm, c, gradlens_choice_index (norm, "layer"));
          /* Translators: the sweep of a network with layer norm: "sigmoid + layer norm" */
          c->label = g_strdup_printf (_("%s + layer norm"), base);
          break;
        }
      g_ptr_array_add (variants, c);
    }
  return variants;
}

/* the first Linear weight's gradient norm */
static double
first_weight_norm (const GradlensRunResult *r)
{
  for (int p = 0; p < r->n_params; p++)
    if (r->is_weight[p] && r->layers[p] == 1)
      return r->grad_norm[p];
  return NAN;
}

/* the first visible sigmoid run among runs without remedies (kind 0), with
 * residual connections (1) or with normalisation (2) */
static const GradlensRunResult *
find_sigmoid_run (GListModel *runs,
                  int         kind)
{
  const GradlensField *activation = gradlens_field_lookup ("network", "activation");

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(GradlensRunItem) item = g_list_model_get_item (runs, i);
      const GradlensRunResult *r = gradlens_run_item_get_result (item);
      int its;

      if (!gradlens_series_get_visible (GRADLENS_SERIES (item))
          || !g_str_equal (activation->choice_name (gradlens_field_get_choice (activation, &r->config)), "sigmoid"))
        continue;
      its = norm_choice (&r->config) > 0 ? 2 : has_residual (&r->config) ? 1 : 0;
      if (its == kind)
        return r;
    }
  return NULL;
}

/**
 * gradlens_remedies_live_sentence:
 * @runs: the session's runs, of #GradlensRunItem
 *
 * The guide's live numbers on the remedies: lin1.weight's gradient norm and
 * the decay per layer of a plain sigmoid run on screen and of sigmoid runs
 * with a remedy.
 *
 * Returns: (transfer full) (nullable): the sentence, NULL without a plain
 *   sigmoid run and one with a remedy on screen
 */
char *
gradlens_remedies_live_sentence (GListModel *runs)
{
  const GradlensRunResult *found[3];
  g_autoptr(GString) items = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (runs), NULL);

  for (int kind = 0; kind < 3; kind++)
    {
      found[kind] = find_sigmoid_run (runs, kind);
      if (found[kind] == NULL || !isfinite (found[kind]->decay_per_layer))
        continue;
      if (items->len > 0)
        g_string_append (items, "; ");
      /* Translators: one run in the guide's live numbers: its label, lin1.weight's gradient norm and
       * the factor per layer, "“Plain sigmoid” 2.4e-18, ×0.13" */
      g_string_append_printf (items, _("“%s” %.2g, ×%.2f"), found[kind]->config.label != NULL
                              ? found[kind]->config.label : "", first_weight_norm (found[kind]),
                              found[kind]->decay_per_layer);
      n++;
    }
  if (found[0] == NULL || n < 2)
    return NULL;
  /* Translators: the guide's live numbers on the remedies; %s lists runs as "“label” 2.4e-18, ×0.13; ..." */
  return g_strdup_printf (_("On screen, lin1.weight’s gradient norm and the change per layer: %s."), items->str);
}

/**
 * gradlens_remedies_backward_note:
 * @runs: the session's runs, of #GradlensRunItem
 *
 * Why the Backward Signal view draws no prediction for the visible runs
 * with residual connections or normalisation (DESIGN.md: their
 * predicted_grad_rms is null).
 *
 * Returns: (transfer full) (nullable): the note, NULL when every visible
 *   run is plain
 */
char *
gradlens_remedies_backward_note (GListModel *runs)
{
  g_autoptr(GString) labels = g_string_new (NULL);
  gboolean residual = FALSE, norm = FALSE;

  g_return_val_if_fail (G_IS_LIST_MODEL (runs), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(GradlensRunItem) item = g_list_model_get_item (runs, i);
      const GradlensRunConfig *config = &gradlens_run_item_get_result (item)->config;
      gboolean has_norm = norm_choice (config) > 0;

      if (!gradlens_series_get_visible (GRADLENS_SERIES (item)) || (!has_residual (config) && !has_norm))
        continue;
      residual = residual || has_residual (config);
      norm = norm || has_norm;
      /* Translators: the runs without a prediction, listed: "“A”, “B”" */
      g_string_append_printf (labels, labels->len > 0 ? _(", “%s”") : _("“%s”"),
                              gradlens_series_get_label (GRADLENS_SERIES (item)));
    }
  if (labels->len == 0)
    return NULL;
  if (residual && norm)
    /* Translators: the Backward Signal view; %s lists the runs with residual connections or normalisation */
    return g_strdup_printf (_("No dashed prediction for %s: the variance argument multiplies one gain per layer "
                              "along a single path. A residual connection adds a second path around each layer "
                              "(h + f(h)), and normalisation divides each layer’s output by its own measured "
                              "spread, so the weights’ size cancels out: neither fits the argument."),
                            labels->str);
  if (residual)
    /* Translators: as above, for runs with residual connections only */
    return g_strdup_printf (_("No dashed prediction for %s: the variance argument multiplies one gain per layer "
                              "along a single path, but a residual connection adds a second path around each "
                              "layer (h + f(h)), so the signal no longer shrinks by the product of the gains."),
                            labels->str);
  /* Translators: as above, for runs with normalisation only */
  return g_strdup_printf (_("No dashed prediction for %s: normalisation divides each layer’s output by its own "
                            "measured spread, so the weights’ size cancels out and n·Var(W) no longer sets the "
                            "step the variance argument predicts."),
                          labels->str);
}
