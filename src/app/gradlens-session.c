/* gradlens-session.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-figure.h"
#include "gradlens-preset-file.h"
#include "gradlens-run-item.h"
#include "gradlens-session.h"
#include "plot.h"

struct _GradlensSession
{
  GObject parent_instance;

  /* Owned */
  GListStore           *runs;          /* of GradlensRunItem */
  GListStore           *sweeps;        /* of GradlensDepthSweep */
  GradlensPlotSettings  plot_settings;
  char                 *title;
  GFile                *file;          /* where the experiment was opened from or saved to */
  GCancellable         *cancellable;   /* of the job, new per job */
  GradlensJob          *job;
  guint                 n_taken;       /* outputs of the job taken into the lists */
  guint                 n_runs_made;   /* for default labels: "Run 3: ..." */
};

G_DEFINE_FINAL_TYPE (GradlensSession, gradlens_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_Y_SCALE,
  PROP_X_AXIS,
  PROP_TITLE,
  PROP_FILE,
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

static void
changed (GradlensSession *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
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
  store = GRADLENS_IS_DEPTH_SWEEP (series) ? self->sweeps : self->runs;
  if (!g_list_store_find (store, series, &position))
    return;
  g_signal_emit (self, signals[SERIES_CHANGED], 0, store, position, name);
  changed (self);
}

static void
append_series (GradlensSession *self,
               GListStore      *store,
               gpointer         series)
{
  g_signal_connect_object (series, "notify", G_CALLBACK (series_notify_cb), self, G_CONNECT_SWAPPED);
  g_list_store_append (store, series);
}

/**
 * gradlens_session_remove:
 * @self: a session
 * @series: gradlens_session_get_runs() or gradlens_session_get_sweeps()
 * @position: the first series to remove
 * @n: how many
 */
void
gradlens_session_remove (GradlensSession *self,
                         GListModel      *series,
                         guint            position,
                         guint            n)
{
  g_return_if_fail (GRADLENS_IS_SESSION (self));
  g_return_if_fail (series == G_LIST_MODEL (self->runs) || series == G_LIST_MODEL (self->sweeps));
  g_return_if_fail (position + n <= g_list_model_get_n_items (series));

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (series, position + i);

      g_signal_handlers_disconnect_by_data (item, self);
    }
  g_list_store_splice (G_LIST_STORE (series), position, n, NULL, 0);
  changed (self);
}

/* a computed run into the list, in its preset colour or the next free one */
static void
add_run_result (GradlensSession   *self,
                GradlensRunResult *result)
{
  g_autoptr(GradlensRunItem) item = NULL;
  GradlensRunConfig *config = &result->config;
  g_autofree char *base = NULL;
  PlotRgba rgba;

  self->n_runs_made++;
  if (config->color == NULL || !plot_rgba_parse (&rgba, config->color))
    {
      g_free (config->color);
      config->color = gradlens_series_list_next_color (G_LIST_MODEL (self->runs));
    }
  if (config->label == NULL || config->label[0] == '\0')
    {
      g_free (config->label);
      config->label = gradlens_default_label (config, self->n_runs_made);
    }
  base = g_steal_pointer (&config->label);
  config->label = gradlens_series_list_unique_label (G_LIST_MODEL (self->runs), base);
  item = gradlens_run_item_new (result);
  append_series (self, self->runs, item);
}

/* ---- computing -------------------------------------------------------- */

static void
take_run_results (GradlensSession *self)
{
  guint n_done = gradlens_job_get_n_done (self->job);
  guint first = g_list_model_get_n_items (G_LIST_MODEL (self->runs));

  if (n_done <= self->n_taken)
    return;
  for (; self->n_taken < n_done; self->n_taken++)
    {
      GradlensRunResult *result = gradlens_job_steal_output (self->job, self->n_taken, NULL);

      if (result != NULL)
        add_run_result (self, result);
    }
  changed (self);
  g_signal_emit (self, signals[JOB_RESULTS], 0, self->runs, (int) first);
}

/* sweeps land all at once, when every one of them is done: they share their
 * depths */
