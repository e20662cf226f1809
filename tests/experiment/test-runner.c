/* test-runner.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "gradlens-config.h"
#include "gradlens-error.h"
#include "gradlens-export.h"
#include "gradlens-runner.h"
#include "mlp.h"

static void
assert_has (const char *message,
            const char *needle)
{
  if (strstr (message, needle) == NULL)
    g_error ("message “%s” lacks “%s”", message, needle);
}

/* ---- statistics --------------------------------------------------------- */

/* numpy's lerp switches formula at t = 0.5 (b - (b - a) * (1 - t)), so it may
 * differ from a + (b - a) * t in the last bit */
static void
assert_close (double      got,
              double      want,
              const char *what)
{
  if (got == want || (isnan (got) && isnan (want)))
    return;
  if (fabs (got - want) <= 4 * DBL_EPSILON * MAX (fabs (got), fabs (want)))
    return;
  g_error ("%s: got %.17g, numpy gives %.17g", what, got, want);
}

typedef struct
{
  const char *name;
  gsize       n;
  double      values[8];
  double      expected[5];   /* min, q1, median, q3, max */
} StatsCase;

/* Generated with Debian 12's numpy 1.24.2:
 *   /usr/bin/python3 -c "import numpy as np; a = np.array(VALUES);
 *     print([repr(float(x)) for x in [a.min(), *np.quantile(a, [.25, .5, .75]), a.max()]])"
 * and "seven" from list(np.random.default_rng(7).lognormal(-5, 3, 7)). */
static const StatsCase stats_cases[] = {
  { "one", 1, { 3.0 }, { 3.0, 3.0, 3.0, 3.0, 3.0 } },
  { "two", 2, { 2.0, 1.0 }, { 1.0, 1.25, 1.5, 1.75, 2.0 } },
  { "five", 5, { 5, 1, 4, 2, 3 }, { 1.0, 2.0, 3.0, 4.0, 5.0 } },
  { "ties", 6, { 0.3, 1e-05, 7.25, 7.25, 2.0, 1000.0 }, { 1e-05, 0.725, 4.625, 7.25, 1000.0 } },
  { "tiny", 4, { 1e-30, 1e-10, 0.0, 4.0 }, { 0.0, 7.500000000000001e-31, 5e-11, 1.000000000075, 4.0 } },
  { "seven", 7,
    { 0.006762859063671558, 0.01651042321575592, 0.002960451270292143, 0.00046579007122584174,
      0.0017224417797282669, 0.000343975657908199, 0.008070263122544705 },
    { 0.000343975657908199, 0.0010941159254770543, 0.002960451270292143, 0.007416561093108131,
      0.01651042321575592 } },
};

static void
test_stats_numpy (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (stats_cases); c++)
    {
      const StatsCase *sc = &stats_cases[c];
      double values[8];
      GradlensStats s;
      g_autofree char *what = NULL;

      memcpy (values, sc->values, sizeof values);
      gradlens_stats_compute (values, sc->n, &s);
      what = g_strdup_printf ("%s min", sc->name);
      assert_close (s.min, sc->expected[0], what);
      g_free (what);
      what = g_strdup_printf ("%s q1", sc->name);
      assert_close (s.q1, sc->expected[1], what);
      g_free (what);
      what = g_strdup_printf ("%s median", sc->name);
      assert_close (s.median, sc->expected[2], what);
      g_free (what);
      what = g_strdup_printf ("%s q3", sc->name);
      assert_close (s.q3, sc->expected[3], what);
      g_free (what);
      what = g_strdup_printf ("%s max", sc->name);
      assert_close (s.max, sc->expected[4], what);
      /* sorted in place */
      for (gsize i = 1; i < sc->n; i++)
        g_assert_cmpfloat (values[i - 1], <=, values[i]);
    }
}

