/* gradlens-session.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-figure.h"
#include "gradlens-run-item.h"
#include "gradlens-session-private.h"
#include "gradlens-train-run.h"
#include "plot.h"


G_DEFINE_FINAL_TYPE (GradlensSession, gradlens_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_Y_SCALE,
  PROP_X_AXIS,
  PROP_TITLE,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_PLOT_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  SERIES_CHANGED,
  JOB_RESULTS,
  JOB_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the lists of series ---------------------------------------------- */

void
_gradlens_session_changed (GradlensSession *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
_gradlens_session_job_results (GradlensSession *self,
                               GListStore      *list,
                               int              position)
{
  g_signal_emit (self, signals[JOB_RESULTS], 0, list, position);
}

void
_gradlens_session_job_finished (GradlensSession *self,
                                GradlensJobKind  kind,
                                const GError    *error)
{
  g_signal_emit (self, signals[JOB_FINISHED], 0, kind, error);
}

void
_gradlens_session_set_modified (GradlensSession *self,
                                gboolean         modified)
{
  modified = !!modified;
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
_gradlens_session_notify_running (GradlensSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* a series' label or visibility changed: said with its list and place */
static void
series_notify_cb (GradlensSession *self,
                  GParamSpec      *pspec,
                  GradlensSeries  *series)
{
  const char *name = g_param_spec_get_name (pspec);
  GListStore *store;
  guint position;

  if (!g_str_equal (name, "label") && !g_str_equal (name, "visible"))
    return;
  store = GRADLENS_IS_DEPTH_SWEEP (series) ? self->sweeps : GRADLENS_IS_TRAIN_RUN (series) ? self->trainings : self->runs;
  if (!g_list_store_find (store, series, &position))
    return;
  g_signal_emit (self, signals[SERIES_CHANGED], 0, store, position, name);
  if (store == self->runs)
    _gradlens_session_set_modified (self, TRUE);
  _gradlens_session_changed (self);
}

/* a series put back in a list: its label and visibility are followed again */
void
_gradlens_session_watch_series (GradlensSession *self,
                                gpointer         series)
{
  g_signal_connect_object (series, "notify", G_CALLBACK (series_notify_cb), self, G_CONNECT_SWAPPED);
}

void
_gradlens_session_append_series (GradlensSession *self,
               GListStore      *store,
               gpointer         series)
{
  g_signal_connect_object (series, "notify", G_CALLBACK (series_notify_cb), self, G_CONNECT_SWAPPED);
  g_list_store_append (store, series);
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_session_dispose (GObject *object)
{
  GradlensSession *self = (GradlensSession *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  _gradlens_session_forget_job (self);
  if (self->runs != NULL)
    gradlens_session_remove (self, G_LIST_MODEL (self->runs), 0,
                             g_list_model_get_n_items (G_LIST_MODEL (self->runs)));
  if (self->sweeps != NULL)
    gradlens_session_remove (self, G_LIST_MODEL (self->sweeps), 0,
                             g_list_model_get_n_items (G_LIST_MODEL (self->sweeps)));
  if (self->trainings != NULL)
    gradlens_session_remove (self, G_LIST_MODEL (self->trainings), 0,
                             g_list_model_get_n_items (G_LIST_MODEL (self->trainings)));
  g_clear_object (&self->runs);
  g_clear_object (&self->sweeps);
  g_clear_object (&self->trainings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (gradlens_session_parent_class)->dispose (object);
}

static void
gradlens_session_finalize (GObject *object)
{
  GradlensSession *self = (GradlensSession *) object;

  g_clear_pointer (&self->plot_settings.title, g_free);
  g_clear_pointer (&self->plot_settings.x_title, g_free);
  g_clear_pointer (&self->plot_settings.y_title, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->controls, gradlens_run_config_free);
  _gradlens_session_title_clear (self);

  G_OBJECT_CLASS (gradlens_session_parent_class)->finalize (object);
}

static void
gradlens_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GradlensSession *self = GRADLENS_SESSION (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, gradlens_session_get_running (self));
      break;
    case PROP_Y_SCALE:
      g_value_set_string (value, gradlens_y_scale_name (self->plot_settings.y_scale));
      break;
    case PROP_X_AXIS:
      g_value_set_string (value, gradlens_x_axis_name (self->plot_settings.x_axis));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PLOT_TITLE:
      g_value_set_string (value, self->plot_settings.title);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_session_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GradlensSession *self = GRADLENS_SESSION (object);

  switch (prop_id)
    {
    case PROP_Y_SCALE:
      gradlens_session_set_y_scale (self, g_strcmp0 (g_value_get_string (value), "linear") == 0
                                          ? GRADLENS_Y_LINEAR : GRADLENS_Y_LOG);
      break;
    case PROP_X_AXIS:
      gradlens_session_set_x_axis (self, g_strcmp0 (g_value_get_string (value), "layer") == 0
                                         ? GRADLENS_X_LAYER : GRADLENS_X_PARAMETER);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_session_class_init (GradlensSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gradlens_session_dispose;
  object_class->finalize = gradlens_session_finalize;
  object_class->get_property = gradlens_session_get_property;
  object_class->set_property = gradlens_session_set_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y_SCALE] =
    g_param_spec_string ("y-scale", NULL, NULL, "log",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X_AXIS] =
    g_param_spec_string ("x-axis", NULL, NULL, "parameter",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* changed since loaded or saved (gradlens_session_get_modified()) */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the plot's title (gradlens-session-title.c) */
  properties[PROP_PLOT_TITLE] =
    g_param_spec_string ("plot-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the experiment changed: a series added, removed, renamed, hidden, a
   * setting (what a modified flag would follow) */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* (series, position, property): a series' "label" or "visible" changed */
  signals[SERIES_CHANGED] =
    g_signal_new ("series-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_LIST_MODEL, G_TYPE_UINT, G_TYPE_STRING);
  /* (series, position): results of the job landed in series; position is
   * the first new series, or -1 when only existing ones grew */
  signals[JOB_RESULTS] =
    g_signal_new ("job-results", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_LIST_MODEL, G_TYPE_INT);
  /* (kind, error): the job ended; error is NULL on success */
  signals[JOB_FINISHED] =
    g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_ERROR);
}

static void
gradlens_session_init (GradlensSession *self)
{
  self->runs = g_list_store_new (GRADLENS_TYPE_RUN_ITEM);
  self->sweeps = g_list_store_new (GRADLENS_TYPE_DEPTH_SWEEP);
  self->trainings = g_list_store_new (GRADLENS_TYPE_TRAIN_RUN);
  gradlens_train_settings_init (&self->train);
  self->plot_settings.y_scale = GRADLENS_Y_LOG;
  self->plot_settings.x_axis = GRADLENS_X_PARAMETER;
  self->plot_settings.theme = GRADLENS_THEME_DARK;
  self->plot_settings.title = g_strdup (_("Gradient Norms Across Layers"));
  self->plot_settings.x_title = g_strdup (_("Layer Index"));
  self->plot_settings.y_title = g_strdup (_("Gradient Norm"));
  _gradlens_session_title_init (self);
}

/* ---- public API ------------------------------------------------------- */

GradlensSession *
gradlens_session_new (void)
{
  return g_object_new (GRADLENS_TYPE_SESSION, NULL);
}

/**
 * gradlens_session_get_runs:
 * @self: a session
 *
 * Returns: (transfer none): the runs, a list of #GradlensRunItem
 */
GListModel *
gradlens_session_get_runs (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->runs);
}

/**
 * gradlens_session_get_sweeps:
 * @self: a session
 *
 * Returns: (transfer none): the depth sweeps, a list of #GradlensDepthSweep
 */
GListModel *
gradlens_session_get_sweeps (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->sweeps);
}

const GradlensPlotSettings *
gradlens_session_get_plot_settings (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  return &self->plot_settings;
}

GradlensYScale
gradlens_session_get_y_scale (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), GRADLENS_Y_LOG);

  return self->plot_settings.y_scale;
}

void
gradlens_session_set_y_scale (GradlensSession *self,
                              GradlensYScale   scale)
{
  g_return_if_fail (GRADLENS_IS_SESSION (self));

  if (self->plot_settings.y_scale == scale)
    return;
  self->plot_settings.y_scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_SCALE]);
  _gradlens_session_set_modified (self, TRUE);
  _gradlens_session_changed (self);
}

GradlensXAxis
gradlens_session_get_x_axis (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), GRADLENS_X_PARAMETER);

  return self->plot_settings.x_axis;
}

