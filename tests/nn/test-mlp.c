/* test-mlp.c - whole runs against PyTorch (tests/fixtures/runs.json), through
 * the nn API and through gradlens_run
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <math.h>

#include "fixture.h"
#include "gradlens-config.h"
#include "gradlens-runner.h"
#include "mlp.h"

static JsonParser *runs_fixture;

/* DESIGN.md: gradient norms and losses agree with PyTorch within 2e-4
 * relative in float32 and 1e-9 in float64. In float32, a value PyTorch
 * gives below 1e-30 must be below 1e-29 here, and PyTorch's exact zeros
 * (squares that underflow) must be exact zeros here. */
#define TOL_F32        2e-4
#define TOL_F64        1e-9
#define TINY_F32       1e-30
#define TINY_F64       1e-290
/* the forward statistics of "layers": means, standard deviations */
#define STATS_TOL_F32  1e-5
#define STATS_TOL_F64  1e-9

typedef struct
{
  const char *label;
  gboolean    f64;
  guint       bad;
  guint       checked;
  double      worst;   /* the largest relative difference seen */
} Check;

static void
check_init (Check      *c,
            const char *label,
            gboolean    f64)
{
  c->label = label;
  c->f64 = f64;
  c->bad = 0;
  c->checked = 0;
  c->worst = 0;
}

static void G_GNUC_PRINTF (2, 3)
check_fail (Check      *c,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (c->bad < 10)
    g_test_message ("%s: %s", c->label, msg);
  c->bad++;
}

/* a loss, gradient norm, quantile or decay: `theirs` NAN stands for null */
static void
check_norm (Check      *c,
            const char *what,
            double      ours,
            double      theirs)
{
  double tol = c->f64 ? TOL_F64 : TOL_F32;
  double tiny = c->f64 ? TINY_F64 : TINY_F32;

  c->checked++;
  if (isnan (theirs))
    {
      if (isfinite (ours))
        check_fail (c, "%s: %.9g, PyTorch null", what, ours);
      return;
    }
  if (theirs == 0)
    {
      if (ours != 0)
        check_fail (c, "%s: %.9g, PyTorch exactly 0", what, ours);
      return;
    }
  if (fabs (theirs) < tiny)
    {
      if (!(fabs (ours) < 10 * tiny))
        check_fail (c, "%s: %.9g, PyTorch %.9g (below %g)", what, ours, theirs, tiny);
      return;
    }
  c->worst = MAX (c->worst, fabs (ours - theirs) / fabs (theirs));
  if (!(fabs (ours - theirs) <= tol * fabs (theirs)))
    check_fail (c, "%s: %.17g, PyTorch %.17g (relative difference %.3g, allowed %g)",
                what, ours, theirs, fabs (ours - theirs) / fabs (theirs), tol);
}

/* |ours - theirs| <= tol * scale */
static void
check_scaled (Check      *c,
              const char *what,
              double      ours,
              double      theirs,
              double      scale)
{
  double tol = c->f64 ? STATS_TOL_F64 : STATS_TOL_F32;

  c->checked++;
  if (!(fabs (ours - theirs) <= tol * scale + 1e-300))
    check_fail (c, "%s: %.17g, PyTorch %.17g (difference %.3g, allowed %.3g)",
                what, ours, theirs, fabs (ours - theirs), tol * scale);
}

