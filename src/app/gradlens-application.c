/* gradlens-application.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-application.h"
#include "gradlens-draft.h"
#include "gradlens-window.h"

struct _GradlensApplication
{
  AdwApplication parent_instance;

  /* Owned */
  GSettings *settings;
  gboolean   drafts_recovered;   /* recover_drafts ran */
};

G_DEFINE_FINAL_TYPE (GradlensApplication, gradlens_application, ADW_TYPE_APPLICATION)

#define NOTEBOOK_PRESET "/io/github/gradlens/Gradlens/presets/notebook.json"

static void
apply_style (GradlensApplication *self)
{
  g_autofree char *style = NULL;
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (self->settings != NULL)
    style = g_settings_get_string (self->settings, "style");
  else
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "style");
      g_autoptr(GVariant) state = action != NULL ? g_action_get_state (action) : NULL;

      style = g_strdup (state != NULL ? g_variant_get_string (state, NULL) : "follow");
    }

  if (g_str_equal (style, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (style, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
style_change_state_cb (GSimpleAction       *action,
                       GVariant            *state,
                       GradlensApplication *self)
{
  const char *style = g_variant_get_string (state, NULL);

  if (!g_str_equal (style, "follow") && !g_str_equal (style, "light") && !g_str_equal (style, "dark"))
    return;
  g_simple_action_set_state (action, state);
  apply_style (self);
}

static GradlensWindow *
new_window (GradlensApplication *self)
{
  return gradlens_window_new (ADW_APPLICATION (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GradlensApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* close every window the normal way, so running computations stop; a
   * window with unsaved changes asks first and stays until the answer (the
   * application ends with its last window) */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
    g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GradlensApplication *self = user_data;
  const char *developers[] = { "The Gradlens authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", "Gradlens",
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", "The Gradlens authors",
                        "developers", developers,
                        "comments", _("Gradlens builds a multilayer perceptron, runs one backward pass and "
                                      "plots the gradient norm of every parameter on a logarithmic axis. "
                                      "It shows why the gradients of deep sigmoid networks vanish, and how "
                                      "Leaky ReLU, Xavier and He initialisation change that."),
                        "website", "https://github.com/gradlens/gradlens",
                        "issue-url", "https://github.com/gradlens/gradlens/issues",
                        "copyright", "© 2026 The Gradlens authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line, to be credited in the About window */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  { "about", about_action, NULL, NULL, NULL, { 0 } },
};

static void
gradlens_application_startup (GApplication *application)
{
  GradlensApplication *self = GRADLENS_APPLICATION (application);
  static const struct { const char *action; const char *accels[4]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.run", { "<Control>Return", "<Control>KP_Enter", NULL } },
    { "win.sweep", { "<Control><Shift>Return", "<Control><Shift>KP_Enter", NULL } },
    { "win.view::gradients", { "<Alt>1", NULL } },
    { "win.view::forward", { "<Alt>2", NULL } },
    /* Alt+number: the views in the switcher's order */
    { "win.view::backward", { "<Alt>3", NULL } },
    { "win.view::sweep", { "<Alt>4", NULL } },
    { "win.view::train", { "<Alt>5", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
    { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
    { "win.reset-view", { "<Control>0", "<Control>KP_0", NULL } },
  };
  g_autoptr(GAction) style_action = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  G_APPLICATION_CLASS (gradlens_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.gradlens.Gradlens", TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new ("io.github.gradlens.Gradlens");
      style_action = g_settings_create_action (self->settings, "style");
      g_signal_connect_object (self->settings, "changed::style", G_CALLBACK (apply_style), self, G_CONNECT_SWAPPED);
    }
  else
    {
      /* run uninstalled without `meson devenv`: the style still switches,
       * it is just not remembered */
      style_action = G_ACTION (g_simple_action_new_stateful ("style", G_VARIANT_TYPE_STRING,
                                                             g_variant_new_string ("follow")));
      g_signal_connect_object (style_action, "change-state", G_CALLBACK (style_change_state_cb), self, 0);
    }
  g_action_map_add_action (G_ACTION_MAP (self), style_action);
  apply_style (self);
}

/* the last experiment could not be read (the dialog says why): show the
 * notebook's behind it rather than nothing */
static void
last_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GradlensWindow *window = GRADLENS_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!gradlens_window_open_file_finish (window, result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gradlens_window_open_resource (window, NOTEBOOK_PRESET);
}

/* The unsaved work of windows of a process that ended without asking (a
 * crash, a killed session), once, at the first window: each in a window
 * of its own, still modified. Returns how many. */
static guint
recover_drafts (GradlensApplication *self)
{
  g_autoptr(GPtrArray) drafts = NULL;
  guint n = 0;

  if (self->drafts_recovered)
    return 0;
  self->drafts_recovered = TRUE;
  drafts = gradlens_drafts_claim_orphans ();
  for (guint i = 0; i < drafts->len; i++)
    {
      GradlensWindow *win = new_window (self);

      gtk_window_present (GTK_WINDOW (win));
      if (gradlens_window_recover_draft (win, g_ptr_array_index (drafts, i)))
        n++;
    }
  return n;
}

/* A new window shows the last experiment, or the notebook's; at the first
 * start after a crash, the unsaved work instead. */
static void
gradlens_application_activate (GApplication *application)
{
  GradlensApplication *self = GRADLENS_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL && recover_drafts (self) > 0)
    return;
  if (window == NULL)
    {
      g_autofree char *last = self->settings != NULL ? g_settings_get_string (self->settings, "last-experiment")
                                                     : g_strdup ("");
      GradlensWindow *win = new_window (self);

      window = GTK_WINDOW (win);
      gtk_window_present (window);
      if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
        {
          g_autoptr(GFile) file = g_file_new_for_path (last);

          gradlens_window_open_file_async (win, file, NULL, last_opened_cb, NULL);
        }
      else
        gradlens_window_open_resource (win, NOTEBOOK_PRESET);
      return;
    }
  gtk_window_present (window);
}

/* `gradlens FILE.json ...` and files opened from the desktop: each in a
 * window of its own, computed right away */
static void
gradlens_application_open (GApplication  *application,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  GradlensApplication *self = GRADLENS_APPLICATION (application);

  /* unsaved work left by a crash, beside the files asked for */
  recover_drafts (self);
  for (int i = 0; i < n_files; i++)
    {
      GradlensWindow *win = new_window (self);

      gtk_window_present (GTK_WINDOW (win));
      gradlens_window_open_file (win, files[i]);
    }
}

static void
gradlens_application_dispose (GObject *object)
{
  GradlensApplication *self = (GradlensApplication *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gradlens_application_parent_class)->dispose (object);
}

static void
gradlens_application_class_init (GradlensApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = gradlens_application_dispose;
  app_class->startup = gradlens_application_startup;
  app_class->activate = gradlens_application_activate;
  app_class->open = gradlens_application_open;
}

static void
gradlens_application_init (GradlensApplication *self)
{
  g_set_application_name ("Gradlens");
  gtk_window_set_default_icon_name (APP_ID);
}

GradlensApplication *
gradlens_application_new (void)
{
  return g_object_new (GRADLENS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/gradlens/Gradlens",
                       NULL);
}
