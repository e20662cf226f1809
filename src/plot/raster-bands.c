/* raster-bands.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Bands: exact area coverage, computed a block of eight pixel columns at a time and blended
 * straight into the surface, row by row, eight pixels per AVX2 operation where the processor
 * has AVX2 (chosen at run time), four per SSE2 operation otherwise.
 *
 * Within one column, a piece of band between edges t(x) above and b(x) below (linear over the
 * piece, of width w) covers w × (A_b (j) - A_t (j)) of pixel row j, where A_e (j) is the mean
 * share of the row that lies above edge e: clamp (e - j, 0, 1) averaged over the piece. A_e is
 * 1 above floor (min e), 0 from ceil (max e) down, and needs computing only on the rows in
 * between, which an edge crosses. So the coverage is a running sum that steps up by w at
 * floor (min t) and down by w at floor (min b) (band_run), plus the exact shares on the rows
 * that the edges cross (band_acc), both kept for a block of BAND_LANES columns. Nothing is
 * computed per pixel inside the band but the blend, and the pieces of one band that meet in
 * a column add up without a seam. */

#include "config.h"

#include "raster-private.h"

#define BAND_LANES 8

typedef struct
{
  double xa;
  double xb;
  double e1;        /* first edge at xa, device y */
  double e1_slope;  /* its dy/dx */
  double e1_inv;    /* 1 / |dy/dx|, 0 when flat */
  double e2;        /* the other edge */
  double e2_slope;
  double e2_inv;
} DevicePiece;

#ifndef __SSE2__
/* Antiderivative of clamp (u, 0, 1). */
static inline double
ramp_integral (double u)
{
  double c = u > 0.0 ? u : 0.0;
  double e = u > 1.0 ? u - 1.0 : 0.0;

  c = c < 1.0 ? c : 1.0;
  return 0.5 * c * c + e;
}
#endif

/* Adds @w × A_e (j) to rows j in [j0, j1) of @col, the coverage of one column of the block,
 * for an edge that goes linearly from @lo to @hi (in either direction) over a column piece
 * of width @w, with @k = w / (hi - lo): A_e (j) = k / w × (R (hi - j) - R (lo - j)), R the
 * antiderivative of clamp (u, 0, 1). Four rows a step without a branch: an edge crosses few
 * rows of a column, and from ceil (hi) down R (hi - j) = R (lo - j) = 0, so a step past the
 * last row crossed adds exact zeros (@col has room for them). */
static inline void
band_edge (float  *col,
           double  w,
           double  lo,
           double  hi,
           double  k,
           int     j0,
           int     j1)
{
  int j;

  if (hi - lo < 1e-6)
    {
      for (j = j0; j < j1; j++)
        col[j] += (float) (w * CLAMP (lo - j, 0.0, 1.0));
      return;
    }
#ifdef __SSE2__
  {
    const __m128 zero = _mm_setzero_ps (), one = _mm_set1_ps (1.0f), half = _mm_set1_ps (0.5f);
    const __m128 steps = _mm_setr_ps (0.0f, 1.0f, 2.0f, 3.0f), vk = _mm_set1_ps ((float) k);

    for (j = j0; j < j1; j += 4)
      {
        __m128 uh = _mm_sub_ps (_mm_set1_ps ((float) (hi - j)), steps);
        __m128 ul = _mm_sub_ps (_mm_set1_ps ((float) (lo - j)), steps);
        __m128 ch = _mm_min_ps (_mm_max_ps (uh, zero), one);
        __m128 cl = _mm_min_ps (_mm_max_ps (ul, zero), one);
        __m128 rh = _mm_add_ps (_mm_mul_ps (_mm_mul_ps (ch, ch), half), _mm_max_ps (_mm_sub_ps (uh, one), zero));
        __m128 rl = _mm_add_ps (_mm_mul_ps (_mm_mul_ps (cl, cl), half), _mm_max_ps (_mm_sub_ps (ul, one), zero));

        _mm_storeu_ps (col + j, _mm_add_ps (_mm_loadu_ps (col + j), _mm_mul_ps (vk, _mm_sub_ps (rh, rl))));
      }
  }
#else
  for (j = j0; j < j1; j++)
    col[j] += (float) (k * (ramp_integral (hi - j) - ramp_integral (lo - j)));
#endif
}

