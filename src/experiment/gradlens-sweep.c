/* gradlens-sweep.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>

#include "gradlens-error.h"
#include "gradlens-sweep.h"
#include "mlp.h"

gboolean
gradlens_parse_depths (const char  *text,
                       int        **depths,
                       guint       *n_depths,
                       GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint n = g_strv_length (parts);
  gint64 v[3] = { 0, 0, 1 };

  if (n < 2 || n > 3)
    goto bad;
  for (guint i = 0; i < n; i++)
    /* plain integers: no blanks, no signs other than a minus, no trailing text */
    if (!g_ascii_string_to_signed (parts[i], 10, G_MININT64, G_MAXINT64, &v[i], NULL))
      goto bad;
  if (v[0] < 1 || v[1] > 1000 || v[0] > v[1] || v[2] < 1)
    goto bad;

  *n_depths = (guint) ((v[1] - v[0]) / v[2] + 1);
  *depths = g_new (int, *n_depths);
  for (guint i = 0; i < *n_depths; i++)
    (*depths)[i] = (int) (v[0] + (gint64) i * v[2]);
  return TRUE;

bad:
  g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
               "--depths: invalid value “%s”; expected FROM:TO or FROM:TO:STEP with "
               "1 <= FROM <= TO <= 1000 and STEP >= 1", text);
  return FALSE;
}

typedef struct
{
  const GradlensRunConfig *config;
  const int               *depths;
  guint                    n_depths;
  GradlensSweepPoint      *points;
  GradlensProgressFunc     progress;
  gpointer                 user_data;
  GCancellable            *cancellable;
  gint                     next;      /* atomic: index into the deepest-first order */
  gint                     done;      /* atomic: finished runs */
  GMutex                   lock;
  GError                  *error;     /* the first failure */
} SweepShared;

/* one depth's run: its progress comes in steps of a seed or of a layer */
typedef struct
{
  SweepShared *shared;
  guint        steps;   /* gradlens_run_progress_steps of this depth */
} DepthProgress;

static void
run_progress_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  DepthProgress *depth = user_data;
  SweepShared *shared = depth->shared;
  guint all = shared->n_depths * (guint) shared->config->seeds;
  guint finished;

  /* the sweep counts seeds: a deep run also tells its layers */
  if (done % depth->steps != 0)
    return;
  finished = (guint) g_atomic_int_add (&shared->done, 1) + 1;
  if (shared->progress != NULL)
    shared->progress (finished, all, shared->user_data);
}

static gpointer
sweep_worker (gpointer data)
{
  SweepShared *shared = data;

  for (;;)
    {
      int k = g_atomic_int_add (&shared->next, 1);
      guint i;
      GradlensRunConfig config;
      GradlensRunResult *r;
      GError *error = NULL;
      DepthProgress progress;

      if (k >= (int) shared->n_depths || g_cancellable_is_cancelled (shared->cancellable))
        break;
      /* shallowest first: a stopped sweep keeps its shallow depths, in order
       * (gradlens_sweep_into) */
      i = (guint) k;
      gradlens_run_config_copy (&config, shared->config);
      config.nn.depth = shared->depths[i];
      progress.shared = shared;
      progress.steps = gradlens_run_progress_steps (&config);
      r = gradlens_run (&config, 1, 0, run_progress_cb, &progress, shared->cancellable, &error);
      gradlens_run_config_clear (&config);
      if (r == NULL)
        {
          g_mutex_lock (&shared->lock);
          if (shared->error == NULL)
            shared->error = error;
          else
            g_error_free (error);
          g_mutex_unlock (&shared->lock);
          break;
        }
      shared->points[i].depth = shared->depths[i];
      shared->points[i].value = r->grad_norm[0];
      if (r->stats != NULL)
        shared->points[i].stats = r->stats[0];
      else
        shared->points[i].stats = (GradlensStats) { r->grad_norm[0], r->grad_norm[0], r->grad_norm[0],
                                                    r->grad_norm[0], r->grad_norm[0] };
      gradlens_run_result_free (r);
    }
  return NULL;
}

GradlensSweepPoint *
gradlens_sweep (const GradlensRunConfig  *config,
                const int                *depths,
                guint                     n_depths,
                guint                     n_threads,
                guint64                   memory_limit,
                GradlensProgressFunc      progress,
                gpointer                  user_data,
                GCancellable             *cancellable,
                GError                  **error)
{
  g_autofree GradlensSweepPoint *points = NULL;

  g_return_val_if_fail (n_depths > 0, NULL);

  points = g_new0 (GradlensSweepPoint, n_depths);
  if (!gradlens_sweep_into (config, depths, n_depths, n_threads, memory_limit, progress, user_data, points,
                            cancellable, error))
    return NULL;
  return g_steal_pointer (&points);
}

guint
gradlens_sweep_points_done (const GradlensSweepPoint *points,
                            guint                     n_depths)
{
  guint n = 0;

  while (n < n_depths && points[n].depth != 0)
    n++;
  return n;
}

gboolean
gradlens_sweep_into (const GradlensRunConfig  *config,
                     const int                *depths,
                     guint                     n_depths,
                     guint                     n_threads,
                     guint64                   memory_limit,
                     GradlensProgressFunc      progress,
                     gpointer                  user_data,
                     GradlensSweepPoint       *points,
                     GCancellable             *cancellable,
                     GError                  **error)
{
  SweepShared shared = { 0 };

  g_return_val_if_fail (n_depths > 0, FALSE);
  g_return_val_if_fail (points != NULL, FALSE);

  /* validate every depth first, so that nothing runs when one is invalid */
  for (guint i = 0; i < n_depths; i++)
    {
      GradlensRunConfig c;
      gboolean ok;

      gradlens_run_config_copy (&c, config);
      c.nn.depth = depths[i];
      ok = gradlens_run_config_validate (&c, GRADLENS_NAMING_OPTION, memory_limit, error);
      gradlens_run_config_clear (&c);
      if (!ok)
        return FALSE;
    }

  n_threads = gradlens_thread_count (n_threads, n_depths);

  shared.config = config;
  shared.depths = depths;
  shared.n_depths = n_depths;
  shared.points = points;
  shared.progress = progress;
  shared.user_data = user_data;
  shared.cancellable = cancellable;
  g_mutex_init (&shared.lock);

  gradlens_run_on_threads ("gradlens-sweep", sweep_worker, &shared, n_threads);
  g_mutex_clear (&shared.lock);

  if (shared.error != NULL)
    {
      g_propagate_error (error, shared.error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRUE;
}
