/* gradlens-run-item.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-choices.h"
#include "gradlens-figure.h"
#include "gradlens-remedies.h"
#include "gradlens-run-item.h"
#include "gradlens-run-summary.h"

struct _GradlensRunItem
{
  GradlensSeriesItem parent_instance;

  /* Owned */
  GradlensRunResult *result;
};

static void series_iface_init (GradlensSeriesInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GradlensRunItem, gradlens_run_item, GRADLENS_TYPE_SERIES_ITEM,
                               G_IMPLEMENT_INTERFACE (GRADLENS_TYPE_SERIES, series_iface_init))

static const GradlensColumnSpec values_columns[] = {
  /* Translators: column headings of the table of values */
  { "parameter", N_("Parameter"), GRADLENS_COLUMN_FLAG_LEFT | GRADLENS_COLUMN_FLAG_EXPAND },
  { "shape", N_("Shape"), GRADLENS_COLUMN_FLAG_LEFT | GRADLENS_COLUMN_FLAG_NUMERIC },
  { "grad_norm", N_("Gradient norm"), GRADLENS_COLUMN_FLAG_NUMERIC },
  /* Translators: statistics over seeds: minimum, first quartile, median, third quartile, maximum */
  { "min", N_("Min"), GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_STATS },
  { "q1", N_("Q1"), GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_STATS },
  { "median", N_("Median"), GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_STATS },
  { "q3", N_("Q3"), GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_STATS },
  { "max", N_("Max"), GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_STATS },
};

/* Translators: column headings of the table of layers: the layer, the mean and standard
 * deviation before and after the activation, the mean activation derivative, the share
 * of saturated activations, the units that are dead */
static const GradlensColumnSpec layers_columns[] = {
  { "layer", N_("Layer"), GRADLENS_COLUMN_FLAG_LEFT | GRADLENS_COLUMN_FLAG_NUMERIC },
  { "pre_mean", N_("Pre mean"), GRADLENS_COLUMN_FLAG_NUMERIC },
  { "pre_std", N_("Pre std"), GRADLENS_COLUMN_FLAG_NUMERIC },
  { "act_mean", N_("Act mean"), GRADLENS_COLUMN_FLAG_NUMERIC },
  { "act_std", N_("Act std"), GRADLENS_COLUMN_FLAG_NUMERIC },
  { "deriv_mean", N_("Deriv mean"), GRADLENS_COLUMN_FLAG_NUMERIC },
  { "saturated_fraction", N_("Saturated"), GRADLENS_COLUMN_FLAG_NUMERIC },
  { "dead_units", N_("Dead units"), GRADLENS_COLUMN_FLAG_NUMERIC },
};

G_STATIC_ASSERT (G_N_ELEMENTS (values_columns) == GRADLENS_N_COLUMNS);
G_STATIC_ASSERT (G_N_ELEMENTS (layers_columns) == GRADLENS_N_LAYER_COLUMNS);

const GradlensTableSpec gradlens_run_values_table = { values_columns, G_N_ELEMENTS (values_columns) };
const GradlensTableSpec gradlens_run_layers_table = { layers_columns, G_N_ELEMENTS (layers_columns) };

/* the activation, with the remedies when there are any: "sigmoid" or
 * "sigmoid, residual, batch norm" (the subtitle is cut at its end) */
static char *
activation_text (const GradlensRunConfig *config)
{
  g_autofree char *remedies = gradlens_remedies_describe (config);

  if (remedies == NULL)
    return g_strdup (nn_activation_name (config->nn.activation));
  /* Translators: a run's activation and its remedies, "sigmoid" and "residual, batch norm" */
  return g_strdup_printf (_("%s, %s"), nn_activation_name (config->nn.activation), remedies);
}

