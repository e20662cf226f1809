/* test-gradcheck.c - the backward pass against finite differences of the
 * loss, for every activation; float32 against float64; and vanishing
 * gradients as a property
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "mlp.h"

/* Central differences (L(p + h) - L(p - h)) / 2h in float64, h = 1e-6
 * (relative to the parameter): the truncation error is ~h^2 and the
 * rounding error of the loss (~1e-16) becomes up to ~1e-9 in the quotient
 * (measured: 1e-9 at most). So a gradient entry is "not tiny" from 1e-2 on,
 * where it must agree within 1e-6 relative (measured: 1e-7 at most); below,
 * the difference must stay under 5e-9. */
#define FD_STEP      1e-6
#define FD_REL_TOL   1e-6
#define FD_TINY      1e-2
#define FD_ABS_TOL   5e-9

typedef struct
{
  guint  checked;
  guint  large;        /* entries with |gradient| >= FD_TINY */
  guint  bad;
  double worst_rel;    /* over the large entries */
  double worst_abs;    /* over the tiny entries */
} FdResult;

/* Compares nn_mlp_grad with central differences of nn_mlp_loss for the
 * entries of every parameter (every `stride`-th entry, at least the first
 * and the last). The network must be float64 and already stepped. */
static void
fd_check (NnMlp      *mlp,
          const char *label,
          int         stride,
          FdResult   *res)
{
  const NnConfig *config = nn_mlp_get_config (mlp);
  int n_params = nn_config_n_params (config);

  g_assert_cmpint (config->dtype, ==, NN_FLOAT64);
  for (int p = 0; p < n_params; p++)
    {
      int rows, cols, n;
      double *w = nn_mlp_param (mlp, p);
      g_autofree double *grad = NULL;

      nn_config_param_shape (config, p, &rows, &cols);
      n = rows * cols;
      grad = g_memdup2 (nn_mlp_grad (mlp, p), sizeof (double) * n);
      for (int e = 0; e < n; e += (e == n - 1 ? 1 : MIN (stride, MAX (n - 1 - e, 1))))
        {
          double old = w[e];
          double h = FD_STEP * MAX (1.0, fabs (old));
          volatile double up = old + h, down = old - h;
          double lp, lm, fd, g = grad[e], diff;

          w[e] = up;
          lp = nn_mlp_loss (mlp);
          w[e] = down;
          lm = nn_mlp_loss (mlp);
          w[e] = old;
          fd = (lp - lm) / (up - down);
          diff = fabs (fd - g);
          res->checked++;
          if (fabs (g) >= FD_TINY)
            {
              res->large++;
              res->worst_rel = MAX (res->worst_rel, diff / fabs (g));
              if (!(diff <= FD_REL_TOL * fabs (g)))
                {
                  if (res->bad < 10)
                    g_test_message ("%s: parameter %d entry %d: gradient %.12g, finite difference %.12g "
                                    "(relative %.3g)", label, p, e, g, fd, diff / fabs (g));
                  res->bad++;
                }
            }
          else
            {
              res->worst_abs = MAX (res->worst_abs, diff);
              if (!(diff <= FD_ABS_TOL))
                {
                  if (res->bad < 10)
                    g_test_message ("%s: parameter %d entry %d: gradient %.12g, finite difference %.12g "
                                    "(difference %.3g)", label, p, e, g, fd, diff);
                  res->bad++;
                }
            }
        }
    }
  /* the forward pass of the last evaluation must leave the gradients alone */
  for (int p = 0; p < n_params; p++)
    g_assert_nonnull (nn_mlp_grad (mlp, p));
}

typedef struct
{
  NnActivation activation;
  double       slope;
} ActCase;

static const ActCase act_cases[] = {
  { NN_ACT_SIGMOID, 0.01 },
  { NN_ACT_TANH, 0.01 },
  { NN_ACT_RELU, 0.01 },
  { NN_ACT_LEAKY_RELU, 0.01 },
  { NN_ACT_LEAKY_RELU, 0.3 },
  { NN_ACT_ELU, 0.01 },
  { NN_ACT_GELU, 0.01 },
  { NN_ACT_SELU, 0.01 },
  { NN_ACT_SOFTPLUS, 0.01 },
  { NN_ACT_IDENTITY, 0.01 },
};

/* one activation: both output activations, both bias initialisations, a
 * small network (every entry) and one large enough for the BLAS path */
