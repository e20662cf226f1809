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
  if (!gradlens_controls_get_sweep (self->controls, config, depths, &problem))
    {
      _gradlens_window_show_invalid (self, problem);
      return FALSE;
    }
  variants = gradlens_remedies_variants (config);
  if (!gradlens_session_sweep_several (self->session, (const GradlensRunConfig * const *) variants->pdata,
                                       variants->len, (const int *) (void *) depths->data, depths->len, &error))
    {
      /* the batch norm sweep with one sample (the core's message), or the
       * deepest run beyond the memory limit */
      if (g_str_has_prefix (error->message, "network.norm:"))
        gradlens_problems_mark (gradlens_controls_get_field_widget (self->controls, "data", "samples"),
                                error->message);
      else
        gradlens_controls_mark_depths (self->controls, error->message);
      _gradlens_window_show_invalid (self, error->message);
      return FALSE;
    }
  if (self->error_toast != NULL)
    adw_toast_dismiss (self->error_toast);
  gradlens_controls_clear_label (self->controls);
  return TRUE;
}
