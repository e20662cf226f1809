/* gradlens-series-item.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gradlens-series-item.h"

/* What every series shares: its label, colour, visibility and detail line,
 * with their properties, once for GradlensRunItem, GradlensDepthSweep and
 * GradlensTrainRun. The session follows "notify::label" and
 * "notify::visible" (a run's change marks the experiment modified). */

typedef struct
{
  /* Borrowed: the subclass's configuration, where label and colour live */
  GradlensRunConfig *config;
  /* Owned */
  char              *detail;
  gboolean           visible;
} GradlensSeriesItemPrivate;

static void series_iface_init (GradlensSeriesInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (GradlensSeriesItem, gradlens_series_item, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (GradlensSeriesItem)
                                  G_IMPLEMENT_INTERFACE (GRADLENS_TYPE_SERIES, series_iface_init))

enum {
  PROP_0,
  PROP_LABEL,
  PROP_COLOR,
  PROP_VISIBLE,
  PROP_DETAIL,
  N_PROPS
};

/* ---- GradlensSeries --------------------------------------------------- */

static const char *
series_item_get_label (GradlensSeries *series)
{
  GradlensSeriesItemPrivate *priv = gradlens_series_item_get_instance_private (GRADLENS_SERIES_ITEM (series));

  return priv->config != NULL && priv->config->label != NULL ? priv->config->label : "";
}

/* The label lives in the configuration, so that the figure, the exports
 * and a saved preset all see the new name. */
static void
series_item_set_label (GradlensSeries *series,
                       const char     *label)
{
  GradlensSeriesItemPrivate *priv = gradlens_series_item_get_instance_private (GRADLENS_SERIES_ITEM (series));

  if (label == NULL)
    label = "";
  if (priv->config == NULL || g_strcmp0 (label, series_item_get_label (series)) == 0)
    return;
  g_free (priv->config->label);
  priv->config->label = g_strdup (label);
  g_object_notify (G_OBJECT (series), "label");
}

static const char *
series_item_get_color (GradlensSeries *series)
{
  GradlensSeriesItemPrivate *priv = gradlens_series_item_get_instance_private (GRADLENS_SERIES_ITEM (series));

  return priv->config != NULL ? priv->config->color : NULL;
}

static gboolean
series_item_get_visible (GradlensSeries *series)
{
  GradlensSeriesItemPrivate *priv = gradlens_series_item_get_instance_private (GRADLENS_SERIES_ITEM (series));

  return priv->visible;
}

static void
series_item_set_visible (GradlensSeries *series,
                         gboolean        visible)
{
  GradlensSeriesItemPrivate *priv = gradlens_series_item_get_instance_private (GRADLENS_SERIES_ITEM (series));

  visible = !!visible;
  if (priv->visible == visible)
    return;
  priv->visible = visible;
  g_object_notify (G_OBJECT (series), "visible");
}

static const char *
series_item_get_detail (GradlensSeries *series)
{
  GradlensSeriesItemPrivate *priv = gradlens_series_item_get_instance_private (GRADLENS_SERIES_ITEM (series));

  return priv->detail;
}

static void
series_iface_init (GradlensSeriesInterface *iface)
{
  iface->get_label = series_item_get_label;
  iface->set_label = series_item_set_label;
  iface->get_color = series_item_get_color;
  iface->get_visible = series_item_get_visible;
  iface->set_visible = series_item_set_visible;
  iface->get_detail = series_item_get_detail;
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_series_item_finalize (GObject *object)
{
  GradlensSeriesItemPrivate *priv = gradlens_series_item_get_instance_private (GRADLENS_SERIES_ITEM (object));

  g_clear_pointer (&priv->detail, g_free);

  G_OBJECT_CLASS (gradlens_series_item_parent_class)->finalize (object);
}

static void
gradlens_series_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GradlensSeries *series = GRADLENS_SERIES (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, series_item_get_label (series));
      break;
    case PROP_COLOR:
      g_value_set_string (value, series_item_get_color (series));
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, series_item_get_visible (series));
      break;
    case PROP_DETAIL:
      g_value_set_string (value, series_item_get_detail (series));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_series_item_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GradlensSeries *series = GRADLENS_SERIES (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      series_item_set_label (series, g_value_get_string (value));
      break;
    case PROP_VISIBLE:
      series_item_set_visible (series, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_series_item_class_init (GradlensSeriesItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gradlens_series_item_finalize;
  object_class->get_property = gradlens_series_item_get_property;
  object_class->set_property = gradlens_series_item_set_property;

  g_object_class_override_property (object_class, PROP_LABEL, "label");
  g_object_class_override_property (object_class, PROP_COLOR, "color");
  g_object_class_override_property (object_class, PROP_VISIBLE, "visible");
  g_object_class_override_property (object_class, PROP_DETAIL, "detail");
}

static void
gradlens_series_item_init (GradlensSeriesItem *self)
{
  GradlensSeriesItemPrivate *priv = gradlens_series_item_get_instance_private (self);

  priv->visible = TRUE;
}

/* ---- for subclasses --------------------------------------------------- */

/**
 * gradlens_series_item_set_config:
 * @self: a series
 * @config: (nullable): the configuration it computes, owned by the
 *   subclass; its label and colour are the series'
 */
void
gradlens_series_item_set_config (GradlensSeriesItem *self,
                                 GradlensRunConfig  *config)
{
  GradlensSeriesItemPrivate *priv;

  g_return_if_fail (GRADLENS_IS_SERIES_ITEM (self));

  priv = gradlens_series_item_get_instance_private (self);
  priv->config = config;
}

/**
 * gradlens_series_item_take_detail:
 * @self: a series
 * @detail: (transfer full) (nullable): its new detail line
 *
 * Notifies "detail" (also when the text stays: what it sums up moved on).
 */
void
gradlens_series_item_take_detail (GradlensSeriesItem *self,
                                  char               *detail)
{
  GradlensSeriesItemPrivate *priv;

  g_return_if_fail (GRADLENS_IS_SERIES_ITEM (self));

  priv = gradlens_series_item_get_instance_private (self);
  g_free (priv->detail);
  priv->detail = detail;
  g_object_notify (G_OBJECT (self), "detail");
}
