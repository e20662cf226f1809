/* gradlens-run-row.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-run.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_RUN_ROW (gradlens_run_row_get_type ())

G_DECLARE_FINAL_TYPE (GradlensRunRow, gradlens_run_row, GRADLENS, RUN_ROW, GtkListBoxRow)

GtkWidget          *gradlens_run_row_new              (GradlensRun        *run);
GtkWidget          *gradlens_run_row_new_for_sweep    (GradlensDepthSweep *sweep);
GradlensRun        *gradlens_run_row_get_run          (GradlensRunRow     *self);
GradlensDepthSweep *gradlens_run_row_get_sweep        (GradlensRunRow     *self);
GtkLabel           *gradlens_run_row_get_detail_label (GradlensRunRow     *self);

G_END_DECLS
