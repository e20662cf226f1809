/* optim.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nn.h"

/* torch.optim.SGD and torch.optim.Adam (PyTorch 1.13, the single-tensor
 * (foreach=False) CPU implementation that both use by default), element by
 * element with PyTorch's order of operations and roundings, in float32 or
 * float64. */
typedef enum
{
  NN_OPTIM_SGD,
  NN_OPTIM_ADAM,
  NN_N_OPTIMIZERS
} NnOptimizer;

typedef struct
{
  NnOptimizer kind;
  double      lr;
  double      momentum;   /* SGD; 0: plain gradient descent */
  double      beta1;      /* Adam; PyTorch's defaults 0.9, 0.999, 1e-8 */
  double      beta2;
  double      eps;
} NnOptimConfig;

/* SGD, lr 0.1, momentum 0; Adam's betas and eps PyTorch's defaults */
void        nn_optim_config_init_default (NnOptimConfig *config);
const char *nn_optimizer_name            (NnOptimizer    kind);
/* -1 when the name is unknown */
int         nn_optimizer_from_name       (const char    *name);

typedef struct NnOptim NnOptim;

/* state for n values of dtype (momentum buffers, Adam's moments); NULL
 * when out of memory */
NnOptim    *nn_optim_new                 (const NnOptimConfig *config,
                                          NnDtype              dtype,
                                          size_t               n);
void        nn_optim_free                (NnOptim             *opt);
/* back to a new optimizer: no momentum buffer yet, Adam's step 0 */
void        nn_optim_reset               (NnOptim             *opt);
/* bytes nn_optim_new allocates for n values */
size_t      nn_optim_state_bytes         (const NnOptimConfig *config,
                                          NnDtype              dtype,
                                          size_t               n);

/* One optimizer step over all parameters: n_tensors tensors, tensor i of
 * sizes[i] values at params[i] (float or double as the dtype), its
 * gradient at grads[i]. The state holds the values in this order, so every
 * step must pass the same tensors in the same order (adjacent tensors may
 * be passed as one). */
void        nn_optim_step                (NnOptim             *opt,
                                          int                  n_tensors,
                                          void * const        *params,
                                          const void * const  *grads,
                                          const size_t        *sizes);
