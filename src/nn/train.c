/* train.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "train.h"

struct NnTrainer
{
  NnMlp    *mlp;       /* borrowed */
  NnOptim  *opt;
  int       depth;
  int       n_params;
  size_t   *sizes;     /* values per parameter tensor */
  /* the tensors as the optimizer sees them: adjacent ones merged (the MLP
   * keeps all its parameters in one block, so normally one segment) */
  int       n_segments;
  void    **seg_params;
  void    **seg_grads;
  size_t   *seg_sizes;
  void     *w0;        /* every layer's weight at nn_trainer_start, back to back */
  size_t   *w0_off;    /* per layer, in values */
  double   *w0_norm;   /* per layer ||W_l(0)||, rounded to the dtype */
  const atomic_int *cancel;
};

static size_t
elem_size (const NnConfig *c)
{
  return c->dtype == NN_FLOAT64 ? sizeof (double) : sizeof (float);
}

static size_t
weight_values (const NnConfig *c)
{
  size_t total = 0;

  for (int l = 0; l < c->depth; l++)
    {
      int rows, cols;

      nn_config_param_shape (c, nn_config_param_index (c, l, NN_PARAM_WEIGHT), &rows, &cols);
      total += (size_t) rows * cols;
    }
  return total;
}

static size_t
param_values (const NnConfig *c)
{
  size_t total = 0;

  for (int p = 0; p < nn_config_n_params (c); p++)
    {
      int rows, cols;

      nn_config_param_shape (c, p, &rows, &cols);
      total += (size_t) rows * cols;
    }
  return total;
}

size_t
nn_trainer_bytes (const NnConfig      *config,
                  const NnOptimConfig *optim)
{
  return sizeof (NnTrainer) + nn_optim_state_bytes (optim, config->dtype, param_values (config))
         + weight_values (config) * elem_size (config)
         + (size_t) nn_config_n_params (config) * 4 * sizeof (void *) + (size_t) config->depth * 16;
}

NnTrainer *
nn_trainer_new (NnMlp               *mlp,
                const NnOptimConfig *optim)
{
  const NnConfig *c = nn_mlp_get_config (mlp);
  NnTrainer *t = calloc (1, sizeof *t);
  size_t elem = elem_size (c), off = 0;

  if (t == NULL)
    return NULL;
  t->mlp = mlp;
  t->depth = c->depth;
  t->n_params = nn_config_n_params (c);
  t->sizes = calloc ((size_t) t->n_params, sizeof (size_t));
  t->seg_params = calloc ((size_t) t->n_params, sizeof (void *));
  t->seg_grads = calloc ((size_t) t->n_params, sizeof (void *));
  t->seg_sizes = calloc ((size_t) t->n_params, sizeof (size_t));
  t->w0_off = calloc ((size_t) t->depth, sizeof (size_t));
  t->w0_norm = calloc ((size_t) t->depth, sizeof (double));
  t->w0 = malloc (weight_values (c) * elem + 1);
  t->opt = nn_optim_new (optim, c->dtype, param_values (c));
  if (!t->sizes || !t->seg_params || !t->seg_grads || !t->seg_sizes || !t->w0_off || !t->w0_norm || !t->w0
      || !t->opt)
    {
      nn_trainer_free (t);
      return NULL;
    }

  for (int p = 0; p < t->n_params; p++)
    {
      int rows, cols, layer;
      NnParamKind kind;
      char *param = nn_mlp_param (mlp, p);
      char *grad = nn_mlp_grad (mlp, p);

      nn_config_param_shape (c, p, &rows, &cols);
      nn_config_param_info (c, p, &layer, &kind);
      t->sizes[p] = (size_t) rows * cols;
      if (kind == NN_PARAM_WEIGHT)
        {
          t->w0_off[layer] = off;
          off += t->sizes[p];
        }
      if (t->n_segments > 0
          && (char *) t->seg_params[t->n_segments - 1] + t->seg_sizes[t->n_segments - 1] * elem == param
          && (char *) t->seg_grads[t->n_segments - 1] + t->seg_sizes[t->n_segments - 1] * elem == grad)
        t->seg_sizes[t->n_segments - 1] += t->sizes[p];
      else
        {
          t->seg_params[t->n_segments] = param;
          t->seg_grads[t->n_segments] = grad;
          t->seg_sizes[t->n_segments] = t->sizes[p];
          t->n_segments++;
        }
    }
  return t;
}

