/* raster.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
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

/* Puts max (coverage, existing) for pixels i0..i1 of one row, where the coverage of a
 * pixel is clamp (reach - d, 0, 1) and d its distance to the segment from the origin to
 * (dx, dy) (a disc when dx = dy = 0); px0, py: the centre of pixel i0 relative to the
 * origin. Single precision, four pixels at a time with SSE2; the scalar loop computes the
 * very same IEEE operations, so both give identical pixels. Returns the last pixel written,
 * which may be past i1 (up to limit) with the exact coverage of those pixels too. */
static int
coverage_row (guint8 *row,
              int     i0,
              int     i1,
              int     limit,
              float   px0,
              float   py,
              float   dx,
              float   dy,
              float   inv_len2,
              float   reach)
{
  int i = i0;

#ifdef __SSE2__
  {
    const __m128 zero = _mm_setzero_ps (), one = _mm_set1_ps (1.0f);
    const __m128 vdx = _mm_set1_ps (dx), vdy = _mm_set1_ps (dy), vpy = _mm_set1_ps (py);
    const __m128 vinv = _mm_set1_ps (inv_len2), vreach = _mm_set1_ps (reach);
    const __m128 vpx0 = _mm_set1_ps (px0), v255 = _mm_set1_ps (255.0f), half = _mm_set1_ps (0.5f);
    const __m128 pydy = _mm_mul_ps (vpy, vdy);

    for (; i <= i1 && i + 3 <= limit; i += 4)
      {
        __m128i offsets = _mm_setr_epi32 (i - i0, i - i0 + 1, i - i0 + 2, i - i0 + 3);
        __m128 px = _mm_add_ps (vpx0, _mm_cvtepi32_ps (offsets));
        __m128 t = _mm_mul_ps (_mm_add_ps (_mm_mul_ps (px, vdx), pydy), vinv);
        __m128 qx, qy, d2, c;
        __m128i v;
        guint32 packed, old;

        t = _mm_min_ps (_mm_max_ps (t, zero), one);
        qx = _mm_sub_ps (px, _mm_mul_ps (t, vdx));
        qy = _mm_sub_ps (vpy, _mm_mul_ps (t, vdy));
        d2 = _mm_add_ps (_mm_mul_ps (qx, qx), _mm_mul_ps (qy, qy));
        c = _mm_sub_ps (vreach, _mm_sqrt_ps (d2));
        c = _mm_min_ps (_mm_max_ps (c, zero), one);
        v = _mm_cvttps_epi32 (_mm_add_ps (_mm_mul_ps (c, v255), half));
        v = _mm_packs_epi32 (v, v);
        v = _mm_packus_epi16 (v, v);
        memcpy (&old, row + i, 4);
        v = _mm_max_epu8 (v, _mm_cvtsi32_si128 ((int) old));
        packed = (guint32) _mm_cvtsi128_si32 (v);
        memcpy (row + i, &packed, 4);
      }
    if (i > i1)
      return i - 1;
  }
#else
  (void) limit;
#endif

  for (; i <= i1; i++)
    {
      float px = px0 + (float) (i - i0);
      float t = (px * dx + py * dy) * inv_len2;
      float qx, qy, c;
      guint v;

      t = t > 0.0f ? t : 0.0f;
      t = t < 1.0f ? t : 1.0f;
      qx = px - t * dx;
      qy = py - t * dy;
      c = reach - sqrtf (qx * qx + qy * qy);
      c = c > 0.0f ? c : 0.0f;
      c = c < 1.0f ? c : 1.0f;
      v = (guint) (c * 255.0f + 0.5f);
      if (v > row[i])
        row[i] = (guint8) v;
    }
  return i1;
}

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
  double dx, dy, len2, xlo_all, xhi_all, half = 0.0, slope = 0.0;
  float inv_len2;
  gboolean steep;
  int j0, j1, j;

  ax = ax * raster->scale + raster->ox;
  ay = ay * raster->scale + raster->oy;
  bx = bx * raster->scale + raster->ox;
  by = by * raster->scale + raster->oy;
  if (!(fabs (ax) < 1e8 && fabs (ay) < 1e8 && fabs (bx) < 1e8 && fabs (by) < 1e8))
    return;
  dx = bx - ax;
  dy = by - ay;
  len2 = dx * dx + dy * dy;
  inv_len2 = len2 > 0 ? (float) (1.0 / len2) : 0.0f;

  j0 = MAX (raster->y0, iceil (MIN (ay, by) - reach - 0.5));
  j1 = MIN (raster->y1 - 1, ifloor (MAX (ay, by) + reach - 0.5));
  xlo_all = MIN (ax, bx) - reach;
  xhi_all = MAX (ax, bx) + reach;
  steep = fabs (dy) > 1e-6;
  if (steep)
    {
      slope = dx / dy;
      half = reach * sqrt (len2) / fabs (dy);
    }

  for (j = j0; j <= j1; j++)
    {
      double yc = j + 0.5, lo = xlo_all, hi = xhi_all;
      guint8 *row;
      int i0, i1, last;

      if (steep)
        {
          double xc = ax + (yc - ay) * slope;

          lo = MAX (lo, xc - half);
          hi = MIN (hi, xc + half);
        }
      i0 = MAX (raster->x0, iceil (lo - 0.5));
      i1 = MIN (raster->x1 - 1, ifloor (hi - 0.5));
      if (i0 > i1)
        continue;
      row = raster->cov + (gsize) (j - raster->y0) * raster->w - raster->x0;
      last = coverage_row (row, i0, i1, raster->x1 - 1, (float) (i0 + 0.5 - ax),
                           (float) (yc - ay), (float) dx, (float) dy, inv_len2, (float) reach);
      touch_row (raster, j - raster->y0, i0 - raster->x0, last - raster->x0);
    }
}

