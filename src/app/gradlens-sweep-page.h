/* gradlens-sweep-page.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-page.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_SWEEP_PAGE (gradlens_sweep_page_get_type ())

G_DECLARE_FINAL_TYPE (GradlensSweepPage, gradlens_sweep_page, GRADLENS, SWEEP_PAGE, GradlensPage)

/* The Depth Sweep view: the first layer's weight gradient norm against the
 * depth, one series per sweep, through gradlens_figure_from_sweeps() */

G_END_DECLS
