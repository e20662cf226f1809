/* init-orthogonal-template.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A template, not a header: it defines, once with the suffix _f32 and once with
 * _f64 (SFX), the functions
 *   init_orthogonal
 * written FN (name): init_orthogonal_f32 and init_orthogonal_f64 are FN (init_orthogonal) below */

/* Included by init.c once per element type with REAL, SFX, GEQRF, ORGQR
 * and NORMAL defined.
 *
 * torch.nn.init.orthogonal_: flattened = new (rows, cols).normal_ (0, 1);
 * transposed when rows < cols; q, r = linalg.qr (flattened);
 * q *= sign (diag (r)); copied back (transposed again); times gain, in the
 * tensor's type. */

#define NN_CAT_(a, b) a##_##b
#define NN_CAT(a, b)  NN_CAT_ (a, b)
#define FN(name)      NN_CAT (name, SFX)

static void
FN (init_orthogonal) (NnRng  *rng,
                      REAL   *w,
                      int     rows,
                      int     cols,
                      double  gain)
{
  size_t n = (size_t) rows * cols;
  bool tr = rows < cols;
  int m = tr ? cols : rows;
  int k = tr ? rows : cols;
  int info = 0, lwork = -1, have;
  REAL query = 0;
  REAL *flat = malloc (sizeof (REAL) * n);
  REAL *a = malloc (sizeof (REAL) * n);     /* column-major m x k */
  REAL *tau = malloc (sizeof (REAL) * k);
  REAL *sign = malloc (sizeof (REAL) * k);
  REAL *work = NULL;

  if (flat == NULL || a == NULL || tau == NULL || sign == NULL)
    abort ();

  NORMAL (rng, flat, n, 0, 1);
  for (int i = 0; i < m; i++)
    for (int j = 0; j < k; j++)
      a[i + (size_t) j * m] = tr ? flat[(size_t) j * cols + i] : flat[(size_t) i * cols + j];

  GEQRF (&m, &k, a, &m, tau, &query, &lwork, &info);
  lwork = query > 1 ? (int) query : 1;
  work = malloc (sizeof (REAL) * lwork);
  if (work == NULL)
    abort ();
  GEQRF (&m, &k, a, &m, tau, work, &lwork, &info);

  /* the signs of R's diagonal (0 stays 0, as torch.sign gives) */
  for (int j = 0; j < k; j++)
    {
      REAL d = a[j + (size_t) j * m];
      sign[j] = d > 0 ? 1 : (d < 0 ? -1 : 0);
    }

  have = lwork;
  lwork = -1;
  ORGQR (&m, &k, &k, a, &m, tau, &query, &lwork, &info);
  lwork = query > 1 ? (int) query : 1;
  if (lwork > have)
    {
      free (work);
      work = malloc (sizeof (REAL) * lwork);
      if (work == NULL)
        abort ();
    }
  ORGQR (&m, &k, &k, a, &m, tau, work, &lwork, &info);

  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
      {
        REAL q = tr ? a[c + (size_t) r * m] * sign[r] : a[r + (size_t) c * m] * sign[c];
        w[(size_t) r * cols + c] = q * (REAL) gain;
      }

  free (work);
  free (sign);
  free (tau);
  free (a);
  free (flat);
}

#undef FN
#undef NN_CAT
#undef NN_CAT_
