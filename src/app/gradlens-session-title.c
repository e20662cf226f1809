/* gradlens-session-title.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-session-private.h"

/* The plot's title follows the runs, or is the user's.
 *
 * A preset's title describes its runs ("…median and quartiles of 200
 * seeds"); while the runs are the preset's (in order, whatever their labels
 * and colours) it stays. Once they differ (a run added, one removed) the
 * title is derived from the runs on screen; it comes back when they match
 * again (an undo). A title the user set (gradlens_session_set_plot_title)
 * stays whatever the runs, and is saved with the experiment. */

/* the same network, data and seeds: every field of the field table */
static gboolean
same_run (const GradlensRunConfig *a,
          const GradlensRunConfig *b)
{
  const GradlensField *fields;
  guint n_fields;

  fields = gradlens_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *x = gradlens_field_format (&fields[i], a);
      g_autofree char *y = gradlens_field_format (&fields[i], b);

      if (!g_str_equal (x, y))
        return FALSE;
    }
  return TRUE;
}

/* the runs on screen are the preset's (its first ones while it loads) */
static gboolean
runs_match_preset (GradlensSession *self)
{
  GListModel *runs = G_LIST_MODEL (self->runs);
  guint n = g_list_model_get_n_items (runs);
  gboolean loading = self->load_job != NULL && self->load_job == self->job;

  if (self->title_runs == NULL || n > self->title_runs->len || (!loading && n != self->title_runs->len))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensSeries) run = g_list_model_get_item (runs, i);

      if (!same_run (gradlens_series_get_config (run), self->title_runs->pdata[i]))
        return FALSE;
    }
  return TRUE;
}

/**
 * gradlens_session_dup_derived_plot_title:
 * @self: a session
 *
 * The title the runs on screen give the plot: with the same number of seeds
 * (more than one) in every run, what the bands show.
 *
 * Returns: (transfer full): the title
 */
char *
gradlens_session_dup_derived_plot_title (GradlensSession *self)
{
  GListModel *runs;
  guint n;
  int seeds = 0;

  g_return_val_if_fail (GRADLENS_IS_SESSION (self), NULL);

  runs = G_LIST_MODEL (self->runs);
  n = g_list_model_get_n_items (runs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensSeries) run = g_list_model_get_item (runs, i);
      int s = gradlens_series_get_config (run)->seeds;

      seeds = i == 0 || s == seeds ? s : 0;
    }
  if (seeds > 1)
    /* Translators: the plot's title when every run has the same number of seeds (more than one) */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Gradient Norms Across Layers, median and quartiles of %d seed",
                                         "Gradient Norms Across Layers, median and quartiles of %d seeds", seeds),
                            seeds);
  return g_strdup (_("Gradient Norms Across Layers"));
}

static void
set_title (GradlensSession *self,
           char            *title)   /* (transfer full) */
{
  if (g_strcmp0 (title, self->plot_settings.title) == 0)
    {
      g_free (title);
      return;
    }
  g_free (self->plot_settings.title);
  self->plot_settings.title = title;
  g_object_notify (G_OBJECT (self), "plot-title");
  _gradlens_session_changed (self);
}

static void
update (GradlensSession *self)
{
  if (self->plot_title_users)
    return;
  if (runs_match_preset (self))
    set_title (self, g_strdup (self->preset_plot_title));
  else
    set_title (self, gradlens_session_dup_derived_plot_title (self));
}

/* from gradlens_session_init */
void
_gradlens_session_title_init (GradlensSession *self)
{
  g_signal_connect_object (self->runs, "items-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  /* a preset's load stopped half way */
  g_signal_connect (self, "notify::running", G_CALLBACK (update), NULL);
}

void
_gradlens_session_title_clear (GradlensSession *self)
{
  g_clear_pointer (&self->title_runs, g_ptr_array_unref);
  g_clear_pointer (&self->preset_plot_title, g_free);
}

/* a preset was loaded: its title belongs to its runs (its plot settings are
 * in place, its runs on their way) */
void
_gradlens_session_title_loaded (GradlensSession      *self,
                                const GradlensPreset *preset)
{
  _gradlens_session_title_clear (self);
  self->title_runs = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_config_free);
  for (guint i = 0; i < preset->runs->len; i++)
    g_ptr_array_add (self->title_runs, gradlens_run_config_dup (preset->runs->pdata[i]));
  self->preset_plot_title = g_strdup (self->plot_settings.title);
  self->plot_title_users = FALSE;
}

/**
 * gradlens_session_set_plot_title:
 * @self: a session
 * @title: (nullable): the user's title for the plot; %NULL or "" to let the
 *   title follow the runs again
 *
 * A title the user set stays whatever runs are added or removed, and is
 * saved with the experiment.
 */
void
gradlens_session_set_plot_title (GradlensSession *self,
                                 const char      *title)
{
  g_autofree char *before = NULL;

  g_return_if_fail (GRADLENS_IS_SESSION (self));

  before = g_strdup (self->plot_settings.title);
  if (title != NULL && title[0] != '\0')
    {
      self->plot_title_users = TRUE;
      set_title (self, g_strdup (title));
    }
  else
    {
      self->plot_title_users = FALSE;
      update (self);
    }
  if (g_strcmp0 (before, self->plot_settings.title) != 0)
    _gradlens_session_set_modified (self, TRUE);
}

/* Returns: %TRUE if the plot's title is the user's, not the runs' */
gboolean
gradlens_session_get_plot_title_is_users (GradlensSession *self)
{
  g_return_val_if_fail (GRADLENS_IS_SESSION (self), FALSE);

  return self->plot_title_users;
}
