/* gradlens-application.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GRADLENS_TYPE_APPLICATION (gradlens_application_get_type ())

G_DECLARE_FINAL_TYPE (GradlensApplication, gradlens_application, GRADLENS, APPLICATION, AdwApplication)

GradlensApplication *gradlens_application_new (void);

G_END_DECLS
