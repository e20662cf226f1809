/* nn.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The numerical core: plain C11, libm and CBLAS. No GLib. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rng.h"

typedef enum
{
  NN_ACT_SIGMOID,
  NN_ACT_TANH,
  NN_ACT_RELU,
  NN_ACT_LEAKY_RELU,
  NN_ACT_ELU,
  NN_ACT_GELU,
  NN_ACT_SELU,
  NN_ACT_SOFTPLUS,
  NN_ACT_IDENTITY,
  NN_N_ACTIVATIONS
} NnActivation;

typedef enum
{
  NN_INIT_DEFAULT,
  NN_INIT_XAVIER_NORMAL,
  NN_INIT_XAVIER_UNIFORM,
  NN_INIT_KAIMING_NORMAL,
  NN_INIT_KAIMING_UNIFORM,
  NN_INIT_NORMAL,
  NN_INIT_UNIFORM,
  NN_INIT_ORTHOGONAL,
  NN_N_INITS
} NnInit;

typedef enum
{
  NN_BIAS_DEFAULT,
  NN_BIAS_ZEROS,
  NN_N_BIAS_INITS
} NnBiasInit;

typedef enum
{
  NN_FAN_IN,
  NN_FAN_OUT,
  NN_N_FAN_MODES
} NnFanMode;

/* torch.nn.init.calculate_gain's nonlinearities */
typedef enum
{
  NN_NONLIN_LINEAR,
  NN_NONLIN_CONV1D,
  NN_NONLIN_CONV2D,
  NN_NONLIN_CONV3D,
  NN_NONLIN_CONV_TRANSPOSE1D,
  NN_NONLIN_CONV_TRANSPOSE2D,
  NN_NONLIN_CONV_TRANSPOSE3D,
  NN_NONLIN_SIGMOID,
  NN_NONLIN_TANH,
  NN_NONLIN_RELU,
  NN_NONLIN_LEAKY_RELU,
  NN_NONLIN_SELU,
  NN_N_NONLINEARITIES
} NnNonlinearity;

/* the normalisation after each Linear but the last (DESIGN.md "Analysis
 * contracts"): BatchNorm1d with training-mode batch statistics, or
 * LayerNorm; eps 1e-5 for both */
typedef enum
{
  NN_NORM_NONE,
  NN_NORM_BATCH,
  NN_NORM_LAYER,
  NN_N_NORMS
} NnNorm;

#define NN_NORM_EPS 1e-5

/* what a parameter tensor is, in named_parameters() order per layer:
 * lin{i}.weight, lin{i}.bias, then norm{i}.weight, norm{i}.bias */
typedef enum
{
  NN_PARAM_WEIGHT,
  NN_PARAM_BIAS,
  NN_PARAM_NORM_WEIGHT,
  NN_PARAM_NORM_BIAS
} NnParamKind;

typedef enum
{
  NN_FLOAT32,
  NN_FLOAT64,
  NN_N_DTYPES
} NnDtype;

/* One network and its data. Field names follow DESIGN.md. */
typedef struct
{
  int            depth;
  int            width;
  int            inputs;
  int            outputs;
  int            samples;
  NnActivation   activation;
  double         negative_slope;
  bool           output_activation;   /* true: "same" (an activation after the last layer) */
  NnInit         init;
  NnBiasInit     bias;
  double         gain;
  double         a;
  double         b;
  NnFanMode      mode;
  NnNonlinearity nonlinearity;
  double         mean;
  double         std;
  NnDtype        dtype;
  bool           residual;            /* h + act (norm (lin (h))) where in == out, but the last layer */
  NnNorm         norm;
} NnConfig;

/* Per-layer forward statistics (DESIGN.md "Analysis contracts") */
typedef struct
{
  double pre_mean;
  double pre_std;
  double act_mean;
  double act_std;
  double deriv_mean;
  double saturated_fraction;
  int    dead_units;
  /* DESIGN.md "Teaching contracts": the notebook's variance argument next
   * to the measured backward signal. grad_rms and predicted_grad_rms are
   * NAN unless the step recorded the signal (nn_mlp_set_record_signal). */
  double grad_rms;             /* root mean square of d loss / d z over samples and units */
  double deriv_sq_mean;        /* mean of f'(z)^2 (1 without an activation) */
  double activation_gain;      /* sqrt (deriv_sq_mean) */
  double weight_gain;          /* sqrt (out_features x mean of W's squared entries) */
  double predicted_grad_rms;   /* last layer: grad_rms; below: the layer above's prediction x its
                                * weight_gain x this layer's activation_gain */
} NnLayerStats;

void        nn_config_init_default (NnConfig       *config);

/* names as on the command line and in presets; NULL when out of range */
const char *nn_activation_name     (NnActivation    act);
const char *nn_init_name           (NnInit          init);
const char *nn_bias_init_name      (NnBiasInit      bias);
const char *nn_fan_mode_name       (NnFanMode       mode);
const char *nn_nonlinearity_name   (NnNonlinearity  nonlin);
const char *nn_dtype_name          (NnDtype         dtype);
const char *nn_norm_name           (NnNorm          norm);
/* -1 when the name is unknown */
int         nn_activation_from_name   (const char *name);
int         nn_init_from_name         (const char *name);
int         nn_bias_init_from_name    (const char *name);
int         nn_fan_mode_from_name     (const char *name);
int         nn_nonlinearity_from_name (const char *name);
int         nn_dtype_from_name        (const char *name);
int         nn_norm_from_name         (const char *name);

/* torch.nn.init.calculate_gain (nonlinearity, param); has_param false means None */
double      nn_calculate_gain      (NnNonlinearity  nonlin,
                                    bool            has_param,
                                    double          param);

/* number of parameter tensors: 2 per layer (weight, bias), and 2 more per
 * layer but the last with normalisation */
int         nn_config_n_params     (const NnConfig *config);
/* parameter p's layer (0-based) and kind */
void        nn_config_param_info   (const NnConfig *config,
                                    int             p,
                                    int            *layer,
                                    NnParamKind    *kind);
/* the index of layer l's (0-based) parameter of that kind */
int         nn_config_param_index  (const NnConfig *config,
                                    int             l,
                                    NnParamKind     kind);
/* layer l (0-based) has a norm{l+1} / adds its input (a residual connection) */
bool        nn_config_has_norm     (const NnConfig *config,
                                    int             l);
bool        nn_config_has_skip     (const NnConfig *config,
                                    int             l);
/* no residual connections and no normalisation */
bool        nn_config_is_plain     (const NnConfig *config);
/* the configured scheme draws the weights again after the default init
 * (another init than the default, or zero biases) */
bool        nn_config_reinitialises (const NnConfig *config);
/* shape of parameter p: rows x cols (a bias has cols 1) */
void        nn_config_param_shape  (const NnConfig *config,
                                    int             p,
                                    int            *rows,
                                    int            *cols);
/* bytes a run allocates (parameters, gradients, data, activations, workspace) */
uint64_t    nn_config_memory_bytes (const NnConfig *config);
