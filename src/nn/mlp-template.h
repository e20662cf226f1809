/* mlp-template.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A template, not a header: it defines, once with the suffix _f32 and once with
 * _f64 (SFX), the functions
 *   linear_forward_small, fill_rows, linear_forward, linear_backward_small,
 *   row_sums, linear_backward, transpose, grad_norm, setup_transpose,
 *   mlp_setup, act_forward_rows, act_backward_rows, norm_forward,
 *   norm_backward, layer_forward, layer_forward_remedies, layer_backward,
 *   mlp_forward, sum_squares_rows, mlp_step, mlp_layer_stats
 * written FN (name): linear_forward_small_f32 and linear_forward_small_f64 are FN (linear_forward_small) below */

/* Included by mlp.c once per element type with REAL (float or double),
 * SFX (f32 or f64), GEMM (cblas_sgemm or cblas_dgemm) and SMALL_KERNELS
 * (1 when the AVX-512 kernels of kernels.h exist for REAL) defined. */

#define NN_CAT_(a, b) a##_##b
#define NN_CAT(a, b)  NN_CAT_ (a, b)
#define FN(name)      NN_CAT (name, SFX)

/* Activations are stored feature-major, transposed from PyTorch's (n, f):
 * h is (in, n), z is (out, n), and their rows are ld apart (n rounded up to
 * 16: aligned rows for the AVX-512 kernels; the lanes from n to ld are
 * never part of a result). Every loop below then runs along the samples,
 * which vectorises even when the layers are 10 wide.
 *
 * forward: z (out, n) = w (out, in) . h (in, n) + b (out) */
NN_HOT static void
FN (linear_forward_small) (const REAL * restrict h,
                           const REAL * restrict w,
                           const REAL * restrict b,
                           REAL       * restrict z,
                           int                   n,
                           int                   ld,
                           int                   in,
                           int                   out)
{
  for (int o = 0; o < out; o++)
    {
      REAL *zo = z + (size_t) o * ld;
      const REAL *wo = w + (size_t) o * in;

      for (int s = 0; s < n; s++)
        zo[s] = b[o];
      for (int i = 0; i < in; i++)
        {
          const REAL wi = wo[i];
          const REAL *hi = h + (size_t) i * ld;

          for (int s = 0; s < n; s++)
            zo[s] += wi * hi[s];
        }
    }
}

/* z (out, n) = b (out) broadcast along the rows */
NN_HOT static void
FN (fill_rows) (REAL       * restrict z,
                const REAL * restrict b,
                int                   n,
                int                   ld,
                int                   out)
{
  for (int o = 0; o < out; o++)
    for (int s = 0; s < n; s++)
      z[(size_t) o * ld + s] = b[o];
}

static void
FN (linear_forward) (const REAL *h,
                     const REAL *w,
                     const REAL *b,
                     REAL       *z,
                     int         n,
                     int         ld,
                     int         in,
                     int         out)
{
  if (use_blas (n, in, out))
    {
      /* PyTorch's addmm: the bias first, then the product added (beta 1) */
      FN (fill_rows) (z, b, n, ld, out);
      GEMM (CblasRowMajor, CblasNoTrans, CblasNoTrans, out, n, in,
            1, w, in, h, ld, 1, z, ld);
    }
  else
    FN (linear_forward_small) (h, w, b, z, n, ld, in, out);
}

/* backward, from dz (out, n) and h (in, n):
 *   dw (out, in) = dz . h^T      db (out) = the row sums of dz
 *   dh (in, n) = w^T . dz        (skipped when dh is NULL: the first layer) */
NN_HOT static void
FN (linear_backward_small) (const REAL * restrict dz,
                            const REAL * restrict h,
                            const REAL * restrict w,
                            REAL       * restrict dw,
                            REAL       * restrict db,
                            REAL       * restrict dh,
                            int                   n,
                            int                   ld,
                            int                   in,
                            int                   out)
{
  for (int o = 0; o < out; o++)
    {
      const REAL *dzo = dz + (size_t) o * ld;
      REAL acc = 0;

      for (int s = 0; s < n; s++)
        acc += dzo[s];
      db[o] = acc;
      for (int i = 0; i < in; i++)
        {
          const REAL *hi = h + (size_t) i * ld;
          REAL dot = 0;

          for (int s = 0; s < n; s++)
            dot += dzo[s] * hi[s];
          dw[(size_t) o * in + i] = dot;
        }
    }
  if (dh == NULL)
    return;
  for (int i = 0; i < in; i++)
    {
      REAL *dhi = dh + (size_t) i * ld;

      for (int s = 0; s < n; s++)
        dhi[s] = 0;
      for (int o = 0; o < out; o++)
        {
          const REAL woi = w[(size_t) o * in + i];
          const REAL *dzo = dz + (size_t) o * ld;

          for (int s = 0; s < n; s++)
            dhi[s] += woi * dzo[s];
        }
    }
}

