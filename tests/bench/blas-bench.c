/* blas-bench.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The measurement behind the choice of CBLAS (README in this folder): one
 * large sgemm (the shape of a 512-wide layer on 1024 samples) and one tiny
 * call (the notebook's 10 x 100 x 10), best of repeated runs.
 *
 *   gcc -O2 blas-bench.c -I/usr/include/x86_64-linux-gnu/openblas-pthread -lopenblas -o bench-openblas
 *   gcc -O2 blas-bench.c -I/usr/include/x86_64-linux-gnu/blis-openmp \
 *       -L/usr/lib/x86_64-linux-gnu/blis-openmp -lblis -o bench-blis
 *   ./bench-openblas; OMP_NUM_THREADS=2 BLIS_NUM_THREADS=2 ./bench-blis */

#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double
now (void)
{
  struct timespec t;

  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* the best of `reps` calls of c (m, n) = a (m, k) . b (k, n) */
static double
best_sgemm (const float *a,
            const float *b,
            float       *c,
            int          m,
            int          n,
            int          k,
            int          reps)
{
  double best = 1e9;

  for (int r = 0; r < reps; r++)
    {
      double t = now ();

      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
      t = now () - t;
      if (t < best)
        best = t;
    }
  return best;
}

int
main (void)
{
  int m = 512, n = 1024, k = 512;
  float *a = malloc (sizeof (float) * m * k);
  float *b = malloc (sizeof (float) * k * n);
  float *c = malloc (sizeof (float) * m * n);
  double t;

  for (int i = 0; i < m * k; i++)
    a[i] = rand () / (float) RAND_MAX;
  for (int i = 0; i < k * n; i++)
    b[i] = rand () / (float) RAND_MAX;

  t = best_sgemm (a, b, c, m, n, k, 20);
  printf ("512x1024x512 sgemm: %.2f ms, %.1f GFLOP/s\n", t * 1e3, 2.0 * m * n * k / t / 1e9);
  t = best_sgemm (a, b, c, 10, 100, 10, 100000);
  printf ("10x100x10 sgemm: %.3f us\n", t * 1e6);
  free (a);
  free (b);
  free (c);
  return 0;
}
