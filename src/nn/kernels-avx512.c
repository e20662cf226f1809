/* kernels-avx512.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The notebook's layers are 10 wide: a CBLAS call per product (15 of them
 * per step, ~0.15 us each) and separate passes for the bias, the activation
 * and the row sums cost more than the arithmetic. Here one pass over the
 * samples does a whole layer, 16 samples per register:
 *
 *   forward     z, a (K outputs, 16 or 32 samples) in registers: the
 *               products, the bias, sigmoid, two stores
 *   backward_w  per one or two output rows: dw (K inputs) and db in
 *               registers, summed across the lanes once at the end
 *   backward_h  dh (K inputs, 16 or 32 samples) in registers, times
 *               sigmoid's derivative of the layer below before the store
 *
 * K is a compile-time tile size from 1 to 16 (the *_tile functions are
 * inlined into one copy per K), so that the accumulators stay in registers.
 *
 * z rounds exactly as OpenBLAS's sgemm computes it for PyTorch (from 16
 * samples on, see use_small_kernels in mlp.c): the products summed in
 * order with FMAs from zero, then the bias added; where OpenBLAS takes its
 * small TN kernel instead, forward_lanes_row sums them as that does. Under
 * relu or leaky_relu a z that rounds to the other side of zero changes that
 * gradient element fivefold or more; the parity check sees those. The sums of the backward
 * pass may round differently (by about 1e-7 relative): nothing downstream
 * of them is discontinuous.
 *
 * Whole step for the notebook network on the 2-core AVX-512 machine: 6.6 us
 * with CBLAS, 3.2 us with these (forward 44%, backward_w 29%, backward_h
 * 19%; the sigmoids are a third of all instructions). */

#include "kernels.h"
#include "simd.h"

#if NN_HAVE_AVX512

/* GCC 12 reports the _mm512_undefined_ps () inside the intrinsics as
 * (maybe) uninitialised (GCC bug 105593) */
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#include <immintrin.h>
#include <stddef.h>

#define TILE_CASES(CALL) \
  case 1: CALL (1); break; case 2: CALL (2); break; case 3: CALL (3); break; \
  case 4: CALL (4); break; case 5: CALL (5); break; case 6: CALL (6); break; \
  case 7: CALL (7); break; case 8: CALL (8); break; case 9: CALL (9); break; \
  case 10: CALL (10); break; case 11: CALL (11); break; case 12: CALL (12); break; \
  case 13: CALL (13); break; case 14: CALL (14); break; case 15: CALL (15); break; \
  case 16: CALL (16); break; default: break

bool
nn_avx512_available (void)
{
  return nn_cpu_has_avx512 () != 0;
}

/* sigmoid (z) = 1 / (1 + exp (-z)), PyTorch's formula.
 *
 * exp (-z) = 2^k exp (r) with k = round (-z log2 e), r = -z - k ln 2 (in two
 * parts, Cody-Waite) and exp (r) = 1 + r (1 + r P (r)), P of degree 4: a
 * minimax fit of (exp (r) - 1 - r) / r^2 on [-ln 2 / 2, ln 2 / 2], at most
 * 0.70 ulp in float32 arithmetic (the Cephes polynomial of exp_approx_f32
 * in activation.c: 0.71 ulp with one more term). vscalefps applies 2^k
 * (overflow to inf, gradual underflow) and 1 / d is vrcp14ps refined by one
 * Newton step, within an ulp or so of the division; for d up to FLT_MAX
 * the result is a correctly scaled denormal.
 *
 * The fast path makes no attempt at z = +-inf, NaN, z < -88.7 (where exp
 * overflows) or |z| beyond 2^21 (where the rounding constant fails). All of
 * these end with d NaN, infinite or negative, which one vfpclassps finds,
 * or (z large and positive) with the right result, 1: r is then garbage,
 * but 2^k with k below -2^21 scales any finite p to 0 (p is never 0 or
 * negative: the polynomial has no real root, its minimum is 0.147) and an
 * infinite one to inf, which is caught. sigmoid16_slow redoes the caught
 * lanes. */
