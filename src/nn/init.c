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

/* LAPACK, as torch.linalg.qr calls it (geqrf, then orgqr, each with a
 * workspace query first). Linked from OpenBLAS, the LAPACK PyTorch uses on
 * Debian, the results are PyTorch's bit for bit. */
extern void sgeqrf_ (const int *m, const int *n, float *a, const int *lda, float *tau,
                     float *work, const int *lwork, int *info);
extern void sorgqr_ (const int *m, const int *n, const int *k, float *a, const int *lda,
                     const float *tau, float *work, const int *lwork, int *info);
extern void dgeqrf_ (const int *m, const int *n, double *a, const int *lda, double *tau,
                     double *work, const int *lwork, int *info);
extern void dorgqr_ (const int *m, const int *n, const int *k, double *a, const int *lda,
                     const double *tau, double *work, const int *lwork, int *info);

#define REAL   float
#define SFX    f32
#define GEQRF  sgeqrf_
#define ORGQR  sorgqr_
#define NORMAL nn_rng_normal_f32
#include "init-orthogonal-template.h"
#undef REAL
#undef SFX
#undef GEQRF
#undef ORGQR
#undef NORMAL

#define REAL   double
#define SFX    f64
#define GEQRF  dgeqrf_
#define ORGQR  dorgqr_
#define NORMAL nn_rng_normal_f64
#include "init-orthogonal-template.h"

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
      if (dtype == NN_FLOAT64)
        init_orthogonal_f64 (rng, w, rows, cols, config->gain);
      else
        init_orthogonal_f32 (rng, w, rows, cols, config->gain);
      break;
    case NN_N_INITS:
    default:
      break;
    }
}
