/* gradlens-remedy-sweep.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-problems.h"
#include "gradlens-remedies.h"
#include "gradlens-remedy-sweep.h"

/* A depth sweep with and without each remedy: four sweeps in one job of
 * the session, so that its progress bar, Stop and the sweeps' panel work as
 * for one sweep. Through the window's public API only. */

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
  GradlensControls *controls = gradlens_window_get_controls (self);

  if (g_str_has_prefix (message, "network.norm:"))
    gradlens_problems_mark (gradlens_controls_get_field_widget (controls, "data", "samples"), message);
  else
    gradlens_controls_mark_depths (controls, message);
  gradlens_window_add_toast (self, message);
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
  if (!read_sweep (gradlens_window_get_controls (self), config, depths, &problem))
    {
      gradlens_window_add_toast (self, problem != NULL ? problem : _("Some values are invalid"));
      return FALSE;
    }
  variants = gradlens_remedies_variants (config);
  if (gradlens_session_sweep_several (gradlens_window_get_session (self), variants,
                                      (const int *) (void *) depths->data, depths->len, &error))
    {
      /* as for one sweep: the next series gets a label of its own */
      gradlens_controls_clear_label (gradlens_window_get_controls (self));
      return TRUE;
    }
  refused (self, error->message);
  return FALSE;
}
