/* rng.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* This file must be compiled with -ffp-contract=off: every fused multiply-add
 * below is written out as fmaf()/fma() exactly where PyTorch's compiled
 * kernels fuse, and everywhere else each operation rounds on its own. */

#include <math.h>
#include <string.h>

#include "rng.h"
#include "simd.h"

#define MT_M          397
#define MT_MATRIX_A   0x9908b0dfu
#define MT_UPPER_MASK 0x80000000u
#define MT_LOWER_MASK 0x7fffffffu

static inline float
f32_from_bits (uint32_t bits)
{
  float f;
  memcpy (&f, &bits, sizeof f);
  return f;
}

static inline uint32_t
bits_from_f32 (float f)
{
  uint32_t bits;
  memcpy (&bits, &f, sizeof bits);
  return bits;
}

void
nn_rng_seed (NnRng    *rng,
             uint64_t  seed)
{
  /* only seed mod 2^32 reaches the engine */
  rng->state[0] = (uint32_t) seed;
  for (int i = 1; i < NN_MT_N; i++)
    {
      uint32_t prev = rng->state[i - 1];
      rng->state[i] = 1812433253u * (prev ^ (prev >> 30)) + (uint32_t) i;
    }
  rng->index = NN_MT_N;
  rng->has_cached = false;
  rng->cached_normal = 0.0;
}

