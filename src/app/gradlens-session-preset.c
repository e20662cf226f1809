/* gradlens-session-preset.c: the experiment as a preset (load, save) and
 * the controls saved with it
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-preset-file.h"
#include "gradlens-session-private.h"

/**
 * gradlens_session_load_preset:
 * @self: a session
 * @preset: a valid preset
 * @file: (nullable): where it was read from; %NULL for a template (a
 *   built-in or shipped preset), which saving never rewrites
 *
 * Replaces the experiment: the plot settings and title of @preset, and all
 * its runs computed in a worker. The depth sweeps stay. The experiment is
 * not modified afterwards: its runs arriving from the worker are the
 * preset's own.
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
  _gradlens_session_forget_job (self);
  gradlens_session_remove (self, G_LIST_MODEL (self->runs), 0, g_list_model_get_n_items (G_LIST_MODEL (self->runs)));
  gradlens_session_remove (self, G_LIST_MODEL (self->trainings), 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->trainings)));
  self->n_runs_made = 0;
  self->has_train = preset->has_train;
  if (preset->has_train)
    self->train = preset->train;
  else
    gradlens_train_settings_init (&self->train);

  g_free (ps->title);
  g_free (ps->x_title);
  g_free (ps->y_title);
  *ps = preset->plot;
  ps->title = g_strdup (preset->plot.title);
  ps->x_title = g_strdup (preset->plot.x_title);
  ps->y_title = g_strdup (preset->plot.y_title);
  _gradlens_session_title_loaded (self, preset);
  if (old.y_scale != ps->y_scale)
    g_object_notify (G_OBJECT (self), "y-scale");
  if (old.x_axis != ps->x_axis)
    g_object_notify (G_OBJECT (self), "x-axis");
  _gradlens_session_set_title_and_file (self, preset->title, file);
  gradlens_session_set_controls (self, preset->controls);
  _gradlens_session_set_modified (self, FALSE);
  _gradlens_session_changed (self);
  if (preset->runs->len > 0)
    {
      gradlens_session_run (self, (GradlensRunConfig * const *) preset->runs->pdata, preset->runs->len);
      self->load_job = self->job;
    }
}

/**
 * gradlens_session_dup_preset:
 * @self: a session
 *
 * The experiment as a preset: the title, the plot settings and every run's
 * configuration with its label, colour and whether it is shown, in order.
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
  preset->has_train = self->has_train;
  preset->train = self->train;
  preset->controls = self->controls != NULL ? gradlens_run_config_dup (self->controls) : NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensSeries) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

      GradlensRunConfig *config = gradlens_run_config_dup (gradlens_series_get_config (run));

      config->hidden = !gradlens_series_get_visible (run);
      g_ptr_array_add (preset->runs, config);
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
  _gradlens_session_set_title_and_file (self, self->title != NULL ? self->title : preset->title, file);
  _gradlens_session_set_modified (self, FALSE);
  return TRUE;
}

/**
 * gradlens_session_set_controls:
 * @self: a session
 * @config: (nullable): the controls panel's configuration, or %NULL for none
 *
 * What the controls show, saved with the preset (its "controls") so that a
 * reloaded experiment shows them as they were. Not a modification: the
 * panel is the next run, not one of the experiment's.
 */
void
gradlens_session_set_controls (GradlensSession         *self,
                               const GradlensRunConfig *config)
{
  g_return_if_fail (GRADLENS_IS_SESSION (self));

  if (config == self->controls)
    return;
  g_clear_pointer (&self->controls, gradlens_run_config_free);
  if (config != NULL)
    self->controls = gradlens_run_config_dup (config);
}

/**
 * gradlens_session_get_controls:
 * @self: a session
 *
 * Returns: (nullable) (transfer none): the controls a loaded preset saved,
 *   or the last ones set; %NULL when there are none
 */
const GradlensRunConfig *
gradlens_session_get_controls (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  return self->controls;
}