void
gradlens_session_set_x_axis (GradlensSession *self,
                             GradlensXAxis    axis)
{
  g_return_if_fail (GRADLENS_IS_SESSION (self));

  if (self->plot_settings.x_axis == axis)
    return;
  self->plot_settings.x_axis = axis;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);
  _gradlens_session_set_modified (self, TRUE);
  _gradlens_session_changed (self);
}

/* the theme of exports (the screen follows the desktop's style) */
void
gradlens_session_set_theme (GradlensSession *self,
                            GradlensTheme    theme)
{
  g_return_if_fail (GRADLENS_IS_SESSION (self));

  self->plot_settings.theme = theme;
}

const char *
gradlens_session_get_title (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  return self->title;
}

/**
 * gradlens_session_get_modified:
 * @self: a session
 *
 * Whether the experiment changed since it was loaded or saved: runs added
 * (other than the loaded preset's own), removed, renamed, recoloured or
 * hidden, or a plot setting. Depth sweeps are not part of a preset and do not
 * count.
 *
 * Returns: %TRUE if saving would keep something the file lacks
 */
gboolean
gradlens_session_get_modified (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), FALSE);

  return self->modified;
}

/**
 * gradlens_session_get_file:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): the file of the experiment
 */
GFile *
gradlens_session_get_file (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  return self->file;
}

/* the experiment's title and file, each notified when it changes */
void
_gradlens_session_set_title_and_file (GradlensSession *self,
                                      const char      *title,
                                      GFile           *file)
{
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * gradlens_session_get_trainings:
 * @self: a session
 *
 * Returns: (transfer none): the trainings, a list of #GradlensTrainRun
 */
GListModel *
gradlens_session_get_trainings (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->trainings);
}

const GradlensTrainSettings *
gradlens_session_get_train_settings (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  return &self->train;
}

/* valid settings; saved with the experiment from now on */
void
gradlens_session_set_train_settings (GradlensSession             *self,
                                     const GradlensTrainSettings *settings)
{
  g_return_if_fail (GRADLENS_IS_SESSION (self));
  g_return_if_fail (settings != NULL);

  if (self->has_train && memcmp (&self->train, settings, sizeof *settings) == 0)
    return;
  self->train = *settings;
  self->has_train = TRUE;
  _gradlens_session_changed (self);
}
