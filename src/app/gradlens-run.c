/* gradlens-run.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-figure.h"
#include "gradlens-run.h"

/* One computed run as the window lists it: its result (owned, never changed
 * but for the label), its colour and whether the plot shows it. */
struct _GradlensRun
{
  GObject parent_instance;

  /* Owned */
  GradlensRunResult *result;
  char              *detail;
  gboolean           visible;
};

G_DEFINE_FINAL_TYPE (GradlensRun, gradlens_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_COLOR,
  PROP_VISIBLE,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
describe (const GradlensRunResult *r)
{
  const NnConfig *c = &r->config.nn;
  g_autofree char *decay = gradlens_format_decay_for_people (r->decay_per_layer);
  g_autofree char *net = NULL;
  g_autofree char *seeds = NULL;

  if (c->init == NN_INIT_DEFAULT)
    /* Translators: activation, depth × width, e.g. "sigmoid, 5 × 10" */
    net = g_strdup_printf (_("%s, %d × %d"), nn_activation_name (c->activation), c->depth, c->width);
  else
    /* Translators: activation, initialisation, depth × width, e.g. "sigmoid, xavier_normal, 5 × 10" */
    net = g_strdup_printf (_("%s, %s, %d × %d"), nn_activation_name (c->activation),
                           nn_init_name (c->init), c->depth, c->width);
  if (r->n_seeds > 1)
    seeds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d seed", "%d seeds", r->n_seeds), r->n_seeds);

  if (decay != NULL && seeds != NULL)
    return g_strdup_printf ("%s · %s · %s", decay, net, seeds);
  if (decay != NULL)
    return g_strdup_printf ("%s · %s", decay, net);
  if (seeds != NULL)
    return g_strdup_printf ("%s · %s", net, seeds);
  return g_steal_pointer (&net);
}

static void
gradlens_run_finalize (GObject *object)
{
  GradlensRun *self = (GradlensRun *) object;

  g_clear_pointer (&self->result, gradlens_run_result_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (gradlens_run_parent_class)->finalize (object);
}

static void
gradlens_run_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GradlensRun *self = GRADLENS_RUN (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, gradlens_run_get_label (self));
      break;
    case PROP_COLOR:
      g_value_set_string (value, gradlens_run_get_color (self));
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_run_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GradlensRun *self = GRADLENS_RUN (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      gradlens_run_set_label (self, g_value_get_string (value));
      break;
    case PROP_VISIBLE:
      gradlens_run_set_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_run_class_init (GradlensRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gradlens_run_finalize;
  object_class->get_property = gradlens_run_get_property;
  object_class->set_property = gradlens_run_set_property;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gradlens_run_init (GradlensRun *self)
{
  self->visible = TRUE;
}

/**
 * gradlens_run_new:
 * @result: (transfer full): a computed run with its label and colour set
 *
 * Returns: (transfer full): a new run
 */
GradlensRun *
gradlens_run_new (GradlensRunResult *result)
{
  GradlensRun *self;

  g_return_val_if_fail (result != NULL, NULL);

  self = g_object_new (GRADLENS_TYPE_RUN, NULL);
  self->result = result;
  self->detail = describe (result);
  return self;
}

const GradlensRunResult *
gradlens_run_get_result (GradlensRun *self)
{
  g_return_val_if_fail (GRADLENS_IS_RUN (self), NULL);

  return self->result;
}

const char *
gradlens_run_get_label (GradlensRun *self)
{
  g_return_val_if_fail (GRADLENS_IS_RUN (self), NULL);

  return self->result != NULL && self->result->config.label != NULL ? self->result->config.label : "";
}

/* The label lives in the result's config, so that the figure, the exports
 * and a saved preset all see the new name. */
void
gradlens_run_set_label (GradlensRun *self,
                        const char  *label)
{
  g_return_if_fail (GRADLENS_IS_RUN (self));

  if (label == NULL)
    label = "";
  if (g_strcmp0 (label, gradlens_run_get_label (self)) == 0)
    return;
  g_free (self->result->config.label);
  self->result->config.label = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
gradlens_run_get_color (GradlensRun *self)
{
  g_return_val_if_fail (GRADLENS_IS_RUN (self), NULL);

  return self->result != NULL ? self->result->config.color : NULL;
}

gboolean
gradlens_run_get_visible (GradlensRun *self)
{
  g_return_val_if_fail (GRADLENS_IS_RUN (self), FALSE);

  return self->visible;
}

void
gradlens_run_set_visible (GradlensRun *self,
                          gboolean     visible)
{
  g_return_if_fail (GRADLENS_IS_RUN (self));

  visible = !!visible;
  if (self->visible == visible)
    return;
  self->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

const char *
gradlens_run_get_detail (GradlensRun *self)
{
  g_return_val_if_fail (GRADLENS_IS_RUN (self), NULL);

  return self->detail;
}

gboolean
gradlens_run_has_stats (GradlensRun *self)
{
  g_return_val_if_fail (GRADLENS_IS_RUN (self), FALSE);

  return self->result->stats != NULL;
}

char *
gradlens_format_decay_for_people (double decay)
{
  g_autofree char *number = NULL;

  if (!isfinite (decay))
    return NULL;
  number = g_strdup_printf (decay >= 0.01 && decay < 100 ? "%.2f" : "%.2g", decay);
  /* Translators: the factor by which the gradient norm changes from one layer
   * to the next, towards the input: "×0.12 per layer" */
  return g_strdup_printf (_("×%s per layer"), number);
}

char *
gradlens_format_number (double   value,
                        gboolean exact)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  if (exact)
    return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
  return g_strdup_printf ("%.4g", value);
}

/**
 * gradlens_run_dup_cell:
 * @self: a run
 * @param: index of a parameter
 * @column: which column
 * @exact: %TRUE for the text that is copied (C locale, every digit), %FALSE
 *   for the one that is shown
 *
 * Returns: (transfer full): the cell's text, empty for a statistic of a run
 *   with one seed
 */
char *
gradlens_run_dup_cell (GradlensRun    *self,
                       guint           param,
                       GradlensColumn  column,
                       gboolean        exact)
{
  const GradlensRunResult *r;
  const GradlensStats *stats;

  g_return_val_if_fail (GRADLENS_IS_RUN (self), NULL);
  g_return_val_if_fail (param < (guint) self->result->n_params, NULL);

  r = self->result;
  stats = r->stats != NULL ? &r->stats[param] : NULL;
  switch (column)
    {
    case GRADLENS_COLUMN_PARAMETER:
      return g_strdup (r->names[param]);
    case GRADLENS_COLUMN_SHAPE:
      if (r->cols[param] == 0)
        return g_strdup_printf ("%d", r->rows[param]);
      return g_strdup_printf (exact ? "%dx%d" : "%d × %d", r->rows[param], r->cols[param]);
    case GRADLENS_COLUMN_GRAD_NORM:
      return gradlens_format_number (r->grad_norm[param], exact);
    case GRADLENS_COLUMN_MIN:
      return stats ? gradlens_format_number (stats->min, exact) : g_strdup ("");
    case GRADLENS_COLUMN_Q1:
      return stats ? gradlens_format_number (stats->q1, exact) : g_strdup ("");
    case GRADLENS_COLUMN_MEDIAN:
      return stats ? gradlens_format_number (stats->median, exact) : g_strdup ("");
    case GRADLENS_COLUMN_Q3:
      return stats ? gradlens_format_number (stats->q3, exact) : g_strdup ("");
    case GRADLENS_COLUMN_MAX:
      return stats ? gradlens_format_number (stats->max, exact) : g_strdup ("");
    case GRADLENS_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * gradlens_run_dup_values_tsv:
 * @self: a run
 *
 * The table of values as tab-separated text: a header line of column keys
 * (parameter, shape, grad_norm and, with several seeds, min, q1, median, q3,
 * max), then one line per parameter with every digit, in the C locale.
 *
 * Returns: (transfer full): the text
 */
char *
gradlens_run_dup_values_tsv (GradlensRun *self)
{
  static const char * const keys[] = {
    "parameter", "shape", "grad_norm", "min", "q1", "median", "q3", "max",
  };
  GString *s;
  guint n_columns;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == GRADLENS_N_COLUMNS);

  g_return_val_if_fail (GRADLENS_IS_RUN (self), NULL);

  n_columns = self->result->stats != NULL ? GRADLENS_N_COLUMNS : GRADLENS_COLUMN_GRAD_NORM + 1;
  s = g_string_new (NULL);
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (s, "%s%s", c ? "\t" : "", keys[c]);
  g_string_append_c (s, '\n');
  for (int p = 0; p < self->result->n_params; p++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *cell = gradlens_run_dup_cell (self, p, c, TRUE);

          g_string_append_printf (s, "%s%s", c ? "\t" : "", cell);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/**
 * gradlens_run_dup_layer_cell:
 * @self: a run
 * @layer: a row of the table of layers: layer @layer + 1
 * @column: which column
 * @exact: %TRUE for the text that is copied (C locale, every digit, the
 *   saturated fraction as a fraction), %FALSE for the one that is shown (the
 *   saturated fraction in percent, dead units "3 of 10")
 *
 * Returns: (transfer full): the cell's text
 */
char *
gradlens_run_dup_layer_cell (GradlensRun         *self,
                             guint                layer,
                             GradlensLayerColumn  column,
                             gboolean             exact)
{
  const GradlensRunResult *r;
  const NnLayerStats *s;
  int units;

  g_return_val_if_fail (GRADLENS_IS_RUN (self), NULL);
  g_return_val_if_fail (self->result->layer_stats != NULL, NULL);
  g_return_val_if_fail (layer < (guint) self->result->depth, NULL);

  r = self->result;
  s = &r->layer_stats[layer];
  units = (int) layer + 1 < r->depth ? r->config.nn.width : r->config.nn.outputs;
  switch (column)
    {
    case GRADLENS_LAYER_COLUMN_LAYER:
      return g_strdup_printf ("%u", layer + 1);
    case GRADLENS_LAYER_COLUMN_PRE_MEAN:
      return gradlens_format_number (s->pre_mean, exact);
    case GRADLENS_LAYER_COLUMN_PRE_STD:
      return gradlens_format_number (s->pre_std, exact);
    case GRADLENS_LAYER_COLUMN_ACT_MEAN:
      return gradlens_format_number (s->act_mean, exact);
    case GRADLENS_LAYER_COLUMN_ACT_STD:
      return gradlens_format_number (s->act_std, exact);
    case GRADLENS_LAYER_COLUMN_DERIV_MEAN:
      return gradlens_format_number (s->deriv_mean, exact);
    case GRADLENS_LAYER_COLUMN_SATURATED:
      if (exact)
        return gradlens_format_number (s->saturated_fraction, TRUE);
      /* Translators: a percentage in the table of layers, "29.4 %" */
      return g_strdup_printf (_("%.1f %%"), 100.0 * s->saturated_fraction);
    case GRADLENS_LAYER_COLUMN_DEAD:
      if (exact)
        return g_strdup_printf ("%d", s->dead_units);
      /* Translators: dead units of a layer, "3 of 10" */
      return g_strdup_printf (_("%d of %d"), s->dead_units, units);
    case GRADLENS_N_LAYER_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
gradlens_run_dup_layers_tsv (GradlensRun *self)
{
  static const char * const keys[] = {
    "layer", "pre_mean", "pre_std", "act_mean", "act_std", "deriv_mean", "saturated_fraction", "dead_units",
  };
  GString *s;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == GRADLENS_N_LAYER_COLUMNS);

  g_return_val_if_fail (GRADLENS_IS_RUN (self), NULL);

  s = g_string_new (NULL);
  for (guint c = 0; c < GRADLENS_N_LAYER_COLUMNS; c++)
    g_string_append_printf (s, "%s%s", c ? "\t" : "", keys[c]);
  g_string_append_c (s, '\n');
  for (int l = 0; self->result->layer_stats != NULL && l < self->result->depth; l++)
    {
      for (guint c = 0; c < GRADLENS_N_LAYER_COLUMNS; c++)
        {
          g_autofree char *cell = gradlens_run_dup_layer_cell (self, l, c, TRUE);

          g_string_append_printf (s, "%s%s", c ? "\t" : "", cell);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}
