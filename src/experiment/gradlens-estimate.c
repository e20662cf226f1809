/* gradlens-estimate.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "gradlens-error.h"
#include "gradlens-estimate.h"
#include "gradlens-runner.h"

/* The constants below were measured with tests/cli/test-memory.c (peak RSS
 * of gradlens-cli against these estimates over a spread of
 * configurations) and `gradlens-cli run` timings on a 2-core machine. */

/* the process itself: code, GLib, OpenBLAS's per-thread buffers */
#define BASE_BYTES          (G_GUINT64_CONSTANT (64) << 20)
/* json-glib's tree and the text (generated, repaired, copied) per
 * number of "per_seed", and per parameter or layer object */
#define JSON_BYTES_PER_SEED_VALUE 128
#define JSON_BYTES_PER_OBJECT     2048
#define TEXT_BYTES_PER_ROW        512     /* CSV and table rows, with copies */
#define RESULT_BYTES_PER_PARAM    256
/* time: drawing the weights, and the multiply-adds of a step */
#define SECONDS_PER_PARAM_INIT    40e-9
#define SECONDS_PER_MAC           (1.0 / 20e9)
#define SECONDS_PER_STEP          2e-6

static guint64
network_bytes (const NnConfig *nn)
{
  guint64 bytes = nn_config_memory_bytes (nn);

  /* LAPACK's QR of the largest weight matrix, in double, with workspace */
  if (nn->init == NN_INIT_ORTHOGONAL)
    bytes += (guint64) 3 * 8 * (guint64) MAX (nn->width, MAX (nn->inputs, nn->outputs))
             * (guint64) MAX (nn->width, MAX (nn->inputs, nn->outputs));
  /* allocator slack */
  return bytes + bytes / 16;
}

static double
seconds_per_seed (const NnConfig *nn)
{
  double macs = 0, params = 0;

  for (int i = 0; i < nn->depth; i++)
    {
      double in = i == 0 ? nn->inputs : nn->width;
      double out = i == nn->depth - 1 ? nn->outputs : nn->width;

      macs += in * out;
      params += in * out + out;
    }
  /* forward, and the backward pass's two products */
  macs *= 3.0 * nn->samples;
  params += (double) nn->samples * (nn->inputs + nn->outputs);
  return SECONDS_PER_STEP + params * SECONDS_PER_PARAM_INIT + macs * SECONDS_PER_MAC;
}

static guint64
result_bytes (const GradlensRunConfig *c,
              GradlensFormat           format)
{
  guint64 params = (guint64) nn_config_n_params (&c->nn);
  guint64 seeds = (guint64) c->seeds;
  guint64 bytes = params * RESULT_BYTES_PER_PARAM + seeds * params * 8 + seeds * 16
                  + (guint64) c->nn.depth * 64;

  switch (format)
    {
    case GRADLENS_FORMAT_JSON:
      bytes += (params + (guint64) c->nn.depth + 8) * JSON_BYTES_PER_OBJECT;
      if (seeds > 1)
        bytes += seeds * params * JSON_BYTES_PER_SEED_VALUE;
      break;
    case GRADLENS_FORMAT_CSV:
    case GRADLENS_FORMAT_TABLE:
      bytes += (params + 8) * TEXT_BYTES_PER_ROW;
      break;
    case GRADLENS_FORMAT_NONE:
    default:
      break;
    }
  return bytes;
}

void
gradlens_estimate_runs (GradlensRunConfig * const *configs,
                        guint                      n_configs,
                        guint                      n_threads,
                        guint64                    memory_limit,
                        GradlensFormat             format,
                        GradlensEstimate          *est)
{
  guint64 results = 0, networks = 0;
  double seconds = 0;

  for (guint i = 0; i < n_configs; i++)
    {
      const GradlensRunConfig *c = configs[i];
      guint threads = gradlens_thread_count (n_threads, (guint) MAX (c->seeds, 1));
      guint64 net = network_bytes (&c->nn);

      /* as gradlens_run: fewer threads rather than over the limit */
      if (memory_limit > 0)
        while (threads > 1 && nn_config_memory_bytes (&c->nn) * threads > memory_limit)
          threads--;
      /* runs are computed one after another: their networks come and go,
       * their results stay */
      networks = MAX (networks, net * threads);
      results += result_bytes (c, format);
      seconds += c->seeds * seconds_per_seed (&c->nn) / threads;
    }
  est->memory = BASE_BYTES + networks + results;
  est->seconds = seconds;
}

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x < y) - (x > y);
}

