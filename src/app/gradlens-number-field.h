/* gradlens-number-field.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gradlens-config.h"

G_BEGIN_DECLS

/* a spin button as a field of the side panel: the field table's range, the
 * wheel only while focused, a value not kept as typed said on the field */
void gradlens_number_field_setup (GtkSpinButton       *spin,
                                  const GradlensField *field);

G_END_DECLS