static void
test_activation (gconstpointer data)
{
  const ActCase *ac = data;
  FdResult res = { 0 };

  for (int variant = 0; variant < 5; variant++)
    {
      NnConfig config;
      NnMlp *mlp;
      g_autofree char *label = NULL;
      int stride = 1;
      double loss;

      nn_config_init_default (&config);
      config.dtype = NN_FLOAT64;
      config.activation = ac->activation;
      config.negative_slope = ac->slope;
      config.depth = 3;
      config.width = 6;
      config.inputs = 4;
      config.outputs = 2;
      config.samples = 9;
      config.output_activation = (variant & 1) == 0;
      config.bias = (variant & 2) ? NN_BIAS_ZEROS : NN_BIAS_DEFAULT;
      if (variant == 4)
        {
          /* 64 samples x 32 x 32: matrix products that go to BLAS */
          config.width = 32;
          config.inputs = 32;
          config.outputs = 3;
          config.samples = 64;
          config.init = NN_INIT_XAVIER_NORMAL;
          stride = 37;
        }
      label = g_strdup_printf ("%s (slope %g), output activation %s, bias %s, %dx%d, %d samples",
                               nn_activation_name (config.activation), config.negative_slope,
                               config.output_activation ? "same" : "identity",
                               nn_bias_init_name (config.bias), config.depth, config.width, config.samples);
      mlp = nn_mlp_new (&config);
      g_assert_nonnull (mlp);
      nn_mlp_setup (mlp, 1234 + variant);
      loss = nn_mlp_step (mlp, NULL);
      g_assert_true (isfinite (loss));
      /* nn_mlp_loss is the same forward pass */
      g_assert_cmpfloat (nn_mlp_loss (mlp), ==, loss);
      fd_check (mlp, label, stride, &res);
      nn_mlp_free (mlp);
    }
  g_test_message ("%u entries, %u not tiny; worst relative %.3g, worst absolute (tiny) %.3g",
                  res.checked, res.large, res.worst_rel, res.worst_abs);
  g_assert_cmpuint (res.bad, ==, 0);
  /* the check is not vacuous: most entries are large enough to compare
   * relatively */
  g_assert_cmpuint (res.large, >=, res.checked / 4);
}

/* Residual connections and normalisation (DESIGN.md "Analysis contracts"),
 * every activation: residual alone, batch norm and layer norm alone and
 * each with residual, on a network whose first layer is as wide as the
 * rest (a skip there too) or not, and one large enough for BLAS. */
static const struct
{
  bool   residual;
  NnNorm norm;
} remedy_cases[] = {
  { true, NN_NORM_NONE },
  { false, NN_NORM_BATCH },
  { false, NN_NORM_LAYER },
  { true, NN_NORM_BATCH },
  { true, NN_NORM_LAYER },
};

static void
test_remedies (gconstpointer data)
{
  const ActCase *ac = data;
  FdResult res = { 0 };

  for (guint r = 0; r < G_N_ELEMENTS (remedy_cases); r++)
    for (int variant = 0; variant < 3; variant++)
      {
        NnConfig config;
        NnMlp *mlp;
        g_autofree char *label = NULL;
        int stride = 1;
        double loss;

        nn_config_init_default (&config);
        config.dtype = NN_FLOAT64;
        config.activation = ac->activation;
        config.negative_slope = ac->slope;
        config.residual = remedy_cases[r].residual;
        config.norm = remedy_cases[r].norm;
        config.depth = 4;
        config.width = 6;
        config.inputs = variant == 0 ? 6 : 4;
        config.outputs = 2;
        config.samples = 9;
        config.output_activation = variant != 1;
        if (variant == 2)
          {
            config.width = 32;
            config.inputs = 32;
            config.samples = 64;
            config.init = NN_INIT_XAVIER_NORMAL;
            stride = 37;
          }
        label = g_strdup_printf ("%s (slope %g), residual %d, norm %s, %d inputs, %dx%d, %d samples",
                                 nn_activation_name (config.activation), config.negative_slope,
                                 config.residual, nn_norm_name (config.norm), config.inputs,
                                 config.depth, config.width, config.samples);
        mlp = nn_mlp_new (&config);
        g_assert_nonnull (mlp);
        nn_mlp_setup (mlp, 99 + variant);
        loss = nn_mlp_step (mlp, NULL);
        g_assert_true (isfinite (loss));
        g_assert_cmpfloat (nn_mlp_loss (mlp), ==, loss);
        fd_check (mlp, label, stride, &res);
        nn_mlp_free (mlp);
      }
  g_test_message ("%u entries, %u not tiny; worst relative %.3g, worst absolute (tiny) %.3g",
                  res.checked, res.large, res.worst_rel, res.worst_abs);
  g_assert_cmpuint (res.bad, ==, 0);
  g_assert_cmpuint (res.large, >=, res.checked / 5);
}