/* Adds the part of @piece over device column @c to lane @lane of the block buffers; widens
 * [*rs, *re), the relative rows the block needs swept. */
static inline void
band_column (PlotRaster        *raster,
             const DevicePiece *piece,
             int                c,
             int                lane,
             int               *rs,
             int               *re)
{
  double sa = MAX ((double) c, piece->xa), sb = MIN (c + 1.0, piece->xb), w = sb - sa;
  double y0 = raster->y0, e1a, e1b, e2a, e2b, t0, t1, b0, b1, kt, kb;
  int h = raster->h, jt_lo, jt_hi, jb_lo, jb_hi, a, b;

  if (!(w > 0.0))
    return;
  /* Relative to the first row of the raster */
  e1a = piece->e1 + piece->e1_slope * (sa - piece->xa) - y0;
  e1b = e1a + piece->e1_slope * w;
  e2a = piece->e2 + piece->e2_slope * (sa - piece->xa) - y0;
  e2b = e2a + piece->e2_slope * w;
  if (e1a <= e2a && e1b <= e2b)
    {
      t0 = e1a, t1 = e1b, b0 = e2a, b1 = e2b;
      kt = piece->e1_inv, kb = piece->e2_inv;
    }
  else if (e1a >= e2a && e1b >= e2b)
    {
      t0 = e2a, t1 = e2b, b0 = e1a, b1 = e1b;
      kt = piece->e2_inv, kb = piece->e1_inv;
    }
  else
    {
      /* The edges cross in this column: the upper one at each end */
      t0 = MIN (e1a, e2a), t1 = MIN (e1b, e2b), b0 = MAX (e1a, e2a), b1 = MAX (e1b, e2b);
      kt = fabs (t1 - t0) >= 1e-6 ? w / fabs (t1 - t0) : 0.0;
      kb = fabs (b1 - b0) >= 1e-6 ? w / fabs (b1 - b0) : 0.0;
    }
  if (t0 > t1)
    {
      double tmp = t0;

      t0 = t1;
      t1 = tmp;
    }
  if (b0 > b1)
    {
      double tmp = b0;

      b0 = b1;
      b1 = tmp;
    }

  jt_lo = ifloor (t0);
  jt_hi = iceil (t1);
  jb_lo = ifloor (b0);
  jb_hi = iceil (b1);

  /* The running sum: w on the rows from floor (min t) to floor (min b) */
  a = CLAMP (jt_lo, 0, h);
  b = CLAMP (jb_lo, 0, h);
  if (a < b)
    {
      raster->band_run[a * BAND_LANES + lane] += (float) w;
      raster->band_run[b * BAND_LANES + lane] -= (float) w;
      *rs = MIN (*rs, a);
      *re = MAX (*re, MIN (b + 1, h));
    }

  /* The rows the edges cross */
  a = MAX (jt_lo, 0);
  b = MIN (jt_hi, h);
  if (a < b)
    {
      band_edge (raster->band_acc + lane * raster->band_stride, -w, t0, t1, -kt, a, b);
      *rs = MIN (*rs, a);
      *re = MAX (*re, b);
    }
  a = MAX (jb_lo, 0);
  b = MIN (jb_hi, h);
  if (a < b)
    {
      band_edge (raster->band_acc + lane * raster->band_stride, w, b0, b1, kb, a, b);
      *rs = MIN (*rs, a);
      *re = MAX (*re, b);
    }
}

/* Blends rows [rs, re) of the block of @lanes columns starting at device column @cb into
 * the surface, and clears the block buffers. The SIMD versions below take whole blocks and
 * read the coverage of eight (four) rows at a time, turning columns into rows. */
