/* gradlens-depth-sweep.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-figure.h"
#include "gradlens-job.h"
#include "gradlens-remedies.h"

struct _GradlensDepthSweep
{
  GradlensSeriesItem parent_instance;

  /* Owned */
  GradlensRunConfig *config;   /* its label and colour are the sweep's */
  GArray            *points;   /* of GradlensSweepPoint, by depth */
};

static void series_iface_init (GradlensSeriesInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GradlensDepthSweep, gradlens_depth_sweep, GRADLENS_TYPE_SERIES_ITEM,
                               G_IMPLEMENT_INTERFACE (GRADLENS_TYPE_SERIES, series_iface_init))

static const GradlensColumnSpec sweep_columns[] = {
  /* Translators: column headings of a sweep's table: the depth, the first layer's gradient norm */
  { "depth", N_("Depth"), GRADLENS_COLUMN_FLAG_LEFT | GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_EXPAND },
  { "first_weight_grad_norm", N_("Gradient norm"), GRADLENS_COLUMN_FLAG_NUMERIC },
  { "min", N_("Min"), GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_STATS },
  { "q1", N_("Q1"), GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_STATS },
  { "median", N_("Median"), GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_STATS },
  { "q3", N_("Q3"), GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_STATS },
  { "max", N_("Max"), GRADLENS_COLUMN_FLAG_NUMERIC | GRADLENS_COLUMN_FLAG_STATS },
};

G_STATIC_ASSERT (G_N_ELEMENTS (sweep_columns) == GRADLENS_N_SWEEP_COLUMNS);

const GradlensTableSpec gradlens_sweep_table = { sweep_columns, G_N_ELEMENTS (sweep_columns) };

static double sweep_get_decay (GradlensSeries *series);

static void
update_detail (GradlensDepthSweep *self)
{
  const NnConfig *c = &self->config->nn;
  g_autofree char *decay = gradlens_decay_format (sweep_get_decay (GRADLENS_SERIES (self)));
  g_autofree char *depths = NULL;
  g_autofree char *net = NULL;
  GString *s = g_string_new (NULL);

  if (self->points->len > 0)
    {
      int first = g_array_index (self->points, GradlensSweepPoint, 0).depth;
      int last = g_array_index (self->points, GradlensSweepPoint, self->points->len - 1).depth;

      /* Translators: the depths of a sweep, "depths 1–30" */
      depths = g_strdup_printf (_("depths %d–%d"), first, last);
    }
  /* Translators: the width of a sweep's network, "width 10" */
  net = g_strdup_printf (_("width %d"), c->width);
  if (decay != NULL)
    g_string_append_printf (s, "%s · ", decay);
  if (depths != NULL)
    g_string_append_printf (s, "%s · ", depths);
  g_string_append (s, net);
  {
    g_autofree char *remedies = gradlens_remedies_describe (self->config);

    if (remedies != NULL)
      g_string_append_printf (s, " · %s", remedies);
  }
  if (self->config->seeds > 1)
    {
      g_string_append (s, " · ");
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%d seed", "%d seeds", self->config->seeds),
                              self->config->seeds);
    }
  gradlens_series_item_take_detail (GRADLENS_SERIES_ITEM (self), g_string_free (s, FALSE));
}

/* ---- GradlensSeries --------------------------------------------------- */

static double
sweep_get_decay (GradlensSeries *series)
{
  GradlensDepthSweep *self = GRADLENS_DEPTH_SWEEP (series);

  return gradlens_sweep_decay_per_layer ((const GradlensSweepPoint *) (void *) self->points->data,
                                         self->points->len);
}

static gboolean
sweep_has_stats (GradlensSeries *series)
{
  return GRADLENS_DEPTH_SWEEP (series)->config->seeds > 1;
}

static const GradlensRunConfig *
sweep_get_config (GradlensSeries *series)
{
  return GRADLENS_DEPTH_SWEEP (series)->config;
}

static char *
sweep_dup_accessible_name (GradlensSeries *series)
{
  /* Translators: the accessible name of a sweep in the list of depth sweeps */
  return g_strdup_printf (_("Sweep “%s”"), gradlens_series_get_label (series));
}

static const GradlensTableSpec *
sweep_get_table (GradlensSeries *series,
                 guint           table)
{
  return &gradlens_sweep_table;
}

static guint
sweep_get_n_rows (GradlensSeries *series,
                  guint           table)
{
  return GRADLENS_DEPTH_SWEEP (series)->points->len;
}

