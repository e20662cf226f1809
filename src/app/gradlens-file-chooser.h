/* gradlens-file-chooser.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the window's file choosers share: filters, the name offered, and the
 * folder a Save As starts in */
GtkFileFilter *gradlens_file_filter_new              (const char     *name,
                                                      const char     *suffix,
                                                      const char     *mime_type);
void           gradlens_file_chooser_add_json_filters (GtkFileChooser *chooser);
char          *gradlens_suggested_file_name          (const char     *title,
                                                      const char     *suffix);
const char    *gradlens_documents_folder             (void);
const char    *gradlens_user_folder                  (GUserDirectory  directory);
GFile         *gradlens_dup_save_folder              (GFile          *file);

/* one chooser at a time, kept in *slot until its response */
void           gradlens_file_chooser_show            (GtkNativeDialog      **slot,
                                                      GtkFileChooserNative  *native,
                                                      GCallback              response_cb,
                                                      gpointer               data);
GtkFileChooser *gradlens_file_chooser_get_dialog     (GtkFileChooserNative  *native);
GFile         *gradlens_file_chooser_finish          (GtkNativeDialog      **slot,
                                                      GtkFileChooserNative  *native,
                                                      int                    response);

G_END_DECLS