void
gradlens_estimate_sweep (const GradlensRunConfig *config,
                         const int               *depths,
                         guint                    n_depths,
                         guint                    n_threads,
                         GradlensEstimate        *est)
{
  g_autofree guint64 *bytes = g_new0 (guint64, n_depths);
  guint threads = gradlens_thread_count (n_threads, n_depths);
  guint64 networks = 0, results = 0;
  double seconds = 0;

  for (guint i = 0; i < n_depths; i++)
    {
      GradlensRunConfig c = *config;

      c.nn.depth = depths[i];
      bytes[i] = network_bytes (&c.nn);
      /* one depth's result at a time per thread, freed after its point */
      results = MAX (results, result_bytes (&c, GRADLENS_FORMAT_NONE));
      seconds += c.seeds * seconds_per_seed (&c.nn);
    }
  /* deepest first, one depth per thread: the largest ones at once */
  qsort (bytes, n_depths, sizeof (guint64), compare_desc);
  for (guint i = 0; i < threads; i++)
    networks += bytes[i];
  est->memory = BASE_BYTES + networks + results * threads + (guint64) n_depths * JSON_BYTES_PER_OBJECT;
  est->seconds = seconds / threads;
}

void
gradlens_estimate_bench (const GradlensRunConfig *config,
                         guint                    iterations,
                         GradlensEstimate        *est)
{
  GradlensRunConfig *one = (GradlensRunConfig *) config;
  double per = seconds_per_seed (&config->nn);
  guint reps = CLAMP (iterations / 100, 3, 50);

  gradlens_estimate_runs (&one, 1, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, GRADLENS_FORMAT_NONE, est);
  est->memory += (guint64) iterations * 16;
  /* runs reuse the data and weights: only the step; full runs redo both */
  est->seconds = iterations * (per - nn_config_n_params (&config->nn) * SECONDS_PER_PARAM_INIT)
                 + iterations * per;
  if (config->seeds > 1)
    est->seconds += reps * config->seeds * per / g_get_num_processors ();
}

void
gradlens_estimate_train (const GradlensRunConfig *config,
                         int                      steps,
                         guint64                  train_bytes,
                         GradlensEstimate        *est)
{
  guint threads = gradlens_thread_count (0, (guint) MAX (config->seeds, 1));
  double per = seconds_per_seed (&config->nn);
  double init = nn_config_n_params (&config->nn) * SECONDS_PER_PARAM_INIT;

  est->memory = BASE_BYTES + train_bytes;
  /* the weights are drawn once per seed, every step runs forward and back */
  est->seconds = config->seeds * (init + (double) steps * (per - init)) / threads;
}

void
gradlens_estimate_add (GradlensEstimate *est,
                       guint64           bytes)
{
  est->memory += bytes;
}

char *
gradlens_format_duration (double seconds)
{
  if (seconds >= 2 * 86400)
    return g_strdup_printf (_("about %.0f days"), seconds / 86400);
  if (seconds >= 2 * 3600)
    return g_strdup_printf (_("about %.1f hours"), seconds / 3600);
  if (seconds >= 120)
    return g_strdup_printf (_("about %.0f minutes"), seconds / 60);
  if (seconds >= 2)
    return g_strdup_printf (_("about %.0f seconds"), seconds);
  return g_strdup (_("about a second"));
}

char *
gradlens_format_size (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

gboolean
gradlens_estimate_check (const GradlensEstimate  *est,
                         const char              *what,
                         guint64                  memory_limit,
                         double                   time_limit,
                         const char              *accept_hint,
                         GError                 **error)
{
  if (memory_limit > 0 && est->memory > memory_limit)
    {
      g_autofree char *need = gradlens_format_size (est->memory);
      g_autofree char *limit = gradlens_format_size (memory_limit);

      /* never "4.00 GiB, more than the limit of 4.00 GiB" */
      if (g_str_equal (need, limit))
        {
          g_free (need);
          g_free (limit);
          need = g_strdup_printf ("%" G_GUINT64_FORMAT " %s", est->memory, _("bytes"));
          limit = g_strdup_printf ("%" G_GUINT64_FORMAT " %s", memory_limit, _("bytes"));
        }
      /* Translators: the first %s is the work ("this run"), the others sizes */
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE,
                   _("%s needs about %s of memory at once, more than the limit of %s"),
                   what, need, limit);
      return FALSE;
    }
  if (time_limit > 0 && est->seconds > time_limit)
    {
      g_autofree char *need = gradlens_format_duration (est->seconds);

      /* Translators: the first %s is the work ("this run"), the second a duration
       * ("about 3.5 hours"), the third the option that accepts it ("--yes") */
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE,
                   _("%s would take %s on this machine, longer than an hour; add %s to start it anyway"),
                   what, need, accept_hint);
      return FALSE;
    }
  return TRUE;
}
