/* gradlens-remedy-sweep.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-problems.h"
#include "gradlens-remedies.h"
#include "gradlens-remedy-sweep.h"
#include "gradlens-window-private.h"

/* A depth sweep with and without each remedy: four sweeps in one job of
 * the session, so that its progress bar, Stop and the sweeps' panel work as
 * for one sweep. */

/* the configuration and the depths of a sweep, each checked and marked
 * where invalid; message: the first problem */
static gboolean
read_sweep (GradlensControls   *controls,
            GradlensRunConfig  *config,
            GArray             *depths,
            char              **message)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gboolean ok;

  ok = gradlens_controls_get_config (controls, config, &first);
  if (!gradlens_controls_get_depths (controls, depths, &second))
    ok = FALSE;
  *message = first != NULL ? g_steal_pointer (&first) : g_steal_pointer (&second);
  return ok;
}

/* the batch norm sweep with one sample (the core's message, on the
 * samples), or the deepest run beyond the memory limit (on the depths) */
static void
refused (GradlensWindow *self,
         const char     *message)
{
  GtkWidget *samples = gradlens_controls_get_field_widget (self->controls, "data", "samples");

  if (g_str_has_prefix (message, "network.norm:"))
    gradlens_problems_mark (samples, message);
  else
    gradlens_controls_mark_depths (self->controls, message);
  _gradlens_window_show_invalid (self, message);
}

gboolean
gradlens_window_sweep_remedies (GradlensWindow *self)
{
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);

  /* one computation at a time */
  if (gradlens_window_get_running (self))
    return FALSE;
  if (!read_sweep (self->controls, config, depths, &problem))
    {
      _gradlens_window_show_invalid (self, problem);
      return FALSE;
    }
  variants = gradlens_remedies_variants (config);
  if (gradlens_session_sweep_several (self->session, variants, (const int *) (void *) depths->data, depths->len,
                                      &error))
    {
      /* as for one sweep: the toast about invalid values goes, the next
       * series gets a label of its own */
      if (self->error_toast != NULL)
        adw_toast_dismiss (self->error_toast);
      gradlens_controls_clear_label (self->controls);
      return TRUE;
    }
  refused (self, error->message);
  return FALSE;
}
