/* gradlens-locale.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* setlocale and gettext for the app: `locale` NULL takes the user's locale
 * (main), tests pass "C.UTF-8" */
void gradlens_locale_init (const char *locale);

G_END_DECLS
