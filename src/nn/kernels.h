/* kernels.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Fused float32 kernels for small layers, written for AVX-512 (16 samples
 * per register, all outputs of a tile in registers) and chosen at run time:
 * nn_avx512_available () is false on other CPUs and in builds without them,
 * and the portable loops and CBLAS in mlp-template.h take over.
 *
 * Shapes as in mlp-template.h, feature-major: h (in, n), z and a (out, n),
 * w (out, in) row-major like PyTorch, b (out). The rows of h, z, a, dz, dh
 * and y are ld floats apart: ld is a multiple of 16 at least n, and each
 * row must be readable up to ld (the lanes from n on are never written and
 * may hold anything). The outputs and inputs may be any number: they go in
 * tiles of up to 16. */

bool nn_avx512_available            (void);

/* forward: z = w . h + b; also a = sigmoid (z) when a is not NULL */
void nn_avx512_linear_forward       (const float *h,
                                     const float *w,
                                     const float *b,
                                     float       *z,
                                     float       *a,
                                     int          n,
                                     int          ld,
                                     int          in,
                                     int          out);

/* the same, z = w . h + b, with the sums over the inputs rounded as
 * OpenBLAS's small-matrix TN kernel rounds them (16 partial sums, a tree,
 * then the bias): PyTorch's z for the layers of use_lane_sums in mlp.c */
void nn_avx512_linear_forward_lanes (const float *h,
                                     const float *w,
                                     const float *b,
                                     float       *z,
                                     float       *a,
                                     int          n,
                                     int          ld,
                                     int          in,
                                     int          out);

/* backward, from dz (out, n): dw = dz . h^T, db = the row sums of dz */
void nn_avx512_linear_backward_w    (const float *dz,
                                     const float *h,
                                     float       *dw,
                                     float       *db,
                                     int          n,
                                     int          ld,
                                     int          in,
                                     int          out);

/* backward, from dz (out, n): dh = w^T . dz; when y is not NULL, dh is then
 * multiplied by sigmoid's derivative at the layer below, whose output is y
 * (in, n): dh * (1 - y) * y, as autograd does. */
void nn_avx512_linear_backward_h    (const float *dz,
                                     const float *w,
                                     const float *y,
                                     float       *dh,
                                     int          n,
                                     int          ld,
                                     int          in,
                                     int          out);

/* y = sigmoid (z), the same function as the forward kernel's */
void nn_avx512_sigmoid              (const float *z,
                                     float       *y,
                                     size_t       n);

/* dst (cols, rows) = src (rows, cols) transposed */
void nn_avx512_transpose            (const float *src,
                                     float       *dst,
                                     int          rows,
                                     int          cols);
