/* gradlens-builtin-presets.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The "Built-in Experiments" menu: one win.open-builtin item per preset in
 * the resource */
void gradlens_builtin_presets_fill_menu (GMenu *menu);

G_END_DECLS
