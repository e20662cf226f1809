/* mlp.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "activation.h"
#include "init.h"
#include "kernels.h"
#include "mlp.h"
#include "simd.h"

struct NnMlp
{
  NnConfig config;
  NnRng    rng;
  int     *in;        /* per layer: fan in, fan out */
  int     *out;
  bool    *has_act;   /* an activation follows layer l */
  size_t  *w_off;     /* offsets (in elements) into params and grads */
  size_t  *b_off;
  bool    *has_norm;  /* norm{l+1} follows layer l's Linear */
  bool    *skip;      /* layer l adds its input to its output */
  size_t  *g_off;     /* norm weight (gamma) and bias (beta) offsets */
  size_t  *be_off;
  size_t  *p_off;     /* per parameter tensor (named_parameters() order) */
  bool     plain;     /* no norm, no skip: the fast paths below */
  void    *params;
  void    *grads;
  int      ld;        /* the row stride of xp, z, a, work0, work1: samples rounded up to 16 */
  void    *x;         /* (inputs, samples), transposed from PyTorch's X */
  void    *y;         /* (outputs, samples) */
  void    *xp;        /* (inputs, ld): x with rows ld apart, copied at each step */
  void   **z;         /* per layer (out, ld): the Linear's output */
  void   **a;         /* per layer: after the activation (== z without one) */
  void   **xhat;      /* per layer with a norm (out, ld): the normalised Linear output */
  void   **rstd;      /* per layer with a norm: 1 / sqrt (var + eps), out (batch) or ld (layer) values */
  void   **o;         /* per layer: the output, h + a with a skip (== a without) */
  void    *work0;     /* two (widest, ld) buffers for the backward pass, a */
  void    *work1;
  void    *work2;     /* third with residual connections (NULL without) */
  double  *ln_sums;   /* layer norm: two per-sample sums (2 ld), NULL without */
  void    *block;     /* the one allocation behind all of the above arrays (aligned to 64 from within) */
  bool     avx512;    /* float32 on a CPU with AVX-512: kernels.h for small layers */
  bool     record_signal;   /* nn_mlp_set_record_signal */
  bool     signal_valid;    /* the last step recorded signal_sq */
  double  *signal_sq;       /* per layer: the sum of the squares of d loss / d z */
  const atomic_int *cancel;
  NnLayerFunc layer_func;   /* nn_mlp_set_layer_func: after each layer of a step */
  void       *layer_data;
};

/* another thread sets the flag: an atomic load, relaxed (nothing else is
 * published through it) */
#define CANCELLED(mlp) ((mlp)->cancel != NULL && atomic_load_explicit ((mlp)->cancel, memory_order_relaxed))

/* a layer of the forward or backward pass is done: tell it (one branch
 * when nobody listens) */
#define LAYER_DONE(mlp) \
  do { if ((mlp)->layer_func != NULL) (mlp)->layer_func ((mlp)->layer_data); } while (0)

/* Below this many multiply-adds a plain loop beats a CBLAS call. Measured
 * with `gradlens-cli bench` on OpenBLAS 0.3.21 (2 cores, AVX-512): a
 * 10x100x10 sgemm costs 0.18 us, so BLAS already wins for the notebook's
 * layers (6.8 us per run against 10.4 us with loops); the loops win only
 * below about 1000 (4 wide x 16 samples: 0.7 us against 1.2 us). Measured
 * again with the x86-64-v4 clones (this is the path of float64 and of CPUs
 * without AVX-512): float32 5.6 us against 9.1 us with loops at 10x100,
 * 1.5 against 2.0 at 8x32, a tie at 4x16; float64 19.6 against 25.1 us at
 * 10x100. */
#define NN_BLAS_MIN_FLOPS 1024

static inline bool
use_blas (int n,
          int in,
          int out)
{
  return (double) n * in * out >= NN_BLAS_MIN_FLOPS;
}

/* The fused AVX-512 kernels (kernels.h) against OpenBLAS 0.3.21, whole
 * steps of 5 sigmoid layers, float32, on the 2-core AVX-512 machine:
 *   width x samples   10x100  16x4096  32x4096  64x100  64x1000  128x100
 *   CBLAS (us)           5.5      763     1840     103     1048      388
 *   kernels (us)         3.6      348     1112      97     1046      370
 *   width x samples  128x1000  256x100  512x256  64x16  128x16
 *   CBLAS (us)           3194     1273     3591   15.3    53.9
 *   kernels (us)         4200     1444     4379   16.0    59.4
 * The kernels keep a tile of 16 outputs or inputs in registers and reread
 * the other operand per tile; CBLAS's cache blocking wins once both sides
 * of a layer are wide.
 *
 * Below 16 samples the layers stay on the path before the kernels: there
 * OpenBLAS sums PyTorch's products in another order for fan-ins above 16
 * (z from the kernels differs in the last bit, sometimes the sign), while
 * our own sgemm call sums them as PyTorch's does. From 31 samples on the
 * kernels agree with PyTorch's z as often as that call or more (every bit
 * at 64 x 64 x 100, where our call differs in 3% of z). From fan-in 32 on,
 * that other order is OpenBLAS's small TN kernel's: use_lane_sums below
 * takes those layers, at any number of samples. */
