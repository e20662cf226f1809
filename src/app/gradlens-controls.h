/* gradlens-controls.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gradlens-config.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_CONTROLS (gradlens_controls_get_type ())

G_DECLARE_FINAL_TYPE (GradlensControls, gradlens_controls, GRADLENS, CONTROLS, GtkBox)

/* The side panel: one control per field of the experiment library's field
 * table (gradlens_fields()), its choices from the same table, and the depths
 * of a sweep. Reading it checks every value; an invalid one is marked on its
 * control (the "error" style class and the message as its tooltip). */
void       gradlens_controls_set_config      (GradlensControls        *self,
                                              const GradlensRunConfig *config);
gboolean   gradlens_controls_get_config      (GradlensControls        *self,
                                              GradlensRunConfig       *config,
                                              char                   **message);
void       gradlens_controls_clear_label     (GradlensControls        *self);

/* the depths of a sweep: from, to, step; shown in sweep mode, where the
 * depth of the network is the sweep's */
void       gradlens_controls_set_sweep_mode  (GradlensControls        *self,
                                              gboolean                 sweep_mode);
gboolean   gradlens_controls_get_depths      (GradlensControls        *self,
                                              GArray                  *depths,
                                              char                   **message);
void       gradlens_controls_mark_depths     (GradlensControls        *self,
                                              const char              *message);

/* the widgets, for tests and the state dump: a field's spin button, combo
 * row or switch, and the row that holds it */
GtkWidget *gradlens_controls_get_field_widget (GradlensControls       *self,
                                              const char              *section,
                                              const char              *key);
GtkWidget *gradlens_controls_get_field_row   (GradlensControls        *self,
                                              const char              *section,
                                              const char              *key);
GtkWidget *gradlens_controls_get_label_row   (GradlensControls        *self);
/* "group", "from", "to" or "step" */
GtkWidget *gradlens_controls_get_sweep_widget (GradlensControls       *self,
                                              const char              *name);

G_END_DECLS
