/* init.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "init.h"

/* All of the arithmetic below is Python double, in torch.nn.init's order of
 * operations; the results then go through Tensor.uniform_ / normal_. */

static void
fill_uniform (NnRng   *rng,
              NnDtype  dtype,
              void    *t,
              size_t   n,
              double   a,
              double   b)
{
  if (dtype == NN_FLOAT64)
    nn_rng_uniform_f64 (rng, t, n, a, b);
  else
    nn_rng_uniform_f32 (rng, t, n, a, b);
}

static void
fill_normal (NnRng   *rng,
             NnDtype  dtype,
             void    *t,
             size_t   n,
             double   mean,
             double   std)
{
  if (dtype == NN_FLOAT64)
    nn_rng_normal_f64 (rng, t, n, mean, std);
  else
    nn_rng_normal_f32 (rng, t, n, mean, std);
}

void
nn_init_linear_default (NnRng   *rng,
                        NnDtype  dtype,
                        void    *w,
                        void    *bias,
                        int      rows,
                        int      cols)
{
  /* kaiming_uniform_(weight, a=math.sqrt(5)) */
  double a = sqrt (5.0);
  double gain = nn_calculate_gain (NN_NONLIN_LEAKY_RELU, true, a);
  double std = gain / sqrt ((double) cols);
  double bound = sqrt (3.0) * std;
  double bias_bound = cols > 0 ? 1 / sqrt ((double) cols) : 0;

  fill_uniform (rng, dtype, w, (size_t) rows * cols, -bound, bound);
  fill_uniform (rng, dtype, bias, (size_t) rows, -bias_bound, bias_bound);
}

/* Householder QR of a (m x n, m >= n, row-major, overwritten); q receives
 * the m x n factor with the sign of each column chosen so that R has a
 * non-negative diagonal, as orthogonal_ does with q *= sign(diag(r)). */
static void
qr_positive (double *a,
             double *q,
             double *v,
             double *rdiag,
             int     m,
             int     n)
{
  for (int j = 0; j < n; j++)
    {
      double norm = 0, alpha, vnorm = 0;
      double *vj = v + (size_t) j * m;

      for (int i = j; i < m; i++)
        norm += a[(size_t) i * n + j] * a[(size_t) i * n + j];
      norm = sqrt (norm);
      alpha = a[(size_t) j * n + j] > 0 ? -norm : norm;
      for (int i = 0; i < m; i++)
        vj[i] = i < j ? 0 : a[(size_t) i * n + j];
      vj[j] -= alpha;
      for (int i = j; i < m; i++)
        vnorm += vj[i] * vj[i];
      rdiag[j] = alpha;
      if (vnorm == 0)
        continue;
      vnorm = sqrt (vnorm);
      for (int i = j; i < m; i++)
        vj[i] /= vnorm;
      for (int c = j; c < n; c++)
        {
          double dot = 0;
          for (int i = j; i < m; i++)
            dot += vj[i] * a[(size_t) i * n + c];
          for (int i = j; i < m; i++)
            a[(size_t) i * n + c] -= 2 * vj[i] * dot;
        }
    }

  /* Q = H_0 ... H_{n-1} applied to the first n columns of I */
  memset (q, 0, sizeof (double) * m * n);
  for (int j = 0; j < n; j++)
    q[(size_t) j * n + j] = 1;
  for (int j = n - 1; j >= 0; j--)
    {
      const double *vj = v + (size_t) j * m;

      for (int c = 0; c < n; c++)
        {
          double dot = 0;
          for (int i = j; i < m; i++)
            dot += vj[i] * q[(size_t) i * n + c];
          for (int i = j; i < m; i++)
            q[(size_t) i * n + c] -= 2 * vj[i] * dot;
        }
    }

  for (int j = 0; j < n; j++)
    {
      double sign = rdiag[j] > 0 ? 1 : (rdiag[j] < 0 ? -1 : 0);
      for (int i = 0; i < m; i++)
        q[(size_t) i * n + j] *= sign;
    }
}

