/* gradlens-state-file.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-window.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_STATE_FILE (gradlens_state_file_get_type ())

G_DECLARE_FINAL_TYPE (GradlensStateFile, gradlens_state_file, GRADLENS, STATE_FILE, GObject)

/* The window's state for end-to-end tests (GRADLENS_STATE_FILE) */
GradlensStateFile *gradlens_state_file_new     (GradlensWindow    *window);
void               gradlens_state_file_changed (GradlensStateFile *self);
void               gradlens_state_file_close   (GradlensStateFile *self);

G_END_DECLS
