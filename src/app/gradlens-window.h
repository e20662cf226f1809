/* gradlens-window.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gradlens-controls.h"
#include "gradlens-page.h"
#include "gradlens-preset.h"
#include "gradlens-series-panel.h"
#include "gradlens-session.h"
#include "plot.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_WINDOW (gradlens_window_get_type ())

G_DECLARE_FINAL_TYPE (GradlensWindow, gradlens_window, GRADLENS, WINDOW, AdwApplicationWindow)

GradlensWindow *gradlens_window_new             (AdwApplication        *application);
GradlensSession *gradlens_window_get_session    (GradlensWindow        *self);
GradlensControls *gradlens_window_get_controls  (GradlensWindow        *self);
/* the page of a view: "gradients", "forward" or "sweep" */
GradlensPage   *gradlens_window_get_page        (GradlensWindow        *self,
                                                 const char            *name);
/* the list and tables of "runs" or "sweeps" */
GradlensSeriesPanel *gradlens_window_get_panel  (GradlensWindow        *self,
                                                 const char            *name);
/* the view shown ("gradients", "forward", "backward", "sweep", "train") and its page */
const char     *gradlens_window_get_view        (GradlensWindow        *self);
GradlensPage   *gradlens_window_get_visible_page (GradlensWindow       *self);
GtkButton      *gradlens_window_get_run_button  (GradlensWindow        *self);

/* the shell: its settings, the experiment's name, dialogs and toasts */
GSettings      *gradlens_window_get_settings    (GradlensWindow        *self);
gboolean        gradlens_window_is_closed       (GradlensWindow        *self);
char           *gradlens_window_dup_display_title (GradlensWindow      *self);
struct _GradlensUnsavedChanges *gradlens_window_get_unsaved_changes (GradlensWindow *self);
struct _GradlensDraft *gradlens_window_get_draft (GradlensWindow        *self);
void            gradlens_window_show_error      (GradlensWindow        *self,
                                                 const char            *heading,
                                                 const char            *body);
void            gradlens_window_add_toast       (GradlensWindow        *self,
                                                 const char            *text);

/* the experiment */
void            gradlens_window_open_file       (GradlensWindow        *self,
                                                 GFile                 *file);
void            gradlens_window_open_file_async (GradlensWindow        *self,
                                                 GFile                 *file,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean        gradlens_window_open_file_finish (GradlensWindow       *self,
                                                 GAsyncResult          *result,
                                                 GError               **error);
gboolean        gradlens_window_open_resource   (GradlensWindow        *self,
                                                 const char            *resource_path);
void            gradlens_window_load_preset     (GradlensWindow        *self,
                                                 const GradlensPreset  *preset,
                                                 GFile                 *file);
gboolean        gradlens_window_save_to         (GradlensWindow        *self,
                                                 GFile                 *file);
/* the unsaved work of a window that crashed (gradlens_drafts_claim_orphans()) */
gboolean        gradlens_window_recover_draft   (GradlensWindow        *self,
                                                 const char            *path);

/* computing */
gboolean        gradlens_window_run             (GradlensWindow        *self);
void            gradlens_window_stop            (GradlensWindow        *self);
gboolean        gradlens_window_get_running     (GradlensWindow        *self);
/* a depth sweep of the controls' network at the sweep group's depths */
gboolean        gradlens_window_sweep           (GradlensWindow        *self);

/* the table on screen, as tab-separated text */
char           *gradlens_window_dup_values_tsv  (GradlensWindow        *self);
/* a table: "gradients" (the selected run's norms), "layers" (its forward
 * statistics) or "sweep" (the selected sweep's points) */
GradlensSeriesTable *gradlens_window_get_table  (GradlensWindow        *self,
                                                 const char            *name);

/* exports: the format from the extension (png, svg, pdf, csv, json) */
gboolean        gradlens_window_export          (GradlensWindow        *self,
                                                 const char            *path,
                                                 int                    width,
                                                 int                    height,
                                                 GradlensTheme          theme,
                                                 GError               **error);
void            gradlens_window_export_async    (GradlensWindow        *self,
                                                 const char            *path,
                                                 int                    width,
                                                 int                    height,
                                                 GradlensTheme          theme,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean        gradlens_window_export_finish   (GradlensWindow        *self,
                                                 GAsyncResult          *result,
                                                 GError               **error);

G_END_DECLS