static void
mt_twist (NnRng *rng)
{
  uint32_t *mt = rng->state;
  int i;

  for (i = 0; i < NN_MT_N - MT_M; i++)
    {
      uint32_t y = (mt[i] & MT_UPPER_MASK) | (mt[i + 1] & MT_LOWER_MASK);
      mt[i] = mt[i + MT_M] ^ (y >> 1) ^ ((y & 1u) ? MT_MATRIX_A : 0u);
    }
  for (; i < NN_MT_N - 1; i++)
    {
      uint32_t y = (mt[i] & MT_UPPER_MASK) | (mt[i + 1] & MT_LOWER_MASK);
      mt[i] = mt[i + MT_M - NN_MT_N] ^ (y >> 1) ^ ((y & 1u) ? MT_MATRIX_A : 0u);
    }
  {
    uint32_t y = (mt[NN_MT_N - 1] & MT_UPPER_MASK) | (mt[0] & MT_LOWER_MASK);
    mt[NN_MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ ((y & 1u) ? MT_MATRIX_A : 0u);
  }
  rng->index = 0;
}

uint32_t
nn_rng_next32 (NnRng *rng)
{
  uint32_t y;

  if (rng->index >= NN_MT_N)
    mt_twist (rng);
  y = rng->state[rng->index++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

uint64_t
nn_rng_next64 (NnRng *rng)
{
  uint64_t hi = nn_rng_next32 (rng);
  uint64_t lo = nn_rng_next32 (rng);

  return (hi << 32) | lo;
}

static inline float
unit_f32 (NnRng *rng)
{
  /* the low 24 bits, times 2^-24: exact */
  return (float) (nn_rng_next32 (rng) & 0x00ffffffu) * 0x1p-24f;
}

static inline double
unit_f64 (NnRng *rng)
{
  return (double) (nn_rng_next64 (rng) & ((UINT64_C (1) << 53) - 1)) * 0x1p-53;
}

void
nn_rng_uniform_f32 (NnRng  *rng,
                    float  *out,
                    size_t  n,
                    double  a,
                    double  b)
{
  float lo = (float) a;
  float hi = (float) b;
  float w = hi - lo;   /* in float32, as PyTorch does */

  for (size_t i = 0; i < n; i++)
    out[i] = fmaf (unit_f32 (rng), w, lo);
}

void
nn_rng_uniform_f64 (NnRng  *rng,
                    double *out,
                    size_t  n,
                    double  a,
                    double  b)
{
  double w = b - a;

  for (size_t i = 0; i < n; i++)
    out[i] = fma (unit_f64 (rng), w, a);
}

/* ------------------------------------------------------------------------
 * The AVX2 Cephes transform (avx_mathfun.h as GCC compiled it), float32.
 * ------------------------------------------------------------------------ */

static inline __attribute__ ((always_inline)) float
cephes_logf (float x)
{
  static const uint32_t p_bits[9] = {
    0x3D9021BB, 0xBDEBD1B8, 0x3DEF251A, 0xBDFE5D4F, 0x3E11E9BF,
    0xBE2AAE50, 0x3E4CCEAC, 0xBE7FFFFC, 0x3EAAAAAA,
  };
  const float q1 = f32_from_bits (0xB95E8083);
  const float q2 = f32_from_bits (0x3F318000);
  const float sqrthf = f32_from_bits (0x3F3504F3);
  uint32_t bits = bits_from_f32 (x);
  float e = (float) ((int32_t) (bits >> 23) - 127) + 1.0f;
  float m = f32_from_bits ((bits & 0x007fffffu) | 0x3f000000u);
  float t;
  float z, y, r;

  /* branch-free, so that the eight lanes vectorise */
  t = m < sqrthf ? m : 0.0f;
  e = m < sqrthf ? e - 1.0f : e;
  m = (m - 1.0f) + t;
  z = m * m;
  y = f32_from_bits (p_bits[0]);
  y = fmaf (y, m, f32_from_bits (p_bits[1]));
  y = fmaf (y, m, f32_from_bits (p_bits[2]));
  y = fmaf (y, m, f32_from_bits (p_bits[3]));
  y = fmaf (y, m, f32_from_bits (p_bits[4]));
  y = fmaf (y, m, f32_from_bits (p_bits[5]));
  y = fmaf (y, m, f32_from_bits (p_bits[6]));
  y = fmaf (y, m, f32_from_bits (p_bits[7]));
  y = fmaf (y, m, f32_from_bits (p_bits[8]));
  y = y * m;
  y = fmaf (y, z, e * q1);
  y = y - z * 0.5f;
  r = m + y;
  r = fmaf (e, q2, r);
  return r;
}

static inline __attribute__ ((always_inline)) void
cephes_sincosf (float  x,
                float *s_out,
                float *c_out)
{
  const float fopi = f32_from_bits (0x3FA2F983);
  const float mdp1 = f32_from_bits (0xBF490000);
  const float mdp2 = f32_from_bits (0xB97DA000);
  const float mdp3 = f32_from_bits (0xB3222169);
  const float c0 = f32_from_bits (0x37CCF5CE);
  const float c1 = f32_from_bits (0xBAB6061A);
  const float c2 = f32_from_bits (0x3D2AAAA5);
  const float s0 = f32_from_bits (0xB94CA1F9);
  const float s1 = f32_from_bits (0x3C08839E);
  const float s2 = f32_from_bits (0xBE2AAAA3);
  float y = x * fopi;
  int32_t k = (int32_t) y;   /* truncation; x >= 0 here */
  bool negate_sin, negate_cos, sin_poly;
  float z, pc, ps, s, c;

  k = (k + 1) & ~1;
  y = (float) k;
  negate_sin = (k & 4) != 0;
  negate_cos = ((k - 2) & 4) == 0;
  sin_poly = (k & 2) == 0;
  x = fmaf (y, mdp1, x);
  x = fmaf (y, mdp2, x);
  x = fmaf (y, mdp3, x);
  z = x * x;
  pc = fmaf (c0, z, c1);
  pc = fmaf (pc, z, c2);
  pc = pc * z;
  pc = fmaf (pc, z, -(z * 0.5f));
  pc = pc + 1.0f;
  ps = fmaf (s0, z, s1);
  ps = fmaf (ps, z, s2);
  ps = ps * z;
  ps = fmaf (ps, x, x);
  s = sin_poly ? ps : pc;
  c = sin_poly ? pc : ps;
  s = negate_sin ? -s : s;
  c = negate_cos ? -c : c;
  *s_out = s;
  *c_out = c;
}

/* with FMA hardware fmaf is one instruction; the results are identical */
NN_HOT static void
transform16_f32 (float *u,
                 float  mean,
                 float  std)
{
  const float two_pi = f32_from_bits (0x40C90FDB);
  float u1[8], u2[8], out1[8], out2[8];

  for (int j = 0; j < 8; j++)
    {
      u1[j] = 1.0f - u[j];
      u2[j] = u[j + 8];
    }
  for (int j = 0; j < 8; j++)
    {
      float radius = sqrtf (-2.0f * cephes_logf (u1[j]));
      float theta = two_pi * u2[j];
      float s, c;

      cephes_sincosf (theta, &s, &c);
      out1[j] = fmaf (radius * c, std, mean);
      out2[j] = fmaf (radius * s, std, mean);
    }
  for (int j = 0; j < 8; j++)
    {
      u[j] = out1[j];
      u[j + 8] = out2[j];
    }
}

static void
transform16_f64 (double *u,
                 double  mean,
                 double  std)
{
  for (int j = 0; j < 8; j++)
    {
      double u1 = 1.0 - u[j];
      double u2 = u[j + 8];
      double radius = sqrt (-2.0 * log (u1));
      double theta = 2.0 * M_PI * u2;

      u[j] = fma (radius * cos (theta), std, mean);
      u[j + 8] = fma (radius * sin (theta), std, mean);
    }
}

/* The per-element path: Box-Muller in double, with the partner cached in the
 * generator (PyTorch 1.13's at::normal_distribution<double>). */
static double
normal_one (NnRng  *rng,
            double  mean,
            double  std)
{
  double z;

  if (rng->has_cached)
    {
      z = rng->cached_normal;
      rng->has_cached = false;
    }
  else
    {
      double u1 = unit_f64 (rng);
      double u2 = unit_f64 (rng);
      double r = sqrt (log (1.0 - u2) * -2.0);
      double theta = 6.283185307179586 * u1;

      rng->cached_normal = r * sin (theta);
      rng->has_cached = true;
      z = r * cos (theta);
    }
  return fma (z, std, mean);
}

void
nn_rng_normal_f32 (NnRng  *rng,
                   float  *out,
                   size_t  n,
                   double  mean,
                   double  std)
{
  float fmean = (float) mean;
  float fstd = (float) std;

  if (n < 16)
    {
      for (size_t i = 0; i < n; i++)
        out[i] = (float) normal_one (rng, mean, std);
      return;
    }

  for (size_t i = 0; i < n; i++)
    out[i] = unit_f32 (rng);
  for (size_t b = 0; b + 16 <= n; b += 16)
    transform16_f32 (out + b, fmean, fstd);
  if (n % 16 != 0)
    {
      /* fresh uniforms overwrite the overlap with the last whole block */
      for (size_t i = n - 16; i < n; i++)
        out[i] = unit_f32 (rng);
      transform16_f32 (out + n - 16, fmean, fstd);
    }
}

void
nn_rng_normal_f64 (NnRng  *rng,
                   double *out,
                   size_t  n,
                   double  mean,
                   double  std)
{
  if (n < 16)
    {
      for (size_t i = 0; i < n; i++)
        out[i] = normal_one (rng, mean, std);
      return;
    }

  for (size_t i = 0; i < n; i++)
    out[i] = unit_f64 (rng);
  for (size_t b = 0; b + 16 <= n; b += 16)
    transform16_f64 (out + b, mean, std);
  if (n % 16 != 0)
    {
      for (size_t i = n - 16; i < n; i++)
        out[i] = unit_f64 (rng);
      transform16_f64 (out + n - 16, mean, std);
    }
}
