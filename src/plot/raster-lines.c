/* raster-lines.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Lines and markers: round-capped segments and discs, as coverage from the distance of each
 * pixel centre to the shape, gathered in the coverage buffer that _plot_raster_composite()
 * (raster.c) paints in the series colour. SSE2 code, and AVX2 code where the processor has
 * it, sharing one scalar loop for the pixels at the end of a row. */

#include "config.h"

#include "raster-private.h"

static inline void
touch_row (PlotRaster *raster,
           int         row,
           int         i0,
           int         i1)
{
  if (i0 < raster->span_min[row])
    raster->span_min[row] = i0;
  if (i1 > raster->span_max[row])
    raster->span_max[row] = i1;
  if (row < raster->row_min)
    raster->row_min = row;
  if (row > raster->row_max)
    raster->row_max = row;
}

/* sqrt (d2) to 1/4096 or so, which is plenty for coverage: the reciprocal square root
 * estimate is several times faster than a square root. The SIMD loop below uses the same
 * instruction, so both give identical pixels. */
static inline float
distance (float d2)
{
#ifdef __SSE2__
  __m128 v = _mm_max_ss (_mm_set_ss (d2), _mm_set_ss (1e-12f));

  return _mm_cvtss_f32 (_mm_mul_ss (v, _mm_rsqrt_ss (v)));
#else
  return sqrtf (d2);
#endif
}

/* The span of row @j in reach of the shape of coverage_rows(); FALSE if empty. */
static inline gboolean
row_span (const PlotRaster *raster,
          int               j,
          double            ax,
          double            ay,
          double            reach2,
          gboolean          disc,
          gboolean          steep,
          double            slope,
          double            half,
          double            xlo,
          double            xhi,
          int              *i0,
          int              *i1)
{
  double yc = j + 0.5, lo = xlo, hi = xhi;

  if (disc)
    {
      double yd = yc - ay, w;

      if (yd * yd >= reach2)
        return FALSE;
      w = sqrt (reach2 - yd * yd);
      lo = ax - w;
      hi = ax + w;
    }
  else if (steep)
    {
      double xc = ax + (yc - ay) * slope;

      lo = MAX (lo, xc - half);
      hi = MIN (hi, xc + half);
    }
  *i0 = MAX (raster->x0, iceil (lo - 0.5));
  *i1 = MIN (raster->x1 - 1, ifloor (hi - 0.5));
  return *i0 <= *i1;
}

/* The pixels @i .. @i1 of @row (indexed by device column) left after the SIMD steps of
 * coverage_rows() or coverage_rows_avx2(), one at a time: pixel k of the row is at
 * @px0 + (k - @i0), @py from the start of the segment. The same IEEE operations as the SIMD
 * lanes, so the same pixels. Returns the last pixel written: @i1, or past it where the SIMD
 * steps went beyond (with the exact coverage there too). */
static inline int
coverage_tail (guint8 *row,
               int     i,
               int     i0,
               int     i1,
               float   px0,
               float   py,
               float   fdx,
               float   fdy,
               float   inv_len2,
               float   freach)
{
  if (i > i1)
    return i - 1;
  for (; i <= i1; i++)
    {
      float px = px0 + (float) (i - i0);
      float t = (px * fdx + py * fdy) * inv_len2;
      float qx, qy, c;
      guint v;

      t = t > 0.0f ? t : 0.0f;
      t = t < 1.0f ? t : 1.0f;
      qx = px - t * fdx;
      qy = py - t * fdy;
      c = freach - distance (qx * qx + qy * qy);
      c = c > 0.0f ? c : 0.0f;
      c = c < 1.0f ? c : 1.0f;
      v = (guint) (c * 255.0f + 0.5f);
      if (v > row[i])
        row[i] = (guint8) v;
    }
  return i1;
}

/* Puts max (coverage, existing) into every pixel within reach of the segment from (ax, ay)
 * to (ax + dx, ay + dy) (device pixels; a disc when dx = dy = 0), where the coverage of a
 * pixel is clamp (reach - d, 0, 1), d the distance of its centre to the segment. Rows j0..j1;
 * each row from the pixels that may be in reach: within a slanted band around a steep
 * segment (half its width @half along a row, @slope = dx / dy), within the disc for a disc,
 * else within [xlo, xhi]. Single precision, four pixels at a time with SSE2; the scalar loop
 * (coverage_tail()) computes the very same IEEE operations, so both give identical pixels.
 * A row may be written past its last pixel in reach (up to the clip), with the exact
 * coverage there too. */