void
_plot_raster_disc (PlotRaster *raster,
                   double      cx,
                   double      cy,
                   double      radius)
{
  double reach = radius * raster->scale + 0.5, reach2 = reach * reach;
  int j0, j1, j;

  cx = cx * raster->scale + raster->ox;
  cy = cy * raster->scale + raster->oy;
  if (!(fabs (cx) < 1e8 && fabs (cy) < 1e8 && reach < 1e6))
    return;
  j0 = MAX (raster->y0, iceil (cy - reach - 0.5));
  j1 = MIN (raster->y1 - 1, ifloor (cy + reach - 0.5));

  for (j = j0; j <= j1; j++)
    {
      double yc = j + 0.5 - cy, half;
      guint8 *row;
      int i0, i1, last;

      if (yc * yc >= reach2)
        continue;
      half = sqrt (reach2 - yc * yc);
      i0 = MAX (raster->x0, iceil (cx - half - 0.5));
      i1 = MIN (raster->x1 - 1, ifloor (cx + half - 0.5));
      if (i0 > i1)
        continue;
      row = raster->cov + (gsize) (j - raster->y0) * raster->w - raster->x0;
      last = coverage_row (row, i0, i1, raster->x1 - 1, (float) (i0 + 0.5 - cx), (float) yc,
                           0.0f, 0.0f, 0.0f, (float) reach);
      touch_row (raster, j - raster->y0, i0 - raster->x0, last - raster->x0);
    }
}

/* Antiderivative of clamp (u, 0, 1). */
static inline double
ramp_integral (double u)
{
  if (u <= 0.0)
    return 0.0;
  if (u <= 1.0)
    return u * u / 2;
  return u - 0.5;
}

/* Mean over one column of how much of pixel row @r lies above an edge going linearly from
 * @ya to @yb (device y grows downwards), i.e. of clamp (y - r, 0, 1). */