static void
check_layers (Check              *c,
              const NnLayerStats *stats,
              int                 depth,
              JsonArray          *layers)
{
  g_assert_cmpuint (json_array_get_length (layers), ==, (guint) depth);
  for (int l = 0; l < depth; l++)
    {
      JsonObject *t = json_array_get_object_element (layers, l);
      const NnLayerStats *s = &stats[l];
      double pre_mean = fixture_number_member (t, "pre_mean");
      double pre_std = fixture_number_member (t, "pre_std");
      double act_mean = fixture_number_member (t, "act_mean");
      double act_std = fixture_number_member (t, "act_std");
      double deriv_mean = fixture_number_member (t, "deriv_mean");
      double saturated = fixture_number_member (t, "saturated_fraction");
      double count = fixture_number_member (t, "count");
      gint64 dead = json_object_get_int_member (t, "dead_units");
      char what[64];

      g_assert_cmpint (json_object_get_int_member (t, "layer"), ==, l + 1);
      /* a mean is as accurate as the values it averages: relative to their
       * spread and size; a standard deviation relative to itself, or to the
       * mean when the values barely differ (float32 rounding of the mean) */
      g_snprintf (what, sizeof what, "layer %d pre_mean", l + 1);
      check_scaled (c, what, s->pre_mean, pre_mean, fabs (pre_mean) + pre_std);
      g_snprintf (what, sizeof what, "layer %d pre_std", l + 1);
      check_scaled (c, what, s->pre_std, pre_std, pre_std + 1e-2 * fabs (pre_mean));
      g_snprintf (what, sizeof what, "layer %d act_mean", l + 1);
      check_scaled (c, what, s->act_mean, act_mean, fabs (act_mean) + act_std);
      g_snprintf (what, sizeof what, "layer %d act_std", l + 1);
      check_scaled (c, what, s->act_std, act_std, act_std + 1e-2 * fabs (act_mean));
      g_snprintf (what, sizeof what, "layer %d deriv_mean", l + 1);
      check_scaled (c, what, s->deriv_mean, deriv_mean, fabs (deriv_mean));
      c->checked += 2;
      /* a derivative within rounding of the 1% threshold may fall on the
       * other side here: one entry of difference at most */
      if (!(fabs (s->saturated_fraction - saturated) <= 1.0 / count + 1e-12))
        check_fail (c, "layer %d saturated_fraction: %.9g, PyTorch %.9g (%g entries)", l + 1,
                    s->saturated_fraction, saturated, count);
      if (s->dead_units != dead)
        check_fail (c, "layer %d dead_units: %d, PyTorch %" G_GINT64_FORMAT, l + 1, s->dead_units, dead);
    }
}

static void
config_from_json (JsonObject        *o,
                  GradlensRunConfig *config)
{
  static const char * const sections[] = { "network", "init", "data" };

  gradlens_run_config_init (config);
  g_free (config->label);
  config->label = g_strdup (json_object_get_string_member (o, "label"));
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonObject *section = json_object_get_object_member (o, sections[s]);
      g_autoptr(GList) keys = json_object_get_members (section);

      for (GList *k = keys; k != NULL; k = k->next)
        {
          const GradlensField *field = gradlens_field_lookup (sections[s], k->data);
          g_autoptr(GError) error = NULL;
          g_autofree char *where = g_strdup_printf ("%s.%s", sections[s], (char *) k->data);

          g_assert_nonnull (field);
          gradlens_field_set_json (field, json_object_get_member (section, k->data), where, config, &error);
          g_assert_no_error (error);
        }
    }
  {
    g_autoptr(GError) error = NULL;

    gradlens_field_set_json (gradlens_field_lookup (NULL, "dtype"), json_object_get_member (o, "dtype"),
                             "dtype", config, &error);
    g_assert_no_error (error);
  }
  g_assert_true (gradlens_run_config_validate (config, GRADLENS_NAMING_PRESET, 0, NULL));
}

static double
norm_of (JsonObject *param)
{
  return fixture_number_member (param, "grad_norm");
}

/* The run through the nn API: every seed, its loss and norms, and the
 * layer statistics of the first seed. */