static inline void
coverage_rows (PlotRaster *raster,
               double      ax,
               double      ay,
               double      dx,
               double      dy,
               double      reach,
               int         j0,
               int         j1,
               gboolean    disc,
               gboolean    steep,
               double      slope,
               double      half,
               double      xlo,
               double      xhi)
{
  double len2 = dx * dx + dy * dy;
  float fdx = (float) dx, fdy = (float) dy, freach = (float) reach;
  float inv_len2 = len2 > 0 ? (float) (1.0 / len2) : 0.0f;
  double reach2 = reach * reach;
  int j;
#ifdef __SSE2__
  const int limit = raster->x1 - 1;
  const __m128 zero = _mm_setzero_ps (), one = _mm_set1_ps (1.0f);
  const __m128 vdx = _mm_set1_ps (fdx), vdy = _mm_set1_ps (fdy);
  const __m128 vinv = _mm_set1_ps (inv_len2), vreach = _mm_set1_ps (freach);
  const __m128 v255 = _mm_set1_ps (255.0f), vhalf = _mm_set1_ps (0.5f);
  const __m128 steps = _mm_setr_ps (0.0f, 1.0f, 2.0f, 3.0f);
  const __m128 tiny = _mm_set1_ps (1e-12f);
#endif

#ifdef __SSE2__
  /* A shape at most eight pixels wide (a marker, a line between close categories): every
   * row is the same eight pixels, with no span to work out per row. */
  {
    int t0 = MAX (raster->x0, iceil (xlo - 0.5)), t1 = MIN (limit, ifloor (xhi - 0.5));

    if (t1 - t0 < 8 && t0 + 7 <= limit)
      {
        const __m128 px0 = _mm_set1_ps ((float) (t0 + 0.5 - ax));
        const __m128 px_lo = _mm_add_ps (px0, steps);
        const __m128 px_hi = _mm_add_ps (px0, _mm_setr_ps (4.0f, 5.0f, 6.0f, 7.0f));

        for (j = j0; j <= j1; j++)
          {
            guint8 *row = raster->cov + (gsize) (j - raster->y0) * raster->w + (t0 - raster->x0);
            const __m128 vpy = _mm_set1_ps ((float) (j + 0.5 - ay));
            const __m128 pydy = _mm_mul_ps (vpy, vdy);
            __m128i v[2];
            int k;

            for (k = 0; k < 2; k++)
              {
                __m128 px = k == 0 ? px_lo : px_hi;
                __m128 t = _mm_mul_ps (_mm_add_ps (_mm_mul_ps (px, vdx), pydy), vinv);
                __m128 qx, qy, d2, c;

                t = _mm_min_ps (_mm_max_ps (t, zero), one);
                qx = _mm_sub_ps (px, _mm_mul_ps (t, vdx));
                qy = _mm_sub_ps (vpy, _mm_mul_ps (t, vdy));
                d2 = _mm_max_ps (_mm_add_ps (_mm_mul_ps (qx, qx), _mm_mul_ps (qy, qy)), tiny);
                c = _mm_sub_ps (vreach, _mm_mul_ps (d2, _mm_rsqrt_ps (d2)));
                c = _mm_min_ps (_mm_max_ps (c, zero), one);
                v[k] = _mm_cvttps_epi32 (_mm_add_ps (_mm_mul_ps (c, v255), vhalf));
              }
            v[0] = _mm_packs_epi32 (v[0], v[1]);
            v[0] = _mm_packus_epi16 (v[0], v[0]);
            v[0] = _mm_max_epu8 (v[0], _mm_loadl_epi64 ((const __m128i *) (const void *) row));
            _mm_storel_epi64 ((__m128i *) (void *) row, v[0]);
            touch_row (raster, j - raster->y0, t0 - raster->x0, t0 + 7 - raster->x0);
          }
        return;
      }
  }
#endif

  for (j = j0; j <= j1; j++)
    {
      guint8 *row;
      float px0, py;
      int i0, i1, i;

      if (!row_span (raster, j, ax, ay, reach2, disc, steep, slope, half, xlo, xhi, &i0, &i1))
        continue;
      row = raster->cov + (gsize) (j - raster->y0) * raster->w - raster->x0;
      px0 = (float) (i0 + 0.5 - ax);
      py = (float) (j + 0.5 - ay);
      i = i0;

#ifdef __SSE2__
      {
        const __m128 vpy = _mm_set1_ps (py), vpx0 = _mm_set1_ps (px0);
        const __m128 pydy = _mm_mul_ps (vpy, vdy);

        for (; i <= i1 && i + 3 <= limit; i += 4)
          {
            /* px0 + (i - i0 + k): the offsets are exact, one rounding as in the scalar loop */
            __m128 px = _mm_add_ps (vpx0, _mm_add_ps (_mm_set1_ps ((float) (i - i0)), steps));
            __m128 t = _mm_mul_ps (_mm_add_ps (_mm_mul_ps (px, vdx), pydy), vinv);
            __m128 qx, qy, d2, c;
            __m128i v;
            guint32 packed, old;

            t = _mm_min_ps (_mm_max_ps (t, zero), one);
            qx = _mm_sub_ps (px, _mm_mul_ps (t, vdx));
            qy = _mm_sub_ps (vpy, _mm_mul_ps (t, vdy));
            d2 = _mm_max_ps (_mm_add_ps (_mm_mul_ps (qx, qx), _mm_mul_ps (qy, qy)), tiny);
            c = _mm_sub_ps (vreach, _mm_mul_ps (d2, _mm_rsqrt_ps (d2)));
            c = _mm_min_ps (_mm_max_ps (c, zero), one);
            v = _mm_cvttps_epi32 (_mm_add_ps (_mm_mul_ps (c, v255), vhalf));
            v = _mm_packs_epi32 (v, v);
            v = _mm_packus_epi16 (v, v);
            memcpy (&old, row + i, 4);
            v = _mm_max_epu8 (v, _mm_cvtsi32_si128 ((int) old));
            packed = (guint32) _mm_cvtsi128_si32 (v);
            memcpy (row + i, &packed, 4);
          }
      }
#endif

      i1 = coverage_tail (row, i, i0, i1, px0, py, fdx, fdy, inv_len2, freach);
      touch_row (raster, j - raster->y0, i0 - raster->x0, i1 - raster->x0);
    }
}

