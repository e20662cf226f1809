/* simd.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdlib.h>

/* Distribution builds target baseline x86-64 (SSE2). Hot loops get an
 * AVX2+FMA clone as well, chosen at run time by the dynamic loader. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(NN_NO_CLONES)
#define NN_HOT __attribute__ ((target_clones ("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NN_HOT
#endif

/* On x86-64 with GCC or clang the hand-written AVX-512 kernels are built too
 * (kernels-avx512.c, the normal transform in rng.c) and chosen at run time
 * when the CPU has AVX-512F and DQ; NN_NO_AVX512 builds without them. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(NN_NO_AVX512)
#define NN_HAVE_AVX512   1
#define NN_AVX512        __attribute__ ((target ("avx512f,avx512dq")))
#define NN_AVX512_INLINE __attribute__ ((target ("avx512f,avx512dq"), always_inline)) inline

/* (libgcc's constructor has run the CPU detection before main)
 * GRADLENS_NN_NO_AVX512=1 in the environment turns the hand-written AVX-512
 * code off at run time, so that CI can test the portable path on machines
 * that have AVX-512 (tests/meson.build's "no-avx512" test setup). */
static inline int
nn_cpu_has_avx512 (void)
{
  static _Atomic int has = -1;   /* per file; the same answer every time */
  int v = has;

  if (v < 0)
    {
      const char *off = getenv ("GRADLENS_NN_NO_AVX512");

      v = __builtin_cpu_supports ("avx512f") && __builtin_cpu_supports ("avx512dq")
          && !(off != NULL && off[0] != '\0' && off[0] != '0');
      has = v;
    }
  return v;
}
#else
#define NN_HAVE_AVX512   0
#endif