static char *
describe (const GradlensRunResult *r)
{
  const NnConfig *c = &r->config.nn;
  g_autofree char *decay = gradlens_decay_format (r->decay_per_layer);
  g_autofree char *net = NULL;
  g_autofree char *seeds = NULL;
  g_autofree char *differences = gradlens_run_summary_dup_differences (&r->config);
  const char *parts[5] = { NULL };
  guint n = 0;
  g_autofree char *activation = activation_text (&r->config);

  if (gradlens_field_get_choice (gradlens_field_lookup ("init", "weights"), &r->config)
      == gradlens_choice_index (gradlens_field_lookup ("init", "weights"), "default"))
    /* Translators: activation, depth × width, e.g. "sigmoid, 5 × 10" */
    net = g_strdup_printf (_("%s, %d × %d"), activation, c->depth, c->width);
  else
    /* Translators: activation, initialisation, depth × width, e.g. "sigmoid, xavier_normal, 5 × 10" */
    net = g_strdup_printf (_("%s, %s, %d × %d"), activation, nn_init_name (c->init), c->depth, c->width);
  if (r->n_seeds > 1)
    seeds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d seed", "%d seeds", r->n_seeds), r->n_seeds);

  /* the decay, the network, the seeds, then whatever else differs from the
   * defaults (inputs, samples, dtype, ...), so that no two runs that
   * differ look alike */
  if (decay != NULL)
    parts[n++] = decay;
  parts[n++] = net;
  if (seeds != NULL)
    parts[n++] = seeds;
  if (differences != NULL)
    parts[n++] = differences;
  return g_strjoinv (" · ", (char **) parts);
}

/* ---- GradlensSeries --------------------------------------------------- */

static double
run_item_get_decay (GradlensSeries *series)
{
  return GRADLENS_RUN_ITEM (series)->result->decay_per_layer;
}

static gboolean
run_item_has_stats (GradlensSeries *series)
{
  return GRADLENS_RUN_ITEM (series)->result->stats != NULL;
}

static const GradlensRunConfig *
run_item_get_config (GradlensSeries *series)
{
  return &GRADLENS_RUN_ITEM (series)->result->config;
}

static char *
run_item_dup_diagnosis (GradlensSeries *series)
{
  return gradlens_diagnosis_dup_text (GRADLENS_RUN_ITEM (series)->result);
}

static char *
run_item_dup_accessible_name (GradlensSeries *series)
{
  /* Translators: the accessible name of a run in the list of runs */
  return g_strdup_printf (_("Run “%s”"), gradlens_series_get_label (series));
}

static const GradlensTableSpec *
run_item_get_table (GradlensSeries *series,
                    guint           table)
{
  return table == GRADLENS_RUN_TABLE_LAYERS ? &gradlens_run_layers_table : &gradlens_run_values_table;
}

static guint
run_item_get_n_rows (GradlensSeries *series,
                     guint           table)
{
  const GradlensRunResult *r = GRADLENS_RUN_ITEM (series)->result;

  if (table == GRADLENS_RUN_TABLE_LAYERS)
    return r->layer_stats != NULL ? (guint) r->depth : 0;
  return (guint) r->n_params;
}

