/* gradlens-depth-sweep.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-figure.h"
#include "gradlens-run.h"

struct _GradlensDepthSweep
{
  GObject parent_instance;

  /* Owned */
  GradlensRunConfig *config;   /* its label and colour are the sweep's */
  GArray            *points;   /* of GradlensSweepPoint, by depth */
  char              *detail;
  gboolean           visible;
};

G_DEFINE_FINAL_TYPE (GradlensDepthSweep, gradlens_depth_sweep, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_COLOR,
  PROP_VISIBLE,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_detail (GradlensDepthSweep *self)
{
  const NnConfig *c = &self->config->nn;
  g_autofree char *decay = gradlens_format_decay_for_people (gradlens_depth_sweep_get_decay (self));
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
  if (self->config->seeds > 1)
    {
      g_string_append (s, " · ");
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%d seed", "%d seeds", self->config->seeds),
                              self->config->seeds);
    }
  g_free (self->detail);
  self->detail = g_string_free (s, FALSE);
}

static void
gradlens_depth_sweep_finalize (GObject *object)
{
  GradlensDepthSweep *self = (GradlensDepthSweep *) object;

  g_clear_pointer (&self->config, gradlens_run_config_free);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (gradlens_depth_sweep_parent_class)->finalize (object);
}

static void
gradlens_depth_sweep_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GradlensDepthSweep *self = GRADLENS_DEPTH_SWEEP (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, gradlens_depth_sweep_get_label (self));
      break;
    case PROP_COLOR:
      g_value_set_string (value, gradlens_depth_sweep_get_color (self));
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
gradlens_depth_sweep_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GradlensDepthSweep *self = GRADLENS_DEPTH_SWEEP (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      gradlens_depth_sweep_set_label (self, g_value_get_string (value));
      break;
    case PROP_VISIBLE:
      gradlens_depth_sweep_set_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_depth_sweep_class_init (GradlensDepthSweepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gradlens_depth_sweep_finalize;
  object_class->get_property = gradlens_depth_sweep_get_property;
  object_class->set_property = gradlens_depth_sweep_set_property;

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
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gradlens_depth_sweep_init (GradlensDepthSweep *self)
{
  self->visible = TRUE;
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
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

gboolean
gradlens_depth_sweep_has_stats (GradlensDepthSweep *self)
{
  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), FALSE);

  return self->config->seeds > 1;
}

double
gradlens_depth_sweep_get_decay (GradlensDepthSweep *self)
{
  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), NAN);

  return gradlens_sweep_decay_per_layer ((const GradlensSweepPoint *) (void *) self->points->data,
                                         self->points->len);
}

const char *
gradlens_depth_sweep_get_label (GradlensDepthSweep *self)
{
  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), NULL);

  return self->config->label != NULL ? self->config->label : "";
}

void
gradlens_depth_sweep_set_label (GradlensDepthSweep *self,
                                const char         *label)
{
  g_return_if_fail (GRADLENS_IS_DEPTH_SWEEP (self));

  if (label == NULL)
    label = "";
  if (g_strcmp0 (label, gradlens_depth_sweep_get_label (self)) == 0)
    return;
  g_free (self->config->label);
  self->config->label = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
gradlens_depth_sweep_get_color (GradlensDepthSweep *self)
{
  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), NULL);

  return self->config->color;
}

gboolean
gradlens_depth_sweep_get_visible (GradlensDepthSweep *self)
{
  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), FALSE);

  return self->visible;
}

void
gradlens_depth_sweep_set_visible (GradlensDepthSweep *self,
                                  gboolean            visible)
{
  g_return_if_fail (GRADLENS_IS_DEPTH_SWEEP (self));

  visible = !!visible;
  if (self->visible == visible)
    return;
  self->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

const char *
gradlens_depth_sweep_get_detail (GradlensDepthSweep *self)
{
  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), NULL);

  return self->detail;
}

/**
 * gradlens_depth_sweep_dup_cell:
 * @self: a sweep
 * @point: a row (a depth)
 * @column: which column
 * @exact: %TRUE for the text that is copied, %FALSE for the one shown
 *
 * Returns: (transfer full): the text, empty for a statistic of a sweep with
 *   one seed
 */
char *
gradlens_depth_sweep_dup_cell (GradlensDepthSweep  *self,
                               guint                point,
                               GradlensSweepColumn  column,
                               gboolean             exact)
{
  const GradlensSweepPoint *p;
  gboolean stats;

  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), NULL);
  g_return_val_if_fail (point < self->points->len, NULL);

  p = &g_array_index (self->points, GradlensSweepPoint, point);
  stats = gradlens_depth_sweep_has_stats (self);
  switch (column)
    {
    case GRADLENS_SWEEP_COLUMN_DEPTH:
      return g_strdup_printf ("%d", p->depth);
    case GRADLENS_SWEEP_COLUMN_VALUE:
      return gradlens_format_number (p->value, exact);
    case GRADLENS_SWEEP_COLUMN_MIN:
      return stats ? gradlens_format_number (p->stats.min, exact) : g_strdup ("");
    case GRADLENS_SWEEP_COLUMN_Q1:
      return stats ? gradlens_format_number (p->stats.q1, exact) : g_strdup ("");
    case GRADLENS_SWEEP_COLUMN_MEDIAN:
      return stats ? gradlens_format_number (p->stats.median, exact) : g_strdup ("");
    case GRADLENS_SWEEP_COLUMN_Q3:
      return stats ? gradlens_format_number (p->stats.q3, exact) : g_strdup ("");
    case GRADLENS_SWEEP_COLUMN_MAX:
      return stats ? gradlens_format_number (p->stats.max, exact) : g_strdup ("");
    case GRADLENS_N_SWEEP_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
gradlens_depth_sweep_dup_tsv (GradlensDepthSweep *self)
{
  static const char * const keys[] = {
    "depth", "first_weight_grad_norm", "min", "q1", "median", "q3", "max",
  };
  guint n_columns;
  GString *s;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == GRADLENS_N_SWEEP_COLUMNS);

  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (self), NULL);

  n_columns = gradlens_depth_sweep_has_stats (self) ? GRADLENS_N_SWEEP_COLUMNS : GRADLENS_SWEEP_COLUMN_VALUE + 1;
  s = g_string_new (NULL);
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (s, "%s%s", c ? "\t" : "", keys[c]);
  g_string_append_c (s, '\n');
  for (guint p = 0; p < self->points->len; p++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *cell = gradlens_depth_sweep_dup_cell (self, p, c, TRUE);

          g_string_append_printf (s, "%s%s", c ? "\t" : "", cell);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}
