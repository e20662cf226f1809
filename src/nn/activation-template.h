/* activation-template.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A template, not a header: it defines, once with the suffix _f32 and once with
 * _f64 (SFX), the functions
 *   nn_act_forward, nn_act_backward, nn_act_deriv
 * written FN (name): nn_act_forward_f32 and nn_act_forward_f64 are FN (nn_act_forward) below */

/* Included by activation.c once per element type with REAL (float or
 * double), SFX (f32 or f64) and the math functions EXP, EXPM1, LOG1P, ERF,
 * TANH defined. */

#define NN_CAT_(a, b) a##_##b
#define NN_CAT(a, b)  NN_CAT_ (a, b)
#define FN(name)      NN_CAT (name, SFX)

NN_HOT void
FN (nn_act_forward) (NnActivation  act,
                     double        slope,
                     const REAL   *z,
                     REAL         *y,
                     size_t        n)
{
  const REAL s = (REAL) slope;

  switch (act)
    {
    case NN_ACT_SIGMOID:
      FN (vec_sigmoid) (z, y, n);
      break;
    case NN_ACT_TANH:
      for (size_t i = 0; i < n; i++)
        y[i] = TANH (z[i]);
      break;
    case NN_ACT_RELU:
      for (size_t i = 0; i < n; i++)
        y[i] = z[i] > 0 ? z[i] : 0;
      break;
    case NN_ACT_LEAKY_RELU:
      for (size_t i = 0; i < n; i++)
        y[i] = z[i] > 0 ? z[i] : z[i] * s;
      break;
    case NN_ACT_ELU:
      for (size_t i = 0; i < n; i++)
        y[i] = z[i] <= 0 ? EXP (z[i]) - (REAL) 1 : z[i];   /* PyTorch: exp - 1, not expm1 */
      break;
    case NN_ACT_GELU:
      for (size_t i = 0; i < n; i++)
        y[i] = z[i] * (REAL) 0.5 * ((REAL) 1 + ERF (z[i] * (REAL) M_SQRT1_2));
      break;
    case NN_ACT_SELU:
      for (size_t i = 0; i < n; i++)
        y[i] = z[i] <= 0 ? (EXP (z[i]) - (REAL) 1) * ((REAL) NN_SELU_ALPHA * (REAL) NN_SELU_SCALE)
                         : z[i] * (REAL) NN_SELU_SCALE;
      break;
    case NN_ACT_SOFTPLUS:
      /* beta 1, threshold 20 */
      for (size_t i = 0; i < n; i++)
        y[i] = z[i] > 20 ? z[i] : LOG1P (EXP (z[i]));
      break;
    case NN_ACT_IDENTITY:
    case NN_N_ACTIVATIONS:
    default:
      if (y != z)
        memcpy (y, z, n * sizeof *y);
      break;
    }
}

NN_HOT void
FN (nn_act_backward) (NnActivation  act,
                      double        slope,
                      const REAL   *z,
                      const REAL   *y,
                      const REAL   *dy,
                      REAL         *dz,
                      size_t        n)
{
  const REAL s = (REAL) slope;

  switch (act)
    {
    case NN_ACT_SIGMOID:
      for (size_t i = 0; i < n; i++)
        dz[i] = dy[i] * ((REAL) 1 - y[i]) * y[i];
      break;
    case NN_ACT_TANH:
      for (size_t i = 0; i < n; i++)
        dz[i] = dy[i] * ((REAL) 1 - y[i] * y[i]);
      break;
    case NN_ACT_RELU:
      for (size_t i = 0; i < n; i++)
        dz[i] = y[i] <= 0 ? 0 : dy[i];
      break;
    case NN_ACT_LEAKY_RELU:
      for (size_t i = 0; i < n; i++)
        dz[i] = z[i] > 0 ? dy[i] : dy[i] * s;
      break;
    case NN_ACT_ELU:
      for (size_t i = 0; i < n; i++)
        dz[i] = z[i] <= 0 ? dy[i] * EXP (z[i]) : dy[i];
      break;
    case NN_ACT_GELU:
      for (size_t i = 0; i < n; i++)
        {
          REAL cdf = (REAL) 0.5 * ((REAL) 1 + ERF (z[i] * (REAL) M_SQRT1_2));
          REAL pdf = EXP ((REAL) -0.5 * z[i] * z[i]) * (REAL) (M_2_SQRTPI * M_SQRT1_2 * 0.5);
          dz[i] = dy[i] * (cdf + z[i] * pdf);
        }
      break;
    case NN_ACT_SELU:
      for (size_t i = 0; i < n; i++)
        dz[i] = z[i] <= 0 ? dy[i] * ((REAL) NN_SELU_ALPHA * (REAL) NN_SELU_SCALE) * EXP (z[i])
                          : dy[i] * (REAL) NN_SELU_SCALE;
      break;
    case NN_ACT_SOFTPLUS:
      for (size_t i = 0; i < n; i++)
        {
          REAL e = EXP (z[i]);
          dz[i] = z[i] > 20 ? dy[i] : dy[i] * e / (e + (REAL) 1);
        }
      break;
    case NN_ACT_IDENTITY:
    case NN_N_ACTIVATIONS:
    default:
      if (dz != dy)
        memcpy (dz, dy, n * sizeof *dz);
      break;
    }
}

void
FN (nn_act_deriv) (NnActivation  act,
                   double        slope,
                   const REAL   *z,
                   const REAL   *y,
                   REAL         *d,
                   size_t        n)
{
  for (size_t i = 0; i < n; i++)
    d[i] = 1;
  FN (nn_act_backward) (act, slope, z, y, d, d, n);
}

#undef FN
#undef NN_CAT
#undef NN_CAT_
