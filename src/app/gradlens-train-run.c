/* gradlens-train-run.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-train-run.h"

struct _GradlensTrainRun
{
  GradlensSeriesItem parent_instance;

  /* Owned */
  GradlensRunConfig     *config;   /* its label and colour are the training's */
  GradlensTrainSettings  settings;
  GradlensTrainResult   *result;   /* NULL until the first steps */
  guint                  n_steps;  /* steps of result filled in */
};

static void series_iface_init (GradlensSeriesInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GradlensTrainRun, gradlens_train_run, GRADLENS_TYPE_SERIES_ITEM,
                               G_IMPLEMENT_INTERFACE (GRADLENS_TYPE_SERIES, series_iface_init))

enum {
  PROP_0,
  PROP_N_STEPS,
  N_PROPS
};

static GParamSpec *n_steps_pspec;

static const GradlensColumnSpec train_columns[] = {
  /* Translators: column headings of a training's table: the step, the loss, the first layer's gradient norm and
   * how far its weights moved */
  { "step", N_("Step"), GRADLENS_COLUMN_FLAG_LEFT | GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_EXPAND },
  { "loss", N_("Loss"), GRADLENS_COLUMN_FLAG_NUMERIC },
  { "lin1_weight_grad_norm", N_("lin1.weight gradient"), GRADLENS_COLUMN_FLAG_NUMERIC },
  { "lin1_weight_change", N_("lin1 weight change"), GRADLENS_COLUMN_FLAG_NUMERIC },
};

G_STATIC_ASSERT (G_N_ELEMENTS (train_columns) == GRADLENS_N_TRAIN_COLUMNS);

const GradlensTableSpec gradlens_train_table = { train_columns, G_N_ELEMENTS (train_columns) };

static void
update_detail (GradlensTrainRun *self)
{
  const char *optimizer = g_strcmp0 (gradlens_train_settings_get_optimizer (&self->settings), "adam") == 0 ? "Adam" : "SGD";

  /* Translators: a training's detail line: "SGD · lr 0.5 · 120 of 300 steps" */
  gradlens_series_item_take_detail (GRADLENS_SERIES_ITEM (self),
                                    g_strdup_printf (_("%s · lr %g · %u of %d steps"), optimizer, self->settings.lr,
                                                     self->n_steps, self->settings.steps));
}

/* ---- GradlensSeries --------------------------------------------------- */

static double
train_get_decay (GradlensSeries *series)
{
  return NAN;
}

static gboolean
train_has_stats (GradlensSeries *series)
{
  return GRADLENS_TRAIN_RUN (series)->config->seeds > 1;
}

static const GradlensRunConfig *
train_get_config (GradlensSeries *series)
{
  return GRADLENS_TRAIN_RUN (series)->config;
}

static char *
train_dup_accessible_name (GradlensSeries *series)
{
  /* Translators: the accessible name of a training in the list of trainings */
  return g_strdup_printf (_("Training “%s”"), gradlens_series_get_label (series));
}

static const GradlensTableSpec *
train_get_table (GradlensSeries *series,
                 guint           table)
{
  return &gradlens_train_table;
}

static guint
train_get_n_rows (GradlensSeries *series,
                  guint           table)
{
  return GRADLENS_TRAIN_RUN (series)->n_steps;
}

static double
weight_change (GradlensTrainRun *self,
               guint             step,
               guint             layer)
{
  const GradlensTrainResult *r = self->result;

  if (r->change_stats != NULL)
    return r->change_stats_defined[layer] ? r->change_stats[(gsize) step * r->depth + layer].median : NAN;
  return r->has_change[layer] ? r->weight_change[(gsize) step * r->depth + layer] : NAN;
}