static void
band_sweep_scalar (PlotRaster *raster,
                   int         cb,
                   int         lanes,
                   int         rs,
                   int         re,
                   guint32     src,
                   guint       sa)
{
  float *run = raster->band_run, *acc = raster->band_acc;
  float sum[BAND_LANES] = { 0.0f };
  int stride = raster->band_stride, j, k;

  for (j = rs; j < re; j++)
    {
      guint32 *dst = (guint32 *) (void *) (raster->data + (gsize) (j + raster->y0) * raster->stride)
                     + cb;

      for (k = 0; k < BAND_LANES; k++)
        {
          float v;
          guint a;

          sum[k] += run[j * BAND_LANES + k];
          v = sum[k] + acc[k * stride + j];
          run[j * BAND_LANES + k] = 0.0f;
          acc[k * stride + j] = 0.0f;
          v = v > 0.0f ? v : 0.0f;
          v = v < 1.0f ? v : 1.0f;
          a = (guint) (v * (float) sa + 0.5f);
          if (k < lanes && a != 0)
            dst[k] = lerp_pixel (dst[k], src, a);
        }
    }
}

#ifdef __SSE2__
static void
band_sweep_sse2 (PlotRaster *raster,
                 int         cb,
                 int         rs,
                 int         re,
                 guint32     src,
                 guint       sa)
{
  const __m128 zero = _mm_setzero_ps (), one = _mm_set1_ps (1.0f);
  const __m128 opacity = _mm_set1_ps ((float) sa), half = _mm_set1_ps (0.5f);
  const __m128i src16 = _mm_unpacklo_epi8 (_mm_set1_epi32 ((int) src), _mm_setzero_si128 ());
  float *run = raster->band_run, *acc = raster->band_acc;
  int stride = raster->band_stride, g, q, hb, k;
  __m128 sum[2] = { zero, zero };

  for (g = rs; g < re; g += 4)
    {
      __m128 rows[2][4];

      for (hb = 0; hb < 2; hb++)
        {
          for (k = 0; k < 4; k++)
            {
              rows[hb][k] = _mm_loadu_ps (acc + (4 * hb + k) * stride + g);
              _mm_storeu_ps (acc + (4 * hb + k) * stride + g, zero);
            }
          _MM_TRANSPOSE4_PS (rows[hb][0], rows[hb][1], rows[hb][2], rows[hb][3]);
        }
      for (q = 0; q < 4 && g + q < re; q++)
        {
          int j = g + q;
          guint32 *dst = (guint32 *) (void *) (raster->data + (gsize) (j + raster->y0) * raster->stride)
                         + cb;

          for (hb = 0; hb < 2; hb++)
            {
              float *r = run + j * BAND_LANES + 4 * hb;
              __m128 v;
              __m128i a32, d;

              sum[hb] = _mm_add_ps (sum[hb], _mm_loadu_ps (r));
              _mm_storeu_ps (r, zero);
              v = _mm_add_ps (sum[hb], rows[hb][q]);
              v = _mm_min_ps (_mm_max_ps (v, zero), one);
              a32 = _mm_cvttps_epi32 (_mm_add_ps (_mm_mul_ps (v, opacity), half));
              d = _mm_loadu_si128 ((const __m128i *) (const void *) (dst + 4 * hb));
              d = lerp4 (d, _mm_packs_epi32 (a32, a32), src16);
              _mm_storeu_si128 ((__m128i *) (void *) (dst + 4 * hb), d);
            }
        }
    }
}
#endif