/* the definition itself, on numbers where every step is exact */
static void
test_stats_quantile (void)
{
  const double sorted[] = { 1, 2, 3, 4 };
  double with_nan[] = { 2, NAN, 1, 3 };
  GradlensStats s;

  g_assert_cmpfloat (gradlens_quantile_sorted (sorted, 4, 0.0), ==, 1);
  g_assert_cmpfloat (gradlens_quantile_sorted (sorted, 4, 0.25), ==, 1.75);   /* pos 0.75 */
  g_assert_cmpfloat (gradlens_quantile_sorted (sorted, 4, 0.5), ==, 2.5);
  g_assert_cmpfloat (gradlens_quantile_sorted (sorted, 4, 0.75), ==, 3.25);   /* pos 2.25 */
  g_assert_cmpfloat (gradlens_quantile_sorted (sorted, 4, 1.0), ==, 4);
  g_assert_cmpfloat (gradlens_quantile_sorted (sorted, 1, 0.5), ==, 1);

  /* With an infinity: numpy 1.24 gives [1.0, 1.5, nan, nan] for the 0, .25,
   * .5 and .75 quantiles of [1, 2, inf]. The median is nan because
   * (inf - 2) * 0 is. For q3 numpy's lerp computes inf - inf * 0.5 = nan, where
   * the formula of reference/torch_gradnorms.py that Gradlens follows,
   * 2 + (inf - 2) * 0.5, gives inf. */
  {
    double v[] = { INFINITY, 1, 2 };

    gradlens_stats_compute (v, 3, &s);
    g_assert_cmpfloat (s.min, ==, 1);
    g_assert_cmpfloat (s.q1, ==, 1.5);
    g_assert_true (isnan (s.median));
    g_assert_cmpfloat (s.q3, ==, INFINITY);
    g_assert_cmpfloat (s.max, ==, INFINITY);
  }

  /* NaN sorts last (header contract) */
  gradlens_stats_compute (with_nan, 4, &s);
  g_assert_cmpfloat (with_nan[0], ==, 1);
  g_assert_cmpfloat (with_nan[2], ==, 3);
  g_assert_true (isnan (with_nan[3]));
  g_assert_cmpfloat (s.min, ==, 1);
  g_assert_cmpfloat (s.q1, ==, 1.75);
  g_assert_true (isnan (s.max));
}

static GradlensRunConfig *
notebook_config (void)
{
  return gradlens_run_config_new ();   /* the defaults are the notebook's */
}

/* seeds s..s+N-1 equal N single runs, and the statistics are those of the
 * per-seed norms, the same on one thread or two */
