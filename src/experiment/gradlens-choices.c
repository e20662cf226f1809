/* gradlens-choices.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gradlens-choices.h"

/* The labels people read for the names of the presets */
static const struct
{
  const char *key;
  const char *name;
  const char *label;
} labels[] = {
  { "activation", "sigmoid", N_("Sigmoid") },
  { "activation", "tanh", N_("Tanh") },
  { "activation", "relu", N_("ReLU") },
  { "activation", "leaky_relu", N_("Leaky ReLU") },
  { "activation", "elu", N_("ELU") },
  { "activation", "gelu", N_("GELU") },
  { "activation", "selu", N_("SELU") },
  { "activation", "softplus", N_("Softplus") },
  { "activation", "identity", N_("Identity") },
  { "weights", "default", N_("Default (nn.Linear)") },
  { "weights", "xavier_normal", N_("Xavier normal") },
  { "weights", "xavier_uniform", N_("Xavier uniform") },
  { "weights", "kaiming_normal", N_("Kaiming normal (He)") },
  { "weights", "kaiming_uniform", N_("Kaiming uniform (He)") },
  { "weights", "normal", N_("Normal") },
  { "weights", "uniform", N_("Uniform") },
  { "weights", "orthogonal", N_("Orthogonal") },
  { "bias", "default", N_("Default (nn.Linear)") },
  { "bias", "zeros", N_("Zeros") },
  { "mode", "fan_in", N_("Fan in") },
  { "mode", "fan_out", N_("Fan out") },
  { "norm", "none", N_("None") },
  { "norm", "batch", N_("Batch norm") },
  { "norm", "layer", N_("Layer norm") },
  { "dtype", "float32", N_("float32 (PyTorch’s default)") },
  { "dtype", "float64", N_("float64") },
};

/* One line per choice that a student reads under the chooser: what it does,
 * with its variance formula (n_in, n_out: the layer's inputs and outputs) */
static const struct
{
  const char *key;
  const char *name;
  const char *description;
} descriptions[] = {
  { "weights", "default",
    N_("What nn.Linear does: uniform in ±1/√n_in, so Var(W) = 1/(3·n_in)") },
  { "weights", "xavier_normal",
    N_("Glorot: normal with Var(W) = gain² · 2/(n_in + n_out), for sigmoid and tanh") },
  { "weights", "xavier_uniform",
    N_("Glorot: uniform with Var(W) = gain² · 2/(n_in + n_out), for sigmoid and tanh") },
  { "weights", "kaiming_normal",
    N_("He: normal with Var(W) = gain²/n; for ReLU gain² = 2, so Var(W) = 2/n_in") },
  { "weights", "kaiming_uniform",
    N_("He: uniform with Var(W) = gain²/n; for ReLU gain² = 2, so Var(W) = 2/n_in") },
  { "weights", "normal",
    N_("Normal with the mean and spread you choose: Var(W) = std²") },
  { "weights", "uniform",
    N_("Uniform between a and b: Var(W) = (b − a)²/12") },
  { "weights", "orthogonal",
    N_("An orthogonal matrix times the gain: every direction keeps its length") },
  { "bias", "default", N_("What nn.Linear does: uniform in ±1/√n_in") },
  { "bias", "zeros", N_("Every bias starts at 0, as in the notebook’s He and Xavier runs") },
  { "mode", "fan_in", N_("n = n_in, the layer’s inputs: keeps the forward signal’s variance") },
  { "mode", "fan_out", N_("n = n_out, the layer’s outputs: keeps the backward signal’s variance") },
  { "norm", "none",
    N_("Each activation gets the Linear layer’s output as it is") },
  { "norm", "batch",
    N_("Each unit rescaled to mean 0 and spread 1 over the batch of samples, before the activation: "
       "no layer can push the next into saturation") },
  { "norm", "layer",
    N_("Each sample’s units rescaled to mean 0 and spread 1, before the activation: like batch norm, "
       "but one sample at a time") },
};

/* Which initialisation schemes take which argument (torch.nn.init) */
static const struct
{
  const char *key;
  const char *schemes[4];
} scheme_args[] = {
  { "gain", { "xavier_normal", "xavier_uniform", "orthogonal", NULL } },
  { "a", { "kaiming_normal", "kaiming_uniform", "uniform", NULL } },
  { "b", { "uniform", NULL } },
  { "mode", { "kaiming_normal", "kaiming_uniform", NULL } },
  { "nonlinearity", { "kaiming_normal", "kaiming_uniform", NULL } },
  { "mean", { "normal", NULL } },
  { "std", { "normal", NULL } },
};

