/* gradlens-export-dialog.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-window.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_EXPORT_DIALOG (gradlens_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GradlensExportDialog, gradlens_export_dialog, GRADLENS, EXPORT_DIALOG, GObject)

GradlensExportDialog *gradlens_export_dialog_new     (GradlensWindow       *window,
                                                      GSettings            *settings);
void                  gradlens_export_dialog_present (GradlensExportDialog *self);
void                  gradlens_export_dialog_close   (GradlensExportDialog *self);
char                 *gradlens_export_dialog_resolve_path (const char      *path,
                                                           const char      *chosen,
                                                           const char      *offered,
                                                           gboolean        *renamed);
char                 *gradlens_export_dialog_name_for_format (const char *name,
                                                              const char *format);

G_END_DECLS
