/* gradlens-file-chooser.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-file-chooser.h"

/* The pieces the window's file choosers (open, save, export) share. */

/**
 * gradlens_file_filter_new:
 * @name: what the filter shows
 * @suffix: the extension without the dot; kept as the filter's
 *   "gradlens-suffix" data
 * @mime_type: (nullable): its MIME type
 *
 * Returns: (transfer full): a filter of @suffix
 */
GtkFileFilter *
gradlens_file_filter_new (const char *name,
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

/* experiments (JSON, chosen) and all files */
void
gradlens_file_chooser_add_json_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) json = gradlens_file_filter_new (_("Gradlens Experiments (JSON)"), "json", "application/json");
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, json);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, json);
}

/**
 * gradlens_suggested_file_name:
 * @title: (nullable): the experiment's title
 * @suffix: the extension without the dot
 *
 * Returns: (transfer full): a plain file name made from @title ("experiment"
 *   without one): lower-case letters, digits and "-", then ".@suffix"
 */
char *
gradlens_suggested_file_name (const char *title,
                              const char *suffix)
{
  const char *name = title != NULL && title[0] ? title : _("experiment");
  GString *s = g_string_new (NULL);

  /* keep file names plain: letters, digits, - and _ */
  for (const char *p = name; *p && s->len < 60; p = g_utf8_next_char (p))
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
const char *
gradlens_documents_folder (void)
{
  return gradlens_user_folder (G_USER_DIRECTORY_DOCUMENTS);
}

/* the user's folder of that kind (XDG) where it exists, else the home
 * folder: never the process's working folder */
const char *
gradlens_user_folder (GUserDirectory directory)
{
  const char *folder = g_get_user_special_dir (directory);

  if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
    return folder;
  return g_get_home_dir ();
}

/**
 * gradlens_dup_save_folder:
 * @file: (nullable): the experiment's file: the user's own, never a shipped
 *   preset (those open as templates, without a file)
 *
 * Where a Save As starts: beside the user's file, else in the documents
 * folder (never in the folder of a shipped preset, nor in the process's
 * working folder).
 *
 * Returns: (transfer full): the folder
 */
GFile *
gradlens_dup_save_folder (GFile *file)
{
  GFile *parent = file != NULL ? g_file_get_parent (file) : NULL;

  return parent != NULL ? parent : g_file_new_for_path (gradlens_documents_folder ());
}

/**
 * gradlens_file_chooser_show:
 * @slot: where the chooser on screen is kept (one at a time: one there
 *   before is closed)
 * @native: (transfer full): the chooser, kept in @slot until its response
 * @response_cb: its "response" handler, given @data first
 * @data: an object; the handler ends with it
 */
void
gradlens_file_chooser_show (GtkNativeDialog      **slot,
                            GtkFileChooserNative  *native,
                            GCallback              response_cb,
                            gpointer               data)
{
  if (*slot != NULL)
    {
      gtk_native_dialog_destroy (*slot);
      g_clear_object (slot);
    }
  *slot = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (*slot, TRUE);
  g_signal_connect_object (native, "response", response_cb, data, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (*slot);
}

/**
 * gradlens_file_chooser_get_dialog:
 * @native: a chooser gradlens_file_chooser_show() showed
 *
 * The dialog on screen behind @native when GTK shows its own (outside a
 * sandbox): a #GtkFileChooserNative does not pass on what the user does
 * before answering (which format is chosen), its dialog does. A portal's
 * dialog is another process's: then %NULL.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkFileChooser *
gradlens_file_chooser_get_dialog (GtkFileChooserNative *native)
{
  g_autoptr(GListModel) toplevels = NULL;
  GtkWindow *parent;
  const char *title;

  g_return_val_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (native), NULL);

  if (!gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (native)))
    return NULL;
  parent = gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (native));
  title = gtk_native_dialog_get_title (GTK_NATIVE_DIALOG (native));
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && gtk_window_get_transient_for (window) == parent
          && g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return GTK_FILE_CHOOSER (window);
    }
  return NULL;
}

/**
 * gradlens_file_chooser_finish:
 * @slot: where gradlens_file_chooser_show() kept @native
 * @native: the chooser that answered
 * @response: its answer
 *
 * Takes the chooser's file and lets the chooser go.
 *
 * Returns: (transfer full) (nullable): the file chosen, %NULL if cancelled
 */
GFile *
gradlens_file_chooser_finish (GtkNativeDialog      **slot,
                              GtkFileChooserNative  *native,
                              int                    response)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  if (*slot == GTK_NATIVE_DIALOG (native))
    g_clear_object (slot);
  return file;
}