#ifdef PLOT_RASTER_AVX2
/* coverage_rows() with AVX2: the rows of a thin line or a small marker are a few pixels
 * wide, so two rows of up to four pixels share one eight-lane step (two independent rows
 * per chain of dependent instructions), and a wider row takes eight pixels a step. The same
 * IEEE operations (no fused multiply-add), so the same pixels. */
static __attribute__ ((target ("avx2"))) void
coverage_rows_avx2 (PlotRaster *raster,
                    double      ax,
                    double      ay,
                    double      dx,
                    double      dy,
                    double      reach,
                    int         j0,
                    int         j1,
                    gboolean    disc,
                    gboolean    steep,
                    double      slope,
                    double      half,
                    double      xlo,
                    double      xhi)
{
  double len2 = dx * dx + dy * dy;
  float fdx = (float) dx, fdy = (float) dy, freach = (float) reach;
  float inv_len2 = len2 > 0 ? (float) (1.0 / len2) : 0.0f;
  double reach2 = reach * reach;
  int limit = raster->x1 - 1, j, i0 = 0, i1 = -1, n0 = 0, n1 = -1;
  gboolean have = FALSE;
  const __m256 zero = _mm256_setzero_ps (), one = _mm256_set1_ps (1.0f);
  const __m256 vdx = _mm256_set1_ps (fdx), vdy = _mm256_set1_ps (fdy);
  const __m256 vinv = _mm256_set1_ps (inv_len2), vreach = _mm256_set1_ps (freach);
  const __m256 v255 = _mm256_set1_ps (255.0f), vhalf = _mm256_set1_ps (0.5f);
  const __m256 steps = _mm256_setr_ps (0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f);
  const __m256 pair_steps = _mm256_setr_ps (0.0f, 1.0f, 2.0f, 3.0f, 0.0f, 1.0f, 2.0f, 3.0f);
  const __m256 tiny = _mm256_set1_ps (1e-12f);

#define COVERAGE8(px, py, out)                                                              \
  G_STMT_START {                                                                            \
    __m256 t_ = _mm256_mul_ps (_mm256_add_ps (_mm256_mul_ps (px, vdx), _mm256_mul_ps (py, vdy)), \
                               vinv);                                                       \
    __m256 qx_, qy_, d2_, c_;                                                               \
    __m256i v_;                                                                             \
    t_ = _mm256_min_ps (_mm256_max_ps (t_, zero), one);                                     \
    qx_ = _mm256_sub_ps (px, _mm256_mul_ps (t_, vdx));                                      \
    qy_ = _mm256_sub_ps (py, _mm256_mul_ps (t_, vdy));                                      \
    d2_ = _mm256_max_ps (_mm256_add_ps (_mm256_mul_ps (qx_, qx_), _mm256_mul_ps (qy_, qy_)), tiny); \
    c_ = _mm256_sub_ps (vreach, _mm256_mul_ps (d2_, _mm256_rsqrt_ps (d2_)));                \
    c_ = _mm256_min_ps (_mm256_max_ps (c_, zero), one);                                     \
    v_ = _mm256_cvttps_epi32 (_mm256_add_ps (_mm256_mul_ps (c_, v255), vhalf));             \
    out = _mm_packs_epi32 (_mm256_castsi256_si128 (v_), _mm256_extracti128_si256 (v_, 1));  \
    out = _mm_packus_epi16 (out, out);                                                      \
  } G_STMT_END

  /* A shape at most eight pixels wide (a marker, a line between close categories): every
   * row is the same eight pixels, with no span to work out per row. */
  i0 = MAX (raster->x0, iceil (xlo - 0.5));
  i1 = MIN (limit, ifloor (xhi - 0.5));
  if (i1 - i0 < 8 && i0 + 7 <= limit)
    {
      const __m256 px = _mm256_add_ps (_mm256_set1_ps ((float) (i0 + 0.5 - ax)), steps);

      for (j = j0; j <= j1; j++)
        {
          guint8 *row = raster->cov + (gsize) (j - raster->y0) * raster->w + (i0 - raster->x0);
          __m256 vpy = _mm256_set1_ps ((float) (j + 0.5 - ay));
          __m128i packed;

          COVERAGE8 (px, vpy, packed);
          packed = _mm_max_epu8 (packed, _mm_loadl_epi64 ((const __m128i *) (const void *) row));
          _mm_storel_epi64 ((__m128i *) (void *) row, packed);
          touch_row (raster, j - raster->y0, i0 - raster->x0, i0 + 7 - raster->x0);
        }
      return;
    }

  j = j0;
  while (j <= j1)
    {
      guint8 *row;
      float px0, py;
      int i;

      /* This row (kept from the last round if it was looked at there), and the next */
      if (!have && !row_span (raster, j, ax, ay, reach2, disc, steep, slope, half, xlo, xhi, &i0, &i1))
        {
          j++;
          continue;
        }
      have = FALSE;
      row = raster->cov + (gsize) (j - raster->y0) * raster->w - raster->x0;
      px0 = (float) (i0 + 0.5 - ax);
      py = (float) (j + 0.5 - ay);

      if (i1 - i0 < 4 && i0 + 3 <= limit && j < j1
          && row_span (raster, j + 1, ax, ay, reach2, disc, steep, slope, half, xlo, xhi, &n0, &n1))
        {
          if (n1 - n0 < 4 && n0 + 3 <= limit)
            {
              guint8 *next = row + raster->w;
              float npx0 = (float) (n0 + 0.5 - ax), npy = (float) (j + 1.5 - ay);
              __m256 px = _mm256_add_ps (_mm256_setr_m128 (_mm_set1_ps (px0), _mm_set1_ps (npx0)),
                                         pair_steps);
              __m256 vpy = _mm256_setr_m128 (_mm_set1_ps (py), _mm_set1_ps (npy));
              __m128i packed;
              guint32 a, b;

              COVERAGE8 (px, vpy, packed);
              memcpy (&a, row + i0, 4);
              memcpy (&b, next + n0, 4);
              packed = _mm_max_epu8 (packed, _mm_setr_epi32 ((int) a, (int) b, 0, 0));
              a = (guint32) _mm_cvtsi128_si32 (packed);
              b = (guint32) _mm_cvtsi128_si32 (_mm_srli_si128 (packed, 4));
              memcpy (row + i0, &a, 4);
              memcpy (next + n0, &b, 4);
              touch_row (raster, j - raster->y0, i0 - raster->x0, i0 + 3 - raster->x0);
              touch_row (raster, j + 1 - raster->y0, n0 - raster->x0, n0 + 3 - raster->x0);
              j += 2;
              continue;
            }
          have = TRUE;  /* the next row's span is known: do not compute it again */
        }

      i = i0;
      {
        const __m256 vpy = _mm256_set1_ps (py), vpx0 = _mm256_set1_ps (px0);

        for (; i <= i1 && i + 7 <= limit; i += 8)
          {
            __m256 px = _mm256_add_ps (vpx0, _mm256_add_ps (_mm256_set1_ps ((float) (i - i0)), steps));
            __m128i packed;

            COVERAGE8 (px, vpy, packed);
            packed = _mm_max_epu8 (packed, _mm_loadl_epi64 ((const __m128i *) (const void *) (row + i)));
            _mm_storel_epi64 ((__m128i *) (void *) (row + i), packed);
          }
      }
      i1 = coverage_tail (row, i, i0, i1, px0, py, fdx, fdy, inv_len2, freach);
      touch_row (raster, j - raster->y0, i0 - raster->x0, i1 - raster->x0);
      j++;
      if (have)
        {
          i0 = n0;
          i1 = n1;
        }
    }
#undef COVERAGE8
}
#endif

