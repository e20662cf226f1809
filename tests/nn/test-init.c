/* test-init.c - nn.Linear's default initialisation, torch.nn.init and
 * calculate_gain against PyTorch
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <math.h>

#include "fixture.h"
#include "init.h"
#include "nn.h"

static JsonParser *init_fixture;

/* orthogonal_ goes through LAPACK's geqrf/orgqr, the same OpenBLAS routines
 * PyTorch calls on Debian. Those pick their kernels by CPU at run time, so the
 * result is bit-exact with a fixture made on the same kind of CPU and differs
 * in the last bits elsewhere (seen: 3.3e-7 of the largest entry in float32 and
 * 1.3e-15 in float64 on an AMD EPYC with a fixture made on an Intel AVX-512
 * CPU). Compared within these bounds, relative to the matrix's largest entry. */
#define ORTHO_TOL_F32 2e-6
#define ORTHO_TOL_F64 1e-13

static void
config_from_case (JsonObject *c,
                  NnConfig   *config)
{
  JsonObject *args = json_object_get_object_member (c, "args");
  const char *scheme = json_object_get_string_member (c, "scheme");

  nn_config_init_default (config);
  config->dtype = nn_dtype_from_name (json_object_get_string_member (c, "dtype"));
  g_assert_cmpint (config->dtype, >=, 0);
  if (g_str_equal (scheme, "default"))
    config->init = NN_INIT_DEFAULT;
  else
    config->init = nn_init_from_name (scheme);
  g_assert_cmpint ((int) config->init, >=, 0);
  if (json_object_has_member (args, "gain"))
    config->gain = json_object_get_double_member (args, "gain");
  if (json_object_has_member (args, "a"))
    config->a = json_object_get_double_member (args, "a");
  if (json_object_has_member (args, "b"))
    config->b = json_object_get_double_member (args, "b");
  if (json_object_has_member (args, "mean"))
    config->mean = json_object_get_double_member (args, "mean");
  if (json_object_has_member (args, "std"))
    config->std = json_object_get_double_member (args, "std");
  if (json_object_has_member (args, "mode"))
    {
      config->mode = nn_fan_mode_from_name (json_object_get_string_member (args, "mode"));
      g_assert_cmpint ((int) config->mode, >=, 0);
    }
  if (json_object_has_member (args, "nonlinearity"))
    {
      config->nonlinearity = nn_nonlinearity_from_name (json_object_get_string_member (args, "nonlinearity"));
      g_assert_cmpint ((int) config->nonlinearity, >=, 0);
    }
}

static char *
describe (JsonObject *c)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *args = NULL;

  json_node_set_object (node, json_object_get_object_member (c, "args"));
  json_generator_set_root (gen, node);
  args = json_generator_to_data (gen, NULL);
  return g_strdup_printf ("%s%s %s %dx%d seed %s (randn(%d) before)",
                          json_object_get_string_member (c, "scheme"), args,
                          json_object_get_string_member (c, "dtype"),
                          (int) json_object_get_int_member (c, "rows"),
                          (int) json_object_get_int_member (c, "cols"),
                          json_object_get_string_member (c, "seed"),
                          (int) json_object_get_int_member (c, "prefix_randn"));
}

/* |ours - theirs| over the largest |theirs|, for orthogonal_ */
static double
max_scaled_error (JsonArray  *expected,
                  const void *values,
                  gboolean    f64,
                  gsize       n)
{
  double top = 0, worst = 0;

  for (gsize i = 0; i < n; i++)
    {
      const char *text = json_array_get_string_element (expected, i);
      double theirs = f64 ? fixture_hex_f64 (text) : fixture_hex_f32 (text);

      top = MAX (top, fabs (theirs));
    }
  g_assert_cmpfloat (top, >, 0);
  for (gsize i = 0; i < n; i++)
    {
      const char *text = json_array_get_string_element (expected, i);
      double theirs = f64 ? fixture_hex_f64 (text) : fixture_hex_f32 (text);
      double ours = f64 ? ((const double *) values)[i] : ((const float *) values)[i];

      g_assert_true (isfinite (ours));
      worst = MAX (worst, fabs (ours - theirs) / top);
    }
  return worst;
}