static void
take_sweep_results (GradlensSession *self)
{
  int added = -1;

  for (guint i = 0; i < gradlens_job_get_n_done (self->job); i++)
    {
      GObject *target = gradlens_job_get_target (self->job, i);
      g_autofree GradlensSweepPoint *points = NULL;
      guint n_points = 0;

      points = gradlens_job_steal_output (self->job, i, &n_points);
      if (points == NULL)
        continue;
      if (target == NULL)
        {
          g_autoptr(GradlensDepthSweep) sweep = gradlens_depth_sweep_new (gradlens_job_get_config (self->job, i),
                                                                           points, n_points);

          append_series (self, self->sweeps, sweep);
          added = (int) g_list_model_get_n_items (G_LIST_MODEL (self->sweeps)) - 1;
        }
      else if (g_list_store_find (self->sweeps, target, NULL))
        gradlens_depth_sweep_add_points (GRADLENS_DEPTH_SWEEP (target), points, n_points);
    }
  changed (self);
  g_signal_emit (self, signals[JOB_RESULTS], 0, self->sweeps, added);
}

static void
items_ready_cb (GradlensSession *self,
                GradlensJob     *job)
{
  if (job == self->job && gradlens_job_get_kind (job) == GRADLENS_JOB_RUN)
    take_run_results (self);
}

/* a job still running is forgotten: its callback finds itself replaced and
 * drops what it computed */
static void
forget_job (GradlensSession *self)
{
  if (self->job == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GradlensSession) self = user_data;
  g_autoptr(GradlensJob) job = g_object_ref (GRADLENS_JOB (object));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = gradlens_job_run_finish (job, result, &error);
  /* a newer job replaced this one, or the session is gone */
  if (job != self->job)
    return;
  if (ok && gradlens_job_get_kind (job) == GRADLENS_JOB_SWEEP)
    take_sweep_results (self);
  forget_job (self);
  g_signal_emit (self, signals[JOB_FINISHED], 0, gradlens_job_get_kind (job), ok ? NULL : error);
}

static void
start_job (GradlensSession *self,
           GradlensJob     *job)
{
  gradlens_session_stop (self);
  forget_job (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->job = g_object_ref (job);
  self->n_taken = 0;
  g_signal_connect_object (job, "items-ready", G_CALLBACK (items_ready_cb), self, G_CONNECT_SWAPPED);
  gradlens_job_run_async (job, self->cancellable, job_done_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_session_dispose (GObject *object)
{
  GradlensSession *self = (GradlensSession *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  forget_job (self);
  if (self->runs != NULL)
    gradlens_session_remove (self, G_LIST_MODEL (self->runs), 0,
                             g_list_model_get_n_items (G_LIST_MODEL (self->runs)));
  if (self->sweeps != NULL)
    gradlens_session_remove (self, G_LIST_MODEL (self->sweeps), 0,
                             g_list_model_get_n_items (G_LIST_MODEL (self->sweeps)));
  g_clear_object (&self->runs);
  g_clear_object (&self->sweeps);
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
    case PROP_FILE:
      g_value_set_object (value, self->file);
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
  self->plot_settings.y_scale = GRADLENS_Y_LOG;
  self->plot_settings.x_axis = GRADLENS_X_PARAMETER;
  self->plot_settings.theme = GRADLENS_THEME_DARK;
  self->plot_settings.title = g_strdup (_("Gradient Norms Across Layers"));
  self->plot_settings.x_title = g_strdup (_("Layer Index"));
  self->plot_settings.y_title = g_strdup (_("Gradient Norm"));
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
  changed (self);
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
  changed (self);
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

static void
set_title_and_file (GradlensSession *self,
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
 * gradlens_session_load_preset:
 * @self: a session
 * @preset: a valid preset
 * @file: (nullable): where it was read from (%NULL for a built-in one)
 *
 * Replaces the experiment: the plot settings and title of @preset, and all
 * its runs computed in a worker. The depth sweeps stay.
 */
void
gradlens_session_load_preset (GradlensSession      *self,
                              const GradlensPreset *preset,
                              GFile                *file)
{
  GradlensPlotSettings *ps = &self->plot_settings;
  GradlensPlotSettings old = *ps;

  g_return_if_fail (GRADLENS_IS_SESSION (self));
  g_return_if_fail (preset != NULL);

  gradlens_session_stop (self);
  forget_job (self);
  gradlens_session_remove (self, G_LIST_MODEL (self->runs), 0, g_list_model_get_n_items (G_LIST_MODEL (self->runs)));
  self->n_runs_made = 0;

  g_free (ps->title);
  g_free (ps->x_title);
  g_free (ps->y_title);
  *ps = preset->plot;
  ps->title = g_strdup (preset->plot.title);
  ps->x_title = g_strdup (preset->plot.x_title);
  ps->y_title = g_strdup (preset->plot.y_title);
  if (old.y_scale != ps->y_scale)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_SCALE]);
  if (old.x_axis != ps->x_axis)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);
  set_title_and_file (self, preset->title, file);
  changed (self);
  if (preset->runs->len > 0)
    gradlens_session_run (self, (GradlensRunConfig * const *) preset->runs->pdata, preset->runs->len);
}

/**
 * gradlens_session_dup_preset:
 * @self: a session
 *
 * The experiment as a preset: the title, the plot settings and every run's
 * configuration with its label and colour, in order.
 *
 * Returns: (transfer full): a new preset
 */
GradlensPreset *
gradlens_session_dup_preset (GradlensSession *self)
{
  GradlensPreset *preset;
  guint n;

  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  preset = gradlens_preset_new ();
  g_free (preset->title);
  preset->title = g_strdup (self->title != NULL ? self->title : _("Untitled Experiment"));
  g_free (preset->plot.title);
  g_free (preset->plot.x_title);
  g_free (preset->plot.y_title);
  preset->plot = self->plot_settings;
  preset->plot.title = g_strdup (self->plot_settings.title);
  preset->plot.x_title = g_strdup (self->plot_settings.x_title);
  preset->plot.y_title = g_strdup (self->plot_settings.y_title);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensSeries) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

      g_ptr_array_add (preset->runs, gradlens_run_config_dup (gradlens_series_get_config (run)));
    }
  return preset;
}

/**
 * gradlens_session_save:
 * @self: a session
 * @file: a local file
 * @error: names the file and the problem
 *
 * Saves the experiment as a preset (atomically); @file becomes its file.
 *
 * Returns: %TRUE on success
 */
gboolean
gradlens_session_save (GradlensSession  *self,
                       GFile            *file,
                       GError          **error)
{
  g_autoptr(GradlensPreset) preset = NULL;

  g_return_val_if_fail (GRADLENS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  preset = gradlens_session_dup_preset (self);
  if (!gradlens_preset_file_save (preset, file, error))
    return FALSE;
  set_title_and_file (self, self->title != NULL ? self->title : preset->title, file);
  return TRUE;
}

gboolean
gradlens_session_get_running (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), FALSE);

  return self->job != NULL;
}

