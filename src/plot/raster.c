/* raster.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* AVX2 code chosen at run time, for the processors that have it */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__SSE2__)
#define PLOT_RASTER_AVX2 1
#include <immintrin.h>
#endif

#include "raster.h"

struct _PlotRaster
{
  cairo_surface_t *surface;
  gboolean         offscreen; /* surface is our own image, painted into the target at the end */
  guint8          *data;
  int              stride;
  double           scale;     /* device = user * scale + offset */
  double           ox;
  double           oy;
  int              x0;        /* clip, device pixels [x0, x1) × [y0, y1) */
  int              y0;
  int              x1;
  int              y1;
  int              w;
  int              h;
  guint8          *cov;       /* w × h coverage, 0..255 */
  int             *span_min;  /* per row of cov: touched columns, span_min > span_max when clean */
  int             *span_max;
  int              row_min;   /* touched rows, row_min > row_max when clean */
  int              row_max;
  float           *band_acc;  /* BAND_LANES × band_stride: band coverage of a block of columns,
                               * column by column */
  int              band_stride;
  float           *band_run;  /* (h + 1) × BAND_LANES: steps of its running sum, row by row
                               * (see _plot_raster_band) */
  GArray          *band_pieces;
};

/* floor() and ceil() for coordinates already clamped to ±1e8: libm calls per row and pixel
 * cost more than the rasterising itself on baseline x86-64. */
static inline int
ifloor (double v)
{
  int i = (int) v;

  return i - (v < i);
}

static inline int
iceil (double v)
{
  int i = (int) v;

  return i + (v > i);
}

#ifdef PLOT_RASTER_AVX2
static gboolean
have_avx2 (void)
{
  static int cached = -1;

  if (cached < 0)
    {
      __builtin_cpu_init ();
      cached = __builtin_cpu_supports ("avx2") ? 1 : 0;
      /* For the tests: the SSE2 code must give the same pixels */
      if (g_getenv ("GRADLENS_PLOT_NO_AVX2") != NULL)
        cached = 0;
    }
  return cached == 1;
}

/* x / 255, rounded, for 16-bit lanes holding products of two bytes. */
static inline __attribute__ ((target ("avx2"))) __m256i
div255_epu16_avx2 (__m256i x)
{
  x = _mm256_add_epi16 (x, _mm256_set1_epi16 (128));
  return _mm256_srli_epi16 (_mm256_add_epi16 (x, _mm256_srli_epi16 (x, 8)), 8);
}
#endif

static inline guint
mul_un8 (guint a,
         guint b)
{
  guint t = a * b + 128;

  return (t + (t >> 8)) >> 8;
}

/* Maps the user-space rectangle to whole device pixels inside the surface. */
static gboolean
device_box (PlotRaster *raster,
            double      ux0,
            double      uy0,
            double      ux1,
            double      uy1,
            int         width,
            int         height,
            int        *bx0,
            int        *by0,
            int        *bx1,
            int        *by1)
{
  double dx0 = ux0 * raster->scale + raster->ox;
  double dy0 = uy0 * raster->scale + raster->oy;
  double dx1 = ux1 * raster->scale + raster->ox;
  double dy1 = uy1 * raster->scale + raster->oy;

  if (!(isfinite (dx0) && isfinite (dy0) && isfinite (dx1) && isfinite (dy1)))
    return FALSE;
  *bx0 = (int) CLAMP (floor (MIN (dx0, dx1)), 0, width);
  *by0 = (int) CLAMP (floor (MIN (dy0, dy1)), 0, height);
  *bx1 = (int) CLAMP (ceil (MAX (dx0, dx1)), 0, width);
  *by1 = (int) CLAMP (ceil (MAX (dy0, dy1)), 0, height);
  return TRUE;
}

