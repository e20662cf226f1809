/* gradlens-guide.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gradlens-window.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_GUIDE (gradlens_guide_get_type ())

G_DECLARE_FINAL_TYPE (GradlensGuide, gradlens_guide, GRADLENS, GUIDE, AdwWindow)

/* The notebook's four questions and what they cost in training, each answered in a few sentences with the
 * notebook's definitions and formulas, numbers taken live from the runs of
 * the window's session, and a "Show me" button that opens the built-in
 * preset which shows the answer (win.open-builtin). */
typedef enum
{
  GRADLENS_GUIDE_PATTERN,
  GRADLENS_GUIDE_SIGMOID,
  GRADLENS_GUIDE_RELU,
  GRADLENS_GUIDE_INIT,
  GRADLENS_GUIDE_TRAINING,
  GRADLENS_GUIDE_REMEDIES,
  GRADLENS_GUIDE_N_QUESTIONS
} GradlensGuideQuestion;

GradlensGuide *gradlens_guide_new            (GradlensWindow        *window);
/* the answer's text as shown (with its live numbers) */
const char    *gradlens_guide_get_answer     (GradlensGuide         *self,
                                              GradlensGuideQuestion  question);
GtkButton     *gradlens_guide_get_show_button (GradlensGuide        *self,
                                              GradlensGuideQuestion  question);
/* the built-in preset a question's "Show me" opens */
const char    *gradlens_guide_get_preset     (GradlensGuideQuestion  question);

/* win.guide (F1): shows the window's guide; for the window's class_init */
void           gradlens_guide_install_action (GtkWidgetClass        *widget_class);

G_END_DECLS