/* Runs one case: seed; randn(prefix_randn) in float32; the initialisation;
 * then rand(3) (float32) and randn(1) (float64), which show how many numbers
 * the initialisation drew and whether it left a cached normal behind.
 * Returns the number of failed comparisons. */
static guint
run_case (JsonObject *c,
          double     *worst_ortho)
{
  g_autofree char *what = describe (c);
  const char *scheme = json_object_get_string_member (c, "scheme");
  int rows = (int) json_object_get_int_member (c, "rows");
  int cols = (int) json_object_get_int_member (c, "cols");
  int prefix = (int) json_object_get_int_member (c, "prefix_randn");
  gsize n = (gsize) rows * cols;
  NnConfig config;
  NnRng rng;
  gboolean f64;
  gsize elem;
  g_autofree void *w = NULL;
  g_autofree void *bias = NULL;
  float after_rand[3];
  double after_randn[1];
  guint bad = 0;

  config_from_case (c, &config);
  f64 = config.dtype == NN_FLOAT64;
  elem = f64 ? sizeof (double) : sizeof (float);
  w = g_malloc0_n (n, elem);
  bias = g_malloc0_n ((gsize) rows, elem);

  nn_rng_seed (&rng, fixture_seed (c, "seed"));
  if (prefix > 0)
    {
      g_autofree float *tmp = g_new (float, prefix);
      nn_rng_normal_f32 (&rng, tmp, (size_t) prefix, 0, 1);
    }
  if (g_str_equal (scheme, "default"))
    nn_init_linear_default (&rng, config.dtype, w, bias, rows, cols);
  else
    nn_init_weight (&rng, &config, w, rows, cols);
  nn_rng_uniform_f32 (&rng, after_rand, 3, 0, 1);
  nn_rng_normal_f64 (&rng, after_randn, 1, 0, 1);

  if (g_str_equal (scheme, "orthogonal"))
    {
      double err = max_scaled_error (json_object_get_array_member (c, "weight"), w, f64, n);
      double tol = f64 ? ORTHO_TOL_F64 : ORTHO_TOL_F32;

      *worst_ortho = MAX (*worst_ortho, err);
      if (!(err <= tol))
        {
          g_test_message ("%s: weight differs from PyTorch by %g of its largest entry (allowed %g)",
                          what, err, tol);
          bad++;
        }
    }
  else
    {
      g_autofree char *label = g_strconcat (what, ": weight", NULL);
      guint b = fixture_compare_bits (label, json_object_get_array_member (c, "weight"), w, f64, n);

      if (b > 0)
        g_test_message ("%s: %u of %" G_GSIZE_FORMAT " weights differ", what, b, n);
      bad += b;
    }
  if (json_object_has_member (c, "bias"))
    {
      g_autofree char *label = g_strconcat (what, ": bias", NULL);
      bad += fixture_compare_bits (label, json_object_get_array_member (c, "bias"), bias, f64, (gsize) rows);
    }
  {
    g_autofree char *l1 = g_strconcat (what, ": rand(3) after", NULL);
    g_autofree char *l2 = g_strconcat (what, ": randn(1) after", NULL);

    bad += fixture_compare_bits (l1, json_object_get_array_member (c, "after_rand"), after_rand, FALSE, 3);
    bad += fixture_compare_bits (l2, json_object_get_array_member (c, "after_randn"), after_randn, TRUE, 1);
  }
  return bad;
}

typedef struct
{
  const char *scheme;     /* NULL: any */
  gboolean    prefixed;   /* cases that draw randn before the init */
  guint       min_cases;
} Selection;

