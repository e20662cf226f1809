/* gradlens-diagnosis.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "nn.h"

G_BEGIN_DECLS

/* DESIGN.md "Teaching contracts": the findings of a run's "diagnosis", in
 * the order they are listed */
typedef enum
{
  GRADLENS_FINDING_VANISHING,
  GRADLENS_FINDING_EXPLODING,
  GRADLENS_FINDING_OUTPUT_INACTIVE,
  GRADLENS_FINDING_SATURATED,
  GRADLENS_FINDING_DEAD_UNITS,
  GRADLENS_FINDING_ZERO_GRADIENTS,
  GRADLENS_N_FINDING_KINDS
} GradlensFindingKind;

/* why gradient norms are exactly 0 (zero_gradients only) */
typedef enum
{
  GRADLENS_ZERO_CAUSE_NONE,
  GRADLENS_ZERO_CAUSE_NO_SIGNAL,   /* a layer has every unit dead */
  GRADLENS_ZERO_CAUSE_UNDERFLOW,   /* the number type ran out of range */
} GradlensZeroCause;

typedef struct
{
  GradlensFindingKind kind;
  int                 layer;   /* 1-based; 0 when the finding has none (JSON null) */
  double              value;
  GradlensZeroCause   cause;
} GradlensFinding;

/* "vanishing", "exploding", "output_inactive", "saturated", "dead_units",
 * "zero_gradients"; NULL when out of range */
const char *gradlens_finding_kind_name (GradlensFindingKind     kind);
/* "no_signal", "underflow"; NULL for GRADLENS_ZERO_CAUSE_NONE */
const char *gradlens_zero_cause_name   (GradlensZeroCause       cause);

/* Fills findings (room for GRADLENS_N_FINDING_KINDS) from one seed's
 * gradient norms (nn_config_n_params entries), its decay per layer (NAN when
 * undefined) and its layer statistics (config->depth entries), by the rules
 * of DESIGN.md; returns how many. */
guint       gradlens_diagnose          (const NnConfig         *config,
                                        const double           *norms,
                                        double                  decay_per_layer,
                                        const NnLayerStats     *layers,
                                        GradlensFinding        *findings);

/* The finding in one translated sentence for a student.
 * Returns: (transfer full) */
char       *gradlens_finding_text      (const GradlensFinding  *finding,
                                        const NnConfig         *config,
                                        const NnLayerStats     *layers);

G_END_DECLS