static void
check_nn_api (Check                   *c,
              const GradlensRunConfig *config,
              JsonObject              *run)
{
  JsonArray *params = json_object_get_array_member (run, "parameters");
  JsonArray *per_seed = json_object_has_member (run, "per_seed")
                        ? json_object_get_array_member (run, "per_seed") : NULL;
  int n = nn_config_n_params (&config->nn);
  g_autofree double *norms = g_new0 (double, n);
  g_autofree NnLayerStats *stats = g_new0 (NnLayerStats, config->nn.depth);
  NnMlp *mlp = nn_mlp_new (&config->nn);

  g_assert_nonnull (mlp);
  g_assert_cmpuint (json_array_get_length (params), ==, (guint) n);
  for (int p = 0; p < n; p++)
    {
      JsonObject *param = json_array_get_object_element (params, p);
      JsonArray *shape = json_object_get_array_member (param, "shape");
      int rows, cols;

      nn_config_param_shape (&config->nn, p, &rows, &cols);
      g_assert_cmpint (json_array_get_int_element (shape, 0), ==, rows);
      if (p % 2 == 0)
        {
          g_assert_cmpuint (json_array_get_length (shape), ==, 2);
          g_assert_cmpint (json_array_get_int_element (shape, 1), ==, cols);
          g_assert_cmpstr (json_object_get_string_member (param, "kind"), ==, "weight");
        }
      else
        {
          g_assert_cmpuint (json_array_get_length (shape), ==, 1);
          g_assert_cmpstr (json_object_get_string_member (param, "kind"), ==, "bias");
        }
      g_assert_cmpint (json_object_get_int_member (param, "layer"), ==, p / 2 + 1);
    }

  for (int s = 0; s < config->seeds; s++)
    {
      double loss;

      nn_mlp_setup (mlp, (guint64) (config->seed + s));
      loss = nn_mlp_step (mlp, norms);
      if (s == 0)
        nn_mlp_layer_stats (mlp, stats);
      if (per_seed == NULL)
        {
          check_norm (c, "loss", loss, fixture_number_member (run, "loss"));
          for (int p = 0; p < n; p++)
            check_norm (c, json_object_get_string_member (json_array_get_object_element (params, p), "name"),
                        norms[p], norm_of (json_array_get_object_element (params, p)));
        }
      else
        {
          JsonArray *row = json_array_get_array_element (per_seed, s);
          char what[64];

          g_snprintf (what, sizeof what, "seed %d loss", s);
          check_norm (c, what, loss,
                      fixture_number (json_array_get_element (
                        json_object_get_array_member (run, "per_seed_loss"), s)));
          g_assert_cmpuint (json_array_get_length (row), ==, (guint) n);
          for (int p = 0; p < n; p++)
            {
              g_snprintf (what, sizeof what, "seed %d parameter %d", s, p);
              check_norm (c, what, norms[p], fixture_number (json_array_get_element (row, p)));
            }
        }
    }
  check_layers (c, stats, config->nn.depth, json_object_get_array_member (run, "layers"));
  nn_mlp_free (mlp);
}

/* The run through gradlens_run: the same numbers, plus names, shapes,
 * seed statistics and decay_per_layer. */
static void
check_runner (Check                   *c,
              const GradlensRunConfig *config,
              JsonObject              *run)
{
  JsonArray *params = json_object_get_array_member (run, "parameters");
  JsonArray *per_seed = json_object_has_member (run, "per_seed")
                        ? json_object_get_array_member (run, "per_seed") : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensRunResult) r = gradlens_run (config, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, NULL, NULL, NULL,
                                                 &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpint (r->n_params, ==, (int) json_array_get_length (params));
  g_assert_cmpint (r->n_seeds, ==, config->seeds);
  g_assert_cmpint (r->depth, ==, config->nn.depth);
  g_assert_cmpint ((per_seed != NULL), ==, (config->seeds > 1));
  g_assert_cmpint ((r->stats != NULL), ==, (config->seeds > 1));

  check_norm (c, "loss", r->losses[0],
              per_seed != NULL ? fixture_number (json_array_get_element (
                                   json_object_get_array_member (run, "per_seed_loss"), 0))
                               : fixture_number_member (run, "loss"));
  for (int p = 0; p < r->n_params; p++)
    {
      JsonObject *param = json_array_get_object_element (params, p);
      JsonArray *shape = json_object_get_array_member (param, "shape");
      const char *name = json_object_get_string_member (param, "name");

      g_assert_cmpstr (r->names[p], ==, name);
      g_assert_cmpint (r->layers[p], ==, json_object_get_int_member (param, "layer"));
      g_assert_cmpint (r->is_weight[p], ==,
                       g_str_equal (json_object_get_string_member (param, "kind"), "weight"));
      g_assert_cmpint (r->rows[p], ==, json_array_get_int_element (shape, 0));
      g_assert_cmpint (r->cols[p], ==,
                       json_array_get_length (shape) == 2 ? json_array_get_int_element (shape, 1) : 0);
      check_norm (c, name, r->grad_norm[p], norm_of (param));
      if (per_seed != NULL)
        {
          JsonObject *st = json_object_get_object_member (param, "stats");
          char what[96];

          for (int s = 0; s < r->n_seeds; s++)
            {
              JsonArray *row = json_array_get_array_element (per_seed, s);

              g_snprintf (what, sizeof what, "%s seed %d", name, s);
              check_norm (c, what, r->norms[(gsize) s * r->n_params + p],
                          fixture_number (json_array_get_element (row, p)));
            }
#define CHECK_STAT(field) \
          g_snprintf (what, sizeof what, "%s stats." #field, name); \
          check_norm (c, what, r->stats[p].field, fixture_number_member (st, #field))
          CHECK_STAT (min);
          CHECK_STAT (q1);
          CHECK_STAT (median);
          CHECK_STAT (q3);
          CHECK_STAT (max);
#undef CHECK_STAT
          g_assert_cmpfloat (r->grad_norm[p], ==, r->stats[p].median);
        }
      else
        g_assert_cmpfloat (r->grad_norm[p], ==, r->norms[p]);
    }
  check_norm (c, "decay_per_layer", r->decay_per_layer, fixture_number_member (run, "decay_per_layer"));
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (run, "decay_per_layer")))
    g_assert_true (isnan (r->decay_per_layer));
  check_layers (c, r->layer_stats, r->depth, json_object_get_array_member (run, "layers"));
}

typedef struct
{
  const char *path;
  const char *prefixes[5];
  guint       min_runs;
  gboolean    float32_only;
} Group;

static const Group groups[] = {
  { "notebook", { "notebook " }, 12, TRUE },
  { "activations", { "activation " }, 18 },
  { "inits", { "init " }, 18 },
  { "output-identity", { "output identity " }, 10 },
  { "sizes-around-16", { "width ", "samples ", "inputs/outputs ", "wide " }, 16 },
  { "depth", { "depth " }, 6 },
  { "deep-underflow", { "deep sigmoid 60 " }, 2 },
  { "leaky-relu-slopes", { "leaky_relu slope " }, 4 },
  { "layer-stats", { "relu dead units ", "sigmoid saturated ", "tanh saturated " }, 6 },
  { "large-seed", { "large seed ", "seed 5 " }, 4 },
  { "seed-ensembles", { "seeds " }, 6 },
};

static gboolean
in_group (const Group *g,
          const char  *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (g->prefixes) && g->prefixes[i] != NULL; i++)
    if (g_str_has_prefix (label, g->prefixes[i]))
      return TRUE;
  return FALSE;
}

