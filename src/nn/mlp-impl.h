/* mlp-impl.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Included by mlp.c once per element type with REAL (float or double),
 * SFX (f32 or f64), GEMM (cblas_sgemm or cblas_dgemm) defined. */

#define NN_CAT_(a, b) a##_##b
#define NN_CAT(a, b)  NN_CAT_ (a, b)
#define FN(name)      NN_CAT (name, SFX)

/* z (n, out) = x (n, in) . w (out, in)^T + b (out) */
NN_HOT static void
FN (linear_forward_small) (const REAL *x,
                           const REAL *w,
                           const REAL *b,
                           REAL       *z,
                           int         n,
                           int         in,
                           int         out)
{
  for (int s = 0; s < n; s++)
    {
      const REAL *xs = x + (size_t) s * in;
      REAL *zs = z + (size_t) s * out;

      for (int o = 0; o < out; o++)
        {
          const REAL *wo = w + (size_t) o * in;
          REAL acc = 0;

          for (int i = 0; i < in; i++)
            acc += xs[i] * wo[i];
          zs[o] = acc + b[o];
        }
    }
}

static void
FN (linear_forward) (const REAL *x,
                     const REAL *w,
                     const REAL *b,
                     REAL       *z,
                     int         n,
                     int         in,
                     int         out)
{
  if (use_blas (n, in, out))
    {
      for (int s = 0; s < n; s++)
        memcpy (z + (size_t) s * out, b, sizeof (REAL) * out);
      GEMM (CblasRowMajor, CblasNoTrans, CblasTrans, n, out, in,
            1, x, in, w, in, 1, z, out);
    }
  else
    FN (linear_forward_small) (x, w, b, z, n, in, out);
}

/* from dz (n, out) and x (n, in): dw (out, in) = dz^T . x, db (out) = the
 * column sums of dz, and, when dx is not NULL, dx (n, in) = dz . w */
NN_HOT static void
FN (linear_backward_small) (const REAL *dz,
                            const REAL *x,
                            const REAL *w,
                            REAL       *dw,
                            REAL       *db,
                            REAL       *dx,
                            int         n,
                            int         in,
                            int         out)
{
  memset (dw, 0, sizeof (REAL) * out * in);
  memset (db, 0, sizeof (REAL) * out);
  for (int s = 0; s < n; s++)
    {
      const REAL *xs = x + (size_t) s * in;
      const REAL *dzs = dz + (size_t) s * out;

      for (int o = 0; o < out; o++)
        {
          REAL g = dzs[o];
          REAL *dwo = dw + (size_t) o * in;

          db[o] += g;
          for (int i = 0; i < in; i++)
            dwo[i] += g * xs[i];
        }
    }
  if (dx == NULL)
    return;
  for (int s = 0; s < n; s++)
    {
      const REAL *dzs = dz + (size_t) s * out;
      REAL *dxs = dx + (size_t) s * in;

      for (int i = 0; i < in; i++)
        dxs[i] = 0;
      for (int o = 0; o < out; o++)
        {
          REAL g = dzs[o];
          const REAL *wo = w + (size_t) o * in;

          for (int i = 0; i < in; i++)
            dxs[i] += g * wo[i];
        }
    }
}

NN_HOT static void
FN (column_sums) (const REAL *dz,
                  REAL       *db,
                  int         n,
                  int         out)
{
  memset (db, 0, sizeof (REAL) * out);
  for (int s = 0; s < n; s++)
    for (int o = 0; o < out; o++)
      db[o] += dz[(size_t) s * out + o];
}

static void
FN (linear_backward) (const REAL *dz,
                      const REAL *x,
                      const REAL *w,
                      REAL       *dw,
                      REAL       *db,
                      REAL       *dx,
                      int         n,
                      int         in,
                      int         out)
{
  if (!use_blas (n, in, out))
    {
      FN (linear_backward_small) (dz, x, w, dw, db, dx, n, in, out);
      return;
    }
  GEMM (CblasRowMajor, CblasTrans, CblasNoTrans, out, in, n,
        1, dz, out, x, in, 0, dw, in);
  FN (column_sums) (dz, db, n, out);
  if (dx != NULL)
    GEMM (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, in, out,
          1, dz, out, w, in, 0, dx, in);
}

/* param.grad.norm(): PyTorch squares and sums in the tensor's type, so in
 * float32 squares below ~1e-45 vanish exactly as they do there */
NN_HOT static double
FN (grad_norm) (const REAL *g,
                size_t      n)
{
  double sum = 0;

  for (size_t i = 0; i < n; i++)
    {
      REAL sq = g[i] * g[i];
      sum += sq;
    }
  return (double) (REAL) sqrt ((double) (REAL) sum);
}

static void
FN (mlp_setup) (NnMlp    *mlp,
                uint64_t  seed)
{
  const NnConfig *c = &mlp->config;
  REAL *params = mlp->params;

  nn_rng_seed (&mlp->rng, seed);
  FN (nn_rng_normal) (&mlp->rng, mlp->x, (size_t) c->samples * c->inputs, 0, 1);
  FN (nn_rng_normal) (&mlp->rng, mlp->y, (size_t) c->samples * c->outputs, 0, 1);
  for (int l = 0; l < c->depth; l++)
    nn_init_linear_default (&mlp->rng, c->dtype, params + mlp->w_off[l],
                            params + mlp->b_off[l], mlp->out[l], mlp->in[l]);
  if (c->init != NN_INIT_DEFAULT || c->bias == NN_BIAS_ZEROS)
    for (int l = 0; l < c->depth; l++)
      {
        nn_init_weight (&mlp->rng, c, params + mlp->w_off[l], mlp->out[l], mlp->in[l]);
        if (c->bias == NN_BIAS_ZEROS)
          memset (params + mlp->b_off[l], 0, sizeof (REAL) * mlp->out[l]);
      }
}

