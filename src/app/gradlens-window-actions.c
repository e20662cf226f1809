/* gradlens-window-actions.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-plot-title.h"
#include "gradlens-preset-file.h"
#include "gradlens-window-private.h"

/* Files: open and save experiments (presets), the built-in presets, drag and
 * drop; the file choosers and messages that exporting shares. */

#define PRESETS_PATH "/io/github/gradlens/Gradlens/presets/"

/* ---- messages --------------------------------------------------------- */

/**
 * _gradlens_window_show_error:
 * @self: the window
 * @heading: what failed
 * @body: why, naming the file and the problem
 *
 * Shows an AdwMessageDialog; a previous one still open is closed first, so
 * errors never pile up.
 */
void
_gradlens_window_show_error (GradlensWindow *self,
                             const char     *heading,
                             const char     *body)
{
  GtkWidget *dialog;

  if (self->error_dialog != NULL)
    gtk_window_destroy (self->error_dialog);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  self->error_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->error_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_gradlens_window_toast (GradlensWindow *self,
       const char     *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* ---- file choosers ---------------------------------------------------- */

GtkFileFilter *
_gradlens_window_filter_new (const char *name,
            const char *suffix,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  g_object_set_data_full (G_OBJECT (filter), "gradlens-suffix", g_strdup (suffix), g_free);
  return filter;
}

static void
add_json_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) json = _gradlens_window_filter_new (_("Gradlens Experiments (JSON)"), "json", "application/json");
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, json);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, json);
}

static void
set_folder_from_setting (GradlensWindow *self,
                         GtkFileChooser *chooser,
                         const char     *key,
                         gboolean        parent)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->settings == NULL)
    return;
  path = g_settings_get_string (self->settings, key);
  if (path[0] == '\0')
    return;
  file = g_file_new_for_path (path);
  folder = parent ? g_file_get_parent (file) : g_object_ref (file);
  if (folder != NULL && g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

/* keeps a ref on the chooser until its response; one at a time */
void
_gradlens_window_show_chooser (GradlensWindow       *self,
              GtkFileChooserNative *native,
              GCallback             response_cb)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (native, "response", response_cb, self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

/* takes the chooser's file and lets the chooser go */
GFile *
_gradlens_window_finish_chooser (GradlensWindow       *self,
                GtkFileChooserNative *native,
                int                   response)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  if (self->chooser == GTK_NATIVE_DIALOG (native))
    g_clear_object (&self->chooser);
  return file;
}

/* ---- open ------------------------------------------------------------- */

static void
remember_experiment (GradlensWindow *self,
                     GFile          *file)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (self->settings != NULL && path != NULL)
    g_settings_set_string (self->settings, "last-experiment", path);
}