static void
raster_init_buffers (PlotRaster *raster)
{
  int j;

  raster->w = raster->x1 - raster->x0;
  raster->h = raster->y1 - raster->y0;
  raster->cov = g_malloc0 ((gsize) raster->w * raster->h);
  raster->span_min = g_new (int, raster->h);
  raster->span_max = g_new (int, raster->h);
  for (j = 0; j < raster->h; j++)
    {
      raster->span_min[j] = G_MAXINT;
      raster->span_max[j] = -1;
    }
  raster->row_min = G_MAXINT;
  raster->row_max = -1;
}

/* Draws straight into the pixels of an image surface, the way cairo would. */
static PlotRaster *
raster_new_direct (cairo_t         *cr,
                   cairo_surface_t *target,
                   const PlotRect  *clip)
{
  cairo_rectangle_list_t *rects;
  cairo_matrix_t m;
  cairo_format_t format;
  PlotRaster *raster;
  double dsx, dsy, dox, doy;
  int width, height, cx0, cy0, cx1, cy1;
  gboolean ok = TRUE;

  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return NULL;

  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &dsx, &dsy);
  cairo_surface_get_device_offset (target, &dox, &doy);
  if (m.xy != 0.0 || m.yx != 0.0 || !(m.xx > 0.0) || m.xx != m.yy || dsx != dsy)
    return NULL;

  raster = g_new0 (PlotRaster, 1);
  raster->scale = m.xx * dsx;
  raster->ox = m.x0 * dsx + dox;
  raster->oy = m.y0 * dsy + doy;
  width = cairo_image_surface_get_width (target);
  height = cairo_image_surface_get_height (target);

  if (!device_box (raster, clip->x, clip->y, clip->x + clip->width, clip->y + clip->height,
                   width, height, &raster->x0, &raster->y0, &raster->x1, &raster->y1))
    ok = FALSE;

  /* The caller's clip: one rectangle, or none at all. */
  rects = cairo_copy_clip_rectangle_list (cr);
  if (ok && rects->status == CAIRO_STATUS_SUCCESS && rects->num_rectangles == 1)
    {
      cairo_rectangle_t *r = &rects->rectangles[0];

      ok = device_box (raster, r->x, r->y, r->x + r->width, r->y + r->height, width, height,
                       &cx0, &cy0, &cx1, &cy1);
      raster->x0 = MAX (raster->x0, cx0);
      raster->y0 = MAX (raster->y0, cy0);
      raster->x1 = MIN (raster->x1, cx1);
      raster->y1 = MIN (raster->y1, cy1);
    }
  else if (ok && rects->status == CAIRO_STATUS_CLIP_NOT_REPRESENTABLE)
    {
      double ex0, ey0, ex1, ey1;

      /* Either no clip or a complex one: accept only a clip that covers the surface. */
      cairo_clip_extents (cr, &ex0, &ey0, &ex1, &ey1);
      ok = device_box (raster, ex0, ey0, ex1, ey1, width, height, &cx0, &cy0, &cx1, &cy1)
           && cx0 == 0 && cy0 == 0 && cx1 == width && cy1 == height;
    }
  else
    ok = FALSE;
  cairo_rectangle_list_destroy (rects);

  if (!ok || raster->x1 <= raster->x0 || raster->y1 <= raster->y0)
    {
      g_free (raster);
      return NULL;
    }

  raster->surface = cairo_surface_reference (target);
  cairo_surface_flush (target);
  raster->data = cairo_image_surface_get_data (target);
  raster->stride = cairo_image_surface_get_stride (target);
  raster_init_buffers (raster);
  return raster;
}

/* A recording surface (what gtk_snapshot_append_cairo() draws on) would replay every path
 * through cairo's slow rasteriser: draw the data into an image at the screen's resolution
 * instead, and paint that image into the recording. */