#define EXP_P4 1.38145312666893e-3f
#define EXP_P3 8.368746377527714e-3f
#define EXP_P2 4.166839271783829e-2f
#define EXP_P1 1.666652113199234e-1f
#define EXP_P0 4.999999403953552e-1f

static NN_AVX512_INLINE __m512
exp_neg16 (__m512 z)
{
  const __m512 one = _mm512_set1_ps (1.0f);
  const __m512 round = _mm512_set1_ps (0x1.8p23f);
  __m512 k, r, p;

  k = _mm512_sub_ps (_mm512_fmadd_ps (z, _mm512_set1_ps (-1.44269504088896341f), round), round);
  r = _mm512_fnmsub_ps (k, _mm512_set1_ps (0.693359375f), z);
  r = _mm512_fnmadd_ps (k, _mm512_set1_ps (-2.12194440e-4f), r);
  p = _mm512_fmadd_ps (_mm512_set1_ps (EXP_P4), r, _mm512_set1_ps (EXP_P3));
  p = _mm512_fmadd_ps (p, r, _mm512_set1_ps (EXP_P2));
  p = _mm512_fmadd_ps (p, r, _mm512_set1_ps (EXP_P1));
  p = _mm512_fmadd_ps (p, r, _mm512_set1_ps (EXP_P0));
  p = _mm512_fmadd_ps (p, r, one);
  p = _mm512_fmadd_ps (p, r, one);
  return _mm512_scalef_ps (p, k);
}

/* z clamped to [-100, 100] (sigmoid is 0 or 1 beyond either way; min and
 * max return their second operand when one is NaN) and the division */
static NN_AVX512 __attribute__ ((noinline, cold)) __m512
sigmoid16_slow (__m512 z)
{
  const __m512 one = _mm512_set1_ps (1.0f);

  z = _mm512_min_ps (_mm512_set1_ps (100.0f), z);
  z = _mm512_max_ps (_mm512_set1_ps (-100.0f), z);
  return _mm512_div_ps (one, _mm512_add_ps (exp_neg16 (z), one));
}

static NN_AVX512_INLINE __m512
sigmoid16 (__m512 z)
{
  const __m512 one = _mm512_set1_ps (1.0f);
  __m512 d, q;
  __mmask16 slow;

  d = _mm512_add_ps (exp_neg16 (z), one);
  q = _mm512_rcp14_ps (d);
  q = _mm512_fmadd_ps (q, _mm512_fnmadd_ps (d, q, one), q);
  /* QNaN 0x01, +inf 0x08, -inf 0x10, negative 0x40, SNaN 0x80 */
  slow = _mm512_fpclass_ps_mask (d, 0xd9);
  if (__builtin_expect (slow != 0, 0))
    q = _mm512_mask_mov_ps (q, slow, sigmoid16_slow (z));
  return q;
}

/* lane j (j < K) of the result: the sum of the 16 lanes of v[j]; a
 * transpose-and-add tree (45 instructions for 16 sums) */
