/* raster-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

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

G_BEGIN_DECLS

/* The span rasteriser is three files: raster.c (the target surface, the coverage buffer
 * and its compositing), raster-lines.c (segments and discs into the coverage buffer) and
 * raster-bands.c (bands, blended straight into the surface). What they share is here. */

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
  gboolean         avx2;      /* take the AVX2 code: _plot_raster_have_avx2() */
};

gboolean _plot_raster_have_avx2 (void);

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

/* The straight colour of @color as an opaque pixel in @src and its opacity, alpha
 * multiplied by @alpha, in @sa (0..255). */
static inline void
pack_color (const PlotRgba *color,
            double          alpha,
            guint32        *src,
            guint          *sa)
{
  double a = CLAMP (color->alpha * alpha, 0.0, 1.0);
  guint sr = (guint) (CLAMP (color->red, 0.0, 1.0) * 255.0 + 0.5);
  guint sg = (guint) (CLAMP (color->green, 0.0, 1.0) * 255.0 + 0.5);
  guint sb = (guint) (CLAMP (color->blue, 0.0, 1.0) * 255.0 + 0.5);

  *sa = (guint) (a * 255.0 + 0.5);
  *src = 0xff000000u | (sr << 16) | (sg << 8) | sb;
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
#endif

#ifdef PLOT_RASTER_AVX2
/* x / 255, rounded, for 16-bit lanes holding products of two bytes. */
static inline __attribute__ ((target ("avx2"))) __m256i
div255_epu16_avx2 (__m256i x)
{
  x = _mm256_add_epi16 (x, _mm256_set1_epi16 (128));
  return _mm256_srli_epi16 (_mm256_add_epi16 (x, _mm256_srli_epi16 (x, 8)), 8);
}
#endif

G_END_DECLS
