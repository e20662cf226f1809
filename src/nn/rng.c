/* rng.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* This file must be compiled with -ffp-contract=off: every fused multiply-add
 * below is written out as fmaf()/fma() exactly where PyTorch's compiled
 * kernels fuse, and everywhere else each operation rounds on its own. */

#include <math.h>
#include <string.h>

#include "simd.h"
#if NN_HAVE_AVX512
/* see kernels-avx512.c */
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <immintrin.h>
#endif

#include "rng.h"

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

/* One pass of the MT19937 recurrence over the whole state. Written for the
 * vectoriser: the first N - M words read only words not yet replaced; the
 * others read words that this pass replaced 227 places back. */
NN_HOT static void
mt_twist (uint32_t *mt)
{
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
}

static inline uint32_t
temper (uint32_t y)
{
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

uint32_t
nn_rng_next32 (NnRng *rng)
{
  if (rng->index >= NN_MT_N)
    {
      mt_twist (rng->state);
      rng->index = 0;
    }
  return temper (rng->state[rng->index++]);
}

uint64_t
nn_rng_next64 (NnRng *rng)
{
  uint64_t hi = nn_rng_next32 (rng);
  uint64_t lo = nn_rng_next32 (rng);

  return (hi << 32) | lo;
}

/* How many of the wanted outputs the state holds from rng->index on (at
 * least 1): the block functions below take them from there in one go.
 * Twists first when the state is used up. */
static size_t
take (NnRng  *rng,
      size_t  wanted)
{
  size_t left;

  if (rng->index >= NN_MT_N)
    {
      mt_twist (rng->state);
      rng->index = 0;
    }
  left = (size_t) (NN_MT_N - rng->index);
  return wanted < left ? wanted : left;
}

static inline double
unit_f64 (NnRng *rng)
{
  return (double) (nn_rng_next64 (rng) & ((UINT64_C (1) << 53) - 1)) * 0x1p-53;
}

/* Blocks of draws: the tempering and the conversions below are the ones of
 * nn_rng_next32, unit_f32 and unit_f64, on up to a state's worth of words
 * at a time, so that they vectorise (one call per value cost more than the
 * arithmetic). words points into the state at rng->index. */

/* out[i] = fma (unit_f32, w, lo) from the next n words */
NN_HOT static void
uniform_block_f32 (const uint32_t *words,
                   float          *out,
                   size_t          n,
                   float           w,
                   float           lo)
{
  for (size_t i = 0; i < n; i++)
    out[i] = fmaf ((float) (temper (words[i]) & 0x00ffffffu) * 0x1p-24f, w, lo);
}

/* out[i] = unit_f32 from the next n words */
NN_HOT static void
unit_block_f32 (const uint32_t *words,
                float          *out,
                size_t          n)
{
  for (size_t i = 0; i < n; i++)
    out[i] = (float) (temper (words[i]) & 0x00ffffffu) * 0x1p-24f;
}

/* out[i] = fma (unit_f64, w, lo) from the next 2 n words; the 53 bits
 * convert exactly through int64_t, which vectorises */
NN_HOT static void
uniform_block_f64 (const uint32_t *words,
                   double         *out,
                   size_t          n,
                   double          w,
                   double          lo)
{
  for (size_t i = 0; i < n; i++)
    {
      uint64_t hi = temper (words[2 * i]);
      uint64_t bits = (hi << 32) | temper (words[2 * i + 1]);

      out[i] = fma ((double) (int64_t) (bits & ((UINT64_C (1) << 53) - 1)) * 0x1p-53, w, lo);
    }
}

static void
fill_unit_f32 (NnRng  *rng,
               float  *out,
               size_t  n)
{
  while (n > 0)
    {
      size_t m = take (rng, n);

      unit_block_f32 (rng->state + rng->index, out, m);
      rng->index += (int) m;
      out += m;
      n -= m;
    }
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

  while (n > 0)
    {
      size_t m = take (rng, n);

      uniform_block_f32 (rng->state + rng->index, out, m, w, lo);
      rng->index += (int) m;
      out += m;
      n -= m;
    }
}

/* n values fma (unit_f64, w, lo); a pair of words that straddles a twist
 * goes through unit_f64 */
static void
fill_uniform_f64 (NnRng  *rng,
                  double *out,
                  size_t  n,
                  double  w,
                  double  lo)
{
  while (n > 0)
    {
      size_t m = take (rng, 2 * n) / 2;

      if (m == 0)
        {
          *out++ = fma (unit_f64 (rng), w, lo);
          n--;
          continue;
        }
      uniform_block_f64 (rng->state + rng->index, out, m, w, lo);
      rng->index += (int) (2 * m);
      out += m;
      n -= m;
    }
}

void
nn_rng_uniform_f64 (NnRng  *rng,
                    double *out,
                    size_t  n,
                    double  a,
                    double  b)
{
  fill_uniform_f64 (rng, out, n, b - a, a);
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

/* blocks of 16 values, in place; with FMA hardware fmaf is one
 * instruction, and the results are identical. The loop over the blocks is
 * here rather than in the caller so that their long dependency chains
 * (log, sqrt, sincos) overlap. */
NN_HOT static void
transform_f32 (float  *u,
               size_t  blocks,
               float   mean,
               float   std)
{
  const float two_pi = f32_from_bits (0x40C90FDB);

  for (size_t b = 0; b < blocks; b++)
    {
      float *ub = u + 16 * b;
      float u1[8], u2[8], out1[8], out2[8];

      for (int j = 0; j < 8; j++)
        {
          u1[j] = 1.0f - ub[j];
          u2[j] = ub[j + 8];
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
          ub[j] = out1[j];
          ub[j + 8] = out2[j];
        }
    }
}

#if NN_HAVE_AVX512
/* cephes_logf, cephes_sincosf and transform_f32 again with intrinsics: the
 * same operations, lane for lane (so the same bits), on two blocks at a
 * time: lanes 0-7 of u1 and u2 come from the first block, 8-15 from the
 * second. GCC's clone of transform_f32 ran one block per ymm register and
 * spent a third of its time moving the results into place. */

static NN_AVX512_INLINE __m512
cephes_logf16 (__m512 x)
{
  static const uint32_t p_bits[9] = {
    0x3D9021BB, 0xBDEBD1B8, 0x3DEF251A, 0xBDFE5D4F, 0x3E11E9BF,
    0xBE2AAE50, 0x3E4CCEAC, 0xBE7FFFFC, 0x3EAAAAAA,
  };
  const __m512 one = _mm512_set1_ps (1.0f);
  __m512i bits = _mm512_castps_si512 (x);
  __m512 e = _mm512_add_ps (_mm512_cvtepi32_ps (_mm512_sub_epi32 (_mm512_srli_epi32 (bits, 23),
                                                                  _mm512_set1_epi32 (127))),
                            one);
  __m512 m = _mm512_castsi512_ps (_mm512_or_si512 (_mm512_and_si512 (bits, _mm512_set1_epi32 (0x007fffff)),
                                                   _mm512_set1_epi32 (0x3f000000)));
  __mmask16 small = _mm512_cmp_ps_mask (m, _mm512_set1_ps (f32_from_bits (0x3F3504F3)), _CMP_LT_OQ);
  __m512 t = _mm512_maskz_mov_ps (small, m);
  __m512 z, y, r;

  e = _mm512_mask_sub_ps (e, small, e, one);
  m = _mm512_add_ps (_mm512_sub_ps (m, one), t);
  z = _mm512_mul_ps (m, m);
  y = _mm512_set1_ps (f32_from_bits (p_bits[0]));
  for (int i = 1; i < 9; i++)
    y = _mm512_fmadd_ps (y, m, _mm512_set1_ps (f32_from_bits (p_bits[i])));
  y = _mm512_mul_ps (y, m);
  y = _mm512_fmadd_ps (y, z, _mm512_mul_ps (e, _mm512_set1_ps (f32_from_bits (0xB95E8083))));
  y = _mm512_sub_ps (y, _mm512_mul_ps (z, _mm512_set1_ps (0.5f)));
  r = _mm512_add_ps (m, y);
  return _mm512_fmadd_ps (e, _mm512_set1_ps (f32_from_bits (0x3F318000)), r);
}

static NN_AVX512_INLINE void
cephes_sincosf16 (__m512  x,
                  __m512 *s_out,
                  __m512 *c_out)
{
  const __m512i two = _mm512_set1_epi32 (2);
  const __m512i four = _mm512_set1_epi32 (4);
  const __m512 sign = _mm512_castsi512_ps (_mm512_set1_epi32 ((int) 0x80000000u));   /* -x: x ^ sign */
  __m512i k = _mm512_cvttps_epi32 (_mm512_mul_ps (x, _mm512_set1_ps (f32_from_bits (0x3FA2F983))));
  __mmask16 negate_sin, negate_cos, sin_poly;
  __m512 y, z, pc, ps, s, c;

  k = _mm512_and_si512 (_mm512_add_epi32 (k, _mm512_set1_epi32 (1)), _mm512_set1_epi32 (~1));
  y = _mm512_cvtepi32_ps (k);
  negate_sin = _mm512_test_epi32_mask (k, four);
  negate_cos = _mm512_testn_epi32_mask (_mm512_sub_epi32 (k, two), four);
  sin_poly = _mm512_testn_epi32_mask (k, two);
  x = _mm512_fmadd_ps (y, _mm512_set1_ps (f32_from_bits (0xBF490000)), x);
  x = _mm512_fmadd_ps (y, _mm512_set1_ps (f32_from_bits (0xB97DA000)), x);
  x = _mm512_fmadd_ps (y, _mm512_set1_ps (f32_from_bits (0xB3222169)), x);
  z = _mm512_mul_ps (x, x);
  pc = _mm512_fmadd_ps (_mm512_set1_ps (f32_from_bits (0x37CCF5CE)), z, _mm512_set1_ps (f32_from_bits (0xBAB6061A)));
  pc = _mm512_fmadd_ps (pc, z, _mm512_set1_ps (f32_from_bits (0x3D2AAAA5)));
  pc = _mm512_mul_ps (pc, z);
  pc = _mm512_fmadd_ps (pc, z, _mm512_xor_ps (_mm512_mul_ps (z, _mm512_set1_ps (0.5f)), sign));
  pc = _mm512_add_ps (pc, _mm512_set1_ps (1.0f));
  ps = _mm512_fmadd_ps (_mm512_set1_ps (f32_from_bits (0xB94CA1F9)), z, _mm512_set1_ps (f32_from_bits (0x3C08839E)));
  ps = _mm512_fmadd_ps (ps, z, _mm512_set1_ps (f32_from_bits (0xBE2AAAA3)));
  ps = _mm512_mul_ps (ps, z);
  ps = _mm512_fmadd_ps (ps, x, x);
  s = _mm512_mask_blend_ps (sin_poly, pc, ps);
  c = _mm512_mask_blend_ps (sin_poly, ps, pc);
  *s_out = _mm512_mask_xor_ps (s, negate_sin, s, sign);
  *c_out = _mm512_mask_xor_ps (c, negate_cos, c, sign);
}

/* pairs of blocks */
static NN_AVX512 void
transform_avx512_f32 (float  *u,
                      size_t  blocks,
                      float   mean,
                      float   std)
{
  const __m512 vmean = _mm512_set1_ps (mean);
  const __m512 vstd = _mm512_set1_ps (std);

  for (size_t b = 0; b + 2 <= blocks; b += 2)
    {
      float *ub = u + 16 * b;
      __m512 lo = _mm512_loadu_ps (ub);
      __m512 hi = _mm512_loadu_ps (ub + 16);
      __m512 u1 = _mm512_sub_ps (_mm512_set1_ps (1.0f), _mm512_shuffle_f32x4 (lo, hi, 0x44));
      __m512 u2 = _mm512_shuffle_f32x4 (lo, hi, 0xee);
      __m512 radius = _mm512_sqrt_ps (_mm512_mul_ps (_mm512_set1_ps (-2.0f), cephes_logf16 (u1)));
      __m512 theta = _mm512_mul_ps (_mm512_set1_ps (f32_from_bits (0x40C90FDB)), u2);
      __m512 s, c, out1, out2;

      cephes_sincosf16 (theta, &s, &c);
      out1 = _mm512_fmadd_ps (_mm512_mul_ps (radius, c), vstd, vmean);
      out2 = _mm512_fmadd_ps (_mm512_mul_ps (radius, s), vstd, vmean);
      _mm512_storeu_ps (ub, _mm512_shuffle_f32x4 (out1, out2, 0x44));
      _mm512_storeu_ps (ub + 16, _mm512_shuffle_f32x4 (out1, out2, 0xee));
    }
}
#endif

static void
transform_blocks_f32 (float  *u,
                      size_t  blocks,
                      float   mean,
                      float   std)
{
#if NN_HAVE_AVX512
  if (blocks >= 2 && nn_cpu_has_avx512 ())
    {
      transform_avx512_f32 (u, blocks, mean, std);
      u += 16 * (blocks & ~(size_t) 1);
      blocks &= 1;
    }
#endif
  if (blocks > 0)
    transform_f32 (u, blocks, mean, std);
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

  fill_unit_f32 (rng, out, n);
  transform_blocks_f32 (out, n / 16, fmean, fstd);
  if (n % 16 != 0)
    {
      /* fresh uniforms overwrite the overlap with the last whole block */
      fill_unit_f32 (rng, out + n - 16, 16);
      transform_f32 (out + n - 16, 1, fmean, fstd);
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

  /* fma (u, 1, 0) is u */
  fill_uniform_f64 (rng, out, n, 1.0, 0.0);
  for (size_t b = 0; b + 16 <= n; b += 16)
    transform16_f64 (out + b, mean, std);
  if (n % 16 != 0)
    {
      fill_uniform_f64 (rng, out + n - 16, 16, 1.0, 0.0);
      transform16_f64 (out + n - 16, mean, std);
    }
}
