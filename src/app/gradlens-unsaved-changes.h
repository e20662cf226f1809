/* gradlens-unsaved-changes.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-window.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_UNSAVED_CHANGES (gradlens_unsaved_changes_get_type ())

G_DECLARE_FINAL_TYPE (GradlensUnsavedChanges, gradlens_unsaved_changes, GRADLENS, UNSAVED_CHANGES, GObject)

/* Save / Discard / Cancel before a modified experiment goes */
GradlensUnsavedChanges *gradlens_unsaved_changes_new           (GradlensWindow         *window);
gboolean                gradlens_unsaved_changes_confirm_close (GradlensUnsavedChanges *self);
void                    gradlens_unsaved_changes_replace       (GradlensUnsavedChanges *self,
                                                                const GradlensPreset   *preset,
                                                                GFile                  *file,
                                                                GTask                  *task);
void                    gradlens_unsaved_changes_saved         (GradlensUnsavedChanges *self,
                                                                gboolean                saved);
gboolean                gradlens_unsaved_changes_get_asking    (GradlensUnsavedChanges *self);
void                    gradlens_unsaved_changes_close         (GradlensUnsavedChanges *self);

G_END_DECLS