static char *
dup_value_cell (const GradlensRunResult *r,
                guint                    param,
                GradlensColumn           column,
                gboolean                 exact)
{
  const GradlensStats *stats;

  g_return_val_if_fail (param < (guint) r->n_params, NULL);

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
      return gradlens_number_format (r->grad_norm[param], exact);
    case GRADLENS_COLUMN_MIN:
      return stats ? gradlens_number_format (stats->min, exact) : g_strdup ("");
    case GRADLENS_COLUMN_Q1:
      return stats ? gradlens_number_format (stats->q1, exact) : g_strdup ("");
    case GRADLENS_COLUMN_MEDIAN:
      return stats ? gradlens_number_format (stats->median, exact) : g_strdup ("");
    case GRADLENS_COLUMN_Q3:
      return stats ? gradlens_number_format (stats->q3, exact) : g_strdup ("");
    case GRADLENS_COLUMN_MAX:
      return stats ? gradlens_number_format (stats->max, exact) : g_strdup ("");
    case GRADLENS_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* exact: the saturated fraction as a fraction; for people in percent, and
 * dead units as "3 of 10" */
static char *
dup_layer_cell (const GradlensRunResult *r,
                guint                    layer,
                GradlensLayerColumn      column,
                gboolean                 exact)
{
  const NnLayerStats *s;
  int units;

  g_return_val_if_fail (r->layer_stats != NULL, NULL);
  g_return_val_if_fail (layer < (guint) r->depth, NULL);

  s = &r->layer_stats[layer];
  units = (int) layer + 1 < r->depth ? r->config.nn.width : r->config.nn.outputs;
  switch (column)
    {
    case GRADLENS_LAYER_COLUMN_LAYER:
      return g_strdup_printf ("%u", layer + 1);
    case GRADLENS_LAYER_COLUMN_PRE_MEAN:
      return gradlens_number_format (s->pre_mean, exact);
    case GRADLENS_LAYER_COLUMN_PRE_STD:
      return gradlens_number_format (s->pre_std, exact);
    case GRADLENS_LAYER_COLUMN_ACT_MEAN:
      return gradlens_number_format (s->act_mean, exact);
    case GRADLENS_LAYER_COLUMN_ACT_STD:
      return gradlens_number_format (s->act_std, exact);
    case GRADLENS_LAYER_COLUMN_DERIV_MEAN:
      return gradlens_number_format (s->deriv_mean, exact);
    case GRADLENS_LAYER_COLUMN_SATURATED:
      if (exact)
        return gradlens_number_format (s->saturated_fraction, TRUE);
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

static char *
run_item_dup_cell (GradlensSeries *series,
                   guint           table,
                   guint           row,
                   guint           column,
                   gboolean        exact)
{
  const GradlensRunResult *r = GRADLENS_RUN_ITEM (series)->result;

  if (table == GRADLENS_RUN_TABLE_LAYERS)
    return dup_layer_cell (r, row, column, exact);
  return dup_value_cell (r, row, column, exact);
}

static void
series_iface_init (GradlensSeriesInterface *iface)
{
  iface->get_decay = run_item_get_decay;
  iface->has_stats = run_item_has_stats;
  iface->get_config = run_item_get_config;
  iface->dup_accessible_name = run_item_dup_accessible_name;
  iface->get_table = run_item_get_table;
  iface->get_n_rows = run_item_get_n_rows;
  iface->dup_cell = run_item_dup_cell;
  iface->dup_diagnosis = run_item_dup_diagnosis;
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_run_item_finalize (GObject *object)
{
  GradlensRunItem *self = (GradlensRunItem *) object;

  g_clear_pointer (&self->result, gradlens_run_result_free);

  G_OBJECT_CLASS (gradlens_run_item_parent_class)->finalize (object);
}

static void
gradlens_run_item_class_init (GradlensRunItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gradlens_run_item_finalize;
}

static void
gradlens_run_item_init (GradlensRunItem *self)
{
}

/**
 * gradlens_run_item_new:
 * @result: (transfer full): a computed run with its label and colour set
 *
 * Returns: (transfer full): a new run item
 */
GradlensRunItem *
gradlens_run_item_new (GradlensRunResult *result)
{
  GradlensRunItem *self;

  g_return_val_if_fail (result != NULL, NULL);

  self = g_object_new (GRADLENS_TYPE_RUN_ITEM, NULL);
  self->result = result;
  gradlens_series_item_set_config (GRADLENS_SERIES_ITEM (self), &result->config);
  gradlens_series_item_take_detail (GRADLENS_SERIES_ITEM (self), describe (result));
  return self;
}

const GradlensRunResult *
gradlens_run_item_get_result (GradlensRunItem *self)
{
  g_return_val_if_fail (GRADLENS_IS_RUN_ITEM (self), NULL);

  return self->result;
}