void
nn_trainer_free (NnTrainer *t)
{
  if (t == NULL)
    return;
  nn_optim_free (t->opt);
  free (t->sizes);
  free (t->seg_params);
  free (t->seg_grads);
  free (t->seg_sizes);
  free (t->w0);
  free (t->w0_off);
  free (t->w0_norm);
  free (t);
}

/* Tensor.norm (): in float32 PyTorch rounds each square and the result to
 * float32 (as grad_norm in mlp-template.h); the sum itself runs in double. */
static double
norm_f32 (const float *a,
          const float *b,   /* NULL: ||a||, else ||a - b|| with the difference in float32 */
          size_t       n)
{
  double sum = 0;

  for (size_t i = 0; i < n; i++)
    {
      float d = b != NULL ? a[i] - b[i] : a[i];
      float sq = d * d;

      sum += sq;
    }
  return (double) (float) sqrt ((double) (float) sum);
}

static double
norm_f64 (const double *a,
          const double *b,
          size_t        n)
{
  double sum = 0;

  for (size_t i = 0; i < n; i++)
    {
      double d = b != NULL ? a[i] - b[i] : a[i];

      sum += d * d;
    }
  return sqrt (sum);
}

void
nn_trainer_start (NnTrainer *t)
{
  const NnConfig *c = nn_mlp_get_config (t->mlp);
  size_t elem = elem_size (c);

  for (int l = 0; l < t->depth; l++)
    {
      char *w0 = (char *) t->w0 + t->w0_off[l] * elem;
      int wp = nn_config_param_index (c, l, NN_PARAM_WEIGHT);
      size_t n = t->sizes[wp];

      memcpy (w0, nn_mlp_param (t->mlp, wp), n * elem);
      t->w0_norm[l] = c->dtype == NN_FLOAT64 ? norm_f64 ((const double *) w0, NULL, n)
                                             : norm_f32 ((const float *) w0, NULL, n);
    }
  nn_optim_reset (t->opt);
}

void
nn_trainer_set_cancel_flag (NnTrainer        *t,
                            const atomic_int *flag)
{
  t->cancel = flag;
  /* through void: nn_mlp_set_cancel_flag takes the flag as a volatile int
   * on main and as an atomic_int on the cli-hardening branch (the same
   * object either way); a plain call once those are merged */
  nn_mlp_set_cancel_flag (t->mlp, (const void *) flag);
}

bool
nn_trainer_has_weight_change (const NnTrainer *t,
                              int              l)
{
  return t->w0_norm[l] > 0;
}

double
nn_trainer_step (NnTrainer *t,
                 double    *norms,
                 double    *weight_change)
{
  const NnConfig *c = nn_mlp_get_config (t->mlp);
  size_t elem = elem_size (c);
  double loss = nn_mlp_step (t->mlp, norms);

  if (t->cancel != NULL && atomic_load_explicit (t->cancel, memory_order_relaxed))
    return NAN;
  for (int l = 0; l < t->depth; l++)
    {
      int wp = nn_config_param_index (c, l, NN_PARAM_WEIGHT);
      const void *w = nn_mlp_param (t->mlp, wp);
      const char *w0 = (const char *) t->w0 + t->w0_off[l] * elem;
      size_t n = t->sizes[wp];
      double diff;

      if (!(t->w0_norm[l] > 0))
        {
          weight_change[l] = NAN;
          continue;
        }
      if (c->dtype == NN_FLOAT64)
        {
          diff = norm_f64 (w, (const double *) w0, n);
          weight_change[l] = diff / t->w0_norm[l];
        }
      else
        {
          diff = norm_f32 (w, (const float *) w0, n);
          weight_change[l] = (double) (float) (diff / t->w0_norm[l]);
        }
    }
  nn_optim_step (t->opt, t->n_segments, t->seg_params, (const void * const *) t->seg_grads, t->seg_sizes);
  return loss;
}
