/* gradlens-forward-page.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-page.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_FORWARD_PAGE (gradlens_forward_page_get_type ())

G_DECLARE_FINAL_TYPE (GradlensForwardPage, gradlens_forward_page, GRADLENS, FORWARD_PAGE, GradlensPage)

/* The Forward Pass view: a statistic of each layer's forward pass, one
 * series per run, through gradlens_figure_from_layer_stats() */
/* the statistic shown: "deriv_mean", "saturated_fraction", ... */
const char  *gradlens_forward_page_get_statistic   (GradlensForwardPage *self);
void         gradlens_forward_page_set_statistic   (GradlensForwardPage *self,
                                                    const char          *name);
GtkDropDown *gradlens_forward_page_get_chooser     (GradlensForwardPage *self);
GtkLabel    *gradlens_forward_page_get_explanation (GradlensForwardPage *self);

G_END_DECLS