/* batch norm with one sample: PyTorch raises, the core refuses */
static void
test_batch_norm_one_sample (void)
{
  NnConfig config;
  NnMlp *mlp;

  nn_config_init_default (&config);
  config.norm = NN_NORM_BATCH;
  config.samples = 1;
  g_assert_null (nn_mlp_new (&config));
  config.norm = NN_NORM_LAYER;
  mlp = nn_mlp_new (&config);
  g_assert_nonnull (mlp);
  nn_mlp_free (mlp);
  config.norm = NN_NORM_BATCH;
  config.samples = 2;
  mlp = nn_mlp_new (&config);
  g_assert_nonnull (mlp);
  nn_mlp_free (mlp);
}

/* The float32 backward pass gives the float64 one's gradients (to float32
 * accuracy) on the same parameters and data. */
static void
test_float32_matches_float64 (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (act_cases) * (1 + G_N_ELEMENTS (remedy_cases)); k++)
    {
      guint a = k % G_N_ELEMENTS (act_cases), r = k / G_N_ELEMENTS (act_cases);
      NnConfig c32, c64;
      NnMlp *m32, *m64;
      int n_params;
      double worst = 0, net_top = 0;

      nn_config_init_default (&c32);
      c32.activation = act_cases[a].activation;
      c32.negative_slope = act_cases[a].slope;
      c32.depth = 4;
      c32.width = 12;
      c32.samples = 33;
      c32.outputs = 2;
      c32.inputs = r % 2 == 0 ? 12 : 10;
      if (r > 0)
        {
          c32.residual = remedy_cases[r - 1].residual;
          c32.norm = remedy_cases[r - 1].norm;
        }
      c64 = c32;
      c64.dtype = NN_FLOAT64;
      m32 = nn_mlp_new (&c32);
      m64 = nn_mlp_new (&c64);
      nn_mlp_setup (m32, 77);
      nn_mlp_setup (m64, 77);
      n_params = nn_config_n_params (&c32);

      /* copy the float32 network and data into the float64 one */
      for (int p = 0; p < n_params; p++)
        {
          int rows, cols;
          const float *src = nn_mlp_param (m32, p);
          double *dst = nn_mlp_param (m64, p);

          nn_config_param_shape (&c32, p, &rows, &cols);
          for (int i = 0; i < rows * cols; i++)
            dst[i] = src[i];
        }
      for (int i = 0; i < c32.samples * c32.inputs; i++)
        ((double *) nn_mlp_inputs (m64))[i] = ((const float *) nn_mlp_inputs (m32))[i];
      for (int i = 0; i < c32.samples * c32.outputs; i++)
        ((double *) nn_mlp_targets (m64))[i] = ((const float *) nn_mlp_targets (m32))[i];
      g_assert_cmpfloat_with_epsilon (nn_mlp_step (m32, NULL), nn_mlp_step (m64, NULL), 1e-5);
      for (int p = 0; p < n_params; p++)
        {
          int rows, cols;
          const double *g64 = nn_mlp_grad (m64, p);

          nn_config_param_shape (&c32, p, &rows, &cols);
          for (int i = 0; i < rows * cols; i++)
            net_top = MAX (net_top, fabs (g64[i]));
        }

      for (int p = 0; p < n_params; p++)
        {
          int rows, cols;
          const float *g32 = nn_mlp_grad (m32, p);
          const double *g64 = nn_mlp_grad (m64, p);
          double top = 0;

          nn_config_param_shape (&c32, p, &rows, &cols);
          for (int i = 0; i < rows * cols; i++)
            top = MAX (top, fabs (g64[i]));
          /* with normalisation some gradients are 0 but for rounding (a
           * Linear's bias before batch norm, a norm's bias before a norm
           * through identity): those are compared to the network's largest */
          if (!nn_config_is_plain (&c32))
            top = MAX (top, 1e-3 * net_top);
          g_assert_cmpfloat (top, >, 0);
          for (int i = 0; i < rows * cols; i++)
            {
              double d = fabs (g32[i] - g64[i]) / top;

              worst = MAX (worst, d);
              if (!(d <= 1e-4))
                g_error ("%s, residual %d, norm %s: parameter %d entry %d: float32 %.9g, float64 %.9g",
                         nn_activation_name (c32.activation), c32.residual, nn_norm_name (c32.norm),
                         p, i, (double) g32[i], g64[i]);
            }
        }
      g_test_message ("%s, residual %d, norm %s: worst difference %.3g of the largest entry",
                      nn_activation_name (c32.activation), c32.residual, nn_norm_name (c32.norm), worst);
      nn_mlp_free (m32);
      nn_mlp_free (m64);
    }
}

