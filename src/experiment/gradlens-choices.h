/* gradlens-choices.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-config.h"

G_BEGIN_DECLS

/* What a user interface needs of the fields of gradlens-config.h without
 * knowing nn's enums: the words for the choices, a field's value in a
 * configuration, and whether it matters there. */

/* "Leaky ReLU" for ("network", "activation") choice "leaky_relu": the
 * translated label of choice `index` of a GRADLENS_FIELD_CHOICE field (the
 * name itself where there is no label, as for PyTorch's nonlinearities) */
const char *gradlens_choice_label     (const GradlensField     *field,
                                       int                      index);
/* one translated line on what choice `index` does, with its variance
 * formula for an initialisation scheme ("Glorot: normal with Var(W) =
 * gain² · 2/(n_in + n_out), ..."); NULL where there is none */
const char *gradlens_choice_description (const GradlensField   *field,
                                       int                      index);
/* the index of the choice named `name`, -1 if none */
int         gradlens_choice_index     (const GradlensField     *field,
                                       const char              *name);

/* a field's value in config: a choice's index, or a number */
int         gradlens_field_get_choice (const GradlensField     *field,
                                       const GradlensRunConfig *config);
double      gradlens_field_get_number (const GradlensField     *field,
                                       const GradlensRunConfig *config);
/* sets a field of config: a choice by index, or a number within its range */
void        gradlens_field_set_choice (const GradlensField     *field,
                                       GradlensRunConfig       *config,
                                       int                      index);
void        gradlens_field_set_number (const GradlensField     *field,
                                       GradlensRunConfig       *config,
                                       double                   value);

/* whether a field changes what config computes: the arguments of other
 * initialisation schemes and the slope of other activations do not (as in
 * torch.nn.init) */
gboolean    gradlens_field_is_used    (const GradlensField     *field,
                                       const GradlensRunConfig *config);

G_END_DECLS