/**
 * gradlens_session_get_job:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): the job that computes, for its
 *   progress
 */
GradlensJob *
gradlens_session_get_job (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  return self->job;
}

/**
 * gradlens_session_run:
 * @self: a session
 * @configs: (array length=n_configs): valid runs, in order
 * @n_configs: how many, at least one
 *
 * Computes the runs in a worker thread (stopping any job before); each is
 * added to the runs as soon as it is done, in its colour or the next free
 * one, with its label or a default one made unique.
 */
void
gradlens_session_run (GradlensSession           *self,
                      GradlensRunConfig * const *configs,
                      guint                      n_configs)
{
  g_autoptr(GradlensJob) job = NULL;

  g_return_if_fail (GRADLENS_IS_SESSION (self));
  g_return_if_fail (configs != NULL && n_configs > 0);

  job = gradlens_job_new (GRADLENS_JOB_RUN);
  for (guint i = 0; i < n_configs; i++)
    gradlens_job_add (job, configs[i], NULL, 0, NULL);
  start_job (self, job);
}

/**
 * gradlens_session_sweep:
 * @self: a session
 * @config: a valid run; its depth is ignored
 * @depths: (array length=n_depths): depths of 1 .. 1000
 * @n_depths: how many, at least one
 * @error: why no sweep started: a run too deep for the limits
 *
 * Computes a depth sweep of @config in a worker thread, and the sweeps
 * listed before at the depths they lack (gradlens_depth_sweep_plan()); the
 * new one is listed in the next free colour when all are done.
 *
 * Returns: %TRUE if the computation started
 */
gboolean
gradlens_session_sweep (GradlensSession          *self,
                        const GradlensRunConfig  *config,
                        const int                *depths,
                        guint                     n_depths,
                        GError                  **error)
{
  g_autoptr(GradlensJob) job = NULL;

  g_return_val_if_fail (GRADLENS_IS_SESSION (self), FALSE);

  job = gradlens_depth_sweep_plan (G_LIST_MODEL (self->sweeps), config, depths, n_depths, error);
  if (job == NULL)
    return FALSE;
  start_job (self, job);
  return TRUE;
}

/* stops the job; its callback ("job-finished") says so */
void
gradlens_session_stop (GradlensSession *self)
{
  g_return_if_fail (GRADLENS_IS_SESSION (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}
