/* gradlens-progress.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gradlens-job.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_PROGRESS (gradlens_progress_get_type ())

G_DECLARE_FINAL_TYPE (GradlensProgress, gradlens_progress, GRADLENS, PROGRESS, GObject)

/* The progress of a job in a revealer and its progress bar: shown only when
 * the job takes a while (the notebook's runs take microseconds and should
 * not make it flicker), pulsing while the job gives no fraction, and a line
 * for the header ("text", NULL while hidden). */
GradlensProgress *gradlens_progress_new      (GtkRevealer      *revealer,
                                              GtkProgressBar   *bar);
void              gradlens_progress_begin    (GradlensProgress *self,
                                              GradlensJob      *job);
void              gradlens_progress_end      (GradlensProgress *self);
const char       *gradlens_progress_get_text (GradlensProgress *self);

G_END_DECLS
