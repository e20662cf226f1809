/* gradlens-session.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gradlens-job.h"
#include "gradlens-preset.h"
#include "gradlens-series.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_SESSION (gradlens_session_get_type ())

G_DECLARE_FINAL_TYPE (GradlensSession, gradlens_session, GRADLENS, SESSION, GObject)

/* The experiment on screen, without any widget: its series (the runs and
 * the depth sweeps, each a GListModel of GradlensSeries), their colours and
 * labels, the plot settings, the title and file, loading and saving as a
 * preset, and the one computation at a time (a GradlensJob with its
 * cancellable). Everything that changes the experiment emits "changed". */
GradlensSession *gradlens_session_new             (void);

GListModel      *gradlens_session_get_runs        (GradlensSession         *self);
GListModel      *gradlens_session_get_sweeps      (GradlensSession         *self);
GListModel      *gradlens_session_get_trainings   (GradlensSession         *self);
void             gradlens_session_remove          (GradlensSession         *self,
                                                   GListModel              *series,
                                                   guint                    position,
                                                   guint                    n);
void             gradlens_session_insert          (GradlensSession         *self,
                                                   GListModel              *series,
                                                   guint                    position,
                                                   GPtrArray               *items);

/* plot settings, title, file */
const GradlensPlotSettings *gradlens_session_get_plot_settings (GradlensSession *self);
GradlensYScale   gradlens_session_get_y_scale     (GradlensSession         *self);
void             gradlens_session_set_y_scale     (GradlensSession         *self,
                                                   GradlensYScale           scale);
GradlensXAxis    gradlens_session_get_x_axis      (GradlensSession         *self);
void             gradlens_session_set_x_axis      (GradlensSession         *self,
                                                   GradlensXAxis            axis);
void             gradlens_session_set_theme       (GradlensSession         *self,
                                                   GradlensTheme            theme);
/* the plot's title: the preset's while the runs are its runs, else derived
 * from the runs, unless the user set it (NULL or "": follow the runs again) */
void             gradlens_session_set_plot_title  (GradlensSession         *self,
                                                   const char              *title);
gboolean         gradlens_session_get_plot_title_is_users (GradlensSession *self);
char            *gradlens_session_dup_derived_plot_title (GradlensSession  *self);
/* the preset's title, NULL for an untitled experiment */
const char      *gradlens_session_get_title       (GradlensSession         *self);
GFile           *gradlens_session_get_file        (GradlensSession         *self);
/* changed since it was loaded or saved: runs added, removed, renamed, hidden,
 * plot settings (what a preset holds; depth sweeps are not saved) */
gboolean         gradlens_session_get_modified    (GradlensSession         *self);

/* presets */
void             gradlens_session_load_preset     (GradlensSession         *self,
                                                   const GradlensPreset    *preset,
                                                   GFile                   *file);
GradlensPreset  *gradlens_session_dup_preset      (GradlensSession         *self);
gboolean         gradlens_session_save            (GradlensSession         *self,
                                                   GFile                   *file,
                                                   GError                 **error);
/* drafts: what Save would write, with the title and file, kept while the
 * experiment is modified (gradlens-session-draft.c); loading one leaves
 * the experiment modified */
char            *gradlens_session_dup_draft       (GradlensSession         *self);
GradlensPreset  *gradlens_session_parse_draft     (const char              *data,
                                                   gssize                   length,
                                                   const char              *name,
                                                   char                   **title,
                                                   GFile                  **file,
                                                   GError                 **error);
void             gradlens_session_load_draft      (GradlensSession         *self,
                                                   const GradlensPreset    *preset,
                                                   const char              *title,
                                                   GFile                   *file);
/* the controls panel saved with the preset ("controls"), NULL when none */
void             gradlens_session_set_controls    (GradlensSession         *self,
                                                   const GradlensRunConfig *config);
const GradlensRunConfig *gradlens_session_get_controls (GradlensSession   *self);

/* computing: one job at a time; a new one stops the one before */
gboolean         gradlens_session_get_running     (GradlensSession         *self);
GradlensJob     *gradlens_session_get_job         (GradlensSession         *self);
void             gradlens_session_run             (GradlensSession         *self,
                                                   GradlensRunConfig * const *configs,
                                                   guint                    n_configs);
gboolean         gradlens_session_sweep           (GradlensSession         *self,
                                                   const GradlensRunConfig *config,
                                                   const int               *depths,
                                                   guint                    n_depths,
                                                   GError                 **error);
/* configs: a GPtrArray of GradlensRunConfig, a new sweep each */
gboolean         gradlens_session_sweep_several   (GradlensSession         *self,
                                                   GPtrArray               *configs,
                                                   const int               *depths,
                                                   guint                    n_depths,
                                                   GError                 **error);
/* training: the settings (a preset's "train"), and training configs side
 * by side (replacing the trainings listed; their steps shown as they come) */
const GradlensTrainSettings *gradlens_session_get_train_settings (GradlensSession *self);
void             gradlens_session_set_train_settings (GradlensSession      *self,
                                                   const GradlensTrainSettings *settings);
gboolean         gradlens_session_train           (GradlensSession         *self,
                                                   GradlensRunConfig * const *configs,
                                                   guint                    n_configs,
                                                   GError                 **error);
void             gradlens_session_stop            (GradlensSession         *self);

G_END_DECLS
