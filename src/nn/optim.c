/* optim.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optim.h"
#include "simd.h"

/* PyTorch 1.13's CPU kernels, on the AVX2 build that Debian's python3-torch
 * runs, compute (checked element by element against torch, including the
 * scalar tails of the vector loops):
 *   p.add_ (g, alpha=a)              fma (a, g, p)
 *   p.mul_ (s)                       p * s
 *   p.addcmul_ (t1, t2, value=v)     fma (v * t1, t2, p)
 *   p.addcdiv_ (t1, t2, value=v)     p + (v * t1) / t2
 *   t.sqrt () / s, .add_ (e)         sqrt (t) / s + e
 * with every Python number rounded to the tensor's type first. This file is
 * built without contraction (meson.build): every fma below is one on
 * purpose, every other product and sum rounds on its own. */

struct NnOptim
{
  NnOptimConfig config;
  NnDtype       dtype;
  size_t        n;
  long          step;        /* steps taken */
  void         *buf;         /* SGD's momentum buffer; Adam's exp_avg */
  void         *buf2;        /* Adam's exp_avg_sq */
};

static const char * const optimizer_names[NN_N_OPTIMIZERS] = { "sgd", "adam" };

void
nn_optim_config_init_default (NnOptimConfig *config)
{
  config->kind = NN_OPTIM_SGD;
  config->lr = 0.1;
  config->momentum = 0;
  config->beta1 = 0.9;
  config->beta2 = 0.999;
  config->eps = 1e-8;
}

const char *
nn_optimizer_name (NnOptimizer kind)
{
  return (kind >= 0 && kind < NN_N_OPTIMIZERS) ? optimizer_names[kind] : NULL;
}

int
nn_optimizer_from_name (const char *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; i < NN_N_OPTIMIZERS; i++)
    if (strcmp (optimizer_names[i], name) == 0)
      return i;
  return -1;
}

static int
n_buffers (const NnOptimConfig *config)
{
  if (config->kind == NN_OPTIM_ADAM)
    return 2;
  return config->momentum != 0 ? 1 : 0;
}

size_t
nn_optim_state_bytes (const NnOptimConfig *config,
                      NnDtype              dtype,
                      size_t               n)
{
  size_t elem = dtype == NN_FLOAT64 ? sizeof (double) : sizeof (float);

  return sizeof (NnOptim) + (size_t) n_buffers (config) * n * elem;
}

NnOptim *
nn_optim_new (const NnOptimConfig *config,
              NnDtype              dtype,
              size_t               n)
{
  NnOptim *opt = calloc (1, sizeof *opt);
  size_t elem = dtype == NN_FLOAT64 ? sizeof (double) : sizeof (float);
  int k = n_buffers (config);

  if (opt == NULL)
    return NULL;
  opt->config = *config;
  opt->dtype = dtype;
  opt->n = n;
  if (k >= 1 && (opt->buf = calloc (n > 0 ? n : 1, elem)) == NULL)
    goto fail;
  if (k >= 2 && (opt->buf2 = calloc (n > 0 ? n : 1, elem)) == NULL)
    goto fail;
  return opt;

fail:
  nn_optim_free (opt);
  return NULL;
}

void
nn_optim_free (NnOptim *opt)
{
  if (opt == NULL)
    return;
  free (opt->buf);
  free (opt->buf2);
  free (opt);
}

void
nn_optim_reset (NnOptim *opt)
{
  size_t elem = opt->dtype == NN_FLOAT64 ? sizeof (double) : sizeof (float);

  opt->step = 0;
  /* Adam's moments start at zero (torch.zeros_like); SGD's buffer is
   * created from the first gradient, so it needs no clearing */
  if (opt->buf2 != NULL)
    {
      memset (opt->buf, 0, opt->n * elem);
      memset (opt->buf2, 0, opt->n * elem);
    }
}

/* ---- the element loops, once per type --------------------------------- */

#define NN_CAT_(a, b) a##_##b
#define NN_CAT(a, b)  NN_CAT_ (a, b)

#define REAL float
#define SFX  f32
#define FMA  fmaf
#define SQRT sqrtf
#include "optim-template.h"
#undef REAL
#undef SFX
#undef FMA
#undef SQRT

#define REAL double
#define SFX  f64
#define FMA  fma
#define SQRT sqrt
#include "optim-template.h"
#undef REAL
#undef SFX
#undef FMA
#undef SQRT

void
nn_optim_step (NnOptim            *opt,
               int                 n_tensors,
               void * const       *params,
               const void * const *grads,
               const size_t       *sizes)
{
  const NnOptimConfig *c = &opt->config;
  size_t off = 0;
  bool f64 = opt->dtype == NN_FLOAT64;
  bool first = opt->step == 0;
  double step_size = 0, bc2_sqrt = 0;

  opt->step++;
  if (c->kind == NN_OPTIM_ADAM)
    {
      /* Python floats: step = state_steps[i].item (), beta ** step is C's pow */
      double bc1 = 1 - pow (c->beta1, (double) opt->step);
      double bc2 = 1 - pow (c->beta2, (double) opt->step);

      step_size = c->lr / bc1;
      bc2_sqrt = sqrt (bc2);
    }

  for (int t = 0; t < n_tensors; t++)
    {
      size_t n = sizes[t];

      if (off + n > opt->n)
        abort ();   /* more values than the state was made for: a caller's bug */
      if (c->kind == NN_OPTIM_ADAM)
        {
          if (f64)
            adam_f64 (c, params[t], grads[t], (double *) opt->buf + off, (double *) opt->buf2 + off, n,
                      step_size, bc2_sqrt);
          else
            adam_f32 (c, params[t], grads[t], (float *) opt->buf + off, (float *) opt->buf2 + off, n,
                      step_size, bc2_sqrt);
        }
      else if (c->momentum != 0)
        {
          if (f64)
            sgd_momentum_f64 (c, params[t], grads[t], (double *) opt->buf + off, n, first);
          else
            sgd_momentum_f32 (c, params[t], grads[t], (float *) opt->buf + off, n, first);
        }
      else if (f64)
        sgd_f64 (c, params[t], grads[t], n);
      else
        sgd_f32 (c, params[t], grads[t], n);
      off += n;
    }
}
