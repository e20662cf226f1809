/* gradlens-error.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GRADLENS_ERROR (gradlens_error_quark ())

typedef enum
{
  GRADLENS_ERROR_INVALID_VALUE,    /* a field out of range or of the wrong type */
  GRADLENS_ERROR_INVALID_PRESET,   /* a preset file that cannot be read as one */
  GRADLENS_ERROR_TOO_LARGE,        /* a run over the memory limit, a file over 16 MiB */
  GRADLENS_ERROR_FAILED,           /* out of memory and other failures */
} GradlensError;

GQuark gradlens_error_quark (void);

G_END_DECLS
