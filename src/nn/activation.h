/* activation.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nn.h"

/* The nine activations with PyTorch's formulas, on n contiguous values.
 * forward:  y = f(z)
 * backward: dz = dy * f'(z), computed the way autograd does (from the
 *           output y for sigmoid, tanh and relu, from the input z otherwise)
 * deriv:    d = f'(z) (dy = 1) */
void nn_act_forward_f32  (NnActivation act, double slope, const float *z, float *y, size_t n);
void nn_act_backward_f32 (NnActivation act, double slope, const float *z, const float *y,
                          const float *dy, float *dz, size_t n);
void nn_act_deriv_f32    (NnActivation act, double slope, const float *z, const float *y,
                          float *d, size_t n);
void nn_act_forward_f64  (NnActivation act, double slope, const double *z, double *y, size_t n);
void nn_act_backward_f64 (NnActivation act, double slope, const double *z, const double *y,
                          const double *dy, double *dz, size_t n);
void nn_act_deriv_f64    (NnActivation act, double slope, const double *z, const double *y,
                          double *d, size_t n);

/* the largest value f' reaches or approaches: "saturated" is below 1% of it */
double nn_act_max_derivative (NnActivation act,
                              double       slope);

#define NN_SELU_ALPHA 1.6732632423543772848170429916717
#define NN_SELU_SCALE 1.0507009873554804934193349852946