static void
test_scheme (gconstpointer data)
{
  const Selection *sel = data;
  JsonArray *cases = json_object_get_array_member (fixture_root (init_fixture), "cases");
  guint run = 0, bad = 0, shapes_small = 0, shapes_big = 0, f64 = 0;
  double worst_ortho = 0;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      gboolean prefixed = json_object_get_int_member (c, "prefix_randn") > 0;
      gint64 n = json_object_get_int_member (c, "rows") * json_object_get_int_member (c, "cols");

      if (prefixed != sel->prefixed)
        continue;
      if (sel->scheme != NULL && !g_str_equal (sel->scheme, json_object_get_string_member (c, "scheme")))
        continue;
      bad += run_case (c, &worst_ortho);
      run++;
      shapes_small += n < 16;
      shapes_big += n > 16;
      f64 += g_str_equal (json_object_get_string_member (c, "dtype"), "float64");
    }
  if (worst_ortho > 0)
    g_test_message ("orthogonal: largest difference %g of the largest entry", worst_ortho);
  g_assert_cmpuint (bad, ==, 0);
  /* the selection is not empty and covers both normal paths and both dtypes */
  g_assert_cmpuint (run, >=, sel->min_cases);
  g_assert_cmpuint (shapes_small, >, 0);
  g_assert_cmpuint (shapes_big, >, 0);
  g_assert_cmpuint (f64, >, 0);
  g_assert_cmpuint (f64, <, run);
}

static void
test_orthogonal_property (void)
{
  /* whatever PyTorch says: rows (rows <= cols) or columns (rows > cols) of
   * orthogonal_(gain) are orthogonal with norm gain */
  static const int shapes[][2] = { { 3, 7 }, { 7, 3 }, { 10, 10 }, { 1, 20 }, { 20, 1 }, { 16, 16 } };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (int dt = 0; dt < 2; dt++)
      {
        int rows = shapes[s][0], cols = shapes[s][1];
        gboolean by_rows = rows <= cols;
        int k = by_rows ? rows : cols, len = by_rows ? cols : rows;
        NnConfig config;
        NnRng rng;
        g_autofree double *w = g_new0 (double, rows * cols);
        g_autofree float *wf = g_new0 (float, rows * cols);
        double tol = dt == 0 ? 1e-6 : 1e-13;

        nn_config_init_default (&config);
        config.init = NN_INIT_ORTHOGONAL;
        config.gain = 1.5;
        config.dtype = dt == 0 ? NN_FLOAT32 : NN_FLOAT64;
        nn_rng_seed (&rng, 99 + s);
        nn_init_weight (&rng, &config, dt == 0 ? (void *) wf : (void *) w, rows, cols);
        if (dt == 0)
          for (int i = 0; i < rows * cols; i++)
            w[i] = wf[i];
        for (int i = 0; i < k; i++)
          for (int j = 0; j < k; j++)
            {
              double dot = 0;
              for (int t = 0; t < len; t++)
                {
                  double x = by_rows ? w[i * cols + t] : w[t * cols + i];
                  double y = by_rows ? w[j * cols + t] : w[t * cols + j];
                  dot += x * y;
                }
              g_assert_cmpfloat_with_epsilon (dot, i == j ? 1.5 * 1.5 : 0.0, tol * 4);
            }
      }
}

