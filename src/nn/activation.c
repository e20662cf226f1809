/* activation.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "activation.h"
#include "kernels.h"
#include "simd.h"

/* exp for float32 written so that the compiler can vectorise it (no calls,
 * no floorf): the Cephes single-precision algorithm, accurate to about one
 * ulp; +inf above 88.72 and gradual underflow down to 0 below -103.97, as
 * PyTorch's expf gives. */
static inline float
exp_approx_f32 (float x)
{
  const float log2e = 1.44269504088896341f;
  const float c1 = 0.693359375f;
  const float c2 = -2.12194440e-4f;
  float xc = x > 88.7228f ? 88.7228f : (x < -103.98f ? -103.98f : x);
  float fx = xc * log2e + 0.5f;
  int32_t k = (int32_t) (fx + 256.0f) - 256;   /* floor: the sum is positive */
  int32_t k1 = k / 2;
  int32_t k2 = k - k1;
  float kf = (float) k;
  float r = xc - kf * c1 - kf * c2;
  float z = r * r;
  float p = 1.9875691500e-4f;
  float s1, s2, y;
  uint32_t b1, b2;

  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  y = p * z + r + 1.0f;
  /* 2^k as two factors, so that k down to -150 (denormal results) works */
  b1 = (uint32_t) (k1 + 127) << 23;
  b2 = (uint32_t) (k2 + 127) << 23;
  memcpy (&s1, &b1, sizeof s1);
  memcpy (&s2, &b2, sizeof s2);
  y = (y * s1) * s2;
  y = x > 88.7228394f ? INFINITY : y;
  y = x < -103.972f ? 0.0f : y;
  return y;
}

NN_HOT static void
sigmoid_loop_f32 (const float *z,
                  float       *y,
                  size_t       n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = 1.0f / (1.0f + exp_approx_f32 (-z[i]));
}

/* on AVX-512 CPUs the function of the fused forward kernel (kernels.h), so
 * that every layer gets the same sigmoid */
static void
vec_sigmoid_f32 (const float *z,
                 float       *y,
                 size_t       n)
{
  if (nn_avx512_available ())
    nn_avx512_sigmoid (z, y, n);
  else
    sigmoid_loop_f32 (z, y, n);
}

static void
vec_sigmoid_f64 (const double *z,
                 double       *y,
                 size_t        n)
{
  for (size_t i = 0; i < n; i++)
    y[i] = 1.0 / (1.0 + exp (-z[i]));
}

/* tanh in double, rounded once: PyTorch's vectorised tanhf (SLEEF's, 1 ulp
 * bound) is within half an ulp, correctly rounded, below |x| = 5, while
 * glibc's tanhf errs by up to 2.1 ulp there (0.53 ulp on average against
 * 0.25 between 0.1 and 1), twice PyTorch's error in every tanh layer */
static inline float
tanh_f32 (float x)
{
  return (float) tanh ((double) x);
}

#define REAL  float
#define SFX   f32
#define EXP   expf
#define LOG1P log1pf
#define ERF   erff
#define TANH  tanh_f32
#include "activation-template.h"
#undef REAL
#undef SFX
#undef EXP
#undef LOG1P
#undef ERF
#undef TANH

#define REAL  double
#define SFX   f64
#define EXP   exp
#define LOG1P log1p
#define ERF   erf
#define TANH  tanh
#include "activation-template.h"

double
nn_act_max_derivative (NnActivation act,
                       double       slope)
{
  switch (act)
    {
    case NN_ACT_SIGMOID:
      return 0.25;
    case NN_ACT_GELU:
      return 1.1289514732360840;   /* at x = sqrt(2): Phi(x) + x phi(x) */
    case NN_ACT_SELU:
      return NN_SELU_SCALE * NN_SELU_ALPHA;
    case NN_ACT_LEAKY_RELU:
      return fabs (slope) > 1.0 ? fabs (slope) : 1.0;
    case NN_ACT_TANH:
    case NN_ACT_RELU:
    case NN_ACT_ELU:
    case NN_ACT_SOFTPLUS:
    case NN_ACT_IDENTITY:
    case NN_N_ACTIVATIONS:
    default:
      return 1.0;
    }
}
