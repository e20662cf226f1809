/* gradlens-preview.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gradlens-window.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_PREVIEW (gradlens_preview_get_type ())

G_DECLARE_FINAL_TYPE (GradlensPreview, gradlens_preview, GRADLENS, PREVIEW, GObject)

/* The live preview, a playground: while it is on ("active", toggled by the
 * action win.preview) and the controls' configuration is cheap (estimated
 * under GRADLENS_PREVIEW_BUDGET_MS), every change of a control computes it
 * in a worker (a GradlensJob of its own, so that it never stops the
 * session's runs; a newer change cancels an older one) and the Gradient
 * Norms view draws it as a dashed series after the runs. Ctrl+Return
 * (win.run) keeps it as a run; the preview then waits for the next change. */
#define GRADLENS_PREVIEW_BUDGET_MS 20.0

/* the cost of a configuration in milliseconds, from its multiply-adds at a
 * rate this kind of machine always reaches (forward and backward, every
 * seed); a rough upper bound */
double           gradlens_preview_estimate_ms (const GradlensRunConfig *config);

GradlensPreview *gradlens_preview_new         (GradlensWindow          *window);
gboolean         gradlens_preview_get_active  (GradlensPreview         *self);
void             gradlens_preview_set_active  (GradlensPreview         *self,
                                               gboolean                 active);
/* the result drawn, NULL when none (off, too costly, invalid, kept) */
const GradlensRunResult *gradlens_preview_get_result (GradlensPreview  *self);
/* a worker is computing a preview */
gboolean         gradlens_preview_get_busy    (GradlensPreview         *self);
/* the preview of the window (created with win.preview), or NULL */
GradlensPreview *gradlens_preview_get_for_window (GradlensWindow       *window);

/* win.preview: for the window's class_init */
void             gradlens_preview_install_action (GtkWidgetClass       *widget_class);

G_END_DECLS
