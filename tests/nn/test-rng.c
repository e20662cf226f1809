/* test-rng.c - the generator against PyTorch, bit for bit
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <stdlib.h>

#include "fixture.h"
#include "rng.h"

static JsonParser *rng_fixture;

/* runs one generator call of the fixture; returns the number of values that
 * differ from PyTorch's */
static guint
run_op (NnRng      *rng,
        JsonObject *op,
        const char *what)
{
  const char *kind = json_object_get_string_member (op, "op");
  gboolean f64 = g_str_equal (json_object_get_string_member (op, "dtype"), "float64");
  gsize n = (gsize) json_object_get_int_member (op, "n");
  double p1 = 0, p2 = 1;
  g_autofree void *values = g_malloc0_n (MAX (n, 1), f64 ? sizeof (double) : sizeof (float));

  if (g_str_equal (kind, "normal"))
    {
      p1 = json_object_get_double_member (op, "mean");
      p2 = json_object_get_double_member (op, "std");
    }
  else if (g_str_equal (kind, "uniform"))
    {
      p1 = json_object_get_double_member (op, "a");
      p2 = json_object_get_double_member (op, "b");
    }
  else
    g_assert_true (g_str_equal (kind, "randn") || g_str_equal (kind, "rand"));

  if (g_str_equal (kind, "randn") || g_str_equal (kind, "normal"))
    {
      if (f64)
        nn_rng_normal_f64 (rng, values, n, p1, p2);
      else
        nn_rng_normal_f32 (rng, values, n, p1, p2);
    }
  else
    {
      if (f64)
        nn_rng_uniform_f64 (rng, values, n, p1, p2);
      else
        nn_rng_uniform_f32 (rng, values, n, p1, p2);
    }
  return fixture_compare_bits (what, json_object_get_array_member (op, "expected"), values, f64, n);
}

/* runs every case for which `select` is true: seed, then its calls in
 * order; returns the number of cases run */
static guint
run_cases (gboolean (*select) (const char *name, JsonObject *first_op))
{
  JsonArray *cases = json_object_get_array_member (fixture_root (rng_fixture), "cases");
  guint run = 0, bad = 0;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "name");
      JsonArray *ops = json_object_get_array_member (c, "ops");
      NnRng rng;

      if (!select (name, json_array_get_object_element (ops, 0)))
        continue;
      nn_rng_seed (&rng, fixture_seed (c, "seed"));
      for (guint k = 0; k < json_array_get_length (ops); k++)
        {
          g_autofree char *what = g_strdup_printf ("%s, seed %s, call %u", name,
                                                   json_object_get_string_member (c, "torch_seed"), k);
          guint b = run_op (&rng, json_array_get_object_element (ops, k), what);

          if (b > 0)
            g_test_message ("%s: %u values differ from PyTorch", what, b);
          bad += b;
        }
      run++;
    }
  g_assert_cmpuint (bad, ==, 0);
  return run;
}

static gsize
op_n (JsonObject *op)
{
  return (gsize) json_object_get_int_member (op, "n");
}

static gboolean
is_randn_small (const char *name, JsonObject *op)
{
  return g_str_has_prefix (name, "randn-") && op_n (op) < 16;
}

static gboolean
is_randn_fill (const char *name, JsonObject *op)
{
  return g_str_has_prefix (name, "randn-") && op_n (op) >= 16;
}

static gboolean
is_normal (const char *name, JsonObject *op)
{
  return g_str_has_prefix (name, "normal-");
}

static gboolean
is_uniform (const char *name, JsonObject *op)
{
  return g_str_has_prefix (name, "uniform-");
}

static gboolean
is_rand (const char *name, JsonObject *op)
{
  return g_str_has_prefix (name, "rand-");
}

static gboolean
is_chain_cache (const char *name, JsonObject *op)
{
  return g_str_equal (name, "chain-cache");
}

static gboolean
is_chain_twist (const char *name, JsonObject *op)
{
  return g_str_equal (name, "chain-twist");
}

static gboolean
is_any (const char *name, JsonObject *op)
{
  return TRUE;
}

static void
test_randn_small (void)
{
  /* n < 16: the per-element Box-Muller path, in both dtypes, all seeds */
  g_assert_cmpuint (run_cases (is_randn_small), >=, 30);
}

static void
test_randn_fill (void)
{
  /* n >= 16: the fill path (Cephes AVX2 transform in float32), with the
   * "redraw the last 16" tail for 17, 100, 1000 */
  g_assert_cmpuint (run_cases (is_randn_fill), >=, 30);
}