static NN_AVX512_INLINE __m512
sum_lanes (const __m512 *v,
           const int     K)
{
  const __m512 zero = _mm512_setzero_ps ();
  __m512 s8[8], s4[4], s2[2];

  for (int j = 0; j < 8; j++)
    {
      __m512 x = 2 * j < K ? v[2 * j] : zero;
      __m512 y = 2 * j + 1 < K ? v[2 * j + 1] : zero;

      /* per 128-bit lane: x0+x2 y0+y2 x1+x3 y1+y3 */
      s8[j] = 2 * j < K ? _mm512_add_ps (_mm512_unpacklo_ps (x, y), _mm512_unpackhi_ps (x, y))
                        : zero;
    }
  for (int j = 0; j < 4; j++)
    {
      __m512d x = _mm512_castps_pd (s8[2 * j]);
      __m512d y = _mm512_castps_pd (s8[2 * j + 1]);

      /* per 128-bit lane: the partial sums of v[4j .. 4j+3] */
      s4[j] = 4 * j < K ? _mm512_add_ps (_mm512_castpd_ps (_mm512_unpacklo_pd (x, y)),
                                         _mm512_castpd_ps (_mm512_unpackhi_pd (x, y)))
                        : zero;
    }
  for (int j = 0; j < 2; j++)
    s2[j] = 8 * j < K ? _mm512_add_ps (_mm512_shuffle_f32x4 (s4[2 * j], s4[2 * j + 1], 0x88),
                                       _mm512_shuffle_f32x4 (s4[2 * j], s4[2 * j + 1], 0xdd))
                      : zero;
  return _mm512_add_ps (_mm512_shuffle_f32x4 (s2[0], s2[1], 0x88),
                        _mm512_shuffle_f32x4 (s2[0], s2[1], 0xdd));
}

/* The samples go in blocks of V = 2 registers (32 samples: a broadcast
 * weight serves two FMAs) while K leaves registers for that, then of one.
 * Rows are ld apart, ld a multiple of 16 (aligned rows: at n = 100, rows
 * 100 floats apart split three loads in four across two cache lines), so
 * a block never reads past its row. The last block stores only its lanes
 * below n; the dw kernel masks its loads there too, as it sums over the
 * samples: the lanes from n to ld may hold anything. */
#define V_MAX 2

static NN_AVX512_INLINE __mmask16
lanes_below (int count)
{
  return count >= 16 ? (__mmask16) 0xffff : (__mmask16) ((1u << count) - 1);
}

/* ---------------------------------------------------------------- forward */

/* K outputs, V * 16 samples: h, z, a point at the block's first sample, w
 * and b at the tile's first output; m: the lanes of the last register to
 * store. z = (sum over i of w h) + b, as OpenBLAS rounds it (see the top). */
static NN_AVX512_INLINE void
forward_block (const float *h,
               const float *w,
               const float *b,
               float       *z,
               float       *a,
               int          ld,
               int          in,
               __mmask16    m,
               const int    K,
               const int    V)
{
  __m512 acc[V_MAX][16];

  _Pragma ("GCC unroll 16")
  for (int k = 0; k < K; k++)
    _Pragma ("GCC unroll 2")
    for (int v = 0; v < V; v++)
      acc[v][k] = _mm512_setzero_ps ();
  for (int i = 0; i < in; i++)
    {
      __m512 hi[V_MAX];

      _Pragma ("GCC unroll 2")
      for (int v = 0; v < V; v++)
        hi[v] = _mm512_loadu_ps (h + (size_t) i * ld + 16 * v);
      _Pragma ("GCC unroll 16")
      for (int k = 0; k < K; k++)
        {
          __m512 wki = _mm512_set1_ps (w[(size_t) k * in + i]);

          _Pragma ("GCC unroll 2")
          for (int v = 0; v < V; v++)
            acc[v][k] = _mm512_fmadd_ps (wki, hi[v], acc[v][k]);
        }
    }
  _Pragma ("GCC unroll 16")
  for (int k = 0; k < K; k++)
    _Pragma ("GCC unroll 2")
    for (int v = 0; v < V; v++)
      {
        __mmask16 mv = v == V - 1 ? m : (__mmask16) 0xffff;

        acc[v][k] = _mm512_add_ps (acc[v][k], _mm512_set1_ps (b[k]));
        _mm512_mask_storeu_ps (z + (size_t) k * ld + 16 * v, mv, acc[v][k]);
        if (a != NULL)
          _mm512_mask_storeu_ps (a + (size_t) k * ld + 16 * v, mv, sigmoid16 (acc[v][k]));
      }
}

