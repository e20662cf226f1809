/* gradlens-backward-page.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-page.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_BACKWARD_PAGE (gradlens_backward_page_get_type ())

G_DECLARE_FINAL_TYPE (GradlensBackwardPage, gradlens_backward_page, GRADLENS, BACKWARD_PAGE, GradlensPage)

/* The Backward Signal view (DESIGN.md "Teaching contracts"): per layer the
 * measured backward signal of each run (solid) beside the prediction of the
 * variance argument (dashed, the same colour), through
 * gradlens_figure_from_backward_signal(), and a table of the two gains per
 * layer whose product is the predicted step. */
GtkGrid *gradlens_backward_page_get_gains_grid (GradlensBackwardPage *self);
/* the gains table's text of a cell (row 0 is the heading, column 0 the
 * layer), for tests; NULL outside the table */
const char *gradlens_backward_page_get_gains_cell (GradlensBackwardPage *self,
                                                   int                   column,
                                                   int                   row);

G_END_DECLS
