/* mlp.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdatomic.h>

#include "nn.h"

/* A multilayer perceptron with its data, parameters, gradients and one
 * workspace. Everything is allocated by nn_mlp_new; nn_mlp_setup and
 * nn_mlp_step allocate nothing. */
typedef struct NnMlp NnMlp;

/* NULL when out of memory */
NnMlp          *nn_mlp_new          (const NnConfig *config);
void            nn_mlp_free         (NnMlp          *mlp);
const NnConfig *nn_mlp_get_config   (const NnMlp    *mlp);

/* torch.manual_seed(seed); X = randn; Y = randn; the Linear layers with
 * their default init; then the configured scheme. Calls the layer function
 * (nn_mlp_set_layer_func) after each layer it draws,
 * nn_mlp_setup_layer_calls times. A cancel (nn_mlp_set_cancel_flag) stops
 * it between layers and leaves the network half drawn: set it up again
 * before stepping. */
void            nn_mlp_setup        (NnMlp          *mlp,
                                     uint64_t        seed);
/* depth, or 2 x depth when the configured scheme draws again
 * (nn_config_reinitialises) */
int             nn_mlp_setup_layer_calls (const NnConfig *config);

/* forward, MSE loss, backward and the L2 norm of every parameter's
 * gradient (norms has nn_config_n_params entries, in named_parameters()
 * order: lin1.weight, lin1.bias, lin2.weight, ...). Returns the loss. */
double          nn_mlp_step         (NnMlp          *mlp,
                                     double         *norms);

/* a flag that nn_mlp_step reads between layers: when it becomes non-zero
 * the step stops early and returns NAN (the caller owns the flag) */
void            nn_mlp_set_cancel_flag (NnMlp            *mlp,
                                        const atomic_int *flag);

/* a function nn_mlp_step calls after each layer of its forward pass and of
 * its backward pass (2 x depth calls a step), and nn_mlp_setup after each
 * layer it draws, on the calling thread, so that a long step or setup can
 * tell its progress; NULL (the default) calls nothing. A step or setup
 * that is cancelled stops calling it. */
typedef void (*NnLayerFunc) (void *data);
void            nn_mlp_set_layer_func (NnMlp        *mlp,
                                       NnLayerFunc   func,
                                       void         *data);

/* while on, nn_mlp_step also sums the squares of d loss / d z per layer
 * (a few multiply-adds per value; off by default, so that timing loops and
 * seed ensembles pay nothing) for nn_mlp_layer_stats's grad_rms */
void            nn_mlp_set_record_signal (NnMlp      *mlp,
                                          bool        on);

/* after nn_mlp_step: per-layer statistics of the forward pass and, when the
 * step recorded it, of the backward signal (depth entries) */
void            nn_mlp_layer_stats  (const NnMlp    *mlp,
                                     NnLayerStats   *stats);

/* raw access for tests: parameter p (see nn_config_param_shape) and its
 * gradient, as float or double according to the dtype (row-major, like
 * PyTorch); X and Y, stored transposed: (inputs, samples) and
 * (outputs, samples) */
void           *nn_mlp_param        (NnMlp          *mlp,
                                     int             p);
void           *nn_mlp_grad         (NnMlp          *mlp,
                                     int             p);
void           *nn_mlp_inputs       (NnMlp          *mlp);
void           *nn_mlp_targets      (NnMlp          *mlp);
/* forward and loss only (for finite differences) */
double          nn_mlp_loss         (NnMlp          *mlp);
