/* gradlens-diagnosis.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "activation.h"
#include "gradlens-diagnosis.h"

static const char * const kind_names[GRADLENS_N_FINDING_KINDS] = {
  "vanishing", "exploding", "output_inactive", "saturated", "dead_units", "zero_gradients",
};

const char *
gradlens_finding_kind_name (GradlensFindingKind kind)
{
  return (guint) kind < GRADLENS_N_FINDING_KINDS ? kind_names[kind] : NULL;
}

const char *
gradlens_zero_cause_name (GradlensZeroCause cause)
{
  switch (cause)
    {
    case GRADLENS_ZERO_CAUSE_NO_SIGNAL:
      return "no_signal";
    case GRADLENS_ZERO_CAUSE_UNDERFLOW:
      return "underflow";
    case GRADLENS_ZERO_CAUSE_NONE:
    default:
      return NULL;
    }
}

static gboolean
has_output_activation (const NnConfig *c)
{
  return c->output_activation && c->activation != NN_ACT_IDENTITY;
}

static int
layer_units (const NnConfig *c,
             int             l)
{
  return l == c->depth - 1 ? c->outputs : c->width;
}

/* the first layer (0-based) whose units are all dead, or -1 */
static int
first_silent_layer (const NnConfig     *c,
                    const NnLayerStats *layers)
{
  for (int l = 0; l < c->depth; l++)
    if (layers[l].dead_units == layer_units (c, l))
      return l;
  return -1;
}

guint
gradlens_diagnose (const NnConfig     *c,
                   const double       *norms,
                   double              decay,
                   const NnLayerStats *layers,
                   GradlensFinding    *out)
{
  guint n = 0;
  int last = c->depth - 1, n_hidden, worst = -1, zeros = 0;
  double top = nn_act_max_derivative (c->activation, c->negative_slope);

#define ADD(k, l, v) (out[n++] = (GradlensFinding) { (k), (l), (v), GRADLENS_ZERO_CAUSE_NONE })
  if (isfinite (decay) && decay < 0.5)
    ADD (GRADLENS_FINDING_VANISHING, 0, decay);
  if (isfinite (decay) && decay > 2.0)
    ADD (GRADLENS_FINDING_EXPLODING, 0, decay);
  if (has_output_activation (c) && layers[last].deriv_mean <= 0.05 * top)
    ADD (GRADLENS_FINDING_OUTPUT_INACTIVE, last + 1, layers[last].deriv_mean);

  /* the hidden layers, or every layer when the output has no activation;
   * the first of the worst, like Python's max () */
  n_hidden = has_output_activation (c) ? c->depth - 1 : c->depth;
  for (int l = 0; l < n_hidden; l++)
    if (worst < 0 || layers[l].saturated_fraction > layers[worst].saturated_fraction)
      worst = l;
  if (worst >= 0 && layers[worst].saturated_fraction >= 0.25)
    ADD (GRADLENS_FINDING_SATURATED, worst + 1, layers[worst].saturated_fraction);

  for (int l = 0; l < c->depth; l++)
    if (layers[l].dead_units > 0)
      {
        ADD (GRADLENS_FINDING_DEAD_UNITS, l + 1, layers[l].dead_units);
        break;
      }

  for (int p = 0; p < nn_config_n_params (c); p++)
    zeros += norms[p] == 0.0;
  if (zeros > 0)
    {
      ADD (GRADLENS_FINDING_ZERO_GRADIENTS, 0, zeros);
      out[n - 1].cause = first_silent_layer (c, layers) >= 0 ? GRADLENS_ZERO_CAUSE_NO_SIGNAL
                                                              : GRADLENS_ZERO_CAUSE_UNDERFLOW;
    }
#undef ADD
  return n;
}

/* the activation as a student reads its name */
static const char *
activation_title (NnActivation act)
{
  static const char * const titles[NN_N_ACTIVATIONS] = {
    "sigmoid", "tanh", "ReLU", "Leaky ReLU", "ELU", "GELU", "SELU", "softplus", "identity",
  };

  return (guint) act < NN_N_ACTIVATIONS ? titles[act] : "?";
}