static void
test_calculate_gain (void)
{
  JsonArray *gains = json_object_get_array_member (fixture_root (init_fixture), "calculate_gain");
  guint seen[NN_N_NONLINEARITIES] = { 0 };

  for (guint i = 0; i < json_array_get_length (gains); i++)
    {
      JsonObject *g = json_array_get_object_element (gains, i);
      const char *name = json_object_get_string_member (g, "nonlinearity");
      int nl = nn_nonlinearity_from_name (name);
      JsonNode *param = json_object_get_member (g, "param");
      gboolean has_param = !JSON_NODE_HOLDS_NULL (param);
      double p = has_param ? fixture_number (param) : 0;
      double expected = fixture_hex_f64 (json_object_get_string_member (g, "value"));
      double ours;

      g_assert_cmpint (nl, >=, 0);
      g_assert_cmpstr (nn_nonlinearity_name (nl), ==, name);
      ours = nn_calculate_gain (nl, has_param, p);
      if (bits_f64 (ours) != bits_f64 (expected))
        g_error ("calculate_gain(%s, %s%g): %.17g, PyTorch %.17g", name, has_param ? "" : "None ", p,
                 ours, expected);
      seen[nl]++;
    }
  /* every nonlinearity of torch.nn.init.calculate_gain was compared */
  for (int nl = 0; nl < NN_N_NONLINEARITIES; nl++)
    g_assert_cmpuint (seen[nl], >, 0);

  /* TORCH_RNG.md section 6: the default leaky_relu slope is 0.01 only
   * without a parameter; nn.Linear's gain */
  g_assert_cmpfloat (nn_calculate_gain (NN_NONLIN_LEAKY_RELU, FALSE, 0), ==, sqrt (2.0 / (1 + 0.01 * 0.01)));
  g_assert_cmpfloat (nn_calculate_gain (NN_NONLIN_LEAKY_RELU, TRUE, 0), ==, sqrt (2.0));
  g_assert_cmpfloat (nn_calculate_gain (NN_NONLIN_LEAKY_RELU, TRUE, sqrt (5.0)), ==, 0.5773502691896257);
}

static void
test_every_case_known (void)
{
  static const char * const schemes[] = {
    "default", "xavier_normal", "xavier_uniform", "kaiming_normal", "kaiming_uniform", "normal", "uniform",
    "orthogonal",
  };
  JsonArray *cases = json_object_get_array_member (fixture_root (init_fixture), "cases");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      const char *scheme = json_object_get_string_member (json_array_get_object_element (cases, i), "scheme");
      gboolean known = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
        known |= g_str_equal (scheme, schemes[s]);
      g_assert_true (known);
    }
  /* and every scheme of the core is in the fixture */
  for (int s = 0; s < NN_N_INITS; s++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (cases) && !found; i++)
        {
          JsonObject *c = json_array_get_object_element (cases, i);

          found = g_str_equal (nn_init_name (s), json_object_get_string_member (c, "scheme"));
        }
      g_assert_true (found);
    }
}

static const Selection selections[] = {
  { "default", FALSE, 20 },
  { "xavier_normal", FALSE, 20 },
  { "xavier_uniform", FALSE, 15 },
  { "kaiming_normal", FALSE, 60 },
  { "kaiming_uniform", FALSE, 60 },
  { "normal", FALSE, 15 },
  { "uniform", FALSE, 20 },
  { "orthogonal", FALSE, 40 },
  { NULL, TRUE, 8 },
};

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  init_fixture = fixture_load ("init.json");

  g_test_add_data_func ("/gradlens/nn/init/linear-default", &selections[0], test_scheme);
  g_test_add_data_func ("/gradlens/nn/init/xavier-normal", &selections[1], test_scheme);
  g_test_add_data_func ("/gradlens/nn/init/xavier-uniform", &selections[2], test_scheme);
  g_test_add_data_func ("/gradlens/nn/init/kaiming-normal", &selections[3], test_scheme);
  g_test_add_data_func ("/gradlens/nn/init/kaiming-uniform", &selections[4], test_scheme);
  g_test_add_data_func ("/gradlens/nn/init/normal", &selections[5], test_scheme);
  g_test_add_data_func ("/gradlens/nn/init/uniform", &selections[6], test_scheme);
  g_test_add_data_func ("/gradlens/nn/init/orthogonal", &selections[7], test_scheme);
  g_test_add_data_func ("/gradlens/nn/init/cached-normal", &selections[8], test_scheme);
  g_test_add_func ("/gradlens/nn/init/orthogonal-property", test_orthogonal_property);
  g_test_add_func ("/gradlens/nn/init/calculate-gain", test_calculate_gain);
  g_test_add_func ("/gradlens/nn/init/every-case", test_every_case_known);

  status = g_test_run ();
  g_object_unref (init_fixture);
  return status;
}