/* A line segment with round caps: every pixel gets the coverage of its distance to the
 * segment, so a polyline drawn as segments is the union cairo strokes with round joins. */
void
_plot_raster_capsule (PlotRaster *raster,
                      double      ax,
                      double      ay,
                      double      bx,
                      double      by,
                      double      half_width)
{
  double reach = half_width * raster->scale + 0.5;
  double dx, dy, len2, half = 0.0, slope = 0.0;
  gboolean steep;
  int j0, j1;

  ax = ax * raster->scale + raster->ox;
  ay = ay * raster->scale + raster->oy;
  bx = bx * raster->scale + raster->ox;
  by = by * raster->scale + raster->oy;
  if (!(fabs (ax) < 1e8 && fabs (ay) < 1e8 && fabs (bx) < 1e8 && fabs (by) < 1e8))
    return;
  dx = bx - ax;
  dy = by - ay;
  len2 = dx * dx + dy * dy;

  j0 = MAX (raster->y0, iceil (MIN (ay, by) - reach - 0.5));
  j1 = MIN (raster->y1 - 1, ifloor (MAX (ay, by) + reach - 0.5));
  steep = fabs (dy) > 1e-6;
  if (steep)
    {
      slope = dx / dy;
      half = reach * sqrt (len2) / fabs (dy);
    }
#ifdef PLOT_RASTER_AVX2
  if (raster->avx2)
    {
      coverage_rows_avx2 (raster, ax, ay, dx, dy, reach, j0, j1, FALSE, steep, slope, half,
                          MIN (ax, bx) - reach, MAX (ax, bx) + reach);
      return;
    }
#endif
  coverage_rows (raster, ax, ay, dx, dy, reach, j0, j1, FALSE, steep, slope, half,
                 MIN (ax, bx) - reach, MAX (ax, bx) + reach);
}

void
_plot_raster_disc (PlotRaster *raster,
                   double      cx,
                   double      cy,
                   double      radius)
{
  double reach = radius * raster->scale + 0.5;
  int j0, j1;

  cx = cx * raster->scale + raster->ox;
  cy = cy * raster->scale + raster->oy;
  if (!(fabs (cx) < 1e8 && fabs (cy) < 1e8 && reach < 1e6))
    return;
  j0 = MAX (raster->y0, iceil (cy - reach - 0.5));
  j1 = MIN (raster->y1 - 1, ifloor (cy + reach - 0.5));
#ifdef PLOT_RASTER_AVX2
  if (raster->avx2)
    {
      coverage_rows_avx2 (raster, cx, cy, 0.0, 0.0, reach, j0, j1, TRUE, FALSE, 0.0, 0.0,
                          cx - reach, cx + reach);
      return;
    }
#endif
  coverage_rows (raster, cx, cy, 0.0, 0.0, reach, j0, j1, TRUE, FALSE, 0.0, 0.0,
                 cx - reach, cx + reach);
}
