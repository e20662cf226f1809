/* raster.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The rasteriser's core: where it draws (the image surface itself, or an offscreen image for
 * a recording surface), the coverage buffer that _plot_raster_capsule() and
 * _plot_raster_disc() fill (raster-lines.c), and its compositing in a series colour. Bands
 * are in raster-bands.c. */

#include "config.h"

#include "raster-private.h"

/* Whether to take the AVX2 code, decided once per process. */
gboolean
_plot_raster_have_avx2 (void)
{
#ifdef PLOT_RASTER_AVX2
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
#else
  return FALSE;
#endif
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
  raster->avx2 = _plot_raster_have_avx2 ();
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

#ifdef __SSE2__
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
#ifdef PLOT_RASTER_AVX2
  gboolean avx2 = raster->avx2;
#endif
  guint32 src;
  guint sa;
  int j;

  pack_color (color, alpha, &src, &sa);

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
