/* app-test-util.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "gradlens-locale.h"

#include "gradlens-session.h"

#include "app-test-util.h"

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* spins the main context until cond holds; fails the test after timeout_ms */
void
wait_for (Condition   cond,
          gpointer    data,
          guint       timeout_ms,
          const char *what)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out after %u ms waiting for %s", timeout_ms, what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

gboolean
not_running (gpointer data)
{
  return !gradlens_window_get_running (data);
}

gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* destroys the window and checks that nothing keeps it alive */
void
destroy_window (GradlensWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_for (is_null, &weak, 10000, "the window to be finalized");
}

GradlensRunItem *
run_at (GradlensWindow *window,
        guint           i)
{
  GradlensRunItem *run = g_list_model_get_item (gradlens_session_get_runs (gradlens_window_get_session (window)), i);

  g_assert_nonnull (run);
  g_object_unref (run);   /* the list keeps it */
  return run;
}

guint
n_runs (GradlensWindow *window)
{
  return g_list_model_get_n_items (gradlens_session_get_runs (gradlens_window_get_session (window)));
}

GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (object) && gtk_widget_get_visible (GTK_WIDGET (object)))
        return GTK_WINDOW (object);
    }
  return NULL;
}

void
app_test_init (int    *argc,
               char ***argv)
{
  gradlens_locale_init ("C.UTF-8");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      /* meson runs the tests through tests/app/xvfb-wrapper.sh, which always
       * provides a display: failing to open it there is a failure, not a
       * reason to skip; only a manual run without any display skips */
      g_printerr ("cannot open the display “%s”; run this test through tests/app/xvfb-wrapper.sh\n",
                  g_getenv ("DISPLAY") != NULL ? g_getenv ("DISPLAY") : "");
      exit (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL ? 1 : 77);
    }
  adw_init ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

/* a window of its own, shown and drawn once */
GradlensWindow *
new_window (void)
{
  GradlensWindow *window = g_object_new (GRADLENS_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* a field's control in the side panel: spin button, combo row or switch */
GtkWidget *
field_widget (GradlensWindow *window,
              const char     *section,
              const char     *key)
{
  GtkWidget *widget = gradlens_controls_get_field_widget (gradlens_window_get_controls (window), section, key);

  g_assert_nonnull (widget);
  return widget;
}