static void
run_group (const Group *g,
           gboolean     through_runner)
{
  JsonArray *runs = json_object_get_array_member (fixture_root (runs_fixture), "runs");
  guint n_runs = 0, bad = 0, f64 = 0;
  double worst = 0;

  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      const char *label = json_object_get_string_member (run, "label");
      GradlensRunConfig config;
      Check c;

      if (!in_group (g, label))
        continue;
      config_from_json (json_object_get_object_member (run, "config"), &config);
      check_init (&c, label, config.nn.dtype == NN_FLOAT64);
      if (through_runner)
        check_runner (&c, &config, run);
      else
        check_nn_api (&c, &config, run);
      g_assert_cmpuint (c.checked, >, 0);
      if (c.bad > 0)
        g_test_message ("%s: %u of %u values differ from PyTorch", label, c.bad, c.checked);
      gradlens_run_config_clear (&config);
      bad += c.bad;
      n_runs++;
      f64 += c.f64;
      if (!c.f64)
        worst = MAX (worst, c.worst);
    }
  g_test_message ("%u runs, largest float32 relative difference %.3g", n_runs, worst);
  g_assert_cmpuint (bad, ==, 0);
  g_assert_cmpuint (n_runs, >=, g->min_runs);
  if (!g->float32_only)
    g_assert_cmpuint (f64, >, 0);
}

static void
test_group_nn (gconstpointer data)
{
  run_group (data, FALSE);
}

static void
test_group_runner (gconstpointer data)
{
  run_group (data, TRUE);
}

static void
test_every_run_known (void)
{
  JsonArray *runs = json_object_get_array_member (fixture_root (runs_fixture), "runs");

  g_assert_cmpuint (json_array_get_length (runs), >=, 100);
  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      const char *label = json_object_get_string_member (json_array_get_object_element (runs, i), "label");
      guint hits = 0;

      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        hits += in_group (&groups[g], label);
      if (hits != 1)
        g_error ("fixture run “%s” is checked by %u groups", label, hits);
    }
}

static void
test_deep_underflow_zeros (void)
{
  /* the 60-layer sigmoid net: float32 norms of the first layers are exact
   * zeros, as in PyTorch, while float64 keeps them (tiny but positive) */
  NnConfig config;
  NnMlp *mlp;
  double norms[120];
  int zeros = 0;

  nn_config_init_default (&config);
  config.depth = 60;
  mlp = nn_mlp_new (&config);
  nn_mlp_setup (mlp, 0);
  nn_mlp_step (mlp, norms);
  for (int p = 0; p < 120; p++)
    zeros += norms[p] == 0;
  nn_mlp_free (mlp);
  g_assert_cmpint (zeros, >=, 20);
  g_assert_cmpfloat (norms[0], ==, 0);
  g_assert_cmpfloat (norms[119], >, 1e-3);

  config.dtype = NN_FLOAT64;
  mlp = nn_mlp_new (&config);
  nn_mlp_setup (mlp, 0);
  nn_mlp_step (mlp, norms);
  for (int p = 0; p < 120; p++)
    g_assert_cmpfloat (norms[p], >, 0);
  g_assert_cmpfloat (norms[0], <, 1e-40);
  nn_mlp_free (mlp);
}