#define NN_SMALL_MAX_WIDTH 64
#define NN_SMALL_MAX_FLOPS (1 << 20)

static inline bool
use_small_kernels (const NnMlp *mlp,
                   int          l)
{
  int in = mlp->in[l], out = mlp->out[l];

  return mlp->avx512 && mlp->config.samples >= 16
         && ((in <= NN_SMALL_MAX_WIDTH && out <= NN_SMALL_MAX_WIDTH)
             || (double) mlp->config.samples * in * out <= NN_SMALL_MAX_FLOPS);
}

/* PyTorch's Linear is one sgemm call (addmm: C (samples, out) = bias +
 * X W^T, column-major C^T when out > 1), and on AVX-512 OpenBLAS 0.3.21
 * gives it to its small-matrix TN kernel when that kernel's permit says so:
 * K >= 32, M N <= 1200 and M N K <= 1e6, with M, N = samples, 1 when out
 * is 1 and out, samples otherwise. That kernel sums each z in sixteen
 * strided partial sums and a tree (nn_avx512_linear_forward_lanes), not in
 * order as its other kernels and ours do: for these layers (the output
 * layer of most nets 33 or more wide, every layer of such nets below
 * about 20 samples) z is computed that way, whatever the number of
 * samples. The tree is the more accurate order: summed in order, our z had
 * up to twice the rounding error of PyTorch's there (at in = 64), and the
 * output layer's z feeds every gradient. */
static inline bool
use_lane_sums (const NnMlp *mlp,
               int          l)
{
  double k = mlp->in[l], n = mlp->config.samples, out = mlp->out[l];
  double mn = out == 1 ? n : out * n;

  return mlp->avx512 && k >= 32 && mn <= 1200 && mn * k <= 1e6;
}

/* the layers of residual connections and normalisation, kept out of line
 * so that a plain network's step compiles as it did without them */
#define NN_REMEDY __attribute__ ((noinline))

#define REAL          float
#define SFX           f32
#define GEMM          cblas_sgemm
#define SMALL_KERNELS 1
#include "mlp-template.h"
#undef REAL
#undef SFX
#undef GEMM
#undef SMALL_KERNELS

#define REAL          double
#define SFX           f64
#define GEMM          cblas_dgemm
#define SMALL_KERNELS 0
#include "mlp-template.h"

static size_t
align_up (size_t n)
{
  return (n + 63) & ~(size_t) 63;
}