#ifdef PLOT_RASTER_AVX2
/* band_sweep_sse2() eight pixels at a time: the same arithmetic, the same pixels. */
static __attribute__ ((target ("avx2"))) void
band_sweep_avx2 (PlotRaster *raster,
                 int         cb,
                 int         rs,
                 int         re,
                 guint32     src,
                 guint       sa)
{
  const __m256 zero = _mm256_setzero_ps (), one = _mm256_set1_ps (1.0f);
  const __m256 opacity = _mm256_set1_ps ((float) sa), half = _mm256_set1_ps (0.5f);
  const __m256i izero = _mm256_setzero_si256 (), full = _mm256_set1_epi16 (255);
  const __m256i src16 = _mm256_unpacklo_epi8 (_mm256_set1_epi32 ((int) src), izero);
  float *run = raster->band_run, *acc = raster->band_acc;
  int stride = raster->band_stride, g, q, k;
  __m256 sum = zero;

  for (g = rs; g < re; g += 8)
    {
      __m256 r[8], t[8], u[8];

      /* Columns of rows g..g+7 to rows of columns: an 8 × 8 transposition */
      for (k = 0; k < 8; k++)
        {
          r[k] = _mm256_loadu_ps (acc + k * stride + g);
          _mm256_storeu_ps (acc + k * stride + g, zero);
        }
      for (k = 0; k < 8; k += 2)
        {
          t[k] = _mm256_unpacklo_ps (r[k], r[k + 1]);
          t[k + 1] = _mm256_unpackhi_ps (r[k], r[k + 1]);
        }
      for (k = 0; k < 8; k += 4)
        {
          u[k] = _mm256_shuffle_ps (t[k], t[k + 2], _MM_SHUFFLE (1, 0, 1, 0));
          u[k + 1] = _mm256_shuffle_ps (t[k], t[k + 2], _MM_SHUFFLE (3, 2, 3, 2));
          u[k + 2] = _mm256_shuffle_ps (t[k + 1], t[k + 3], _MM_SHUFFLE (1, 0, 1, 0));
          u[k + 3] = _mm256_shuffle_ps (t[k + 1], t[k + 3], _MM_SHUFFLE (3, 2, 3, 2));
        }
      for (k = 0; k < 4; k++)
        {
          r[k] = _mm256_permute2f128_ps (u[k], u[k + 4], 0x20);
          r[k + 4] = _mm256_permute2f128_ps (u[k], u[k + 4], 0x31);
        }

      for (q = 0; q < 8 && g + q < re; q++)
        {
          int j = g + q;
          guint32 *dst = (guint32 *) (void *) (raster->data + (gsize) (j + raster->y0) * raster->stride)
                         + cb;
          __m256 v;
          __m256i a32, d, a16, ta, alo, ahi, lo, hi;

          sum = _mm256_add_ps (sum, _mm256_loadu_ps (run + j * BAND_LANES));
          _mm256_storeu_ps (run + j * BAND_LANES, zero);
          v = _mm256_add_ps (sum, r[q]);
          v = _mm256_min_ps (_mm256_max_ps (v, zero), one);
          a32 = _mm256_cvttps_epi32 (_mm256_add_ps (_mm256_mul_ps (v, opacity), half));
          /* No branch on the coverage: rows switch between empty, partial and full too
           * often for the branch predictor, and a zero opacity leaves a pixel as it is. */
          d = _mm256_loadu_si256 ((const __m256i *) (const void *) dst);
          a16 = _mm256_packs_epi32 (a32, a32);
          ta = _mm256_unpacklo_epi16 (a16, a16);
          alo = _mm256_unpacklo_epi32 (ta, ta);   /* pixels 0, 1 and 4, 5 */
          ahi = _mm256_unpackhi_epi32 (ta, ta);   /* pixels 2, 3 and 6, 7 */
          lo = _mm256_add_epi16 (_mm256_mullo_epi16 (src16, alo),
                                 _mm256_mullo_epi16 (_mm256_unpacklo_epi8 (d, izero),
                                                     _mm256_sub_epi16 (full, alo)));
          hi = _mm256_add_epi16 (_mm256_mullo_epi16 (src16, ahi),
                                 _mm256_mullo_epi16 (_mm256_unpackhi_epi8 (d, izero),
                                                     _mm256_sub_epi16 (full, ahi)));
          d = _mm256_packus_epi16 (div255_epu16_avx2 (lo), div255_epu16_avx2 (hi));
          _mm256_storeu_si256 ((__m256i *) (void *) dst, d);
        }
    }
}
#endif

static void
band_sweep (PlotRaster *raster,
            int         cb,
            int         lanes,
            int         rs,
            int         re,
            guint32     src,
            guint       sa)
{
  if (lanes < BAND_LANES || cb + BAND_LANES > raster->x1)
    {
      band_sweep_scalar (raster, cb, lanes, rs, re, src, sa);
      return;
    }
#ifdef PLOT_RASTER_AVX2
  if (raster->avx2)
    {
      band_sweep_avx2 (raster, cb, rs, re, src, sa);
      return;
    }
#endif
#ifdef __SSE2__
  band_sweep_sse2 (raster, cb, rs, re, src, sa);
#else
  band_sweep_scalar (raster, cb, lanes, rs, re, src, sa);
#endif
}