static PlotRaster *
raster_new_offscreen (cairo_t        *cr,
                      const PlotRect *clip,
                      double          scale)
{
  cairo_matrix_t m;
  PlotRaster *raster;
  double s, fx0, fy0, fx1, fy1;

  cairo_get_matrix (cr, &m);
  if (m.xy != 0.0 || m.yx != 0.0 || !(m.xx > 0.0) || m.xx != m.yy)
    return NULL;
  s = scale * m.xx;
  fx0 = floor (clip->x * s);
  fy0 = floor (clip->y * s);
  fx1 = ceil ((clip->x + clip->width) * s);
  fy1 = ceil ((clip->y + clip->height) * s);
  if (!(fx1 > fx0 && fy1 > fy0) || fx1 - fx0 > 16384 || fy1 - fy0 > 16384)
    return NULL;

  raster = g_new0 (PlotRaster, 1);
  raster->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (fx1 - fx0),
                                                (int) (fy1 - fy0));
  if (cairo_surface_status (raster->surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (raster->surface);
      g_free (raster);
      return NULL;
    }
  raster->offscreen = TRUE;
  raster->scale = s;
  raster->ox = -fx0;
  raster->oy = -fy0;
  raster->x0 = 0;
  raster->y0 = 0;
  raster->x1 = (int) (fx1 - fx0);
  raster->y1 = (int) (fy1 - fy0);
  raster->data = cairo_image_surface_get_data (raster->surface);
  raster->stride = cairo_image_surface_get_stride (raster->surface);
  raster_init_buffers (raster);
  return raster;
}

/* Returns NULL when the target is one to draw on with cairo paths: vector surfaces (SVG,
 * PDF: the output must stay vector), a recording surface with @scale 0, or an image surface
 * with a transformation or clip the rasteriser does not reproduce. @scale is the number of
 * device pixels per unit the recording will be replayed at (the figure's HiDPI scale). */
PlotRaster *
_plot_raster_new (cairo_t        *cr,
                  const PlotRect *clip,
                  double          scale)
{
  cairo_surface_t *target = cairo_get_group_target (cr);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS
      || cairo_surface_status (target) != CAIRO_STATUS_SUCCESS
      || cairo_get_operator (cr) != CAIRO_OPERATOR_OVER
      || cairo_get_antialias (cr) == CAIRO_ANTIALIAS_NONE)
    return NULL;

  switch ((int) cairo_surface_get_type (target))
    {
    case CAIRO_SURFACE_TYPE_IMAGE:
      return raster_new_direct (cr, target, clip);
    case CAIRO_SURFACE_TYPE_RECORDING:
      if (scale > 0.0 && isfinite (scale))
        return raster_new_offscreen (cr, clip, scale);
      return NULL;
    default:
      return NULL;
    }
}

/* Finishes drawing: marks the image surface changed, or paints the offscreen image into
 * @cr, then frees @raster. */
