/* gradlens-job-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-job.h"
#include "gradlens-sweep.h"

G_BEGIN_DECLS

typedef struct
{
  GradlensRunConfig *config;
  int               *depths;   /* a sweep's, increasing */
  guint              n_depths;
  GObject           *target;
  guint64            units;    /* runs of one network: its share of the progress */
  gpointer           output;   /* guarded by the job's mutex */
  guint              n_output; /* a sweep's points in output (fewer than n_depths when stopped) */
  GradlensTrainResult *live;   /* guarded: a training's result while it trains */
  guint              live_steps;   /* guarded: its steps that are final */
} JobItem;

struct _GradlensJob
{
  GObject parent_instance;

  /* Owned; read-only once started but for each item's output */
  GPtrArray       *items;     /* of JobItem */
  GradlensJobKind  kind;
  guint64          total;     /* units over all items */
  GradlensTrainSettings train;   /* a training job's */

  /* Guarded by mutex: written by the worker, read on the main thread */
  GMutex           mutex;
  guint            worker_done;
  double           worker_fraction;
  guint            idle_id;

  /* Main thread only */
  guint            n_done;
  double           fraction;
  gboolean         started;
};

/* Progress of the item that starts at unit `offset` */
typedef struct
{
  GradlensJob *self;
  guint64      offset;
  guint64      units;
  JobItem     *item;
} ProgressContext;


typedef gpointer (*WorkFunc) (const JobItem         *item,
                              GradlensProgressFunc   progress,
                              gpointer               user_data,
                              GCancellable          *cancellable,
                              GError               **error);

/* gradlens-job-workers.c: the workers, one per kind, and what frees their outputs */
typedef struct
{
  WorkFunc       work;
  GDestroyNotify free_output;
} GradlensJobWorker;

extern const GradlensJobWorker _gradlens_job_kinds[];

/* gradlens-job.c: a stopped sweep's points become the item's output */
void _gradlens_job_keep_partial_sweep (gpointer            user_data,
                                       GradlensSweepPoint *points,
                                       guint               n_points);

G_END_DECLS