static char *
sweep_dup_cell (GradlensSeries *series,
                guint           table,
                guint           point,
                guint           column,
                gboolean        exact)
{
  GradlensDepthSweep *self = GRADLENS_DEPTH_SWEEP (series);
  const GradlensSweepPoint *p;
  gboolean stats;

  g_return_val_if_fail (point < self->points->len, NULL);

  p = &g_array_index (self->points, GradlensSweepPoint, point);
  stats = sweep_has_stats (series);
  switch (column)
    {
    case GRADLENS_SWEEP_COLUMN_DEPTH:
      return g_strdup_printf ("%d", p->depth);
    case GRADLENS_SWEEP_COLUMN_VALUE:
      return gradlens_number_format (p->value, exact);
    case GRADLENS_SWEEP_COLUMN_MIN:
      return stats ? gradlens_number_format (p->stats.min, exact) : g_strdup ("");
    case GRADLENS_SWEEP_COLUMN_Q1:
      return stats ? gradlens_number_format (p->stats.q1, exact) : g_strdup ("");
    case GRADLENS_SWEEP_COLUMN_MEDIAN:
      return stats ? gradlens_number_format (p->stats.median, exact) : g_strdup ("");
    case GRADLENS_SWEEP_COLUMN_Q3:
      return stats ? gradlens_number_format (p->stats.q3, exact) : g_strdup ("");
    case GRADLENS_SWEEP_COLUMN_MAX:
      return stats ? gradlens_number_format (p->stats.max, exact) : g_strdup ("");
    case GRADLENS_N_SWEEP_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
series_iface_init (GradlensSeriesInterface *iface)
{
  iface->get_decay = sweep_get_decay;
  iface->has_stats = sweep_has_stats;
  iface->get_config = sweep_get_config;
  iface->dup_accessible_name = sweep_dup_accessible_name;
  iface->get_table = sweep_get_table;
  iface->get_n_rows = sweep_get_n_rows;
  iface->dup_cell = sweep_dup_cell;
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_depth_sweep_finalize (GObject *object)
{
  GradlensDepthSweep *self = (GradlensDepthSweep *) object;

  g_clear_pointer (&self->config, gradlens_run_config_free);
  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (gradlens_depth_sweep_parent_class)->finalize (object);
}

static void
gradlens_depth_sweep_class_init (GradlensDepthSweepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gradlens_depth_sweep_finalize;
}

static void
gradlens_depth_sweep_init (GradlensDepthSweep *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (GradlensSweepPoint));
}

/**
 * gradlens_depth_sweep_new:
 * @config: what was swept, with its label and colour set (copied)
 * @points: (array length=n_points): the points, in any order
 * @n_points: how many
 *
 * Returns: (transfer full): a new sweep
 */
GradlensDepthSweep *
gradlens_depth_sweep_new (const GradlensRunConfig  *config,
                          const GradlensSweepPoint *points,
                          guint                     n_points)
{
  GradlensDepthSweep *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (GRADLENS_TYPE_DEPTH_SWEEP, NULL);
  self->config = gradlens_run_config_dup (config);
  gradlens_series_item_set_config (GRADLENS_SERIES_ITEM (self), self->config);
  gradlens_depth_sweep_add_points (self, points, n_points);
  return self;
}

const GradlensRunConfig *
gradlens_depth_sweep_get_config (GradlensDepthSweep *self)
{
  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), NULL);

  return self->config;
}

const GradlensSweepPoint *
gradlens_depth_sweep_get_points (GradlensDepthSweep *self,
                                 guint              *n_points)
{
  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), NULL);

  if (n_points != NULL)
    *n_points = self->points->len;
  return (const GradlensSweepPoint *) (void *) self->points->data;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  int x = ((const GradlensSweepPoint *) a)->depth;
  int y = ((const GradlensSweepPoint *) b)->depth;

  return (x > y) - (x < y);
}

void
gradlens_depth_sweep_add_points (GradlensDepthSweep       *self,
                                 const GradlensSweepPoint *points,
                                 guint                     n_points)
{
  g_return_if_fail (GRADLENS_IS_DEPTH_SWEEP (self));
  g_return_if_fail (points != NULL || n_points == 0);

  for (guint i = 0; i < n_points; i++)
    {
      guint k;

      for (k = 0; k < self->points->len; k++)
        if (g_array_index (self->points, GradlensSweepPoint, k).depth == points[i].depth)
          break;
      if (k < self->points->len)
        g_array_index (self->points, GradlensSweepPoint, k) = points[i];
      else
        g_array_append_val (self->points, points[i]);
    }
  g_array_sort (self->points, compare_points);
  update_detail (self);
}

