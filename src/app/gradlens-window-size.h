/* gradlens-window-size.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The window's size and maximized state, kept in GSettings between starts */
GSettings *gradlens_window_size_restore (GtkWindow *window);
void       gradlens_window_size_save    (GtkWindow *window,
                                         GSettings *settings);

G_END_DECLS