/* main thread: the preset was read; apply it, or name the problem */
static void
open_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GradlensWindow *self = g_task_get_source_object (task);
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = g_task_get_task_data (task);

  preset = gradlens_preset_file_read_finish (result, &error);
  /* the window was closed meanwhile */
  if (self->closed)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "the window was closed");
      return;
    }
  if (preset == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _gradlens_window_show_error (self, _("Could Not Open the Experiment"), error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  remember_experiment (self, file);
  /* the presets Gradlens ships are templates: saving asks for a new file */
  _gradlens_window_replace (self, preset, _gradlens_window_is_shipped (file) ? NULL : file, task);
}

/**
 * gradlens_window_open_file_async:
 * @self: the window
 * @file: a preset file
 * @cancellable: (nullable): stops the reading
 * @callback: (nullable): called when the file was opened or refused
 * @user_data: for @callback
 *
 * Reads @file in a worker thread. If it is a valid preset, the experiment is
 * replaced with it and its runs are computed (after Save or Discard when the
 * experiment on screen is modified; Cancel ends the task with
 * %G_IO_ERROR_CANCELLED). A preset Gradlens ships opens as a template, with
 * no file. Otherwise an AdwMessageDialog names the file, the field and the
 * problem, and the experiment stays as it was.
 */
void
gradlens_window_open_file_async (GradlensWindow      *self,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GRADLENS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gradlens_window_open_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  gradlens_preset_file_read_async (file, cancellable, open_loaded_cb, task);
}

/**
 * gradlens_window_open_file_finish:
 * @self: the window
 * @result: the result given to the callback
 * @error: why the file was refused (already shown to the user)
 *
 * Returns: %TRUE if the file was opened; its runs are being computed
 */
gboolean
gradlens_window_open_file_finish (GradlensWindow  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* opens @file; problems are shown to the user */
void
gradlens_window_open_file (GradlensWindow *self,
                           GFile          *file)
{
  gradlens_window_open_file_async (self, file, NULL, NULL, NULL);
}

/**
 * gradlens_window_open_resource:
 * @self: the window
 * @resource_path: a built-in preset, such as
 *   "/io/github/gradlens/Gradlens/presets/notebook.json"
 *
 * Opens a built-in preset as a template (no file: saving asks for one);
 * a modified experiment on screen is replaced after Save or Discard.
 *
 * Returns: %TRUE if the preset was read (and opened, or waits for the
 *   answer)
 */
gboolean
gradlens_window_open_resource (GradlensWindow *self,
                               const char     *resource_path)
{
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (resource_path != NULL, FALSE);

  name = g_path_get_basename (resource_path);
  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    preset = gradlens_preset_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), name, &error);
  if (preset == NULL)
    {
      _gradlens_window_show_error (self, _("Could Not Open the Experiment"), error->message);
      return FALSE;
    }
  _gradlens_window_replace (self, preset, NULL, NULL);
  return TRUE;
}

static void
open_response_cb (GradlensWindow       *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = _gradlens_window_finish_chooser (self, native, response);

  if (file != NULL)
    gradlens_window_open_file (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Experiment"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  add_json_filters (GTK_FILE_CHOOSER (native));
  set_folder_from_setting (self, GTK_FILE_CHOOSER (native), "last-experiment", TRUE);
  _gradlens_window_show_chooser (self, native, G_CALLBACK (open_response_cb));
}

static void
open_builtin_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gradlens_window_open_resource (GRADLENS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* "notebook.json" before "notebook-1-sigmoid.json": by name without ".json" */
static int
compare_names (const void *a,
               const void *b)
{
  const char *x = *(char * const *) a;
  const char *y = *(char * const *) b;
  gsize nx = g_str_has_suffix (x, ".json") ? strlen (x) - 5 : strlen (x);
  gsize ny = g_str_has_suffix (y, ".json") ? strlen (y) - 5 : strlen (y);
  int c = strncmp (x, y, MIN (nx, ny));

  return c != 0 ? c : (nx > ny) - (nx < ny);
}

/* The "Built-in Experiments" menu: every preset in the resource, by file
 * name (notebook.json first), titled as the preset says. */
static void
fill_presets_menu (GradlensWindow *self)
{
  g_auto(GStrv) names = g_resources_enumerate_children (PRESETS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  guint n;

  if (names == NULL)
    return;
  n = g_strv_length (names);
  qsort (names, n, sizeof (char *), compare_names);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strconcat (PRESETS_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GradlensPreset) preset = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (bytes == NULL)
        continue;
      preset = gradlens_preset_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), names[i], NULL);
      if (preset == NULL)
        continue;
      item = g_menu_item_new (preset->title != NULL && preset->title[0] ? preset->title : names[i], NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-builtin", g_variant_new_string (path));
      g_menu_append_item (self->presets_menu, item);
    }
}

/* ---- loading --------------------------------------------------------- */

/**
 * gradlens_window_load_preset:
 * @self: the window
 * @preset: a valid preset
 * @file: (nullable): where it was read from (%NULL for a built-in one)
 *
 * Replaces the experiment (gradlens_session_load_preset()) and puts its
 * first run's network in the controls, but not its label: a run made from
 * changed controls is another run and gets a label of its own.
 */
void
gradlens_window_load_preset (GradlensWindow       *self,
                             const GradlensPreset *preset,
                             GFile                *file)
{
  g_return_if_fail (GRADLENS_IS_WINDOW (self));
  g_return_if_fail (preset != NULL);

  if (preset->runs->len > 0)
    {
      g_autoptr(GradlensRunConfig) first = gradlens_run_config_dup (g_ptr_array_index (preset->runs, 0));

      g_clear_pointer (&first->label, g_free);
      gradlens_controls_set_config (self->controls, first);
    }
  gradlens_session_load_preset (self->session, preset, file);
}

/* ---- drag and drop ---------------------------------------------------- */

static gboolean
drop_cb (GradlensWindow *self,
         const GValue   *value,
         double          x,
         double          y,
         GtkDropTarget  *target)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      file = files != NULL ? files->data : NULL;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;
  gradlens_window_open_file (self, file);
  return TRUE;
}

