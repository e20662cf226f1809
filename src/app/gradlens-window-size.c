/* gradlens-window-size.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gradlens-window-size.h"

/* The window's saved state: its size and whether it is maximized, in the
 * application's GSettings (window-width, window-height, window-maximized). */

/**
 * gradlens_window_size_restore:
 * @window: a window not shown yet
 *
 * Gives @window the size it had when it was closed last.
 *
 * Returns: (transfer full) (nullable): the application's settings, %NULL
 *   when the schema is not installed
 */
GSettings *
gradlens_window_size_restore (GtkWindow *window)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettings *settings;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.gradlens.Gradlens", TRUE);
  if (schema == NULL)
    return NULL;
  settings = g_settings_new ("io.github.gradlens.Gradlens");
  gtk_window_set_default_size (window,
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (window);
  return settings;
}

/* keeps @window's size for the next start (@settings may be %NULL) */
void
gradlens_window_size_save (GtkWindow *window,
                           GSettings *settings)
{
  int width, height;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (settings == NULL)
    return;
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", MAX (width, 360));
      g_settings_set_int (settings, "window-height", MAX (height, 360));
    }
}
