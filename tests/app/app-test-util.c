/* app-test-util.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "gradlens-forward-page.h"
#include "gradlens-locale.h"
#include "gradlens-series-panel.h"
#include "gradlens-series-table.h"
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

static gboolean
elapsed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* spins the main context for ms milliseconds */
void
spin_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  wait_for (elapsed, &until, ms + 5000, "time to pass");
}

/* the side panel's rows by the names they had, through the controls'
 * accessors */
static const struct
{
  const char *name;
  const char *section;
  const char *key;
} control_rows[] = {
  { "activation_row", "network", "activation" }, { "slope_row", "network", "negative_slope" },
  { "depth_row", "network", "depth" }, { "init_row", "init", "weights" }, { "gain_row", "init", "gain" },
  { "a_row", "init", "a" }, { "b_row", "init", "b" }, { "mode_row", "init", "mode" },
  { "nonlinearity_row", "init", "nonlinearity" }, { "mean_row", "init", "mean" }, { "std_row", "init", "std" },
  { "bias_row", "init", "bias" }, { "dtype_row", NULL, "dtype" },
};

GtkWidget *
window_child (GradlensWindow *window,
       const char     *name)
{
  GradlensControls *controls = gradlens_window_get_controls (window);
  GObject *object = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (control_rows); i++)
    if (g_str_equal (control_rows[i].name, name))
      object = G_OBJECT (gradlens_controls_get_field_row (controls, control_rows[i].section, control_rows[i].key));
  if (g_str_equal (name, "output_activation_switch"))
    object = G_OBJECT (gradlens_controls_get_field_widget (controls, "network", "output_activation"));
  else if (g_str_equal (name, "label_row"))
    object = G_OBJECT (gradlens_controls_get_label_row (controls));
  else if (g_str_has_prefix (name, "sweep_") && g_str_has_suffix (name, "_spin"))
    {
      g_autofree char *which = g_strndup (name + 6, strlen (name) - 6 - 5);

      object = G_OBJECT (gradlens_controls_get_sweep_widget (controls, which));
    }
  else if (g_str_equal (name, "sweep_group"))
    object = G_OBJECT (gradlens_controls_get_sweep_widget (controls, "group"));
  else if (g_str_equal (name, "runs_list"))
    object = G_OBJECT (gradlens_series_panel_get_list (gradlens_window_get_panel (window, "runs")));
  else if (g_str_equal (name, "sweeps_list"))
    object = G_OBJECT (gradlens_series_panel_get_list (gradlens_window_get_panel (window, "sweeps")));
  else if (g_str_equal (name, "tables_stack"))
    object = G_OBJECT (gradlens_series_panel_get_stack (gradlens_window_get_panel (window, "runs")));
  else if (g_str_equal (name, "values_title"))
    object = G_OBJECT (gradlens_series_panel_get_values_title (gradlens_window_get_panel (window, "runs")));
  else if (g_str_equal (name, "values_view") || g_str_equal (name, "layers_view") || g_str_equal (name, "sweep_values_view"))
    object = G_OBJECT (gradlens_series_table_get_view (gradlens_window_get_table (window, g_str_equal (name, "values_view") ? "gradients" : g_str_equal (name, "layers_view") ? "layers" : "sweep")));
  else if (g_str_equal (name, "values_scroller"))
    object = G_OBJECT (gtk_widget_get_parent (GTK_WIDGET (gradlens_series_table_get_view (gradlens_window_get_table (window, "gradients")))));
  else if (g_str_equal (name, "plot_view"))
    object = G_OBJECT (gradlens_page_get_plot_view (gradlens_window_get_page (window, "gradients")));
  else if (g_str_equal (name, "forward_view"))
    object = G_OBJECT (gradlens_page_get_plot_view (gradlens_window_get_page (window, "forward")));
  else if (g_str_equal (name, "sweep_view"))
    object = G_OBJECT (gradlens_page_get_plot_view (gradlens_window_get_page (window, "sweep")));
  else if (g_str_equal (name, "stat_dropdown"))
    object = G_OBJECT (gradlens_forward_page_get_chooser (GRADLENS_FORWARD_PAGE (gradlens_window_get_page (window, "forward"))));
  else if (g_str_equal (name, "stat_explanation"))
    object = G_OBJECT (gradlens_forward_page_get_explanation (GRADLENS_FORWARD_PAGE (gradlens_window_get_page (window, "forward"))));
  else if (object == NULL)
    object = gtk_widget_get_template_child (GTK_WIDGET (window), GRADLENS_TYPE_WINDOW, name);
  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}