static inline double
row_above_edge (double ya,
                double yb,
                double r)
{
  if (fabs (yb - ya) < 1e-9)
    return CLAMP (ya - r, 0.0, 1.0);
  return (ramp_integral (yb - r) - ramp_integral (ya - r)) / (yb - ya);
}

/* The region between two edges over [xa, xb]: exact area coverage per pixel, added up so
 * neighbouring trapezoids of one band join without a seam. */
void
_plot_raster_trapezoid (PlotRaster *raster,
                        double      xa,
                        double      xb,
                        double      top_a,
                        double      top_b,
                        double      bottom_a,
                        double      bottom_b)
{
  double s = raster->scale;
  double XA = xa * s + raster->ox, XB = xb * s + raster->ox;
  double TA = top_a * s + raster->oy, TB = top_b * s + raster->oy;
  double BA = bottom_a * s + raster->oy, BB = bottom_b * s + raster->oy;
  int c0, c1, c;

  if (!(XB - XA > 1e-9) || !(fabs (XA) < 1e8 && fabs (XB) < 1e8))
    return;
  TA = CLAMP (TA, -1e8, 1e8);
  TB = CLAMP (TB, -1e8, 1e8);
  BA = CLAMP (BA, -1e8, 1e8);
  BB = CLAMP (BB, -1e8, 1e8);

  c0 = MAX (raster->x0, ifloor (XA));
  c1 = MIN (raster->x1 - 1, iceil (XB) - 1);
  for (c = c0; c <= c1; c++)
    {
      double sa = MAX ((double) c, XA), sb = MIN (c + 1.0, XB), wfrac = sb - sa;
      double ua, ub, ta, tb, ba, bb, t0, t1, b0, b1, ytop, ybot;
      int j0, j1, full0, full1, j;

      if (wfrac <= 0.0)
        continue;
      ua = (sa - XA) / (XB - XA);
      ub = (sb - XA) / (XB - XA);
      ta = TA + (TB - TA) * ua;
      tb = TA + (TB - TA) * ub;
      ba = BA + (BB - BA) * ua;
      bb = BA + (BB - BA) * ub;
      t0 = MIN (ta, ba);
      b0 = MAX (ta, ba);
      t1 = MIN (tb, bb);
      b1 = MAX (tb, bb);
      ytop = MIN (t0, t1);
      ybot = MAX (b0, b1);

      j0 = MAX (raster->y0, ifloor (ytop));
      j1 = MIN (raster->y1 - 1, ifloor (ybot));
      full0 = iceil (MAX (t0, t1));
      full1 = ifloor (MIN (b0, b1)) - 1;
      for (j = j0; j <= j1; j++)
        {
          guint8 *p = raster->cov + (gsize) (j - raster->y0) * raster->w + (c - raster->x0);
          double v;
          guint sum;

          if (j >= full0 && j <= full1)
            v = wfrac;
          else
            v = wfrac * (row_above_edge (b0, b1, j) - row_above_edge (t0, t1, j));
          if (v <= 0.0)
            continue;
          sum = *p + (guint) (v * 255.0 + 0.5);
          *p = (guint8) MIN (sum, 255u);
        }
      for (j = j0; j <= j1; j++)
        touch_row (raster, j - raster->y0, c - raster->x0, c - raster->x0);
    }
}

