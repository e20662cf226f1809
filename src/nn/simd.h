/* simd.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Distribution builds target baseline x86-64 (SSE2). Hot loops get an
 * AVX2+FMA clone as well, chosen at run time by the dynamic loader. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(NN_NO_CLONES)
#define NN_HOT __attribute__ ((target_clones ("arch=x86-64-v3", "default")))
#else
#define NN_HOT
#endif
