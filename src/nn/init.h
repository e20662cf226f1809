/* init.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nn.h"

/* torch.nn.init on a weight of shape rows x cols (rows = fan_out,
 * cols = fan_in), drawing from rng in PyTorch's order. `w` is float or
 * double according to dtype. These draw exactly what PyTorch draws. */
void nn_init_linear_default (NnRng          *rng,
                             NnDtype         dtype,
                             void           *w,
                             void           *bias,
                             int             rows,
                             int             cols);
void nn_init_weight         (NnRng          *rng,
                             const NnConfig *config,
                             void           *w,
                             int             rows,
                             int             cols);