static NN_AVX512_INLINE void
forward_tile (const float *h,
              const float *w,
              const float *b,
              float       *z,
              float       *a,
              int          n,
              int          ld,
              int          in,
              const int    K)
{
  int s = 0;

  if (K <= 12)
    for (; s + 32 <= n; s += 32)
      forward_block (h + s, w, b, z + s, a != NULL ? a + s : NULL, ld, in, 0xffff, K, 2);
  for (; s < n; s += 16)
    forward_block (h + s, w, b, z + s, a != NULL ? a + s : NULL, ld, in, lanes_below (n - s), K, 1);
}

NN_AVX512 void
nn_avx512_linear_forward (const float *h,
                          const float *w,
                          const float *b,
                          float       *z,
                          float       *a,
                          int          n,
                          int          ld,
                          int          in,
                          int          out)
{
  for (int o = 0; o < out; o += 16)
    {
      const float *wo = w + (size_t) o * in;
      float *zo = z + (size_t) o * ld;
      float *ao = a != NULL ? a + (size_t) o * ld : NULL;

      switch (out - o < 16 ? out - o : 16)
        {
#define CALL(K) forward_tile (h, wo, b + o, zo, ao, n, ld, in, K)
          TILE_CASES (CALL);
#undef CALL
        }
    }
}

/* ------------------------------------------------- forward, lane sums */

/* PyTorch's Linear is one sgemm call, C (samples, out) = bias + X W^T, that
 * OpenBLAS 0.3.21 on AVX-512 gives to its small-matrix TN kernel when K =
 * in >= 32 and M N <= 1200 (M, N = samples, 1 when out is 1, else out,
 * samples; see use_lane_sums in mlp.c). That kernel runs along K: sixteen
 * partial sums per element, lane j taking the products k = j,
 * j + 16, ... in order with FMAs from zero, then a pairwise tree of the
 * sixteen, then the bias added (beta 1). This is more accurate than the
 * products summed in order (half their error at in = 64) and it is
 * PyTorch's z, bit for bit. The tree pairs neighbours, ((s0 + s1) + (s2 +
 * s3)) + ..., for the elements that its 4 x 4 blocks reach (row i < M & ~3 or
 * column j < N & ~3); the rest go through _mm512_reduce_add_ps, which
 * halves: s[k] + s[k + 8], then + 4, then (0 + 2) + (1 + 3).
 *
 * Here 16 samples per register; the adds are _mm512_add_round_ps: with
 * -fassociative-math GCC may regroup a plain vector +, not the builtin. */
static NN_AVX512_INLINE __m512
add_exact (__m512 x,
           __m512 y)
{
  return _mm512_add_round_ps (x, y, _MM_FROUND_CUR_DIRECTION);
}

/* one output row, the 16 samples from s: all sixteen partial sums at once,
 * for either tree; the lanes from halving_from on take the halving one */
static NN_AVX512 void
forward_lanes_block (const float *h,
                     const float *w,
                     float        b,
                     float       *z,
                     float       *a,
                     int          s,
                     int          n,
                     int          ld,
                     int          in,
                     int          halving_from)
{
  __m512 acc[16], q[4], y[8], sum, t;
  __mmask16 m = lanes_below (n - s);
  __mmask16 tail = (__mmask16) ~lanes_below (halving_from > s ? halving_from - s : 0);
  int k0;

  _Pragma ("GCC unroll 16")
  for (int j = 0; j < 16; j++)
    acc[j] = _mm512_setzero_ps ();
  for (k0 = 0; k0 + 16 <= in; k0 += 16)
    _Pragma ("GCC unroll 16")
    for (int j = 0; j < 16; j++)
      acc[j] = _mm512_fmadd_ps (_mm512_set1_ps (w[k0 + j]),
                                _mm512_loadu_ps (h + (size_t) (k0 + j) * ld + s), acc[j]);
  _Pragma ("GCC unroll 16")
  for (int j = 0; j < 16; j++)
    if (k0 + j < in)
      acc[j] = _mm512_fmadd_ps (_mm512_set1_ps (w[k0 + j]),
                                _mm512_loadu_ps (h + (size_t) (k0 + j) * ld + s), acc[j]);

  _Pragma ("GCC unroll 4")
  for (int i = 0; i < 4; i++)
    q[i] = add_exact (add_exact (acc[4 * i], acc[4 * i + 1]),
                      add_exact (acc[4 * i + 2], acc[4 * i + 3]));
  sum = add_exact (add_exact (q[0], q[1]), add_exact (q[2], q[3]));
  _Pragma ("GCC unroll 8")
  for (int i = 0; i < 8; i++)
    y[i] = add_exact (acc[i + 8], acc[i]);
  _Pragma ("GCC unroll 4")
  for (int i = 0; i < 4; i++)
    y[i] = add_exact (y[i + 4], y[i]);
  t = add_exact (add_exact (y[0], y[2]), add_exact (y[1], y[3]));
  sum = _mm512_mask_mov_ps (sum, tail, t);
  sum = add_exact (sum, _mm512_set1_ps (b));
  _mm512_mask_storeu_ps (z + s, m, sum);
  if (a != NULL)
    _mm512_mask_storeu_ps (a + s, m, sigmoid16 (sum));
}