static double
FN (mlp_forward) (NnMlp *mlp)
{
  const NnConfig *c = &mlp->config;
  const REAL *params = mlp->params;
  const REAL *h = mlp->x;
  const REAL *yv = mlp->y;
  const REAL *out;
  size_t total = (size_t) c->samples * c->outputs;
  double sum = 0;

  for (int l = 0; l < c->depth; l++)
    {
      REAL *z = (REAL *) mlp->z[l];
      REAL *a = (REAL *) mlp->a[l];

      if (CANCELLED (mlp))
        return NAN;
      FN (linear_forward) (h, params + mlp->w_off[l], params + mlp->b_off[l], z,
                           c->samples, mlp->in[l], mlp->out[l]);
      if (mlp->has_act[l])
        FN (nn_act_forward) (c->activation, c->negative_slope, z, a,
                             (size_t) c->samples * mlp->out[l]);
      h = a;
    }

  /* MSELoss, reduction mean */
  out = h;
  for (size_t i = 0; i < total; i++)
    {
      REAL d = out[i] - yv[i];
      REAL sq = d * d;
      sum += sq;
    }
  return (double) (REAL) (sum / (double) total);
}

static double
FN (mlp_step) (NnMlp  *mlp,
               double *norms)
{
  const NnConfig *c = &mlp->config;
  const REAL *params = mlp->params;
  REAL *grads = mlp->grads;
  REAL *da = mlp->work0;
  REAL *dprev = mlp->work1;
  const REAL *out = mlp->a[c->depth - 1];
  const REAL *yv = mlp->y;
  size_t total = (size_t) c->samples * c->outputs;
  REAL scale = (REAL) (2.0 / (double) total);
  double loss = FN (mlp_forward) (mlp);

  if (CANCELLED (mlp))
    return NAN;

  /* d loss / d output = (output - target) * 2 / numel */
  for (size_t i = 0; i < total; i++)
    da[i] = (out[i] - yv[i]) * scale;

  for (int l = c->depth - 1; l >= 0; l--)
    {
      const REAL *h = l == 0 ? (const REAL *) mlp->x : (const REAL *) mlp->a[l - 1];
      size_t count = (size_t) c->samples * mlp->out[l];
      REAL *tmp;

      if (CANCELLED (mlp))
        return NAN;
      if (mlp->has_act[l])
        FN (nn_act_backward) (c->activation, c->negative_slope, mlp->z[l], mlp->a[l],
                              da, da, count);
      FN (linear_backward) (da, h, params + mlp->w_off[l], grads + mlp->w_off[l],
                            grads + mlp->b_off[l], l == 0 ? NULL : dprev,
                            c->samples, mlp->in[l], mlp->out[l]);
      tmp = da;
      da = dprev;
      dprev = tmp;
    }

  if (norms != NULL)
    for (int l = 0; l < c->depth; l++)
      {
        norms[2 * l] = FN (grad_norm) (grads + mlp->w_off[l], (size_t) mlp->out[l] * mlp->in[l]);
        norms[2 * l + 1] = FN (grad_norm) (grads + mlp->b_off[l], (size_t) mlp->out[l]);
      }
  return loss;
}

static void
FN (mlp_layer_stats) (const NnMlp  *mlp,
                      NnLayerStats *stats)
{
  const NnConfig *c = &mlp->config;
  REAL *d = mlp->work0;

  for (int l = 0; l < c->depth; l++)
    {
      const REAL *z = mlp->z[l];
      const REAL *a = mlp->a[l];
      int out = mlp->out[l];
      size_t count = (size_t) c->samples * out;
      double top = mlp->has_act[l] ? nn_act_max_derivative (c->activation, c->negative_slope) : 1.0;
      REAL threshold = (REAL) (0.01 * top);
      double sz = 0, sa = 0, sd = 0, vz = 0, va = 0;
      size_t saturated = 0;
      int dead = 0;

      if (mlp->has_act[l])
        FN (nn_act_deriv) (c->activation, c->negative_slope, z, a, d, count);
      else
        for (size_t i = 0; i < count; i++)
          d[i] = 1;

      for (size_t i = 0; i < count; i++)
        {
          sz += z[i];
          sa += a[i];
          sd += d[i];
          if (fabs ((double) d[i]) < threshold)
            saturated++;
        }
      sz /= count;
      sa /= count;
      sd /= count;
      for (size_t i = 0; i < count; i++)
        {
          vz += (z[i] - sz) * (z[i] - sz);
          va += (a[i] - sa) * (a[i] - sa);
        }
      for (int o = 0; o < out; o++)
        {
          bool all_zero = true;
          for (int s = 0; s < c->samples && all_zero; s++)
            all_zero = d[(size_t) s * out + o] == 0;
          dead += all_zero;
        }
      stats[l].pre_mean = sz;
      stats[l].pre_std = sqrt (vz / count);
      stats[l].act_mean = sa;
      stats[l].act_std = sqrt (va / count);
      stats[l].deriv_mean = sd;
      stats[l].saturated_fraction = (double) saturated / count;
      stats[l].dead_units = dead;
    }
}

#undef FN
#undef NN_CAT
#undef NN_CAT_