void
_plot_raster_finish (PlotRaster *raster,
                     cairo_t    *cr)
{
  cairo_surface_mark_dirty (raster->surface);
  if (raster->offscreen)
    {
      cairo_save (cr);
      cairo_scale (cr, 1.0 / raster->scale, 1.0 / raster->scale);
      cairo_set_source_surface (cr, raster->surface, -raster->ox, -raster->oy);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  cairo_surface_destroy (raster->surface);
  g_free (raster->cov);
  g_free (raster->span_min);
  g_free (raster->span_max);
  g_free (raster->band_acc);
  g_free (raster->band_run);
  if (raster->band_pieces != NULL)
    g_array_unref (raster->band_pieces);
  g_free (raster);
}

/* A cairo context drawing in the same place as the rasteriser, for the few shapes it does
 * not draw itself; end with _plot_raster_end_cairo(). */
cairo_t *
_plot_raster_begin_cairo (PlotRaster *raster,
                          cairo_t    *cr)
{
  cairo_t *c;

  cairo_surface_mark_dirty (raster->surface);
  if (!raster->offscreen)
    return cairo_reference (cr);
  c = cairo_create (raster->surface);
  cairo_translate (c, raster->ox, raster->oy);
  cairo_scale (c, raster->scale, raster->scale);
  return c;
}

void
_plot_raster_end_cairo (PlotRaster *raster,
                        cairo_t    *cr)
{
  cairo_destroy (cr);
  cairo_surface_flush (raster->surface);
}

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

/* Puts max (coverage, existing) into every pixel within reach of the segment from (ax, ay)
 * to (ax + dx, ay + dy) (device pixels; a disc when dx = dy = 0), where the coverage of a
 * pixel is clamp (reach - d, 0, 1), d the distance of its centre to the segment. Rows j0..j1;
 * each row from the pixels that may be in reach: within a slanted band around a steep
 * segment (half its width @half along a row, @slope = dx / dy), within the disc for a disc,
 * else within [xlo, xhi]. Single precision, four pixels at a time with SSE2; the scalar loop
 * computes the very same IEEE operations, so both give identical pixels. A row may be
 * written past its last pixel in reach (up to the clip), with the exact coverage there too. */
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
  int limit = raster->x1 - 1, j;
#ifdef __SSE2__
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
      double yc = j + 0.5, lo = xlo, hi = xhi;
      guint8 *row;
      float px0, py;
      int i0, i1, i;

      if (disc)
        {
          double yd = yc - ay, w;

          if (yd * yd >= reach2)
            continue;
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
      i0 = MAX (raster->x0, iceil (lo - 0.5));
      i1 = MIN (limit, ifloor (hi - 0.5));
      if (i0 > i1)
        continue;
      row = raster->cov + (gsize) (j - raster->y0) * raster->w - raster->x0;
      px0 = (float) (i0 + 0.5 - ax);
      py = (float) (yc - ay);
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

      if (i > i1)
        i1 = i - 1;
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
      touch_row (raster, j - raster->y0, i0 - raster->x0, i1 - raster->x0);
    }
}

#ifdef PLOT_RASTER_AVX2
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
      if (i > i1)
        i1 = i - 1;
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
  if (have_avx2 ())
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
  if (have_avx2 ())
    {
      coverage_rows_avx2 (raster, cx, cy, 0.0, 0.0, reach, j0, j1, TRUE, FALSE, 0.0, 0.0,
                          cx - reach, cx + reach);
      return;
    }
#endif
  coverage_rows (raster, cx, cy, 0.0, 0.0, reach, j0, j1, TRUE, FALSE, 0.0, 0.0,
                 cx - reach, cx + reach);
}

/* Blending, for the lines and markers and for the bands: OVER with a straight colour @src
 * (alpha byte 255) and an opacity a (0..255) per pixel, dst + (src - dst) × a / 255 per
 * channel, rounded once: (src × a + dst × (255 - a)) / 255. The scalar, SSE2 and AVX2 code
 * compute exactly that, so they give the same pixels. */
static inline guint32
lerp_pixel (guint32 dst,
            guint32 src,
            guint   a)
{
  guint32 out = 0;
  int shift;

  for (shift = 0; shift < 32; shift += 8)
    {
      guint x = ((src >> shift) & 0xff) * a + ((dst >> shift) & 0xff) * (255 - a) + 128;

      out |= (guint32) ((x + (x >> 8)) >> 8) << shift;
    }
  return out;
}

#ifdef __SSE2__
/* x / 255, rounded, for 16-bit lanes holding up to 255 × 255. */
static inline __m128i
div255_epu16 (__m128i x)
{
  x = _mm_add_epi16 (x, _mm_set1_epi16 (128));
  return _mm_srli_epi16 (_mm_add_epi16 (x, _mm_srli_epi16 (x, 8)), 8);
}

/* Four pixels: @src16 is the colour in 16-bit lanes (twice), @a16 the four opacities in the
 * low four 16-bit lanes. */