static char *
train_dup_cell (GradlensSeries *series,
                guint           table,
                guint           step,
                guint           column,
                gboolean        exact)
{
  GradlensTrainRun *self = GRADLENS_TRAIN_RUN (series);

  g_return_val_if_fail (step < self->n_steps, NULL);

  switch (column)
    {
    case GRADLENS_TRAIN_COLUMN_STEP:
      return g_strdup_printf ("%u", step);
    case GRADLENS_TRAIN_COLUMN_LOSS:
      return gradlens_number_format (gradlens_train_run_get_loss (self, step), exact);
    case GRADLENS_TRAIN_COLUMN_FIRST_NORM:
      return gradlens_number_format (gradlens_train_run_get_norm (self, step, 0), exact);
    case GRADLENS_TRAIN_COLUMN_FIRST_CHANGE:
      return gradlens_number_format (weight_change (self, step, 0), exact);
    case GRADLENS_N_TRAIN_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
series_iface_init (GradlensSeriesInterface *iface)
{
  iface->get_decay = train_get_decay;
  iface->has_stats = train_has_stats;
  iface->get_config = train_get_config;
  iface->dup_accessible_name = train_dup_accessible_name;
  iface->get_table = train_get_table;
  iface->get_n_rows = train_get_n_rows;
  iface->dup_cell = train_dup_cell;
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_train_run_finalize (GObject *object)
{
  GradlensTrainRun *self = (GradlensTrainRun *) object;

  g_clear_pointer (&self->config, gradlens_run_config_free);
  g_clear_pointer (&self->result, gradlens_train_result_free);

  G_OBJECT_CLASS (gradlens_train_run_parent_class)->finalize (object);
}

static void
gradlens_train_run_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GradlensTrainRun *self = GRADLENS_TRAIN_RUN (object);

  switch (prop_id)
    {
    case PROP_N_STEPS:
      g_value_set_uint (value, self->n_steps);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_train_run_class_init (GradlensTrainRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gradlens_train_run_finalize;
  object_class->get_property = gradlens_train_run_get_property;

  n_steps_pspec = g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 0,
                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_N_STEPS, n_steps_pspec);
}

static void
gradlens_train_run_init (GradlensTrainRun *self)
{
}

/**
 * gradlens_train_run_new:
 * @config: what is trained, with its label and colour set (copied)
 * @settings: how (copied)
 *
 * Returns: (transfer full): a training without steps yet
 */
GradlensTrainRun *
gradlens_train_run_new (const GradlensRunConfig     *config,
                        const GradlensTrainSettings *settings)
{
  GradlensTrainRun *self;

  g_return_val_if_fail (config != NULL && settings != NULL, NULL);

  self = g_object_new (GRADLENS_TYPE_TRAIN_RUN, NULL);
  self->config = gradlens_run_config_dup (config);
  gradlens_series_item_set_config (GRADLENS_SERIES_ITEM (self), self->config);
  self->settings = *settings;
  update_detail (self);
  return self;
}

const GradlensRunConfig *
gradlens_train_run_get_config (GradlensTrainRun *self)
{
  g_return_val_if_fail (GRADLENS_IS_TRAIN_RUN (self), NULL);

  return self->config;
}

const GradlensTrainSettings *
gradlens_train_run_get_settings (GradlensTrainRun *self)
{
  g_return_val_if_fail (GRADLENS_IS_TRAIN_RUN (self), NULL);

  return &self->settings;
}

const GradlensTrainResult *
gradlens_train_run_get_result (GradlensTrainRun *self)
{
  g_return_val_if_fail (GRADLENS_IS_TRAIN_RUN (self), NULL);

  return self->result;
}

guint
gradlens_train_run_get_n_steps (GradlensTrainRun *self)
{
  g_return_val_if_fail (GRADLENS_IS_TRAIN_RUN (self), 0);

  return self->n_steps;
}

static void
set_n_steps (GradlensTrainRun *self,
             guint             n_steps)
{
  if (self->n_steps == n_steps)
    return;
  self->n_steps = n_steps;
  update_detail (self);
  g_object_notify_by_pspec (G_OBJECT (self), n_steps_pspec);
}

void
gradlens_train_run_copy_steps (GradlensTrainRun          *self,
                               const GradlensTrainResult *source,
                               guint                      n_steps)
{
  GradlensTrainResult *r;
  guint from;

  g_return_if_fail (GRADLENS_IS_TRAIN_RUN (self));
  g_return_if_fail (source != NULL && source->n_seeds == 1);
  g_return_if_fail (n_steps <= (guint) source->n_steps);

  if (self->result == NULL)
    {
      self->result = gradlens_train_result_new (&source->config, &source->train);
      self->n_steps = 0;
      if (self->result == NULL)
        return;
    }
  r = self->result;
  from = self->n_steps;
  if (n_steps <= from || r->n_params != source->n_params || r->depth != source->depth || r->n_steps != source->n_steps)
    return;
  memcpy (r->has_change, source->has_change, sizeof (gboolean) * (gsize) r->depth);
  memcpy (r->losses + from, source->losses + from, sizeof (double) * (n_steps - from));
  memcpy (r->norms + (gsize) from * r->n_params, source->norms + (gsize) from * r->n_params,
          sizeof (double) * (gsize) (n_steps - from) * r->n_params);
  memcpy (r->weight_change + (gsize) from * r->depth, source->weight_change + (gsize) from * r->depth,
          sizeof (double) * (gsize) (n_steps - from) * r->depth);
  set_n_steps (self, n_steps);
}

void
gradlens_train_run_set_result (GradlensTrainRun    *self,
                               GradlensTrainResult *result)
{
  g_return_if_fail (GRADLENS_IS_TRAIN_RUN (self));
  g_return_if_fail (result != NULL);

  g_clear_pointer (&self->result, gradlens_train_result_free);
  self->result = result;
  self->n_steps = 0;
  set_n_steps (self, (guint) result->n_steps);
}

double
gradlens_train_run_get_norm (GradlensTrainRun *self,
                             guint             step,
                             guint             param)
{
  const GradlensTrainResult *r;

  g_return_val_if_fail (GRADLENS_IS_TRAIN_RUN (self), NAN);
  g_return_val_if_fail (step < self->n_steps, NAN);

  r = self->result;
  g_return_val_if_fail (param < (guint) r->n_params, NAN);
  if (r->norm_stats != NULL)
    return r->norm_stats[(gsize) step * r->n_params + param].median;
  return r->norms[(gsize) step * r->n_params + param];
}

double
gradlens_train_run_get_loss (GradlensTrainRun *self,
                             guint             step)
{
  const GradlensTrainResult *r;

  g_return_val_if_fail (GRADLENS_IS_TRAIN_RUN (self), NAN);
  g_return_val_if_fail (step < self->n_steps, NAN);

  r = self->result;
  if (r->loss_stats != NULL)
    return r->loss_stats[step].median;
  return r->losses[step];
}