/* torch.nn.init.orthogonal_: flattened = new(rows, cols).normal_(0, 1);
 * transposed when rows < cols; q, r = linalg.qr; q *= sign(diag(r)); then
 * copied back (transposed again) and multiplied by gain. */
static void
init_orthogonal (NnRng   *rng,
                 NnDtype  dtype,
                 void    *w,
                 int      rows,
                 int      cols,
                 double   gain)
{
  size_t n = (size_t) rows * cols;
  bool tr = rows < cols;
  int m = tr ? cols : rows;
  int k = tr ? rows : cols;
  double *buf = malloc (sizeof (double) * (3 * n + (size_t) m * k + (size_t) k + 1));
  double *flat = buf;
  double *a = flat + n;
  double *q = a + n;
  double *rdiag = q + n;
  double *v = rdiag + k;

  if (buf == NULL)
    abort ();

  if (dtype == NN_FLOAT64)
    nn_rng_normal_f64 (rng, flat, n, 0, 1);
  else
    {
      float *f = (float *) q;   /* q is free until the QR */
      nn_rng_normal_f32 (rng, f, n, 0, 1);
      for (size_t i = 0; i < n; i++)
        flat[i] = f[i];
    }

  for (int i = 0; i < m; i++)
    for (int j = 0; j < k; j++)
      a[(size_t) i * k + j] = tr ? flat[(size_t) j * cols + i] : flat[(size_t) i * cols + j];

  qr_positive (a, q, v, rdiag, m, k);

  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
      {
        double val = tr ? q[(size_t) c * k + r] : q[(size_t) r * k + c];
        if (dtype == NN_FLOAT64)
          ((double *) w)[(size_t) r * cols + c] = val * gain;
        else
          ((float *) w)[(size_t) r * cols + c] = (float) val * (float) gain;
      }
  free (buf);
}

void
nn_init_weight (NnRng          *rng,
                const NnConfig *config,
                void           *w,
                int             rows,
                int             cols)
{
  size_t n = (size_t) rows * cols;
  double fan_in = cols, fan_out = rows;
  double fan = config->mode == NN_FAN_OUT ? fan_out : fan_in;
  NnDtype dtype = config->dtype;

  switch (config->init)
    {
    case NN_INIT_DEFAULT:
      break;
    case NN_INIT_XAVIER_NORMAL:
      {
        double std = config->gain * sqrt (2.0 / (fan_in + fan_out));
        fill_normal (rng, dtype, w, n, 0, std);
      }
      break;
    case NN_INIT_XAVIER_UNIFORM:
      {
        double std = config->gain * sqrt (2.0 / (fan_in + fan_out));
        double a = sqrt (3.0) * std;
        fill_uniform (rng, dtype, w, n, -a, a);
      }
      break;
    case NN_INIT_KAIMING_NORMAL:
      {
        double gain = nn_calculate_gain (config->nonlinearity, true, config->a);
        double std = gain / sqrt (fan);
        fill_normal (rng, dtype, w, n, 0, std);
      }
      break;
    case NN_INIT_KAIMING_UNIFORM:
      {
        double gain = nn_calculate_gain (config->nonlinearity, true, config->a);
        double std = gain / sqrt (fan);
        double bound = sqrt (3.0) * std;
        fill_uniform (rng, dtype, w, n, -bound, bound);
      }
      break;
    case NN_INIT_NORMAL:
      fill_normal (rng, dtype, w, n, config->mean, config->std);
      break;
    case NN_INIT_UNIFORM:
      fill_uniform (rng, dtype, w, n, config->a, config->b);
      break;
    case NN_INIT_ORTHOGONAL:
      init_orthogonal (rng, dtype, w, rows, cols, config->gain);
      break;
    case NN_N_INITS:
    default:
      break;
    }
}