static inline __m128i
lerp4 (__m128i dst,
       __m128i a16,
       __m128i src16)
{
  const __m128i zero = _mm_setzero_si128 (), full = _mm_set1_epi16 (255);
  __m128i t = _mm_unpacklo_epi16 (a16, a16);
  __m128i alo = _mm_unpacklo_epi32 (t, t), ahi = _mm_unpackhi_epi32 (t, t);
  __m128i lo = _mm_add_epi16 (_mm_mullo_epi16 (src16, alo),
                              _mm_mullo_epi16 (_mm_unpacklo_epi8 (dst, zero), _mm_sub_epi16 (full, alo)));
  __m128i hi = _mm_add_epi16 (_mm_mullo_epi16 (src16, ahi),
                              _mm_mullo_epi16 (_mm_unpackhi_epi8 (dst, zero), _mm_sub_epi16 (full, ahi)));

  return _mm_packus_epi16 (div255_epu16 (lo), div255_epu16 (hi));
}

/* Eight pixels with opacities coverage × sa / 255, @cov the eight coverages. */
static inline void
composite8 (guint32      *dst,
            const guint8 *cov,
            guint32       src,
            guint         sa)
{
  const __m128i zero = _mm_setzero_si128 ();
  __m128i src16 = _mm_unpacklo_epi8 (_mm_set1_epi32 ((int) src), zero);
  __m128i c16 = _mm_unpacklo_epi8 (_mm_loadl_epi64 ((const __m128i *) (const void *) cov), zero);
  __m128i a16 = div255_epu16 (_mm_mullo_epi16 (c16, _mm_set1_epi16 ((short) sa)));
  __m128i d0 = _mm_loadu_si128 ((const __m128i *) (const void *) dst);
  __m128i d1 = _mm_loadu_si128 ((const __m128i *) (const void *) (dst + 4));

  _mm_storeu_si128 ((__m128i *) (void *) dst, lerp4 (d0, a16, src16));
  _mm_storeu_si128 ((__m128i *) (void *) (dst + 4), lerp4 (d1, _mm_unpackhi_epi64 (a16, a16), src16));
}
#endif

#ifdef PLOT_RASTER_AVX2
/* composite8() in one go. */
static __attribute__ ((target ("avx2"))) void
composite8_avx2 (guint32      *dst,
                 const guint8 *cov,
                 guint32       src,
                 guint         sa)
{
  const __m128i zero = _mm_setzero_si128 ();
  const __m256i izero = _mm256_setzero_si256 (), full = _mm256_set1_epi16 (255);
  __m256i src16 = _mm256_unpacklo_epi8 (_mm256_set1_epi32 ((int) src), izero);
  __m128i c16 = _mm_unpacklo_epi8 (_mm_loadl_epi64 ((const __m128i *) (const void *) cov), zero);
  __m128i a16 = div255_epu16 (_mm_mullo_epi16 (c16, _mm_set1_epi16 ((short) sa)));
  __m128i t_lo = _mm_unpacklo_epi16 (a16, a16), t_hi = _mm_unpackhi_epi16 (a16, a16);
  /* The opacities of pixels 0, 1 | 4, 5 and 2, 3 | 6, 7, like the unpacked pixels below */
  __m256i alo = _mm256_set_m128i (_mm_unpacklo_epi32 (t_hi, t_hi), _mm_unpacklo_epi32 (t_lo, t_lo));
  __m256i ahi = _mm256_set_m128i (_mm_unpackhi_epi32 (t_hi, t_hi), _mm_unpackhi_epi32 (t_lo, t_lo));
  __m256i d = _mm256_loadu_si256 ((const __m256i *) (const void *) dst);
  __m256i lo = _mm256_add_epi16 (_mm256_mullo_epi16 (src16, alo),
                                 _mm256_mullo_epi16 (_mm256_unpacklo_epi8 (d, izero),
                                                     _mm256_sub_epi16 (full, alo)));
  __m256i hi = _mm256_add_epi16 (_mm256_mullo_epi16 (src16, ahi),
                                 _mm256_mullo_epi16 (_mm256_unpackhi_epi8 (d, izero),
                                                     _mm256_sub_epi16 (full, ahi)));

  d = _mm256_packus_epi16 (div255_epu16_avx2 (lo), div255_epu16_avx2 (hi));
  _mm256_storeu_si256 ((__m256i *) (void *) dst, d);
}
#endif