/* R output rows (w, b, z, a at the first), the 16 samples from s, the
 * neighbours' tree only: partial sum j is done (its products k = j, j + 16,
 * ... in order) before j + 1 starts, four at a time into the tree, so that
 * R rows share each load of h */
static NN_AVX512_INLINE void
forward_lanes_tile (const float *h,
                    const float *w,
                    const float *b,
                    float       *z,
                    float       *a,
                    int          s,
                    __mmask16    m,
                    int          ld,
                    int          in,
                    const int    R)
{
  __m512 half[4], sum[4];

  _Pragma ("GCC unroll 4")
  for (int g = 0; g < 4; g++)
    {
      __m512 acc[4][4], q;

      _Pragma ("GCC unroll 4")
      for (int jj = 0; jj < 4; jj++)
        {
          int j = 4 * g + jj;

          _Pragma ("GCC unroll 4")
          for (int r = 0; r < R; r++)
            acc[r][jj] = _mm512_setzero_ps ();
          for (int k = j; k < in; k += 16)
            {
              __m512 hk = _mm512_loadu_ps (h + (size_t) k * ld + s);

              _Pragma ("GCC unroll 4")
              for (int r = 0; r < R; r++)
                acc[r][jj] = _mm512_fmadd_ps (_mm512_set1_ps (w[(size_t) r * in + k]), hk, acc[r][jj]);
            }
        }
      _Pragma ("GCC unroll 4")
      for (int r = 0; r < R; r++)
        {
          q = add_exact (add_exact (acc[r][0], acc[r][1]), add_exact (acc[r][2], acc[r][3]));
          if (g % 2 == 0)
            half[r] = q;
          else if (g == 1)
            sum[r] = add_exact (half[r], q);
          else
            sum[r] = add_exact (sum[r], add_exact (half[r], q));
        }
    }
  _Pragma ("GCC unroll 4")
  for (int r = 0; r < R; r++)
    {
      __m512 zr = add_exact (sum[r], _mm512_set1_ps (b[r]));

      _mm512_mask_storeu_ps (z + (size_t) r * ld + s, m, zr);
      if (a != NULL)
        _mm512_mask_storeu_ps (a + (size_t) r * ld + s, m, sigmoid16 (zr));
    }
}

