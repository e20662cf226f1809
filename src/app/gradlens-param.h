/* gradlens-param.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gradlens-run.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_PARAM (gradlens_param_get_type ())

G_DECLARE_FINAL_TYPE (GradlensParam, gradlens_param, GRADLENS, PARAM, GObject)

/* One row of a table: row `index` of `owner` (a GradlensRun for the tables
 * of gradient norms and of layers, a GradlensDepthSweep for a sweep's) */
GradlensParam *gradlens_param_new       (GradlensRun    *run,
                                         guint           index);
GradlensParam *gradlens_param_new_for   (gpointer        owner,
                                         guint           index);
GradlensRun   *gradlens_param_get_run   (GradlensParam  *self);
gpointer       gradlens_param_get_owner (GradlensParam  *self);
guint          gradlens_param_get_index (GradlensParam  *self);
char          *gradlens_param_dup_text  (GradlensParam  *self,
                                         GradlensColumn  column);

G_END_DECLS
