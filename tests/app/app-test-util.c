/* app-test-util.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gtk/gtk.h>

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
