/* nn.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>
#include <string.h>

#include "nn.h"

static const char * const activation_names[NN_N_ACTIVATIONS] = {
  "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "selu", "softplus", "identity",
};
static const char * const init_names[NN_N_INITS] = {
  "default", "xavier_normal", "xavier_uniform", "kaiming_normal", "kaiming_uniform",
  "normal", "uniform", "orthogonal",
};
static const char * const bias_names[NN_N_BIAS_INITS] = { "default", "zeros" };
static const char * const fan_names[NN_N_FAN_MODES] = { "fan_in", "fan_out" };
static const char * const nonlin_names[NN_N_NONLINEARITIES] = {
  "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
  "conv_transpose3d", "sigmoid", "tanh", "relu", "leaky_relu", "selu",
};
static const char * const dtype_names[NN_N_DTYPES] = { "float32", "float64" };
static const char * const norm_names[NN_N_NORMS] = { "none", "batch", "layer" };

static const char *
name_at (const char * const *names,
         int                 n,
         int                 i)
{
  return (i >= 0 && i < n) ? names[i] : NULL;
}

static int
index_of (const char * const *names,
          int                 n,
          const char         *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; i < n; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  return -1;
}

const char *
nn_activation_name (NnActivation a)
{
  return name_at (activation_names, NN_N_ACTIVATIONS, a);
}

const char *
nn_init_name (NnInit i)
{
  return name_at (init_names, NN_N_INITS, i);
}

const char *
nn_bias_init_name (NnBiasInit b)
{
  return name_at (bias_names, NN_N_BIAS_INITS, b);
}

const char *
nn_fan_mode_name (NnFanMode m)
{
  return name_at (fan_names, NN_N_FAN_MODES, m);
}

const char *
nn_nonlinearity_name (NnNonlinearity n)
{
  return name_at (nonlin_names, NN_N_NONLINEARITIES, n);
}

const char *
nn_dtype_name (NnDtype d)
{
  return name_at (dtype_names, NN_N_DTYPES, d);
}

int nn_activation_from_name (const char *s) { return index_of (activation_names, NN_N_ACTIVATIONS, s); }
int nn_init_from_name (const char *s) { return index_of (init_names, NN_N_INITS, s); }
int nn_bias_init_from_name (const char *s) { return index_of (bias_names, NN_N_BIAS_INITS, s); }
int nn_fan_mode_from_name (const char *s) { return index_of (fan_names, NN_N_FAN_MODES, s); }
int nn_nonlinearity_from_name (const char *s) { return index_of (nonlin_names, NN_N_NONLINEARITIES, s); }
int nn_dtype_from_name (const char *s) { return index_of (dtype_names, NN_N_DTYPES, s); }
int nn_norm_from_name (const char *s) { return index_of (norm_names, NN_N_NORMS, s); }

const char *
nn_norm_name (NnNorm n)
{
  return name_at (norm_names, NN_N_NORMS, n);
}

void
nn_config_init_default (NnConfig *config)
{
  memset (config, 0, sizeof *config);
  config->depth = 5;
  config->width = 10;
  config->inputs = 10;
  config->outputs = 1;
  config->samples = 100;
  config->activation = NN_ACT_SIGMOID;
  config->negative_slope = 0.01;
  config->output_activation = true;
  config->init = NN_INIT_DEFAULT;
  config->bias = NN_BIAS_DEFAULT;
  config->gain = 1.0;
  config->a = 0.0;
  config->b = 1.0;
  config->mode = NN_FAN_IN;
  config->nonlinearity = NN_NONLIN_LEAKY_RELU;
  config->mean = 0.0;
  config->std = 1.0;
  config->dtype = NN_FLOAT32;
  config->residual = false;
  config->norm = NN_NORM_NONE;
}

double
nn_calculate_gain (NnNonlinearity nonlin,
                   bool           has_param,
                   double         param)
{
  switch (nonlin)
    {
    case NN_NONLIN_LINEAR:
    case NN_NONLIN_CONV1D:
    case NN_NONLIN_CONV2D:
    case NN_NONLIN_CONV3D:
    case NN_NONLIN_CONV_TRANSPOSE1D:
    case NN_NONLIN_CONV_TRANSPOSE2D:
    case NN_NONLIN_CONV_TRANSPOSE3D:
    case NN_NONLIN_SIGMOID:
      return 1.0;
    case NN_NONLIN_TANH:
      return 5.0 / 3;
    case NN_NONLIN_RELU:
      return sqrt (2.0);
    case NN_NONLIN_LEAKY_RELU:
      {
        double slope = has_param ? param : 0.01;
        return sqrt (2.0 / (1 + slope * slope));
      }
    case NN_NONLIN_SELU:
      return 3.0 / 4;
    case NN_N_NONLINEARITIES:
    default:
      return 1.0;
    }
}

bool
nn_config_has_norm (const NnConfig *config,
                    int             l)
{
  return config->norm != NN_NORM_NONE && l < config->depth - 1;
}

bool
nn_config_reinitialises (const NnConfig *config)
{
  return config->init != NN_INIT_DEFAULT || config->bias == NN_BIAS_ZEROS;
}

bool
nn_config_has_skip (const NnConfig *config,
                    int             l)
{
  int in = l == 0 ? config->inputs : config->width;

  return config->residual && l < config->depth - 1 && in == config->width;
}

bool
nn_config_is_plain (const NnConfig *config)
{
  for (int l = 0; l < config->depth; l++)
    if (nn_config_has_norm (config, l) || nn_config_has_skip (config, l))
      return false;
  return true;
}

/* parameters per layer but the last */
static int
per_layer (const NnConfig *config)
{
  return config->norm != NN_NORM_NONE ? 4 : 2;
}