static void
test_normal (void)
{
  /* normal_(mean, std) with mean != 0 on both paths */
  g_assert_cmpuint (run_cases (is_normal), >=, 30);
}

static void
test_uniform (void)
{
  /* uniform_(a, b): the FMA of x * (b - a) + a */
  g_assert_cmpuint (run_cases (is_uniform), >=, 30);
}

static void
test_rand (void)
{
  g_assert_cmpuint (run_cases (is_rand), >=, 15);
}

static void
test_chain_cache (void)
{
  /* the spare normal of a per-element call is consumed by the next one,
   * whatever its dtype, mean and std; fill-path calls leave it alone */
  g_assert_cmpuint (run_cases (is_chain_cache), >=, 8);
}

static void
test_chain_twist (void)
{
  /* calls across the regeneration of the 624-word state */
  g_assert_cmpuint (run_cases (is_chain_twist), >=, 2);
}

static void
test_every_case_known (void)
{
  /* every case of the fixture belongs to one of the tests above */
  JsonArray *cases = json_object_get_array_member (fixture_root (rng_fixture), "cases");
  gboolean (*groups[]) (const char *, JsonObject *) = {
    is_randn_small, is_randn_fill, is_normal, is_uniform, is_rand, is_chain_cache, is_chain_twist,
  };

  g_assert_cmpuint (json_array_get_length (cases), >=, 150);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "name");
      JsonObject *op = json_array_get_object_element (json_object_get_array_member (c, "ops"), 0);
      guint hits = 0;

      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        hits += groups[g] (name, op);
      if (hits != 1)
        g_error ("fixture case %s is checked by %u tests", name, hits);
    }
  g_assert_cmpuint (run_cases (is_any), ==, json_array_get_length (cases));
}

static void
test_mt19937_seed0 (void)
{
  /* reference/TORCH_RNG.md section 1: MT19937's first outputs for seed 0
   * (the same as C++ std::mt19937 (0)) */
  static const guint32 expected[] = { 0x8C7F0AAC, 0x97C4AA2F, 0xB716A675, 0xD821CCC0, 0x9A4EB343 };
  NnRng rng;

  nn_rng_seed (&rng, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmphex (nn_rng_next32 (&rng), ==, expected[i]);

  /* std::mt19937's 10000th output with the default seed 5489 (C++11 26.5.5) */
  nn_rng_seed (&rng, 5489);
  for (guint i = 0; i < 9999; i++)
    nn_rng_next32 (&rng);
  g_assert_cmpuint (nn_rng_next32 (&rng), ==, 4123659995u);
}

static void
test_mt19937_fixture (void)
{
  /* raw outputs (from NumPy's RandomState, tied to torch.rand in the
   * generator script) at positions around the state regenerations */
  JsonArray *seeds = json_object_get_array_member (fixture_root (rng_fixture), "mt19937");

  g_assert_cmpuint (json_array_get_length (seeds), >=, 4);
  for (guint i = 0; i < json_array_get_length (seeds); i++)
    {
      JsonObject *s = json_array_get_object_element (seeds, i);
      JsonArray *outputs = json_object_get_array_member (s, "outputs");
      guint64 seed = fixture_seed (s, "seed");
      NnRng rng;
      gint64 next = 0;

      nn_rng_seed (&rng, seed);
      for (guint k = 0; k < json_array_get_length (outputs); k++)
        {
          JsonObject *o = json_array_get_object_element (outputs, k);
          gint64 index = json_object_get_int_member (o, "index");
          guint32 value;

          g_assert_cmpint (index, >=, next);
          while (next < index)
            {
              nn_rng_next32 (&rng);
              next++;
            }
          value = nn_rng_next32 (&rng);
          next++;
          if (value != (guint32) fixture_hex (json_object_get_string_member (o, "value")))
            g_error ("seed %" G_GUINT64_FORMAT ", output %" G_GINT64_FORMAT ": %08x, expected %s",
                     seed, index, value, json_object_get_string_member (o, "value"));
        }
    }
}

static void
test_draw64 (void)
{
  /* draw64 = first output in the high half, the second in the low half */
  NnRng a, b;

  nn_rng_seed (&a, 12345);
  nn_rng_seed (&b, 12345);
  for (guint i = 0; i < 1000; i++)
    {
      guint64 hi = nn_rng_next32 (&a);
      guint64 lo = nn_rng_next32 (&a);

      g_assert_cmphex (nn_rng_next64 (&b), ==, (hi << 32) | lo);
    }
}

static void
test_seed_modulo (void)
{
  /* only seed mod 2^32 reaches the engine */
  static const guint64 pairs[][2] = {
    { 5, (G_GUINT64_CONSTANT (1) << 32) + 5 },
    { 0xFFFFFFFFu, G_MAXUINT64 },
    { 0, G_GUINT64_CONSTANT (1) << 40 },
  };

  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      NnRng a, b;
      float x[40], y[40];

      nn_rng_seed (&a, pairs[p][0]);
      nn_rng_seed (&b, pairs[p][1]);
      for (guint i = 0; i < 2000; i++)
        g_assert_cmphex (nn_rng_next32 (&a), ==, nn_rng_next32 (&b));
      nn_rng_normal_f32 (&a, x, 3, 0, 1);
      nn_rng_normal_f32 (&b, y, 3, 0, 1);
      nn_rng_normal_f32 (&a, x + 3, 37, 0, 1);
      nn_rng_normal_f32 (&b, y + 3, 37, 0, 1);
      g_assert_cmpmem (x, sizeof x, y, sizeof y);
    }

  /* and the fixture agrees: PyTorch's streams for 5 and 2^32 + 5 */
  {
    JsonArray *cases = json_object_get_array_member (fixture_root (rng_fixture), "cases");
    JsonArray *first = NULL, *second = NULL;

    for (guint i = 0; i < json_array_get_length (cases); i++)
      {
        JsonObject *c = json_array_get_object_element (cases, i);
        JsonObject *op;

        if (!g_str_equal (json_object_get_string_member (c, "name"), "randn-17-float32"))
          continue;
        op = json_array_get_object_element (json_object_get_array_member (c, "ops"), 0);
        if (fixture_seed (c, "seed") == 5)
          first = json_object_get_array_member (op, "expected");
        else if (fixture_seed (c, "seed") == (G_GUINT64_CONSTANT (1) << 32) + 5)
          second = json_object_get_array_member (op, "expected");
      }
    g_assert_nonnull (first);
    g_assert_nonnull (second);
    for (guint i = 0; i < 17; i++)
      g_assert_cmpstr (json_array_get_string_element (first, i), ==,
                       json_array_get_string_element (second, i));
  }
}

