/* gradlens-preset-file.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gradlens-preset.h"

G_BEGIN_DECLS

/* Presets as files the user opens and saves: read (any GFile, up to 16 MiB)
 * in a worker thread, saved only as local files */
void            gradlens_preset_file_read_async  (GFile                 *file,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
GradlensPreset *gradlens_preset_file_read_finish (GAsyncResult          *result,
                                                  GError               **error);
gboolean        gradlens_preset_file_save        (const GradlensPreset  *preset,
                                                  GFile                 *file,
                                                  GError               **error);

/* a preset Gradlens ships (opened as a template, never rewritten) */
gboolean        gradlens_preset_file_is_shipped  (GFile                 *file);

G_END_DECLS