static void
device_edge (double  ya,
             double  yb,
             double  xa,
             double  xb,
             double *y,
             double *slope,
             double *inv)
{
  *y = ya;
  *slope = (yb - ya) / (xb - xa);
  *inv = fabs (*slope) > 1e-12 ? 1.0 / fabs (*slope) : 0.0;
}

/* Fills and composites a whole band in @color (alpha multiplied by @alpha), OVER the
 * surface: the union of @pieces, ordered by xa, where pieces meeting in a pixel add up. It
 * leaves the coverage that _plot_raster_composite() composites alone. */
void
_plot_raster_band (PlotRaster            *raster,
                   const PlotRasterPiece *pieces,
                   gsize                  n_pieces,
                   const PlotRgba        *color,
                   double                 alpha)
{
  double s = raster->scale, xmax = -G_MAXDOUBLE;
  const DevicePiece *dev;
  guint32 src;
  guint sa;
  gsize i, n, p;
  int cb, cmin, cmax;

  pack_color (color, alpha, &src, &sa);
  if (sa == 0 || n_pieces == 0)
    return;

  if (raster->band_pieces == NULL)
    {
      raster->band_pieces = g_array_new (FALSE, FALSE, sizeof (DevicePiece));
      /* Room below the last row for the steps of band_edge() and band_sweep() past it */
      raster->band_stride = raster->h + 16;
      raster->band_acc = g_new0 (float, (gsize) raster->band_stride * BAND_LANES);
      raster->band_run = g_new0 (float, ((gsize) raster->h + 1) * BAND_LANES);
    }
  g_array_set_size (raster->band_pieces, 0);
  for (i = 0; i < n_pieces; i++)
    {
      const PlotRasterPiece *q = &pieces[i];
      double ta, tb, ba, bb;
      DevicePiece d;

      d.xa = q->xa * s + raster->ox;
      d.xb = q->xb * s + raster->ox;
      if (!(d.xb - d.xa > 1e-9) || !(fabs (d.xa) < 1e8 && fabs (d.xb) < 1e8))
        continue;
      if (d.xb <= raster->x0 || d.xa >= raster->x1)
        continue;
      ta = CLAMP (q->top_a * s + raster->oy, -1e8, 1e8);
      tb = CLAMP (q->top_b * s + raster->oy, -1e8, 1e8);
      ba = CLAMP (q->bottom_a * s + raster->oy, -1e8, 1e8);
      bb = CLAMP (q->bottom_b * s + raster->oy, -1e8, 1e8);
      if (isnan (ta) || isnan (tb) || isnan (ba) || isnan (bb))
        continue;
      device_edge (ta, tb, d.xa, d.xb, &d.e1, &d.e1_slope, &d.e1_inv);
      device_edge (ba, bb, d.xa, d.xb, &d.e2, &d.e2_slope, &d.e2_inv);
      xmax = MAX (xmax, d.xb);
      g_array_append_val (raster->band_pieces, d);
    }
  n = raster->band_pieces->len;
  if (n == 0)
    return;
  dev = (const DevicePiece *) (void *) raster->band_pieces->data;

  cmin = MAX (raster->x0, ifloor (dev[0].xa));
  cmax = MIN (raster->x1, iceil (xmax));
  p = 0;
  for (cb = cmin; cb < cmax; cb += BAND_LANES)
    {
      int lanes = MIN (BAND_LANES, cmax - cb), rs = G_MAXINT, re = G_MININT, c;
      gsize q;

      while (p < n && dev[p].xb <= cb)
        p++;
      for (q = p; q < n && dev[q].xa < cb + lanes; q++)
        {
          int c_from = MAX (cb, ifloor (dev[q].xa)), c_to = MIN (cb + lanes, iceil (dev[q].xb));

          for (c = c_from; c < c_to; c++)
            band_column (raster, &dev[q], c, c - cb, &rs, &re);
        }
      if (rs < re)
        band_sweep (raster, cb, lanes, rs, re, src, sa);
    }
}
