/* gradlens-train-page.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-page.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_TRAIN_PAGE (gradlens_train_page_get_type ())

G_DECLARE_FINAL_TYPE (GradlensTrainPage, gradlens_train_page, GRADLENS, TRAIN_PAGE, GradlensPage)

/* The Training view: the session's runs trained side by side, a heatmap
 * of each parameter's gradient norm per step over the loss, and a step
 * slider (with play) that shows that step's norm profile in the plot. */
guint    gradlens_train_page_get_step    (GradlensTrainPage *self);
void     gradlens_train_page_set_step    (GradlensTrainPage *self,
                                          guint              step);
gboolean gradlens_train_page_get_playing (GradlensTrainPage *self);
/* trains the session's runs with the settings of the page's controls */
gboolean gradlens_train_page_train       (GradlensTrainPage *self,
                                          GError           **error);
/* the number field of a training setting: "steps", "lr" or "momentum" */
GtkSpinButton *gradlens_train_page_get_field (GradlensTrainPage *self,
                                              const char        *key);

G_END_DECLS
