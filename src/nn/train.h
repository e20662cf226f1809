/* train.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdatomic.h>

#include "mlp.h"
#include "optim.h"

/* Full-batch training of an NnMlp on its own X and Y, as this PyTorch loop
 * (DESIGN.md "Analysis contracts", `gradlens-cli train`):
 *
 *   for t in range (steps):
 *       opt.zero_grad (); loss = MSELoss () (model (X), Y); loss.backward ()
 *       record loss, every param.grad.norm () and, per Linear layer,
 *              (W_i - W_i(0)).norm () / W_i(0).norm ()
 *       opt.step ()
 *
 * Step 0 records what nn_mlp_step gives on the freshly set-up network. */
typedef struct NnTrainer NnTrainer;

/* mlp is borrowed and must outlive the trainer; NULL when out of memory */
NnTrainer  *nn_trainer_new        (NnMlp               *mlp,
                                   const NnOptimConfig *optim);
void        nn_trainer_free       (NnTrainer           *trainer);
/* bytes nn_trainer_new allocates besides the network */
size_t      nn_trainer_bytes      (const NnConfig      *config,
                                   const NnOptimConfig *optim);

/* call after nn_mlp_setup: the network's weights become W(0), the
 * optimizer starts afresh (step 0) */
void        nn_trainer_start      (NnTrainer           *trainer);

/* one step: forward, backward, the records, then the optimizer's update.
 * norms has nn_config_n_params entries, weight_change depth entries (see
 * nn_trainer_has_weight_change). Returns the loss; NAN when the cancel
 * flag stopped the step (the weights are then left as they were). */
double      nn_trainer_step       (NnTrainer           *trainer,
                                   double              *norms,
                                   double              *weight_change);

/* a flag that another thread sets to stop the training: the trainer hands
 * it to the network (nn_mlp_set_cancel_flag) and reads it too; a step that
 * it stops returns NAN and updates nothing. The caller owns the flag. */
void        nn_trainer_set_cancel_flag (NnTrainer        *trainer,
                                        const atomic_int *flag);

/* false when ||W_l(0)|| is 0: layer l's relative weight change is undefined
 * (its entry of weight_change is NAN) */
bool        nn_trainer_has_weight_change (const NnTrainer *trainer,
                                          int              l);
