/* gradlens-export-dialog.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-export-dialog.h"
#include "gradlens-file-chooser.h"

/* The Export dialog: a file chooser with the format, size and theme; the
 * question before a renamed file replaces another; the toast that says
 * where the file went. What is written is the window's (the view on
 * screen: gradlens_window_export_async()). */

struct _GradlensExportDialog
{
  GObject          parent_instance;

  /* Borrowed */
  GradlensWindow  *window;     /* owns this; %NULL once closed */
  /* Owned */
  GSettings       *settings;   /* export-format, last-export-folder (nullable) */
  GtkNativeDialog *chooser;    /* until its response */
};

G_DEFINE_FINAL_TYPE (GradlensExportDialog, gradlens_export_dialog, G_TYPE_OBJECT)

/* Export sizes offered in the dialog: pixels (CSS pixels for SVG and PDF, which
 * render at that size at 96 dpi: a PDF page is 0.75 pt a pixel) */
static const char *export_sizes[] = { "1600x900", "1280x720", "1920x1080", "1000x1000", "800x600", "view", NULL };

/* the formats, as file extensions (the GSettings key "export-format") */
static const char * const export_formats[] = { "png", "svg", "pdf", "csv", "json", NULL };

/* ---- the window's exports --------------------------------------------- */

/* gradlens_window_export() and its asynchronous form are the window's (see
 * gradlens-window.h); they live beside the dialog that uses them and reach
 * the window through its public API only */

static GradlensPageExport *
prepare (GradlensWindow  *self,
         const char      *path,
         int              width,
         int              height,
         GradlensTheme    theme,
         GError         **error)
{
  return gradlens_page_prepare_export (gradlens_window_get_visible_page (self), gradlens_window_get_page (self, "gradients"),
                                       path, width, height, theme, error);
}

/**
 * gradlens_window_export:
 * @self: the window
 * @path: the file to write; its extension picks the format: .png, .svg,
 *   .pdf (the figure), .csv, .json (the values of every run, or of every
 *   sweep in the Depth Sweep view)
 * @width: width of the figure: pixels for PNG, CSS pixels for SVG and PDF
 * @height: height of the figure
 * @theme: theme of the figure
 * @error: names the file and the problem
 *
 * Writes through the code the CLI uses (plot_export(), gradlens_results_to_csv()
 * and _json() with gradlens_write_file_atomic()). The figure is the one on
 * screen (the view shown: gradient norms, forward pass or depth sweep), with
 * the same runs hidden and the same zoom. The Export dialog does the same in a
 * worker thread (gradlens_window_export_async()).
 *
 * Returns: %TRUE on success
 */
gboolean
gradlens_window_export (GradlensWindow  *self,
                        const char      *path,
                        int              width,
                        int              height,
                        GradlensTheme    theme,
                        GError         **error)
{
  g_autoptr(GradlensPageExport) export = NULL;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  export = prepare (self, path, width, height, theme, error);
  return export != NULL && gradlens_page_export_write (export, error);
}