static void
weight_norms (NnActivation  act,
              NnInit        init,
              int           depth,
              int           width,
              double       *w)
{
  NnConfig config;
  NnMlp *mlp;
  g_autofree double *norms = NULL;

  nn_config_init_default (&config);
  config.activation = act;
  config.init = init;
  config.depth = depth;
  config.width = width;
  if (init != NN_INIT_DEFAULT)
    {
      config.bias = NN_BIAS_ZEROS;
      config.mode = NN_FAN_IN;
      config.nonlinearity = NN_NONLIN_LEAKY_RELU;
    }
  norms = g_new0 (double, nn_config_n_params (&config));
  mlp = nn_mlp_new (&config);
  nn_mlp_setup (mlp, 0);
  nn_mlp_step (mlp, norms);
  nn_mlp_free (mlp);
  for (int l = 0; l < depth; l++)
    {
      w[l] = norms[2 * l];
      g_assert_cmpfloat (w[l], >, 0);
    }
}

/* The notebook's point, as a property at seed 0: towards the input,
 * sigmoid's gradient norms shrink by a factor of 4 or more per layer (its
 * derivative is at most 1/4), Leaky ReLU's do not vanish. */
static void
test_vanishing (void)
{
  double sig[10], leaky[10];

  /* the notebook's network: 5 layers of 10, default initialisation */
  weight_norms (NN_ACT_SIGMOID, NN_INIT_DEFAULT, 5, 10, sig);
  weight_norms (NN_ACT_LEAKY_RELU, NN_INIT_DEFAULT, 5, 10, leaky);
  for (int l = 0; l < 4; l++)
    g_assert_cmpfloat (sig[l], <, 0.25 * sig[l + 1]);
  g_assert_cmpfloat (sig[0] / sig[4], <, 1e-3);
  g_assert_cmpfloat (leaky[0] / leaky[4], >, 1e-1);

  /* 10 layers of 32 with He initialisation (kaiming_normal, fan_in): Leaky
   * ReLU keeps every layer's norm within a factor 10 of the first layer's;
   * sigmoid still vanishes, by more than 1e4 */
  weight_norms (NN_ACT_SIGMOID, NN_INIT_KAIMING_NORMAL, 10, 32, sig);
  weight_norms (NN_ACT_LEAKY_RELU, NN_INIT_KAIMING_NORMAL, 10, 32, leaky);
  for (int l = 0; l < 9; l++)
    g_assert_cmpfloat (sig[l], <, sig[l + 1]);
  g_assert_cmpfloat (sig[0] / sig[9], <, 1e-4);
  for (int l = 1; l < 10; l++)
    g_assert_cmpfloat (leaky[l], <, 10 * leaky[0]);
  g_assert_cmpfloat (leaky[0] / leaky[9], >, 0.1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint a = 0; a < G_N_ELEMENTS (act_cases); a++)
    {
      g_autofree char *path = NULL;

      if (act_cases[a].activation == NN_ACT_LEAKY_RELU && act_cases[a].slope != 0.01)
        path = g_strdup_printf ("/gradlens/nn/gradcheck/%s-slope-%g",
                                nn_activation_name (act_cases[a].activation), act_cases[a].slope);
      else
        path = g_strdup_printf ("/gradlens/nn/gradcheck/%s", nn_activation_name (act_cases[a].activation));
      g_test_add_data_func (path, &act_cases[a], test_activation);
      g_free (path);
      if (act_cases[a].activation == NN_ACT_LEAKY_RELU && act_cases[a].slope != 0.01)
        path = g_strdup_printf ("/gradlens/nn/gradcheck/remedies/%s-slope-%g",
                                nn_activation_name (act_cases[a].activation), act_cases[a].slope);
      else
        path = g_strdup_printf ("/gradlens/nn/gradcheck/remedies/%s",
                                nn_activation_name (act_cases[a].activation));
      g_test_add_data_func (path, &act_cases[a], test_remedies);
    }
  g_test_add_func ("/gradlens/nn/gradcheck/batch-norm-one-sample", test_batch_norm_one_sample);
  g_test_add_func ("/gradlens/nn/gradcheck/float32-matches-float64", test_float32_matches_float64);
  g_test_add_func ("/gradlens/nn/gradcheck/vanishing-sigmoid-not-leaky-relu", test_vanishing);

  return g_test_run ();
}