NN_HOT static void
FN (row_sums) (const REAL * restrict dz,
               REAL       * restrict db,
               int                   n,
               int                   ld,
               int                   out)
{
  for (int o = 0; o < out; o++)
    {
      const REAL *dzo = dz + (size_t) o * ld;
      REAL acc = 0;

      for (int s = 0; s < n; s++)
        acc += dzo[s];
      db[o] = acc;
    }
}

static void
FN (linear_backward) (const REAL *dz,
                      const REAL *h,
                      const REAL *w,
                      REAL       *dw,
                      REAL       *db,
                      REAL       *dh,
                      int         n,
                      int         ld,
                      int         in,
                      int         out)
{
  if (!use_blas (n, in, out))
    {
      FN (linear_backward_small) (dz, h, w, dw, db, dh, n, ld, in, out);
      return;
    }
  GEMM (CblasRowMajor, CblasNoTrans, CblasTrans, out, in, n,
        1, dz, ld, h, ld, 0, dw, in);
  FN (row_sums) (dz, db, n, ld, out);
  if (dh != NULL)
    GEMM (CblasRowMajor, CblasTrans, CblasNoTrans, in, n, out,
          1, w, in, dz, ld, 0, dh, ld);
}

/* (rows, cols) -> (cols, rows); the stores run along dst's rows */
NN_HOT static void
FN (transpose) (const REAL * restrict src,
                REAL       * restrict dst,
                int                   rows,
                int                   cols)
{
  for (int c = 0; c < cols; c++)
    for (int r = 0; r < rows; r++)
      dst[(size_t) c * rows + r] = src[(size_t) r * cols + c];
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
FN (setup_transpose) (const NnMlp *mlp,
                      const REAL  *src,
                      REAL        *dst,
                      int          rows,
                      int          cols)
{
#if SMALL_KERNELS
  if (mlp->avx512)
    {
      nn_avx512_transpose (src, dst, rows, cols);
      return;
    }
#endif
  FN (transpose) (src, dst, rows, cols);
}

static void
FN (mlp_setup) (NnMlp    *mlp,
                uint64_t  seed)
{
  const NnConfig *c = &mlp->config;
  REAL *params = mlp->params;

  nn_rng_seed (&mlp->rng, seed);
  /* X = randn (samples, inputs), Y = randn (samples, outputs); kept transposed */
  FN (nn_rng_normal) (&mlp->rng, mlp->work0, (size_t) c->samples * c->inputs, 0, 1);
  FN (setup_transpose) (mlp, mlp->work0, mlp->x, c->samples, c->inputs);
  FN (nn_rng_normal) (&mlp->rng, mlp->work0, (size_t) c->samples * c->outputs, 0, 1);
  FN (setup_transpose) (mlp, mlp->work0, mlp->y, c->samples, c->outputs);
  /* a large network takes seconds to draw: each layer drawn is told, and
   * a cancel stops the drawing between layers (nn_mlp_setup_layer_calls) */
  for (int l = 0; l < c->depth; l++)
    {
      if (CANCELLED (mlp))
        return;
      nn_init_linear_default (&mlp->rng, c->dtype, params + mlp->w_off[l],
                              params + mlp->b_off[l], mlp->out[l], mlp->in[l]);
      LAYER_DONE (mlp);
    }
  if (nn_config_reinitialises (c))
    for (int l = 0; l < c->depth; l++)
      {
        if (CANCELLED (mlp))
          return;
        nn_init_weight (&mlp->rng, c, params + mlp->w_off[l], mlp->out[l], mlp->in[l]);
        if (c->bias == NN_BIAS_ZEROS)
          memset (params + mlp->b_off[l], 0, sizeof (REAL) * mlp->out[l]);
        LAYER_DONE (mlp);
      }
  /* BatchNorm1d and LayerNorm start with weight 1 and bias 0 and draw nothing */
  for (int l = 0; l < c->depth; l++)
    if (mlp->has_norm[l])
      for (int o = 0; o < mlp->out[l]; o++)
        {
          params[mlp->g_off[l] + o] = 1;
          params[mlp->be_off[l] + o] = 0;
        }
}

/* the activation and its backward pass on rows (rows, ld), n values each */
static void
FN (act_forward_rows) (const NnMlp *mlp,
                       const REAL  *z,
                       REAL        *a,
                       int          rows)
{
  const NnConfig *c = &mlp->config;
  int n = c->samples, ld = mlp->ld;

  if (ld == n)
    FN (nn_act_forward) (c->activation, c->negative_slope, z, a, (size_t) rows * n);
  else
    for (int o = 0; o < rows; o++)
      FN (nn_act_forward) (c->activation, c->negative_slope, z + (size_t) o * ld, a + (size_t) o * ld, n);
}

static void
FN (act_backward_rows) (const NnMlp *mlp,
                        const REAL  *z,
                        const REAL  *a,
                        REAL        *d,
                        int          rows)
{
  const NnConfig *c = &mlp->config;
  int n = c->samples, ld = mlp->ld;

  if (ld == n)
    FN (nn_act_backward) (c->activation, c->negative_slope, z, a, d, d, (size_t) rows * n);
  else
    for (int o = 0; o < rows; o++)
      {
        size_t off = (size_t) o * ld;

        FN (nn_act_backward) (c->activation, c->negative_slope, z + off, a + off, d + off, d + off, n);
      }
}

/* Normalisation of layer l, forward: x (out, n) is the Linear's output in
 * mlp->xhat[l], normalised there in place; z = gamma x hat + beta.
 * BatchNorm1d (training mode) normalises each unit over the samples with
 * the batch's mean and biased variance; LayerNorm each sample over the
 * units. Sums run in double (PyTorch accumulates float32 statistics in a
 * wider type too); the output is formed as PyTorch's kernels form it,
 * x alpha + (beta - mean alpha) with alpha = gamma / std (batch) and
 * (x / std - mean / std) gamma + beta (layer). */
NN_REMEDY static void
FN (norm_forward) (NnMlp *mlp,
                   int    l)
{
  const NnConfig *c = &mlp->config;
  const REAL *params = mlp->params;
  const REAL *gamma = params + mlp->g_off[l];
  const REAL *beta = params + mlp->be_off[l];
  REAL *x = mlp->xhat[l];
  REAL *z = mlp->z[l];
  REAL *rstd = mlp->rstd[l];
  int n = c->samples, ld = mlp->ld, out = mlp->out[l];

  if (c->norm == NN_NORM_BATCH)
    for (int o = 0; o < out; o++)
      {
        REAL *xo = x + (size_t) o * ld, *zo = z + (size_t) o * ld;
        double sum = 0, var = 0;
        REAL mean, r, alpha, shift;

        for (int s = 0; s < n; s++)
          sum += xo[s];
        mean = (REAL) (sum / n);
        for (int s = 0; s < n; s++)
          {
            double d = (double) xo[s] - (double) mean;
            var += d * d;
          }
        r = (REAL) (1.0 / sqrt (var / n + NN_NORM_EPS));
        rstd[o] = r;
        alpha = r * gamma[o];
        shift = beta[o] - mean * alpha;
        for (int s = 0; s < n; s++)
          {
            zo[s] = xo[s] * alpha + shift;
            xo[s] = (xo[s] - mean) * r;
          }
      }
  else
    {
      /* per sample over the units; the loops run along the samples (rows
       * of x), with the per-sample sums in double */
      double *sum = mlp->ln_sums, *var = mlp->ln_sums + ld;

      for (int s = 0; s < n; s++)
        sum[s] = var[s] = 0;
      for (int o = 0; o < out; o++)
        for (int s = 0; s < n; s++)
          sum[s] += x[(size_t) o * ld + s];
      for (int s = 0; s < n; s++)
        sum[s] = (double) (REAL) (sum[s] / out);   /* the mean, rounded to REAL */
      for (int o = 0; o < out; o++)
        for (int s = 0; s < n; s++)
          {
            double d = (double) x[(size_t) o * ld + s] - sum[s];
            var[s] += d * d;
          }
      for (int s = 0; s < n; s++)
        rstd[s] = (REAL) (1.0 / sqrt (var[s] / out + NN_NORM_EPS));
      for (int o = 0; o < out; o++)
        {
          REAL *xo = x + (size_t) o * ld, *zo = z + (size_t) o * ld;
          REAL g = gamma[o], be = beta[o];

          for (int s = 0; s < n; s++)
            {
              REAL xh = xo[s] * rstd[s] + (-(REAL) sum[s] * rstd[s]);

              zo[s] = xh * g + be;
              xo[s] = xh;
            }
        }
    }
}

/* Normalisation of layer l, backward: d (out, n) holds d loss / d z and
 * becomes d loss / d x (the Linear's output); the gradients of gamma and
 * beta. With x hat and 1 / std from the forward pass:
 *   batch, per unit over the n samples:
 *     dx = gamma / std (dz - mean (dz) - x hat mean (dz x hat))
 *   layer, per sample over the units, with g = dz gamma:
 *     dx = 1 / std (g - mean (g) - x hat mean (g x hat)) */
NN_REMEDY static void
FN (norm_backward) (NnMlp *mlp,
                    int    l,
                    REAL  *d)
{
  const NnConfig *c = &mlp->config;
  const REAL *params = mlp->params;
  REAL *grads = mlp->grads;
  const REAL *gamma = params + mlp->g_off[l];
  REAL *dgamma = grads + mlp->g_off[l];
  REAL *dbeta = grads + mlp->be_off[l];
  const REAL *xh = mlp->xhat[l];
  const REAL *rstd = mlp->rstd[l];
  int n = c->samples, ld = mlp->ld, out = mlp->out[l];

  for (int o = 0; o < out; o++)
    {
      const REAL *xo = xh + (size_t) o * ld, *dzo = d + (size_t) o * ld;
      double sd = 0, sdx = 0;

      for (int s = 0; s < n; s++)
        {
          sd += dzo[s];
          sdx += (double) dzo[s] * (double) xo[s];
        }
      dgamma[o] = (REAL) sdx;
      dbeta[o] = (REAL) sd;
    }
  if (c->norm == NN_NORM_BATCH)
    for (int o = 0; o < out; o++)
      {
        const REAL *xo = xh + (size_t) o * ld;
        REAL *dzo = d + (size_t) o * ld;
        REAL k = rstd[o] * gamma[o];
        REAL mean_d = (REAL) ((double) dbeta[o] / n), mean_dx = (REAL) ((double) dgamma[o] / n);

        for (int s = 0; s < n; s++)
          dzo[s] = k * (dzo[s] - mean_d - xo[s] * mean_dx);
      }
  else
    {
      double *sg = mlp->ln_sums, *sgx = mlp->ln_sums + ld;

      for (int s = 0; s < n; s++)
        sg[s] = sgx[s] = 0;
      for (int o = 0; o < out; o++)
        {
          const REAL *xo = xh + (size_t) o * ld, *dzo = d + (size_t) o * ld;
          double g = gamma[o];

          for (int s = 0; s < n; s++)
            {
              double gd = (double) dzo[s] * g;

              sg[s] += gd;
              sgx[s] += gd * (double) xo[s];
            }
        }
      for (int s = 0; s < n; s++)
        {
          sg[s] = (double) (REAL) (sg[s] / out);
          sgx[s] = (double) (REAL) (sgx[s] / out);
        }
      for (int o = 0; o < out; o++)
        {
          const REAL *xo = xh + (size_t) o * ld;
          REAL *dzo = d + (size_t) o * ld;
          REAL g = gamma[o];

          for (int s = 0; s < n; s++)
            dzo[s] = rstd[s] * (dzo[s] * g - (REAL) sg[s] - xo[s] * (REAL) sgx[s]);
        }
    }
}

/* layer l, forward: z = w . h + b, a = act (z) */
static void
FN (layer_forward) (NnMlp      *mlp,
                    int         l,
                    const REAL *h)
{
  const NnConfig *c = &mlp->config;
  const REAL *params = mlp->params;
  const REAL *w = params + mlp->w_off[l];
  const REAL *b = params + mlp->b_off[l];
  REAL *z = mlp->z[l];
  REAL *a = mlp->a[l];
  bool act_done = false;

#if SMALL_KERNELS
  if (use_lane_sums (mlp, l))
    {
      act_done = mlp->has_act[l] && c->activation == NN_ACT_SIGMOID;
      nn_avx512_linear_forward_lanes (h, w, b, z, act_done ? a : NULL, c->samples, mlp->ld,
                                      mlp->in[l], mlp->out[l]);
    }
  else if (use_small_kernels (mlp, l))
    {
      act_done = mlp->has_act[l] && c->activation == NN_ACT_SIGMOID;
      nn_avx512_linear_forward (h, w, b, z, act_done ? a : NULL, c->samples, mlp->ld,
                                mlp->in[l], mlp->out[l]);
    }
  else
#endif
    FN (linear_forward) (h, w, b, z, c->samples, mlp->ld, mlp->in[l], mlp->out[l]);
  if (mlp->has_act[l] && !act_done)
    FN (act_forward_rows) (mlp, z, a, mlp->out[l]);
}

/* layer l with its norm and skip, forward: z = norm (w . h + b),
 * a = act (z), o = h + a with a skip */
NN_REMEDY static void
FN (layer_forward_remedies) (NnMlp      *mlp,
                             int         l,
                             const REAL *h)
{
  const NnConfig *c = &mlp->config;
  const REAL *params = mlp->params;
  const REAL *w = params + mlp->w_off[l];
  const REAL *b = params + mlp->b_off[l];
  REAL *z = mlp->z[l];
  REAL *a = mlp->a[l];
  int n = c->samples, ld = mlp->ld;

  if (mlp->has_norm[l])
    {
      FN (linear_forward) (h, w, b, mlp->xhat[l], n, ld, mlp->in[l], mlp->out[l]);
      FN (norm_forward) (mlp, l);
    }
  else
    FN (linear_forward) (h, w, b, z, n, ld, mlp->in[l], mlp->out[l]);
  if (mlp->has_act[l])
    FN (act_forward_rows) (mlp, z, a, mlp->out[l]);
  if (mlp->skip[l])
    {
      /* the residual connection: o = h + a (in == out) */
      REAL *o = mlp->o[l];

      for (int r = 0; r < mlp->out[l]; r++)
        for (int s = 0; s < n; s++)
          o[(size_t) r * ld + s] = h[(size_t) r * ld + s] + a[(size_t) r * ld + s];
    }
}

/* layer l, backward from dz (out, n), that is d loss / d z: the gradients
 * of w and b and, above the first layer, d loss / d h (in, n) into dh.
 * Returns true when dh already holds the layer below's dz (its activation's
 * derivative applied on the way). */
static bool
FN (layer_backward) (NnMlp      *mlp,
                     int         l,
                     const REAL *dz,
                     REAL       *dh)
{
  const NnConfig *c = &mlp->config;
  const REAL *params = mlp->params;
  REAL *grads = mlp->grads;
  const REAL *h = l == 0 ? (const REAL *) mlp->xp : (const REAL *) mlp->o[l - 1];

#if SMALL_KERNELS
  if (use_small_kernels (mlp, l))
    {
      bool fuse = l > 0 && mlp->has_act[l - 1] && c->activation == NN_ACT_SIGMOID;

      nn_avx512_linear_backward_w (dz, h, grads + mlp->w_off[l], grads + mlp->b_off[l],
                                   c->samples, mlp->ld, mlp->in[l], mlp->out[l]);
      if (l > 0)
        nn_avx512_linear_backward_h (dz, params + mlp->w_off[l], fuse ? h : NULL, dh,
                                     c->samples, mlp->ld, mlp->in[l], mlp->out[l]);
      return fuse;
    }
#endif
  FN (linear_backward) (dz, h, params + mlp->w_off[l], grads + mlp->w_off[l],
                        grads + mlp->b_off[l], l == 0 ? NULL : dh,
                        c->samples, mlp->ld, mlp->in[l], mlp->out[l]);
  return false;
}

static double
FN (mlp_forward) (NnMlp *mlp)
{
  const NnConfig *c = &mlp->config;
  const REAL *x = mlp->x;
  REAL *xp = mlp->xp;
  const REAL *h = xp;
  const REAL *yv = mlp->y;
  const REAL *out;
  int n = c->samples, ld = mlp->ld;
  size_t total = (size_t) n * c->outputs;
  double sum = 0;

  mlp->signal_valid = false;
  /* X (inputs, n) into rows ld apart, like the activations (X itself stays
   * as nn_mlp_inputs gives it) */
  for (int i = 0; i < c->inputs; i++)
    memcpy (xp + (size_t) i * ld, x + (size_t) i * n, sizeof (REAL) * n);

  for (int l = 0; l < c->depth; l++)
    {
      if (CANCELLED (mlp))
        return NAN;
      if (mlp->plain)
        FN (layer_forward) (mlp, l, h);
      else
        FN (layer_forward_remedies) (mlp, l, h);
      h = mlp->o[l];
      LAYER_DONE (mlp);
    }

  /* MSELoss, reduction mean; Y is (outputs, n) */
  out = h;
  for (int o = 0; o < c->outputs; o++)
    for (int s = 0; s < n; s++)
      {
        REAL d = out[(size_t) o * ld + s] - yv[(size_t) o * n + s];
        REAL sq = d * d;
        sum += sq;
      }
  return (double) (REAL) (sum / (double) total);
}

/* the sum of the squares of rows (rows, ld), n values each, in double:
 * PyTorch's (dz.double () ** 2) of the teaching contracts */
static double
FN (sum_squares_rows) (const REAL *d,
                       int         rows,
                       int         n,
                       int         ld)
{
  double sum = 0;

  for (int o = 0; o < rows; o++)
    {
      const REAL *row = d + (size_t) o * ld;

      for (int s = 0; s < n; s++)
        sum += (double) row[s] * (double) row[s];
    }
  return sum;
}

static double
FN (mlp_step) (NnMlp  *mlp,
               double *norms)
{
  const NnConfig *c = &mlp->config;
  REAL *grads = mlp->grads;
  REAL *da = mlp->work0;
  REAL *dprev = mlp->work1;
  REAL *skip_d = mlp->work2;
  const REAL *out;
  const REAL *yv = mlp->y;
  int n = c->samples, ld = mlp->ld;
  size_t total = (size_t) n * c->outputs;
  REAL scale = (REAL) (2.0 / (double) total);
  double loss = FN (mlp_forward) (mlp);
  bool is_dz = false;

  if (CANCELLED (mlp))
    return NAN;

  /* d loss / d output = (output - target) * 2 / numel */
  out = mlp->o[c->depth - 1];
  for (int o = 0; o < c->outputs; o++)
    for (int s = 0; s < n; s++)
      da[(size_t) o * ld + s] = (out[(size_t) o * ld + s] - yv[(size_t) o * n + s]) * scale;

  /* da holds d loss / d a of layer l, or d loss / d z when is_dz */
  if (mlp->plain)
    for (int l = c->depth - 1; l >= 0; l--)
      {
        REAL *tmp;

        if (CANCELLED (mlp))
          return NAN;
        if (mlp->has_act[l] && !is_dz)
          FN (act_backward_rows) (mlp, mlp->z[l], mlp->a[l], da, mlp->out[l]);
        /* da is d loss / d z of layer l here, whichever path made it */
        if (mlp->record_signal)
          mlp->signal_sq[l] = FN (sum_squares_rows) (da, mlp->out[l], n, ld);
        is_dz = FN (layer_backward) (mlp, l, da, dprev);
        tmp = da;
        da = dprev;
        dprev = tmp;
        LAYER_DONE (mlp);
      }
  else
    /* residual connections and normalisation (never on the fused kernels) */
    for (int l = c->depth - 1; l >= 0; l--)
      {
        REAL *tmp;

        if (CANCELLED (mlp))
          return NAN;
        /* da is d loss / d o of layer l; with a skip, the input's share of it */
        if (mlp->skip[l] && l > 0)
          for (int r = 0; r < mlp->out[l]; r++)
            memcpy (skip_d + (size_t) r * ld, da + (size_t) r * ld, sizeof (REAL) * n);
        if (mlp->has_act[l])
          FN (act_backward_rows) (mlp, mlp->z[l], mlp->a[l], da, mlp->out[l]);
        if (mlp->record_signal)
          mlp->signal_sq[l] = FN (sum_squares_rows) (da, mlp->out[l], n, ld);
        if (mlp->has_norm[l])
          FN (norm_backward) (mlp, l, da);
        FN (layer_backward) (mlp, l, da, dprev);
        if (mlp->skip[l] && l > 0)
          for (int r = 0; r < mlp->out[l]; r++)
            for (int s = 0; s < n; s++)
              dprev[(size_t) r * ld + s] += skip_d[(size_t) r * ld + s];
        tmp = da;
        da = dprev;
        dprev = tmp;
        LAYER_DONE (mlp);
      }

  if (norms != NULL && mlp->plain)
    for (int l = 0; l < c->depth; l++)
      {
        norms[2 * l] = FN (grad_norm) (grads + mlp->w_off[l], (size_t) mlp->out[l] * mlp->in[l]);
        norms[2 * l + 1] = FN (grad_norm) (grads + mlp->b_off[l], (size_t) mlp->out[l]);
      }
  else if (norms != NULL)
    for (int p = 0; p < nn_config_n_params (c); p++)
      {
        int rows, cols;

        nn_config_param_shape (c, p, &rows, &cols);
        norms[p] = FN (grad_norm) (grads + mlp->p_off[p], (size_t) rows * cols);
      }
  mlp->signal_valid = mlp->record_signal;
  return loss;
}

static void
FN (mlp_layer_stats) (const NnMlp  *mlp,
                      NnLayerStats *stats)
{
  const NnConfig *c = &mlp->config;
  const REAL *params = mlp->params;
  REAL *d = mlp->work0;
  int n = c->samples, ld = mlp->ld;

  for (int l = 0; l < c->depth; l++)
    {
      const REAL *z = mlp->z[l];
      const REAL *a = mlp->a[l];
      int out = mlp->out[l];
      size_t count = (size_t) n * out;
      double top = mlp->has_act[l] ? nn_act_max_derivative (c->activation, c->negative_slope) : 1.0;
      REAL threshold = (REAL) (0.01 * top);
      const REAL *w = params + mlp->w_off[l];
      size_t n_w = (size_t) out * mlp->in[l];
      double sz = 0, sa = 0, sd = 0, sdd = 0, sw = 0, vz = 0, va = 0;
      size_t saturated = 0;
      int dead = 0;

      for (int o = 0; o < out; o++)
        for (int s = 0; s < n; s++)
          d[(size_t) o * ld + s] = 1;
      if (mlp->has_act[l])
        FN (act_backward_rows) (mlp, z, a, d, out);

      for (int o = 0; o < out; o++)
        for (size_t i = (size_t) o * ld; i < (size_t) o * ld + n; i++)
          {
            sz += z[i];
            sa += a[i];
            sd += d[i];
            sdd += (double) d[i] * (double) d[i];
            if (fabs ((double) d[i]) < threshold)
              saturated++;
          }
      sz /= count;
      sa /= count;
      sd /= count;
      for (int o = 0; o < out; o++)
        for (size_t i = (size_t) o * ld; i < (size_t) o * ld + n; i++)
          {
            vz += (z[i] - sz) * (z[i] - sz);
            va += (a[i] - sa) * (a[i] - sa);
          }
      for (int o = 0; o < out; o++)
        {
          bool all_zero = true;
          for (int s = 0; s < n && all_zero; s++)
            all_zero = d[(size_t) o * ld + s] == 0;
          dead += all_zero;
        }
      stats[l].pre_mean = sz;
      stats[l].pre_std = sqrt (vz / count);
      stats[l].act_mean = sa;
      stats[l].act_std = sqrt (va / count);
      stats[l].deriv_mean = sd;
      stats[l].saturated_fraction = (double) saturated / count;
      stats[l].dead_units = dead;

      for (size_t i = 0; i < n_w; i++)
        sw += (double) w[i] * (double) w[i];
      stats[l].deriv_sq_mean = sdd / count;
      stats[l].activation_gain = sqrt (stats[l].deriv_sq_mean);
      stats[l].weight_gain = sqrt (out * (sw / n_w));
      stats[l].grad_rms = mlp->signal_valid ? sqrt (mlp->signal_sq[l] / count) : NAN;
    }

  /* the variance argument from the output inwards: going down through
   * layer l + 1 the signal is multiplied by its weights' gain, then by
   * layer l's activation's */
  if (!mlp->plain)
    {
      /* DESIGN.md: null with residual connections or normalisation, which
       * the argument does not cover */
      for (int l = 0; l < c->depth; l++)
        stats[l].predicted_grad_rms = NAN;
      return;
    }
  stats[c->depth - 1].predicted_grad_rms = stats[c->depth - 1].grad_rms;
  for (int l = c->depth - 2; l >= 0; l--)
    stats[l].predicted_grad_rms = stats[l + 1].predicted_grad_rms * stats[l + 1].weight_gain
                                  * stats[l].activation_gain;
}

#undef FN
#undef NN_CAT
#undef NN_CAT_
