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
