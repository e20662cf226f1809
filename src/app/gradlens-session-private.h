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

/* gradlens-session-jobs.c: computing */
void _gradlens_session_forget_job     (GradlensSession *self);

G_END_DECLS