/* ---- save ------------------------------------------------------------- */

static gboolean
save_to (GradlensWindow *self,
         GFile          *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (!gradlens_session_save (self->session, file, &error))
    {
      _gradlens_window_show_error (self, _("Could Not Save the Experiment"), error->message);
      _gradlens_window_changes_saved (self, FALSE);
      return FALSE;
    }
  remember_experiment (self, file);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Saved “%s”"), basename);
  _gradlens_window_toast (self, text);
  /* what waited for the save (closing, another experiment) goes on */
  _gradlens_window_changes_saved (self, TRUE);
  return TRUE;
}

static void
save_response_cb (GradlensWindow       *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = _gradlens_window_finish_chooser (self, native, response);

  if (file != NULL)
    save_to (self, file);
  else
    _gradlens_window_changes_saved (self, FALSE);
}

char *
_gradlens_window_suggested_name (GradlensWindow *self,
                const char     *suffix)
{
  const char *preset_title = gradlens_session_get_title (self->session);
  const char *title = preset_title != NULL && preset_title[0] ? preset_title : _("experiment");
  GString *s = g_string_new (NULL);

  /* keep file names plain: letters, digits, - and _ */
  for (const char *p = title; *p && s->len < 60; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (s, g_unichar_tolower (c));
      else if (s->len > 0 && s->str[s->len - 1] != '-')
        g_string_append_c (s, '-');
    }
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    g_string_append (s, "experiment");
  g_string_append_printf (s, ".%s", suffix);
  return g_string_free (s, FALSE);
}

/* the user's documents folder (XDG), else their home */
static const char *
documents_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return documents;
  return g_get_home_dir ();
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  native = gtk_file_chooser_native_new (_("Save Experiment"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  add_json_filters (GTK_FILE_CHOOSER (native));
  /* beside the user's own file, else in the documents folder (never in the
   * folder of a shipped preset, nor the process's working folder) */
  if (gradlens_session_get_file (self->session) != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), gradlens_session_get_file (self->session), NULL);
  else
    {
      g_autoptr(GFile) documents = g_file_new_for_path (documents_folder ());

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), documents, NULL);
      name = _gradlens_window_suggested_name (self, "json");
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }
  _gradlens_window_show_chooser (self, native, G_CALLBACK (save_response_cb));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GradlensWindow *self = GRADLENS_WINDOW (widget);
  GFile *file = gradlens_session_get_file (self->session);

  if (file != NULL && g_file_is_native (file))
    save_to (self, file);
  else
    save_as_action (widget, "win.save-as", NULL);
}

/* ---- setup ------------------------------------------------------------ */

void
_gradlens_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-builtin", "s", open_builtin_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.edit-plot-title", NULL, gradlens_plot_title_action);
}

void
_gradlens_window_actions_init (GradlensWindow *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  fill_presets_menu (self);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
_gradlens_window_actions_dispose (GradlensWindow *self)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->error_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->error_dialog), (gpointer *) &self->error_dialog);
      gtk_window_destroy (self->error_dialog);
      self->error_dialog = NULL;
    }
  if (self->error_toast != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->error_toast), (gpointer *) &self->error_toast);
      self->error_toast = NULL;
    }
}
