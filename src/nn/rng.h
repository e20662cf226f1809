/* rng.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A random generator bit-compatible with PyTorch's CPU generator (see
 * reference/TORCH_RNG.md): MT19937, torch.manual_seed, uniform_, normal_
 * (both the >= 16 element "fill" path with the AVX2 Cephes transform and the
 * per-element Box-Muller path with its cached partner), float32 and float64. */

#define NN_MT_N 624

typedef struct
{
  uint32_t state[NN_MT_N];
  int      index;         /* next output; NN_MT_N means "twist first" */
  bool     has_cached;    /* the spare sample of the per-element normal path */
  double   cached_normal;
} NnRng;

void     nn_rng_seed        (NnRng    *rng,
                             uint64_t  seed);
uint32_t nn_rng_next32      (NnRng    *rng);
uint64_t nn_rng_next64      (NnRng    *rng);

/* Tensor.uniform_(a, b) on n contiguous elements */
void     nn_rng_uniform_f32 (NnRng    *rng,
                             float    *out,
                             size_t    n,
                             double    a,
                             double    b);
void     nn_rng_uniform_f64 (NnRng    *rng,
                             double   *out,
                             size_t    n,
                             double    a,
                             double    b);

/* Tensor.normal_(mean, std) on n contiguous elements */
void     nn_rng_normal_f32  (NnRng    *rng,
                             float    *out,
                             size_t    n,
                             double    mean,
                             double    std);
void     nn_rng_normal_f64  (NnRng    *rng,
                             double   *out,
                             size_t    n,
                             double    mean,
                             double    std);