static void
export_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (gradlens_page_export_write (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * gradlens_window_export_async:
 * @self: the window
 * @path: as for gradlens_window_export()
 * @width: as for gradlens_window_export()
 * @height: as for gradlens_window_export()
 * @theme: as for gradlens_window_export()
 * @cancellable: (nullable): unused, for the pattern
 * @callback: called on the main thread when the file is written
 * @user_data: for @callback
 *
 * gradlens_window_export() with the drawing, encoding and writing in a
 * worker thread: what to write is taken from the window first.
 */
void
gradlens_window_export_async (GradlensWindow      *self,
                              const char          *path,
                              int                  width,
                              int                  height,
                              GradlensTheme        theme,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  GradlensPageExport *export;

  g_return_if_fail (GRADLENS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gradlens_window_export_async);
  export = prepare (self, path, width, height, theme, &error);
  if (export == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, export, (GDestroyNotify) gradlens_page_export_free);
  g_task_run_in_thread (task, export_worker);
}

gboolean
gradlens_window_export_finish (GradlensWindow  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the dialog -------------------------------------------------------- */

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GradlensExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GradlensPageExport *export = g_task_get_task_data (G_TASK (result));
  const char *path;

  if (!gradlens_window_export_finish (GRADLENS_WINDOW (object), result, &error))
    {
      if (self->window != NULL)
        gradlens_window_show_error (self->window, _("Export Failed"), error->message);
      return;
    }
  if (self->window == NULL)
    return;
  path = gradlens_page_export_get_path (export);
  if (self->settings != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      g_settings_set_string (self->settings, "last-export-folder", folder);
    }
  /* Translators: %s is the path of the exported file */
  text = g_strdup_printf (_("Exported to %s"), path);
  gradlens_window_add_toast (self->window, text);
}

typedef struct
{
  char *path;
  int   width;
  int   height;
} Overwrite;

static void
overwrite_free (gpointer data)
{
  Overwrite *o = data;

  g_free (o->path);
  g_free (o);
}

static void
overwrite_response_cb (AdwMessageDialog     *dialog,
                       const char           *response,
                       GradlensExportDialog *self)
{
  Overwrite *o = g_object_get_data (G_OBJECT (dialog), "gradlens-overwrite");

  if (g_str_equal (response, "replace") && self->window != NULL)
    gradlens_window_export_async (self->window, o->path, o->width, o->height,
                                  gradlens_session_get_plot_settings (gradlens_window_get_session (self->window))->theme, NULL,
                                  export_done_cb, g_object_ref (self));
}

static void
ask_overwrite (GradlensExportDialog *self,
               const char           *path,
               int                   width,
               int                   height)
{
  g_autofree char *name = g_path_get_basename (path);
  Overwrite *o = g_new0 (Overwrite, 1);
  GtkWidget *dialog;

  o->path = g_strdup (path);
  o->width = width;
  o->height = height;
  /* Translators: %s is a file name */
  dialog = adw_message_dialog_new (GTK_WINDOW (self->window), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Replace “%s”?"), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("A file with this name exists already. Replacing it overwrites its contents."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "gradlens-overwrite", o, overwrite_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (overwrite_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * gradlens_export_dialog_resolve_path:
 * @path: the file name the user accepted
 * @chosen: (nullable): the extension of the format chosen in the dialog
 * @offered: (nullable): the extension of the name the dialog offered
 * @renamed: (out) (optional): whether the result differs from @path
 *
 * Where an export goes, so that the format shown and the file agree: a
 * name without a known extension gets the chosen format's ("x" as SVG is
 * "x.svg"); a chosen format wins over the offered extension the user kept
 * (choose "SVG Image", keep "x.png": "x.svg"); an extension the user typed
 * wins over the format ("x.pdf" stays a PDF).
 *
 * Returns: (transfer full): the path to write
 */
char *
gradlens_export_dialog_resolve_path (const char *path,
                                     const char *chosen,
                                     const char *offered,
                                     gboolean   *renamed)
{
  g_autofree char *offered_ext = g_strconcat (".", offered != NULL ? offered : "png", NULL);
  char *result;

  g_return_val_if_fail (path != NULL, NULL);

  if (!gradlens_page_export_known_suffix (path))
    result = g_strconcat (path, ".", chosen != NULL ? chosen : "png", NULL);
  else if (chosen != NULL && g_strcmp0 (chosen, offered) != 0 && g_str_has_suffix (path, offered_ext))
    {
      g_autofree char *stem = g_strndup (path, strlen (path) - strlen (offered_ext));

      result = g_strconcat (stem, ".", chosen, NULL);
    }
  else
    result = g_strdup (path);
  if (renamed != NULL)
    *renamed = !g_str_equal (result, path);
  return result;
}

/**
 * gradlens_export_dialog_name_for_format:
 * @name: the file name in the dialog
 * @format: the extension of the format just chosen
 *
 * The name the dialog shows once a format is chosen: a format's extension
 * is replaced ("x.png" as SVG is "x.svg"); a name without one is kept (it
 * gets the format's extension when accepted:
 * gradlens_export_dialog_resolve_path()).
 *
 * Returns: (transfer full): the name to show
 */
char *
gradlens_export_dialog_name_for_format (const char *name,
                                        const char *format)
{
  const char *dot;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  dot = strrchr (name, '.');
  if (dot == NULL || dot == name || !gradlens_page_export_known_suffix (name))
    return g_strdup (name);
  return g_strdup_printf ("%.*s.%s", (int) (dot - name), name, format);
}

/* the user chose another format in the dialog on screen: the name follows
 * it, and the extension now offered is the format's (a name typed later
 * wins over it) */
static void
on_filter_notify_cb (GtkFileChooser       *dialog,
                     GParamSpec           *pspec,
                     GradlensExportDialog *self)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (dialog);
  const char *format = filter != NULL ? g_object_get_data (G_OBJECT (filter), "gradlens-suffix") : NULL;
  g_autofree char *name = gtk_file_chooser_get_current_name (dialog);
  g_autofree char *renamed = NULL;

  if (format == NULL || name == NULL || name[0] == '\0' || self->chooser == NULL)
    return;
  renamed = gradlens_export_dialog_name_for_format (name, format);
  if (!g_str_equal (renamed, name))
    {
      gtk_file_chooser_set_current_name (dialog, renamed);
      g_object_set_data_full (G_OBJECT (self->chooser), "gradlens-offered", g_strdup (format), g_free);
    }
}

static void
export_response_cb (GradlensExportDialog *self,
                    int                   response,
                    GtkFileChooserNative *native)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *size = NULL;
  g_autofree char *theme = NULL;
  g_autofree char *text = NULL;
  GtkFileFilter *filter;
  const char *suffix = NULL;
  g_autofree char *offered = g_strdup (g_object_get_data (G_OBJECT (native), "gradlens-offered"));
  gboolean renamed = FALSE;
  int width = 1600, height = 900;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      filter = gtk_file_chooser_get_filter (chooser);
      suffix = filter != NULL ? g_object_get_data (G_OBJECT (filter), "gradlens-suffix") : NULL;
      size = g_strdup (gtk_file_chooser_get_choice (chooser, "size"));
      theme = g_strdup (gtk_file_chooser_get_choice (chooser, "theme"));
    }
  file = gradlens_file_chooser_finish (&self->chooser, native, response);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: only local files can be written"), name);
      gradlens_window_show_error (self->window, _("Export Failed"), error->message);
      return;
    }
  {
    char *resolved = gradlens_export_dialog_resolve_path (path, suffix, offered, &renamed);

    g_free (path);
    path = resolved;
  }
  /* the extension is the format: remembered for the next export */
  if (self->settings != NULL && strrchr (path, '.') != NULL)
    {
      const char *ext = strrchr (path, '.') + 1;

      if (g_strv_contains (export_formats, ext))
        g_settings_set_string (self->settings, "export-format", ext);
    }

  if (g_strcmp0 (size, "view") == 0)
    {
      width = MAX (gtk_widget_get_width (GTK_WIDGET (gradlens_page_get_plot_view (gradlens_window_get_visible_page (self->window)))), 16);
      height = MAX (gtk_widget_get_height (GTK_WIDGET (gradlens_page_get_plot_view (gradlens_window_get_visible_page (self->window)))), 16);
    }
  else if (size != NULL)
    sscanf (size, "%dx%d", &width, &height);
  if (theme != NULL)
    gradlens_session_set_theme (gradlens_window_get_session (self->window),
                                g_str_equal (theme, "light") ? GRADLENS_THEME_LIGHT : GRADLENS_THEME_DARK);

  /* a name the chooser did not confirm: ask before replacing a file */
  if (renamed && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      ask_overwrite (self, path, width, height);
      return;
    }
  gradlens_window_export_async (self->window, path, width, height,
                                gradlens_session_get_plot_settings (gradlens_window_get_session (self->window))->theme, NULL,
                                export_done_cb, g_object_ref (self));
}

