/* app-test-util.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-run-item.h"
#include "gradlens-window.h"

G_BEGIN_DECLS

/* The waiting and lookups the in-process window tests share. */

typedef gboolean (*Condition) (gpointer data);

/* spins the main context until cond (data) holds; a hang (not slowness)
 * fails the test after timeout_ms */
void             wait_for       (Condition       cond,
                                 gpointer        data,
                                 guint           timeout_ms,
                                 const char     *what);
gboolean         not_running    (gpointer        data);   /* a GradlensWindow */
gboolean         is_null        (gpointer        data);   /* a gpointer * */
/* destroys the window and checks that nothing keeps it alive */
void             destroy_window (GradlensWindow *window);
GradlensRunItem *run_at         (GradlensWindow *window,
                                 guint           i);
guint            n_runs         (GradlensWindow *window);
/* the question (an AdwMessageDialog) on screen, if any */
GtkWindow       *find_message_dialog (void);
/* a window of its own, shown and drawn once */
GradlensWindow  *new_window     (void);
/* a field's control in the side panel (asserted to exist) */
GtkWidget       *field_widget   (GradlensWindow *window,
                                 const char     *section,
                                 const char     *key);
/* spins the main context for ms milliseconds */
void             spin_for       (guint           ms);
/* a widget of the window by the name it had in the window's template (the
 * side panel's rows, the tables, the plot views...), through the classes'
 * accessors where they have one */
GtkWidget       *window_child   (GradlensWindow *window,
                                 const char     *name);
/* the GLib test framework in C.UTF-8, GTK and libadwaita for a window test,
 * GSettings in memory; without a display it exits (1 when one was named) */
void             app_test_init  (int            *argc,
                                 char         ***argv);

G_END_DECLS
