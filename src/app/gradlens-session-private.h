/* gradlens-session-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-session.h"

G_BEGIN_DECLS

struct _GradlensSession
{
  GObject parent_instance;

  /* Owned */
  GListStore           *runs;          /* of GradlensRunItem */
  GListStore           *sweeps;        /* of GradlensDepthSweep */
  GListStore           *trainings;     /* of GradlensTrainRun */
  GradlensTrainSettings train;         /* how the runs are trained */
  gboolean              has_train;     /* train was loaded or set: saved with the preset */
  GradlensPlotSettings  plot_settings;
  char                 *title;
  GFile                *file;          /* where the experiment was opened from or saved to */
  GCancellable         *cancellable;   /* of the job, new per job */
  GradlensJob          *job;
  guint                 n_taken;       /* outputs of the job taken into the lists */
  guint                 n_runs_made;   /* for default labels: "Run 3: ..." */
  GradlensJob          *load_job;      /* the job computing a loaded preset's runs (borrowed,
                                        * compared only): its results are no modification */
  gboolean              modified;      /* changed since loaded or saved */
  GradlensRunConfig    *controls;      /* the controls panel to save with the preset, or NULL */
  GPtrArray            *title_runs;    /* the loaded preset's run configs, whose plot title
                                        * is preset_plot_title (gradlens-session-title.c) */
  char                 *preset_plot_title;
  gboolean              plot_title_users; /* the user set the plot's title */
};

/* gradlens-session.c */
void _gradlens_session_changed        (GradlensSession *self);
void _gradlens_session_append_series  (GradlensSession *self,
                                       GListStore      *store,
                                       gpointer         series);
void _gradlens_session_job_results    (GradlensSession *self,
                                       GListStore      *list,
                                       int              position);
void _gradlens_session_job_finished   (GradlensSession *self,
                                       GradlensJobKind  kind,
                                       const GError    *error);
void _gradlens_session_notify_running (GradlensSession *self);
void _gradlens_session_set_modified   (GradlensSession *self,
                                       gboolean         modified);
void _gradlens_session_watch_series   (GradlensSession *self,
                                       gpointer         series);
void _gradlens_session_set_title_and_file (GradlensSession *self,
                                           const char      *title,
                                           GFile           *file);

/* gradlens-session-title.c: the plot's title follows the runs or is the user's */
void _gradlens_session_title_init     (GradlensSession      *self);
void _gradlens_session_title_clear    (GradlensSession      *self);
void _gradlens_session_title_loaded   (GradlensSession      *self,
                                       const GradlensPreset *preset);

/* gradlens-session-jobs.c: computing */
void _gradlens_session_forget_job     (GradlensSession *self);

G_END_DECLS
