/* gradlens-gradients-page.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-page.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_GRADIENTS_PAGE (gradlens_gradients_page_get_type ())

G_DECLARE_FINAL_TYPE (GradlensGradientsPage, gradlens_gradients_page, GRADLENS, GRADIENTS_PAGE, GradlensPage)

/* The Gradient Norms view: each parameter's gradient norm, one series per
 * run, through gradlens_figure_from_results() */

G_END_DECLS
