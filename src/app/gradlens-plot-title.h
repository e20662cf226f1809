/* gradlens-plot-title.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gradlens-session.h"

G_BEGIN_DECLS

/* the question that edits the plot's title (the user's, or the runs') */
GtkWindow   *gradlens_plot_title_dialog_new       (GtkWindow       *parent,
                                                   GradlensSession *session);
GtkEditable *gradlens_plot_title_dialog_get_entry (GtkWindow       *dialog);
/* win.edit-plot-title, installed by the window */
void         gradlens_plot_title_action           (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);

G_END_DECLS