static char *
output_inactive_text (const GradlensFinding *f,
                      const NnConfig        *c)
{
  double top = nn_act_max_derivative (c->activation, c->negative_slope);

  if (c->activation == NN_ACT_LEAKY_RELU && fabs (f->value - c->negative_slope) <= 1e-6 * fabs (c->negative_slope))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %g is Leaky ReLU's negative slope, 0.01 by default */
                                         "The output unit is on Leaky ReLU's flat side for every sample: "
                                         "all gradients are scaled by %g.",
                                         "The output units are on Leaky ReLU's flat side for every sample: "
                                         "all gradients are scaled by %g.", (gulong) c->outputs),
                            c->negative_slope);
  if (f->value == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %s is an activation function: "ReLU" */
                                         "The output unit is dead: %s's derivative is 0 for every sample, so no "
                                         "gradient reaches the network.",
                                         "The output units are dead: %s's derivative is 0 for every sample, so no "
                                         "gradient reaches the network.", (gulong) c->outputs),
                            activation_title (c->activation));
  /* Translators: the first %s is an activation function ("sigmoid"), %.0f%% a percentage */
  return g_strdup_printf (_("The output layer sits where %s is nearly flat: its mean derivative is %.3g, "
                            "%.0f%% of the largest, and every gradient of the network is scaled by it."),
                          activation_title (c->activation), f->value, 100.0 * f->value / top);
}

char *
gradlens_finding_text (const GradlensFinding *f,
                       const NnConfig        *c,
                       const NnLayerStats    *layers)
{
  g_return_val_if_fail (f != NULL && c != NULL, NULL);

  switch (f->kind)
    {
    case GRADLENS_FINDING_VANISHING:
      /* Translators: %.2g is a factor below 0.5, "0.14" */
      return g_strdup_printf (_("Vanishing gradients: from the output towards the input the gradient norm is "
                                "multiplied by %.2g per layer, so the first layers learn the slowest."), f->value);
    case GRADLENS_FINDING_EXPLODING:
      /* Translators: %.2g is a factor above 2, "3.1" */
      return g_strdup_printf (_("Exploding gradients: from the output towards the input the gradient norm is "
                                "multiplied by %.2g per layer, so the first layers take the largest steps."),
                              f->value);
    case GRADLENS_FINDING_OUTPUT_INACTIVE:
      return output_inactive_text (f, c);
    case GRADLENS_FINDING_SATURATED:
      /* Translators: layer %d; %.0f%% is a percentage; %s an activation function ("tanh") */
      return g_strdup_printf (_("Layer %d is saturated: %.0f%% of its values sit where %s is flat (its derivative "
                                "below 1%% of its largest), so little gradient passes through."),
                              f->layer, 100.0 * f->value, activation_title (c->activation));
    case GRADLENS_FINDING_DEAD_UNITS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: layer %d has %d dead units */
                                           "Layer %d has %d dead unit: its derivative is 0 for every sample, so "
                                           "it passes no gradient and its weights do not learn.",
                                           "Layer %d has %d dead units: their derivative is 0 for every sample, "
                                           "so they pass no gradient and their weights do not learn.",
                                           (gulong) f->value),
                              f->layer, (int) f->value);
    case GRADLENS_FINDING_ZERO_GRADIENTS:
      if (f->cause == GRADLENS_ZERO_CAUSE_NO_SIGNAL)
        {
          int silent = layers != NULL ? first_silent_layer (c, layers) + 1 : 0;

          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: %d gradient norms; layer %d */
                                               "%d gradient norm is exactly 0 because no signal gets through: "
                                               "every unit of layer %d is dead. This is not an underflow.",
                                               "%d gradient norms are exactly 0 because no signal gets through: "
                                               "every unit of layer %d is dead. This is not an underflow.",
                                               (gulong) f->value),
                                  (int) f->value, silent);
        }
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %s is a number type, "float32" */
                                           "%d gradient norm is exactly 0: the gradient became smaller than the "
                                           "smallest %s number (underflow).",
                                           "%d gradient norms are exactly 0: the gradients became smaller than the "
                                           "smallest %s number (underflow).", (gulong) f->value),
                              (int) f->value, nn_dtype_name (c->dtype));
    case GRADLENS_N_FINDING_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}