/* Composites the coverage gathered so far in @color (alpha multiplied by @alpha), OVER the
 * surface, and clears it. */
void
_plot_raster_composite (PlotRaster     *raster,
                        const PlotRgba *color,
                        double          alpha)
{
  double a = CLAMP (color->alpha * alpha, 0.0, 1.0);
  guint sa = (guint) (a * 255.0 + 0.5);
  guint sr = (guint) (CLAMP (color->red, 0.0, 1.0) * 255.0 + 0.5);
  guint sg = (guint) (CLAMP (color->green, 0.0, 1.0) * 255.0 + 0.5);
  guint sb = (guint) (CLAMP (color->blue, 0.0, 1.0) * 255.0 + 0.5);
  guint32 src = 0xff000000u | (sr << 16) | (sg << 8) | sb;
#ifdef PLOT_RASTER_AVX2
  gboolean avx2 = have_avx2 ();
#endif
  int j;

  for (j = raster->row_min; j <= raster->row_max; j++)
    {
      guint8 *cov = raster->cov + (gsize) j * raster->w;
      guint32 *dst = (guint32 *) (void *) (raster->data + (gsize) (j + raster->y0) * raster->stride)
                     + raster->x0;
      int i = raster->span_min[j], end = raster->span_max[j] + 1;

      while (i < end)
        {
          int stop = MIN (i + 8, end), k;

          /* Most of a span is empty: skip it eight pixels at a time, and blend the other
           * blocks without branching on each pixel (a zero coverage leaves it unchanged). */
          if (stop - i == 8)
            {
              guint64 word;

              memcpy (&word, cov + i, sizeof word);
              if (word == 0)
                {
                  i = stop;
                  continue;
                }
#ifdef PLOT_RASTER_AVX2
              if (avx2)
                {
                  composite8_avx2 (dst + i, cov + i, src, sa);
                  memset (cov + i, 0, 8);
                  i = stop;
                  continue;
                }
#endif
#ifdef __SSE2__
              composite8 (dst + i, cov + i, src, sa);
              memset (cov + i, 0, 8);
              i = stop;
              continue;
#endif
            }
          for (k = i; k < stop; k++)
            {
              if (cov[k] != 0)
                dst[k] = lerp_pixel (dst[k], src, mul_un8 (cov[k], sa));
              cov[k] = 0;
            }
          i = stop;
        }
      raster->span_min[j] = G_MAXINT;
      raster->span_max[j] = -1;
    }
  raster->row_min = G_MAXINT;
  raster->row_max = -1;
}

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
 * that the edges cross (band_acc), both kept for a block of BAND_LANES columns. Nothing is computed per pixel inside the band but the
 * blend, and the pieces of one band that meet in a column add up without a seam. */

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
  if (have_avx2 ())
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
  double a = CLAMP (color->alpha * alpha, 0.0, 1.0);
  guint sa = (guint) (a * 255.0 + 0.5);
  guint sr = (guint) (CLAMP (color->red, 0.0, 1.0) * 255.0 + 0.5);
  guint sg = (guint) (CLAMP (color->green, 0.0, 1.0) * 255.0 + 0.5);
  guint sb = (guint) (CLAMP (color->blue, 0.0, 1.0) * 255.0 + 0.5);
  guint32 src = 0xff000000u | (sr << 16) | (sg << 8) | sb;
  double s = raster->scale, xmax = -G_MAXDOUBLE;
  const DevicePiece *dev;
  gsize i, n, p;
  int cb, cmin, cmax;

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