/* Multiplies the four 8-bit channels of @p by @f / 255, two channels per multiply. */
static inline guint32
scale_pixel (guint32 p,
             guint   f)
{
  guint32 rb = (p & 0x00ff00ffu) * f + 0x00800080u;
  guint32 ag = ((p >> 8) & 0x00ff00ffu) * f + 0x00800080u;

  rb = ((rb + ((rb >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
  ag = ((ag + ((ag >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
  return rb | (ag << 8);
}

#ifdef __SSE2__
/* x / 255, rounded, for 16-bit lanes holding products of two bytes. */
static inline __m128i
div255_epu16 (__m128i x)
{
  x = _mm_add_epi16 (x, _mm_set1_epi16 (128));
  return _mm_srli_epi16 (_mm_add_epi16 (x, _mm_srli_epi16 (x, 8)), 8);
}

/* Four pixels of the composite below, the same arithmetic as the scalar loop. */
static inline __m128i
composite4 (__m128i  dst,
            guint32  coverage,
            __m128i  color16,
            __m128i  sa16)
{
  const __m128i zero = _mm_setzero_si128 ();
  const __m128i full = _mm_set1_epi16 (255);
  __m128i c16 = _mm_unpacklo_epi8 (_mm_cvtsi32_si128 ((int) coverage), zero);
  __m128i c32 = _mm_unpacklo_epi16 (c16, c16);
  __m128i c_lo = _mm_unpacklo_epi32 (c32, c32);  /* coverage of pixels 0, 1 in 16-bit lanes */
  __m128i c_hi = _mm_unpackhi_epi32 (c32, c32);  /* pixels 2, 3 */
  __m128i inv_lo = _mm_sub_epi16 (full, div255_epu16 (_mm_mullo_epi16 (c_lo, sa16)));
  __m128i inv_hi = _mm_sub_epi16 (full, div255_epu16 (_mm_mullo_epi16 (c_hi, sa16)));
  __m128i dst_lo = _mm_unpacklo_epi8 (dst, zero);
  __m128i dst_hi = _mm_unpackhi_epi8 (dst, zero);
  __m128i lo = _mm_add_epi16 (div255_epu16 (_mm_mullo_epi16 (color16, c_lo)),
                              div255_epu16 (_mm_mullo_epi16 (dst_lo, inv_lo)));
  __m128i hi = _mm_add_epi16 (div255_epu16 (_mm_mullo_epi16 (color16, c_hi)),
                              div255_epu16 (_mm_mullo_epi16 (dst_hi, inv_hi)));

  return _mm_packus_epi16 (lo, hi);
}

static inline void
composite8 (guint32      *dst,
            const guint8 *cov,
            guint32       color_pm,
            guint         sa)
{
  __m128i color16 = _mm_unpacklo_epi8 (_mm_set1_epi32 ((int) color_pm), _mm_setzero_si128 ());
  __m128i sa16 = _mm_set1_epi16 ((short) sa);
  guint32 c0, c1;
  __m128i d0, d1;

  memcpy (&c0, cov, 4);
  memcpy (&c1, cov + 4, 4);
  d0 = _mm_loadu_si128 ((const __m128i *) (const void *) dst);
  d1 = _mm_loadu_si128 ((const __m128i *) (const void *) (dst + 4));
  if (c0 != 0)
    _mm_storeu_si128 ((__m128i *) (void *) dst, composite4 (d0, c0, color16, sa16));
  if (c1 != 0)
    _mm_storeu_si128 ((__m128i *) (void *) (dst + 4), composite4 (d1, c1, color16, sa16));
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
  guint sr = (guint) (CLAMP (color->red, 0.0, 1.0) * a * 255.0 + 0.5);
  guint sg = (guint) (CLAMP (color->green, 0.0, 1.0) * a * 255.0 + 0.5);
  guint sb = (guint) (CLAMP (color->blue, 0.0, 1.0) * a * 255.0 + 0.5);
  guint32 color_pm = (sa << 24) | (sr << 16) | (sg << 8) | sb;
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
            }
#ifdef __SSE2__
          if (stop - i == 8)
            {
              composite8 (dst + i, cov + i, color_pm, sa);
              memset (cov + i, 0, 8);
              i = stop;
              continue;
            }
#endif
          for (k = i; k < stop; k++)
            {
              guint c = cov[k];
              guint inv = 255 - mul_un8 (c, sa);

              dst[k] = scale_pixel (color_pm, c) + scale_pixel (dst[k], inv);
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
