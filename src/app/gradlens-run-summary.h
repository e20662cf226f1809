/* gradlens-run-summary.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gradlens-config.h"

G_BEGIN_DECLS

/* "20 inputs, 256 samples, float64": what differs from the defaults */
char *gradlens_run_summary_dup_differences (const GradlensRunConfig *config);

G_END_DECLS