NN_AVX512 void
nn_avx512_linear_forward_lanes (const float *h,
                                const float *w,
                                const float *b,
                                float       *z,
                                float       *a,
                                int          n,
                                int          ld,
                                int          in,
                                int          out)
{
  int n4 = n & ~3, out4 = out & ~3;

  for (int o = 0; o < out; o += 4)
    {
      int rows = out - o < 4 ? out - o : 4;
      /* the samples from n4 on take the halving tree in these rows */
      bool halving = out == 1 || o >= out4;
      const float *wo = w + (size_t) o * in;
      float *zo = z + (size_t) o * ld;
      float *ao = a != NULL ? a + (size_t) o * ld : NULL;

      for (int s = 0; s < n; s += 16)
        {
          if (halving && n4 < n && s + 16 > n4)
            for (int r = 0; r < rows; r++)
              forward_lanes_block (h, wo + (size_t) r * in, b[o + r], zo + (size_t) r * ld,
                                   ao != NULL ? ao + (size_t) r * ld : NULL, s, n, ld, in, n4);
          else
            switch (rows)
              {
#define CALL(R) forward_lanes_tile (h, wo, b + o, zo, ao, s, lanes_below (n - s), ld, in, R)
              case 1: CALL (1); break;
              case 2: CALL (2); break;
              case 3: CALL (3); break;
              default: CALL (4); break;
#undef CALL
              }
        }
    }
}

/* --------------------------------------------------------------- backward */

/* R output rows (dz and dw at the first) against K inputs (h and dw at the
 * tile's first): dw and, when db is not NULL, db. R = 2 shares each load of
 * h between two rows. The sums run over the whole blocks, then over the
 * masked rest; db goes through the same tree as the K sums when it fits. */
static NN_AVX512_INLINE void
backward_w_tile (const float *dz,
                 const float *h,
                 float       *dw,
                 float       *db,
                 int          n,
                 int          ld,
                 int          in,
                 const int    K,
                 const int    R)
{
  __m512 acc[2][17];
  int s;

  _Pragma ("GCC unroll 2")
  for (int r = 0; r < R; r++)
    _Pragma ("GCC unroll 17")
    for (int k = 0; k <= K; k++)
      acc[r][k] = _mm512_setzero_ps ();
  for (s = 0; s + 16 <= n; s += 16)
    {
      __m512 d[2];

      _Pragma ("GCC unroll 2")
      for (int r = 0; r < R; r++)
        {
          d[r] = _mm512_loadu_ps (dz + (size_t) r * ld + s);
          acc[r][K] = _mm512_add_ps (acc[r][K], d[r]);
        }
      _Pragma ("GCC unroll 16")
      for (int k = 0; k < K; k++)
        {
          __m512 hk = _mm512_loadu_ps (h + (size_t) k * ld + s);

          /* one load for the R FMAs: GCC would fold it into each */
          __asm__ ("" : "+v" (hk));
          _Pragma ("GCC unroll 2")
          for (int r = 0; r < R; r++)
            acc[r][k] = _mm512_fmadd_ps (d[r], hk, acc[r][k]);
        }
    }
  if (s < n)
    {
      __mmask16 m = lanes_below (n - s);
      __m512 d[2];

      _Pragma ("GCC unroll 2")
      for (int r = 0; r < R; r++)
        {
          d[r] = _mm512_maskz_loadu_ps (m, dz + (size_t) r * ld + s);
          acc[r][K] = _mm512_add_ps (acc[r][K], d[r]);
        }
      _Pragma ("GCC unroll 16")
      for (int k = 0; k < K; k++)
        {
          __m512 hk = _mm512_maskz_loadu_ps (m, h + (size_t) k * ld + s);

          _Pragma ("GCC unroll 2")
          for (int r = 0; r < R; r++)
            acc[r][k] = _mm512_fmadd_ps (d[r], hk, acc[r][k]);
        }
    }
  _Pragma ("GCC unroll 2")
  for (int r = 0; r < R; r++)
    {
      float *dwr = dw + (size_t) r * in;

      if (K < 16 && db != NULL)
        {
          __m512 sums = sum_lanes (acc[r], K + 1);

          _mm512_mask_storeu_ps (dwr, (__mmask16) ((1u << K) - 1), sums);
          db[r] = _mm512_cvtss_f32 (_mm512_permutexvar_ps (_mm512_set1_epi32 (K), sums));
        }
      else
        {
          _mm512_mask_storeu_ps (dwr, (__mmask16) ((1u << K) - 1), sum_lanes (acc[r], K));
          if (db != NULL)
            db[r] = _mm512_reduce_add_ps (acc[r][K]);
        }
    }
}