const char *
gradlens_choice_label (const GradlensField *field,
                       int                  index)
{
  const char *name;

  g_return_val_if_fail (field != NULL && field->type == GRADLENS_FIELD_CHOICE, NULL);
  g_return_val_if_fail (index >= 0 && index < field->n_choices, NULL);

  name = field->choice_name (index);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].key, field->key) && g_str_equal (labels[i].name, name))
      return g_dgettext (GETTEXT_PACKAGE, labels[i].label);
  return name;
}

const char *
gradlens_choice_description (const GradlensField *field,
                             int                  index)
{
  const char *name;

  g_return_val_if_fail (field != NULL && field->type == GRADLENS_FIELD_CHOICE, NULL);
  g_return_val_if_fail (index >= 0 && index < field->n_choices, NULL);

  name = field->choice_name (index);
  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    if (g_str_equal (descriptions[i].key, field->key) && g_str_equal (descriptions[i].name, name))
      return g_dgettext (GETTEXT_PACKAGE, descriptions[i].description);
  return NULL;
}

int
gradlens_choice_index (const GradlensField *field,
                       const char          *name)
{
  g_return_val_if_fail (field != NULL && field->type == GRADLENS_FIELD_CHOICE, -1);

  for (int i = 0; name != NULL && i < field->n_choices; i++)
    if (g_str_equal (field->choice_name (i), name))
      return i;
  return -1;
}

/* the field's value as the preset writes it */
static JsonNode *
field_node (const GradlensField     *field,
            const GradlensRunConfig *config,
            JsonNode               **root)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonObject *object;

  gradlens_run_config_build_json (config, builder);
  *root = json_builder_get_root (builder);
  object = json_node_get_object (*root);
  if (field->section != NULL)
    object = json_object_get_object_member (object, field->section);
  return json_object_get_member (object, field->key);
}

int
gradlens_field_get_choice (const GradlensField     *field,
                           const GradlensRunConfig *config)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node;

  g_return_val_if_fail (field != NULL && field->type == GRADLENS_FIELD_CHOICE, -1);
  g_return_val_if_fail (config != NULL, -1);

  node = field_node (field, config, &root);
  return gradlens_choice_index (field, json_node_get_string (node));
}

double
gradlens_field_get_number (const GradlensField     *field,
                           const GradlensRunConfig *config)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (field != NULL && field->type != GRADLENS_FIELD_CHOICE, 0.0);
  g_return_val_if_fail (config != NULL, 0.0);

  return json_node_get_double (field_node (field, config, &root));
}

void
gradlens_field_set_choice (const GradlensField *field,
                           GradlensRunConfig   *config,
                           int                  index)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (field != NULL && field->type == GRADLENS_FIELD_CHOICE);
  g_return_if_fail (index >= 0 && index < field->n_choices);

  if (!gradlens_field_parse (field, field->choice_name (index), config, &error))
    g_critical ("%s", error->message);
}

void
gradlens_field_set_number (const GradlensField *field,
                           GradlensRunConfig   *config,
                           double               value)
{
  g_autoptr(GError) error = NULL;
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (field != NULL && field->type != GRADLENS_FIELD_CHOICE);
  g_return_if_fail (value >= field->min && value <= field->max);

  if (field->type == GRADLENS_FIELD_DOUBLE)
    g_ascii_dtostr (text, sizeof text, value);
  else
    g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, (gint64) value);
  if (!gradlens_field_parse (field, text, config, &error))
    g_critical ("%s", error->message);
}

gboolean
gradlens_field_is_used (const GradlensField     *field,
                        const GradlensRunConfig *config)
{
  const GradlensField *other;
  const char *name;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  if (g_strcmp0 (field->section, "network") == 0 && g_str_equal (field->key, "negative_slope"))
    {
      other = gradlens_field_lookup ("network", "activation");
      return g_str_equal (other->choice_name (gradlens_field_get_choice (other, config)), "leaky_relu");
    }
  if (g_strcmp0 (field->section, "init") != 0)
    return TRUE;
  other = gradlens_field_lookup ("init", "weights");
  name = other->choice_name (gradlens_field_get_choice (other, config));
  for (guint i = 0; i < G_N_ELEMENTS (scheme_args); i++)
    if (g_str_equal (scheme_args[i].key, field->key))
      {
        for (guint k = 0; scheme_args[i].schemes[k] != NULL; k++)
          if (g_str_equal (scheme_args[i].schemes[k], name))
            return TRUE;
        return FALSE;
      }
  return TRUE;
}