static void
test_reseed_clears_cache (void)
{
  /* randn(3) leaves a spare; manual_seed forgets it, so the same call after
   * re-seeding gives the same numbers */
  NnRng rng;
  double a[3], b[3], c[1];

  nn_rng_seed (&rng, 7);
  nn_rng_normal_f64 (&rng, a, 3, 0, 1);
  nn_rng_seed (&rng, 7);
  nn_rng_normal_f64 (&rng, b, 3, 0, 1);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);

  /* TORCH_RNG.md section 5: seed 0, randn(3) and the spare it leaves */
  nn_rng_seed (&rng, 0);
  nn_rng_normal_f64 (&rng, a, 3, 0, 1);
  nn_rng_normal_f64 (&rng, c, 1, 0, 1);
  g_assert_cmpfloat ((float) a[0], ==, 1.5409960746765137f);
  g_assert_cmpfloat ((float) a[1], ==, -0.293428897857666f);
  g_assert_cmpfloat ((float) a[2], ==, -2.1787893772125244f);
  g_assert_cmpfloat (c[0], ==, 0.5684312772806678);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rng_fixture = fixture_load ("rng.json");

  g_test_add_func ("/gradlens/nn/rng/mt19937-seed0", test_mt19937_seed0);
  g_test_add_func ("/gradlens/nn/rng/mt19937-fixture", test_mt19937_fixture);
  g_test_add_func ("/gradlens/nn/rng/draw64", test_draw64);
  g_test_add_func ("/gradlens/nn/rng/seed-modulo", test_seed_modulo);
  g_test_add_func ("/gradlens/nn/rng/reseed-clears-cache", test_reseed_clears_cache);
  g_test_add_func ("/gradlens/nn/rng/randn-small", test_randn_small);
  g_test_add_func ("/gradlens/nn/rng/randn-fill", test_randn_fill);
  g_test_add_func ("/gradlens/nn/rng/normal", test_normal);
  g_test_add_func ("/gradlens/nn/rng/uniform", test_uniform);
  g_test_add_func ("/gradlens/nn/rng/rand", test_rand);
  g_test_add_func ("/gradlens/nn/rng/chain-cache", test_chain_cache);
  g_test_add_func ("/gradlens/nn/rng/chain-twist", test_chain_twist);
  g_test_add_func ("/gradlens/nn/rng/every-case", test_every_case_known);

  status = g_test_run ();
  g_object_unref (rng_fixture);
  return status;
}