NN_AVX512 void
nn_avx512_linear_backward_w (const float *dz,
                             const float *h,
                             float       *dw,
                             float       *db,
                             int          n,
                             int          ld,
                             int          in,
                             int          out)
{
  for (int i = 0; i < in; i += 16)
    {
      const float *hi = h + (size_t) i * ld;
      int o = 0;

      switch (in - i < 16 ? in - i : 16)
        {
#define CALL(K)                                                                        \
          for (; K <= 12 && o + 2 <= out; o += 2)                                      \
            backward_w_tile (dz + (size_t) o * ld, hi, dw + (size_t) o * in + i,      \
                             i == 0 ? db + o : NULL, n, ld, in, K, 2);                 \
          for (; o < out; o++)                                                         \
            backward_w_tile (dz + (size_t) o * ld, hi, dw + (size_t) o * in + i,      \
                             i == 0 ? db + o : NULL, n, ld, in, K, 1)
          TILE_CASES (CALL);
#undef CALL
        }
    }
}

/* K inputs, V * 16 samples: dz, y and dh point at the block's first
 * sample, w at the tile's first column (the row stride is in), y and dh at
 * its first row; m: the lanes of the last register to store */
static NN_AVX512_INLINE void
backward_h_block (const float *dz,
                  const float *w,
                  const float *y,
                  float       *dh,
                  int          ld,
                  int          in,
                  int          out,
                  __mmask16    m,
                  const int    K,
                  const int    V)
{
  const __m512 one = _mm512_set1_ps (1.0f);
  __m512 acc[V_MAX][16];

  _Pragma ("GCC unroll 16")
  for (int k = 0; k < K; k++)
    _Pragma ("GCC unroll 2")
    for (int v = 0; v < V; v++)
      acc[v][k] = _mm512_setzero_ps ();
  for (int o = 0; o < out; o++)
    {
      __m512 d[V_MAX];

      _Pragma ("GCC unroll 2")
      for (int v = 0; v < V; v++)
        d[v] = _mm512_loadu_ps (dz + (size_t) o * ld + 16 * v);
      _Pragma ("GCC unroll 16")
      for (int k = 0; k < K; k++)
        {
          __m512 wok = _mm512_set1_ps (w[(size_t) o * in + k]);

          _Pragma ("GCC unroll 2")
          for (int v = 0; v < V; v++)
            acc[v][k] = _mm512_fmadd_ps (wok, d[v], acc[v][k]);
        }
    }
  _Pragma ("GCC unroll 16")
  for (int k = 0; k < K; k++)
    _Pragma ("GCC unroll 2")
    for (int v = 0; v < V; v++)
      {
        __m512 g = acc[v][k];

        if (y != NULL)
          {
            __m512 yk = _mm512_loadu_ps (y + (size_t) k * ld + 16 * v);

            g = _mm512_mul_ps (_mm512_mul_ps (g, _mm512_sub_ps (one, yk)), yk);
          }
        _mm512_mask_storeu_ps (dh + (size_t) k * ld + 16 * v, v == V - 1 ? m : (__mmask16) 0xffff, g);
      }
}

static NN_AVX512_INLINE void
backward_h_tile (const float *dz,
                 const float *w,
                 const float *y,
                 float       *dh,
                 int          n,
                 int          ld,
                 int          in,
                 int          out,
                 const int    K)
{
  int s = 0;

  if (K <= 12)
    for (; s + 32 <= n; s += 32)
      backward_h_block (dz + s, w, y != NULL ? y + s : NULL, dh + s, ld, in, out, 0xffff, K, 2);
  for (; s < n; s += 16)
    backward_h_block (dz + s, w, y != NULL ? y + s : NULL, dh + s, ld, in, out, lanes_below (n - s), K, 1);
}