/**
 * gradlens_export_dialog_present:
 * @self: the export dialog of a window
 *
 * Asks where to export the view on screen, in which format (the last one
 * first), size and theme (the window's first); then exports in a worker
 * thread and says where the file went.
 */
void
gradlens_export_dialog_present (GradlensExportDialog *self)
{
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;
  GtkFileChooser *dialog;
  g_autofree char *name = NULL;
  g_autofree char *offered = NULL;
  const char *size_labels[G_N_ELEMENTS (export_sizes)] = {
    "1600 × 900", "1280 × 720", "1920 × 1080", "1000 × 1000", "800 × 600",
    /* Translators: export the figure at the size it has on screen */
    _("As on screen"), NULL,
  };
  /* the theme the window shows first: the export looks like the screen
   * (GTK 4.8's gtk_file_chooser_set_choice() does not select a choice
   * with options, so the default is the first) */
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char *theme_ids[] = { dark ? "dark" : "light", dark ? "light" : "dark", NULL };
  const char *theme_labels[] = { dark ? _("Dark") : _("Light"), dark ? _("Light") : _("Dark"), NULL };
  struct { const char *name; const char *suffix; const char *mime; } formats[] = {
    { _("PNG Image"), "png", "image/png" },
    { _("SVG Image"), "svg", "image/svg+xml" },
    { _("PDF Document"), "pdf", "application/pdf" },
    { _("CSV Values"), "csv", "text/csv" },
    { _("JSON Values"), "json", "application/json" },
  };

  g_return_if_fail (GRADLENS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (self->window != NULL);

  /* Translators: the title of the file chooser that exports the figure or the values */
  native = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self->window), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  /* the format of the last export first */
  if (self->settings != NULL)
    offered = g_settings_get_string (self->settings, "export-format");
  if (offered == NULL || !g_strv_contains (export_formats, offered))
    {
      g_free (offered);
      offered = g_strdup ("png");
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gradlens_file_filter_new (formats[i].name, formats[i].suffix, formats[i].mime);

      gtk_file_chooser_add_filter (chooser, filter);
      if (g_str_equal (formats[i].suffix, offered))
        gtk_file_chooser_set_filter (chooser, filter);
    }
  g_object_set_data_full (G_OBJECT (native), "gradlens-offered", g_strdup (offered), g_free);
  /* Translators: a choice in the export dialog: the size of the figure in pixels (SVG and
   * PDF in CSS pixels: their size at 96 dpi) */
  gtk_file_chooser_add_choice (chooser, "size", _("Size (pixels; SVG and PDF at 96 dpi)"), export_sizes,
                               size_labels);
  gtk_file_chooser_set_choice (chooser, "size", export_sizes[0]);
  /* Translators: a choice in the export dialog: dark or light colours */
  gtk_file_chooser_add_choice (chooser, "theme", _("Theme"), theme_ids, theme_labels);
  gtk_file_chooser_set_choice (chooser, "theme", theme_ids[0]);

  /* the folder of the last export while it exists, else the pictures
   * folder or home: never the process's working folder */
  {
    g_autofree char *last = self->settings != NULL ? g_settings_get_string (self->settings, "last-export-folder") : NULL;
    g_autoptr(GFile) dir = g_file_new_for_path (last != NULL && last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR)
                                                ? last : gradlens_user_folder (G_USER_DIRECTORY_PICTURES));

    gtk_file_chooser_set_current_folder (chooser, dir, NULL);
  }
  name = gradlens_suggested_file_name (gradlens_session_get_title (gradlens_window_get_session (self->window)), offered);
  gtk_file_chooser_set_current_name (chooser, name);
  gradlens_file_chooser_show (&self->chooser, native, G_CALLBACK (export_response_cb), self);
  /* choosing a format sets the extension, where the dialog is GTK's own; a
   * portal's does not tell the choice, and then the name is mended when
   * accepted (gradlens_export_dialog_resolve_path) */
  dialog = gradlens_file_chooser_get_dialog (native);
  if (dialog != NULL)
    g_signal_connect_object (dialog, "notify::filter", G_CALLBACK (on_filter_notify_cb), self, 0);
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_export_dialog_dispose (GObject *object)
{
  GradlensExportDialog *self = GRADLENS_EXPORT_DIALOG (object);

  gradlens_export_dialog_close (self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gradlens_export_dialog_parent_class)->dispose (object);
}

static void
gradlens_export_dialog_class_init (GradlensExportDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gradlens_export_dialog_dispose;
}

static void
gradlens_export_dialog_init (GradlensExportDialog *self)
{
}

/* ---- public API ------------------------------------------------------- */

/**
 * gradlens_export_dialog_new:
 * @window: the window whose view is exported; it owns the result
 * @settings: (nullable): the application's settings (the last format and
 *   folder)
 *
 * Returns: (transfer full): the export dialog of @window
 */
GradlensExportDialog *
gradlens_export_dialog_new (GradlensWindow *window,
                            GSettings      *settings)
{
  GradlensExportDialog *self;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (window), NULL);

  self = g_object_new (GRADLENS_TYPE_EXPORT_DIALOG, NULL);
  self->window = window;
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  return self;
}

/* the window closes: the chooser goes, exports still running are written
 * but no longer said */
void
gradlens_export_dialog_close (GradlensExportDialog *self)
{
  g_return_if_fail (GRADLENS_IS_EXPORT_DIALOG (self));

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  self->window = NULL;
}
