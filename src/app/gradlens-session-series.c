/* gradlens-session-series.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gradlens-session-private.h"

/* Removing series from the session's lists and putting them back (undo). */

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
  g_return_if_fail (series == G_LIST_MODEL (self->runs) || series == G_LIST_MODEL (self->sweeps) ||
                    series == G_LIST_MODEL (self->trainings));
  g_return_if_fail (position + n <= g_list_model_get_n_items (series));

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (series, position + i);

      g_signal_handlers_disconnect_by_data (item, self);
    }
  g_list_store_splice (G_LIST_STORE (series), position, n, NULL, 0);
  if (series == G_LIST_MODEL (self->runs))
    _gradlens_session_set_modified (self, TRUE);
  _gradlens_session_changed (self);
}

/**
 * gradlens_session_insert:
 * @self: a session
 * @series: gradlens_session_get_runs() or gradlens_session_get_sweeps()
 * @position: where (clamped to the list's end)
 * @items: (element-type GradlensSeries): series removed before, to put back
 *   (an undo)
 */
void
gradlens_session_insert (GradlensSession *self,
                         GListModel      *series,
                         guint            position,
                         GPtrArray       *items)
{
  g_return_if_fail (GRADLENS_IS_SESSION (self));
  g_return_if_fail (series == G_LIST_MODEL (self->runs) || series == G_LIST_MODEL (self->sweeps));
  g_return_if_fail (items != NULL);

  if (items->len == 0)
    return;
  position = MIN (position, g_list_model_get_n_items (series));
  for (guint i = 0; i < items->len; i++)
    _gradlens_session_watch_series (self, items->pdata[i]);
  g_list_store_splice (G_LIST_STORE (series), position, 0, items->pdata, items->len);
  if (series == G_LIST_MODEL (self->runs))
    _gradlens_session_set_modified (self, TRUE);
  _gradlens_session_changed (self);
}