NnMlp *
nn_mlp_new (const NnConfig *config)
{
  NnMlp *mlp;
  int depth = config->depth;
  size_t elem = config->dtype == NN_FLOAT64 ? sizeof (double) : sizeof (float);
  size_t n = (size_t) config->samples;
  size_t ld = (n + 15) & ~(size_t) 15;
  size_t n_params = 0, widest = (size_t) config->inputs, bytes, off;
  char *p;

  if (depth < 1 || config->samples < 1 || config->width < 1 || config->inputs < 1
      || config->outputs < 1)
    return NULL;

  mlp = calloc (1, sizeof *mlp);
  if (mlp == NULL)
    return NULL;
  mlp->config = *config;
  mlp->ld = (int) ld;
  mlp->plain = nn_config_is_plain (config);
  /* residual connections and normalisation take the generic path: the
   * fused kernels know neither */
  mlp->avx512 = config->dtype == NN_FLOAT32 && nn_avx512_available () && mlp->plain;
  if (config->norm == NN_NORM_BATCH && config->samples < 2 && depth > 1)
    {
      /* PyTorch raises: "Expected more than 1 value per channel when training" */
      free (mlp);
      return NULL;
    }
  mlp->in = calloc ((size_t) depth, sizeof (int));
  mlp->out = calloc ((size_t) depth, sizeof (int));
  mlp->has_act = calloc ((size_t) depth, sizeof (bool));
  mlp->w_off = calloc ((size_t) depth, sizeof (size_t));
  mlp->b_off = calloc ((size_t) depth, sizeof (size_t));
  mlp->z = calloc ((size_t) depth, sizeof (void *));
  mlp->a = calloc ((size_t) depth, sizeof (void *));
  mlp->signal_sq = calloc ((size_t) depth, sizeof (double));
  mlp->has_norm = calloc ((size_t) depth, sizeof (bool));
  mlp->skip = calloc ((size_t) depth, sizeof (bool));
  mlp->g_off = calloc ((size_t) depth, sizeof (size_t));
  mlp->be_off = calloc ((size_t) depth, sizeof (size_t));
  mlp->p_off = calloc ((size_t) nn_config_n_params (config), sizeof (size_t));
  mlp->xhat = calloc ((size_t) depth, sizeof (void *));
  mlp->rstd = calloc ((size_t) depth, sizeof (void *));
  mlp->o = calloc ((size_t) depth, sizeof (void *));
  if (config->norm == NN_NORM_LAYER && depth > 1)
    {
      mlp->ln_sums = calloc (2 * ld, sizeof (double));
      if (mlp->ln_sums == NULL)
        goto fail;
    }
  if (!mlp->in || !mlp->out || !mlp->has_act || !mlp->w_off || !mlp->b_off || !mlp->z || !mlp->a
      || !mlp->signal_sq || !mlp->has_norm || !mlp->skip || !mlp->g_off || !mlp->be_off || !mlp->p_off
      || !mlp->xhat || !mlp->rstd || !mlp->o)
    goto fail;

  for (int l = 0; l < depth; l++)
    {
      mlp->in[l] = l == 0 ? config->inputs : config->width;
      mlp->out[l] = l == depth - 1 ? config->outputs : config->width;
      mlp->has_act[l] = l < depth - 1 || config->output_activation;
      mlp->w_off[l] = n_params;
      n_params += (size_t) mlp->in[l] * mlp->out[l];
      mlp->b_off[l] = n_params;
      n_params += (size_t) mlp->out[l];
      mlp->has_norm[l] = nn_config_has_norm (config, l);
      mlp->skip[l] = nn_config_has_skip (config, l);
      mlp->p_off[nn_config_param_index (config, l, NN_PARAM_WEIGHT)] = mlp->w_off[l];
      mlp->p_off[nn_config_param_index (config, l, NN_PARAM_BIAS)] = mlp->b_off[l];
      if (mlp->has_norm[l])
        {
          mlp->g_off[l] = n_params;
          n_params += (size_t) mlp->out[l];
          mlp->be_off[l] = n_params;
          n_params += (size_t) mlp->out[l];
          mlp->p_off[nn_config_param_index (config, l, NN_PARAM_NORM_WEIGHT)] = mlp->g_off[l];
          mlp->p_off[nn_config_param_index (config, l, NN_PARAM_NORM_BIAS)] = mlp->be_off[l];
        }
      if ((size_t) mlp->out[l] > widest)
        widest = (size_t) mlp->out[l];
    }

  /* one block: params, grads, x, y, xp, z and a per layer, two work
   * buffers; zeroed, so that the padding of the rows holds numbers */
  bytes = 2 * align_up (n_params * elem) + align_up (n * config->inputs * elem)
          + align_up (n * config->outputs * elem) + align_up (ld * config->inputs * elem)
          + 2 * align_up (ld * widest * elem);
  for (int l = 0; l < depth; l++)
    if (mlp->skip[l])
      {
        bytes += align_up (ld * widest * elem);   /* work2 */
        break;
      }
  for (int l = 0; l < depth; l++)
    {
      bytes += (mlp->has_act[l] ? 2 : 1) * align_up (ld * mlp->out[l] * elem);
      if (mlp->has_norm[l])
        bytes += align_up (ld * mlp->out[l] * elem) + align_up ((ld + mlp->out[l]) * elem);
      if (mlp->skip[l])
        bytes += align_up (ld * mlp->out[l] * elem);
    }
  /* calloc rather than memset: a large block comes zeroed from the system
   * page by page as it is first written (in nn_mlp_setup and nn_mlp_step,
   * which tell their progress), instead of seconds of zeroing here before
   * anything can be told (2 GiB for 1000 x 512) */
  mlp->block = calloc (1, bytes + 64);
  if (mlp->block == NULL)
    goto fail;

  p = (char *) (((uintptr_t) mlp->block + 63) & ~(uintptr_t) 63);
  off = 0;
#define TAKE(ptr, size) do { ptr = p + off; off += align_up (size); } while (0)
  TAKE (mlp->params, n_params * elem);
  TAKE (mlp->grads, n_params * elem);
  TAKE (mlp->x, n * config->inputs * elem);
  TAKE (mlp->y, n * config->outputs * elem);
  TAKE (mlp->xp, ld * config->inputs * elem);
  TAKE (mlp->work0, ld * widest * elem);
  TAKE (mlp->work1, ld * widest * elem);
  for (int l = 0; l < depth; l++)
    {
      TAKE (mlp->z[l], ld * mlp->out[l] * elem);
      if (mlp->has_act[l])
        TAKE (mlp->a[l], ld * mlp->out[l] * elem);
      else
        mlp->a[l] = mlp->z[l];
      if (mlp->has_norm[l])
        {
          TAKE (mlp->xhat[l], ld * mlp->out[l] * elem);
          TAKE (mlp->rstd[l], (ld + mlp->out[l]) * elem);
        }
      if (mlp->skip[l])
        TAKE (mlp->o[l], ld * mlp->out[l] * elem);
      else
        mlp->o[l] = mlp->a[l];
    }
  /* a plain network keeps the layout it always had: the third backward
   * buffer (a skip's share of the signal) comes last, when there is one */
  for (int l = 0; l < depth; l++)
    if (mlp->skip[l])
      {
        TAKE (mlp->work2, ld * widest * elem);
        break;
      }
#undef TAKE
  return mlp;

fail:
  nn_mlp_free (mlp);
  return NULL;
}

