/* gradlens-sweep.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-runner.h"

G_BEGIN_DECLS

/* One point of a depth sweep: the first layer's weight gradient norm (the
 * median with several seeds) and its statistics. */
typedef struct
{
  int           depth;
  double        value;
  GradlensStats stats;   /* all equal to value with one seed */
} GradlensSweepPoint;

/* "FROM:TO[:STEP]" -> depths; a GError names --depths, the value and the
 * allowed range (1..1000, FROM <= TO, STEP >= 1) */
gboolean  gradlens_parse_depths (const char               *text,
                                 int                     **depths,
                                 guint                    *n_depths,
                                 GError                  **error);

/* Runs config at every depth (its seeds included) across up to n_threads
 * threads (0 = one per core), shallowest first. progress counts finished
 * runs out of n_depths * seeds. Returns: (transfer full): n_depths
 * points, or NULL with error (G_IO_ERROR_CANCELLED when cancelled). */
GradlensSweepPoint *gradlens_sweep (const GradlensRunConfig  *config,
                                    const int                *depths,
                                    guint                     n_depths,
                                    guint                     n_threads,
                                    guint64                   memory_limit,
                                    GradlensProgressFunc      progress,
                                    gpointer                  user_data,
                                    GCancellable             *cancellable,
                                    GError                  **error);

/* As gradlens_sweep, into points (n_depths of them, zeroed by the caller):
 * a point's depth is set when it is computed, so that a sweep stopped or
 * failed keeps what it computed. Returns: FALSE with error. */
gboolean  gradlens_sweep_into   (const GradlensRunConfig  *config,
                                 const int                *depths,
                                 guint                     n_depths,
                                 guint                     n_threads,
                                 guint64                   memory_limit,
                                 GradlensProgressFunc      progress,
                                 gpointer                  user_data,
                                 GradlensSweepPoint       *points,
                                 GCancellable             *cancellable,
                                 GError                  **error);
/* how many of points, from the first, are computed: a stopped sweep's
 * shallow depths in order (one thread may have finished a deeper one past
 * a depth another never finished; that one is not counted) */
guint     gradlens_sweep_points_done (const GradlensSweepPoint *points,
                                      guint                     n_depths);

G_END_DECLS