static void
test_notebook_reference (void)
{
  /* reference/TORCH_RNG.md section 8, measured with torch 1.13: the
   * notebook's first two figures at seed 0, and its seed-0 data */
  static const double sigmoid[] = {
    0.898607016, 2.80841614e-05, 3.8116541e-05, 0.000509673904, 0.000326224777, 0.0036696794,
    0.00217932579, 0.0323469639, 0.0198534708, 0.290155917, 0.189194769,
  };
  static const double leaky[] = {
    0.754528821, 8.51540972e-05, 2.21358368e-05, 0.000102379825, 6.61281447e-05, 0.000125930208,
    0.00011217242, 0.000151760614, 0.000219894995, 0.000422254787, 0.00116008264,
  };
  static const float x0[] = { -1.1258398294448853f, -1.152360200881958f, -0.2505785822868347f,
                              -0.4338788092136383f };
  static const float y0[] = { -2.2657949924468994f, 1.0990885496139526f, 0.16391335427761078f };
  NnConfig config;
  double norms[10];

  for (int k = 0; k < 2; k++)
    {
      const double *ref = k == 0 ? sigmoid : leaky;
      NnMlp *mlp;
      double loss;

      nn_config_init_default (&config);
      config.activation = k == 0 ? NN_ACT_SIGMOID : NN_ACT_LEAKY_RELU;
      mlp = nn_mlp_new (&config);
      nn_mlp_setup (mlp, 0);
      if (k == 0)
        {
          /* X is stored (inputs, samples), Y (outputs, samples): mlp.h */
          const float *x = nn_mlp_inputs (mlp);
          const float *y = nn_mlp_targets (mlp);

          for (int i = 0; i < 4; i++)
            g_assert_cmpfloat (x[(gsize) i * config.samples], ==, x0[i]);
          for (int i = 0; i < 3; i++)
            g_assert_cmpfloat (y[i], ==, y0[i]);
        }
      loss = nn_mlp_step (mlp, norms);
      g_assert_cmpfloat_with_epsilon (loss, ref[0], 1e-6 * ref[0]);
      for (int p = 0; p < 10; p++)
        g_assert_cmpfloat_with_epsilon (norms[p], ref[p + 1], 1e-6 * ref[p + 1]);
      nn_mlp_free (mlp);
    }
}

static void
test_repeatable (void)
{
  /* a second step on the same network gives the same norms (gradients are
   * not accumulated), and setting up a seed again restores it exactly */
  NnConfig config;
  NnMlp *mlp;
  double a[8], b[8], c[8];
  double la, lb, lc;

  nn_config_init_default (&config);
  config.depth = 4;
  config.activation = NN_ACT_GELU;
  config.init = NN_INIT_XAVIER_NORMAL;
  mlp = nn_mlp_new (&config);
  nn_mlp_setup (mlp, 31);
  la = nn_mlp_step (mlp, a);
  lb = nn_mlp_step (mlp, b);
  nn_mlp_setup (mlp, 32);
  nn_mlp_step (mlp, c);
  g_assert_true (memcmp (a, c, sizeof a) != 0);
  nn_mlp_setup (mlp, 31);
  lc = nn_mlp_step (mlp, c);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  g_assert_cmpmem (a, sizeof a, c, sizeof c);
  g_assert_cmpfloat (la, ==, lb);
  g_assert_cmpfloat (la, ==, lc);
  nn_mlp_free (mlp);
}

/* nn_mlp_setup tells each layer it draws: depth times with the default
 * init, twice that when the scheme draws again; a cancel stops it between
 * layers, and a network set up again after a cancelled setup is the one a
 * fresh setup gives */
typedef struct
{
  int         calls;
  int         cancel_at;
  atomic_int *flag;
} SetupCount;

static void
setup_count_cb (void *data)
{
  SetupCount *sc = data;

  sc->calls++;
  if (sc->calls == sc->cancel_at)
    atomic_store (sc->flag, 1);
}