void
nn_mlp_free (NnMlp *mlp)
{
  if (mlp == NULL)
    return;
  free (mlp->block);
  free (mlp->in);
  free (mlp->out);
  free (mlp->has_act);
  free (mlp->w_off);
  free (mlp->b_off);
  free (mlp->z);
  free (mlp->a);
  free (mlp->signal_sq);
  free (mlp->has_norm);
  free (mlp->skip);
  free (mlp->g_off);
  free (mlp->be_off);
  free (mlp->p_off);
  free (mlp->xhat);
  free (mlp->rstd);
  free (mlp->o);
  free (mlp->ln_sums);
  free (mlp);
}

const NnConfig *
nn_mlp_get_config (const NnMlp *mlp)
{
  return &mlp->config;
}

void
nn_mlp_setup (NnMlp    *mlp,
              uint64_t  seed)
{
  if (mlp->config.dtype == NN_FLOAT64)
    mlp_setup_f64 (mlp, seed);
  else
    mlp_setup_f32 (mlp, seed);
}

int
nn_mlp_setup_layer_calls (const NnConfig *config)
{
  return nn_config_reinitialises (config) ? 2 * config->depth : config->depth;
}

double
nn_mlp_step (NnMlp  *mlp,
             double *norms)
{
  if (mlp->config.dtype == NN_FLOAT64)
    return mlp_step_f64 (mlp, norms);
  return mlp_step_f32 (mlp, norms);
}

double
nn_mlp_loss (NnMlp *mlp)
{
  if (mlp->config.dtype == NN_FLOAT64)
    return mlp_forward_f64 (mlp);
  return mlp_forward_f32 (mlp);
}

void
nn_mlp_set_record_signal (NnMlp *mlp,
                          bool   on)
{
  mlp->record_signal = on;
}

void
nn_mlp_layer_stats (const NnMlp  *mlp,
                    NnLayerStats *stats)
{
  if (mlp->config.dtype == NN_FLOAT64)
    mlp_layer_stats_f64 (mlp, stats);
  else
    mlp_layer_stats_f32 (mlp, stats);
}

static size_t
elem_size (const NnMlp *mlp)
{
  return mlp->config.dtype == NN_FLOAT64 ? sizeof (double) : sizeof (float);
}

void *
nn_mlp_param (NnMlp *mlp,
              int    p)
{
  return (char *) mlp->params + mlp->p_off[p] * elem_size (mlp);
}

void *
nn_mlp_grad (NnMlp *mlp,
             int    p)
{
  return (char *) mlp->grads + mlp->p_off[p] * elem_size (mlp);
}

void
nn_mlp_set_cancel_flag (NnMlp            *mlp,
                        const atomic_int *flag)
{
  mlp->cancel = flag;
}

void
nn_mlp_set_layer_func (NnMlp       *mlp,
                       NnLayerFunc  func,
                       void        *data)
{
  mlp->layer_func = func;
  mlp->layer_data = data;
}

void *
nn_mlp_inputs (NnMlp *mlp)
{
  return mlp->x;
}

void *
nn_mlp_targets (NnMlp *mlp)
{
  return mlp->y;
}