gboolean
gradlens_depth_sweep_has_depth (GradlensDepthSweep *self,
                                int                 depth)
{
  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), FALSE);

  for (guint k = 0; k < self->points->len; k++)
    if (g_array_index (self->points, GradlensSweepPoint, k).depth == depth)
      return TRUE;
  return FALSE;
}


/* ---- planning a sweep ------------------------------------------------- */

/* a run of config at depth is within the limits */
static gboolean
check_depth (const GradlensRunConfig  *config,
             int                       depth,
             GError                  **error)
{
  g_autoptr(GradlensRunConfig) c = gradlens_run_config_dup (config);

  c->nn.depth = depth;
  return gradlens_run_config_validate (c, GRADLENS_NAMING_PRESET, GRADLENS_DEFAULT_MEMORY_LIMIT, error);
}

/**
 * gradlens_depth_sweep_plan:
 * @sweeps: the sweeps listed, of #GradlensDepthSweep
 * @config: a valid run; its depth is ignored
 * @depths: (array length=n_depths): depths of 1 .. 1000
 * @n_depths: how many, at least one
 * @error: why no sweep started: a run too deep for the limits
 *
 * A job that sweeps @config over @depths, labelled and coloured to join
 * @sweeps (its target NULL). Each sweep is its own series, over the depths
 * asked for: a new sweep never adds depths to the sweeps listed before.
 *
 * Returns: (transfer full) (nullable): the job, not started
 */
GradlensJob *
gradlens_depth_sweep_plan (GListModel               *sweeps,
                           const GradlensRunConfig  *config,
                           const int                *depths,
                           guint                     n_depths,
                           GError                  **error)
{
  return gradlens_depth_sweep_plan_several (sweeps, (const GradlensRunConfig * const *) &config, 1, depths,
                                            n_depths, error);
}

/**
 * gradlens_depth_sweep_plan_several:
 * @sweeps: the sweeps listed, of #GradlensDepthSweep
 * @configs: (array length=n_configs): valid runs; their depths are ignored
 * @n_configs: how many new sweeps, at least one
 * @depths: (array length=n_depths): depths of 1 .. 1000
 * @n_depths: how many, at least one
 * @error: why no sweep started: a run too deep for the limits
 *
 * As gradlens_depth_sweep_plan(), with a new sweep of each of @configs,
 * in this order, each in a colour and with a label of its own.
 *
 * Returns: (transfer full) (nullable): the job, not started
 */
GradlensJob *
gradlens_depth_sweep_plan_several (GListModel                     *sweeps,
                                   const GradlensRunConfig * const *configs,
                                   guint                           n_configs,
                                   const int                      *depths,
                                   guint                           n_depths,
                                   GError                        **error)
{
  g_autoptr(GradlensJob) job = NULL;
  g_autoptr(GListStore) taken = g_list_store_new (GRADLENS_TYPE_DEPTH_SWEEP);
  guint n_sweeps;
  int deepest = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (sweeps), NULL);
  g_return_val_if_fail (configs != NULL && n_configs > 0, NULL);
  g_return_val_if_fail (depths != NULL && n_depths > 0, NULL);

  /* the deepest run of every new sweep must fit in memory; a new sweep
   * covers its own depths and never extends those already listed */
  for (guint k = 0; k < n_depths; k++)
    deepest = MAX (deepest, depths[k]);
  for (guint c = 0; c < n_configs; c++)
    if (!check_depth (configs[c], deepest, error))
      return NULL;

  n_sweeps = g_list_model_get_n_items (sweeps);
  for (guint i = 0; i < n_sweeps; i++)
    {
      g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (sweeps, i);

      g_list_store_append (taken, sweep);
    }
  job = gradlens_job_new (GRADLENS_JOB_SWEEP);
  for (guint c = 0; c < n_configs; c++)
    {
      g_autoptr(GradlensRunConfig) swept = gradlens_run_config_dup (configs[c]);
      g_autoptr(GradlensDepthSweep) placeholder = NULL;
      g_autofree char *base = gradlens_default_sweep_label (swept);

      g_free (swept->label);
      swept->label = gradlens_series_list_unique_label (G_LIST_MODEL (taken), base);
      g_free (swept->color);
      swept->color = gradlens_series_list_next_color (G_LIST_MODEL (taken));
      gradlens_job_add (job, swept, depths, n_depths, NULL);
      /* the next new sweep takes another label and colour */
      placeholder = gradlens_depth_sweep_new (swept, NULL, 0);
      g_list_store_append (taken, placeholder);
    }
  return g_steal_pointer (&job);
}