NN_AVX512 void
nn_avx512_linear_backward_h (const float *dz,
                             const float *w,
                             const float *y,
                             float       *dh,
                             int          n,
                             int          ld,
                             int          in,
                             int          out)
{
  for (int i = 0; i < in; i += 16)
    {
      const float *yi = y != NULL ? y + (size_t) i * ld : NULL;
      float *dhi = dh + (size_t) i * ld;

      switch (in - i < 16 ? in - i : 16)
        {
#define CALL(K) backward_h_tile (dz, w + i, yi, dhi, n, ld, in, out, K)
          TILE_CASES (CALL);
#undef CALL
        }
    }
}

/* y = sigmoid (z) on n values (the layers that go through CBLAS) */
NN_AVX512 void
nn_avx512_sigmoid (const float *z,
                   float       *y,
                   size_t       n)
{
  size_t i;

  for (i = 0; i + 16 <= n; i += 16)
    _mm512_storeu_ps (y + i, sigmoid16 (_mm512_loadu_ps (z + i)));
  if (i < n)
    {
      __mmask16 m = (__mmask16) ((1u << (n - i)) - 1);

      _mm512_mask_storeu_ps (y + i, m, sigmoid16 (_mm512_maskz_loadu_ps (m, z + i)));
    }
}

/* ---------------------------------------------------------------- setup */

/* dst (cols, rows) = src (rows, cols)^T, 16 rows per gather */
NN_AVX512 void
nn_avx512_transpose (const float *src,
                     float       *dst,
                     int          rows,
                     int          cols)
{
  const __m512i lanes = _mm512_set_epi32 (15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  const __m512i stride = _mm512_mullo_epi32 (lanes, _mm512_set1_epi32 (cols));

  for (int c = 0; c < cols; c++)
    for (int r = 0; r < rows; r += 16)
      {
        __mmask16 m = rows - r >= 16 ? (__mmask16) 0xffff : (__mmask16) ((1u << (rows - r)) - 1);
        __m512 v = _mm512_mask_i32gather_ps (_mm512_setzero_ps (), m, stride,
                                             src + (size_t) r * cols + c, 4);

        _mm512_mask_storeu_ps (dst + (size_t) c * rows + r, m, v);
      }
}

#else /* no AVX-512 kernels in this build */

#include <stdio.h>
#include <stdlib.h>

/* kernels.h declares these for both builds: they cannot be noreturn there */
#pragma GCC diagnostic ignored "-Wmissing-noreturn"

/* Without the kernels nn_avx512_available () is false, and mlp-template.h and activation.c call
 * none of the others. A call means a caller skipped that check: stop rather than leave its
 * output unwritten. */
_Noreturn static void
missing_kernel (const char *name)
{
  fprintf (stderr, "gradlens: %s called in a build without the AVX-512 kernels "
           "(nn_avx512_available () is false)\n", name);
  abort ();
}

bool
nn_avx512_available (void)
{
  return false;
}

void
nn_avx512_linear_forward (const float *h, const float *w, const float *b, float *z, float *a,
                          int n, int ld, int in, int out)
{
  missing_kernel (__func__);
}

void
nn_avx512_linear_forward_lanes (const float *h, const float *w, const float *b, float *z, float *a,
                                int n, int ld, int in, int out)
{
  missing_kernel (__func__);
}

void
nn_avx512_linear_backward_w (const float *dz, const float *h, float *dw, float *db,
                             int n, int ld, int in, int out)
{
  missing_kernel (__func__);
}

void
nn_avx512_linear_backward_h (const float *dz, const float *w, const float *y, float *dh,
                             int n, int ld, int in, int out)
{
  missing_kernel (__func__);
}

void
nn_avx512_sigmoid (const float *z, float *y, size_t n)
{
  missing_kernel (__func__);
}

void
nn_avx512_transpose (const float *src, float *dst, int rows, int cols)
{
  missing_kernel (__func__);
}

#endif