int
nn_config_n_params (const NnConfig *config)
{
  return per_layer (config) * (config->depth - 1) + 2;
}

void
nn_config_param_info (const NnConfig *config,
                      int             p,
                      int            *layer,
                      NnParamKind    *kind)
{
  int per = per_layer (config);
  int l = p / per < config->depth - 1 ? p / per : config->depth - 1;

  *layer = l;
  *kind = (NnParamKind) (p - per * l);
}

int
nn_config_param_index (const NnConfig *config,
                       int             l,
                       NnParamKind     kind)
{
  return per_layer (config) * l + (int) kind;
}

void
nn_config_param_shape (const NnConfig *config,
                       int             p,
                       int            *rows,
                       int            *cols)
{
  int layer;
  NnParamKind kind;
  int out, in;

  nn_config_param_info (config, p, &layer, &kind);
  out = layer == config->depth - 1 ? config->outputs : config->width;
  in = layer == 0 ? config->inputs : config->width;
  *rows = out;
  *cols = kind == NN_PARAM_WEIGHT ? in : 1;
}

uint64_t
nn_config_memory_bytes (const NnConfig *config)
{
  uint64_t elem = config->dtype == NN_FLOAT64 ? 8 : 4;
  uint64_t n = (uint64_t) config->samples;
  uint64_t ld = (n + 15) & ~(uint64_t) 15;   /* the row stride of the activations (mlp.c) */
  uint64_t params = 0, acts = 0, widest = (uint64_t) config->inputs;

  for (int i = 0; i < config->depth; i++)
    {
      uint64_t in = i == 0 ? (uint64_t) config->inputs : (uint64_t) config->width;
      uint64_t out = i == config->depth - 1 ? (uint64_t) config->outputs : (uint64_t) config->width;

      params += in * out + out;
      acts += 2 * ld * out;   /* pre-activation and activation */
      if (nn_config_has_norm (config, i))
        params += 2 * out, acts += ld * out + ld + out;   /* norm parameters, x hat, 1 / std */
      if (nn_config_has_skip (config, i))
        acts += ld * out;     /* the layer's output h + act (...) */
      if (out > widest)
        widest = out;
    }

  /* parameters and gradients, X and Y, X with padded rows, activations,
   * two backward buffers */
  return elem * (2 * params + n * ((uint64_t) config->inputs + (uint64_t) config->outputs)
                 + ld * (uint64_t) config->inputs + acts + (config->residual ? 3 : 2) * ld * widest)
         + 16 * (uint64_t) config->depth + 4096
         + (config->norm == NN_NORM_LAYER ? 16 * ld : 0);   /* layer norm's per-sample sums */
}