static void
test_stats_seeds (void)
{
  g_autoptr(GradlensRunConfig) c = notebook_config ();
  g_autoptr(GradlensRunResult) one_thread = NULL;
  g_autoptr(GradlensRunResult) two_threads = NULL;
  g_autoptr(GError) error = NULL;
  const int n_seeds = 9;

  c->seed = 3;
  c->seeds = n_seeds;
  one_thread = gradlens_run (c, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  two_threads = gradlens_run (c, 2, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (one_thread->n_seeds, ==, n_seeds);
  g_assert_cmpint (one_thread->n_params, ==, 10);
  g_assert_nonnull (one_thread->stats);
  g_assert_cmpmem (one_thread->norms, sizeof (double) * n_seeds * 10,
                   two_threads->norms, sizeof (double) * n_seeds * 10);

  for (int s = 0; s < n_seeds; s++)
    {
      g_autoptr(GradlensRunConfig) single = notebook_config ();
      g_autoptr(GradlensRunResult) r = NULL;

      single->seed = 3 + s;
      r = gradlens_run (single, 1, 0, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_null (r->stats);
      g_assert_cmpmem (r->norms, sizeof (double) * 10, one_thread->norms + s * 10, sizeof (double) * 10);
      g_assert_cmpmem (r->grad_norm, sizeof (double) * 10, r->norms, sizeof (double) * 10);
      g_assert_cmpfloat (r->losses[0], ==, one_thread->losses[s]);
    }

  for (int p = 0; p < 10; p++)
    {
      double column[9];
      GradlensStats want;
      const GradlensStats *got = &one_thread->stats[p];

      for (int s = 0; s < n_seeds; s++)
        column[s] = one_thread->norms[s * 10 + p];
      gradlens_stats_compute (column, n_seeds, &want);
      /* 9 values: the quartiles are the 3rd and 7th smallest, the median the 5th */
      g_assert_cmpfloat (got->min, ==, column[0]);
      g_assert_cmpfloat (got->q1, ==, column[2]);
      g_assert_cmpfloat (got->median, ==, column[4]);
      g_assert_cmpfloat (got->q3, ==, column[6]);
      g_assert_cmpfloat (got->max, ==, column[8]);
      g_assert_cmpfloat (one_thread->grad_norm[p], ==, want.median);
      g_assert_cmpfloat (got->q1, <=, got->median);
      g_assert_cmpfloat (got->median, <=, got->q3);
    }
}

/* ---- decay per layer ---------------------------------------------------- */

/* a result with only what gradlens_decay_per_layer reads: weights then
 * biases per layer, as gradlens_run lays them out */
static double
decay_of (const double *weights,
          const double *biases,
          int           depth)
{
  GradlensRunResult r = { 0 };
  int layers[64];
  gboolean is_weight[64];
  double grad_norm[64];

  g_assert_cmpint (depth, <=, 32);
  r.n_params = 2 * depth;
  r.layers = layers;
  r.is_weight = is_weight;
  r.grad_norm = grad_norm;
  for (int l = 0; l < depth; l++)
    {
      layers[2 * l] = layers[2 * l + 1] = l + 1;
      is_weight[2 * l] = TRUE;
      is_weight[2 * l + 1] = FALSE;
      grad_norm[2 * l] = weights[l];
      grad_norm[2 * l + 1] = biases[l];
    }
  return gradlens_decay_per_layer (&r);
}

static void
test_decay_synthetic (void)
{
  const double wild[] = { 1e30, 0.0, NAN, INFINITY, 1e-30, 7 };

  /* ten times smaller per layer towards the input: 0.1 */
  g_assert_cmpfloat_with_epsilon (decay_of ((double[]) { 1e-3, 1e-2, 1e-1 }, wild, 3), 0.1, 1e-14);
  /* exploding: 10 */
  g_assert_cmpfloat_with_epsilon (decay_of ((double[]) { 100, 10, 1 }, wild, 3), 10, 1e-12);
  /* flat: 1 */
  g_assert_cmpfloat_with_epsilon (decay_of ((double[]) { 0.5, 0.5, 0.5, 0.5 }, wild, 4), 1, 1e-14);
  /* least squares through (1, 0), (2, log 4), (3, log 2): slope log10(2) / 2,
   * so the factor is 2^-0.5 */
  g_assert_cmpfloat_with_epsilon (decay_of ((double[]) { 1, 4, 2 }, wild, 3), 1 / G_SQRT2, 1e-14);
  /* zero and non-finite weight norms are left out: (1, -3) and (3, -1) */
  g_assert_cmpfloat_with_epsilon (decay_of ((double[]) { 1e-3, 0, 1e-1 }, wild, 3), 0.1, 1e-14);
  g_assert_cmpfloat_with_epsilon (decay_of ((double[]) { 1e-3, NAN, 1e-1, INFINITY }, wild, 4), 0.1, 1e-14);
  /* fewer than two points: undefined */
  g_assert_true (isnan (decay_of ((double[]) { 1e-3, 0, 0 }, wild, 3)));
  g_assert_true (isnan (decay_of ((double[]) { 0.5 }, wild, 1)));
  g_assert_true (isnan (decay_of ((double[]) { 0, NAN, INFINITY }, wild, 3)));
}

/* the notebook's sigmoid network vanishes towards the input */
static void
test_decay_run (void)
{
  g_autoptr(GradlensRunConfig) c = notebook_config ();
  g_autoptr(GradlensRunResult) r = NULL;
  g_autoptr(GError) error = NULL;

  c->nn.depth = 8;
  r = gradlens_run (c, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (r->decay_per_layer, ==, gradlens_decay_per_layer (r));
  g_assert_cmpfloat (r->decay_per_layer, >, 0);
  g_assert_cmpfloat (r->decay_per_layer, <, 0.9);
}

/* The JSON export stays JSON whatever the values (json-glib 1.6 alone
 * writes 1e-08 as 1e-08.0), and non-finite norms become null. */
static void
test_export_json (void)
{
  g_autoptr(GradlensRunConfig) c = notebook_config ();
  g_autoptr(GradlensRunResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonArray *params;
  JsonObject *p0, *p1, *p2;

  c->nn.init = NN_INIT_NORMAL;
  c->nn.std = 1e-8;
  r = gradlens_run (c, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  r->grad_norm[0] = 1e-8;
  r->grad_norm[1] = INFINITY;
  r->grad_norm[2] = 1e-300;
  json = gradlens_results_to_json (&r, 1);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  params = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (
      json_node_get_object (json_parser_get_root (parser)), "runs"), 0), "parameters");
  p0 = json_array_get_object_element (params, 0);
  p1 = json_array_get_object_element (params, 1);
  p2 = json_array_get_object_element (params, 2);
  g_assert_cmpstr (json_object_get_string_member (p0, "name"), ==, "lin1.weight");
  g_assert_cmpfloat (json_object_get_double_member (p0, "grad_norm"), ==, 1e-8);
  g_assert_true (json_object_get_null_member (p1, "grad_norm"));
  g_assert_cmpstr (json_object_get_string_member (p1, "non_finite"), ==, "inf");
  g_assert_cmpfloat (json_object_get_double_member (p2, "grad_norm"), ==, 1e-300);
}

/* ---- refusal, cancellation, progress ------------------------------------ */

static void
test_run_memory_refused (void)
{
  g_autoptr(GradlensRunConfig) c = notebook_config ();
  g_autoptr(GradlensRunResult) r = NULL;
  g_autoptr(GError) error = NULL;

  c->nn.depth = 1000;
  c->nn.width = 4096;
  c->nn.samples = 65536;
  r = gradlens_run (c, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE);
  assert_has (error->message, "needs about ");
  assert_has (error->message, "\xc2\xa0TiB" /* g_format_size puts a no-break space before the unit */);
  assert_has (error->message, "limit of 4.0\xc2\xa0GiB");
  g_clear_error (&error);

  /* an invalid run is refused by gradlens_run too */
  c->nn.depth = 0;
  r = gradlens_run (c, 0, 0, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE);
  assert_has (error->message, "network.depth");
}

/* Cancellation is tested by counting the work done after the cancel, never
 * by time: a loaded machine makes any time bound flaky. */
typedef struct
{
  GCancellable *cancellable;
  guint         cancel_at;        /* cancel when this many seeds are done */
  gint          after_cancel;     /* atomic: seeds reported after the cancel */
  gint          cancelled;        /* atomic */
} CancelCount;

static void
cancel_count_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  CancelCount *cc = user_data;

  if (g_atomic_int_get (&cc->cancelled))
    {
      g_atomic_int_inc (&cc->after_cancel);
      return;
    }
  if (done >= cc->cancel_at)
    {
      g_atomic_int_set (&cc->cancelled, 1);
      g_cancellable_cancel (cc->cancellable);
    }
}

/* Many seeds on two threads: cancelled from inside the run once 5 seeds are
 * done, at most one seed per other thread may still finish (the one it
 * was past its last check in), none of the other 9994 */
static void
test_run_cancel_many_seeds (void)
{
  g_autoptr(GradlensRunConfig) c = notebook_config ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GradlensRunResult) r = NULL;
  g_autoptr(GError) error = NULL;
  CancelCount cc = { cancellable, 5, 0, 0 };

  c->nn.depth = 8;
  c->nn.width = 64;
  c->nn.samples = 200;   /* small layers: progress by seed (gradlens_run_progress_steps) */
  c->seeds = 10000;
  r = gradlens_run (c, 2, GRADLENS_DEFAULT_MEMORY_LIMIT, cancel_count_cb, &cc, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_atomic_int_get (&cc.cancelled));
  g_test_message ("%d seeds finished after the cancel", g_atomic_int_get (&cc.after_cancel));
  g_assert_cmpint (g_atomic_int_get (&cc.after_cancel), <=, 1);
}

/* One seed: the network reads its cancel flag between layers. A step that
 * starts with the flag set does no layer at all: the gradients it would
 * write keep the values planted in them, and it returns NAN. */
static void
test_run_cancel_one_seed (void)
{
  g_autoptr(GradlensRunConfig) c = notebook_config ();
  atomic_int flag = 0;
  double norms[64];
  NnMlp *mlp;
  int n_params;

  c->nn.depth = 16;
  c->nn.width = 64;
  c->nn.samples = 64;
  c->nn.activation = NN_ACT_RELU;
  c->nn.dtype = NN_FLOAT64;
  n_params = nn_config_n_params (&c->nn);
  g_assert_cmpint (n_params, <=, (int) G_N_ELEMENTS (norms));
  mlp = nn_mlp_new (&c->nn);
  g_assert_nonnull (mlp);
  nn_mlp_set_cancel_flag (mlp, &flag);
  nn_mlp_setup (mlp, 0);

  /* not cancelled: every gradient is computed */
  g_assert_true (isfinite (nn_mlp_step (mlp, norms)));

  /* cancelled before the step: no layer runs */
  for (int p = 0; p < n_params; p++)
    {
      ((double *) nn_mlp_grad (mlp, p))[0] = 12345.0;
      norms[p] = -1.0;
    }
  atomic_store (&flag, 1);
  g_assert_true (isnan (nn_mlp_step (mlp, norms)));
  for (int p = 0; p < n_params; p++)
    {
      g_assert_cmpfloat (((double *) nn_mlp_grad (mlp, p))[0], ==, 12345.0);
      g_assert_cmpfloat (norms[p], ==, -1.0);
    }
  nn_mlp_free (mlp);
}

static void
test_run_cancel_before (void)
{
  g_autoptr(GradlensRunConfig) c = notebook_config ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GradlensRunResult) r = NULL;
  g_autoptr(GError) error = NULL;

  c->seeds = 1000;
  g_cancellable_cancel (cancellable);
  r = gradlens_run (c, 2, 0, NULL, NULL, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GMutex  lock;
  GArray *done;   /* of guint, in call order */
  guint   bad_total;
  GThread *main_thread;
  guint   from_other_threads;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *p = user_data;

  g_mutex_lock (&p->lock);
  g_array_append_val (p->done, done);
  if (total != 1000)
    p->bad_total++;
  if (g_thread_self () != p->main_thread)
    p->from_other_threads++;
  g_mutex_unlock (&p->lock);
}

static void
test_run_progress (void)
{
  g_autoptr(GradlensRunConfig) c = notebook_config ();
  g_autoptr(GradlensRunResult) r = NULL;
  g_autoptr(GError) error = NULL;
  Progress p = { 0 };

  g_mutex_init (&p.lock);
  p.done = g_array_new (FALSE, FALSE, sizeof (guint));
  p.main_thread = g_thread_self ();
  c->seeds = 1000;
  r = gradlens_run (c, 2, 0, on_progress, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);

  g_assert_cmpuint (p.done->len, ==, 1000);
  g_assert_cmpuint (p.bad_total, ==, 0);
  for (guint i = 0; i < p.done->len; i++)
    if (g_array_index (p.done, guint, i) != i + 1)
      g_error ("progress call %u reported %u done: not monotonic", i, g_array_index (p.done, guint, i));
  g_assert_cmpuint (g_array_index (p.done, guint, 999), ==, 1000);
  g_test_message ("%u of 1000 progress calls came from the second thread", p.from_other_threads);

  g_array_unref (p.done);
  g_mutex_clear (&p.lock);
}

/* A network with long layers tells each layer it draws at setup and each
 * layer of its forward and backward pass: a single seed of depth d moves
 * d (drawing) + 2 d times, or 2 d + 2 d with an init that draws the weights
 * again, in order, with one total */
typedef struct
{
  guint   n_calls;
  guint   last_done;
  guint   total;
  guint   not_in_order;
  guint   other_totals;
} LayerCount;

static void
layer_count_cb (guint    done,
                guint    total,
                gpointer user_data)
{
  LayerCount *lc = user_data;

  /* one thread: no lock needed */
  lc->n_calls++;
  if (done != lc->last_done + 1)
    lc->not_in_order++;
  lc->last_done = done;
  if (lc->total == 0)
    lc->total = total;
  else if (total != lc->total)
    lc->other_totals++;
}

static void
test_run_progress_layers (void)
{
  g_autoptr(GradlensRunConfig) c = notebook_config ();
  g_autoptr(GradlensRunResult) r = NULL;
  g_autoptr(GError) error = NULL;
  LayerCount lc = { 0 };

  /* which runs report layers: the notebook's by seed, a 1000 x 512 one by layer */
  g_assert_cmpuint (gradlens_run_progress_steps (c), ==, 1);
  c->nn.depth = 1000;
  c->nn.width = 512;
  g_assert_cmpuint (gradlens_run_progress_steps (c), ==, 3000);
  c->nn.init = NN_INIT_KAIMING_NORMAL;
  g_assert_cmpuint (gradlens_run_progress_steps (c), ==, 4000);
  c->nn.init = NN_INIT_DEFAULT;

  /* 256 x 256 x 16 = 2^20 multiply-adds a hidden layer: by layer */
  c->nn.depth = 30;
  c->nn.width = 256;
  c->nn.samples = 16;
  r = gradlens_run (c, 1, 0, layer_count_cb, &lc, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpuint (lc.n_calls, ==, 90);
  g_assert_cmpuint (lc.total, ==, 90);
  g_assert_cmpuint (lc.last_done, ==, 90);
  g_assert_cmpuint (lc.not_in_order, ==, 0);
  g_assert_cmpuint (lc.other_totals, ==, 0);
  g_clear_pointer (&r, gradlens_run_result_free);

  /* two seeds of residual connections and batch norm (the other backward
   * loop): 2 x (30 + 60); He init or zero biases draw every layer a second
   * time: 2 x (60 + 60) */
  {
    static const struct { NnInit init; NnBiasInit bias; guint expected; } cases[] = {
      { NN_INIT_DEFAULT, NN_BIAS_DEFAULT, 180 },
      { NN_INIT_KAIMING_UNIFORM, NN_BIAS_DEFAULT, 240 },
      { NN_INIT_DEFAULT, NN_BIAS_ZEROS, 240 },
    };

    c->nn.residual = TRUE;
    c->nn.norm = NN_NORM_BATCH;
    c->seeds = 2;
    for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
      {
        memset (&lc, 0, sizeof lc);
        c->nn.init = cases[k].init;
        c->nn.bias = cases[k].bias;
        r = gradlens_run (c, 1, 0, layer_count_cb, &lc, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (lc.n_calls, ==, cases[k].expected);
        g_assert_cmpuint (lc.total, ==, cases[k].expected);
        g_assert_cmpuint (lc.not_in_order, ==, 0);
        g_clear_pointer (&r, gradlens_run_result_free);
      }
  }
}

/* Cancelled between layers of a single seed: no layer is told after the
 * cancel, whether it comes while the weights are drawn, in the forward or
 * in the backward pass */
static void
test_run_cancel_between_layers (void)
{
  static const guint cancel_at[] = { 1, 50, 150, 250, 299 };

  for (guint k = 0; k < G_N_ELEMENTS (cancel_at); k++)
    {
      g_autoptr(GradlensRunConfig) c = notebook_config ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GradlensRunResult) r = NULL;
      g_autoptr(GError) error = NULL;
      CancelCount cc = { cancellable, cancel_at[k], 0, 0 };

      c->nn.depth = 100;
      c->nn.width = 256;
      c->nn.samples = 16;
      g_assert_cmpuint (gradlens_run_progress_steps (c), ==, 300);
      r = gradlens_run (c, 1, 0, cancel_count_cb, &cc, cancellable, &error);
      g_assert_null (r);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_true (g_atomic_int_get (&cc.cancelled));
      g_assert_cmpint (g_atomic_int_get (&cc.after_cancel), ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gradlens/runner/stats/numpy", test_stats_numpy);
  g_test_add_func ("/gradlens/runner/stats/quantile", test_stats_quantile);
  g_test_add_func ("/gradlens/runner/stats/seeds", test_stats_seeds);
  g_test_add_func ("/gradlens/runner/decay/synthetic", test_decay_synthetic);
  g_test_add_func ("/gradlens/runner/decay/run", test_decay_run);
  g_test_add_func ("/gradlens/runner/export-json", test_export_json);
  g_test_add_func ("/gradlens/runner/memory-refused", test_run_memory_refused);
  g_test_add_func ("/gradlens/runner/cancel/one-seed", test_run_cancel_one_seed);
  g_test_add_func ("/gradlens/runner/cancel/many-seeds", test_run_cancel_many_seeds);
  g_test_add_func ("/gradlens/runner/cancel/before", test_run_cancel_before);
  g_test_add_func ("/gradlens/runner/progress", test_run_progress);
  g_test_add_func ("/gradlens/runner/progress/layers", test_run_progress_layers);
  g_test_add_func ("/gradlens/runner/cancel/between-layers", test_run_cancel_between_layers);

  return g_test_run ();
}