static void
test_setup_layer_calls (void)
{
  static const struct { NnInit init; NnBiasInit bias; int passes; } cases[] = {
    { NN_INIT_DEFAULT, NN_BIAS_DEFAULT, 1 },
    { NN_INIT_XAVIER_NORMAL, NN_BIAS_DEFAULT, 2 },
    { NN_INIT_DEFAULT, NN_BIAS_ZEROS, 2 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      NnConfig config;
      NnMlp *mlp, *fresh;
      atomic_int flag = 0;
      SetupCount sc = { 0, 0, &flag };
      double a[14], b[14];

      nn_config_init_default (&config);
      config.depth = 7;
      config.init = cases[k].init;
      config.bias = cases[k].bias;
      g_assert_cmpint (nn_mlp_setup_layer_calls (&config), ==, 7 * cases[k].passes);
      mlp = nn_mlp_new (&config);
      nn_mlp_set_layer_func (mlp, setup_count_cb, &sc);
      nn_mlp_set_cancel_flag (mlp, &flag);
      nn_mlp_setup (mlp, 5);
      g_assert_cmpint (sc.calls, ==, 7 * cases[k].passes);

      /* cancelled after its third layer: no more layers are drawn */
      sc.calls = 0;
      sc.cancel_at = 3;
      nn_mlp_setup (mlp, 5);
      g_assert_cmpint (sc.calls, ==, 3);

      atomic_store (&flag, 0);
      sc.cancel_at = 0;
      nn_mlp_setup (mlp, 5);
      nn_mlp_step (mlp, a);
      fresh = nn_mlp_new (&config);
      nn_mlp_setup (fresh, 5);
      nn_mlp_step (fresh, b);
      g_assert_cmpmem (a, sizeof a, b, sizeof b);
      nn_mlp_free (fresh);
      nn_mlp_free (mlp);
    }
}

static void
test_runner_threads (void)
{
  /* the seeds spread over threads give what one thread gives */
  GradlensRunConfig config;
  g_autoptr(GradlensRunResult) one = NULL;
  g_autoptr(GradlensRunResult) many = NULL;

  gradlens_run_config_init (&config);
  config.seeds = 37;
  config.seed = 1000;
  config.nn.activation = NN_ACT_TANH;
  one = gradlens_run (&config, 1, 0, NULL, NULL, NULL, NULL);
  many = gradlens_run (&config, 4, 0, NULL, NULL, NULL, NULL);
  g_assert_nonnull (one);
  g_assert_nonnull (many);
  g_assert_cmpmem (one->norms, sizeof (double) * 37 * one->n_params,
                   many->norms, sizeof (double) * 37 * many->n_params);
  g_assert_cmpmem (one->losses, sizeof (double) * 37, many->losses, sizeof (double) * 37);
  for (int p = 0; p < one->n_params; p++)
    {
      g_assert_cmpfloat (one->stats[p].min, <=, one->stats[p].q1);
      g_assert_cmpfloat (one->stats[p].q1, <=, one->stats[p].median);
      g_assert_cmpfloat (one->stats[p].median, <=, one->stats[p].q3);
      g_assert_cmpfloat (one->stats[p].q3, <=, one->stats[p].max);
    }
  gradlens_run_config_clear (&config);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  runs_fixture = fixture_load ("runs.json");

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autofree char *nn_path = g_strdup_printf ("/gradlens/nn/mlp/%s/nn-api", groups[g].path);
      g_autofree char *runner_path = g_strdup_printf ("/gradlens/nn/mlp/%s/runner", groups[g].path);

      g_test_add_data_func (nn_path, &groups[g], test_group_nn);
      g_test_add_data_func (runner_path, &groups[g], test_group_runner);
    }
  g_test_add_func ("/gradlens/nn/mlp/every-run", test_every_run_known);
  g_test_add_func ("/gradlens/nn/mlp/deep-underflow-zeros", test_deep_underflow_zeros);
  g_test_add_func ("/gradlens/nn/mlp/notebook-reference", test_notebook_reference);
  g_test_add_func ("/gradlens/nn/mlp/repeatable", test_repeatable);
  g_test_add_func ("/gradlens/nn/mlp/setup-layer-calls", test_setup_layer_calls);
  g_test_add_func ("/gradlens/nn/mlp/runner-threads", test_runner_threads);

  status = g_test_run ();
  g_object_unref (runs_fixture);
  return status;
}
